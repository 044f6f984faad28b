"""The document model to TEI P5 (lxml), following docs/encoding.md; and the lossless check.

Nothing here reads raw text: it receives a Page and the metadata, and writes elements.
Mixed content (p, head, byline, ...) is never re-indented, so no white space is invented
inside Chinese text; only element-only containers get line breaks.
"""

from __future__ import annotations

from datetime import date

from lxml import etree

from . import __version__, master
from .errors import EncodingCheckError
from .model import (Article, Block, Break, Byline, Figure, Furniture, Gap, Head, Metadata, Page,
                    PageBreak, Paragraph, Section, Span)
from .xmlio import TEI_NS, XML_NS

_T = "{%s}" % TEI_NS
_XML_ID = "{%s}id" % XML_NS
_XML_LANG = "{%s}lang" % XML_NS
_LANGUAGE_NAMES = {"zh-Hans": "简体中文", "zh-Hant": "繁體中文", "zh": "中文", "en": "English",
                   "ja": "日本語", "ko": "한국어"}
_MIXED = {"desc", "p", "head", "byline", "fw", "title", "trailer", "date", "note", "resp", "change",
          "language", "licence", "persName", "roleName", "label", "pubPlace", "publisher",
          "authority", "biblScope", "name", "orgName", "placeName", "num", "author"}


def E(tag: str, attrib: dict | None = None, *children, text: str | None = None) -> etree._Element:
    elem = etree.Element(_T + tag, nsmap={None: TEI_NS})
    for key, value in (attrib or {}).items():
        if value is None or value == "":
            continue
        if key == "xml:id":
            key = _XML_ID
        elif key == "xml:lang":
            key = _XML_LANG
        elem.set(key, str(value))
    if text:
        elem.text = text
    for child in children:
        if child is not None:
            elem.append(child)
    return elem


def _append_text(parent: etree._Element, text: str) -> None:
    if not text:
        return
    if len(parent):
        last = parent[-1]
        last.tail = (last.tail or "") + text
    else:
        parent.text = (parent.text or "") + text


# -- inline ---------------------------------------------------------------------------
def _inline(parent: etree._Element, parts: list) -> None:
    """Write inline parts (text and Spans found by ingest) into parent, in order."""
    for part in parts:
        if isinstance(part, str):
            _append_text(parent, part)
        elif isinstance(part, Span) and part.kind == "deskCode":
            # An editor's desk code is printed on the page but is no part of the text.
            parent.append(E("fw", {"type": "deskCode"}, text=part.text))
        elif isinstance(part, Span):
            attrs = {"when": part.when} if part.kind == "date" else {"role": part.role}
            parent.append(E(part.kind, attrs, text=part.text))
        elif isinstance(part, Break) and part.kind == "cb":
            # A column break inside a caption that runs on in the next block.
            parent.append(E("cb", {"break": "no"}))
        else:
            raise TypeError(part)


# -- body -----------------------------------------------------------------------------
# Where the document model may hold what. ingest/structure.py builds only these shapes
# and every one of them, in every order, is valid TEI (tests/test_encode_model.py writes
# them all); the writer refuses anything else as a bug rather than write invalid TEI.
PLACES: dict[str, tuple[type, ...]] = {
    "body": (Article, PageBreak, Figure, Furniture),
    "top": (Head, Byline, Paragraph, Gap, Figure, Furniture, PageBreak),
    "items": (Paragraph, Gap, Figure, Furniture, PageBreak),
    "section": (Paragraph, Gap, Figure, Furniture, PageBreak),
    "section-bottom": (Byline, Figure, Furniture, PageBreak),
    "section-top": (Byline,),
    "bottom": (Head, Byline, Figure, Furniture, PageBreak),
}
HEAD_TYPES = {"top": ("kicker", "main", "sub", "column"), "bottom": ("kicker", "column")}
_PLACE_NAMES = {"body": "the page's body", "top": "an article's opening (before its text)",
                "items": "an article's text", "section": "a section's text",
                "section-bottom": "a section's closing matter (after its text)",
                "section-top": "a section's opening (under its head)",
                "bottom": "an article's closing matter (after its text)"}


