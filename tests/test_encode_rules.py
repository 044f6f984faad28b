"""One rule of the encoder per test, on small inputs (docs/encoding.md)."""

from __future__ import annotations

import pytest
from lxml import etree

from helpers import encode_text, texts, xp
from tei_edition.encoder import encode_path
from tei_edition.errors import EncodingCheckError, InputError, SidecarError
from tei_edition.tei import check_lossless

DATED = '[issue]\ndate = 2022-08-26\n'


# -- decoding ---------------------------------------------------------------------------
def body_text(result) -> str:
    return "".join(xp(result, "//t:text")[0].itertext())


@pytest.mark.parametrize("encoding,prefix", [("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"),
                                             ("gb18030", b"")])
def test_utf8_bom_gb18030_and_crlf_decode_to_the_same_tei(tmp_path, encoding, prefix):
    text = "## 市政府召开常务会议\r\n\r\n会议强调，要深入贯彻精神。\r\n"
    plain = encode_text(tmp_path, text.replace("\r\n", "\n"), name="plain")
    other = encode_text(tmp_path, prefix + text.encode(encoding), name="other")
    assert body_text(other) == body_text(plain)
    expected = {"gb18030": "GB18030", "utf-8": "UTF-8 with BOM" if prefix else "UTF-8"}[encoding]
    assert f"Decoded from {expected} with CRLF" in "".join(xp(other, "//t:normalization")[0].itertext())


@pytest.mark.parametrize("data,message", [
    (b"", "empty file"),
    (b"  \n\n ", "only white space"),
    (b"\xff\xfeh\x00i\x00", "UTF-16"),
    (b"\x00\x01\x02binary", "binary data"),
    (b"<!DOCTYPE html><html><body>x</body></html>", "HTML"),
    (b"%PDF-1.7 ...", "PDF"),
    (b"## title\n\n\xff\xfe\xfd\x80 text", "neither UTF-8 nor GB18030"),
    ("正文\x07内容".encode(), "control character U+0007"),
])
def test_bad_input_is_refused_with_a_reason(tmp_path, data, message):
    with pytest.raises(InputError) as info:
        encode_text(tmp_path, data)
    assert message in str(info.value)
    assert "page.txt" in str(info.value)


def test_undecodable_byte_names_its_line(tmp_path):
    with pytest.raises(InputError) as info:
        encode_text(tmp_path, "第一行\n\n第二行\n".encode() + b"\x81\x20oops\n")
    assert info.value.line == 4


# -- headlines --------------------------------------------------------------------------
def test_kicker_main_sub_and_section(tmp_path):
    result = encode_text(tmp_path, "### 市委常委会召开会议\n\n## 深入学习贯彻讲话精神\n\n郭灵计主持\n\n"
                                   "会议指出，要牢固树立思维。\n\n### 未诉先办 为民服务\n\n发现问题提前一步。\n")
    heads = [(h.get("type"), h.text) for h in xp(result, "//t:div[@type='article']/t:head")]
    assert heads == [("kicker", "市委常委会召开会议"), ("main", "深入学习贯彻讲话精神"), ("sub", "郭灵计主持")]
    assert texts(result, "//t:div[@type='section']/t:head") == ["未诉先办 为民服务"]
    assert texts(result, "//t:div[@type='section']/t:p") == ["发现问题提前一步。"]


def test_two_headlines_in_a_row_make_a_column_name(tmp_path):
    result = encode_text(tmp_path, "## 快语新言\n\n## 生态环境改善没有休止符\n\n赵艳红\n\n随着社会发展。\n")
    assert [(h.get("type"), h.text) for h in xp(result, "//t:head")] == [
        ("column", "快语新言"), ("main", "生态环境改善没有休止符")]
    assert texts(result, "//t:byline/t:persName") == ["赵艳红"]


