"""The METS document of a bag: MODS for the issue and each article, every file with its
SHA-512, a PHYSICAL map (issue -> page -> files) and a LOGICAL map (issue -> article,
pointing into the TEI by xml:id).

Written with lxml rather than metsrw: metsrw models an Archivematica AIP (its physical
structMap is the directory tree, labelled "Archivematica default"; metsHdr CREATEDATE is the
current time; dmdSec ids come from a process-wide counter), so it can express neither an
issue -> page / issue -> article structure nor a reproducible document. The output is
checked against the METS 1.12.1 and MODS 3.6 schemas by the tests.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import quote

from lxml import etree

from .. import __version__
from .teimeta import ArticleMeta, PageMeta, script_of

METS_NS = "http://www.loc.gov/METS/"
MODS_NS = "http://www.loc.gov/mods/v3"
XLINK_NS = "http://www.w3.org/1999/xlink"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA_LOCATION = (f"{METS_NS} http://www.loc.gov/standards/mets/mets.xsd "
                   f"{MODS_NS} http://www.loc.gov/standards/mods/v3/mods-3-6.xsd")
METS_NAME = "mets.xml"

# fileGrp USE values, in the order they appear in the fileSec.
USES = ("source", "tei-master", "html", "html-assets", "html-edition", "pdf-archive", "media")


@dataclass(frozen=True)
class PayloadFile:
    """One file of the bag's payload as METS describes it (path relative to data/)."""

    path: str
    use: str
    file_id: str
    mimetype: str
    size: int
    sha512: str
    page: int | None  # 1-based page index; None for files of the whole issue (site assets)


def _m(tag: str) -> str:
    return f"{{{METS_NS}}}{tag}"


def _mods(tag: str) -> str:
    return f"{{{MODS_NS}}}{tag}"


def _sub(parent, tag: str, text: str | None = None, **attrib) -> etree._Element:
    el = etree.SubElement(parent, tag, {k: v for k, v in attrib.items() if v is not None})
    if text is not None:
        el.text = text
    return el


def ncname(text: str) -> str:
    """An xsd:ID from any text (METS ids must be NCNames)."""
    cleaned = re.sub(r"[^A-Za-z0-9._-]", "_", text)
    return cleaned if re.match(r"[A-Za-z_]", cleaned) else f"_{cleaned}"


def issue_label(page: PageMeta) -> str:
    bits = [page.newspaper or page.title, page.date_text or (page.date_when or "")]
    if page.issue_number:
        bits.append(f"第{page.issue_number}期")
    return " ".join(b for b in bits if b) or page.name


def article_dmd_id(page_index: int, article: ArticleMeta) -> str | None:
    return ncname(f"DMD_P{page_index}_{article.bibl_id}") if article.bibl_id else None