class _Body:
    def __init__(self, page: Page, meta: Metadata, label: str):
        self.page, self.meta, self.label = page, meta, label

    def build(self) -> etree._Element:
        body = E("body")
        first = self.page.items[0] if self.page.items else None
        if not (isinstance(first, PageBreak) and first.block is not None):
            body.append(E("pb", {"n": self.meta.page or None}))
        for item in self.page.items:
            body.extend(self.item(item, "body"))
        _inherit_source_lines(body)
        return body

    def item(self, item, place: str, *, opens_paragraph: bool = False) -> list[etree._Element]:
        """The elements of one model item in PLACE; opens_paragraph: the item is the last
        of an article's top and the article's text begins with a paragraph."""
        block = _source_block(item)
        if not isinstance(item, PLACES[place]) or (
                isinstance(item, Head) and item.type not in HEAD_TYPES[place]):
            kind = type(item).__name__ + (f" ({item.type})" if isinstance(item, Head) else "")
            self._refuse(f"a {kind} in {_PLACE_NAMES[place]}", block)
        if isinstance(item, Byline) and item.run_in and not opens_paragraph:
            # A run-in byline is the start of the paragraph that follows it in TEI.
            self._refuse("a run-in byline that is not followed by its paragraph", block)
        elements = self._item(item, place)
        if block is not None:
            for elem in elements:
                elem.sourceline = block.start_line
        return elements

    def _refuse(self, what: str, block: Block | None) -> None:
        raise EncodingCheckError(f"the document model holds {what}, which the TEI writer does "
                                 f"not allow. This is a bug in tei-edition; nothing was written.",
                                 self.label, block.start_line if block is not None else None)

    def _item(self, item, place: str) -> list[etree._Element]:
        if isinstance(item, Article):
            return [self.article(item)]
        if isinstance(item, Paragraph):
            elem = self.paragraph(item)
            return [E("argument", {}, elem) if place == "top" else elem]
        if isinstance(item, PageBreak):
            out = [E("pb", {"n": item.n})]
            if item.block is not None and item.block.text:
                out.append(E("fw", {"type": "pageNum", "place": "top"}, text=item.block.text))
            return out
        if isinstance(item, Figure):
            return [self.figure(item)]
        if isinstance(item, Furniture):
            return [self.furniture(item)]
        if isinstance(item, Gap):
            return [E("gap", {"reason": "missing", "unit": item.unit, "extent": "unknown",
                              "cert": item.cert})]
        if isinstance(item, Head):
            return [self.head(item, "trailer" if place == "bottom" else "head")]
        if isinstance(item, Byline):
            return [self.byline(item)]
        raise TypeError(item)

    def article(self, art: Article) -> etree._Element:
        original = art.copy_of
        bibl = f"#bibl-{(original or art).xml_id}"
        div = E("div", {"type": "article", "xml:id": art.xml_id, "decls": bibl,
                        "copyOf": f"#{original.xml_id}" if original else None,
                        "prev": f"#{art.prev.xml_id}" if art.prev else None,
                        "next": f"#{art.next.xml_id}" if art.next else None})
        text_opens = bool(art.items) and isinstance(art.items[0], Paragraph)
        for index, item in enumerate(art.top):
            div.extend(self.item(item, "top",
                                 opens_paragraph=text_opens and index == len(art.top) - 1))
        for item in art.items:
            div.extend(self.item(item, "items"))
        for section in art.sections:
            div.append(self.section(section))
        for item in art.bottom:
            div.extend(self.item(item, "bottom"))
        return div

    def section(self, section: Section) -> etree._Element:
        div = E("div", {"type": "section", "xml:id": section.xml_id})
        if section.head is not None:
            div.sourceline = section.head.block.start_line
            head = E("head")
            _inline(head, section.head.inline)
            div.append(head)
        for item in section.top:
            div.extend(self.item(item, "section-top"))
        for item in section.items:
            div.extend(self.item(item, "section"))
        if not any(isinstance(x, Paragraph) for x in section.items) and section.bottom:
            self._refuse("a section whose closing byline follows no text",
                         _source_block(section.bottom[0]))
        for item in section.bottom:
            div.extend(self.item(item, "section-bottom"))
        return div

    def head(self, head: Head, tag: str = "head") -> etree._Element:
        elem = E(tag, {"type": head.type or None})
        _inline(elem, head.inline)
        return elem

    def byline(self, byline: Byline) -> etree._Element:
        elem = E("byline", {"rend": "run-in" if byline.run_in else None})
        _inline(elem, byline.inline)
        return elem

    def paragraph(self, para: Paragraph) -> etree._Element:
        elem = E("p", {"xml:id": para.xml_id or None,
                       "copyOf": f"#{para.copy_of.xml_id}" if para.copy_of else None,
                       "part": "F" if para.missing_start == "chars" else None})
        if para.missing_start == "chars":
            elem.append(E("gap", {"reason": "missing", "unit": "chars", "extent": "unknown",
                                  "cert": para.gap_cert}))
        for piece in para.inline:
            if isinstance(piece, Figure):
                # A photo the extraction set between the halves of the paragraph.
                elem.append(self.figure(piece))
            elif isinstance(piece, Furniture):
                # A running head between a paragraph's halves (after a page break).
                elem.append(self.furniture(piece))
            elif isinstance(piece, Break):
                elem.append(E(piece.kind, {"n": piece.n, "break": "no"}))
                if piece.marker is not None:
                    elem.append(E("fw", {"type": "pageNum", "place": "top"}, text=piece.marker.text))
            else:
                _inline(elem, [piece])
        return elem

    def figure(self, figure: Figure) -> etree._Element:
        elem = E("figure", {"type": "photo", "xml:id": figure.xml_id})
        for inline in [figure.caption_inline] + figure.more_inline:
            if inline:
                caption = E("p")
                _inline(caption, inline)
                elem.append(caption)
        if figure.desk_code:
            elem.append(E("fw", {"type": "deskCode"}, text=figure.desk_code))
        if figure.credit_inline:
            credit = E("byline")
            _inline(credit, figure.credit_inline)
            elem.append(credit)
        if figure.note_inline:
            note = E("note")
            _inline(note, figure.note_inline)
            elem.append(note)
        return elem

    def furniture(self, item: Furniture) -> etree._Element:
        place = {"header": "top", "credit": "bottom", "footer": "bottom"}.get(item.kind)
        elem = E("fw", {"type": item.kind, "place": place})
        _inline(elem, item.inline)
        return elem