def test_headline_with_nothing_after_it_is_the_previous_articles_column(tmp_path):
    result = encode_text(tmp_path, "## 标题\n\n正文内容。\n\n## 快语新言\n\n本版编辑 郭洪涛\n")
    assert texts(result, "//t:div[@type='article']/t:trailer[@type='column']") == ["快语新言"]
    assert len(xp(result, "//t:div[@type='article']")) == 1


def test_lead_before_a_standalone_byline_is_an_argument(tmp_path):
    result = encode_text(tmp_path, "## 标题\n\n这是导语，概括全文。\n\n记者 张三\n\n正文第一段。\n")
    assert texts(result, "//t:argument/t:p") == ["这是导语，概括全文。"]


# -- bylines ----------------------------------------------------------------------------
def test_run_in_byline_is_split_before_the_paragraph(tmp_path):
    result = encode_text(tmp_path, "## 标题\n\n本报讯（全媒体记者 崔圣驰 通讯员 刘万平）四平新开区始终坚持。\n",
                         DATED)
    byline = xp(result, "//t:byline[@rend='run-in']")[0]
    assert "".join(byline.itertext()) == "本报讯（全媒体记者 崔圣驰 通讯员 刘万平）"
    assert texts(result, "//t:byline/t:roleName") == ["全媒体记者", "通讯员"]
    assert texts(result, "//t:byline/t:persName") == ["崔圣驰", "刘万平"]
    assert byline.getnext().tag.endswith("}p")
    assert texts(result, "//t:div/t:p") == ["四平新开区始终坚持。"]
    assert texts(result, "//t:biblStruct/t:analytic/t:author/t:persName") == ["崔圣驰", "刘万平"]


def test_news_agency_byline(tmp_path):
    result = encode_text(tmp_path, "## 标题\n\n新华社北京8月25日电（记者 张三）今天召开会议。\n", DATED)
    byline = xp(result, "//t:byline[@rend='run-in']")[0]
    assert texts(result, "//t:byline/t:orgName") == ["新华社"]
    assert texts(result, "//t:byline/t:placeName") == ["北京"]
    assert [d.get("when") for d in byline.iter("{*}date")] == ["2022-08-25"]
    assert texts(result, "//t:byline/t:persName") == ["张三"]


def test_standalone_byline_with_role(tmp_path):
    result = encode_text(tmp_path, "## 标题\n\n全媒体记者 杨佳\n\n正文。\n")
    byline = xp(result, "//t:div/t:byline")[0]
    assert [c.text for c in byline] == ["全媒体记者", "杨佳"]


# -- dates ------------------------------------------------------------------------------
@pytest.mark.parametrize("text,when", [
    ("8月25日，会议召开。", "2022-08-25"),
    ("2021年12月3日，会议召开。", "2021-12-03"),
    ("2022年全市工作。", "2022"),
    ("8月30日起施行。", None),          # after the issue: left open
    ("2月30日，有误。", "no date"),       # not a date at all
])
def test_dates_take_the_issue_year(tmp_path, text, when):
    result = encode_text(tmp_path, f"## 标题\n\n{text}\n", DATED)
    dates = xp(result, "//t:text//t:date")
    if when == "no date":
        assert dates == []
    else:
        assert [d.get("when") for d in dates] == [when]


def test_dates_without_an_issue_date_have_no_value(tmp_path):
    result = encode_text(tmp_path, "## 标题\n\n8月25日，会议召开。\n")
    assert [(d.text, d.get("when")) for d in xp(result, "//t:text//t:date")] == [("8月25日", None)]
    assert xp(result, "//t:sourceDesc/t:biblStruct/t:monogr/t:imprint/t:date/@cert") == ["unknown"]