def build_mets(*, object_id: str, issue_id: str, organization: str, created: datetime,
               pages: list[PageMeta], files: list[PayloadFile]) -> bytes:
    """The METS document (UTF-8 bytes) for one issue."""
    first = pages[0]
    root = etree.Element(_m("mets"), nsmap={"mets": METS_NS, "mods": MODS_NS, "xlink": XLINK_NS,
                                            "xsi": XSI_NS})
    root.set(f"{{{XSI_NS}}}schemaLocation", SCHEMA_LOCATION)
    root.set("OBJID", object_id)
    root.set("TYPE", "newspaper issue")
    root.set("LABEL", issue_label(first))
    stamp = created.strftime("%Y-%m-%dT%H:%M:%SZ")
    header = _sub(root, _m("metsHdr"), CREATEDATE=stamp)
    agent = _sub(header, _m("agent"), ROLE="CREATOR", TYPE="ORGANIZATION")
    _sub(agent, _m("name"), organization)
    agent = _sub(header, _m("agent"), ROLE="CREATOR", TYPE="OTHER", OTHERTYPE="SOFTWARE")
    _sub(agent, _m("name"), f"tei-edition {__version__}")
    _sub(header, _m("altRecordID"), issue_id, TYPE="local")

    _dmd(root, "DMD_ISSUE", f"MODS of the issue {issue_label(first)}",
         _issue_mods(object_id, organization, stamp, pages))
    seen_dmd: set[str] = set()
    for index, page in enumerate(pages, start=1):
        for article in page.articles:
            dmd_id = article_dmd_id(index, article)
            if dmd_id and dmd_id not in seen_dmd:
                seen_dmd.add(dmd_id)
                _dmd(root, dmd_id, f"MODS of article {article.bibl_id}",
                     _article_mods(article, page, tei_path=_tei_path(files, index)))

    file_sec = _sub(root, _m("fileSec"))
    for use in USES + tuple(sorted({f.use for f in files} - set(USES))):
        group = [f for f in files if f.use == use]
        if not group:
            continue
        grp = _sub(file_sec, _m("fileGrp"), USE=use)
        for payload in group:
            el = _sub(grp, _m("file"), ID=payload.file_id, MIMETYPE=payload.mimetype,
                      SIZE=str(payload.size), CHECKSUM=payload.sha512, CHECKSUMTYPE="SHA-512")
            loc = _sub(el, _m("FLocat"), LOCTYPE="URL")
            loc.set(f"{{{XLINK_NS}}}href", quote(payload.path))  # a URI, relative to data/

    physical = _sub(root, _m("structMap"), TYPE="PHYSICAL", ID="SM_PHYSICAL")
    issue_div = _sub(physical, _m("div"), ID="PHYS_ISSUE", TYPE="issue", DMDID="DMD_ISSUE",
                     LABEL=issue_label(first))
    for payload in files:
        if payload.page is None:
            _sub(issue_div, _m("fptr"), FILEID=payload.file_id)
    for index, page in enumerate(pages, start=1):
        page_div = _sub(issue_div, _m("div"), ID=f"PHYS_P{index}", TYPE="page", ORDER=str(index),
                        ORDERLABEL=page.page_number or None,
                        LABEL=f"第{page.page_number}版" if page.page_number else page.name)
        for payload in files:
            if payload.page == index:
                _sub(page_div, _m("fptr"), FILEID=payload.file_id)

    logical = _sub(root, _m("structMap"), TYPE="LOGICAL", ID="SM_LOGICAL")
    issue_div = _sub(logical, _m("div"), ID="LOG_ISSUE", TYPE="issue", DMDID="DMD_ISSUE",
                     LABEL=issue_label(first))
    order = 0
    for index, page in enumerate(pages, start=1):
        tei_id = _tei_file_id(files, index)
        for article in page.articles:
            order += 1
            label = " ".join(article.main_titles) or article.xml_id
            if article.copy_of:
                label += f" (repeat of {article.copy_of})"
            div = _sub(issue_div, _m("div"), ID=ncname(f"LOG_P{index}_{article.xml_id}"),
                       TYPE="article", ORDER=str(order), LABEL=label,
                       DMDID=article_dmd_id(index, article))
            if tei_id:
                fptr = _sub(div, _m("fptr"))
                _sub(fptr, _m("area"), FILEID=tei_id, BETYPE="IDREF", BEGIN=article.xml_id)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _tei_file_id(files: list[PayloadFile], page: int) -> str | None:
    return next((f.file_id for f in files if f.page == page and f.use == "tei-master"), None)


def _tei_path(files: list[PayloadFile], page: int) -> str | None:
    return next((f.path for f in files if f.page == page and f.use == "tei-master"), None)


def _dmd(root, dmd_id: str, label: str, mods: etree._Element) -> None:
    sec = _sub(root, _m("dmdSec"), ID=dmd_id)
    wrap = _sub(sec, _m("mdWrap"), MDTYPE="MODS", MIMETYPE="text/xml", LABEL=label)
    _sub(wrap, _m("xmlData")).append(mods)


def _language(parent, lang: str) -> None:
    if not lang:
        return
    language = _sub(parent, _mods("language"))
    _sub(language, _mods("languageTerm"), lang, type="code", authority="rfc5646")
    script = script_of(lang)
    if script:
        _sub(language, _mods("scriptTerm"), script, type="code", authority="iso15924")


def _date_issued(parent, page: PageMeta, tag: str = "dateIssued") -> None:
    if page.date_when:
        qualifier = {"medium": "inferred", "low": "questionable"}.get(page.date_cert or "")
        _sub(parent, _mods(tag), page.date_when, encoding="w3cdtf",
             keyDate="yes" if tag == "dateIssued" else None, qualifier=qualifier)
    elif page.date_text:
        _sub(parent, _mods(tag), page.date_text, qualifier="questionable")


def _newspaper_title(parent, page: PageMeta) -> None:
    info = _sub(parent, _mods("titleInfo"))
    _sub(info, _mods("title"), page.newspaper or page.title)
    for lang, title in page.newspaper_alt:
        info = _sub(parent, _mods("titleInfo"), type="translated" if lang else "alternative",
                    lang=_iso639_2(lang))
        _sub(info, _mods("title"), title)


