"""The static HTML reading edition of an archive: TEI pages in, a site out.

    SITE/
      index.html                      the newspapers, each with its years; undated pages
      browse/PAPER/YEAR.html          a year of one newspaper: a calendar per month
      browse/PAPER/YEAR/ISSUE.html    an issue: its pages and their articles
      browse/undated/ISSUE.html       a page whose date is unknown
      NAME.html                       one page per TEI page (xslt/html.xsl): previous and
                                      next page and issue, the issue, the year
      NAME/ID.html                    one page per article (its permalink: the page's name
                                      and the article's xml:id)
      tei/NAME.xml                    the TEI itself, byte for byte, for download (less any
                                      processing instruction that would make a browser fetch
                                      something: xml-stylesheet, or an xml-model with a URL)
      media/NAME/...                  images a page's graphic/@url names, found beside its TEI
      search/index.js                 the search index's size (the shards' count)
      search/fold.js                  traditional -> simplified characters (OpenCC's table)
      search/g/XXX.js, search/u/XXX.js  the index in shards: character pairs with their
                                      positions, and single characters with their counts
      search/p/KEY.js                 one page's text, for the snippets
      assets/edition.css, assets/edition.js
      .tei-edition-site               marker: a folder this tool made (safe to replace)

NAME is the page's name: its path under the sources without .txt for `tei-edition build`
(folders kept), the TEI file's name for `tei-edition html`. Every link is relative, so the
site works from disk (file://) as well as from a web server; every search file is a
<script> (a browser refuses fetch() of local files, not a script element), loaded when
someone searches: a query loads the few shards holding its characters and the text of the
pages it shows, never the whole index.

Python runs the stylesheets and writes files; every page is made by html.xsl, the browse
pages from small manifests (site:archive, site:year, site:issue) that list what they link.

Two ways to build:
  build_site(TEI files, DIR)   `tei-edition html`: the whole site in a sibling folder, swapped
                               into place at the end (an error leaves the old site or none),
                               under a lock (.DIR.lock beside it).
  update_site(issues, ...)     `tei-edition build`: incremental. Every output file is recorded
                               in the build's state with the digest of what it was made from
                               (the TEI's digest, the toolkit, the links it shows), and made
                               again only when that changed: a changed page remakes its own
                               files, the pages whose links to it changed, the browse pages
                               that list it and the search shards holding its text. Each file
                               is written atomically; files of pages that left the site are
                               removed.
"""

from __future__ import annotations

import calendar
import json
import math
import os
import posixpath
import re
import shutil
import tempfile
import time
import unicodedata
from contextlib import contextmanager
from copy import deepcopy
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from urllib.parse import quote, urljoin, urlsplit

from lxml import etree

from . import __version__
from .archive import Issue, Page, PageFacts, group_issues, page_facts, slug
from .config import SiteConfig
from .errors import InputError, OutputError, RenderError, TeiEditionError, display_path
from .master import sha256
from .resources import xslt_dir
from .state import digest, toolkit_digest
from .transform import html_bytes, transform
from .xmlio import TEI_NS, parse_untrusted, read_input, write_atomic

try:
    import fcntl
except ImportError:          # not POSIX: builds of one site are not serialised
    fcntl = None

SITE_NS = "urn:tei-edition:site"
MARKER = ".tei-edition-site"
ASSETS = ("edition.css", "edition.js")
SEARCH_DIR = "search"
SEARCH_FILE = "search/index.js"          # what a page's search form loads first
SEARCH_GLOBAL = "TEI_EDITION_SEARCH"     # the object every search file hands its data to
SEARCH_FORMAT = 2
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# The browse pages and the site's own folders: a page's name may not start with them.
_RESERVED = {"index"}
_RESERVED_FOLDERS = {"browse", "search", "assets", "media", "tei"}
_NOT_UTF8 = re.compile("[\udc80-\udcff]")         # surrogate escapes: bytes of another encoding
# About one shard per this many characters of text: a shard stays a few KB however large
# the archive grows (the count of shards doubles instead).
CHARS_PER_SHARD = 1000
MIN_SHARDS, MAX_SHARDS = 8, 8192


@dataclass
class SitePage:
    """A page of the site: a valid TEI master and what its header says."""

    name: str                       # the page's name (a POSIX path, no suffix)
    tei: Path
    digest: str                     # SHA-256 of the TEI's bytes
    facts: PageFacts
    tree: etree._ElementTree | None = None      # parsed already (tei-edition html)
    published: bytes | None = None              # the TEI as published (see _published_copy)
    removed: list[str] = field(default_factory=list)


@dataclass
class SiteReport:
    out_dir: Path
    pages: list[str] = field(default_factory=list)      # the page files made (again)
    page_count: int = 0                                  # pages in the site
    issues: int = 0
    articles: int = 0                                    # articles in the site
    search_passages: int = 0
    search_bigrams: int = 0
    search_shards: int = 0
    transform_seconds: list[float] = field(default_factory=list)
    seconds: float = 0.0
    made: int = 0                                        # files written
    kept: int = 0                                        # files already current
    removed: int = 0                                     # files of pages that left the site
    failures: list[str] = field(default_factory=list)    # pages left out, with the reason
    # What the published TEI copies lost: "NAME.xml: <?xml-stylesheet href=...?>".
    removed_instructions: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        removed = (f"; {len(self.removed_instructions)} processing instruction(s) that would "
                   f"fetch from elsewhere left out of the published TEI"
                   if self.removed_instructions else "")
        return (f"wrote {display_path(self.out_dir)}/: {self.page_count} page(s) in "
                f"{self.issues} issue(s), {self.articles} article(s), search index of "
                f"{self.search_passages} passage(s) and {self.search_bigrams} bigram(s) in "
                f"{self.search_shards} shard(s), {self.made} file(s) written, in "
                f"{self.seconds:.2f} s" + removed)


# ============================================================================ tei-edition html

def build_site(tei_paths: list[Path], out_dir: Path, *,
               pdf_href: str | None = "../pdf/{name}.pdf",
               settings: SiteConfig | None = None) -> SiteReport:
    """Build the reading edition of TEI files into out_dir (replacing a previous build).

    pdf_href: where each page links its PDF, relative to the site ("{name}" is the TEI
    file's stem); None for no PDF link. The default fits `tei-edition build`, which writes
    output/html/ beside output/pdf/. settings: the `[site]` table of the project's
    configuration (tei_edition.config.load_site_config): the interface's language and
    the address the site will be published at; default: the TEI's language, no address.
    """
    started = time.perf_counter()
    out_dir = Path(out_dir)
    # Work on the resolved path: "-o ." has no name and is its own parent's child "." .
    target = out_dir.resolve()
    if target.parent == target or target == Path.cwd().resolve():
        raise InputError("choose a directory for the site other than the current directory "
                         "or the file system root", out_dir)
    # By name: an issue takes its paper's names from its first page, so the order of the
    # arguments must not matter.
    pages = sorted(_read_pages([Path(p) for p in tei_paths], target), key=lambda p: p.name)
    issues = group_issues([(Page(p.name, p.tei), p.facts) for p in pages])
    _check_replaceable(target)

    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"cannot create the folder for the site: {exc.strerror}", out_dir) from None
    with _site_lock(target, out_dir):
        _remove_leftovers(target, "building")
        try:
            staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.building-", dir=target.parent))
        except OSError as exc:
            raise OutputError(f"cannot create a folder beside the site: {exc.strerror}",
                              out_dir) from None
        try:
            report = _Site(staging, _MemoryState(staging), issues, {p.name: p for p in pages},
                           pdf_href, strict=True, settings=settings).run()
            _swap_into_place(staging, target)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        _remove_leftovers(target, "old")
    report.out_dir = out_dir
    report.seconds = time.perf_counter() - started
    report.removed_instructions = [f"{p.name}.xml: {pi}" for p in pages for pi in p.removed]
    return report


