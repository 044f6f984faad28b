"""TEI -> print HTML (xslt/print.xsl) -> WeasyPrint -> PDF, in three profiles.

Profiles:
  archive  PDF/A-3b and PDF/UA-1 in one file: tagged, XMP metadata from the TEI header,
           the TEI source embedded byte for byte as an associated file (/Source).
  print    for a printer: 3 mm bleed, crop marks drawn outside the bleed (WeasyPrint's
           own marks sit inside the bleed and are 1.5 mm long, so we draw ours).
  screen   compact margins, no marks, A4 by default.

One process renders many pages: the WeasyPrint font configuration, the parsed CSS and
the compiled XSLT are made once per process and reused (not thread-safe; use processes
for parallel builds).

WeasyPrint 70.0 justifies by stretching spaces only, which leaves Chinese lines ragged.
`_install_cjk_justification` replaces its line justification with inter-character
justification for Chinese and Japanese text. It depends on WeasyPrint internals, so it
refuses to run on any other WeasyPrint version; tests/test_pdf_justify.py measures the
glyph positions in the PDF to guard it.
"""

from __future__ import annotations

import io
import logging
import mimetypes
import os
import re
import time
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime, timezone
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from lxml import etree

from . import __version__
from .errors import InputError, RenderError
from .resources import xslt_dir
from .xmlio import TEI_NS, XML_NS, parse_untrusted, write_atomic

WEASYPRINT_VERSION = "70.0"  # the version _install_cjk_justification was written for
PROFILES = ("archive", "print", "screen")
BODY_FONT = "Noto Serif CJK SC"
HEAD_FONT = "Noto Sans CJK SC"
REQUIRED_FONTS = (BODY_FONT, HEAD_FONT)

BLEED_MM = 3.0
# Crop marks start MARK_OFFSET_MM outside the trim edge (so they clear the 3 mm bleed) and
# are MARK_LENGTH_MM long; the media box leaves MARK_MARGIN_MM beyond their ends.
MARK_OFFSET_MM = 5.0
MARK_LENGTH_MM = 8.0
MARK_MARGIN_MM = 2.0
MARK_LINE_PT = 0.25
# Page margins (top right bottom left, mm) per profile; the running head and the page
# number live in the top and bottom margins.
PAGE_MARGINS_MM = {"archive": (20, 14, 16, 14), "print": (20, 14, 16, 14),
                   "screen": (14, 10, 12, 10)}

_MM = 72 / 25.4
_NS = {"tei": TEI_NS}
_LOG = logging.getLogger("weasyprint")

_PAGE_SIZES_MM = {
    "a3": (297, 420), "a4": (210, 297), "a5": (148, 210), "b4": (250, 353),
    "b5": (176, 250), "letter": (215.9, 279.4), "legal": (215.9, 355.6),
    "ledger": (279.4, 431.8),
}
_UNITS_MM = {"mm": 1.0, "cm": 10.0, "in": 25.4, "pt": 25.4 / 72}
_LENGTH = r"(\d+(?:\.\d+)?)(mm|cm|in|pt)"


# ---------------------------------------------------------------------------------------
# The report


@dataclass
class PdfReport:
    """What render_pdf made; str() is a one-line summary for the command line."""

    path: Path
    profile: str
    page_size: str
    pages: int
    articles: int
    bytes: int
    layout_seconds: float
    write_seconds: float
    fonts: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def conformance(self) -> str:
        return {"archive": "PDF/A-3b + PDF/UA-1", "print": f"{BLEED_MM:g} mm bleed, crop marks",
                "screen": "tagged, no marks"}[self.profile]

    def __str__(self) -> str:
        text = (f"wrote {self.path}: {self.profile} ({self.conformance}), {self.pages} "
                f"page{'s' if self.pages != 1 else ''} {self.page_size}, {self.articles} "
                f"article{'s' if self.articles != 1 else ''}, {self.bytes / 1024:.0f} KiB, "
                f"layout {self.layout_seconds:.2f} s, write {self.write_seconds:.2f} s")
        if self.warnings:
            text += f", {len(self.warnings)} renderer warning(s): {self.warnings[0]}"
        return text


# ---------------------------------------------------------------------------------------
# Environment checks: done once per process, each failure one clear RenderError


@lru_cache(maxsize=1)
def _weasyprint():
    """Import WeasyPrint and make sure it is the version our extensions were written for."""
    try:
        import weasyprint
    except (ImportError, OSError) as exc:  # OSError: Pango missing
        raise RenderError(f"WeasyPrint cannot be loaded ({exc}); run scripts/setup.sh") from None
    if weasyprint.__version__ != WEASYPRINT_VERSION:
        raise RenderError(
            f"WeasyPrint {weasyprint.__version__} is installed, but tei-edition's Chinese "
            f"justification is written for WeasyPrint {WEASYPRINT_VERSION} exactly: install "
            f"weasyprint=={WEASYPRINT_VERSION} (as pyproject.toml pins it)")
    return weasyprint


