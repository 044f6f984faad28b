"""The HTML reading edition: goldens, coverage of the schema, text preservation, and the
editorial behaviours (run-in bylines, moved kickers, repeats, gaps, breaks, dates).

Regenerate the goldens after a deliberate change with
`TEI_EDITION_ACCEPT=1 pytest tests/test_html.py`, then read the diff before committing.
"""

from __future__ import annotations

import difflib
import os
import re
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
from lxml import etree, html as lxml_html

from tei_edition.transform import transform
from tei_edition.xmlio import TEI_NS, parse_untrusted

ROOT = Path(__file__).resolve().parent.parent
GOLDEN_DIR = ROOT / "tests" / "golden" / "html"
SCHEMA = ROOT / "tei_edition" / "schema" / "tei_newspaper.rng"
COMMON = ROOT / "xslt" / "common.xsl"
NS = {"t": TEI_NS}
XSL_NS = "http://www.w3.org/1999/XSL/Transform"
RNG_NS = "http://relaxng.org/ns/structure/1.0"

# The parameters the site builder passes, fixed so the goldens do not depend on it.
PARAMS = dict(page_href="page.html", index_href="index.html", tei_href="tei/page.xml",
              pdf_href="../pdf/page.pdf", assets_href="assets/", search_href="search-index.js",
              generator="tei-edition")


# Everything else the encoder may emit, in one page: lead (argument), a run-in byline with
# orgName/placeName, dates with and without @when, cb and pb inside p, pb between
# articles, a figure with graphic and figDesc inside an article, issue and page numbers,
# fw of several types, a gap as a block.
RICH = """<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:lang="zh-Hans">
  <teiHeader>
    <fileDesc>
      <titleStmt><title>示例日报 2022年3月8日 第2版</title></titleStmt>
      <publicationStmt><publisher>tei-edition project</publisher></publicationStmt>
      <sourceDesc>
        <biblStruct type="newspaper">
          <monogr>
            <title level="j">示例日报</title>
            <imprint>
              <pubPlace>长春</pubPlace>
              <publisher>示例日报社</publisher>
              <date when="2022-03-08">2022年3月8日</date>
            </imprint>
            <biblScope unit="issue">第12345期</biblScope>
            <biblScope unit="page">2</biblScope>
          </monogr>
        </biblStruct>
      </sourceDesc>
    </fileDesc>
    <encodingDesc><editorialDecl><correction><p>重复 <num type="repeats" value="0">0</num> 处。</p></correction></editorialDecl></encodingDesc>
    <revisionDesc><change when="2026-11-27">自动编码。</change></revisionDesc>
  </teiHeader>
  <text>
    <body>
      <pb n="2"/>
      <fw type="header" place="top">示例日报 要闻</fw>
      <div type="article" xml:id="r01">
        <head type="kicker">春耕备耕</head>
        <head type="main">全力保障粮食安全</head>
        <head type="sub">——来自田间地头的报道</head>
        <argument><p>今年以来，全市各地抢抓农时，确保春耕生产顺利进行。</p></argument>
        <byline rend="run-in">本报讯（<roleName>记者</roleName> <persName>王明</persName> <orgName>市农业局</orgName> <placeName>梨树县</placeName>）</byline>
        <p xml:id="r01-p1"><date when="2022-03-07">3月7日</date>，记者来到田间，看到农民正在整地，<date>近日</date>气温回升。</p>
        <p xml:id="r01-p2">据统计，<date when="2022">2022年</date>全市计划播种粮食作物一千万亩，比上年增<cb break="no"/>加五十万亩。</p>
        <figure type="photo" xml:id="r01-f1">
          <graphic url="img/field.jpg"/>
          <p>农民在田间整地。</p>
          <byline><roleName>记者</roleName> <persName role="photographer">李华</persName> 摄</byline>
          <figDesc>一台拖拉机在黑土地上翻耕。</figDesc>
        </figure>
        <p xml:id="r01-p3">专家表示，要抓好种子、化肥等农资供应<pb n="3" break="no"/>工作，确保不误农时。</p>
      </div>
      <pb n="3"/>
      <div type="article" xml:id="r02">
        <head type="main">短讯</head>
        <gap reason="missing" unit="paragraphs" extent="unknown"/>
        <p xml:id="r02-p1">本市举行植树活动。</p>
      </div>
      <fw type="pageNum" place="bottom">2</fw>
      <fw type="credit" place="bottom"><roleName>本版编辑</roleName> <persName>张三</persName></fw>
    </body>
  </text>
</TEI>
"""


