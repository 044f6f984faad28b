"""What the deposit stage reads from a TEI master: the header's bibliographic facts and the
articles of the body. The TEI is untrusted: it is parsed with xmlio.parse_untrusted.

Only the TEI is read here (never the source text), so an editor's correction of the header
reaches the METS/MODS and bag-info of the next package.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from lxml import etree

from ..clock import source_date_epoch
from ..xmlio import TEI_NS, XML_NS, parse_untrusted

NS = {"t": TEI_NS}
_MONOGR = "/t:TEI/t:teiHeader/t:fileDesc/t:sourceDesc/t:biblStruct[@type='newspaper']/t:monogr"


@dataclass
class ArticleMeta:
    xml_id: str
    bibl_id: str | None
    main_titles: list[str]
    sub_titles: list[str]
    supplied_title: bool
    authors: list[str]
    lang: str
    copy_of: str | None


@dataclass
class PageMeta:
    """The facts of one TEI file (one page today)."""

    name: str
    title: str                      # fileDesc/titleStmt/title[1]
    newspaper: str                  # monogr/title[@level='j'][1]
    newspaper_alt: list[tuple[str, str]]  # (xml:lang, title) of the other journal titles
    date_when: str | None           # imprint/date/@when
    date_text: str                  # imprint/date text
    date_cert: str | None           # imprint/date/@cert
    publisher: str                  # imprint/publisher
    place: str                      # imprint/pubPlace
    issue_number: str               # biblScope[@unit='issue']
    page_number: str                # biblScope[@unit='page']
    lang: str                       # TEI/@xml:lang, else langUsage/language[1]/@ident
    edition_publisher: str          # publicationStmt/publisher
    licence: str                    # publicationStmt/availability/licence
    licence_url: str | None         # licence/@target
    licence_lang: str               # licence/@xml:lang, "" when it has the page's language
    responsibilities: list[tuple[str, list[str]]]  # monogr/respStmt: (resp, names)
    articles: list[ArticleMeta] = field(default_factory=list)
    latest_change: str | None = None  # max revisionDesc/change/@when (YYYY-MM-DD)

    @property
    def article_count(self) -> int:
        """Articles, not counting repeats (an article kept twice by the extraction)."""
        return sum(1 for a in self.articles if not a.copy_of)

    @property
    def year(self) -> str:
        return self.date_when[:4] if self.date_when else ""

    @property
    def newspaper_en(self) -> str:
        return next((title for lang, title in self.newspaper_alt if lang.startswith("en")),
                    self.newspaper)


def _text(node) -> str:
    return " ".join("".join(node.itertext()).split()) if node is not None else ""


def _first(node, path: str):
    found = node.xpath(path, namespaces=NS)
    return found[0] if found else None


def _scope(monogr, unit: str) -> str:
    """biblScope's number: @n (the encoder writes n="3" with the text 第3版), else its text."""
    scope = _first(monogr, f"t:biblScope[@unit='{unit}']")
    if scope is None:
        return ""
    return (scope.get("n") or _text(scope)).strip()