# ============================================================================ tei-edition build

def update_site(issues: list[Issue], pages: dict[str, SitePage], site_dir: Path, state, *,
                pdf_href: str | None = "../pdf/{name}.pdf", progress=None,
                memory: Path | None = None, settings: SiteConfig | None = None) -> SiteReport:
    """Bring the site in SITE_DIR up to date with ISSUES (as archive.group_issues made them;
    PAGES gives each page's TEI digest and facts by name), making only what changed.

    state: the build's BuildState (is_current, record, forget, outputs): every file of the
    site is recorded there with the digest of what it was made from. memory: a file for
    what the search index needs between builds (each page's key and size). A page that
    cannot be published (a name the site cannot use, a TEI changed since it was validated)
    is left out and named in the report's failures; the rest is built. settings: as for
    build_site; a change of them makes every page again.
    """
    started = time.perf_counter()
    site_dir = Path(site_dir)
    report = _Site(site_dir, state, issues, pages, pdf_href, progress=progress,
                   memory=memory, settings=settings).run()
    report.seconds = time.perf_counter() - started
    return report


class _MemoryState:
    """The part of a BuildState the site uses (out_dir, outputs), remembering nothing:
    every file is made (tei-edition html builds a new site each time)."""

    def __init__(self, out_dir: Path):
        self.out_dir = Path(out_dir)
        self.outputs: dict[str, str] = {}


@contextmanager
def _site_lock(target: Path, shown: Path):
    """Hold .NAME.lock beside the site for the build; a second build stops at once.

    The lock is flock(2) on that file, released by the kernel when a build dies; the file
    is removed when a build ends. A build that locked a file someone had just removed
    (its inode is no longer the path's) tries again with the new one.
    """
    if fcntl is None:
        yield
        return
    lock = target.parent / f".{target.name}.lock"
    for _attempt in range(5):
        try:
            fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o666)
        except OSError as exc:
            raise OutputError(f"cannot create the lock file {display_path(lock)}: "
                              f"{exc.strerror}", shown) from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise OutputError("another tei-edition process is building this site right now "
                              f"(it holds {display_path(lock)}); wait for it to finish",
                              shown) from None
        try:
            current = os.stat(lock)
        except FileNotFoundError:
            current = None
        held = os.fstat(fd)
        if current is not None and (current.st_ino, current.st_dev) == (held.st_ino, held.st_dev):
            break
        os.close(fd)
    else:
        raise OutputError(f"cannot take the lock {display_path(lock)}", shown)
    try:
        yield
    finally:
        try:
            os.unlink(lock)           # while still holding it: see the docstring
        except OSError:
            pass
        os.close(fd)


def _remove_leftovers(target: Path, kind: str) -> None:
    """Remove .NAME.building-XXXXXXXX (or .old-) folders: staging folders of builds that
    were killed. Called with the lock held, so no running build owns them."""
    pattern = re.compile(rf"\.{re.escape(target.name)}\.{kind}-[a-z0-9_]{{8}}")
    try:
        entries = list(os.scandir(target.parent))
    except OSError:
        return
    for entry in entries:
        if pattern.fullmatch(entry.name) and entry.is_dir(follow_symlinks=False):
            shutil.rmtree(entry.path, ignore_errors=True)


# ----------------------------------------------------------------------------- inputs

def _read_pages(paths: list[Path], target: Path) -> list[SitePage]:
    if not paths:
        raise InputError("no TEI files given")
    pages: list[SitePage] = []
    taken: dict[str, Path] = {}
    for path in paths:
        data = read_input(path, "TEI file")
        if target == path.resolve() or target in path.resolve().parents:
            raise InputError("is inside the site folder, which a build replaces as a whole: "
                             "keep the TEI files outside it", path)
        tree = parse_untrusted(data, name=str(path))
        root = etree.QName(tree.getroot())
        # TEI P5 (namespaced), and also older TEI (P4's TEI.2, no namespace): those render
        # with the generic fallback, their text kept. Anything else is not ours to publish.
        if root.namespace != TEI_NS and root.localname not in ("TEI", "TEI.2", "teiCorpus", "teiCorpus.2"):
            raise InputError(f"not a TEI document: the root element is <{root.localname}>"
                             + (f" in namespace {root.namespace}" if root.namespace else "")
                             + f", not TEI in {TEI_NS}", path)
        name = path.stem
        if name in _RESERVED:
            name = f"{name}-issue"
        # A name the site cannot use (not UTF-8, too long) is refused by _name_problem.
        if name in taken:
            raise InputError(f"two inputs would make the same page {name}.html: "
                             f"{display_path(taken[name])} and {display_path(path)}", path)
        taken[name] = path
        published, removed = _published_copy(tree, data)
        pages.append(SitePage(name, path, sha256(data), page_facts(tree), tree, published, removed))
    return pages


def _name_problem(name: str) -> str | None:
    """Why a page of this name cannot be part of the site, or None."""
    # Surrogate escapes: bytes that are not UTF-8 cannot make a web address.
    if _NOT_UTF8.search(name):
        return ("the file name is not UTF-8, and a page's name becomes its web address: "
                "rename the file (e.g. convmv -f gbk -t utf-8)")
    first = name.split("/", 1)[0]
    if name in _RESERVED or ("/" in name and first in _RESERVED_FOLDERS):
        return (f"the name {name} is one the site uses for its own files: rename the page "
                f"or its folder")
    if any(len(os.fsencode(f".{part}.html.12345678.part")) > 255 for part in name.split("/")):
        return "the file name is too long to name a page of the site: shorten it"
    return None


def _published_copy(tree: etree._ElementTree, data: bytes) -> tuple[bytes, list[str]]:
    """The TEI as the site publishes it: byte for byte, unless it has processing
    instructions outside the root that a reader's browser or editor would act on by
    fetching something (xml-stylesheet: a browser loads and runs the stylesheet; an
    xml-model naming a URL: an editor downloads the schema). Those are left out and the
    document is written out again from the parsed tree; the TEI itself is unchanged."""
    root = tree.getroot()
    before = list(reversed(list(root.itersiblings(preceding=True))))
    after = list(root.itersiblings())
    removed = [_show_pi(node) for node in (*before, *after) if not _harmless(node)]
    if not removed:
        return data, []
    copy = deepcopy(root)
    for node in before:
        if _harmless(node):
            copy.addprevious(deepcopy(node))
    for node in reversed(after):
        if _harmless(node):
            copy.addnext(deepcopy(node))
    encoding = tree.docinfo.encoding or "UTF-8"
    return etree.tostring(etree.ElementTree(copy), xml_declaration=True, encoding=encoding), removed


def _harmless(node) -> bool:
    """Comments, and processing instructions that make nobody fetch anything: an
    xml-model with a relative href (the encoder's own: schema/tei_newspaper.rng) or an
    instruction no browser or editor acts on by loading a URL."""
    if not isinstance(node, etree._ProcessingInstruction):
        return True
    target = (node.target or "").lower()
    href = (node.get("href") or "").strip()
    if target == "xml-model":
        return bool(href) and not urlsplit(href).scheme and not href.startswith(("/", "\\"))
    return not href and "://" not in (node.text or "")


def _show_pi(node) -> str:
    text = " ".join((node.text or "").split())
    return f"<?{node.target} {text[:80]}?>"


def _check_replaceable(out_dir: Path) -> None:
    """Refuse to replace a directory that is not a site this tool made (e.g. `-o .`)."""
    if not out_dir.exists():
        return
    if not out_dir.is_dir():
        raise InputError("exists and is not a directory", out_dir)
    if any(out_dir.iterdir()) and not (out_dir / MARKER).exists():
        raise InputError(f"refusing to replace a directory that was not made by "
                         f"`tei-edition html` (it has no {MARKER}); choose a new or empty "
                         f"directory", out_dir)


