"""An archive: its pages, found in the sources and among the TEI masters, and its issues.

A page is named by its path relative to the sources without the suffix
(`siping-daily/2021/03-01/page-1`), and its TEI master lives at OUT/tei/NAME.xml, so an
archive digitised folder by folder keeps its folders. A TEI master with no page text is a
page too (an editor may write one by hand, or the text may be gone): the TEI is the master.

Pages are grouped into issues from what their TEI headers say (everything after encoding
reads the TEI alone): the newspaper, the issue date and the issue number; pages are
ordered by their page number (biblScope unit="page"). A page whose date is unknown is an
issue of its own.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from .errors import InputError
from .xmlio import TEI_NS

_NS = {"t": TEI_NS}
# What a build never reads as a master: the schema copy and numbered backups (NAME.xml.~1~).
_NOT_MASTERS = ("schema",)


@dataclass(frozen=True)
class Page:
    name: str                       # POSIX path relative to the sources, no suffix
    tei: Path                       # OUT/tei/NAME.xml
    source: Path | None = None      # the page text, when there is one
    sidecar: Path | None = None
    root: Path | None = None        # the sources: where a paper profile the sidecar names may lie

    @property
    def stem(self) -> str:
        return self.name.rsplit("/", 1)[-1]


def discover(sources: Path, tei_dir: Path) -> list[Page]:
    """Every page: each *.txt under SOURCES (recursively; SOURCES may be one file) and each
    TEI master under TEI_DIR, by name, in name order."""
    sources = Path(sources)
    if not sources.exists():
        raise InputError("no such folder or file", sources)
    pages: dict[str, Page] = {}
    if sources.is_file():
        texts = {sources.stem: sources}
    else:
        texts = {t.relative_to(sources).with_suffix("").as_posix(): t
                 for t in sorted(sources.rglob("*.txt")) if not _hidden(t.relative_to(sources))}
    root = sources if sources.is_dir() else sources.parent
    for name, text in texts.items():
        sidecar = text.with_suffix(".toml")
        pages[name] = Page(name, tei_dir / f"{name}.xml", text,
                           sidecar if sidecar.is_file() else None, root)
    if tei_dir.is_dir():
        for tei in sorted(tei_dir.rglob("*.xml")):
            relative = tei.relative_to(tei_dir)
            if relative.parts[0] in _NOT_MASTERS or _hidden(relative):
                continue
            name = relative.with_suffix("").as_posix()
            pages.setdefault(name, Page(name, tei))
    return [pages[name] for name in sorted(pages)]


def page_texts(sources: list[Path]) -> list[Path]:
    """The page texts (*.txt) among SOURCES, files or folders searched recursively as
    `discover` does (hidden folders left out), in name order."""
    found: list[Path] = []
    for source in map(Path, sources):
        if source.is_file():
            found.append(source)
        elif source.is_dir():
            found += [t for t in sorted(source.rglob("*.txt")) if not _hidden(t.relative_to(source))]
        else:
            raise InputError("no such folder or file", source)
    return found


def _hidden(relative: Path) -> bool:
    return any(part.startswith(".") for part in relative.parts)


# ---------------------------------------------------------------------------- issues

@dataclass(frozen=True)
class PageFacts:
    """What a page's TEI header says about where it belongs."""

    paper: str                      # the newspaper's title (title level="j")
    paper_en: str                   # its English title, if the header gives one
    date: str | None                # the issue date, YYYY-MM-DD
    issue_number: str | None
    page_number: str | None
    title: str                      # the page's title (titleStmt/title)
    articles: tuple[tuple[str, str], ...] = ()   # (xml:id, main headline), repeats left out


def page_facts(tree: etree._ElementTree) -> PageFacts:
    monogr = tree.find("t:teiHeader/t:fileDesc/t:sourceDesc/t:biblStruct[@type='newspaper']/t:monogr", _NS)

    def text(path: str, where=monogr) -> str:
        found = where.find(path, _NS) if where is not None else None
        return " ".join("".join(found.itertext()).split()) if found is not None else ""

    def attribute(path: str, name: str) -> str | None:
        found = monogr.find(path, _NS) if monogr is not None else None
        value = found.get(name) if found is not None else None
        return value.strip() if value and value.strip() else None

    date = attribute("t:imprint/t:date", "when")
    articles = []
    for div in tree.iterfind(".//t:text//t:div[@type='article']", _NS):
        if div.get("copyOf"):
            continue
        head = div.find("t:head[@type='main']", _NS)
        articles.append((div.get("{http://www.w3.org/XML/1998/namespace}id") or "",
                         " ".join("".join(head.itertext()).split()) if head is not None else ""))
    return PageFacts(
        paper=text("t:title[@level='j']"),
        paper_en=text("t:title[@type='alt'][@level='j']"),
        date=date if date and re.fullmatch(r"\d{4}-\d{2}-\d{2}", date) else None,
        issue_number=attribute("t:biblScope[@unit='issue']", "n"),
        page_number=attribute("t:biblScope[@unit='page']", "n"),
        title=text("t:teiHeader/t:fileDesc/t:titleStmt/t:title", tree.getroot()),
        articles=tuple(articles))


@dataclass
class Issue:
    id: str                         # a plain name: letters, digits, '.', '_', '-'
    paper: str
    paper_en: str
    date: str | None
    issue_number: str | None
    pages: list[Page] = field(default_factory=list)
    facts: list[PageFacts] = field(default_factory=list)


def group_issues(pages: list[tuple[Page, PageFacts]]) -> list[Issue]:
    """Pages grouped by newspaper, date and issue number, each issue's pages in page
    order (then name order); issues by newspaper, then date."""
    issues: dict[tuple, Issue] = {}
    for page, facts in pages:
        if facts.date is None:
            key = ("", "", "", page.name)
        else:
            key = (facts.paper, facts.date, facts.issue_number or "", "")
        issue = issues.get(key)
        if issue is None:
            issue = issues[key] = Issue(_issue_id(page, facts), facts.paper, facts.paper_en,
                                        facts.date, facts.issue_number)
        issue.pages.append(page)
        issue.facts.append(facts)
    for issue in issues.values():
        order = sorted(range(len(issue.pages)),
                       key=lambda i: (_page_order(issue.facts[i].page_number), issue.pages[i].name))
        issue.pages = [issue.pages[i] for i in order]
        issue.facts = [issue.facts[i] for i in order]
    ids: dict[str, int] = {}
    result = sorted(issues.values(), key=lambda i: (i.paper, i.date or "", i.issue_number or "", i.id))
    for issue in result:
        # Two issues of one name (two papers with one English title): number the later.
        seen = ids.get(issue.id, 0)
        ids[issue.id] = seen + 1
        if seen:
            issue.id = f"{issue.id}-{seen + 1}"
    return result


def _page_order(number: str | None) -> tuple:
    if number and number.isdecimal():
        return (0, int(number), "")
    return (1, 0, number or "")


def _issue_id(page: Page, facts: PageFacts) -> str:
    if facts.date is None:
        return slug(page.name.replace("/", "-"))
    paper = slug(facts.paper_en) or ("paper-" + hashlib.sha256(facts.paper.encode()).hexdigest()[:8]
                                     if facts.paper else "paper")
    number = f"-{slug(facts.issue_number)}" if facts.issue_number else ""
    return f"{paper}-{facts.date}{number}"


def slug(text: str | None) -> str:
    """A plain ASCII name: lower-case letters, digits and hyphens."""
    return re.sub(r"[^a-z0-9]+", "-", (text or "").lower()).strip("-")