def check_harfbuzz_subset(subset_library=..., harfbuzz=None) -> None:
    """Refuse WeasyPrint's fontTools fallback: it makes every CJK PDF ~60x slower."""
    from weasyprint.text import ffi as wffi

    if subset_library is ...:
        subset_library = wffi.harfbuzz_subset
    harfbuzz = harfbuzz or wffi.harfbuzz
    if subset_library is None:
        raise RenderError(
            "HarfBuzz's subsetting library (libharfbuzz-subset.so.0) is not installed: "
            "WeasyPrint would fall back to fontTools and take about a minute per CJK page. "
            "Install Debian's libharfbuzz-subset0 (scripts/setup.sh does)")
    if not harfbuzz.hb_version_atleast(4, 1, 0):
        raise RenderError("HarfBuzz >= 4.1.0 is needed for font subsetting; this one is older")


def check_fonts(families=REQUIRED_FONTS) -> dict[str, str]:
    """Ask fontconfig for each family; return {family: font file}. RenderError if missing.

    fontconfig always answers with its best match, so the check is that the match *is*
    the family asked for, not a substitute that would print look-alikes or tofu.
    """
    from weasyprint.text.ffi import ffi, fontconfig

    found, missing = {}, []
    config = fontconfig.FcInitLoadConfigAndFonts()
    try:
        for family in families:
            pattern = fontconfig.FcPatternCreate()
            try:
                fontconfig.FcPatternAddString(pattern, b"family", family.encode())
                fontconfig.FcConfigSubstitute(config, pattern, fontconfig.FcMatchPattern)
                fontconfig.FcDefaultSubstitute(pattern)
                result = ffi.new("FcResult *")
                match = fontconfig.FcFontMatch(config, pattern, result)
                names, path = [], None
                if match != ffi.NULL:
                    value = ffi.new("FcChar8 **")
                    index = 0
                    while fontconfig.FcPatternGetString(match, b"family", index, value) == 0:
                        names.append(ffi.string(value[0]).decode("utf-8", "replace"))
                        index += 1
                    if fontconfig.FcPatternGetString(match, b"file", 0, value) == 0:
                        path = ffi.string(value[0]).decode("utf-8", "replace")
                    fontconfig.FcPatternDestroy(match)
                if family in names:
                    found[family] = path or "?"
                else:
                    missing.append(family)
            finally:
                fontconfig.FcPatternDestroy(pattern)
    finally:
        fontconfig.FcConfigDestroy(config)
    if missing:
        raise RenderError(
            f"font{'s' if len(missing) > 1 else ''} not installed: {', '.join(missing)} "
            f"(fontconfig offers no such family; `fc-list :lang=zh` lists what there is). "
            f"Install Debian's fonts-noto-cjk (scripts/setup.sh does)")
    return found


@lru_cache(maxsize=1)
def _environment():
    """Everything made once per process: checks, the justification patch, fonts, CSS."""
    weasyprint = _weasyprint()
    check_harfbuzz_subset()
    check_fonts()
    _install_cjk_justification()
    _install_cjk_actual_text()
    from weasyprint.text.fonts import FontConfiguration

    return weasyprint, FontConfiguration()


def assets_dir() -> Path:
    return (xslt_dir() / "assets").resolve()


@lru_cache(maxsize=None)
def _stylesheet(key: tuple[str, str]):
    """Parsed CSS, once per process: the print sheet, then one small sheet per profile/size."""
    weasyprint, font_config = _environment()
    kind, value = key
    if kind == "file":
        path = assets_dir() / value
        if not path.is_file():
            raise RenderError(f"print stylesheet missing: {path}")
        return weasyprint.CSS(string=path.read_text(encoding="utf-8"), base_url=path.as_uri(),
                              url_fetcher=_AssetsOnlyFetcher([assets_dir()]),
                              font_config=font_config)
    return weasyprint.CSS(string=value, font_config=font_config,
                          url_fetcher=_AssetsOnlyFetcher([assets_dir()]))


# ---------------------------------------------------------------------------------------
# Page size and profile CSS


