"""Untrusted XML: DTDs, entities, XInclude, processing instructions, deep nesting, huge
text, hostile stylesheets and URLs. Whatever a TEI file says, nothing outside it is read
(an inotify watch on every file it names) and nothing is fetched (a counting HTTP server
on 127.0.0.1: zero requests allowed), by the parser, the stylesheets, the site builder and
the PDF renderer alike.

Each protection of the parser is also tested alone, with the other layers switched off
by the test, so that losing any one of them fails a test (see test_guards.py).
"""

from __future__ import annotations

import json

import os
import sys
import time
from pathlib import Path

import pytest
from lxml import etree
from lxml import html as lxml_html

sys.path.insert(0, str(Path(__file__).resolve().parent))  # sibling test modules, any import mode
from test_hostile_support import (assert_error, cli, secret_file, server,  # noqa: E402,F401
                                  tei_with, watch_opens, write)

from tei_edition.errors import InputError, RenderError
from tei_edition.site import build_site
from tei_edition.transform import compile_stylesheet, run, transform
from tei_edition.validation import validate
from tei_edition.xmlio import (MAX_DEPTH, MAX_TEXT_BYTES, SAFE_PARSER_OPTIONS, NotWellFormedError,
                               UnsafeXmlError, parse_untrusted, safe_parser)

TEI = "http://www.tei-c.org/ns/1.0"


def _dtd(directory: Path, secret: Path) -> Path:
    """An external DTD that, if read, declares an entity holding a secret file."""
    dtd = directory / "evil.dtd"
    dtd.write_text(f'<!ENTITY leak SYSTEM "{secret.as_uri()}">\n<!ENTITY inner "DTD-WAS-READ">\n',
                   encoding="utf-8")
    return dtd


# =========================================================================== the parser

def test_parse_untrusted_opens_no_dtd_and_no_entity_file(tmp_path):
    secret = secret_file(tmp_path)
    dtd = _dtd(tmp_path, secret)
    doc = (f'<!DOCTYPE TEI SYSTEM "{dtd.as_uri()}">\n'
           f'<TEI xmlns="{TEI}"><text><body><p>&leak;&inner;</p></body></text></TEI>').encode()
    with watch_opens(dtd, secret) as watch:
        with pytest.raises(InputError) as caught:
            parse_untrusted(doc, name="evil.xml")
        assert watch.opened() == []
    assert "TOP-SECRET" not in str(caught.value) and "DTD-WAS-READ" not in str(caught.value)


def test_a_doctype_is_refused_even_when_it_declares_nothing_used(tmp_path):
    doc = b'<!DOCTYPE TEI [<!ENTITY x "y">]>\n<TEI xmlns="http://www.tei-c.org/ns/1.0"/>'
    with pytest.raises(UnsafeXmlError) as caught:
        parse_untrusted(doc, name="d.xml")
    assert str(caught.value) == ("d.xml:1: a DOCTYPE declaration is not allowed (entities and "
                                 "DTDs are refused for security)")


def test_layer_load_dtd_alone_keeps_an_external_dtd_unread(tmp_path):
    """Parser options without the refusing resolver: load_dtd=False alone must keep the
    DTD file closed."""
    secret = secret_file(tmp_path)
    dtd = _dtd(tmp_path, secret)
    doc = f'<!DOCTYPE r SYSTEM "{dtd.as_uri()}"><r>x</r>'.encode()
    with watch_opens(dtd, secret) as watch:
        etree.fromstring(doc, etree.XMLParser(**SAFE_PARSER_OPTIONS))
        assert watch.opened() == []


def test_layer_resolver_alone_refuses_what_a_dtd_loading_parser_asks_for(tmp_path):
    """safe_parser with DTD loading switched on: only the resolver stands between the
    document and the DTD file (and the entity file the DTD names)."""
    secret = secret_file(tmp_path)
    dtd = _dtd(tmp_path, secret)
    doc = f'<!DOCTYPE r SYSTEM "{dtd.as_uri()}"><r>&leak;</r>'.encode()
    with watch_opens(dtd, secret) as watch:
        with pytest.raises(etree.XMLSyntaxError) as caught:
            etree.fromstring(doc, safe_parser(load_dtd=True))
        assert watch.opened() == []
    assert "refused" in str(caught.value)