# ============================================================================ the plan

def _href(source: str, target: str, fragment: str = "") -> str:
    """The relative link from site file SOURCE to site file TARGET (both POSIX paths
    relative to the site, without '.' or '..': computed, not asked of the file system)."""
    here = source.split("/")[:-1]
    there = target.split("/")
    common = 0
    while common < len(here) and common < len(there) - 1 and here[common] == there[common]:
        common += 1
    rel = "../" * (len(here) - common) + "/".join(there[common:])
    return quote(rel) + (f"#{quote(fragment)}" if fragment else "")


def _root(source: str) -> str:
    """The way from site file SOURCE up to the site's root ('' or '../../')."""
    return "../" * source.count("/")


def _lang_of(*texts: str) -> str:
    """The interface language of a browse page: Chinese when its newspapers are named in
    Chinese (the pages' own language is in their TEI, which a browse page does not read)."""
    joined = "".join(texts)
    return "zh" if re.search("[\u3400-\u9fff\uf900-\ufaff]", joined) or not joined else "en"


@dataclass
class _PaperPlan:
    key: str
    title: str
    title_en: str
    issues: list[Issue] = field(default_factory=list)


@dataclass
class _PagePlan:
    page: SitePage
    issue: Issue
    path: str                       # NAME.html
    params: dict[str, str]          # html.xsl's parameters for the page
    articles: list[str]             # the xml:ids that get a page of their own
    key: str = ""                   # the search index's key for the page