def _parse_page_size(page_size: str) -> tuple[str, float, float]:
    """'A3', 'a4 landscape', '297mm 420mm' -> (css value, width mm, height mm)."""
    text = " ".join(page_size.strip().lower().split())
    match = re.fullmatch(r"(a3|a4|a5|b4|b5|letter|legal|ledger)(?: (portrait|landscape))?", text)
    if match:
        width, height = _PAGE_SIZES_MM[match[1]]
        if match[2] == "landscape":
            width, height = height, width
        return text, width, height
    match = re.fullmatch(f"{_LENGTH} {_LENGTH}", text)
    if match:
        width = float(match[1]) * _UNITS_MM[match[2]]
        height = float(match[3]) * _UNITS_MM[match[4]]
        if 50 <= width <= 2000 and 50 <= height <= 2000:
            return text, width, height
    raise InputError(f"page size {page_size!r} not understood: use A3, A4, A5, B4, B5, letter, "
                     f"legal or ledger (optionally 'landscape'), or two lengths like '297mm 420mm'")


def _page_css(profile: str, size_css: str, width_mm: float) -> str:
    # About 50 mm per column at 9.5 pt gives the 13-15 characters of a Chinese newspaper
    # column: 5 columns on A3, 3 on A4.
    columns = max(1, min(6, round((width_mm - 28) / 55)))
    margins = " ".join(f"{m}mm" for m in PAGE_MARGINS_MM[profile])
    css = [f"@page {{ size: {size_css}; margin: {margins}; }}",
           f".tei-div-article {{ column-count: {columns}; }}"]
    if width_mm < 250:  # a reading edition (A4 and smaller): calmer headlines
        css.append(".te-heads > h2, .tei-div-article > h2 { font-size: 17pt; }"
                   ".te-print-paper { font-size: 32pt; }")
    if profile == "print":
        css.append(f"@page {{ bleed: {BLEED_MM}mm; marks: none; }}")
    return "\n".join(css)


# ---------------------------------------------------------------------------------------
# Nothing fetched


@lru_cache(maxsize=1)
def _url_fetcher_class():
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class AssetsOnlyFetcher(URLFetcher):
        """Serves files under the allowed directories; refuses and records everything else.

        Refusing with an ordinary exception lets WeasyPrint carry on, so one run reports
        every refused URL; render_pdf then fails with all of them in its message.
        """

        def __init__(self, roots):
            super().__init__(allowed_protocols=("file",), allow_redirects=False)
            self.roots = [Path(root).resolve() for root in roots]
            self.refused: list[str] = []

        def fetch(self, url, headers=None):
            parts = urlsplit(url)
            if parts.scheme.lower() == "file" and parts.netloc in ("", "localhost"):
                path = Path(url2pathname(unquote(parts.path))).resolve()
                inside = any(root == path or root in path.parents for root in self.roots)
                if inside and path.is_file():
                    kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
                    return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": kind})
            if url not in self.refused:
                self.refused.append(url)
            raise PermissionError(f"tei-edition refuses to fetch {url}")

    return AssetsOnlyFetcher


def _AssetsOnlyFetcher(roots):  # noqa: N802 - used like a class
    return _url_fetcher_class()(roots)


# ---------------------------------------------------------------------------------------
# Inter-character justification for CJK text (WeasyPrint 70.0)

_CJK_PATCHED = False