# -- figures and furniture --------------------------------------------------------------
def test_caption_with_credit_is_a_figure(tmp_path):
    result = encode_text(tmp_path, "## 标题\n\n正文。\n\n“匠心”园是口袋公园。 全媒体记者 宋莹莹 摄\n\n## 下一篇\n\n正文。\n")
    figure = xp(result, "//t:body/t:figure[@type='photo']")[0]
    assert texts(result, "//t:figure/t:p") == ["“匠心”园是口袋公园。"]
    assert texts(result, "//t:figure/t:byline/t:persName[@role='photographer']") == ["宋莹莹"]
    assert figure.getparent().tag.endswith("body")


def test_furniture_is_fw_and_in_the_header(tmp_path):
    result = encode_text(tmp_path, "## 标题\n\n正文。\n\n本版编辑 郭洪涛 程源\n\n本版校对 王国成\n")
    assert texts(result, "//t:body/t:fw[@type='credit']") == ["本版编辑 郭洪涛 程源", "本版校对 王国成"]
    resp = xp(result, "//t:sourceDesc/t:biblStruct/t:monogr/t:respStmt")
    assert [(r[0].text, [p.text for p in r[1:]]) for r in resp] == [
        ("本版编辑", ["郭洪涛", "程源"]), ("本版校对", ["王国成"])]


# -- joins ------------------------------------------------------------------------------
def test_short_unfinished_block_after_a_headline_is_a_subtitle(tmp_path):
    # A short line under the headline is a subtitle when it ends at a word's end ...
    text = "## 标题\n\n深入推进乡村振兴\n\n全省秋粮收购进展顺利。\n"
    assert texts(encode_text(tmp_path, text, name="a"), "//t:head[@type='sub']") == ["深入推进乡村振兴"]
    # ... and a paragraph's first half when a column break cut a word the next block
    # finishes (保障国|家: 国家); the sidecar still decides either way.
    cut = "## 标题\n\n坚决扛起保障国\n\n家粮食安全重要政治责任。\n"
    assert texts(encode_text(tmp_path, cut, name="b"), "//t:div/t:p") == ["坚决扛起保障国家粮食安全重要政治责任。"]
    forced = encode_text(tmp_path, cut, '[[correction]]\nline = 3\nrole = "sub"\n', name="c")
    assert texts(forced, "//t:head[@type='sub']") == ["坚决扛起保障国"]


def test_paragraph_split_by_a_column_break_is_joined(tmp_path):
    result = encode_text(tmp_path, "## 标题\n\n首段。\n\n坚决扛起保障国\n\n家粮食安全重要政治责任。\n\n下一段。\n")
    paras = xp(result, "//t:div/t:p")[1:]
    assert len(paras) == 2
    assert paras[0][0].tag.endswith("}cb") and paras[0][0].get("break") == "no"
    assert paras[0].text == "坚决扛起保障国" and paras[0][0].tail == "家粮食安全重要政治责任。"
    assert xp(result, "//t:num[@type='joins']/@value") == ["1"]


def test_no_join_after_a_finished_sentence(tmp_path):
    result = encode_text(tmp_path, "## 标题\n\n第一段结束了。\n\n第二段。\n")
    assert len(xp(result, "//t:div/t:p")) == 2


def test_join_across_a_form_feed_keeps_the_page_break(tmp_path):
    result = encode_text(tmp_path, "## 标题\n\n首段。\n\n坚决扛起保障国\n\f\n家粮食安全。\n", "[issue]\npage = 3\n")
    para = xp(result, "//t:div/t:p")[1]
    assert [c.tag.split("}")[1] for c in para] == ["pb"]
    assert xp(result, "//t:body/t:pb/@n") == ["3"]


def test_editor_can_refuse_a_join(tmp_path):
    result = encode_text(tmp_path, "## 标题\n\n首段。\n\n没有句号的一段\n\n另一段。\n",
                         '[[correction]]\nline = 7\njoin = false\n')
    assert len(xp(result, "//t:div/t:p")) == 3
    assert "not joined" in texts(result, "//t:change")[-1]