def test_layer_resolve_entities_alone_keeps_entities_unexpanded():
    doc = b'<!DOCTYPE r [<!ENTITY e "EXPANDED">]><r>&e;</r>'
    root = etree.fromstring(doc, etree.XMLParser(**SAFE_PARSER_OPTIONS))
    assert "EXPANDED" not in etree.tostring(root).decode()
    assert root[0].tag is etree.Entity


def test_layer_no_network_alone_makes_libxml2_refuse_network_loads(server):
    """DTD loading on and no resolver: the parser must refuse the http:// load itself
    ("Attempt to load network entity"), and nothing may reach the server."""
    doc = f'<!DOCTYPE r SYSTEM "{server.url}/x.dtd"><r>&leak;</r>'.encode()
    with pytest.raises(etree.XMLSyntaxError) as caught:
        etree.fromstring(doc, etree.XMLParser(**{**SAFE_PARSER_OPTIONS, "load_dtd": True}))
    assert "network" in str(caught.value).lower(), str(caught.value)
    assert server.requests == []


def test_layer_huge_tree_off_keeps_the_documented_limits():
    deep = b"<a>" * MAX_DEPTH + b"</a>" * MAX_DEPTH
    parse_untrusted(deep)
    with pytest.raises(NotWellFormedError, match="depth"):
        parse_untrusted(b"<a>" * (MAX_DEPTH + 1) + b"</a>" * (MAX_DEPTH + 1))
    parse_untrusted(b"<a>" + b"x" * MAX_TEXT_BYTES + b"</a>")
    with pytest.raises(NotWellFormedError, match="Text node too long"):
        parse_untrusted(b"<a>" + b"x" * (MAX_TEXT_BYTES + 1) + b"</a>")


def _bomb(kind: str) -> bytes:
    if kind == "billion_laughs":
        decls = '<!ENTITY l0 "ha">' + "".join(
            f'<!ENTITY l{i} "{("&l" + str(i - 1) + ";") * 10}">' for i in range(1, 10))
        return (f'<!DOCTYPE TEI [{decls}]>\n<TEI xmlns="{TEI}"><text><body><p>&l9;</p>'
                f'</body></text></TEI>').encode()
    big = "x" * 100_000
    return (f'<!DOCTYPE TEI [<!ENTITY a "{big}">]>\n<TEI xmlns="{TEI}"><text><body><p>'
            + "&a;" * 50_000 + "</p></body></text></TEI>").encode()


@pytest.mark.parametrize("kind", ["billion_laughs", "quadratic_blowup"])
def test_entity_bombs_are_refused_in_a_second(tmp_path, kind):
    path = write(tmp_path / f"{kind}.xml", _bomb(kind))
    started = time.perf_counter()
    report = validate(path)
    assert time.perf_counter() - started < 10      # generous: it is milliseconds
    # libxml2 stops the expansion itself (its amplification limit), or the DOCTYPE is refused
    [problem] = report.problems
    assert problem.rule in ("xml-syntax", "xml-doctype")
    assert "amplification" in problem.message or "DOCTYPE" in problem.message
    proc = cli("html", path, "-o", tmp_path / "site")
    assert_error(proc, 2, f"{kind}.xml:")
    assert not (tmp_path / "site").exists()


def test_100000_deep_nesting_is_refused_with_one_line(tmp_path):
    path = write(tmp_path / "deep.xml", tei_with("<hi>" * 100_000 + "x" + "</hi>" * 100_000))
    report = validate(path)
    assert [p.rule for p in report.problems] == ["xml-syntax"]
    assert "depth" in report.problems[0].message
    assert_error(cli("html", path, "-o", tmp_path / "site"), 2, "deep.xml:", "depth")


