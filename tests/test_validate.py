"""The project's schema, Schematron rules and `tei-edition validate`.

Broken documents are made from the hand-written sample page by one textual edit each, so
the expected line of each problem is found in the broken text itself; a few faults that
are not TEI at all live as files in tests/fixtures/invalid/ with their expectation in a
comment.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from tei_edition.cli import main
from tei_edition.schema import rng_path, sch_path
from tei_edition.validation import Problem, Report, run_cli, validate, validate_tree
from tei_edition.xmlio import parse_untrusted

FIXTURES = Path(__file__).parent / "fixtures"
SAMPLE = FIXTURES / "sample_page.xml"
SAMPLE_TEXT = SAMPLE.read_text(encoding="utf-8")
INVALID = FIXTURES / "invalid"
FOREIGN = FIXTURES / "foreign"


@dataclass(frozen=True)
class Fault:
    name: str
    old: str            # text of the sample page to replace (must occur exactly once)
    new: str
    rules: tuple[str, ...]  # every rule id the validator must report, and no other
    at: str             # text occurring once in the broken page, on the line where the
                        # first of the rules reports the problem

    def text(self) -> str:
        assert SAMPLE_TEXT.count(self.old) == 1, f"{self.name}: edit does not apply"
        broken = SAMPLE_TEXT.replace(self.old, self.new)
        assert broken.count(self.at) == 1, f"{self.name}: marker is ambiguous"
        return broken

    def line(self) -> int:
        broken = self.text()
        return broken[:broken.index(self.at)].count("\n") + 1


def fault(name, old, new, rules, at):
    return Fault(name, old, new, tuple(rules.split()), at)


A01_HEAD = '<head type="main">深入学习贯彻习近平总书记重要讲话精神</head>\n        <head type="sub">'
A02_OPEN = '<div type="article" xml:id="a02" decls="#bibl-a02">'

FAULTS = [
    # -- content models TEI itself rejects (ENCODING.md, "Things the full TEI schema rejects")
    fault("byline inside p", '<p xml:id="a02-p2">发现', '<p xml:id="a02-p2"><byline>记者 张三</byline>发现',
          "rng", "<byline>记者 张三"),
    fault("dateline inside p", '<p xml:id="a01-p3">会议', '<p xml:id="a01-p3"><dateline>四平</dateline>会议',
          "rng", "<dateline>"),
    fault("docAuthor inside p", '<p xml:id="a01-p3">会议', '<p xml:id="a01-p3"><docAuthor>刘爽</docAuthor>会议',
          "rng", "<docAuthor>"),
    fault("head inside p", '<p xml:id="a01-p3">会议', '<p xml:id="a01-p3"><head>小标题</head>会议',
          "rng", "<head>小标题"),
    fault("@part on head", '<head type="sub">郭灵计主持</head>', '<head type="sub" part="I">郭灵计主持</head>',
          "rng", 'part="I"'),
    fault("author inside byline", '<byline><roleName>全媒体记者</roleName> <persName>杨佳</persName></byline>',
          "<byline><author>杨佳</author></byline>", "rng", "<author>杨佳</author></byline>"),
    fault("respStmt inside byline", '<byline><roleName>全媒体记者</roleName> <persName>杨佳</persName></byline>',
          "<byline><respStmt><resp>记者</resp><persName>杨佳</persName></respStmt></byline>", "rng",
          "<respStmt><resp>记者"),
    fault("p after a nested div", '<trailer type="kicker">', '<p>又一段。</p>\n        <trailer type="kicker">',
          "rng", "<p>又一段。</p>"),
    fault("head after p", '<p xml:id="a01-p4" copyOf="#a01-p3">会议还研究了其他事项。</p>',
          '<p xml:id="a01-p4" copyOf="#a01-p3">会议还研究了其他事项。</p>\n        <head type="sub">迟到的副题</head>',
          "rng", "迟到的副题"),
    fault("trailer before any paragraph", '<head type="main">深入学习贯彻习近平总书记重要讲话精神</head>\n        <p',
          '<head type="main">深入学习贯彻习近平总书记重要讲话精神</head>\n        <trailer>完</trailer>\n        <p',
          "rng", "<trailer>完</trailer>"),
    fault("body of a figure and furniture only",
          SAMPLE_TEXT[SAMPLE_TEXT.index('      <div type="article" xml:id="a01"'):SAMPLE_TEXT.index("      <fw")],
          '      <figure type="photo"><p>图片说明。</p></figure>\n', "rng tn-bibl-used", "<body>"),
    # -- our closed vocabularies and required parts
    fault("unknown head type", 'decls="#bibl-a01">\n        <head type="kicker">',
          'decls="#bibl-a01">\n        <head type="banner">', "rng", 'type="banner"'),
    fault("unknown div type", '<div type="section" xml:id="a02-s1">', '<div type="chapter" xml:id="a02-s1">',
          "rng", 'type="chapter"'),
    fault("unknown gap reason", 'reason="missing"', 'reason="lost"', "rng", 'reason="lost"'),
    fault("unknown fw type", '<fw type="credit" place="bottom"><roleName>本版校对',
          '<fw type="signature" place="bottom"><roleName>本版校对', "rng", 'type="signature"'),
    fault("article without xml:id", A02_OPEN, '<div type="article" decls="#bibl-a02">', "rng",
          '<div type="article" decls="#bibl-a02">'),
    fault("impossible date", '<date when="2022-08-25">', '<date when="2022-13-45">', "rng", "2022-13-45"),
    fault("missing issue date",
          '<date when="2022-08-26" cert="medium" evidence="internal">2022-08-26</date>', "",
          "rng", "<imprint>\n              <pubPlace>"),
    fault("issue date without @when or @cert='unknown'",
          '<date when="2022-08-26" cert="medium" evidence="internal">2022-08-26</date>',
          "<date>2022年8月</date>", "rng", "<date>2022年8月</date>"),
    fault("missing language", '<langUsage>\n        <language ident="zh-Hans">简体中文</language>\n      </langUsage>',
          "", "rng", "<profileDesc>"),
    fault("newspaper title without level j", '<title level="j">四平日报</title>\n            <respStmt>',
          "<title>四平日报</title>\n            <respStmt>", "rng", "<title>四平日报</title>"),
    fault("p inside p", '<p xml:id="a01-p3">会议', '<p xml:id="a01-p3"><p>嵌套</p>会议', "rng tn-p-in-p",
          "<p>嵌套</p>"),
    # -- co-constraints: the Schematron rules
    fault("dangling copyOf", 'copyOf="#a01-p3"', 'copyOf="#a01-p9"', "tn-copyOf-target", "#a01-p9"),
    fault("copyOf of another kind", 'copyOf="#a01-p3"', 'copyOf="#bibl-a01"', "tn-copyOf-kind",
          'copyOf="#bibl-a01"'),
    fault("copyOf pointing forward", '<p xml:id="a01-p1">', '<p xml:id="a01-p1" copyOf="#a03-p1">',
          "tn-copyOf-order", 'copyOf="#a03-p1"'),
    fault("copyOf of a copy", '<p xml:id="a03-p1">', '<p xml:id="a03-p1" copyOf="#a01-p4">',
          "tn-copyOf-first", 'copyOf="#a01-p4"'),
    fault("duplicate xml:id", 'xml:id="a01-p2"', 'xml:id="a01-p1"', "tn-unique-id", "习近平总书记在中央"),
    fault("date later than the issue", '<date when="2022-08-25">', '<date when="2023-08-25">',
          "tn-date-not-after-issue", "2023-08-25"),
    fault("date with a time zone", '<date when="2022-08-25">', '<date when="2022-08-25Z">',
          "tn-date-iso", "2022-08-25Z"),
    fault("subtype without type", '<figure type="photo" xml:id="f01">', '<figure subtype="portrait" xml:id="f01">',
          "tn-subtype-needs-type", 'subtype="portrait"'),
    fault("run-in byline not followed by p", '<persName>刘爽</persName>）</byline>',
          '<persName>刘爽</persName>）</byline>\n        <argument><p>导语。</p></argument>', "tn-byline-run-in",
          "本报讯"),
    fault("run-in byline at the end", '<trailer type="kicker">架起连心桥 当好总客服</trailer>',
          '<trailer type="kicker">架起连心桥 当好总客服</trailer>\n        <byline rend="run-in">（记者 杨佳）</byline>',
          "tn-byline-run-in", "（记者 杨佳）"),
    fault("article without decls", A02_OPEN, '<div type="article" xml:id="a02">', "tn-article-decls tn-bibl-used",
          '<div type="article" xml:id="a02">'),
    fault("decls pointing at a paragraph", A02_OPEN, '<div type="article" xml:id="a02" decls="#a01-p1">',
          "tn-decls-target tn-bibl-used", 'decls="#a01-p1"'),
    fault("title and main head disagree", '<head type="main">为党委政府分忧 为社会和谐稳定出力</head>',
          '<head type="main">为党委政府分忧</head>', "tn-title-matches-head", "<div type=\"article\" xml:id=\"a02\""),
    fault("no main head and no supplied title", '<head type="main">为党委政府分忧 为社会和谐稳定出力</head>\n', "",
          "tn-title-supplied", A02_OPEN),
    fault("two main heads", '<head type="sub">郭灵计主持</head>', '<head type="main">郭灵计主持</head>',
          "tn-one-main-head", '<div type="article" xml:id="a01"'),
    fault("untyped article head", '<head type="sub">郭灵计主持</head>', "<head>郭灵计主持</head>",
          "tn-head-type", "<head>郭灵计主持</head>"),
    fault("typed head of a section inside an article", "<head>未诉先办", '<head type="sub">未诉先办',
          "tn-section-head-untyped", "未诉先办"),
    fault("article inside an article", '<div type="section" xml:id="a02-s1">\n          <head>未诉先办 为民服务跑在前</head>',
          '<div type="article" xml:id="a02-s1" decls="#bibl-a02">\n          <head type="main">为党委政府分忧 为社会和谐稳定出力</head>',
          "tn-article-place", '<div type="article" xml:id="a02-s1"'),
    fault("section in the body holding paragraphs", '<figure type="photo" xml:id="f01">',
          '<div type="section"><p>散段。</p></div>\n      <figure type="photo" xml:id="f01">', "tn-section-content",
          "<p>散段。</p>"),
    fault("dangling @who", 'who="#editor"', 'who="#nobody"', "tn-who-target", 'who="#nobody"'),
    fault("dangling @corresp", '<p xml:id="a01-p1">', '<p xml:id="a01-p1" corresp="#a09">', "tn-corresp-target",
          'corresp="#a09"'),
    fault("@next pointing at another kind", '<p xml:id="a02-p1" part="F">', '<p xml:id="a02-p1" part="F" next="#a02-s1">',
          "tn-next-target", 'next="#a02-s1"'),
    fault("biblStruct describing no article", "        </listBibl>",
          '          <biblStruct xml:id="bibl-x">\n            <analytic><title level="a" type="supplied">无</title>'
          '</analytic>\n            <monogr><title level="j">四平日报</title><imprint><date cert="unknown"/>'
          "</imprint></monogr>\n          </biblStruct>\n        </listBibl>", "tn-bibl-used",
          '<biblStruct xml:id="bibl-x">'),
]


def _validate_text(tmp_path: Path, text: str, name: str = "page.xml") -> Report:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return validate(path)


def test_the_sample_page_is_valid():
    report = validate(SAMPLE)
    assert report.problems == [] and report.ok and report.status == "valid"


def test_the_golden_seed_page_is_valid():
    golden = Path(__file__).parent / "golden" / "siping-daily-2022-08-26.xml"
    if not golden.exists():
        pytest.skip("no golden seed TEI yet")
    assert validate(golden).problems == []


def test_the_seed_encoded_now_is_valid(seed_tei_path):
    assert validate(seed_tei_path).problems == []


def test_a_page_encoded_without_a_sidecar_is_valid(tmp_path):
    from tei_edition.encoder import encode_path

    source = tmp_path / "page.txt"          # no page.toml beside it
    source.write_bytes((Path(__file__).parent.parent / "seeds" /
                        "siping-daily-2022-08-26.txt").read_bytes())
    result = encode_path(source, None, when="2026-11-27", validate=False)
    assert validate_tree(result.tree) == []
    assert result.tree.getroot().xpath("//t:imprint/t:date/@cert", namespaces={
        "t": "http://www.tei-c.org/ns/1.0"})[0] == "unknown"


def test_there_are_at_least_twenty_faults_with_distinct_names():
    assert len(FAULTS) >= 20 and len({f.name for f in FAULTS}) == len(FAULTS)


@pytest.mark.parametrize("case", FAULTS, ids=lambda f: f.name)
def test_each_fault_is_reported_by_its_rule_on_its_line(tmp_path, case):
    report = _validate_text(tmp_path, case.text())
    assert not report.ok
    assert {p.rule for p in report.problems} == set(case.rules), [str(p) for p in report.problems]
    lines = {p.line for p in report.problems if p.rule == case.rules[0]}
    assert case.line() in lines, [str(p) for p in report.problems]
    for problem in report.problems:
        assert problem.message and "Traceback" not in problem.message
        assert problem.path == str(tmp_path / "page.xml")


def _fixture_expectation(path: Path) -> tuple[str, int]:
    match = re.search(r"<!-- expect: (\S+) line (\d+)", path.read_text(encoding="utf-8"))
    assert match, f"{path.name} states no expectation"
    return match.group(1), int(match.group(2))


@pytest.mark.parametrize("path", sorted(INVALID.glob("*.xml")), ids=lambda p: p.stem)
def test_files_that_are_not_tei_are_refused_with_rule_and_line(path):
    rule, line = _fixture_expectation(path)
    report = validate(path)
    assert [(p.rule, p.line) for p in report.problems] == [(rule, line)]
    assert report.status == "invalid"


def test_an_entity_is_never_expanded_nor_a_file_read(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET", encoding="utf-8")
    doc = (f'<?xml version="1.0"?>\n<!DOCTYPE TEI [<!ENTITY s SYSTEM "{secret.as_uri()}">]>\n'
           '<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><p>&s;</p></body></text></TEI>')
    report = _validate_text(tmp_path, doc)
    assert [p.rule for p in report.problems] == ["xml-doctype"]
    assert "TOP-SECRET" not in json.dumps([p.message for p in report.problems])


def test_validate_tree_on_a_tree_from_the_safe_parser():
    tree = parse_untrusted(SAMPLE)
    assert validate_tree(tree) == []
    broken = parse_untrusted(FAULTS[0].text().encode("utf-8"), name="broken.xml")
    problems = validate_tree(broken, path="broken.xml")
    assert problems and all(isinstance(p, Problem) and p.path == "broken.xml" for p in problems)


def test_validate_tree_on_a_tree_built_in_memory_has_no_lines_but_a_verdict():
    def rebuild(el):             # as the encoder builds its tree: no source, no lines
        copy = etree.Element(el.tag, dict(el.attrib))
        copy.text, copy.tail = el.text, el.tail
        copy.extend(rebuild(child) for child in el if isinstance(child.tag, str))
        return copy

    root = rebuild(parse_untrusted(SAMPLE).getroot())
    assert validate_tree(etree.ElementTree(root)) == []
    body = root.find(".//{http://www.tei-c.org/ns/1.0}body")
    for child in list(body):
        body.remove(child)
    problems = validate_tree(etree.ElementTree(root))
    assert "rng" in {p.rule for p in problems}
    assert all(p.line is None for p in problems if p.rule == "rng")


def test_validate_with_another_schema_uses_only_that_grammar(oracles_dir):
    # tei_all does not know our Schematron rules: a dangling copyOf is fine there.
    case = next(f for f in FAULTS if f.name == "dangling copyOf")
    tree = parse_untrusted(case.text().encode("utf-8"))
    assert [p.rule for p in validate_tree(tree)] == ["tn-copyOf-target"]
    assert validate_tree(tree, schema=oracles_dir / "tei_all.rng") == []


def test_report_raise_if_invalid_carries_the_problems(tmp_path):
    from tei_edition.errors import ValidationError

    report = _validate_text(tmp_path, FAULTS[0].text())
    with pytest.raises(ValidationError) as caught:
        report.raise_if_invalid()
    assert caught.value.problems == report.problems and caught.value.exit_code == 1
    validate(SAMPLE).raise_if_invalid()


def test_every_schematron_rule_has_an_id_a_message_and_is_documented():
    sch = etree.parse(str(sch_path()))
    ns = {"s": "http://purl.oclc.org/dsdl/schematron"}
    asserts = sch.findall(".//s:assert", ns) + sch.findall(".//s:report", ns)
    ids = [a.get("id") for a in asserts]
    assert all(ids) and len(set(ids)) == len(ids) >= 20
    assert all("".join(a.itertext()).strip() for a in asserts)
    docs = (Path(__file__).parent.parent / "docs" / "schema.md").read_text(encoding="utf-8")
    assert [i for i in ids if f"`{i}`" not in docs] == []


def test_every_schematron_rule_is_exercised_by_a_fault():
    sch = etree.parse(str(sch_path()))
    ids = {a.get("id") for a in sch.iter("{http://purl.oclc.org/dsdl/schematron}assert")}
    exercised = {rule for f in FAULTS for rule in f.rules}
    # These four have their own tests below.
    assert ids - exercised <= {"tn-div-in-p", "tn-prev-target", "tn-resp-target", "tn-section-nesting"}


@pytest.mark.parametrize("old, new, rule", [
    ('<p xml:id="a01-p3">会议', '<p xml:id="a01-p3"><div type="section"><p>x</p></div>会议', "tn-div-in-p"),
    ('<p xml:id="a02-p1" part="F">', '<p xml:id="a02-p1" part="F" prev="#f01">', "tn-prev-target"),
    ("，市委书记", '，<choice><sic>市委书纪</sic><corr resp="#ghost">市委书记</corr></choice>',
     "tn-resp-target"),
    # A repeated article pointing at a section: both are <div>, only @type tells them apart.
    ('copyOf="#a01"', 'copyOf="#a02-s1"', "tn-copyOf-kind"),
])
def test_rules_not_in_the_fault_list_fire_too(tmp_path, old, new, rule):
    assert SAMPLE_TEXT.count(old) == 1
    report = _validate_text(tmp_path, SAMPLE_TEXT.replace(old, new))
    assert rule in {p.rule for p in report.problems}


def test_a_section_inside_an_article_cannot_hold_divisions(tmp_path):
    text = SAMPLE_TEXT.replace('<p xml:id="a02-p2">发现问题提前一步，解决问题向前进一步。</p>',
                               '<div type="section"><head>更小</head><p>x</p></div>')
    assert {p.rule for p in _validate_text(tmp_path, text).problems} == {"tn-section-nesting"}


HAND_CORRECTIONS = [
    # An editor's additions the schema accepts (TEI allows each of them): old, new[, old, new].
    ('，市委书记', '，<choice><sic>市委书纪</sic><corr resp="#editor">市委书记</corr></choice>'),
    ('主持召开', '<persName>郭灵计</persName>主持召开<note type="editorial" resp="#editor">会议全称见原版。</note>'),
    ('会议指出', '<hi rend="bold">会议指出</hi><lb/>'),
    ('依法治思维', '依法<supplied reason="missing">治国</supplied>思维<unclear reason="faded">。</unclear>'),
    ('<figure type="photo" xml:id="f01">', '<figure type="photo" xml:id="f01">\n        <graphic url="img/f01.jpg"/>'),
    ('<byline><roleName>全媒体记者</roleName> <persName role="photographer">宋莹莹</persName> 摄</byline>',
     '<byline><roleName>全媒体记者</roleName> <persName role="photographer">宋莹莹</persName> 摄</byline>\n'
     '        <figDesc>口袋公园的凉亭与花径。</figDesc>'),
    ('<div type="article" xml:id="a02" decls="#bibl-a02">', '<div type="section" xml:id="s-yaowen">\n'
     '      <head type="column">要闻</head>\n      <div type="article" xml:id="a02" decls="#bibl-a02">',
     '      <div type="article" xml:id="a03"', '      </div>\n      <div type="article" xml:id="a03"'),
    ('<head type="sub">——来自', '<argument><p>导语：热线一年受理诉求十万件。</p></argument>\n        <head type="sub">——来自'),
    ('<date when="2022-08-25">8月25日</date>', '<date when="2022">2022年</date><date>8月25日</date>'),
    ('      <figure type="photo"', '      <pb n="2"/>\n      <fw type="pageNum" place="top">2</fw>\n      <figure type="photo"'),
    ('<div type="article" xml:id="a02" decls="#bibl-a02">\n',
     '<div type="article" xml:id="a02" decls="#bibl-a02">\n        <gap reason="missing" unit="paragraphs" extent="unknown"/>\n'),
    ('发表的<cb break="no"/>重要讲话', '发表的<pb n="2" break="no"/>重要讲话'),
    ('会议指出', '会议指出<note type="editorial" place="foot"><p>原文如此。</p><p>见第2版。</p></note>'),
    ('考核评估', '<title level="m">考核评估</title><foreign xml:lang="en">KPI</foreign><num value="3">三</num>'
                 '<choice><orig>项</orig><reg>项目</reg></choice>'),
    ('本报讯（<roleName>全媒体记者</roleName> <persName>刘爽</persName>）',
     '<placeName>四平</placeName><date when="2022-08-25">8月25日</date>电（<orgName>本报</orgName>'
     '<roleName>全媒体记者</roleName> <persName ref="#editor">刘爽</persName>）'),
]


def test_hand_corrected_pages_are_valid_under_both_schemas(tmp_path, tei_all):
    for number, edits in enumerate(HAND_CORRECTIONS):
        text = SAMPLE_TEXT
        for old, new in zip(edits[::2], edits[1::2]):
            assert text.count(old) == 1, old
            text = text.replace(old, new)
        report = _validate_text(tmp_path, text, f"corrected{number}.xml")
        assert report.problems == [], (new, [str(p) for p in report.problems])
        assert tei_all.validate(etree.fromstring(text.encode("utf-8")).getroottree()), \
            (new, str(tei_all.error_log))


def test_a_page_without_an_issue_date_is_valid_when_it_says_so(tmp_path, tei_all):
    text = SAMPLE_TEXT.replace(
        '<date when="2022-08-26" cert="medium" evidence="internal">2022-08-26</date>',
        '<date cert="unknown"/>').replace('<date when="2022-08-26"/>', '<date cert="unknown"/>')
    text = text.replace('<date when="2022-08-25">8月25日</date>', "<date>8月25日</date>")
    assert _validate_text(tmp_path, text).problems == []
    assert tei_all.validate(etree.fromstring(text.encode("utf-8")).getroottree())


# ------------------------------------------------------------------ messages

def test_messages_say_what_to_do_for_the_mistakes_encoding_md_lists(tmp_path):
    byline = next(f for f in FAULTS if f.name == "byline inside p")
    [problem] = _validate_text(tmp_path, byline.text()).problems
    assert 'rend="run-in"' in problem.message and problem.column == byline.text().splitlines()[
        byline.line() - 1].index("<byline") + 1
    head = next(f for f in FAULTS if f.name == "unknown head type")
    [problem] = _validate_text(tmp_path, head.text()).problems
    assert "banner" in problem.message and "kicker" in problem.message
    missing = next(f for f in FAULTS if f.name == "missing issue date")
    [problem] = _validate_text(tmp_path, missing.text()).problems
    assert 'cert="unknown"' in problem.message


# ------------------------------------------------------------------ command line

def _run(args):
    result = CliRunner().invoke(main, ["validate", *map(str, args)])
    assert "Traceback" not in result.output
    return result


def test_cli_exit_0_for_valid_files():
    result = _run([SAMPLE])
    assert result.exit_code == 0, result.output
    assert f"{SAMPLE}: valid" in result.output and "1 valid, 0 invalid" in result.output


def test_cli_exit_1_and_one_line_per_problem(tmp_path):
    case = next(f for f in FAULTS if f.name == "dangling copyOf")
    bad = tmp_path / "bad.xml"
    bad.write_text(case.text(), encoding="utf-8")
    result = _run([SAMPLE, bad])
    assert result.exit_code == 1
    line = next(l for l in result.output.splitlines() if "[tn-copyOf-target]" in l)
    assert re.fullmatch(rf"{re.escape(str(bad))}:{case.line()}:\d+: error: .+ \[tn-copyOf-target\]", line)
    assert "1 valid, 1 invalid" in result.output


@pytest.mark.parametrize("args, needle", [
    (["missing.xml"], "missing.xml: error: no such file [input]"),
    ([FIXTURES], "is a directory"),
])
def test_cli_exit_2_for_files_that_cannot_be_read(args, needle):
    result = _run(args)
    assert result.exit_code == 2 and needle in result.output


def test_cli_exit_2_wins_over_invalid_files(tmp_path):
    result = _run([INVALID / "no_namespace.xml", tmp_path / "missing.xml"])
    assert result.exit_code == 2


@pytest.mark.parametrize("schema_text, needle", [
    (None, "schema not found"),
    ("<notxml", "not well-formed"),
    ('<grammar xmlns="http://example.org"/>', "not a RELAX NG schema"),
    ('<grammar xmlns="http://relaxng.org/ns/structure/1.0"><start><ref name="x"/></start></grammar>',
     "does not compile"),
])
def test_cli_exit_2_for_a_bad_schema(tmp_path, schema_text, needle):
    schema = tmp_path / "schema.rng"
    if schema_text is not None:
        schema.write_text(schema_text, encoding="utf-8")
    result = _run(["--schema", schema, SAMPLE])
    assert result.exit_code == 2 and needle in result.output


def test_cli_usage_error_without_files():
    assert _run([]).exit_code == 2


def test_run_cli_json_is_machine_readable(tmp_path, capsys):
    case = next(f for f in FAULTS if f.name == "duplicate xml:id")
    bad = tmp_path / "bad.xml"
    bad.write_text(case.text(), encoding="utf-8")
    code = run_cli([SAMPLE, bad, tmp_path / "missing.xml"], fmt="json")
    data = json.loads(capsys.readouterr().out)
    assert code == 2
    assert [f["status"] for f in data["files"]] == ["valid", "invalid", "unreadable"]
    [problem] = data["files"][1]["problems"]
    assert problem["rule"] == "tn-unique-id" and problem["line"] == case.line()
    assert set(problem) == {"path", "line", "column", "message", "rule", "severity"}
    assert data["summary"] == {"files": 3, "valid": 1, "invalid": 1, "unreadable": 1,
                               "errors": 2, "warnings": 0}


def test_run_cli_json_exit_codes(capsys):
    assert run_cli([SAMPLE], fmt="json") == 0
    assert json.loads(capsys.readouterr().out)["files"][0]["valid"] is True
    assert run_cli([INVALID / "not_well_formed.xml"], fmt="json") == 1
    assert json.loads(capsys.readouterr().out)["files"][0]["problems"][0]["rule"] == "xml-syntax"
    assert run_cli([SAMPLE], fmt="yaml") == 2


# ------------------------------------------------------------------ someone else's TEI

def test_foreign_periodical_is_valid_tei_but_not_our_customisation(oracles_dir):
    issue = FOREIGN / "periodical_issue.xml"
    full = _run(["--schema", oracles_dir / "tei_all.rng", issue])
    assert full.exit_code == 0 and f"{issue}: valid" in full.output
    ours = _run([issue])
    assert ours.exit_code == 1 and f"{issue}: invalid" in ours.output
    rules = {p.rule for p in validate(issue).problems}
    # the grammar refuses its front matter, the rules its untyped, unrecorded articles
    assert {"rng", "tn-article-decls", "tn-head-type"} <= rules


def test_schema_files_are_package_data():
    assert rng_path().name == "tei_newspaper.rng" and rng_path().is_file()
    assert sch_path().name == "tei_newspaper.sch" and sch_path().is_file()
    grammar = etree.parse(str(rng_path())).getroot()
    assert grammar.get("ns") == "http://www.tei-c.org/ns/1.0"