# ----------------------------------------------------------------------------- helpers

def render(tei: etree._ElementTree | Path | bytes, **params) -> etree._Element:
    """TEI → HTML (the page as an lxml.html tree, parsed back from the bytes written)."""
    if not isinstance(tei, etree._ElementTree):
        tei = parse_untrusted(tei)
    data = bytes(transform(tei, "html", **{**PARAMS, **params}))
    return lxml_html.document_fromstring(data)


def classes(el) -> set[str]:
    return set((el.get("class") or "").split())


def source_text(el) -> str:
    """Text of an HTML subtree without what the edition added (class te-gen)."""
    parts: list[str] = []

    def walk(node):
        if "te-gen" in classes(node):
            return
        if node.text:
            parts.append(node.text)
        for child in node:
            if isinstance(child.tag, str):
                walk(child)
            if child.tail:
                parts.append(child.tail)
    walk(el)
    return "".join(parts)


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def by_class(doc, name: str) -> list:
    return doc.xpath(f".//*[contains(concat(' ', normalize-space(@class), ' '), ' {name} ')]")


def canonical(doc) -> str:
    """C14N 2.0 of the page, volatile values blanked (the generator names a version)."""
    for meta in doc.xpath("//meta[@name='generator']"):
        meta.set("content", "GENERATOR")
    for p in doc.xpath("//footer[contains(@class, 'te-colophon')]//p"):
        p.text = re.sub(r"tei-edition[^\s<]*( [0-9][^\s<]*)?", "tei-edition", p.text or "")
    data = etree.tostring(doc.getroottree(), method="c14n2")
    # One element per line makes a golden diff readable; C14N keeps the text exact.
    return data.decode("utf-8").replace("><", ">\n<") + "\n"


def check_golden(name: str, doc) -> None:
    produced = canonical(doc)
    golden = GOLDEN_DIR / f"{name}.html"
    if os.environ.get("TEI_EDITION_ACCEPT") or not golden.exists():
        if not os.environ.get("TEI_EDITION_ACCEPT") and os.environ.get("CI"):
            pytest.fail(f"golden missing in CI: {golden}")
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(produced, encoding="utf-8")
    expected = golden.read_text(encoding="utf-8")
    if produced != expected:
        diff = "".join(list(difflib.unified_diff(expected.splitlines(True), produced.splitlines(True),
                                                 "golden", "produced", n=1))[:80])
        pytest.fail(f"HTML for {name} changed; review and accept with TEI_EDITION_ACCEPT=1\n{diff}")


# HTML's content models, the part a TEI transform can get wrong: flow content (blocks)
# inside phrasing content, and list items, rows and cells outside their parents.
_PHRASING_ONLY = {"p", "span", "h1", "h2", "h3", "h4", "h5", "h6", "a", "time", "em", "cite", "data",
                  "abbr", "del", "ins", "label", "summary"}
_FLOW_ONLY = {"p", "div", "ul", "ol", "li", "table", "tr", "td", "th", "tbody", "figure", "figcaption",
              "section", "article", "header", "footer", "details", "blockquote", "dl", "h1", "h2",
              "h3", "h4", "h5", "h6", "hr", "nav", "aside", "main", "form"}
_PARENTS = {"li": {"ul", "ol"}, "tr": {"tbody", "thead", "tfoot", "table"}, "td": {"tr"}, "th": {"tr"},
            "figcaption": {"figure"}, "summary": {"details"}, "caption": {"table"}}


def content_model_errors(doc) -> list[str]:
    errors = []
    for el in doc.iter():
        if not isinstance(el.tag, str):
            continue
        if el.tag in _PARENTS and el.getparent().tag not in _PARENTS[el.tag]:
            errors.append(f"<{el.tag}> inside <{el.getparent().tag}>")
        if el.tag in _FLOW_ONLY:
            for anc in el.iterancestors():
                if anc.tag in _PHRASING_ONLY:
                    errors.append(f"<{el.tag} class={el.get('class')!r}> inside <{anc.tag}>")
                    break
    return errors


def render_tree(tei: etree._ElementTree) -> etree._Element:
    """The XSLT result tree itself: an HTML parser would quietly repair bad nesting."""
    return transform(tei, "html", **PARAMS).getroot()