def test_xinclude_is_never_processed(tmp_path, server):
    secret = secret_file(tmp_path)
    path = write(tmp_path / "xi.xml", tei_with(
        f'<p><xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="{secret.as_uri()}" '
        f'parse="text"/><xi:include xmlns:xi="http://www.w3.org/2001/XInclude" '
        f'href="{server.url}/xi" parse="text"/></p>'))
    with watch_opens(secret) as watch:
        validate(path)
        site = build_site([path], tmp_path / "site")
        assert watch.opened() == []
    assert server.requests == []
    assert "TOP-SECRET" not in (site.out_dir / "xi.html").read_text(encoding="utf-8")


# =========================================================================== stylesheets

def _stylesheet_root(tmp_path: Path) -> Path:
    root = tmp_path / "xslt"
    root.mkdir()
    return root


def test_xslt_access_control_denies_document_inside_the_stylesheet_folder(tmp_path):
    """A stylesheet that reads a file the resolver would allow (inside its own folder):
    only the access control stops the read."""
    root = _stylesheet_root(tmp_path)
    secret = write(root / "secret.xml", "<s>TOP-SECRET</s>")
    write(root / "reader.xsl", '<xsl:stylesheet version="1.0" '
          'xmlns:xsl="http://www.w3.org/1999/XSL/Transform"><xsl:template match="/"><o>'
          f'<xsl:value-of select="document(\'{secret.as_uri()}\')"/></o></xsl:template>'
          '</xsl:stylesheet>')
    xslt = compile_stylesheet(root / "reader.xsl", root)
    with watch_opens(secret) as watch:
        with pytest.raises(etree.XSLTApplyError, match="denied"):
            run(xslt, etree.ElementTree(etree.fromstring("<a/>")))
        assert watch.opened() == []


def test_xslt_access_control_denies_the_network(tmp_path, server):
    root = _stylesheet_root(tmp_path)
    write(root / "fetch.xsl", '<xsl:stylesheet version="1.0" '
          'xmlns:xsl="http://www.w3.org/1999/XSL/Transform"><xsl:template match="/"><o>'
          f'<xsl:value-of select="document(\'{server.url}/d.xml\')"/></o></xsl:template>'
          '</xsl:stylesheet>')
    xslt = compile_stylesheet(root / "fetch.xsl", root)
    with pytest.raises(etree.XSLTApplyError):
        run(xslt, etree.ElementTree(etree.fromstring("<a/>")))
    assert server.requests == []


@pytest.mark.parametrize("href", ["../outside.xsl", "{outside}", "{outside_uri}"])
def test_stylesheet_imports_from_outside_the_folder_are_refused(tmp_path, href):
    root = _stylesheet_root(tmp_path)
    outside = write(tmp_path / "outside.xsl", '<xsl:stylesheet version="1.0" '
                    'xmlns:xsl="http://www.w3.org/1999/XSL/Transform"/>')
    href = href.format(outside=outside, outside_uri=outside.as_uri())
    write(root / "main.xsl", '<xsl:stylesheet version="1.0" '
          f'xmlns:xsl="http://www.w3.org/1999/XSL/Transform"><xsl:import href="{href}"/>'
          '</xsl:stylesheet>')
    with watch_opens(outside) as watch:
        with pytest.raises(RenderError, match="refused"):
            compile_stylesheet(root / "main.xsl", root)
        assert watch.opened() == []


def test_stylesheet_imports_inside_the_folder_work(tmp_path):
    root = _stylesheet_root(tmp_path)
    (root / "sub").mkdir()
    write(root / "sub" / "lib.xsl", '<xsl:stylesheet version="1.0" '
          'xmlns:xsl="http://www.w3.org/1999/XSL/Transform"><xsl:template match="/">'
          '<ok/></xsl:template></xsl:stylesheet>')
    write(root / "main.xsl", '<xsl:stylesheet version="1.0" '
          'xmlns:xsl="http://www.w3.org/1999/XSL/Transform"><xsl:import href="sub/lib.xsl"/>'
          '</xsl:stylesheet>')
    result = run(compile_stylesheet(root / "main.xsl", root), etree.ElementTree(etree.fromstring("<a/>")))
    assert result.getroot().tag == "ok"


