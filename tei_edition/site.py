"""The static HTML reading edition: TEI files in, a self-contained site out.

    out_dir/
      index.html             the issues (newspaper, date, page, article count)
      NAME.html              one page per TEI file (xslt/html.xsl)
      tei/NAME.xml           the TEI itself, byte for byte, for download (less any
                             processing instruction that would make a browser fetch
                             something: xml-stylesheet, or an xml-model with a URL)
      search-index.js        character-bigram index of every page (a <script>, so search
                             works from file:// as well as from a web server)
      assets/edition.css, assets/edition.js
      .tei-edition-site      marker: lets a rebuild replace the directory safely

Python only runs the stylesheets and writes files; every page, the index included, is made
by XSLT. The index page is html.xsl applied to a manifest (site:site) that holds copies of
the TEI documents. The whole site is built in a sibling directory and swapped into place
at the end, so an error leaves the previous site (or nothing) - never half a site. A lock
file beside the site (.NAME.lock) stops a second build of the same site while one runs;
the next build removes the staging folders a killed build left behind.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
import time
import unicodedata
from contextlib import contextmanager
from copy import deepcopy
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urlsplit

from lxml import etree

from . import __version__
from .errors import InputError, OutputError, RenderError, display_path
from .resources import xslt_dir
from .transform import transform
from .xmlio import TEI_NS, parse_untrusted, read_input, write_atomic

try:
    import fcntl
except ImportError:          # not POSIX: builds of one site are not serialised
    fcntl = None

SITE_NS = "urn:tei-edition:site"
MARKER = ".tei-edition-site"
ASSETS = ("edition.css", "edition.js")
SEARCH_FILE = "search-index.js"
SEARCH_GLOBAL = "TEI_EDITION_SEARCH"
# File names the site itself uses; an issue with such a stem gets a suffix.
_RESERVED = {"index", "search-index"}


@dataclass
class SiteReport:
    out_dir: Path
    pages: list[str] = field(default_factory=list)
    articles: int = 0
    search_passages: int = 0
    search_bigrams: int = 0
    transform_seconds: list[float] = field(default_factory=list)
    seconds: float = 0.0
    # What the published TEI copies lost: "NAME.xml: <?xml-stylesheet href=...?>".
    removed_instructions: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        removed = (f"; {len(self.removed_instructions)} processing instruction(s) that would "
                   f"fetch from elsewhere left out of the published TEI"
                   if self.removed_instructions else "")
        return (f"wrote {display_path(self.out_dir)}/: {len(self.pages)} issue page(s), "
                f"{self.articles} article(s), search index of {self.search_passages} "
                f"passage(s) and {self.search_bigrams} bigram(s), in {self.seconds:.2f} s"
                + removed)


@dataclass
class _Issue:
    source: Path
    name: str
    data: bytes                    # the published copy (see _published_copy)
    tree: etree._ElementTree
    removed: list[str] = field(default_factory=list)

    @property
    def page(self) -> str:
        return f"{self.name}.html"


def build_site(tei_paths: list[Path], out_dir: Path, *,
               pdf_href: str | None = "../pdf/{name}.pdf") -> SiteReport:
    """Build the reading edition of TEI files into out_dir (replacing a previous build).

    pdf_href: where each page links its PDF, relative to the site ("{name}" is the TEI
    file's stem); None for no PDF link. The default fits `tei-edition build`, which writes
    output/html/ beside output/pdf/.
    """
    started = time.perf_counter()
    out_dir = Path(out_dir)
    # Work on the resolved path: "-o ." has no name and is its own parent's child "." .
    target = out_dir.resolve()
    if target.parent == target or target == Path.cwd().resolve():
        raise InputError("choose a directory for the site other than the current directory "
                         "or the file system root", out_dir)
    issues = _read_issues([Path(p) for p in tei_paths], target)
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
            report = _build_into(staging, issues, pdf_href)
            _swap_into_place(staging, target)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        _remove_leftovers(target, "old")
    report.out_dir = out_dir
    report.seconds = time.perf_counter() - started
    report.removed_instructions = [f"{issue.name}.xml: {pi}" for issue in issues for pi in issue.removed]
    return report


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

def _read_issues(paths: list[Path], target: Path) -> list[_Issue]:
    if not paths:
        raise InputError("no TEI files given")
    issues: list[_Issue] = []
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
        if re.search("[\udc80-\udcff]", name):
            # Surrogate escapes: bytes that are not UTF-8 cannot make a web address.
            raise InputError("the file name is not UTF-8, and a page's name becomes its web "
                             "address: rename the file (e.g. convmv -f gbk -t utf-8)", path)
        if name in _RESERVED:
            name = f"{name}-issue"
        if len(os.fsencode(f".{name}.html.12345678.part")) > 255:
            raise InputError("the file name is too long to name a page of the site: "
                             "shorten it", path)
        if name in taken:
            raise InputError(f"two inputs would make the same page {name}.html: "
                             f"{display_path(taken[name])} and {display_path(path)}", path)
        taken[name] = path
        published, removed = _published_copy(tree, data)
        issues.append(_Issue(path, name, published, tree, removed))
    return issues


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


# ----------------------------------------------------------------------------- build

_write = write_atomic   # readable by a web server: write_atomic honours the umask


def _current_umask() -> int:
    # Linux reports it without changing it; elsewhere set-and-restore at import time.
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


_UMASK = _current_umask()


def _build_into(root: Path, issues: list[_Issue], pdf_href: str | None) -> SiteReport:
    report = SiteReport(out_dir=root)
    generator = f"tei-edition {__version__}"
    search_pages: list[dict] = []
    search_docs: list[dict] = []

    for issue in issues:
        media = _copy_media(root, issue)
        params = dict(
            media_href=f"media/{quote(issue.name)}/",
            media_available="\n" + "".join(f"{url}\n" for url in media),
            page_href=quote(issue.page),
            index_href="index.html",
            tei_href=f"tei/{quote(issue.name)}.xml",
            pdf_href=pdf_href.format(name=quote(issue.name)) if pdf_href else "",
            assets_href="assets/",
            search_href=SEARCH_FILE,
            generator=generator,
        )
        t0 = time.perf_counter()
        result = transform(issue.tree, "html", **params)
        report.transform_seconds.append(time.perf_counter() - t0)
        html_root = result.getroot()
        if html_root is None:
            raise RenderError("html.xsl produced no page", issue.source)
        _write(root / issue.page, bytes(result))
        _write(root / "tei" / f"{issue.name}.xml", issue.data)
        report.pages.append(issue.page)
        report.articles += int(issue.tree.xpath(
            "count(//tei:text//tei:div[@type='article'][not(@copyOf)])", namespaces={"tei": TEI_NS}))
        _collect_search(html_root, quote(issue.page), search_pages, search_docs)

    index = _manifest(issues, pdf_href)
    result = transform(index, "html", index_href="", assets_href="assets/",
                       search_href=SEARCH_FILE, generator=generator)
    _write(root / "index.html", bytes(result))

    data, grams = _search_script(search_pages, search_docs)
    _write(root / SEARCH_FILE, data)
    report.search_passages = len(search_docs)
    report.search_bigrams = grams

    assets = xslt_dir() / "assets"
    for name in ASSETS:
        source = assets / name
        if not source.exists():
            raise RenderError(f"site asset missing from the installation: {source}")
        _write(root / "assets" / name, source.read_bytes())
    _write(root / MARKER, f"made by tei-edition {__version__}; safe to delete with the site\n".encode())
    return report


def _copy_media(root: Path, issue: _Issue) -> list[str]:
    """Copy the images a page's graphic/@url names, when they lie beside its TEI file, to
    media/NAME/ (the same relative path). Remote URLs are left alone (html.xsl links them
    rather than loading them); a path leaving the TEI file's directory is ignored."""
    base = issue.source.parent.resolve()
    copied: list[str] = []
    for url in issue.tree.xpath("//tei:graphic/@url", namespaces={"tei": TEI_NS}):
        url = url.strip()
        if not url or ":" in url or url.startswith(("/", "\\")) or "\\" in url:
            continue
        parts = Path(url).parts
        if ".." in parts:
            continue
        source = (base / url).resolve()
        if base not in source.parents or not source.is_file():
            continue
        _write(root / "media" / issue.name / Path(*parts), source.read_bytes())
        if url not in copied:
            copied.append(url)
    return copied


def _manifest(issues: list[_Issue], pdf_href: str | None) -> etree._ElementTree:
    """The index page's input: copies of the TEI documents with their links (an lxml tree)."""
    site = etree.Element(etree.QName(SITE_NS, "site"), nsmap={"site": SITE_NS})
    for issue in issues:
        entry = etree.SubElement(site, etree.QName(SITE_NS, "issue"))
        entry.set("name", issue.name)
        entry.set("href", quote(issue.page))
        entry.set("tei", f"tei/{quote(issue.name)}.xml")
        if pdf_href:
            entry.set("pdf", pdf_href.format(name=quote(issue.name)))
        entry.append(_copy(issue.tree.getroot()))
    return etree.ElementTree(site)


def _copy(element: etree._Element) -> etree._Element:
    from copy import deepcopy
    return deepcopy(element)


# ----------------------------------------------------------------------------- search

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


def _norm(text: str) -> str:
    """The form both Python and edition.js index: NFKC, lower case, no white space."""
    return "".join(unicodedata.normalize("NFKC", text).lower().split())


def _collect_search(html_root: etree._Element, page_href: str, pages: list[dict],
                    docs: list[dict]) -> None:
    title_el = html_root.find(".//title")
    page_no = len(pages)
    pages.append({"h": page_href, "t": " ".join((title_el.text or "").split()) if title_el is not None else page_href})
    texts = html_root.xpath("//div[contains(concat(' ', @class, ' '), ' te-text ')]")
    if not texts:
        return
    body = texts[0]
    # Passages: articles and figures, and headed sections outside any article; each is a
    # link target (it has an id). A document with none of them is one passage.
    units = body.xpath(
        ".//*[@id][self::article or self::figure or self::section]"
        "[not(ancestor::article) and not(ancestor::figure)]"
        "[not(self::section) or not(.//article)]")
    if not units:
        units = [body]
    for unit in units:
        text = _text(unit)
        if not text:
            continue
        heading = unit.xpath(".//*[self::h2 or self::h3 or self::h4 or self::h5 or self::h6][1]")
        title = _text(heading[0]) if heading else text[:24] + ("…" if len(text) > 24 else "")
        doc = {"p": page_no, "id": unit.get("id") or "", "t": title, "x": text}
        if unit.xpath("ancestor::details[contains(concat(' ', @class, ' '), ' te-repeat ')]"):
            doc["r"] = 1
        docs.append(doc)


def _search_script(pages: list[dict], docs: list[dict]) -> tuple[bytes, int]:
    postings: dict[str, list[int]] = {}
    for number, doc in enumerate(docs):
        norm = _norm(doc["x"] + doc["t"])
        seen = set()
        for i in range(len(norm) - 1):
            gram = norm[i:i + 2]
            if gram not in seen:
                seen.add(gram)
                postings.setdefault(gram, []).append(number)
    payload = {"v": 1, "n": 2, "pages": pages, "docs": docs,
               "grams": dict(sorted(postings.items()))}
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
    # JSON allows U+2028/U+2029 raw; older JavaScript engines do not.
    text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    script = ("/* Search index of the tei-edition reading edition: character bigrams. "
              "Generated; do not edit. */\n"
              f"window.{SEARCH_GLOBAL} = {text};\n")
    return script.encode("utf-8"), len(postings)


# ----------------------------------------------------------------------------- swap

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
    os.chmod(out_dir, 0o777 & ~_UMASK)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