def _install_cjk_justification() -> None:
    """Make `text-align: justify` spread Chinese/Japanese lines between characters.

    WeasyPrint's justify_line gives all extra width to spaces; a Chinese line has none,
    so it stays ragged. For boxes whose language is zh or ja we follow CSS Text 3
    `text-justify: inter-character`: the extra width is shared by every gap between two
    typographic units on the line (across inline boxes too). Inside a text box the gaps
    become Pango letter-spacing (Pango trims the half-spacing at a layout's two ends,
    which is exactly the gap count n-1); the gap after a box becomes an x offset.
    """
    global _CJK_PATCHED
    if _CJK_PATCHED:
        return
    _weasyprint()
    from weasyprint.formatting_structure import boxes
    from weasyprint.layout import inline
    from weasyprint.text import line_break
    from weasyprint.text.ffi import TO_UNITS, ffi, pango

    # The names we replace or call must still be what 70.0 has.
    for module, name in ((inline, "justify_line"), (inline, "text_align"),
                         (line_break, "create_layout"), (line_break.Layout, "set_text"),
                         (line_break.Layout, "deactivate")):
        if not callable(getattr(module, name, None)):
            raise RenderError(f"WeasyPrint internals changed: {name} is missing; the CJK "
                              f"justification in tei_edition/pdf.py needs porting")

    original_justify = inline.justify_line
    original_set_text = line_break.Layout.set_text

    def inter_character(style) -> bool:
        return (style["lang"] or "").lower().split("-")[0] in ("zh", "ja")

    def units(text: str) -> int:
        # Marks and format characters (ZWSP, soft hyphen) join their neighbour.
        return sum(1 for char in text if unicodedata.category(char) not in ("Mn", "Me", "Cf"))

    def leaves(box, out):
        if isinstance(box, boxes.TextBox):
            out.append(box)
        elif isinstance(box, (boxes.LineBox, boxes.InlineBox)):
            children = box.children[::-1] if box.style["direction"] == "rtl" else box.children
            for child in children:
                if child.is_in_normal_flow():
                    leaves(child, out)
        else:
            out.append(box)  # an atomic inline (image, inline-block) is one unit
        return out

    def justify_line(context, line, extra_width):
        if not inter_character(line.style):
            return original_justify(context, line, extra_width)
        items = leaves(line, [])
        counts = []
        for index, box in enumerate(items):
            if isinstance(box, boxes.TextBox):
                text = box.text.rstrip(" ") if index == len(items) - 1 else box.text
                counts.append(units(text))
            else:
                counts.append(1)
        gaps = sum(counts) - 1
        if gaps <= 0:
            return None
        spacing = extra_width / gaps
        last = max(i for i, n in enumerate(counts) if n) if any(counts) else -1
        position = iter(range(len(items)))

        def shift(box, x_advance):
            if isinstance(box, (boxes.LineBox, boxes.InlineBox)):
                box.position_x += x_advance
                before = x_advance
                children = box.children[::-1] if box.style["direction"] == "rtl" else box.children
                for child in children:
                    if child.is_in_normal_flow():
                        x_advance = shift(child, x_advance)
                box.width += x_advance - before
                return x_advance
            index = next(position)
            count = counts[index]
            if isinstance(box, boxes.TextBox):
                box.position_x += x_advance
                if count > 1:
                    layout = line_break.create_layout(
                        box.text, box.style, context, None, box.justification_spacing)
                    layout.cjk_spacing = spacing
                    layout.set_text(layout.text)
                    layout.deactivate()
                    box.pango_layout = layout
                    box.width += spacing * (count - 1)
                    x_advance += spacing * (count - 1)
            else:
                box.translate(x_advance, 0)
            if count and index < last:
                x_advance += spacing
            return x_advance

        shift(line, 0)
        return None

    def set_text(self, text, justify=False):
        original_set_text(self, text, justify)
        spacing = getattr(self, "cjk_spacing", 0)
        if not spacing or not self.text:
            return
        letter = self.style["letter_spacing"]
        letter = 0 if letter == "normal" else letter
        data = self.text.encode()
        attributes = pango.pango_layout_get_attributes(self.layout)
        if attributes == ffi.NULL:
            attributes = ffi.gc(pango.pango_attr_list_new(), pango.pango_attr_list_unref)
        attribute = pango.pango_attr_letter_spacing_new(int((letter + spacing) * TO_UNITS))
        attribute.start_index, attribute.end_index = 0, len(data)
        pango.pango_attr_list_change(attributes, attribute)
        pango.pango_layout_set_attributes(self.layout, attributes)

    inline.justify_line = justify_line
    line_break.Layout.set_text = set_text
    _CJK_PATCHED = True


def _install_cjk_actual_text() -> None:
    """Give each drawn run of Chinese/Japanese text its characters as /ActualText.

    Inter-character justification widens the gaps between glyphs, and text extractors
    (pdftotext, a viewer's copy and search) read a wide gap as a space: "统 筹 ， 切 实".
    A marked-content span with /ActualText states the run's exact characters, so the
    text layer of an archival PDF says what the page says.
    """
    import pydyf
    from weasyprint import draw

    original = getattr(draw, "draw_text", None)
    if not callable(original):
        raise RenderError("WeasyPrint internals changed: draw.draw_text is missing; the CJK "
                          "text layer in tei_edition/pdf.py needs porting")
    if getattr(original, "tei_edition_actual_text", False):
        return

    def draw_text(stream, textbox, *args, **kwargs):
        lang = (textbox.style["lang"] or "").lower().split("-")[0]
        if lang not in ("zh", "ja") or not textbox.text.strip():
            return original(stream, textbox, *args, **kwargs)
        stream.begin_marked_content(
            "Span", pydyf.Dictionary({"ActualText": pydyf.String(textbox.text)}))
        try:
            return original(stream, textbox, *args, **kwargs)
        finally:
            stream.end_marked_content()

    draw_text.tei_edition_actual_text = True
    draw.draw_text = draw_text


# ---------------------------------------------------------------------------------------
# Metadata from the TEI header