def tei_body_chars(tei: etree._ElementTree) -> Counter:
    text = "".join(tei.getroot().xpath("//t:text//text()", namespaces=NS))
    return Counter(squeeze(text))


def html_body_chars(doc) -> Counter:
    text = "".join(source_text(el) for el in by_class(doc, "te-text") + by_class(doc, "te-furniture"))
    return Counter(squeeze(text))


@pytest.fixture(scope="module")
def seed_doc(seed_tei_path):
    return render(seed_tei_path)


@pytest.fixture(scope="module")
def sample_doc(sample_tei_path):
    return render(sample_tei_path)


# ----------------------------------------------------------------------------- goldens

def test_seed_page_matches_golden(seed_tei_path, seed_doc):
    check_golden(seed_tei_path.stem, render(seed_tei_path))


def test_sample_page_matches_golden(sample_tei_path):
    check_golden("sample_page", render(sample_tei_path))


def test_rich_page_matches_golden():
    check_golden("rich_page", render(RICH.encode("utf-8")))


# A page where the archive's site puts it: the parameters site.py passes for
# siping-daily/2022/03-08/page-2 (breadcrumbs, previous and next page and issue,
# permalinks to the articles' own pages).
ARCHIVE_PARAMS = dict(page_href="page-2.html", index_href="../../../index.html",
                      tei_href="../../../tei/siping-daily/2022/03-08/page-2.xml",
                      pdf_href="../../../../pdf/siping-daily/2022/03-08/page-2.pdf",
                      assets_href="../../../assets/", search_href="../../../search/index.js",
                      articles_href="page-2/", year="2022",
                      year_href="../../../browse/siping-daily/2022.html",
                      issue_href="../../../browse/siping-daily/2022/siping-daily-2022-03-08.html",
                      prev_page_href="page-1.html", prev_page_n="1",
                      next_page_href="page-3.html", next_page_n="3",
                      prev_issue_href="../03-07/page-1.html", prev_issue_date="2022-03-07")


def test_rich_page_in_the_archive_matches_golden():
    check_golden("rich_page_archive", render(RICH.encode("utf-8"), **ARCHIVE_PARAMS))


def test_rich_article_page_matches_golden():
    params = {k: v for k, v in ARCHIVE_PARAMS.items() if not k.startswith(("prev_", "next_"))}
    params.update(article_id="r01", page_href="r01.html", articles_href="",
                  full_page_href="../page-2.html", index_href="../../../../index.html",
                  issue_href="../" + params["issue_href"], year_href="../" + params["year_href"])
    doc = render(RICH.encode("utf-8"), **params)
    check_golden("rich_page_article_r01", doc)
    assert doc.xpath("//main//article/@id") == ["r01"]
    assert doc.xpath("//li[contains(@class,'te-next-article')]/a/@href") == ["r02.html"]
    assert not doc.xpath("//li[contains(@class,'te-prev-article')]")
    assert doc.xpath("//a[@href='../page-2.html#r01']")
    assert doc.xpath("string(//span[@class='te-cite-url']/@data-href)") == "r01.html"
    assert not doc.xpath("//section[contains(@class,'te-editorial')]")


def test_archive_page_links_in_the_masthead():
    doc = render(RICH.encode("utf-8"), **ARCHIVE_PARAMS)
    crumbs = doc.xpath("//nav[contains(@class,'te-crumbs')]//a")
    assert [a.text_content().strip() for a in crumbs] == ["全部报纸", "示例日报 2022年", "2022年3月8日"]
    pager = {li.get("class"): (li.xpath("a/@href")[0], li.text_content()) for li in
             doc.xpath("//nav[contains(@class,'te-pager')]//li")}
    assert list(pager) == ["te-prev-issue", "te-prev-page", "te-next-page"]
    assert pager["te-prev-issue"] == ("../03-07/page-1.html", "上一期2022年3月7日")
    assert pager["te-next-page"][1] == "下一版第3版"
    assert doc.xpath("//article[@id='r01']//a[contains(@class,'te-permalink')]/@href") == ["page-2/r01.html"]
    assert doc.xpath("//article[@id='r01']//span[@class='te-cite-url']/@data-href") == ["page-2/r01.html"]