class _Site:
    def __init__(self, site_dir: Path, state, issues: list[Issue], pages: dict[str, SitePage],
                 pdf_href: str | None, *, progress=None, memory: Path | None = None,
                 strict: bool = False, settings: SiteConfig | None = None):
        self.dir = Path(site_dir)
        self.settings = settings or SiteConfig()
        # What every file of the site depends on besides its own inputs: the toolkit and
        # the settings (a new base URL or interface language makes every file again).
        self.toolkit = digest(toolkit_digest(), self.settings.digest_text())
        self.state = state
        self.pages = pages
        self.pdf_href = pdf_href
        self.progress = progress
        self.memory_path = memory
        self.strict = strict                 # tei-edition html: a problem is an error
        self.generator = f"tei-edition {__version__}"
        self.report = SiteReport(out_dir=self.dir)
        self.expected: set[str] = set()     # every file of the site, relative to self.dir
        self.rendered: set[str] = set()     # the pages made (again) by this run
        self.failed: set[str] = set()       # the pages that could not be made
        self.page_names: set[str] = set()
        self.issues = self._usable(issues)
        # State keys of the site's files: SITE/relative ("html/..." in a build's state).
        site_key = Path(self.dir).relative_to(state.out_dir).as_posix()
        self.key_prefix = "" if site_key == "." else site_key + "/"
        self.dir_prefix = str(self.dir) + os.sep
        # No file of the site recorded: a first build, or over a site an older version made.
        self.first = not self._recorded("")

    # -- helpers ------------------------------------------------------------------
    def _fail(self, name: str, message: str) -> None:
        page = self.pages.get(name)
        where = display_path(page.tei) if page else name
        if self.strict:
            raise InputError(message, page.tei if page else None)
        self.report.failures.append(f"{where}: {message}")

    def _usable(self, issues: list[Issue]) -> list[Issue]:
        """The issues, less the pages the site cannot publish (said in the report)."""
        usable = []
        for issue in issues:
            kept = [(p, f) for p, f in zip(issue.pages, issue.facts)
                    if p.name in self.pages and not self._refused(p.name)]
            if kept:
                usable.append(Issue(issue.id, issue.paper, issue.paper_en, issue.date,
                                    issue.issue_number, [p for p, _ in kept], [f for _, f in kept]))
        return usable

    def _refused(self, name: str) -> bool:
        problem = _name_problem(name)
        if problem:
            self._fail(name, problem)
        return problem is not None

    def path(self, relative: str) -> Path:
        return self.dir / relative

    def current(self, relative: str, inputs: str) -> bool:
        """BuildState.is_current, without a Path per file (a no-op build asks ~9 per page)."""
        self.expected.add(relative)
        return (self.state.outputs.get(self.key_prefix + relative) == inputs
                and os.path.exists(self.dir_prefix + relative))

    def record(self, relative: str, inputs: str) -> None:
        self.state.outputs[self.key_prefix + relative] = inputs

    def write(self, relative: str, data: bytes, inputs: str) -> None:
        write_atomic(self.path(relative), data)
        self.record(relative, inputs)
        self.report.made += 1

    def write_if_changed(self, relative: str, data: bytes, inputs: str) -> bool:
        """Write only when the bytes differ: an unchanged file keeps its time."""
        self.expected.add(relative)
        target = self.path(relative)
        try:
            same = target.read_bytes() == data
        except OSError:
            same = False
        if same:
            self.record(relative, inputs)
            self.report.kept += 1
            return False
        self.write(relative, data, inputs)
        return True

    # -- the run ------------------------------------------------------------------
    def run(self) -> SiteReport:
        plans, papers = self._plan()
        self._check_collisions(plans, papers)
        self.page_names = set(plans)
        search = _SearchIndex(self, plans)
        self._pages(plans, search)
        self._browse(plans, papers)
        search.update()
        self._assets()
        self._collect_garbage()
        self.report.page_count = len(plans)
        self.report.issues = len(self.issues)
        self.report.articles = sum(len(p.page.facts.articles) for p in plans.values())
        return self.report

    def _plan(self) -> tuple[dict[str, _PagePlan], list[_PaperPlan]]:
        papers: dict[str, _PaperPlan] = {}
        undated = _PaperPlan("undated", "", "")
        for issue in self.issues:
            if issue.date is None:
                undated.issues.append(issue)
                continue
            paper = papers.get(issue.paper)
            if paper is None:
                paper = papers[issue.paper] = _PaperPlan("", issue.paper, issue.paper_en)
            paper.issues.append(issue)
        ordered = sorted(papers.values(), key=lambda p: p.title)
        _paper_keys(ordered)
        plans: dict[str, _PagePlan] = {}
        for paper in [*ordered, undated]:
            for number, issue in enumerate(paper.issues):
                before = paper.issues[number - 1] if number and paper is not undated else None
                after = (paper.issues[number + 1] if number + 1 < len(paper.issues)
                         and paper is not undated else None)
                for index, site_page in enumerate(issue.pages):
                    page = self.pages[site_page.name]
                    plans[page.name] = self._page_plan(page, issue, index, paper, before, after)
        return plans, [*ordered, undated]

    def issue_path(self, issue: Issue, paper: _PaperPlan) -> str:
        if issue.date is None:
            return f"browse/undated/{issue.id}.html"
        return f"browse/{paper.key}/{issue.date[:4]}/{issue.id}.html"

    def _page_plan(self, page: SitePage, issue: Issue, index: int, paper: _PaperPlan,
                   before: Issue | None, after: Issue | None) -> _PagePlan:
        path = f"{page.name}.html"
        stem = page.name.rsplit("/", 1)[-1]
        root = _root(path)
        params = dict(
            page_href=quote(f"{stem}.html"),
            index_href=_href(path, "index.html"),
            tei_href=_href(path, f"tei/{page.name}.xml"),
            pdf_href=root + self.pdf_href.format(name=quote(page.name)) if self.pdf_href else "",
            assets_href=root + "assets/",
            search_href=root + SEARCH_FILE,
            media_href=root + f"media/{quote(page.name)}/",
            articles_href=quote(stem) + "/",
            issue_href=_href(path, self.issue_path(issue, paper)),
            generator=self.generator,
            **self._setting_params(path, page.name),
        )
        if issue.date is not None:
            params.update(year_href=_href(path, f"browse/{paper.key}/{issue.date[:4]}.html"),
                          year=issue.date[:4])
        for direction, neighbour in (("prev", index - 1), ("next", index + 1)):
            if 0 <= neighbour < len(issue.pages):
                other = issue.pages[neighbour]
                params[f"{direction}_page_href"] = _href(path, f"{other.name}.html")
                params[f"{direction}_page_n"] = issue.facts[neighbour].page_number or str(neighbour + 1)
        for direction, other in (("prev", before), ("next", after)):
            if other is not None:
                params[f"{direction}_issue_href"] = _href(path, f"{other.pages[0].name}.html")
                params[f"{direction}_issue_date"] = other.date or ""
        articles = []
        for article_id, _headline in page.facts.articles:
            if article_id and article_id not in articles and _usable_id(article_id):
                articles.append(article_id)
        return _PagePlan(page, issue, path, params, articles)

    def _check_collisions(self, plans: dict[str, _PagePlan], papers: list[_PaperPlan]) -> None:
        """Two pages may not make the same file: a page named like another page's article
        (page-1/a01 beside page-1, whose article a01 is page-1/a01.html)."""
        owners: dict[str, str] = {}
        for plan in plans.values():
            owners[plan.path] = plan.page.name
        for plan in list(plans.values()):
            for article_id in plan.articles:
                other = owners.get(f"{plan.page.name}/{article_id}.html")
                if other is not None:
                    self._fail(other, f"its page {other}.html would be the permalink of article "
                                      f"{article_id} of {plan.page.name}: rename it")
                    plans.pop(other, None)

    # -- the pages ----------------------------------------------------------------
    def _pages(self, plans: dict[str, _PagePlan], search: "_SearchIndex") -> None:
        work = []
        for plan in plans.values():
            outputs = self._page_outputs(plan, search)
            stale = {path: inputs for path, inputs in outputs.items() if not self.current(path, inputs)}
            self.report.kept += len(outputs) - len(stale)
            if stale:
                work.append((plan, stale))
        if self.progress is not None:
            self.progress.stage("html", len(work))
        for plan, stale in work:
            try:
                self._render(plan, stale, search)
            except TeiEditionError as exc:
                if self.strict:
                    raise
                self.report.failures.append(str(exc))       # the caller says it
                self.failed.add(plan.page.name)
                continue
            if self.progress is not None:
                self.progress.advance(f"{plan.page.name}: {len(stale)} file(s)")

    def _page_outputs(self, plan: _PagePlan, search: "_SearchIndex") -> dict[str, str]:
        page = plan.page
        base = (self.toolkit, page.digest, page.name)
        outputs = {
            plan.path: digest("page", *base, json.dumps(plan.params, sort_keys=True)),
            f"tei/{page.name}.xml": digest("tei", *base),
            search.page_file(plan): digest("search-page", *base, plan.key, str(SEARCH_FORMAT)),
        }
        for article_id in plan.articles:
            outputs[f"{page.name}/{article_id}.html"] = digest("article", *base, article_id)
        return outputs

    def _render(self, plan: _PagePlan, stale: dict[str, str], search: "_SearchIndex") -> None:
        page = plan.page
        tree, published = page.tree, page.published
        if tree is None:
            data = read_input(page.tei, "TEI file")
            if sha256(data) != page.digest:
                raise InputError("changed while the site was built (after it was validated): "
                                 "build again", page.tei)
            tree = parse_untrusted(data, name=str(page.tei))
            published, page.removed = _published_copy(tree, data)
        self.rendered.add(page.name)
        media = self._copy_media(page, tree)
        page_file = search.page_file(plan)
        if plan.path in stale or page_file in stale:
            params = dict(plan.params, media_available="\n" + "".join(f"{url}\n" for url in media))
            t0 = time.perf_counter()
            result = transform(tree, "html", **params)
            self.report.transform_seconds.append(time.perf_counter() - t0)
            html_root = result.getroot()
            if html_root is None:
                raise RenderError("html.xsl produced no page", page.tei)
            if plan.path in stale:
                self.write(plan.path, html_bytes(result), stale[plan.path])
                self.report.pages.append(plan.path)
            if page_file in stale:
                search.page_rendered(plan, html_root, stale[page_file])
        tei_copy = f"tei/{page.name}.xml"
        if tei_copy in stale:
            self.write(tei_copy, published, stale[tei_copy])
        for article_id in plan.articles:
            path = f"{page.name}/{article_id}.html"
            if path in stale:
                result = transform(tree, "html", **self._article_params(plan, article_id, path))
                self.write(path, html_bytes(result), stale[path])

    def _setting_params(self, path: str, name: str | None = None) -> dict[str, str]:
        """html.xsl's parameters from the settings for site file PATH (of page NAME): the
        interface's language, and with a base URL the absolute address of the file's folder
        and of the page's PDF."""
        params: dict[str, str] = {}
        if self.settings.lang != "auto":
            params["ui_lang"] = self.settings.lang
        base = self.settings.base_url
        if base:
            params["dir_url"] = base + quote(posixpath.dirname(path) + "/" if "/" in path else "")
            if name is not None and self.pdf_href:
                pdf = _root(path) + self.pdf_href.format(name=quote(name))
                params["pdf_url"] = urljoin(base + quote(path), pdf)
        return params

    def _article_params(self, plan: _PagePlan, article_id: str, path: str) -> dict[str, str]:
        params = {key: value for key, value in plan.params.items()
                  if not key.startswith(("prev_", "next_"))}
        root = _root(path)
        params.update(self._setting_params(path, plan.page.name))
        params.update(
            article_id=article_id,
            page_href=quote(f"{article_id}.html"),
            full_page_href=_href(path, plan.path),
            articles_href="",
            index_href=_href(path, "index.html"),
            tei_href=_href(path, f"tei/{plan.page.name}.xml"),
            pdf_href=(root + self.pdf_href.format(name=quote(plan.page.name))
                      if self.pdf_href else ""),
            assets_href=root + "assets/",
            search_href=root + SEARCH_FILE,
            media_href=root + f"media/{quote(plan.page.name)}/",
            issue_href="../" + plan.params["issue_href"],
        )
        if "year_href" in plan.params:
            params["year_href"] = "../" + plan.params["year_href"]
        return params

    def _copy_media(self, page: SitePage, tree: etree._ElementTree) -> list[str]:
        """Copy the images a page's graphic/@url names, when they lie beside its TEI file, to
        media/NAME/ (the same relative path). Remote URLs are left alone (html.xsl links them
        rather than loading them); a path leaving the TEI file's directory is ignored."""
        base = page.tei.parent.resolve()
        copied: list[str] = []
        for url in tree.xpath("//tei:graphic/@url", namespaces={"tei": TEI_NS}):
            url = url.strip()
            if not url or ":" in url or url.startswith(("/", "\\")) or "\\" in url:
                continue
            parts = Path(url).parts
            if ".." in parts:
                continue
            source = (base / url).resolve()
            if base not in source.parents or not source.is_file():
                continue
            relative = f"media/{page.name}/{Path(*parts).as_posix()}"
            self.expected.add(relative)
            self.write(relative, source.read_bytes(), digest("media", page.digest, url))
            if url not in copied:
                copied.append(url)
        return copied

    def _recorded(self, prefix: str) -> list[str]:
        """Files under PREFIX (relative to the site) that the state records."""
        full = self.key_prefix + prefix
        return [key[len(self.key_prefix):] for key in self.state.outputs if key.startswith(full)]

    # -- browse pages ---------------------------------------------------------------
    def _browse(self, plans: dict[str, _PagePlan], papers: list[_PaperPlan]) -> None:
        dated = [p for p in papers if p.key != "undated"]
        undated = next((p for p in papers if p.key == "undated"), None)
        self._browse_page("index.html", self._index_manifest(dated, undated, plans))
        for paper in dated:
            years: dict[str, list[Issue]] = {}
            for issue in paper.issues:
                years.setdefault(issue.date[:4], []).append(issue)
            ordered = sorted(years)
            for number, year in enumerate(ordered):
                path = f"browse/{paper.key}/{year}.html"
                neighbours = (ordered[number - 1] if number else None,
                              ordered[number + 1] if number + 1 < len(ordered) else None)
                self._browse_page(path, self._year_manifest(path, paper, year, years[year], neighbours))
        for paper in papers:
            for number, issue in enumerate(paper.issues):
                neighbours = (None, None) if paper is undated else (
                    paper.issues[number - 1] if number else None,
                    paper.issues[number + 1] if number + 1 < len(paper.issues) else None)
                path = self.issue_path(issue, paper)
                self._browse_page(path, self._issue_manifest(path, paper, issue, neighbours, plans))

    def _browse_page(self, path: str, manifest: "_Node") -> None:
        inputs = digest("browse", self.toolkit, path, manifest.data())
        if self.current(path, inputs):
            self.report.kept += 1
            return
        result = transform(etree.ElementTree(manifest.element()), "html", index_href=_href(path, "index.html"),
                           assets_href=_root(path) + "assets/", search_href=_root(path) + SEARCH_FILE,
                           page_href=quote(posixpath.basename(path)), generator=self.generator,
                           **self._setting_params(path))
        self.write(path, html_bytes(result), inputs)

    @staticmethod
    def _element(tag: str, parent: "_Node | None" = None, /, **attributes) -> "_Node":
        """site:TAG with ATTRIBUTES (some_name becomes some-name; lang is xml:lang; empty
        values are left out)."""
        node = _Node(tag)
        for key, value in attributes.items():
            if value is not None and value != "":
                node.set(XML_LANG if key == "lang" else key.rstrip("_").replace("_", "-"), str(value))
        if parent is not None:
            parent.children.append(node)
        return node

    def _index_manifest(self, papers: list[_PaperPlan], undated: _PaperPlan | None,
                        plans: dict[str, _PagePlan]) -> "_Node":
        titles = [p.title for p in papers] or [f.title for i in (undated.issues if undated else [])
                                                for f in i.facts]
        root = self._element("archive", lang=_lang_of(*titles))
        for paper in papers:
            entry = self._element("paper", root, key=paper.key, title=paper.title or None,
                                  title_en=paper.title_en, issues=len(paper.issues),
                                  pages=sum(len(i.pages) for i in paper.issues),
                                  first=paper.issues[0].date, last=paper.issues[-1].date)
            years: dict[str, list[Issue]] = {}
            for issue in paper.issues:
                years.setdefault(issue.date[:4], []).append(issue)
            for year in sorted(years):
                self._element("year", entry, n=year, href=_href("index.html", f"browse/{paper.key}/{year}.html"),
                              issues=len(years[year]), pages=sum(len(i.pages) for i in years[year]))
        if undated is not None and undated.issues:
            group = self._element("undated", root)
            for issue in undated.issues:
                page = issue.pages[0]
                self._element("page", group, href=_href("index.html", f"{page.name}.html"),
                              name=page.name, title=issue.facts[0].title or page.name,
                              paper=issue.paper)
        return root

    def _year_manifest(self, path: str, paper: _PaperPlan, year: str, issues: list[Issue],
                       neighbours: tuple[str | None, str | None]) -> "_Node":
        root = self._element("year", lang=_lang_of(paper.title), paper=paper.title,
                             paper_en=paper.title_en, n=year, issues=len(issues))
        nav = self._element("nav", root)
        for direction, other in zip(("prev", "next"), neighbours):
            if other is not None:
                nav.set(f"{direction}-href", _href(path, f"browse/{paper.key}/{other}.html"))
                nav.set(direction, other)
        by_day: dict[str, list[Issue]] = {}
        for issue in issues:
            by_day.setdefault(issue.date, []).append(issue)
        number = int(year)
        for month in range(1, 13):
            in_month = [i for i in issues if int(i.date[5:7]) == month]
            element = self._element("month", root, n=month, issues=len(in_month),
                                    id=f"m{month:02d}")
            for week in calendar.Calendar(firstweekday=0).monthdayscalendar(number, month):
                row = self._element("week", element)
                for day in week:
                    cell = self._element("day", row, n=day or None)
                    date = f"{year}-{month:02d}-{day:02d}"
                    for issue in by_day.get(date, []) if day else []:
                        self._element("issue", cell, date=date, number=issue.issue_number,
                                      href=_href(path, f"{issue.pages[0].name}.html"),
                                      contents=_href(path, self.issue_path(issue, paper)),
                                      pages=len(issue.pages))
        return root

    def _issue_manifest(self, path: str, paper: _PaperPlan, issue: Issue,
                        neighbours: tuple[Issue | None, Issue | None],
                        plans: dict[str, _PagePlan]) -> "_Node":
        title = issue.paper or (issue.facts[0].title if issue.facts else "")
        root = self._element("issue", lang=_lang_of(title, *(f.title for f in issue.facts)),
                             paper=issue.paper, paper_en=issue.paper_en, date=issue.date,
                             number=issue.issue_number, year=issue.date[:4] if issue.date else None)
        nav = self._element("nav", root)
        if issue.date is not None:
            nav.set("year-href", _href(path, f"browse/{paper.key}/{issue.date[:4]}.html"))
        for direction, other in zip(("prev", "next"), neighbours):
            if other is not None:
                nav.set(f"{direction}-href", _href(path, self.issue_path(other, paper)))
                nav.set(f"{direction}-date", other.date or "")
        for page, facts in zip(issue.pages, issue.facts):
            plan = plans.get(page.name)
            if plan is None:
                continue
            entry = self._element("page", root, href=_href(path, plan.path), n=facts.page_number,
                                  title=facts.title or page.name, name=page.name,
                                  tei=_href(path, f"tei/{page.name}.xml"),
                                  pdf=(_root(path) + self.pdf_href.format(name=quote(page.name))
                                       if self.pdf_href else None))
            for article_id, headline in facts.articles:
                href = (_href(path, f"{page.name}/{article_id}.html") if article_id in plan.articles
                        else _href(path, plan.path, article_id))
                article = self._element("article", entry, href=href, id=article_id)
                article.text = headline or article_id
        return root

    # -- assets and what is left over ------------------------------------------------
    def _assets(self) -> None:
        assets = xslt_dir() / "assets"
        for name in ASSETS:
            source = assets / name
            if not source.exists():
                raise RenderError(f"site asset missing from the installation: {source}")
            data = source.read_bytes()
            relative = f"assets/{name}"
            inputs = digest("asset", sha256(data))
            if not self.current(relative, inputs):
                self.write(relative, data, inputs)
        marker = f"made by tei-edition {__version__}; safe to delete with the site\n".encode()
        if not self.current(MARKER, digest("marker", marker)):
            self.write(MARKER, marker, digest("marker", marker))

    def _collect_garbage(self) -> None:
        """Remove the files of pages that left the site (and of a site an older version
        made, once); forget them."""
        known = self._recorded("")
        for relative in known:
            if relative in self.expected:
                continue
            owner = self._media_owner(relative)
            if owner is not None and owner in self.page_names and owner not in self.rendered:
                continue          # an image of a page not made again this time: still named
            self._remove(relative)
        if self.first and (self.dir / MARKER).exists():
            # The site an older tei-edition made as a whole: what this one does not make goes.
            for path in sorted(self.dir.rglob("*")):
                relative = path.relative_to(self.dir).as_posix()
                if path.is_file() and relative not in self.expected and not path.name.startswith("."):
                    self._remove(relative)

    def _media_owner(self, relative: str) -> str | None:
        if not relative.startswith("media/"):
            return None
        parts = relative[len("media/"):].split("/")
        for end in range(len(parts) - 1, 0, -1):
            if "/".join(parts[:end]) in self.page_names:
                return "/".join(parts[:end])
        return None

    def _remove(self, relative: str) -> None:
        target = self.path(relative)
        try:
            target.unlink()
            self.report.removed += 1
        except FileNotFoundError:
            pass
        except OSError as exc:
            raise OutputError(f"cannot remove a file of a page that left the site: "
                              f"{exc.strerror}", target) from None
        self.state.outputs.pop(self.key_prefix + relative, None)
        folder = target.parent
        while folder != self.dir and folder.is_relative_to(self.dir):
            try:
                folder.rmdir()                 # only when empty
            except OSError:
                break
            folder = folder.parent