def read_page_meta(path: Path) -> PageMeta:
    tree = parse_untrusted(path)
    root = tree.getroot()
    monogr = _first(root, _MONOGR)
    if monogr is None:
        # A TEI without the newspaper's biblStruct still packages; MODS then says less.
        monogr = etree.Element(f"{{{TEI_NS}}}monogr")
    journal = monogr.xpath("t:title[@level='j']", namespaces=NS)
    newspaper = _text(journal[0]) if journal else ""
    alt = [(t.get(f"{{{XML_NS}}}lang", ""), _text(t)) for t in journal[1:]]
    date = _first(monogr, "t:imprint/t:date")
    lang = (root.get(f"{{{XML_NS}}}lang")
            or root.xpath("string(//t:langUsage/t:language[1]/@ident)", namespaces=NS) or "")
    publication = _first(root, "/t:TEI/t:teiHeader/t:fileDesc/t:publicationStmt")
    if publication is None:
        publication = etree.Element(f"{{{TEI_NS}}}publicationStmt")
    licence = _first(publication, "t:availability/t:licence")
    whens = [w for w in root.xpath("/t:TEI/t:teiHeader/t:revisionDesc//t:change/@when",
                                   namespaces=NS)
             if re.fullmatch(r"\d{4}-\d{2}-\d{2}", w)]
    meta = PageMeta(
        name=Path(path).stem,
        title=_text(_first(root, "/t:TEI/t:teiHeader/t:fileDesc/t:titleStmt/t:title")),
        newspaper=newspaper,
        newspaper_alt=[(lang_, title) for lang_, title in alt if title],
        date_when=(date.get("when") if date is not None and date.get("when") else None),
        date_text=_text(date),
        date_cert=date.get("cert") if date is not None else None,
        publisher=_text(_first(monogr, "t:imprint/t:publisher")),
        place=_text(_first(monogr, "t:imprint/t:pubPlace")),
        issue_number=_scope(monogr, "issue"),
        page_number=_scope(monogr, "page"),
        lang=lang,
        edition_publisher=_text(_first(publication, "t:publisher")),
        licence=_text(licence),
        licence_url=licence.get("target") if licence is not None else None,
        licence_lang=licence.get(f"{{{XML_NS}}}lang", "") if licence is not None else "",
        responsibilities=[(_text(_first(r, "t:resp")),
                           [_text(n) for n in r.xpath("t:persName | t:name | t:orgName",
                                                      namespaces=NS)])
                          for r in monogr.xpath("t:respStmt", namespaces=NS)],
        latest_change=max(whens) if whens else None,
    )
    bibls = {b.get(f"{{{XML_NS}}}id"): b
             for b in root.xpath("//t:sourceDesc/t:listBibl/t:biblStruct[@xml:id]", namespaces=NS)}
    for div in root.xpath("/t:TEI/t:text/t:body//t:div[@type='article'][@xml:id]", namespaces=NS):
        bibl_id = (div.get("decls") or "").split(" ")[0].lstrip("#") or None
        bibl = bibls.get(bibl_id)
        analytic = _first(bibl, "t:analytic") if bibl is not None else None
        mains: list[str] = []
        subs: list[str] = []
        authors: list[str] = []
        supplied = False
        if analytic is not None:
            mains = [_text(t) for t in analytic.xpath("t:title[@type='main']", namespaces=NS)]
            subs = [_text(t) for t in analytic.xpath("t:title[@type='sub']", namespaces=NS)]
            supplied_titles = [_text(t) for t in analytic.xpath("t:title[@type='supplied']",
                                                                 namespaces=NS)]
            if not mains and supplied_titles:
                mains, supplied = supplied_titles, True
            authors = [_text(a) for a in analytic.xpath("t:author", namespaces=NS) if _text(a)]
        if not mains:
            # No biblStruct: the first headline of the article itself stands in.
            heads = div.xpath("t:head[@type='main'] | t:head", namespaces=NS)
            mains = [_text(heads[0])] if heads else []
        lang_here = div.xpath("string(ancestor-or-self::*[@xml:lang][1]/@xml:lang)", namespaces=NS)
        meta.articles.append(ArticleMeta(
            xml_id=div.get(f"{{{XML_NS}}}id"), bibl_id=bibl_id if bibl is not None else None,
            main_titles=mains, sub_titles=subs, supplied_title=supplied, authors=authors,
            lang=lang_here or lang, copy_of=(div.get("copyOf") or "").lstrip("#") or None))
    return meta


def package_moment(pages: list[PageMeta]) -> datetime:
    """The bag's date, reproducible: SOURCE_DATE_EPOCH, else the TEI's latest revision, else now."""
    epoch = source_date_epoch()
    if epoch is not None:
        return epoch
    changes = [p.latest_change for p in pages if p.latest_change]
    if changes:
        return datetime.strptime(max(changes), "%Y-%m-%d").replace(tzinfo=timezone.utc)
    return datetime.now(timezone.utc).replace(microsecond=0)


def script_of(lang: str) -> str | None:
    """The ISO 15924 script subtag of a BCP 47 tag (zh-Hans -> Hans), if it has one."""
    for subtag in lang.split("-")[1:]:
        if re.fullmatch(r"[A-Za-z]{4}", subtag):
            return subtag.title()
    return None