def test_labels_fit_the_label_map():
    # te-label finds a label in one string "|key=text|...": no key or text may hold | or =,
    # and every key is there once.
    doc = etree.parse(str(ROOT / "xslt" / "html.xsl"))
    labels = doc.xpath("//xsl:variable[@name='te-labels-rtf']/l", namespaces={"xsl": XSL_NS})
    assert len(labels) > 100
    keys = [label.get("k") for label in labels]
    assert len(keys) == len(set(keys))
    for label in labels:
        for value in (label.get("k"), label.get("zh"), label.get("en")):
            assert value is not None and "|" not in value and "=" not in value, label.attrib


def test_transform_is_deterministic(seed_tei_path):
    assert canonical(render(seed_tei_path)) == canonical(render(seed_tei_path))


# ----------------------------------------------------------------------------- coverage

def schema_elements() -> set[str]:
    """Every element the project's schema allows (or, before it exists, the sample's)."""
    if SCHEMA.exists():
        rng = etree.parse(str(SCHEMA))
        names = set(rng.xpath("//r:element/@name", namespaces={"r": RNG_NS}))
        names |= {n.strip() for n in rng.xpath("//r:element/r:name/text()", namespaces={"r": RNG_NS})}
        assert names, "no element names found in the schema"
        return names
    sample = etree.parse(str(ROOT / "tests" / "fixtures" / "sample_page.xml"))
    return {etree.QName(e).localname for e in sample.iter() if isinstance(e.tag, str)}


def templated_elements() -> dict[str, int]:
    counts: Counter = Counter()
    xsl = etree.parse(str(COMMON))
    for match in xsl.xpath("//xsl:template/@match", namespaces={"xsl": XSL_NS}):
        for part in match.split("|"):
            found = re.fullmatch(r"\s*tei:([A-Za-z][A-Za-z0-9]*)\s*", part)
            if found:
                counts[found.group(1)] += 1
    return counts


def test_every_schema_element_has_exactly_one_template():
    counts = templated_elements()
    missing = sorted(schema_elements() - set(counts))
    assert not missing, f"elements the schema allows but common.xsl does not match: {missing}"
    twice = sorted(name for name, n in counts.items() if n > 1)
    assert not twice, f"elements matched by more than one template: {twice}"


def test_every_template_names_a_behaviour_in_the_table():
    text = COMMON.read_text(encoding="utf-8")
    table = text.split("-->", 1)[0]
    for name in templated_elements():
        assert re.search(rf"(?<![A-Za-z]){name}(?![A-Za-z])", table), \
            f"tei:{name} has a template but no line in the element → behaviour table"


# The page skeleton (TEI, teiHeader, text, body) cannot stand inside a paragraph.
@pytest.mark.parametrize("name", sorted(schema_elements() - {"TEI", "teiHeader", "text", "body"}))
def test_schema_element_renders_without_fallback(name):
    tei = etree.fromstring(
        f'<TEI xmlns="{TEI_NS}" xml:lang="zh-Hans"><teiHeader><fileDesc><titleStmt><title>t</title>'
        f'</titleStmt><publicationStmt><p>p</p></publicationStmt><sourceDesc><p>s</p></sourceDesc>'
        f'</fileDesc></teiHeader><text><body><div><p>前<{name}>甲乙</{name}>后</p>'
        f'<{name}>丙丁</{name}></div></body></text></TEI>')
    doc = render(etree.ElementTree(tei))
    assert not by_class(doc, "te-unknown"), f"tei:{name} fell through to the fallback"
    if name not in {"teiHeader", "facsimile", "standOff", "pb", "cb", "lb", "gap", "graphic"}:
        text = squeeze("".join(source_text(el) for el in by_class(doc, "te-text") + by_class(doc, "te-furniture")))
        assert "甲乙" in text and "丙丁" in text, f"text inside tei:{name} was dropped"


# ----------------------------------------------------------------------------- text preservation

@pytest.mark.parametrize("which", ["seed", "sample"])
def test_all_body_text_stands_in_the_html(which, seed_tei_path, sample_tei_path):
    path = seed_tei_path if which == "seed" else sample_tei_path
    tei = parse_untrusted(path)
    doc = render(tei)
    want, got = tei_body_chars(tei), html_body_chars(doc)
    assert want == got, (f"lost: {''.join(sorted((want - got).elements()))[:200]!r}; "
                         f"added: {''.join(sorted((got - want).elements()))[:200]!r}")


