"""Invariants over generated page texts: lossless, well-formed, valid TEI, encoding-blind."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st
from lxml import etree

from helpers import examples
from strategies import page_text
from tei_edition.encoder import encode
from datetime import date

from tei_edition.errors import EncodingCheckError, InputError
from tei_edition.model import ROLES, Correction, Metadata
from tei_edition.ingest.blocks import strip_markers
from tei_edition.tei import non_space, serialize

PROFILE = settings(max_examples=examples(60))

# Failures the property tests found once, kept so that every run tries them again.
_LONG = "这是第一篇文章的第一段，内容比较长，足以构成重复段落的检测条件，我们需要超过二十个字。"
FOUND = [
    # A lead paragraph (between a headline and its byline) that repeats an earlier
    # paragraph: p/@copyOf inside argument was invalid (issue 8).
    f"## 第一篇标题\n\n{_LONG}\n\n## 第二篇标题\n\n{_LONG}\n\n全媒体记者 杨佳\n\n第二篇的正文段落。\n",
    # A column name with no text before it (issue 2).
    "## 快语新言\n\n本版编辑 郭洪涛\n",
    # A sign-off after the first paragraph of an article that opened with a run-in byline:
    # making a part of that paragraph left the run-in byline before a div (issue 9).
    "本报讯（全媒体记者 刘爽）1月1日，0000。\n\n全媒体记者 杨佳\n\n本报讯（全媒体记者 刘爽）1月1日，0000。\n\n",
    # A closing byline after a section head with no text: the section could not hold it.
    "0000。\n\n### 00\n\n全媒体记者 杨佳\n\n",
    # Two sign-offs after a section that follows the article's own paragraph: the second
    # made a part of that paragraph and wrote it after the section (issue 9).
    "0000。\n\n### 00\n\n0000。\n\n全媒体记者 杨佳\n\n全媒体记者 杨佳\n\n0000。\n\n",
    # A sign-off on a block's last line before a list and a stack of headlines (issue 9).
    "## 00\n\n人物：00\n\n0000如下：\n\n一、0000。\n0000。\n——本报辽宁分社记者胡婧怡\n## 00\n\n0000。\n\n"
    "## 00\n\n## 00\n\n新华社发 胡学军 摄\n\n0000。\n\n0000，\n\n0000。\n\n0000。\n\n",
    # A short headline read as the column of the text before it, which then became a
    # photo's caption: no article preceded it to attach to (issue 9, round two).
    "0000。\n新华社发 胡学军 摄\n\n## 00\n\n",
    "0000。\n\n新华社发 胡学军 摄\n\n## 00\n\n",
]


def _with_found(test):
    for text in FOUND:
        test = example(text)(test)
    return test


def _encode(text: str, **kw):
    try:
        return encode(text.encode("utf-8"), name="generated.txt", when="2026-11-27", **kw)
    except InputError:
        # Only texts with nothing to encode may be refused.
        assert not non_space(strip_markers(text))
        return None


@PROFILE
@_with_found
@given(page_text())
def test_every_source_character_is_in_the_tei_in_order(text):
    result = _encode(text, validate=False)
    if result is None:
        return
    tei_text = "".join(result.tree.getroot().find("{*}text").itertext())
    assert non_space(tei_text) == non_space(strip_markers(text))
    # And it survives serialisation: the bytes parse back to the same text.
    reparsed = etree.fromstring(serialize(result.tree))
    assert non_space("".join(reparsed.find("{*}text").itertext())) == non_space(strip_markers(text))


@PROFILE
@_with_found
@given(page_text())
def test_generated_pages_are_valid_full_tei(tei_all, text):
    # validate=True: the project's schema too (a rejection raises EncodingCheckError).
    result = _encode(text, validate=True)
    if result is None:
        return
    assert tei_all.validate(result.tree), str(tei_all.error_log.filter_from_errors()[:3])


@settings(max_examples=examples(30))
@given(page_text())
def test_gb18030_and_utf8_give_the_same_tei_text(text):
    try:
        gb = text.encode("gb18030")
    except UnicodeEncodeError:
        return
    try:
        gb.decode("utf-8")
        # Valid UTF-8 wins (docs/encoding.md): a few GB18030 pairs are also UTF-8 (图 = CD BC
        # = U+037C); real Chinese GB18030 text of any length is not.
        return
    except UnicodeDecodeError:
        pass
    a = _encode(text, validate=False)
    if a is None:
        return
    b = encode(gb, name="generated.txt", when="2026-11-27", validate=False)
    assert "".join(a.tree.getroot().find("{*}text").itertext()) == \
        "".join(b.tree.getroot().find("{*}text").itertext())


@settings(max_examples=examples(40))
@given(st.binary(min_size=1, max_size=200))
def test_arbitrary_bytes_are_encoded_or_refused_cleanly(data):
    try:
        result = encode(data, name="bytes.txt", when="2026-11-27", validate=False)
    except InputError as exc:
        assert "bytes.txt" in str(exc)
        return
    assert result.tree.getroot().find("{*}text") is not None


@PROFILE
@example(FOUND[0], [], False)
# A sign-off after a block the editor attached to the previous article as its kicker: the
# sign-off closed a part of the text and was written before that trailer (issue 9).
@example("## 00\n\n人物：00\n\n0000如下：\n\n一、0000。\n0000。\n——本报辽宁分社记者胡婧怡\n## 00\n\n0000。\n",
         [(1, "kicker", None, None, None), (7, "kicker", "previous", None, None),
          (10, "sub", None, None, None)], False)
@given(page_text(),
       st.lists(st.tuples(st.integers(1, 40), st.sampled_from(ROLES + ("",)),
                          st.sampled_from([None, "previous", "next"]),
                          st.sampled_from([None, True, False]),
                          st.sampled_from([None, "chars", "paragraphs", "none"])), max_size=4),
       st.booleans())
def test_editorial_corrections_never_lose_text_or_break_the_schema(text, corrections, dated):
    """Any correction an editor may write is applied losslessly and validly, or refused."""
    meta = Metadata(language="zh-Hans", date=date(2022, 8, 26) if dated else None, page="1")
    meta.corrections = [Correction(sidecar_line=n + 1, line=line, role=role or None, attach=attach,
                                   join=join, missing_start=missing)
                        for n, (line, role, attach, join, missing) in enumerate(corrections)]
    try:
        encode(text.encode("utf-8"), meta, name="generated.txt", when="2026-11-27", validate=True)
    except EncodingCheckError:
        raise
    except InputError:
        pass        # refused with a message (a correction that matches nothing, ...)