# -- repeats and gaps -------------------------------------------------------------------
LONG = "侯川强调，在加快推进四平市人力资源产业园建设中，一要进一步提高站位，共促人才新产业振兴，充分发挥广大政协委员的优势。"


def test_exact_and_near_repeats_are_linked_not_deleted(tmp_path):
    near = "资源服务" + LONG[15:]
    result = encode_text(tmp_path, f"## 标题\n\n{LONG}\n\n中间一段。\n\n{LONG}\n\n{near}\n")
    paras = xp(result, "//t:div/t:p")
    assert [p.get("copyOf") for p in paras] == [None, None, "#a01-p1", "#a01-p1"]
    assert "".join(paras[3].itertext()) == near
    assert xp(result, "//t:num[@type='nearRepeats']/@value") == ["1"]


def test_repeated_article_points_to_the_first(tmp_path):
    article = f"## 市政府召开常务会议\n\n{LONG}\n\n会议还研究了其他事项。\n\n"
    result = encode_text(tmp_path, article + "## 别的文章\n\n内容。\n\n" + article)
    divs = xp(result, "//t:div[@type='article']")
    assert [d.get("copyOf") for d in divs] == [None, None, "#a01"]
    assert divs[2].get("decls") == "#bibl-a01"
    assert len(xp(result, "//t:listBibl/t:biblStruct")) == 2


def test_short_boilerplate_is_not_a_repeat(tmp_path):
    result = encode_text(tmp_path, "## 甲\n\n会议还研究了其他事项。\n\n## 乙\n\n会议还研究了其他事项。\n")
    assert xp(result, "//t:p/@copyOf") == []


def test_article_starting_mid_sentence_gets_a_gap(tmp_path):
    result = encode_text(tmp_path, "## 标题\n\n全媒体记者 杨佳\n\n够，更要有完善的机制保障。\n")
    para = xp(result, "//t:div/t:p")[0]
    assert para.get("part") == "F"
    gap = para[0]
    assert gap.tag.endswith("gap") and gap.get("reason") == "missing" and gap.tail.startswith("够，")


def test_editor_marks_missing_paragraphs(tmp_path):
    result = encode_text(tmp_path, "## 标题\n\n完整的一句话。\n",
                         '[[correction]]\ntext = "完整的"\nmissing_start = "paragraphs"\n')
    gap = xp(result, "//t:div/t:gap")[0]
    assert gap.get("unit") == "paragraphs" and gap.getnext().tag.endswith("}p")


# -- pages ------------------------------------------------------------------------------
def test_form_feed_and_page_marker_make_page_breaks(tmp_path):
    text = "## 甲\n\n第一版的文字。\n\f## 乙\n\n第二版的文字。\n\n-- 第3版 --\n\n## 丙\n\n第三版的文字。\n"
    result = encode_text(tmp_path, text, "[issue]\npage = 1\n[pages]\nmarker = '^-- 第(\\d+)版 --$'\n")
    assert xp(result, "//t:pb/@n") == ["1", "2", "3"]
    assert texts(result, "//t:fw[@type='pageNum']") == ["-- 第3版 --"]


# -- sidecar ----------------------------------------------------------------------------
def test_attach_previous_keeps_source_order_in_a_trailer(tmp_path):
    result = encode_text(tmp_path, "## 报道\n\n正文。\n\n## 系列通栏\n\n## 评论标题\n\n评论正文。\n",
                         '[[correction]]\nline = 5\nrole = "kicker"\nattach = "previous"\nnote = "banner"\n')
    divs = xp(result, "//t:div[@type='article']")
    assert [t.text for t in divs[0].findall("{*}trailer")] == ["系列通栏"]
    assert [h.text for h in divs[1].findall("{*}head")] == ["评论标题"]
    change = texts(result, "//t:change")[-1]
    assert "sidecar line 1" in change and "banner" in change


