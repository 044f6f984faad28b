"""Invariants over generated page texts: lossless, well-formed, valid TEI, encoding-blind."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from strategies import page_text
from tei_edition.encoder import encode
from datetime import date

from tei_edition.errors import EncodingCheckError, InputError
from tei_edition.model import ROLES, Correction, Metadata
from tei_edition.ingest.blocks import strip_markers
from tei_edition.tei import non_space, serialize

PROFILE = settings(max_examples=int(os.environ.get("TEI_EDITION_EXAMPLES", "60")), deadline=None,
                   suppress_health_check=[HealthCheck.too_slow])


def _encode(text: str, **kw):
    try:
        return encode(text.encode("utf-8"), name="generated.txt", when="2026-11-27", **kw)
    except InputError:
        # Only texts with nothing to encode may be refused.
        assert not non_space(strip_markers(text))
        return None


@PROFILE
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
@given(page_text())
def test_generated_pages_are_valid_full_tei(tei_all, text):
    result = _encode(text, validate=False)
    if result is None:
        return
    assert tei_all.validate(result.tree), str(tei_all.error_log.filter_from_errors()[:3])


@settings(max_examples=30, deadline=None)
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


@settings(max_examples=40, deadline=None)
@given(st.binary(min_size=1, max_size=200))
def test_arbitrary_bytes_are_encoded_or_refused_cleanly(data):
    try:
        result = encode(data, name="bytes.txt", when="2026-11-27", validate=False)
    except InputError as exc:
        assert "bytes.txt" in str(exc)
        return
    assert result.tree.getroot().find("{*}text") is not None


@PROFILE
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