def test_every_identified_block_keeps_its_text(seed_tei_path):
    tei = parse_untrusted(seed_tei_path)
    doc = render(tei)
    for el in tei.getroot().xpath("//t:text//*[@xml:id][self::t:p or self::t:figure]", namespaces=NS):
        xml_id = el.get("{http://www.w3.org/XML/1998/namespace}id")
        found = doc.xpath(f"//*[@id='{xml_id}']")
        assert len(found) == 1, f"#{xml_id} missing or not unique in the HTML"
        want = squeeze("".join(el.itertext()))
        got = squeeze(source_text(found[0]))
        prev = el.getprevious()
        if prev is not None and prev.tag == f"{{{TEI_NS}}}byline" and prev.get("rend") == "run-in":
            want = squeeze("".join(prev.itertext())) + want
        assert got == want, f"#{xml_id}: {got!r} != {want!r}"


def test_repeats_are_collapsed_not_dropped(seed_tei_path):
    tei = parse_untrusted(seed_tei_path)
    doc = render(tei)
    repeats = tei.getroot().xpath("//t:text//*[@copyOf]", namespaces=NS)
    assert repeats, "the seed should have repeats"
    for el in repeats:
        xml_id = el.get("{http://www.w3.org/XML/1998/namespace}id")
        html_el = doc.xpath(f"//*[@id='{xml_id}']")[0]
        details = html_el.getparent()
        assert details.tag == "details" and "te-repeat" in classes(details)
        assert details.get("open") is None, "repeats are collapsed"
        target = el.get("copyOf").lstrip("#")
        assert details.xpath(f".//a[@href='#{target}']"), "the repeat links its original"
        assert doc.xpath(f"//*[@id='{target}']"), "the original is on the page"


# ----------------------------------------------------------------------------- behaviours

def test_page_language_and_masthead(seed_doc):
    assert seed_doc.get("lang") == "zh-Hans"
    h1 = seed_doc.xpath("//h1")
    assert len(h1) == 1 and "四平日报" in h1[0].text_content()
    assert h1[0].xpath(".//time[@datetime='2022-08-26']")
    assert seed_doc.xpath("//title")[0].text.startswith("四平日报")


def test_articles_have_ids_classes_and_one_headline(seed_doc):
    articles = seed_doc.xpath("//article")
    assert len(articles) >= 2
    for art in articles:
        assert art.get("id")
        assert {"tei-div", "tei-div-article"} <= classes(art)
        assert len(art.xpath("./header/h2 | ./h2")) == 1, art.get("id")


def test_headline_hierarchy(sample_doc):
    a01 = sample_doc.get_element_by_id("a01")
    heads = a01.xpath("./header[contains(@class,'te-heads')]/*")
    assert [h.tag for h in heads] == ["p", "h2", "p"]
    assert "tei-head-kicker" in classes(heads[0])
    assert {"tei-head", "tei-head-main"} <= classes(heads[1])
    assert "tei-head-sub" in classes(heads[2])
    section = sample_doc.get_element_by_id("a02-s1")
    assert section.tag == "section" and section.xpath("./h3[contains(@class, 'tei-head')]")


def test_toc_links_resolve(seed_doc):
    links = seed_doc.xpath("//nav[contains(@class,'te-toc')]//a/@href")
    assert len(links) >= 2
    for href in links:
        assert href.startswith("#") and seed_doc.xpath(f"//*[@id='{href[1:]}']"), href


def test_ids_are_unique(seed_doc, sample_doc):
    for doc in (seed_doc, sample_doc):
        ids = [e.get("id") for e in doc.iter() if isinstance(e.tag, str) and e.get("id")]
        assert len(ids) == len(set(ids)), [i for i, n in Counter(ids).items() if n > 1]


def test_run_in_byline_is_pulled_into_its_paragraph(sample_doc):
    p = sample_doc.get_element_by_id("a01-p1")
    first = p[0]
    assert first.tag == "span" and {"tei-byline", "te-run-in"} <= classes(first)
    assert p.text_content().startswith("本报讯（全媒体记者 刘爽）8月25日，")
    # and it is not shown a second time outside the paragraph
    assert len(by_class(sample_doc, "te-run-in")) == 1
    assert not sample_doc.xpath("//div[contains(@class,'tei-byline')][contains(., '刘爽')]")