@pytest.mark.parametrize("sidecar,message,line", [
    ("[issue]\ndate = 2022-13-45\n", "not valid TOML", 2),
    ("[issue]\ndate = \"26.08.2022\"\n", "not a real date", 2),
    ("[issue]\ndate = 2999-01-01\n", "in the future", 2),
    ("[newspaper]\ntitle = \"x\"\ncolour = \"red\"\n", "unknown key 'colour'", 3),
    ("[paper]\ntitle = \"x\"\n", "unknown table or key 'paper'", 1),
    ("\n[[correction]]\nline = 99\nrole = \"main\"\n", "matches no block", 2),
    ("[[correction]]\ntext = \"不存在\"\nrole = \"main\"\n", "matches the start of no block", 1),
    ("[[correction]]\nline = 1\nrole = \"headline\"\n", "unknown role 'headline'", 3),
    ("[[correction]]\nline = 1\n", "changes nothing", 1),
    ("[[correction]]\nline = 1\nrole = \"main\"\nsplitat = \"x\"\n", "unknown key 'splitat'", 4),
    ("[pages]\nmarker = '(['\n", "not a valid regular expression", 2),
])
def test_sidecar_errors_name_the_line(tmp_path, sidecar, message, line):
    with pytest.raises(SidecarError) as info:
        encode_text(tmp_path, "## 标题\n\n正文。\n", sidecar)
    assert message in str(info.value)
    assert info.value.line == line
    assert info.value.path.endswith("page.toml")


def test_missing_sidecar_uses_defaults_and_says_so(tmp_path):
    result = encode_text(tmp_path, "## 标题\n\n正文。\n")
    assert result.notices and "no sidecar" in result.notices[0]
    assert texts(result, "//t:sourceDesc/t:biblStruct/t:monogr/t:title") == ["报名不详"]


# -- the guarantee ----------------------------------------------------------------------
def test_lossless_check_fails_loudly_when_text_is_lost(tmp_path):
    result = encode_text(tmp_path, "## 标题\n\n正文内容。\n")
    para = xp(result, "//t:div/t:p")[0]
    para.text = "正文内"
    with pytest.raises(EncodingCheckError, match="lossless check failed"):
        check_lossless(result.tree, "标题\n\n正文内容。\n", "page.txt")


def test_editor_splits_a_block(tmp_path):
    result = encode_text(tmp_path, "## 标题\n\n胡斌主持会议并讲话 会议强调，要深入贯彻。\n",
                         '[[correction]]\nline = 3\nsplit_at = "会议强调"\n'
                         '[[correction]]\nline = 3\nrole = "sub"\n')
    assert texts(result, "//t:head[@type='sub']") == ["胡斌主持会议并讲话"]
    assert texts(result, "//t:div/t:p") == ["会议强调，要深入贯彻。"]
    assert "split before '会议强调'" in texts(result, "//t:change")[-2]


def test_editor_denies_and_asserts_repeats(tmp_path):
    other = "完全不同的一段文字，" * 3 + "结束。"
    text = f"## 标题\n\n{LONG}\n\n{LONG}\n\n{other}\n"
    denied = encode_text(tmp_path, text, '[[correction]]\nline = 5\nrepeat = false\n', name="a")
    assert xp(denied, "//t:p/@copyOf") == []
    asserted = encode_text(tmp_path, text, '[[correction]]\nline = 7\nrepeat_of = 3\n', name="b")
    assert xp(asserted, "//t:p/@copyOf") == ["#a01-p1", "#a01-p1"]


def test_editor_attaches_a_caption_to_the_next_article(tmp_path):
    result = encode_text(tmp_path, "## 甲\n\n正文。\n\n图为现场。 记者 张三 摄\n\n## 乙\n\n正文。\n",
                         '[[correction]]\nline = 5\nattach = "next"\n')
    divs = xp(result, "//t:div[@type='article']")
    assert divs[1].find("{*}figure") is not None and divs[0].find("{*}figure") is None