def test_the_element_number_extension_agrees_with_xpath_counting():
    """tex:element-number is count(preceding::*) + count(ancestor::*) + 1, the fallback
    html.xsl uses elsewhere: the same ids, in a document with nested anonymous divisions."""
    body = "".join(f'<div type="section"><head>节{i}</head><p>段{i}</p>'
                   f'<div type="section"><p>内{i}</p></div></div>' for i in range(5))
    tree = parse_untrusted(tei_with(body).encode())
    fast = str(transform(tree, "html"))
    root = tree.getroot()
    expected = [f"te-div-{int(el.xpath('count(preceding::*) + count(ancestor::*) + 1'))}"
                for el in root.iter(f"{{{TEI}}}div") if el.get("{http://www.w3.org/XML/1998/namespace}id") is None]
    found = lxml_html.fromstring(fast.encode()).xpath("//@id[starts-with(., 'te-div-')]")
    assert expected and set(expected) <= set(found), (expected, found)


def test_schematron_runs_without_file_access(tmp_path):
    """The Schematron's XSLT runs under the same access control as the stylesheets: a
    rule that reads a file gets nothing."""
    from tei_edition.validation import SchematronRunner

    secret = write(tmp_path / "secret.xml", "<s>TOP-SECRET</s>")
    schema = etree.ElementTree(etree.fromstring(
        '<schema xmlns="http://purl.oclc.org/dsdl/schematron" queryBinding="xslt"><pattern>'
        f'<rule context="/*"><assert id="x" test="false()">'
        f'<value-of select="document(\'{secret.as_uri()}\')"/></assert></rule>'
        '</pattern></schema>'))
    runner = SchematronRunner(schema)
    with watch_opens(secret) as watch:
        with pytest.raises(etree.XSLTApplyError, match="denied"):
            runner.report(etree.ElementTree(etree.fromstring("<a/>")))
        assert watch.opened() == []


# =========================================================================== the site

@pytest.fixture
def image_tree(tmp_path):
    """pages/page.xml beside pages/img/ok.png, a secret image outside pages/, and every
    kind of URL that would leave pages/ or mean something else in a browser."""
    pages = tmp_path / "pages"
    (pages / "img").mkdir(parents=True)
    ok = write(pages / "img" / "ok.png", b"\x89PNG fine")
    outside = tmp_path / "secret.png"
    outside.write_bytes(b"\x89PNG TOP-SECRET")
    os.symlink(outside, pages / "img" / "link.png")
    write(pages / "img\\back.png", b"\x89PNG backslash name")
    (pages / "c:").mkdir()
    write(pages / "c:" / "colon.png", b"\x89PNG colon name")
    inside_via_dots = write(pages / "img" / "dots.png", b"\x89PNG dots")
    urls = ["img/ok.png", str(outside), "../secret.png", "img/link.png", "img\\back.png",
            "c:/colon.png", "img/../img/dots.png", str(ok)]
    figures = "".join(f'<figure><graphic url="{u}"/></figure>' for u in urls)
    tei = write(pages / "page.xml", tei_with(figures))
    return {"tei": tei, "ok": ok, "outside": outside, "pages": pages,
            "dots": inside_via_dots, "names": [pages / "img\\back.png", pages / "c:" / "colon.png"]}


def _files(directory: Path, outside_of: Path) -> dict[str, int]:
    return {p.relative_to(directory).as_posix(): p.lstat().st_ino for p in directory.rglob("*")
            if not p.is_dir() and not p.is_relative_to(outside_of)}