def test_kicker_trailer_is_shown_above_the_heads_with_a_note(sample_doc):
    a02 = sample_doc.get_element_by_id("a02")
    heads = a02.xpath("./header[contains(@class,'te-heads')]/*")
    assert {"tei-trailer", "tei-trailer-kicker", "te-moved"} <= classes(heads[0])
    assert heads[0].text_content().startswith("架起连心桥")
    assert heads[1].tag == "h2"
    assert by_class(heads[0], "te-moved-note")
    assert len(a02.xpath(".//*[contains(@class,'tei-trailer')]")) == 1


def test_gap_is_an_editorial_mark_with_explanation(sample_doc):
    gap = by_class(sample_doc, "tei-gap")[0]
    assert by_class(gap, "te-gap-mark")[0].text == "〔…〕"
    assert "缺失" in by_class(gap, "te-gap-note")[0].text_content()


def test_column_break_adds_no_space(sample_doc):
    p = sample_doc.get_element_by_id("a01-p2")
    cb = by_class(p, "tei-cb")[0]
    assert "te-break" in classes(cb)
    assert (cb.getprevious() is None and p.text.endswith("发表的")) and cb.tail.startswith("重要讲话")
    assert "发表的重要讲话" in source_text(p)


def test_dates_are_time_elements(sample_doc):
    t = sample_doc.xpath("//p[@id='a01-p1']//time")[0]
    assert t.get("datetime") == "2022-08-25" and t.text == "8月25日" and "tei-date" in classes(t)


def test_metadata_panel(seed_doc):
    about = seed_doc.get_element_by_id("te-about")
    text = about.text_content()
    assert "四平日报社" in text and "出版日期系据内容推定" in text
    assert about.xpath(".//a[@href='tei/page.xml'][@download]")
    assert about.xpath(".//a[@href='../pdf/page.pdf']")
    counts = {th.text: td.xpath("string(.)") for th, td in
              zip(about.xpath(".//table[contains(@class,'te-counts')]//th"),
                  about.xpath(".//table[contains(@class,'te-counts')]//td"))}
    assert counts.get("合并断段", "").strip().isdigit()
    changes = about.xpath(".//section[contains(@class,'te-revisions')]//li")
    assert changes and all(li.xpath("./time/@datetime") for li in changes)


def test_permalink_and_citation_per_article(seed_doc):
    for art in seed_doc.xpath("//article"):
        art_id = art.get("id")
        assert art.xpath(f".//a[contains(@class,'te-permalink')][@href='#{art_id}']")
        cite = art.xpath(".//p[contains(@class,'te-cite-text')]")[0].text_content()
        assert "[N]" in cite and "四平日报" in cite and f"page.html#{art_id}" in cite


def test_furniture_is_gathered_at_the_foot(sample_doc):
    foot = by_class(sample_doc, "te-furniture")[0]
    assert "本版编辑" in foot.text_content() and "王国成" in foot.text_content()
    assert foot.getparent().tag == "main"


def test_figure_caption_and_credit(sample_doc):
    fig = sample_doc.get_element_by_id("f01")
    assert fig.tag == "figure" and "tei-figure-photo" in classes(fig)
    cap = fig.xpath("./figcaption")[0]
    assert "口袋公园" in cap.text_content() and "宋莹莹" in cap.text_content()


def test_no_resource_leaves_the_site(seed_doc):
    for el in seed_doc.xpath("//*[@src] | //link[@href]"):
        url = el.get("src") or el.get("href")
        assert "://" not in url and not url.startswith("//"), url
    csp = seed_doc.xpath("//meta[@http-equiv='Content-Security-Policy']/@content")[0]
    assert "default-src 'none'" in csp


# ----------------------------------------------------------------------------- any TEI

