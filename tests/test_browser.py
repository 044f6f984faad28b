"""The reading edition in a real browser: Debian's Chromium, headless, driven by Playwright.

Pages are opened from file:// and from a localhost http.server; every request that would
leave the machine is refused and fails the test. Screenshots go to build/screenshots/
(or $TEI_EDITION_SCREENSHOTS) for a person to look at.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import sys
import threading
from pathlib import Path
from urllib.parse import urlparse

import pytest

from tei_edition.site import build_site
sys.path.insert(0, str(Path(__file__).resolve().parent))  # sibling test modules, any import mode
from test_site import write_rich  # noqa: E402

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
SHOTS = Path(os.environ.get("TEI_EDITION_SCREENSHOTS", ROOT / "build" / "screenshots"))
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def site(tmp_path_factory, seed_tei_path, sample_tei_path) -> Path:
    work = tmp_path_factory.mktemp("browser-site")
    out = work / "html"
    build_site([seed_tei_path, sample_tei_path, write_rich(work)], out)
    return out


@pytest.fixture(scope="module")
def server(site):
    handler = functools.partial(_QuietHandler, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep pytest output clean
        pass


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    sync_api = pytest.importorskip("playwright.sync_api")
    exe = shutil.which("chromium")
    if not exe:
        if os.environ.get("CI"):
            pytest.fail("chromium is needed for the browser tests in CI")
        pytest.skip("no chromium here")
    profile = tmp_path_factory.mktemp("chromium-profile")
    with sync_api.sync_playwright() as p:
        # A persistent context is the way to give Chromium a fresh --user-data-dir.
        context = p.chromium.launch_persistent_context(
            str(profile), executable_path=exe, args=CHROMIUM_ARGS, headless=True,
            viewport={"width": 1366, "height": 900}, locale="zh-CN")
        yield context
        context.close()


@pytest.fixture()
def page(browser, server):
    """A fresh tab that refuses (and records) every request leaving file:// and our server."""
    tab = browser.new_page()
    outside: list[str] = []
    errors: list[str] = []

    def guard(route):
        url = route.request.url
        if url.startswith("file://") or url.startswith(server + "/") or url.startswith("data:"):
            route.continue_()
        else:
            outside.append(url)
            route.abort()

    tab.route("**/*", guard)
    tab.on("pageerror", lambda exc: errors.append(str(exc)))
    tab.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    yield tab
    tab.close()
    assert not outside, f"requests that would have left the machine: {outside}"
    assert not errors, f"errors in the page: {errors}"


def _url(kind: str, site: Path, server: str, name: str) -> str:
    return (site / name).as_uri() if kind == "file" else f"{server}/{name}"


def _shot(page, name: str, **options) -> Path:
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{name}.png"
    page.screenshot(path=str(path), **options)
    return path


@pytest.mark.parametrize("kind", ["file", "http"])
def test_toc_breaks_and_search(page, site, server, seed_tei_path, kind):
    page.goto(_url(kind, site, server, f"{seed_tei_path.stem}.html"))
    page.wait_for_load_state("load")
    _shot(page, f"{kind}-01-top")

    # Contents: follow the last entry; it scrolls the article into view.
    links = page.locator("nav.te-toc a")
    assert links.count() >= 2
    target = links.last.get_attribute("href")
    links.last.click()
    assert urlparse(page.url).fragment == target[1:]
    article = page.locator(f"[id='{target[1:]}']")
    box = article.bounding_box()
    assert box is not None and 0 <= box["y"] < 900
    _shot(page, f"{kind}-02-toc-jump")

    # Break switch: column breaks take no space until switched on.
    cb = page.locator(".tei-cb").first
    assert cb.count() == 1
    assert not cb.is_visible()
    para = cb.locator("xpath=..")
    assert "〔" not in para.inner_text()
    # The characters either side of the break touch: no space was added.
    before = cb.evaluate("e => (e.previousSibling ? e.previousSibling.textContent : '').slice(-2)")
    after = cb.evaluate("e => (e.nextSibling ? e.nextSibling.textContent : '').slice(0, 2)")
    assert before and after and before + after in para.inner_text()
    page.locator("#te-breaks").check()
    assert cb.is_visible()
    assert "分栏" in para.inner_text()
    cb.scroll_into_view_if_needed()
    _shot(page, f"{kind}-03-breaks-on")
    page.locator("#te-breaks").uncheck()
    assert not cb.is_visible()

    # Search a Chinese word across all issues.
    page.evaluate("window.scrollTo(0, 0)")
    search = page.locator("#te-q")
    assert search.is_visible()
    search.fill("粮食")
    page.locator("form.te-search button[type=submit]").click()
    results = page.locator("#te-results li")
    results.first.wait_for(timeout=5000)
    assert results.count() >= 1
    assert "粮食" in results.first.locator("mark").inner_text()
    status = page.locator("#te-search-status").inner_text()
    assert "找到" in status
    _shot(page, f"{kind}-04-search")
    first = results.first.locator("a")
    href = first.get_attribute("href")
    first.click()
    page.wait_for_load_state("load")
    assert urlparse(page.url).fragment == href.split("#", 1)[1]

    # A word that is nowhere: a clear answer, no results.
    search = page.locator("#te-q")
    search.fill("不存在的词语喵")
    search.press("Enter")
    page.wait_for_function("document.getElementById('te-search-status').textContent.includes('没有找到')")
    assert page.locator("#te-results li").count() == 0