def test_graphic_urls_copy_only_plain_paths_beside_the_tei(tmp_path, image_tree):
    before = _files(tmp_path, tmp_path / "site")
    with watch_opens(image_tree["outside"], image_tree["dots"], *image_tree["names"]) as watch:
        build_site([image_tree["tei"]], tmp_path / "site")
        assert watch.opened() == []
    site = tmp_path / "site"
    media = sorted(p.relative_to(site).as_posix() for p in site.rglob("*")
                   if p.is_file() and "media" in p.parts)
    assert media == ["media/page/img/ok.png"]
    # Nothing written outside the site, and no file replaced (same names, same inodes).
    assert _files(tmp_path, site) == before
    page = (site / "page.html").read_text(encoding="utf-8")
    assert "TOP-SECRET" not in page and page.count("<img ") == 1


def test_hostile_urls_reach_nothing_in_html_validate_and_pdf(tmp_path, server,
                                                            expect_weasyprint_warnings):
    secret = secret_file(tmp_path)
    url = server.url
    body = (f'<p><ref target="{url}/ref">r</ref><ref target="javascript:alert(1)">j</ref>'
            f'<ref target=" JaVaScRiPt:alert(2)">k</ref><ref target="java&#9;script:alert(3)">l</ref>'
            f'<ref target="data:text/html,&lt;script&gt;alert(4)&lt;/script&gt;">d</ref>'
            f'<ref target="{secret.as_uri()}">f</ref><ref target="//evil.example/x">s</ref>'
            f'<hi style="background:url({url}/css)">c</hi><pb facs="{url}/facs.jpg"/>'
            f'<pb facs="{secret.as_uri()}"/></p>'
            f'<figure><graphic url="{url}/img.jpg"/></figure>'
            f'<figure><graphic url="{secret.as_uri()}"/></figure>'
            '<head>&lt;script&gt;alert(5)&lt;/script&gt;"&gt;&lt;img src=x onerror=alert(6)&gt;</head>')
    rendition = (f'<encodingDesc><tagsDecl><rendition xml:id="r1" scheme="css">'
                 f'background: url({url}/rendition.css)</rendition></tagsDecl></encodingDesc>')
    tei = write(tmp_path / "h.xml", tei_with(
        body, header_extra=rendition,
        prolog=f'<?xml-stylesheet type="text/xsl" href="{url}/style.xsl"?>'))
    with watch_opens(secret) as watch:
        validate(tei)
        build_site([tei], tmp_path / "site")
        from tei_edition.pdf import render_pdf
        try:
            render_pdf(tei, tmp_path / "h.pdf", profile="screen")
        except RenderError as exc:                 # refusing is as good as ignoring
            assert "refused" in str(exc)
        assert watch.opened() == []
    assert server.requests == []
    # WeasyPrint says what it was refused; every message it logged is such a refusal.
    logged = [record.getMessage() for record in expect_weasyprint_warnings]
    assert all("tei-edition refuses to fetch" in line for line in logged), logged
    page = lxml_html.fromstring((tmp_path / "site" / "h.html").read_bytes())
    # No script of the page's own: the one inline element is schema.org's JSON-LD, data
    # the browser does not run (its escaping: test_html.py's test_json_ld_cannot_be_closed...)
    assert page.xpath("count(//script[not(@src)])") == 1
    assert page.xpath("//script[not(@src)]/@type") == ["application/ld+json"]
    json.loads(page.xpath("string(//script[not(@src)])"))
    assert not page.xpath("//@*[starts-with(name(), 'on')]")
    for attribute in page.xpath("//@href | //@src"):
        value = attribute.strip().lower()
        if value == "data:,":
            continue                               # the empty favicon html.xsl writes
        if value.startswith(("data:application/x-bibtex;", "data:application/x-research-info-systems;")):
            # The citation downloads: percent-encoded text, never markup a browser renders.
            assert not set(value.split(",", 1)[1]) & set("<>\"' "), value
            continue
        assert (value.startswith(("#", "https://", "http://", "mailto:")) or ":" not in value), value
        assert not value.startswith("//")
        assert "script:" not in value.replace("\t", "") and not value.startswith("data:text")
    # Links to the server may stand as links (a reader chooses to follow them), never as
    # something the page loads by itself.
    assert not [v for v in page.xpath("//@src") if v.startswith(url)]