FOREIGN = f"""<TEI xmlns="{TEI_NS}" xmlns:x="urn:example" xml:lang="en">
  <teiHeader><fileDesc><titleStmt><title>A letter</title></titleStmt>
    <publicationStmt><p>Unpublished.</p></publicationStmt>
    <sourceDesc><bibl><title>Letters of someone</title><date when="1901-03">March 1901</date></bibl></sourceDesc>
  </fileDesc></teiHeader>
  <text><front><docTitle><titlePart>Letters</titlePart></docTitle></front>
  <body>
    <div type="letter"><head>Dear friend</head>
      <opener><salute>Dear <persName>Anna</persName>,</salute></opener>
      <p>I write <frob>unknown inline</frob> and <x:thing>other namespace</x:thing> with
         <ref target="javascript:alert(1)">a bad link</ref>, <ref target="https://example.org/">a good one</ref>
         and <choice><sic>teh</sic><corr>the</corr></choice> end.<note place="foot">A note.</note></p>
      <blockThing><p>Paragraph inside an unknown block.</p></blockThing>
      <lg><l>Line one</l><l>Line two</l></lg>
      <list><head>Things</head><item>one</item><label>odd</label><item>two</item></list>
      <table><row role="label"><cell>a</cell><cell>b</cell></row><row><cell>1</cell><cell>2</cell></row></table>
      <figure><graphic url="http://example.org/remote.png"/><head>Remote</head></figure>
      <figure><graphic url="img/local.png"/><figDesc>A local picture</figDesc></figure>
      <closer><signed>Yours, <persName>B.</persName></signed><dateline><date when="1901-03-04">4 March</date></dateline></closer>
    </div>
  </body></text>
</TEI>"""


def test_foreign_tei_renders_with_english_labels_and_keeps_all_text():
    tei = etree.ElementTree(etree.fromstring(FOREIGN))
    doc = render(tei)
    assert doc.get("lang") == "en"
    assert "Contents" in doc.text_content()
    frob = by_class(doc, "tei-frob")[0]
    assert frob.tag == "span" and "te-unknown" in classes(frob)
    assert by_class(doc, "tei-thing")[0].tag == "span"
    assert by_class(doc, "tei-blockThing")[0].tag == "div"
    assert tei_body_chars(tei) == html_body_chars(doc)
    assert not content_model_errors(render_tree(tei))
    bad = [a for a in doc.xpath("//a") if "javascript" in (a.get("href") or "").lower()]
    assert not bad
    assert doc.xpath("//a[@href='https://example.org/']")
    assert not doc.xpath("//img[contains(@src, 'example.org')]"), "remote images are not loaded"
    assert doc.xpath("//img[@src='img/local.png'][@alt='A local picture']")
    assert doc.xpath("//time[@datetime='1901-03-04']")


def test_tei_corpus_and_bare_documents_render():
    corpus = f"""<teiCorpus xmlns="{TEI_NS}"><teiHeader><fileDesc><titleStmt><title>C</title></titleStmt>
      <publicationStmt><p/></publicationStmt><sourceDesc><p/></sourceDesc></fileDesc></teiHeader>
      <TEI><teiHeader><fileDesc><titleStmt><title>One</title></titleStmt><publicationStmt><p/></publicationStmt>
      <sourceDesc><p/></sourceDesc></fileDesc></teiHeader><text><body><p>第一篇</p></body></text></TEI>
      <TEI><text><body><div><p>第二篇</p></div></body></text></TEI></teiCorpus>"""
    for source in (corpus, f'<TEI xmlns="{TEI_NS}"><text><body><p>只有正文</p></body></text></TEI>'):
        tei = etree.ElementTree(etree.fromstring(source))
        doc = render(tei)
        assert tei_body_chars(tei) == html_body_chars(doc)
        assert doc.get("lang") == "und"


def test_newspaper_with_unknown_date_and_page():
    tei = parse_untrusted(ROOT / "tests" / "fixtures" / "sample_page.xml")
    imprint_date = tei.getroot().xpath("//t:imprint/t:date", namespaces=NS)[0]
    for attr in ("when", "evidence"):
        imprint_date.attrib.pop(attr, None)
    imprint_date.set("cert", "unknown")
    imprint_date.text = None
    monogr = tei.getroot().xpath("//t:biblStruct[@type='newspaper']/t:monogr", namespaces=NS)[0]
    scope = etree.SubElement(monogr, f"{{{TEI_NS}}}biblScope", unit="page")
    scope.text = "unknown"
    doc = render(tei)
    meta = by_class(doc, "te-issue-meta")[0].text_content()
    assert "日期不详" in meta and "版次不详" in meta


# ----------------------------------------------------------------------------- property


_EMPTY = ["pb", "cb", "lb", "milestone", "graphic", "gap"]
_POOL = sorted((schema_elements() | {"frob", "lg", "l", "quote", "list", "item", "table", "row",
                                     "cell", "floatingText"})
               - {"TEI", "teiHeader", "text", "body", "facsimile", "standOff"} - set(_EMPTY))