# -- shapes that once made invalid TEI (issue 8) ------------------------------------------
def test_a_lead_that_repeats_an_earlier_paragraph_is_linked_in_its_argument(tmp_path):
    lead = "这是第一篇文章的第一段，内容比较长，足以构成重复段落的检测条件，我们需要超过二十个字。"
    result = encode_text(tmp_path, f"## 第一篇标题\n\n{lead}\n\n## 第二篇标题\n\n{lead}\n\n"
                                   "全媒体记者 杨佳\n\n第二篇的正文段落。\n")
    assert [p.get("copyOf") for p in xp(result, "//t:argument/t:p")] == ["#a01-p1"]


def test_a_page_marker_inside_a_split_paragraph_stays_where_it_fell(tmp_path):
    result = encode_text(tmp_path, "## 标题\n\n会议强调，要深入贯彻精神。\n\n这是一段很长的话，要保障国\n\n"
                                   "— 2 —\n\n家粮食安全。\n",
                         sidecar='[pages]\nmarker = "^— (\\\\d+) —$"\n')
    para = xp(result, "//t:p[t:pb]")[0]
    assert [etree.QName(e).localname for e in para] == ["pb", "fw"]
    assert "".join(para.itertext()) == "这是一段很长的话，要保障国— 2 —家粮食安全。"


def test_an_internal_error_names_the_source_line(tmp_path, monkeypatch):
    # A writer that refused a shape (a bug) must say which source line it came from.
    from tei_edition import tei

    monkeypatch.setitem(tei.PLACES, "items", (tei.Gap,))
    with pytest.raises(EncodingCheckError) as info:
        encode_text(tmp_path, "## 标题\n\n第一段。\n\n第二段正文。\n")
    assert info.value.line == 3 and "page.txt:3:" in str(info.value)


def test_a_paragraph_too_long_for_an_xml_parser_is_refused_with_its_line(tmp_path):
    # What the encoder writes must be readable by `validate` (libxml2 refuses a text node
    # over 10 MB without its huge-tree option, which untrusted input never gets).
    with pytest.raises(InputError) as info:
        encode_text(tmp_path, "## 标题\n\n" + "字" * 3_400_000 + "\n")
    assert info.value.line == 3 and "10 MB" in str(info.value)


@pytest.mark.parametrize("epoch", ["1700000000000", "-5", "2023-01-01", "1e9"])
def test_a_malformed_source_date_epoch_is_an_input_error(tmp_path, monkeypatch, epoch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    with pytest.raises(InputError) as info:
        encode_path(_write(tmp_path), None)
    assert "SOURCE_DATE_EPOCH" in str(info.value)


def test_source_date_epoch_dates_the_revision(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    result = encode_path(_write(tmp_path), None)
    assert {c.get("when") for c in xp(result, "//t:change")} == {"2023-11-14"}


@pytest.mark.parametrize("page", ["２", "A3", "12"])
def test_any_page_number_in_the_sidecar_is_kept_and_counted_on_only_when_a_number(tmp_path, page):
    result = encode_text(tmp_path, "## 标题\n\n正文。\n\f\n## 第二页\n\n正文。\n",
                         sidecar=f'[issue]\npage = "{page}"\n')
    numbers = [pb.get("n") for pb in xp(result, "//t:pb")]
    following = {"２": "3", "12": "13"}.get(page)
    assert numbers == [page, following]


def _write(tmp_path):
    src = tmp_path / "dated.txt"
    src.write_text("## 标题\n\n正文。\n", encoding="utf-8")
    return src


def test_a_superscript_page_number_is_a_sidecar_error_not_a_crash(tmp_path):
    with pytest.raises(SidecarError) as info:
        encode_text(tmp_path, "## 标题\n\n正文。\n\f\n## 第二页\n\n正文。\n",
                    sidecar='[issue]\npage = "²"\n')
    assert info.value.line == 2