@dataclass
class _Meta:
    title: str
    paper: str
    date: str | None
    lang: str
    publisher: str
    place: str
    creators: list[str]
    licence: str
    description: str
    keywords: list[str]
    modified: datetime
    articles: list[str]


def _text(node) -> str:
    return " ".join("".join(node.itertext()).split()) if node is not None else ""


def _first(tree, path):
    found = tree.xpath(path, namespaces=_NS)
    return found[0] if found else None


def _header_meta(tree) -> _Meta:
    root = tree.getroot()
    monogr = _first(tree, "/tei:TEI/tei:teiHeader/tei:fileDesc/tei:sourceDesc/"
                          "tei:biblStruct[@type='newspaper']/tei:monogr")
    paper = _text(_first(monogr, "tei:title[@level='j']")) if monogr is not None else ""
    date = monogr.xpath("string(tei:imprint/tei:date/@when)", namespaces=_NS) if monogr is not None else ""
    title = _text(_first(tree, "/tei:TEI/tei:teiHeader/tei:fileDesc/tei:titleStmt/tei:title")) or paper
    lang = (root.get(f"{{{XML_NS}}}lang")
            or tree.xpath("string(//tei:langUsage/tei:language[1]/@ident)", namespaces=_NS)
            or "zh-Hans")
    publisher = _text(_first(monogr, "tei:imprint/tei:publisher")) if monogr is not None else ""
    place = _text(_first(monogr, "tei:imprint/tei:pubPlace")) if monogr is not None else ""
    creators = []
    for name in tree.xpath("//tei:sourceDesc/tei:listBibl/tei:biblStruct/tei:analytic/tei:author",
                           namespaces=_NS):
        value = _text(name)
        if value and value not in creators:
            creators.append(value)
    licence = _text(_first(tree, "//tei:publicationStmt/tei:availability/tei:licence"))
    scope = {unit: _text(_first(monogr, f"tei:biblScope[@unit='{unit}']"))
             for unit in ("issue", "page")} if monogr is not None else {}
    bits = [paper, date or "日期不详"]
    if scope.get("issue"):
        bits.append(f"第{scope['issue']}期")
    if scope.get("page"):
        bits.append(f"第{scope['page']}版")
    description = "，".join(b for b in bits if b)
    articles = []
    for div in tree.xpath("//tei:body//tei:div[@type='article'][not(@copyOf)]", namespaces=_NS):
        heads = div.xpath("tei:head[@type='main'] | tei:head | tei:trailer", namespaces=_NS)
        main = [h for h in heads if h.get("type") == "main"]
        articles.append(_text((main or heads)[0]) if heads else "")
    return _Meta(title=title, paper=paper, date=date or None, lang=lang, publisher=publisher,
                 place=place, creators=creators, licence=licence, description=description,
                 keywords=[k for k in (paper, place, date) if k], modified=_modified(tree),
                 articles=articles)