class _Node:
    """An element of a browse page's manifest, kept as plain data until the page is to be
    made: its digest says whether it is (building lxml trees for 400 issues to find them
    unchanged cost a no-op build a quarter of a second)."""

    __slots__ = ("tag", "attributes", "children", "text")

    def __init__(self, tag: str):
        self.tag = tag
        self.attributes: dict[str, str] = {}
        self.children: list[_Node] = []
        self.text: str | None = None

    def set(self, name: str, value: str) -> None:
        self.attributes[name] = value

    def plain(self) -> list:
        return [self.tag, self.attributes, self.text, [child.plain() for child in self.children]]

    def data(self) -> str:
        return json.dumps(self.plain(), ensure_ascii=False, separators=(",", ":"))

    def element(self, parent: etree._Element | None = None) -> etree._Element:
        qname = etree.QName(SITE_NS, self.tag)
        element = (etree.SubElement(parent, qname) if parent is not None
                   else etree.Element(qname, nsmap={"site": SITE_NS}))
        for name, value in self.attributes.items():
            element.set(name, value)
        element.text = self.text
        for child in self.children:
            child.element(element)
        return element


def _usable_id(article_id: str) -> bool:
    """An xml:id that can name a file: a non-empty NCName short enough for a file name."""
    return (len(os.fsencode(f".{article_id}.html.12345678.part")) <= 255
            and "/" not in article_id and not article_id.startswith("."))