def _iso639_2(bcp47: str) -> str | None:
    # MODS @lang is ISO 639-2b; alternative titles and licences are English in practice.
    return {"en": "eng", "zh": "chi", "ja": "jpn", "ko": "kor", "de": "ger", "fr": "fre"}.get(
        bcp47.split("-")[0]) if bcp47 else None


def _part(parent, page: PageMeta, *, with_page: bool) -> None:
    if not (page.issue_number or (with_page and page.page_number) or page.date_when):
        return
    part = _sub(parent, _mods("part"))
    if page.issue_number:
        detail = _sub(part, _mods("detail"), type="issue")
        _sub(detail, _mods("number"), page.issue_number)
    if with_page and page.page_number:
        detail = _sub(part, _mods("detail"), type="page")
        _sub(detail, _mods("number"), page.page_number)
    if page.date_when:
        _sub(part, _mods("date"), page.date_when, encoding="w3cdtf")


def _issue_mods(object_id: str, organization: str, stamp: str,
                pages: list[PageMeta]) -> etree._Element:
    first = pages[0]
    mods = etree.Element(_mods("mods"), version="3.6")
    info = _sub(mods, _mods("titleInfo"))
    _sub(info, _mods("title"), issue_label(first))
    people: list[tuple[str, str]] = []
    for page in pages:
        for resp, names in page.responsibilities:
            people.extend((resp, name) for name in names if (resp, name) not in people)
    for resp, name in people:
        el = _sub(mods, _mods("name"), type="personal")
        _sub(el, _mods("namePart"), name)
        role = _sub(el, _mods("role"))
        _sub(role, _mods("roleTerm"), resp or "contributor", type="text")
    _sub(mods, _mods("typeOfResource"), "text")
    _sub(mods, _mods("genre"), "newspaper", authority="marcgt")
    origin = _sub(mods, _mods("originInfo"), eventType="publication")
    if first.place:
        place = _sub(origin, _mods("place"))
        _sub(place, _mods("placeTerm"), first.place, type="text")
    if first.publisher:
        _sub(origin, _mods("publisher"), first.publisher)
    _date_issued(origin, first)
    _language(mods, first.lang)
    _sub(_sub(mods, _mods("physicalDescription")), _mods("extent"),
         f"{len(pages)} page(s); {sum(p.article_count for p in pages)} article(s)")
    host = _sub(mods, _mods("relatedItem"), type="host")
    _newspaper_title(host, first)
    _sub(host, _mods("genre"), "newspaper", authority="marcgt")
    _sub(_sub(host, _mods("originInfo")), _mods("issuance"), "continuing")
    _part(mods, first, with_page=len(pages) == 1)
    _sub(mods, _mods("identifier"), object_id, type="local")
    if first.licence:
        _sub(mods, _mods("accessCondition"), first.licence, type="use and reproduction",
             lang=_iso639_2(first.licence_lang),
             **({f"{{{XLINK_NS}}}href": first.licence_url} if first.licence_url else {}))
    record = _sub(mods, _mods("recordInfo"))
    _sub(record, _mods("recordContentSource"), organization)
    _sub(record, _mods("recordCreationDate"), stamp, encoding="w3cdtf")
    _sub(record, _mods("recordOrigin"),
         f"Made by tei-edition {__version__} from the TEI header of "
         + ", ".join(f"{p.name}.xml" for p in pages))
    return mods


def _article_mods(article: ArticleMeta, page: PageMeta, *, tei_path: str | None) -> etree._Element:
    mods = etree.Element(_mods("mods"), version="3.6")
    info = _sub(mods, _mods("titleInfo"), supplied="yes" if article.supplied_title else None)
    _sub(info, _mods("title"), " ".join(article.main_titles) or article.xml_id)
    for sub in article.sub_titles:
        _sub(info, _mods("subTitle"), sub)
    for author in article.authors:
        el = _sub(mods, _mods("name"), type="personal")
        _sub(el, _mods("namePart"), author)
        role = _sub(el, _mods("role"))
        _sub(role, _mods("roleTerm"), "aut", type="code", authority="marcrelator")
        _sub(role, _mods("roleTerm"), "author", type="text", authority="marcrelator")
    _sub(mods, _mods("typeOfResource"), "text")
    _sub(mods, _mods("genre"), "article")
    _language(mods, article.lang)
    host = _sub(mods, _mods("relatedItem"), type="host")
    _newspaper_title(host, page)
    origin = _sub(host, _mods("originInfo"))
    _date_issued(origin, page)
    _part(host, page, with_page=True)
    if tei_path:
        _sub(mods, _mods("identifier"), f"{tei_path}#{article.xml_id}",
             type="local")
    return mods