def _source_block(item) -> Block | None:
    """The block of source text an item begins with, so errors can name its line."""
    if isinstance(item, (Head, Byline, Furniture)):
        return item.block
    if isinstance(item, Paragraph):
        return item.blocks[0]
    if isinstance(item, Figure):
        return item.caption or item.credit_block
    if isinstance(item, PageBreak):
        return item.block
    if isinstance(item, Article):
        for part in item.top + item.items:
            block = _source_block(part)
            if block is not None:
                return block
    return None


def _inherit_source_lines(root: etree._Element) -> None:
    """Elements made for no block of their own (inline names, gaps) take their parent's
    source line, so a validation error inside them still names a line of the source."""
    for elem in root.iter(etree.Element):
        parent = elem.getparent()
        if elem.sourceline is None and parent is not None and parent.sourceline is not None:
            elem.sourceline = parent.sourceline


# -- header ---------------------------------------------------------------------------
def _date_label(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def _imprint(meta: Metadata, full: bool) -> etree._Element:
    imprint = E("imprint")
    if full and meta.place:
        imprint.append(E("pubPlace", text=meta.place + (f"（{meta.region}）" if meta.region else "")))
    if full and meta.publisher:
        imprint.append(E("publisher", text=meta.publisher))
    if meta.date is not None:
        attrs = {"when": meta.date.isoformat()}
        if meta.date_inferred:
            attrs.update({"cert": "medium", "evidence": "internal"})
        imprint.append(E("date", attrs, text=_date_label(meta.date) if full else None))
    else:
        imprint.append(E("date", {"cert": "unknown"}, text="日期不详"))
    return imprint


def _scopes(meta: Metadata) -> list[etree._Element]:
    out = []
    if meta.issue_number:
        out.append(E("biblScope", {"unit": "issue", "n": meta.issue_number},
                     text=f"第{meta.issue_number}期"))
    if meta.page:
        out.append(E("biblScope", {"unit": "page", "n": meta.page}, text=f"第{meta.page}版"))
    return out


def _newspaper_title(meta: Metadata) -> etree._Element:
    return E("title", {"level": "j"}, text=meta.newspaper or "报名不详")


def build_header(page: Page, meta: Metadata, *, source_name: str, encoding: str,
                 sha256: str, crlf: bool, when: str, marker_count: int) -> etree._Element:
    paper = meta.newspaper or "报名不详"
    date_text = _date_label(meta.date) if meta.date else "日期不详"
    page_text = f"第{meta.page}版" if meta.page else "版次不详"
    title_stmt = E("titleStmt", {},
                   E("title", {}, text=f"{paper} {date_text} {page_text}"),
                   E("title", {"type": "sub", "xml:lang": "en"},
                     text="A TEI edition of one newspaper page"))
    if meta.editor:
        title_stmt.append(E("respStmt", {}, E("resp", {"xml:lang": "en"}, text="editorial review"),
                            E("persName", {"xml:id": "editor"}, text=meta.editor)))
    title_stmt.append(E("respStmt", {}, E("resp", {"xml:lang": "en"}, text="automatic encoding"),
                        E("name", {"type": "software"}, text=f"tei-edition {__version__}")))

    if meta.edition_publisher:
        publication = E("publicationStmt", {}, E("publisher", text=meta.edition_publisher))
        if meta.licence:
            publication.append(E("availability", {}, E("licence", {"target": meta.licence_url or None,
                                                                   "xml:lang": meta.licence_lang or None},
                                                        text=meta.licence)))
    else:
        note = "Not published: a working encoding."
        if meta.licence:
            note += f" Licence: {meta.licence}" + (f" <{meta.licence_url}>" if meta.licence_url else "")
        publication = E("publicationStmt", {}, E("p", {"xml:lang": "en"}, text=note))

    monogr = E("monogr", {}, _newspaper_title(meta))
    if meta.newspaper_en:
        monogr.append(E("title", {"level": "j", "type": "alt", "xml:lang": "en"},
                        text=meta.newspaper_en))
    for role, names in (credit for item in page.furniture for credit in item.credits):
        monogr.append(E("respStmt", {}, E("resp", text=role),
                        *[E("persName", text=n) for n in names]))
    monogr.append(_imprint(meta, True))
    monogr.extend(_scopes(meta))
    newspaper = E("biblStruct", {"type": "newspaper"}, monogr)
    if meta.date is not None and meta.date_inferred:
        newspaper.append(E("note", {"type": "date"},
                           text=meta.date_note or "出版日期系据版面内容推定。"))
    elif meta.date is None:
        newspaper.append(E("note", {"type": "date"}, text="出版日期不详。"))

    list_bibl = E("listBibl")
    for art in page.articles:
        if art.copy_of is not None:
            continue
        analytic = E("analytic")
        for name in art.authors():
            analytic.append(E("author", {}, E("persName", text=name)))
        mains = art.heads("main")
        if mains:
            analytic.append(E("title", {"level": "a", "type": "main"}, text=mains[0].block.text))
        else:
            analytic.append(E("title", {"level": "a", "type": "supplied"}, text="（无标题）"))
        for head in art.heads("sub"):
            analytic.append(E("title", {"level": "a", "type": "sub"}, text=head.block.text))
        article_monogr = E("monogr", {}, _newspaper_title(meta), _imprint(meta, False))
        article_monogr.extend(_scopes(meta))
        list_bibl.append(E("biblStruct", {"xml:id": f"bibl-{art.xml_id}"}, analytic, article_monogr))
    source_desc = E("sourceDesc", {}, newspaper)
    if len(list_bibl):
        source_desc.append(list_bibl)
    if meta.source_description:
        newspaper.append(E("note", {"type": "source"}, text=meta.source_description))
    file_desc = E("fileDesc", {}, title_stmt, publication, source_desc)

    encoding_desc = _encoding_desc(page, meta, encoding=encoding, crlf=crlf,
                                   marker_count=marker_count, sha256=sha256)
    language = E("language", {"ident": meta.language},
                 text=_LANGUAGE_NAMES.get(meta.language, meta.language))
    profile = E("profileDesc", {}, E("langUsage", {}, language))
    revision = _revision_desc(page, meta, source_name=source_name, encoding=encoding,
                              sha256=sha256, when=when, marker_count=marker_count)
    return E("teiHeader", {}, file_desc, encoding_desc, profile, revision)


def _num(kind: str, value: int) -> etree._Element:
    return E("num", {"type": kind, "value": str(value)}, text=str(value))


def _para(*parts) -> etree._Element:
    elem = E("p")
    for part in parts:
        if isinstance(part, str):
            _append_text(elem, part)
        else:
            elem.append(part)
    return elem


def _provenance(meta: Metadata, sha256: str) -> etree._Element:
    """What `tei-edition build` reads to tell the encoder's file from an edited one
    (tei_edition/master.py); the fingerprint is filled in once the document is complete."""
    def idno(kind: str, value: str) -> etree._Element:
        return E("idno", {"type": kind}, text=value)

    parts = ["Encoded from the page text (SHA-256 ", idno(master.SOURCE_TYPE, sha256), ")"]
    if meta.sidecar_sha256:
        parts += [" and its sidecar (SHA-256 ", idno(master.SIDECAR_TYPE, meta.sidecar_sha256), ")"]
    if meta.profile_sha256:
        parts += [f", with the paper's profile {meta.profile_path} (SHA-256 ",
                  idno(master.PROFILE_TYPE, meta.profile_sha256), ")"]
    parts += [". As the encoder wrote it, this file has the fingerprint ",
              idno(master.FINGERPRINT_TYPE, master.PLACEHOLDER),
              " (the SHA-256 of its bytes, these 64 digits read as zeros). tei-edition replaces "
              "the file only while the fingerprint still holds, so a hand correction is never "
              "overwritten."]
    desc = E("desc", {"xml:lang": "en"})
    for part in parts:
        if isinstance(part, str):
            _append_text(desc, part)
        else:
            desc.append(part)
    return desc


def _encoding_desc(page: Page, meta: Metadata, *, encoding: str, crlf: bool,
                   marker_count: int, sha256: str) -> etree._Element:
    app = E("appInfo", {}, E("application", {"ident": "tei-edition", "version": __version__,
                                             "xml:id": "tei-edition"},
                             E("label", text="tei-edition"), _provenance(meta, sha256)))
    repeats = page.repeats_exact + page.repeats_near + page.article_repeats
    corrections = len(page.applied)
    decl = E("editorialDecl", {"xml:lang": "en"},
             E("normalization", {}, _para(
                 f"Decoded from {encoding}{' with CRLF line ends' if crlf else ''}. The extractor's "
                 "heading markers (#) were removed (", _num("headingMarkers", marker_count),
                 "); every other character of the source is kept in order, and white space "
                 "between lines of one block is dropped, since Chinese uses none.")),
             E("segmentation", {}, _para(
                 "Blocks are separated by blank lines. A paragraph that a column or page break "
                 "split is joined again when its first part does not end a sentence (",
                 _num("joins", page.joins), " joins); the break is kept as cb or pb with "
                 "break=\"no\".")),
             E("correction", {}, _para(
                 "Repeated passages from the extraction are kept, never deleted, and point to "
                 "their first occurrence with @copyOf (", _num("repeats", repeats), ": ",
                 _num("articleRepeats", page.article_repeats), " articles, ",
                 _num("exactRepeats", page.repeats_exact), " exact and ",
                 _num("nearRepeats", page.repeats_near), " near paragraphs). A near repeat may "
                 "hold text its original lost.")),
             E("interpretation", {}, _para(
                 "Missing starts are marked with gap (", _num("gaps", page.gaps), "). Block roles "
                 "(headlines, bylines, captions, page furniture) come from the extractor's markers "
                 "and the text's shape, then from the editor's corrections (",
                 _num("corrections", corrections), "). Dates in the text carry ISO values, the "
                 "year taken from the issue date (", _num("dates", page.dates),
                 " dates); a date that would fall after the issue is left without a value."),
               *_rules_fired(page)))
    return E("encodingDesc", {}, app, decl)


def _rules_fired(page: Page) -> list[etree._Element]:
    """Which rules decided the missing starts and the breaks kept, and how many decisions
    an editor should review (gap/@cert says how sure each guess is)."""
    out = []
    if page.rules:
        parts: list = ["Rules that fired (docs/encoding.md): "]
        for n, (rule, count) in enumerate(sorted(page.rules.items())):
            parts += [("; " if n else ""), f"{rule} (",
                      E("num", {"type": "rule", "value": str(count)}, text=str(count)), ")"]
        parts.append(".")
        out.append(_para(*parts))
    if page.decisions:
        out.append(_para("Decisions made with low or medium certainty, for an editor to review "
                         "(listed by tei-edition encode --report): ",
                         _num("uncertain", len(page.decisions)), "."))
    return out


def _revision_desc(page: Page, meta: Metadata, *, source_name: str, encoding: str,
                   sha256: str, when: str, marker_count: int) -> etree._Element:
    auto = {"when": when, "who": "#tei-edition", "xml:lang": "en"}
    editor = {"when": when, "who": "#editor" if meta.editor else None, "xml:lang": "en"}
    changes = [
        E("change", auto, text=f"Decoded {source_name} ({encoding}, sha256 {sha256}) and cut it "
                               f"into blocks; removed {marker_count} heading markers."),
        E("change", auto, text=f"Assigned block roles and grouped {len(page.articles)} articles."),
        E("change", auto, text=f"Joined {page.joins} paragraphs split by column or page breaks."),
        E("change", auto, text=f"Linked {page.repeats_exact + page.repeats_near + page.article_repeats}"
                               f" repeated passages with @copyOf."),
        E("change", auto, text=f"Marked {page.gaps} missing starts with gap."),
        E("change", auto, text=f"Tagged {page.dates} dates."),
    ]
    for correction, what in page.applied:
        text = f"Editorial correction ({correction.where()}): {what}."
        if correction.note:
            text += f" Reason: {correction.note}"
        changes.append(E("change", editor, text=text))
    return E("revisionDesc", {}, *changes)


# -- document -------------------------------------------------------------------------
def build_tei(page: Page, meta: Metadata, *, label: str = "<text>", **source) -> etree._ElementTree:
    """The TEI document of a page; label names the source in errors (a bug's report)."""
    body = _Body(page, meta, label).build()
    header = build_header(page, meta, **source)
    root = E("TEI", {"xml:lang": meta.language}, header, E("text", {}, body))
    _indent(root)
    tree = etree.ElementTree(root)
    for href, ns in (("schema/tei_newspaper.rng", "http://relaxng.org/ns/structure/1.0"),
                     ("schema/tei_newspaper.sch", "http://purl.oclc.org/dsdl/schematron")):
        pi = etree.ProcessingInstruction(
            "xml-model", f'href="{href}" type="application/xml" schematypens="{ns}"')
        pi.tail = "\n"
        root.addprevious(pi)
    return tree


def _indent(elem: etree._Element, level: int = 0) -> None:
    """Line breaks between children of element-only containers, never inside mixed content."""
    if etree.QName(elem).localname in _MIXED or not len(elem):
        return
    if elem.text and elem.text.strip():
        return
    pad = "\n" + "  " * (level + 1)
    elem.text = pad
    for child in elem:
        _indent(child, level + 1)
        if child.tail and child.tail.strip():
            return
        child.tail = pad
    elem[-1].tail = "\n" + "  " * level


def serialize(tree: etree._ElementTree) -> bytes:
    return etree.tostring(tree, xml_declaration=True, encoding="UTF-8") + b"\n"


def stamp(tree: etree._ElementTree) -> None:
    """Fill in the fingerprint of the finished document (tei_edition/master.py)."""
    found = tree.getroot().findall(f".//{_T}idno[@type='{master.FINGERPRINT_TYPE}']")
    if len(found) != 1:
        raise EncodingCheckError("the TEI has no place for its fingerprint. This is a bug in "
                                 "tei-edition; nothing was written.")
    found[0].text = master.PLACEHOLDER
    found[0].text = master.fingerprint(serialize(tree))


# -- the guarantee --------------------------------------------------------------------
def non_space(text: str) -> str:
    return "".join(text.split())


def check_lossless(tree: etree._ElementTree, expected: str, label: str) -> None:
    """Every non-space source character stands in TEI `text`, in order, and nothing else."""
    text_elem = tree.getroot().find(_T + "text")
    found = non_space("".join(text_elem.itertext()))
    want = non_space(expected)
    if found == want:
        return
    at = next((i for i, (a, b) in enumerate(zip(found, want)) if a != b), min(len(found), len(want)))
    raise EncodingCheckError(
        f"lossless check failed at source character {at + 1}: expected "
        f"'{want[max(0, at - 10):at + 10]}', TEI has '{found[max(0, at - 10):at + 10]}' "
        f"({len(want)} characters expected, {len(found)} written). This is a bug in "
        f"tei-edition; nothing was written.", label)