def _paper_keys(papers: list[_PaperPlan]) -> None:
    """A folder name for each newspaper: its English title as a slug, else a digest of its
    title; two papers that would share one both get their digest added."""
    for paper in papers:
        tag = sha256(paper.title.encode("utf-8"))[:8]
        paper.key = slug(paper.title_en) or f"paper-{tag}"
        if paper.key in ("undated",):
            paper.key = f"{paper.key}-{tag}"
    counts: dict[str, int] = {}
    for paper in papers:
        counts[paper.key] = counts.get(paper.key, 0) + 1
    for paper in papers:
        if counts[paper.key] > 1:
            paper.key = f"{paper.key}-{sha256(paper.title.encode('utf-8'))[:8]}"


# ============================================================================ search

# Folding: both the index (here) and a query (edition.js) see a text one character at a
# time as NFKC (full-width forms become ASCII), lower case, and simplified (OpenCC's
# traditional-to-simplified character table), white space left out. One character stays
# one character, so a position in the folded text maps back to the text shown.

_CJK_RANGES = ((0x2E80, 0x2FE0), (0x3400, 0x4DC0), (0x4E00, 0xA000), (0xF900, 0xFB00),
               (0x20000, 0x2FA20))


@lru_cache(maxsize=1)
def opencc_version() -> str:
    import opencc

    return str(getattr(opencc, "__version__", "unknown"))


@lru_cache(maxsize=1)
def simplified_table() -> dict[str, str]:
    """Traditional (and variant) characters to simplified ones, from OpenCC's t2s
    conversion applied to each character on its own (a phrase table would make one
    character fold two ways)."""
    try:
        import opencc
    except ImportError:
        raise RenderError("the search index needs OpenCC's tables: pip install opencc") from None
    chars = [chr(code) for start, end in _CJK_RANGES for code in range(start, end)
             if unicodedata.normalize("NFKC", chr(code)) == chr(code)]
    # One call, a character per line: no phrase can span two of them.
    converted = opencc.OpenCC("t2s").convert("\n".join(chars)).split("\n")
    if len(converted) != len(chars):
        raise RenderError("OpenCC's t2s conversion changed the number of lines")
    return {a: b for a, b in zip(chars, converted) if a != b and len(b) == 1}


class _Folding(dict):
    """str.translate table: each character to its folded form (computed once)."""

    def __missing__(self, code: int):
        char = chr(code)
        if char.isspace():
            value = None
        else:
            normal = unicodedata.normalize("NFKC", char)
            if len(normal) != 1:
                normal = char
            lower = normal.lower()
            if len(lower) != 1:
                lower = normal
            value = simplified_table().get(lower, lower)
        self[code] = value
        return value


_FOLDING = _Folding()


def fold(text: str) -> str:
    """TEXT as the search index sees it (see above)."""
    return text.translate(_FOLDING)


@lru_cache(maxsize=1 << 20)
def _fnv(text: str) -> int:
    """FNV-1a over the code points: which shard a gram lives in (edition.js does the same)."""
    value = 2166136261
    for char in text:
        value = ((value ^ ord(char)) * 16777619) & 0xFFFFFFFF
    return value


_DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"


def _b36_slow(number: int) -> str:
    if number < 36:
        return _DIGITS[number]
    out = []
    while number:
        number, rest = divmod(number, 36)
        out.append(_DIGITS[rest])
    return "".join(reversed(out))


_B36 = [_b36_slow(n) for n in range(36 ** 3)]       # every position of a page up to 46,655


def _b36(number: int) -> str:
    return _B36[number] if number < len(_B36) else _b36_slow(number)


def search_keys(plans) -> dict[str, str]:
    """Each page's key in the index: the issue date's day number (4 base-36 digits, so that
    keys sort by date) and a digest of the name, as short as keeps the keys of one day
    apart (3 digits but for a collision). A page's key stays the same when other pages come
    and go, but for a page whose digest collides with a newcomer's on the same day."""
    days: dict[str, dict[str, str]] = {}
    for name, facts in plans:
        day = "zzzz"
        if facts.date:
            try:
                day = _b36(date.fromisoformat(facts.date).toordinal()).rjust(4, "0")
            except ValueError:
                pass
        tag = _b36(int(sha256(name.encode("utf-8", "surrogateescape"))[:16], 16)).rjust(13, "0")
        days.setdefault(day, {})[name] = tag
    keys: dict[str, str] = {}
    for day, tags in days.items():
        width = 3
        while len({tag[:width] for tag in tags.values()}) < len(tags):
            width += 1
        keys.update({name: day + tag[:width] for name, tag in tags.items()})
    return keys


def _page_units(html_root: etree._Element) -> tuple[str, list[dict]]:
    """The page's title and its passages: articles and figures, and headed sections
    outside any article, each a link target (it has an id). A document with none of
    them is one passage."""
    title_el = html_root.find(".//title")
    title = " ".join((title_el.text or "").split()) if title_el is not None else ""
    texts = html_root.xpath("//div[contains(concat(' ', @class, ' '), ' te-text ')]")
    if not texts:
        return title, []
    body = texts[0]
    units = body.xpath(
        ".//*[@id][self::article or self::figure or self::section]"
        "[not(ancestor::article) and not(ancestor::figure)]"
        "[not(self::section) or not(.//article)]") or [body]
    found = []
    for unit in units:
        text = _text(unit)
        if not text:
            continue
        heading = unit.xpath(".//*[self::h2 or self::h3 or self::h4 or self::h5 or self::h6][1]")
        entry = {"i": unit.get("id") or "",
                 "t": _text(heading[0]) if heading else text[:24] + ("…" if len(text) > 24 else ""),
                 "x": text}
        if unit.xpath("ancestor::details[contains(concat(' ', @class, ' '), ' te-repeat ')]"):
            entry["r"] = 1
        found.append(entry)
    return title, found