def _modified(tree) -> datetime:
    """A reproducible timestamp: SOURCE_DATE_EPOCH, else the TEI's latest change, else now."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), timezone.utc)
    whens = [w for w in tree.xpath("//tei:revisionDesc/tei:change/@when", namespaces=_NS)
             if re.fullmatch(r"\d{4}-\d{2}-\d{2}", w)]
    if whens:
        return datetime.strptime(max(whens), "%Y-%m-%d").replace(tzinfo=timezone.utc)
    return datetime.now(timezone.utc).replace(microsecond=0)


def _xmp(meta: _Meta) -> bytes:
    """The XMP packet for the archive profile: PDF/A-3b, PDF/UA-1 and Dublin Core."""
    ns = {
        "x": "adobe:ns:meta/", "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
        "dc": "http://purl.org/dc/elements/1.1/", "xmp": "http://ns.adobe.com/xap/1.0/",
        "pdf": "http://ns.adobe.com/pdf/1.3/", "pdfaid": "http://www.aiim.org/pdfa/ns/id/",
        "pdfuaid": "http://www.aiim.org/pdfua/ns/id/",
        "pdfaExtension": "http://www.aiim.org/pdfa/ns/extension/",
        "pdfaSchema": "http://www.aiim.org/pdfa/ns/schema#",
        "pdfaProperty": "http://www.aiim.org/pdfa/ns/property#",
    }
    rdf = ns["rdf"]

    def q(prefix, name):
        return f"{{{ns[prefix]}}}{name}"

    xmpmeta = etree.Element(q("x", "xmpmeta"), nsmap={"x": ns["x"]})
    root = etree.SubElement(xmpmeta, q("rdf", "RDF"), nsmap={"rdf": rdf})

    def description(*prefixes):
        return etree.SubElement(root, q("rdf", "Description"), {q("rdf", "about"): ""},
                                nsmap={p: ns[p] for p in prefixes})

    def container(parent, prop, kind, values, lang=False):
        element = etree.SubElement(parent, prop)
        box = etree.SubElement(element, q("rdf", kind))
        for value in values:
            item = etree.SubElement(box, q("rdf", "li"))
            if lang:
                item.set(f"{{{XML_NS}}}lang", "x-default")
            item.text = value

    stamp = meta.modified.strftime("%Y-%m-%dT%H:%M:%SZ")
    ids = description("pdfaid", "pdfuaid")
    etree.SubElement(ids, q("pdfaid", "part")).text = "3"
    etree.SubElement(ids, q("pdfaid", "conformance")).text = "B"
    etree.SubElement(ids, q("pdfuaid", "part")).text = "1"

    dc = description("dc")
    container(dc, q("dc", "title"), "Alt", [meta.title], lang=True)
    if meta.creators:
        # One entry equal to the info dictionary's /Author: validators (veraPDF's
        # Author == dc:creator rule) compare the two and want a single entry.
        container(dc, q("dc", "creator"), "Seq", [", ".join(meta.creators)])
    container(dc, q("dc", "description"), "Alt", [meta.description], lang=True)
    container(dc, q("dc", "language"), "Bag", [meta.lang])
    if meta.publisher:
        container(dc, q("dc", "publisher"), "Bag", [meta.publisher])
    if meta.date:
        container(dc, q("dc", "date"), "Seq", [meta.date])
    if meta.licence:
        container(dc, q("dc", "rights"), "Alt", [meta.licence], lang=True)
    etree.SubElement(dc, q("dc", "format")).text = "application/pdf"

    tool = description("xmp", "pdf")
    etree.SubElement(tool, q("xmp", "CreatorTool")).text = _creator_tool()
    etree.SubElement(tool, q("xmp", "CreateDate")).text = stamp
    etree.SubElement(tool, q("xmp", "ModifyDate")).text = stamp
    etree.SubElement(tool, q("xmp", "MetadataDate")).text = stamp
    etree.SubElement(tool, q("pdf", "Producer")).text = _producer()
    etree.SubElement(tool, q("pdf", "Keywords")).text = ", ".join(meta.keywords)

    # PDF/A allows only predefined XMP schemas unless the others are declared: pdfuaid
    # is not predefined in PDF/A-3, so it gets an extension schema description.
    ext = description("pdfaExtension", "pdfaSchema", "pdfaProperty")
    schemas = etree.SubElement(ext, q("pdfaExtension", "schemas"))
    bag = etree.SubElement(schemas, q("rdf", "Bag"))
    schema = etree.SubElement(bag, q("rdf", "li"), {q("rdf", "parseType"): "Resource"})
    etree.SubElement(schema, q("pdfaSchema", "schema")).text = "PDF/UA Universal Accessibility Schema"
    etree.SubElement(schema, q("pdfaSchema", "namespaceURI")).text = ns["pdfuaid"]
    etree.SubElement(schema, q("pdfaSchema", "prefix")).text = "pdfuaid"
    props = etree.SubElement(etree.SubElement(schema, q("pdfaSchema", "property")), q("rdf", "Seq"))
    prop = etree.SubElement(props, q("rdf", "li"), {q("rdf", "parseType"): "Resource"})
    for name, value in (("name", "part"), ("valueType", "Integer"), ("category", "internal"),
                        ("description", "Indicates, which part of ISO 14289 standard is followed")):
        etree.SubElement(prop, q("pdfaProperty", name)).text = value

    body = etree.tostring(xmpmeta, encoding="utf-8")
    return (b'<?xpacket begin="\xef\xbb\xbf" id="W5M0MpCehiHzreSzNTczkc9d"?>\n' + body
            + b'\n<?xpacket end="r"?>')


def _creator_tool() -> str:
    return f"tei-edition {__version__}"


def _producer() -> str:
    return f"WeasyPrint {WEASYPRINT_VERSION}"


def _pdf_date(moment: datetime) -> str:
    return moment.strftime("D:%Y%m%d%H%M%SZ")


# ---------------------------------------------------------------------------------------
# Rendering


def render_pdf(tei_path, out_path, *, profile: str = "archive", page_size: str | None = None,
               allow_dirs=()) -> PdfReport:
    """Render one TEI page as PDF in PROFILE; write OUT_PATH atomically.

    page_size: A3 (default for archive and print) or A4 (default for screen), any CSS
    page size keyword with optional 'landscape', or two lengths. allow_dirs: extra
    directories whose files (page images) WeasyPrint may read besides the print assets;
    relative graphic URLs resolve against the TEI file's directory. Any other URL
    (network, data:, files elsewhere) is refused, and the render fails naming them all.
    Raises InputError for unreadable TEI and RenderError for everything else.
    """
    if profile not in PROFILES:
        raise InputError(f"unknown PDF profile {profile!r}: use one of {', '.join(PROFILES)}")
    size_css, width_mm, _height = _parse_page_size(page_size or ("A4" if profile == "screen" else "A3"))
    tei_path, out_path = Path(tei_path), Path(out_path)
    weasyprint, font_config = _environment()

    source = _read(tei_path)
    tree = parse_untrusted(source, name=str(tei_path))
    if tree.getroot().tag not in (f"{{{TEI_NS}}}TEI", f"{{{TEI_NS}}}teiCorpus"):
        raise InputError("not a TEI document (the root element is not TEI in the TEI namespace)",
                         tei_path)
    meta = _header_meta(tree)
    html = _print_html(tree, profile)

    fetcher = _AssetsOnlyFetcher([assets_dir(), *allow_dirs])
    stylesheets = [_stylesheet(("file", "print.css")),
                   _stylesheet(("page", _page_css(profile, size_css, width_mm)))]
    options = {}
    if profile == "archive":
        options.update(pdf_variant="pdf/a-3b", pdf_tags=True)
    elif profile == "screen":
        options.update(pdf_tags=True)

    warnings: list[str] = []
    handler = _Collect(warnings)
    _LOG.addHandler(handler)
    try:
        started = time.perf_counter()
        # Relative URLs in the TEI (page images) resolve beside the TEI file; they are
        # read only if the caller allows that directory (allow_dirs).
        document = weasyprint.HTML(string=html, base_url=tei_path.resolve().parent.as_uri() + "/",
                                   url_fetcher=fetcher).render(
            font_config=font_config, stylesheets=stylesheets, **options)
        layout_seconds = time.perf_counter() - started
        if fetcher.refused:
            raise RenderError(_refused_message(fetcher.refused, tei_path))
        started = time.perf_counter()
        attachments = []
        if profile == "archive":
            attachments.append(weasyprint.Attachment(
                string=source, name=tei_path.name, relationship="Source",
                description="TEI P5 source of this PDF (the edition's master)",
                created=meta.modified.replace(tzinfo=None),
                modified=meta.modified.replace(tzinfo=None)))
        data = document.write_pdf(
            attachments=attachments, finisher=_finisher(meta, profile),
            pdf_identifier=_identifier(source, profile), **options)
        _check_fonts_used(document, tei_path)
        if profile == "print":
            data = _add_crop_marks(data)
        write_seconds = time.perf_counter() - started
    except RecursionError:
        raise RenderError("the document nests too deeply to lay out", tei_path) from None
    except (RenderError, InputError):
        raise
    except Exception as exc:  # WeasyPrint, pydyf or pikepdf failed: one line, not a traceback
        raise RenderError(f"the PDF renderer failed: {type(exc).__name__}: {exc}", tei_path) from exc
    finally:
        _LOG.removeHandler(handler)

    try:
        write_atomic(out_path, data)
    except OSError as exc:
        raise RenderError(f"cannot write the PDF: {exc.strerror or exc}", out_path) from None
    name, _, orientation = size_css.partition(" ")
    shown = f"{name.upper()} {orientation}".strip() if name in _PAGE_SIZES_MM else size_css
    return PdfReport(path=out_path, profile=profile, page_size=shown, pages=len(document.pages),
                     articles=len(meta.articles), bytes=len(data),
                     layout_seconds=layout_seconds, write_seconds=write_seconds,
                     fonts=sorted({font.family for font in document.fonts.values()}),
                     warnings=warnings)


def _read(path: Path) -> bytes:
    if not path.exists():
        raise InputError("no such file", path)
    if path.is_dir():
        raise InputError("is a directory, not a TEI file", path)
    try:
        return path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", path) from None


def _print_html(tree, profile: str) -> str:
    from .transform import transform

    result = transform(tree, "print", profile=profile)
    return str(result)


class _Collect(logging.Handler):
    def __init__(self, sink):
        super().__init__(logging.WARNING)
        self.sink = sink

    def emit(self, record):
        self.sink.append(record.getMessage())


def _refused_message(urls, path) -> str:
    shown = ", ".join(urls[:5]) + (f" and {len(urls) - 5} more" if len(urls) > 5 else "")
    return (f"{path}: refused to fetch {shown}: the PDF renderer reads only the print "
            f"assets ({assets_dir()}), never the network or other files")


def _identifier(source: bytes, profile: str) -> bytes:
    import hashlib

    return hashlib.md5(source + profile.encode(), usedforsecurity=False).hexdigest().encode()


def _finisher(meta: _Meta, profile: str):
    """Adjust WeasyPrint's pydyf objects before the file is written."""
    import pydyf

    def finish(document, pdf):
        info = {"Title": meta.title, "Subject": meta.description,
                "Keywords": ", ".join(meta.keywords), "Creator": _creator_tool(),
                "Producer": _producer()}
        if meta.creators:
            info["Author"] = ", ".join(meta.creators)
        for key, value in info.items():
            pdf.info[key] = pydyf.String(value)
        stamp = pydyf.String(_pdf_date(meta.modified))
        pdf.info["CreationDate"] = stamp
        pdf.info["ModDate"] = stamp
        pdf.catalog["Lang"] = pydyf.String(meta.lang)
        # PDF/UA: viewers show the title, not the file name.
        pdf.catalog["ViewerPreferences"] = pydyf.Dictionary({"DisplayDocTitle": "true"})
        if profile == "archive":
            stream = pydyf.Stream([_xmp(meta)], {"Type": "/Metadata", "Subtype": "/XML"},
                                  compress=False)
            pdf.add_object(stream)
            pdf.catalog["Metadata"] = stream.reference

    return finish