_TEXT = st.text(alphabet="粮食安全会议指出保障国家abcXYZ 。，（）“”\n", max_size=8)


def _attrs():
    return st.fixed_dictionaries({}, optional={
        "type": st.sampled_from(["kicker", "main", "sub", "column", "article", "section", "photo", "credit"]),
        "rend": st.sampled_from(["run-in", "bold"]),
        "copyOf": st.just("#n1"),
        "place": st.just("bottom"),
    })


@st.composite
def _element(draw, children):
    name = draw(st.sampled_from(_POOL + ["frob", "{urn:example}thing"] + _EMPTY))
    tag = name if name.startswith("{") else f"{{{TEI_NS}}}{name}"
    el = etree.Element(tag, draw(_attrs()))
    if name in _EMPTY:
        return el
    el.text = draw(_TEXT)
    for child in (draw(st.lists(children, max_size=3)) if children is not None else []):
        el.append(child)
        child.tail = draw(_TEXT)
    return el


_TREES = st.recursive(_element(None), lambda children: _element(children), max_leaves=12)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(blocks=st.lists(_TREES, min_size=1, max_size=4))
def test_any_tree_of_elements_renders_and_loses_no_text(blocks):
    tei = etree.fromstring(f'<TEI xmlns="{TEI_NS}"><text><body><div xml:id="n1"/></body></text></TEI>')
    body = tei[0][0]
    for block in blocks:
        body.append(block)
    tree = etree.ElementTree(tei)
    doc = render(tree)
    assert tei_body_chars(tree) == html_body_chars(doc)
    assert not content_model_errors(render_tree(tree))
    ids = [e.get("id") for e in doc.iter() if isinstance(e.tag, str) and e.get("id")]
    assert len(ids) == len(set(ids))


# ----------------------------------------------------------------------------- the rich page

@pytest.fixture(scope="module")
def rich_doc():
    return render(RICH.encode("utf-8"))


def test_rich_page_text_is_preserved(rich_doc):
    assert tei_body_chars(etree.ElementTree(etree.fromstring(RICH.encode()))) == html_body_chars(rich_doc)


def test_rich_page_masthead_has_issue_and_page(rich_doc):
    meta = by_class(rich_doc, "te-issue-meta")[0].text_content()
    assert "2022年3月8日" in meta and "第12345期" in meta and "第2版" in meta
    assert "推定" not in meta


def test_lead_byline_and_dates(rich_doc):
    assert by_class(rich_doc, "tei-argument")[0].text_content().startswith("今年以来")
    p1 = rich_doc.get_element_by_id("r01-p1")
    run_in = by_class(p1, "te-run-in")[0]
    assert run_in.xpath(".//span[contains(@class,'tei-orgName')]") and run_in.xpath(".//span[contains(@class,'tei-placeName')]")
    assert p1.xpath(".//time[@datetime='2022-03-07']")
    undated = p1.xpath(".//span[contains(@class,'tei-date')]")
    assert undated and undated[0].text == "近日" and undated[0].get("data-when") is None
    assert rich_doc.xpath("//p[@id='r01-p2']//time[@datetime='2022']")


def test_breaks_inside_and_between_paragraphs(rich_doc):
    p3 = rich_doc.get_element_by_id("r01-p3")
    pb = by_class(p3, "tei-pb")[0]
    assert pb.get("data-n") == "3" and "第3页" in pb.text_content()
    assert "供应工作" in source_text(p3)
    between = rich_doc.xpath("//div[contains(@class,'tei-body')]/span[contains(@class,'tei-pb')]")
    assert [b.get("data-n") for b in between] == ["2", "3"]


def test_figure_in_article_and_furniture_labels(rich_doc):
    fig = rich_doc.get_element_by_id("r01-f1")
    assert fig.getparent().get("id") == "r01"
    img = fig.xpath("./img")[0]
    assert img.get("src") == "img/field.jpg" and img.get("alt") == "一台拖拉机在黑土地上翻耕。"
    assert "李华" in fig.xpath("./figcaption")[0].text_content()
    foot = by_class(rich_doc, "te-furniture")[0].text_content()
    assert "页眉：示例日报 要闻" in foot and "页码：2" in foot and "本版编辑" in foot