def _classes(el: etree._Element) -> set[str]:
    return set((el.get("class") or "").split())


def _text(el: etree._Element) -> str:
    """Visible source text of an HTML subtree: text the edition added (te-gen) is left out."""
    parts: list[str] = []

    def walk(node: etree._Element) -> None:
        if "te-gen" not in _classes(node):
            if node.text:
                parts.append(node.text)
            for child in node:
                if isinstance(child.tag, str):
                    walk(child)
                if child.tail:
                    parts.append(child.tail)
    walk(el)
    return " ".join("".join(parts).split())


def postings(units: list[dict]) -> tuple[dict[str, list[int]], dict[str, int], int]:
    """Positions of each character pair and counts of each character in the page's folded
    text (its passages one after another, a separator between them that no pair spans)."""
    pairs: dict[str, list[int]] = {}
    singles: dict[str, int] = {}
    offset = 0
    chars = 0
    for unit in units:
        text = fold(unit["x"])
        chars += len(text)
        for i in range(len(text) - 1):
            gram = text[i:i + 2]
            found = pairs.get(gram)
            if found is None:
                pairs[gram] = [offset + i]
            else:
                found.append(offset + i)
        for char in text:
            singles[char] = singles.get(char, 0) + 1
        offset += len(text) + 1
    return pairs, singles, chars


def _script(kind: str, name: str, payload) -> bytes:
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    # JSON allows U+2028/U+2029 raw; older JavaScript engines do not.
    text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return (f"/* tei-edition search: generated, do not edit */\n"
            f"{SEARCH_GLOBAL}.put({json.dumps(kind)},{json.dumps(name)},{text});\n").encode("utf-8")


def _unscript(data: bytes):
    """The payload of a search file this module wrote (None if it is not one)."""
    text = data.decode("utf-8", "replace")
    start = text.find("{", text.find(f"{SEARCH_GLOBAL}.put("))
    end = text.rfind(");")
    if start < 0 or end < start:
        return None
    try:
        return json.loads(text[start:end])
    except ValueError:
        return None


def shard_count(chars: int) -> int:
    """How many pair shards for an archive of CHARS characters (a power of two)."""
    wanted = max(1, math.ceil(chars / CHARS_PER_SHARD))
    return min(MAX_SHARDS, max(MIN_SHARDS, 1 << (wanted - 1).bit_length()))


def search_shards(pages: dict[str, tuple[dict, dict, int]], count: int, singles: int
                  ) -> tuple[dict[str, bytes], int]:
    """The shard files (path under the site -> bytes) for PAGES (key -> what _postings gives
    for the page's passages), and the number of distinct character pairs. Each shard maps
    a pair to "KEY:POS,POS;KEY:POS" (positions in base 36, pages by key: by date) or a
    character to "KEY:COUNT;..."."""
    pair_shards: list[dict[str, list[str]]] = [{} for _ in range(count)]
    single_shards: list[dict[str, list[str]]] = [{} for _ in range(singles)]
    for key in sorted(pages):
        pairs, chars, _size = pages[key]
        for gram, positions in pairs.items():
            pair_shards[_fnv(gram) % count].setdefault(gram, []).append(
                f"{key}:{','.join(map(_b36, positions))}")
        for char, number in chars.items():
            single_shards[_fnv(char) % singles].setdefault(char, []).append(f"{key}:{_b36(number)}")
    files: dict[str, bytes] = {}
    grams = 0
    for kind, shards in (("g", pair_shards), ("u", single_shards)):
        for number, shard in enumerate(shards):
            grams += len(shard) if kind == "g" else 0
            payload = {gram: ";".join(entries) for gram, entries in shard.items()}
            files[f"{SEARCH_DIR}/{kind}/{number:03x}.js"] = _script(kind, f"{number:03x}", payload)
    return files, grams