def _check_fonts_used(document, path) -> None:
    """Every glyph must come from the two Noto CJK faces and none may be missing (tofu).

    Pango falls back to any installed face for a character the requested one lacks;
    when no face has it, WeasyPrint writes glyph 0 or 0xFFFF (Pango's unknown-glyph id
    masked to 16 bits, beyond Noto CJK's 65,535 glyphs): an empty box on paper.
    """
    strangers, tofu = {}, set()
    for font in document.fonts.values():
        used = getattr(font, "to_unicode", {})
        if font.family not in REQUIRED_FONTS:
            strangers.setdefault(font.family, set()).update("".join(used.values()))
        for glyph, text in used.items():
            if glyph in (0, 0xFFFF):
                tofu.update(text)

    def show(chars):
        chars = sorted(chars)
        listed = " ".join(f"U+{ord(c):04X}" for c in chars[:8])
        return listed + (f" and {len(chars) - 8} more" if len(chars) > 8 else "")

    if tofu:
        raise RenderError(f"no font has a glyph for {show(tofu)}: it would print as an empty "
                          f"box", path)
    if strangers:
        detail = "; ".join(f"{show(chars)} in {family}" for family, chars in sorted(strangers.items()))
        raise RenderError(f"characters missing from {' and '.join(REQUIRED_FONTS)} would be "
                          f"printed in another face ({detail})", path)