def test_search_from_the_index_page_over_file(page, site, seed_tei_path):
    page.goto((site / "index.html").as_uri())
    rows = page.locator("table.te-issues tbody tr")
    assert rows.count() == 3
    _shot(page, "file-05-index")
    page.locator("#te-q").fill("人力资源")
    page.locator("#te-q").press("Enter")
    page.locator("#te-results li").first.wait_for(timeout=5000)
    hrefs = page.locator("#te-results li a").evaluate_all("els => els.map(e => e.getAttribute('href'))")
    assert any(h.startswith(f"{seed_tei_path.stem}.html#") for h in hrefs)
    # A search can be opened by address, from disk too.
    page.goto((site / "index.html").as_uri() + "?q=%E7%B2%AE%E9%A3%9F")
    page.locator("#te-results li").first.wait_for(timeout=5000)
    assert page.locator("#te-q").input_value() == "粮食"


def test_repeat_is_collapsed_and_opens(page, site, seed_tei_path):
    page.goto((site / f"{seed_tei_path.stem}.html").as_uri())
    details = page.locator("details.te-repeat").first
    inner = details.locator(".tei-div, .tei-p").first
    assert not inner.is_visible()
    details.locator("summary").click()
    assert inner.is_visible()
    details.scroll_into_view_if_needed()
    _shot(page, "file-06-repeat-open")


def test_citation_shows_the_absolute_address(page, site, seed_tei_path):
    page.goto((site / f"{seed_tei_path.stem}.html").as_uri())
    url = page.locator("article .te-cite-url").first.text_content()
    assert url.startswith("file://") and url.endswith("#" + page.locator("article").first.get_attribute("id"))


def test_phone_layout(browser, site, seed_tei_path):
    tab = browser.new_page()
    tab.set_viewport_size({"width": 390, "height": 844})
    try:
        tab.goto((site / f"{seed_tei_path.stem}.html").as_uri())
        overflow = tab.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"the page is {overflow}px wider than a phone screen"
        _shot(tab, "phone-01-top")
        tab.locator("article").nth(1).scroll_into_view_if_needed()
        _shot(tab, "phone-02-article")
    finally:
        tab.close()


def test_dark_scheme_and_print_media(browser, site, seed_tei_path):
    tab = browser.new_page()
    tab.emulate_media(color_scheme="dark")
    try:
        tab.goto((site / f"{seed_tei_path.stem}.html").as_uri())
        _shot(tab, "dark-01-top")
        tab.emulate_media(media="print")
        assert not tab.locator("nav.te-toc").is_visible()
        assert not tab.locator("form.te-search").is_visible()
        _shot(tab, "print-01-top")
    finally:
        tab.close()


def test_rich_page_with_breaks_and_image(page, site):
    page.goto((site / "rich_page.html").as_uri())
    img = page.locator("figure img")
    img.scroll_into_view_if_needed()
    assert img.evaluate("i => i.complete && i.naturalWidth") == 240
    page.locator("#te-breaks").check()
    page.locator("article").first.scroll_into_view_if_needed()
    _shot(page, "file-07-rich-breaks-on", full_page=True)


@pytest.mark.parametrize("name", ["seed", "sample_page.html", "rich_page.html", "index.html"])
def test_axe_finds_no_serious_or_critical_violations(page, site, seed_tei_path, name):
    from axe_playwright_python.sync_playwright import Axe

    page_name = f"{seed_tei_path.stem}.html" if name == "seed" else name
    page.goto((site / page_name).as_uri())
    # Open every collapsed block and turn the breaks on, so axe sees all content.
    page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
    if page.locator("#te-breaks").count():
        page.locator("#te-breaks").check()
    # preload off: axe would otherwise fetch the stylesheet again, which the pages' own
    # Content-Security-Policy (connect-src 'none') refuses, as it should.
    results = Axe().run(page, options={"resultTypes": ["violations"], "preload": False})
    bad = [v for v in results.response["violations"] if v.get("impact") in ("serious", "critical")]
    assert not bad, "\n".join(f"{v['id']} ({v['impact']}): {v['help']} - "
                              f"{[n['target'] for n in v['nodes']][:5]}" for v in bad)