class _SearchIndex:
    """The search index in shards (see the module's docstring), kept up to date page by
    page: a page whose text changed has its entries taken out of, and put into, the shards
    holding its pairs and characters; no other shard is touched. When the number of shards
    changes (the archive grew or shrank past a power of two), the folding table or the
    format, the index is made again from every page's text file."""

    def __init__(self, site: _Site, plans: dict[str, _PagePlan]):
        self.site = site
        self.plans = plans
        self.keys = search_keys((name, plan.page.facts) for name, plan in plans.items())
        for name, plan in plans.items():
            plan.key = self.keys[name]
        self.changed: dict[str, tuple[dict, dict, int]] = {}     # key -> the page's postings
        self.pending: list[tuple[str, str]] = []                  # search texts not yet in the shards
        self.memory = self._load_memory()

    def page_file(self, plan: _PagePlan) -> str:
        return f"{SEARCH_DIR}/p/{plan.key}.js"

    def page_rendered(self, plan: _PagePlan, html_root: etree._Element, inputs: str) -> None:
        """Write the page's search text; it is recorded as made only once the shards hold
        it too (update), so a build interrupted in between makes the page again."""
        title, units = _page_units(html_root)
        href = quote(plan.path)
        relative = self.page_file(plan)
        write_atomic(self.site.path(relative),
                     _script("p", plan.key, {"h": href, "t": title, "u": units}))
        self.site.report.made += 1
        self.pending.append((relative, inputs))
        self.changed[plan.key] = postings(units)
        self.site.report.search_passages += len(units)

    # -- memory between builds -------------------------------------------------------
    def _load_memory(self) -> dict:
        path = self.site.memory_path
        if path is None:
            return {}
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            return data if isinstance(data, dict) and isinstance(data.get("pages"), dict) else {}
        except (OSError, ValueError):
            return {}

    def _save_memory(self, data: dict) -> None:
        if self.site.memory_path is not None and data != self.memory:
            write_atomic(self.site.memory_path,
                         json.dumps(data, sort_keys=True, indent=0).encode("ascii") + b"\n")

    # -- the shards ------------------------------------------------------------------
    def update(self) -> None:
        # A page that could not be made this time keeps what it had in the index (its
        # search text, if it has one from before); a new one is not indexed yet.
        self.plans = {name: plan for name, plan in self.plans.items()
                      if name not in self.site.failed or self.site.path(self.page_file(plan)).exists()}
        remembered: dict[str, dict] = self.memory.get("pages", {})
        sizes: dict[str, int] = {}
        missing = []
        for name, plan in self.plans.items():
            if plan.key in self.changed:
                sizes[plan.key] = self.changed[plan.key][2]
            elif remembered.get(name, {}).get("key") == plan.key and "chars" in remembered[name]:
                sizes[plan.key] = int(remembered[name]["chars"])
            else:
                missing.append(plan)
        # Keys whose entries must leave the shards: pages that left, or whose key changed.
        gone = {entry.get("key") for name, entry in remembered.items()
                if name not in self.plans or entry.get("key") != self.plans[name].key}
        if missing:
            # Pages whose size the memory lost: read from their text files.
            for plan in missing:
                postings = self._read_page(plan)
                self.changed[plan.key] = postings
                sizes[plan.key] = postings[2]
        total = sum(sizes.values())
        count = shard_count(total)
        singles = max(MIN_SHARDS, count // 8)
        fingerprint = digest("search-index", str(SEARCH_FORMAT), self.site.toolkit,
                             opencc_version(), str(count), str(singles))
        names = [f"{SEARCH_DIR}/g/{n:03x}.js" for n in range(count)] + \
                [f"{SEARCH_DIR}/u/{n:03x}.js" for n in range(singles)]
        whole = (self.memory.get("index") != fingerprint or missing
                 or not all(self.site.current(name, fingerprint) for name in names))
        self.site.expected.update(names)
        if whole:
            self._make_all(count, singles, fingerprint)
        elif self.changed or gone:
            self._patch(count, singles, fingerprint, gone - {None})
        else:
            self.site.report.kept += len(names)
        self.site.report.search_shards = count + singles
        for relative, inputs in self.pending:
            self.site.record(relative, inputs)
        self._meta(count, singles, total)
        self._fold_table()
        self._save_memory({"format": SEARCH_FORMAT, "index": fingerprint,
                           "pages": {name: {"key": plan.key, "chars": sizes[plan.key]}
                                     for name, plan in sorted(self.plans.items())}})

    def _read_page(self, plan: _PagePlan) -> tuple[dict, dict, int]:
        try:
            payload = _unscript(self.site.path(self.page_file(plan)).read_bytes())
        except OSError:
            payload = None
        if not isinstance(payload, dict):
            raise RenderError("the search text of a page is missing or damaged: delete the "
                              "site's folder and build again", self.site.path(self.page_file(plan)))
        return postings(payload.get("u", []))

    def _make_all(self, count: int, singles: int, fingerprint: str) -> None:
        every = dict(self.changed)
        for plan in self.plans.values():
            if plan.key not in every:
                every[plan.key] = self._read_page(plan)
        files, grams = search_shards(every, count, singles)
        for relative, data in files.items():
            self.site.write_if_changed(relative, data, fingerprint)
        self.site.report.search_bigrams = grams

    def _patch(self, count: int, singles: int, fingerprint: str, gone: set[str]) -> None:
        """Take the entries of pages that changed or left out of every shard holding them,
        and put those of changed pages in: the shards no such page touches stay as they are."""
        remove = gone | set(self.changed)
        adds: dict[tuple[str, int], dict[str, list[str]]] = {}
        for key in sorted(self.changed):
            pairs, chars, _size = self.changed[key]
            for gram, positions in pairs.items():
                shard = adds.setdefault(("g", _fnv(gram) % count), {})
                shard.setdefault(gram, []).append(f"{key}:{','.join(map(_b36, positions))}")
            for char, number in chars.items():
                shard = adds.setdefault(("u", _fnv(char) % singles), {})
                shard.setdefault(char, []).append(f"{key}:{_b36(number)}")
        marks = [(f'"{key}:', f';{key}:') for key in sorted(remove)]
        for kind, total in (("g", count), ("u", singles)):
            for number in range(total):
                relative = f"{SEARCH_DIR}/{kind}/{number:03x}.js"
                raw = self.site.path(relative).read_bytes()
                text = raw.decode("utf-8", "replace")
                added = adds.get((kind, number), {})
                holds = [key for key, (a, b) in zip(sorted(remove), marks) if a in text or b in text]
                if not added and not holds:
                    self.site.record(relative, fingerprint)
                    self.site.report.kept += 1
                    continue
                payload = _unscript(raw)
                if not isinstance(payload, dict):
                    raise RenderError("a search shard is damaged: delete the site's search "
                                      "folder and build again", self.site.path(relative))
                merged: dict[str, str] = {}
                held = set(holds)
                for gram in sorted(set(payload) | set(added)):
                    entries = payload.get(gram, "").split(";") if payload.get(gram) else []
                    if held:
                        entries = [e for e in entries if e.split(":", 1)[0] not in held]
                    entries += added.get(gram, [])
                    if entries:
                        merged[gram] = ";".join(sorted(entries, key=lambda e: e.split(":", 1)[0]))
                self.site.write_if_changed(relative, _script(kind, f"{number:03x}", merged), fingerprint)

    def _meta(self, count: int, singles: int, chars: int) -> None:
        payload = {"v": SEARCH_FORMAT, "g": count, "u": singles}
        data = _script("meta", "index", payload)
        self.site.write_if_changed(SEARCH_FILE, data, digest("search-meta", sha256(data)))

    def _fold_table(self) -> None:
        relative = f"{SEARCH_DIR}/fold.js"
        inputs = digest("fold", str(SEARCH_FORMAT), opencc_version())
        if self.site.current(relative, inputs):
            self.site.report.kept += 1
            return
        table = simplified_table()
        source = "".join(sorted(table))
        self.site.write(relative, _script("fold", "t2s", {"from": source,
                                                           "to": "".join(table[c] for c in sorted(table))}),
                        inputs)


@dataclass
class SearchResult:
    occurrences: int                 # of the query in the whole archive
    pages: list[str]                 # the keys of the pages it is on, by date
    files: list[str]                 # the search files a browser loads to show the first pages


def search_site(site_dir: Path, query: str, shown: int = 10) -> SearchResult:
    """Search a site the way edition.js does (the same files, the same folding and
    matching): how many times QUERY occurs, on which pages, and which files a browser
    loads to show the first SHOWN pages of results (for tests and bench/bench_html.py)."""
    search = Path(site_dir) / SEARCH_DIR
    meta = _unscript((search / "index.js").read_bytes())
    files = [f"{SEARCH_DIR}/index.js", f"{SEARCH_DIR}/fold.js"]
    chars = list(fold(query))
    found: dict[str, int] = {}
    if len(chars) == 1:
        relative = f"{SEARCH_DIR}/u/{_fnv(chars[0]) % meta['u']:03x}.js"
        files.append(relative)
        for entry in filter(None, (_unscript((Path(site_dir) / relative).read_bytes()).get(chars[0]) or "").split(";")):
            key, count = entry.split(":")
            found[key] = int(count, 36)
    elif chars:
        offsets = list(range(0, len(chars) - 1, 2))
        if offsets[-1] != len(chars) - 2:
            offsets.append(len(chars) - 2)
        lists = []
        for offset in offsets:
            gram = chars[offset] + chars[offset + 1]
            relative = f"{SEARCH_DIR}/g/{_fnv(gram) % meta['g']:03x}.js"
            if relative not in files:
                files.append(relative)
            value = _unscript((Path(site_dir) / relative).read_bytes()).get(gram) or ""
            lists.append({e.split(":")[0]: {int(n, 36) for n in e.split(":")[1].split(",")}
                          for e in value.split(";") if e})
        for key, first in lists[0].items():
            if all(key in other for other in lists[1:]):
                hits = [n for n in first
                        if all(n + offset in lists[k][key] for k, offset in enumerate(offsets) if k)]
                if hits:
                    found[key] = len(hits)
    keys = sorted(found)
    files += [f"{SEARCH_DIR}/p/{key}.js" for key in keys[:shown]]
    return SearchResult(sum(found.values()), keys, files)


# ============================================================================ swap

_UMASK_CACHE: list[int] = []


def _current_umask() -> int:
    # Linux reports it without changing it; elsewhere set-and-restore at first use.
    if _UMASK_CACHE:
        return _UMASK_CACHE[0]
    mask = None
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                mask = int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    if mask is None:
        mask = os.umask(0o022)
        os.umask(mask)
    _UMASK_CACHE.append(mask)
    return mask


def _swap_into_place(staging: Path, out_dir: Path) -> None:
    old = None
    if out_dir.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.old-", dir=out_dir.parent))
        old.rmdir()
        os.replace(out_dir, old)
    try:
        os.replace(staging, out_dir)
    except BaseException:
        if old is not None:
            os.replace(old, out_dir)
        raise
    # mkdtemp makes 0700 directories; a site is meant to be read by a web server.
    os.chmod(out_dir, 0o777 & ~_current_umask())
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)