def _add_crop_marks(data: bytes) -> bytes:
    """Grow each page's media box and draw crop marks outside the bleed box."""
    import pikepdf

    with pikepdf.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            x0, y0, x1, y1 = (float(v) for v in page.obj.TrimBox)
            bleed = BLEED_MM * _MM
            offset, length = MARK_OFFSET_MM * _MM, MARK_LENGTH_MM * _MM
            reach = offset + length + MARK_MARGIN_MM * _MM
            page.obj.MediaBox = pikepdf.Array([x0 - reach, y0 - reach, x1 + reach, y1 + reach])
            page.obj.BleedBox = pikepdf.Array([x0 - bleed, y0 - bleed, x1 + bleed, y1 + bleed])
            page.obj.TrimBox = pikepdf.Array([x0, y0, x1, y1])
            if "/CropBox" in page.obj:
                del page.obj.CropBox
            lines = []
            for x in (x0, x1):
                for y, direction in ((y0, -1), (y1, 1)):
                    # vertical mark in line with the trim edge x, beyond the top/bottom edge
                    lines.append((x, y + direction * offset, x, y + direction * (offset + length)))
            for y in (y0, y1):
                for x, direction in ((x0, -1), (x1, 1)):
                    lines.append((x + direction * offset, y, x + direction * (offset + length), y))
            # Registration colour (all four inks) so the marks appear on every plate.
            ops = [f"q {MARK_LINE_PT} w 0 J 1 1 1 1 K"]
            ops += [f"{a:.3f} {b:.3f} m {c:.3f} {d:.3f} l S" for a, b, c, d in lines]
            ops.append("Q")
            page.contents_add(pikepdf.Stream(pdf, b"q\n"), prepend=True)
            page.contents_add(pikepdf.Stream(pdf, b"\nQ\n" + "\n".join(ops).encode() + b"\n"))
        out = io.BytesIO()
        pdf.save(out)
        return out.getvalue()
