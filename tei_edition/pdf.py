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

WeasyPrint 70.0 justifies by stretching spaces only, which leaves Chinese lines ragged,
and extractors read widened gaps as spaces. `cjk_typesetting()` replaces three WeasyPrint
functions (line justification, Pango text setup, text drawing) for the duration of our own
renders only, under a lock, and restores the originals on exit; with them, three more that
make the same PDF with less work (line breaks remembered across column-balancing passes,
font files read once per process). It is used only on the WeasyPrint version it was
written for (70.0) and only when the internals it relies on are there; otherwise
WeasyPrint's own justification is used and the report says so once.
tests/test_pdf_justify.py measures the glyph positions in the PDF to guard it,
tests/test_pdf_speed.py compares the bytes made with and without the speed-ups. The
upstream changes that would remove it: inter-character justification in WeasyPrint's
layout/inline.py (Kozea/WeasyPrint#2269), which would also let it emit /ActualText; a
line-break cache in its column balancing; a font file read once per FontConfiguration.
"""

from __future__ import annotations

import copy
import io
import inspect
import logging
import mimetypes
import os
import re
import threading
import time
import unicodedata
import zlib
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from lxml import etree

from . import __version__
from .clock import source_date_epoch
from .errors import InputError, RenderError, display_path
from .resources import xslt_dir
from .xmlio import TEI_NS, XML_NS, parse_untrusted, read_input, write_atomic

WEASYPRINT_VERSION = "70.0"  # the version cjk_typesetting() was written and tested for
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
    """What render_pdf made; str() is a one-line summary for the command line.

    inter_character says whether Chinese lines were justified between characters (our
    extension) or by WeasyPrint alone. notices are said once per process: the first
    report that meets one carries it, so a command that prints every report prints it once.
    """

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
    inter_character: bool = True
    notices: list[str] = field(default_factory=list)

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
        for notice in self.notices:
            text += f"; note: {notice}"
        return text


# ---------------------------------------------------------------------------------------
# Environment checks: done once per process, each failure one clear RenderError


@lru_cache(maxsize=1)
def _weasyprint():
    """Import WeasyPrint (any version: cjk_typesetting() decides what it can extend)."""
    try:
        import weasyprint
    except (ImportError, OSError) as exc:  # OSError: Pango missing
        raise RenderError(f"WeasyPrint cannot be loaded ({exc}); run scripts/setup.sh") from None
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
    """Everything made once per process: the checks and the font configuration."""
    weasyprint = _weasyprint()
    check_harfbuzz_subset()
    check_fonts()
    from weasyprint.text.fonts import FontConfiguration

    _FONT_FILES.clear()  # font keys are only valid in the font map they come from
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
# Chinese typesetting: inter-character justification and /ActualText (WeasyPrint 70.0)


@dataclass(frozen=True)
class TypesettingSupport:
    """Whether cjk_typesetting() can extend the installed WeasyPrint; if not, why not."""

    enabled: bool
    notice: str | None = None


@lru_cache(maxsize=1)
def typesetting_support() -> TypesettingSupport:
    """Check once per process: the WeasyPrint version, then every internal we rely on."""
    version = _weasyprint().__version__
    fallback = ("Chinese lines are justified by WeasyPrint's own rules (at spaces only, so "
                "most stay ragged)")
    if version != WEASYPRINT_VERSION:
        return TypesettingSupport(False, (
            f"WeasyPrint {version} is installed, but tei-edition's inter-character "
            f"justification is written for WeasyPrint {WEASYPRINT_VERSION}: {fallback}"))
    missing = _missing_internals()
    if missing:
        return TypesettingSupport(False, (
            f"WeasyPrint {version} lacks what tei-edition's inter-character justification "
            f"relies on ({', '.join(missing)}): {fallback}"))
    return TypesettingSupport(True)


def _missing_internals() -> list[str]:
    """The WeasyPrint internals cjk_typesetting() replaces or calls that are not as expected.

    Checked by feature, not by version: the functions exist and take the arguments we pass,
    and Pango offers the attribute calls we make.
    """
    import pydyf
    from weasyprint import draw
    from weasyprint.formatting_structure import boxes
    from weasyprint.layout import inline
    from weasyprint.pdf import fonts as pdf_fonts
    from weasyprint.text import ffi as text_ffi
    from weasyprint.text import fonts as text_fonts
    from weasyprint.text import line_break

    missing = []
    callables = ((inline, "weasyprint.layout.inline", "justify_line",
                  ("context", "line", "extra_width")),
                 (inline, "weasyprint.layout.inline", "split_first_line",
                  ("text", "style", "context", "max_width", "justification_spacing",
                   "is_line_start", "minimum")),
                 (line_break.Layout, "weasyprint.text.line_break.Layout", "set_text",
                  ("self", "text", "justify")),
                 (line_break.Layout, "weasyprint.text.line_break.Layout", "reactivate",
                  ("self", "style")),
                 (draw, "weasyprint.draw", "draw_text", ("stream", "textbox")),
                 (pdf_fonts, "weasyprint.pdf.fonts", "get_pango_font_hb_face", ("pango_font",)),
                 (pdf_fonts, "weasyprint.pdf.fonts", "get_hb_object_data",
                  ("hb_object", "ot_color", "glyph")),
                 (text_fonts, "weasyprint.text.fonts", "get_pango_font_key", ("pango_font",)))
    for owner, where, name, parameters in callables:
        try:
            found = tuple(inspect.signature(getattr(owner, name)).parameters)[:len(parameters)]
        except (AttributeError, TypeError, ValueError):
            found = ()
        if found != parameters:
            missing.append(f"{where}.{name}({', '.join(parameters)})")
    attributes = ((boxes, "weasyprint.formatting_structure.boxes",
                   ("TextBox", "LineBox", "InlineBox")),
                  (text_ffi, "weasyprint.text.ffi", ("TO_UNITS", "ffi", "pango")),
                  (getattr(text_ffi, "pango", None), "Pango",
                   ("pango_attr_letter_spacing_new", "pango_attr_list_new", "pango_attr_list_unref",
                    "pango_attr_list_change", "pango_layout_get_attributes",
                    "pango_layout_set_attributes", "pango_font_description_get_family",
                    "pango_font_description_get_weight", "pango_font_description_get_style")),
                  (pydyf.Stream, "pydyf.Stream", ("begin_marked_content", "end_marked_content")))
    for owner, where, names in attributes:
        missing += [f"{where}.{name}" for name in names if not hasattr(owner, name)]
    return missing


@dataclass
class _Installation:
    """What cjk_typesetting() replaced while it is installed (only touched under the lock)."""

    depth: int = 0
    thread: int | None = None
    originals: list = field(default_factory=list)  # (owner, name, original, was it its own)


_TYPESETTING_LOCK = threading.RLock()
_INSTALLED = _Installation()


@contextmanager
def cjk_typesetting():
    """Inter-character justification and /ActualText for the WeasyPrint calls inside
    (and the speed-ups: see _remembered_split_first_line, _shared_font_file).

    Yields True when installed, False when the installed WeasyPrint cannot take them
    (typesetting_support() says why). Holds a process-wide re-entrant lock throughout
    and puts WeasyPrint's own functions back on exit, exceptions included. Only the
    thread inside gets the replacements: another thread that uses WeasyPrint meanwhile
    gets WeasyPrint's own behaviour. Both layout (render) and drawing (write_pdf) must
    happen inside: the drawing re-creates each text's Pango layout.
    """
    support = typesetting_support()
    with _TYPESETTING_LOCK:
        if not support.enabled:
            yield False
            return
        if _INSTALLED.depth == 0:
            _install()
        _INSTALLED.depth += 1
        try:
            yield True
        finally:
            _INSTALLED.depth -= 1
            if _INSTALLED.depth == 0:
                _restore()


def _install() -> None:
    from weasyprint import draw
    from weasyprint.layout import inline
    from weasyprint.pdf import fonts as pdf_fonts
    from weasyprint.text import line_break

    _INSTALLED.thread = threading.get_ident()
    try:
        for owner, name, replacement in (
                # Chinese typesetting
                (inline, "justify_line", _inter_character_justify_line),
                (line_break.Layout, "set_text", _letter_spaced_set_text),
                (draw, "draw_text", _actual_text_draw_text),
                # speed: the same output, less work (tests compare the bytes)
                (inline, "split_first_line", _remembered_split_first_line),
                (pdf_fonts, "get_pango_font_hb_face", _noted_pango_face),
                (pdf_fonts, "get_hb_object_data", _shared_font_file)):
            original = getattr(owner, name)
            _INSTALLED.originals.append((owner, name, original, name in vars(owner)))
            setattr(owner, name, replacement(original))
    except BaseException:
        _restore()
        raise


def _restore() -> None:
    while _INSTALLED.originals:
        owner, name, original, own = _INSTALLED.originals.pop()
        if own:
            setattr(owner, name, original)
        else:  # it was inherited: remove ours so the inherited one shows again
            delattr(owner, name)
    _INSTALLED.thread = None
    _LINES.clear()
    _PANGO_FACE[:] = [None, None]


def _ours() -> bool:
    """Whether the running WeasyPrint call is inside cjk_typesetting() (same thread)."""
    return _INSTALLED.thread == threading.get_ident()


def _inter_character(style) -> bool:
    return (style["lang"] or "").lower().split("-")[0] in ("zh", "ja")


@lru_cache(maxsize=None)
def _expands(char: str) -> int:
    """1 when justification may widen the gaps beside CHAR, 0 when it may not.

    W3C clreq: a Chinese line is justified between ideographs (and kana, CJK punctuation,
    full-width forms) and at their boundary with Western text, never inside a Latin word
    or a number, whose letters and digits keep their natural advances (PM2.5, 12.3%).
    Spaces expand. Ambiguous-width punctuation (“ ” … — ·) is set full width in Chinese
    text and expands; ambiguous-width letters and digits (Greek, Cyrillic) do not.
    """
    category = unicodedata.category(char)
    if category == "Zs":
        return 1
    if category in ("Cf", "Cc"):  # ZWSP, soft hyphen: they take no room of their own
        return 0
    width = unicodedata.east_asian_width(char)
    if width in ("W", "F", "H"):
        return 1
    if width == "A":
        return 0 if category in ("Lu", "Ll", "Lt", "Lm", "Lo", "Nd") or char in "°‰′″" else 1
    return 0


def _joins_previous(char: str) -> bool:
    # Combining marks and variation selectors belong to the grapheme before them, as in
    # Pango, which letter-spaces whole graphemes.
    return unicodedata.category(char) in ("Mn", "Me", "Mc") or char == "\u200d"


@dataclass(frozen=True)
class _TextPlan:
    """How a text box's text takes part in inter-character justification."""

    first: int  # weight of its first unit, 0 or 1 (_expands); -1 when it has no unit
    last: int  # weight of its last unit
    inner: float  # sum over its inner gaps of the mean weight of the two units
    ranges: tuple[tuple[int, int], ...]  # UTF-8 byte ranges of consecutive expanding units


@lru_cache(maxsize=16384)
def _text_plan(text: str) -> _TextPlan:
    """Cached by text: column balancing lays the same lines out several times."""
    units: list[tuple[int, int, int]] = []  # (start byte, end byte, weight): Pango's addressing
    position = 0
    for char in text:
        code = ord(char)
        size = 1 if code < 0x80 else 2 if code < 0x800 else 3 if code < 0x10000 else 4
        if units and _joins_previous(char):
            start, _end, weight = units[-1]
            units[-1] = (start, position + size, weight)
        else:
            units.append((position, position + size, _expands(char)))
        position += size
    if not units:
        return _TextPlan(-1, -1, 0.0, ())
    ranges: list[tuple[int, int]] = []
    for start, end, weight in units:
        if weight:
            if ranges and ranges[-1][1] == start:
                ranges[-1] = (ranges[-1][0], end)
            else:
                ranges.append((start, end))
    inner = sum(a[2] + b[2] for a, b in zip(units, units[1:])) / 2
    return _TextPlan(units[0][2], units[-1][2], inner, tuple(ranges))


_ATOMIC = _TextPlan(1, 1, 0.0, ())  # an atomic inline (image, inline-block) is one unit


def _leaves(box, out, boxes):
    """The text boxes and atomic inlines of a line, in visual order."""
    if isinstance(box, boxes.TextBox):
        out.append(box)
    elif isinstance(box, (boxes.LineBox, boxes.InlineBox)):
        children = box.children[::-1] if box.style["direction"] == "rtl" else box.children
        for child in children:
            if child.is_in_normal_flow():
                _leaves(child, out, boxes)
    else:
        out.append(box)  # an atomic inline (image, inline-block) is one unit
    return out


def _clone(layout):
    """A shallow copy of a WeasyPrint Layout object: copy.copy without its generic (and,
    thousands of times per page, slow) machinery."""
    clone = object.__new__(type(layout))
    clone.__dict__.update(layout.__dict__)
    return clone


def _inter_character_justify_line(original):
    """WeasyPrint's justify_line gives all extra width to spaces; a Chinese line has none.

    For lines in zh or ja this follows CSS Text 3 `text-justify: inter-character`: the
    extra width is shared by the gaps between typographic units across the whole line
    (across inline boxes too). Every unit has a weight, 1 if it expands and 0 if not
    (_expands); a gap gets the spacing times the mean weight of its two units: a full
    share between ideographs, half at a CJK/Latin boundary, none inside a Latin word.

    Inside a text box a unit's weight becomes Pango letter-spacing on its byte range.
    Pango adds half a unit's letter-spacing on each side of it and trims the halves at a
    layout's two ends, which gives each inner gap exactly its share; the gap between two
    boxes becomes an x offset. The box keeps its Pango layout: only a (shallow) copy of
    its Layout object learns the spacing, and WeasyPrint applies it when it re-creates
    the layout for drawing (_letter_spaced_set_text).
    """
    from weasyprint.formatting_structure import boxes

    def justify_line(context, line, extra_width):
        if not _ours() or not _inter_character(line.style):
            return original(context, line, extra_width)
        items = _leaves(line, [], boxes)
        plans = []
        for index, box in enumerate(items):
            if isinstance(box, boxes.TextBox):
                plans.append(_text_plan(box.text.rstrip(" ") if index == len(items) - 1
                                        else box.text))
            else:
                plans.append(_ATOMIC)
        # the gap between an item's last unit and the next item's first, in weights
        after = [0.0] * len(items)
        previous = None
        for index, plan in enumerate(plans):
            if plan.first >= 0:
                if previous is not None:
                    after[previous] = (plans[previous].last + plan.first) / 2
                previous = index
        total = sum(plan.inner for plan in plans) + sum(after)
        if total <= 0:
            return None
        spacing = extra_width / total
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
            if isinstance(box, boxes.TextBox):
                box.position_x += x_advance
                plan = plans[index]
                if plan.inner:
                    layout = _clone(box.pango_layout)  # the object may be shared by copies
                    layout.cjk_letter_spacing = (box.text, spacing, plan.ranges)
                    box.pango_layout = layout
                    box.width += plan.inner * spacing
                    x_advance += plan.inner * spacing
            else:
                box.translate(x_advance, 0)
            return x_advance + after[index] * spacing

        shift(line, 0)
        return None

    return justify_line


def _letter_spaced_set_text(original):
    """Layout.set_text, then the inter-character letter-spacing justify_line planned."""
    from weasyprint.text.ffi import TO_UNITS, ffi, pango

    def set_text(self, text, justify=False):
        original(self, text, justify)
        planned = getattr(self, "cjk_letter_spacing", None)
        if not planned or not _ours():
            return
        planned_text, spacing, ranges = planned
        if self.text != planned_text:  # re-set to other text (an ellipsis): not ours to space
            return
        letter = self.style["letter_spacing"]
        letter = 0 if letter == "normal" else letter
        attributes = pango.pango_layout_get_attributes(self.layout)
        if attributes == ffi.NULL:
            attributes = ffi.gc(pango.pango_attr_list_new(), pango.pango_attr_list_unref)
        value = int((letter + spacing) * TO_UNITS)
        for start, end in ranges:
            attribute = pango.pango_attr_letter_spacing_new(value)
            attribute.start_index, attribute.end_index = start, end
            pango.pango_attr_list_change(attributes, attribute)
        pango.pango_layout_set_attributes(self.layout, attributes)

    return set_text


def _actual_text_draw_text(original):
    """Give each drawn run of Chinese/Japanese text its characters as /ActualText.

    Inter-character justification widens the gaps between glyphs, and text extractors
    (pdftotext, a viewer's copy and search) read a wide gap as a space: "统 筹 ， 切 实".
    A marked-content span with /ActualText states the run's exact characters, so the
    text layer of an archival PDF says what the page says.
    """
    import pydyf

    def draw_text(stream, textbox, *args, **kwargs):
        if not _ours() or not _inter_character(textbox.style) or not textbox.text.strip():
            return original(stream, textbox, *args, **kwargs)
        stream.begin_marked_content(
            "Span", pydyf.Dictionary({"ActualText": pydyf.String(textbox.text)}))
        try:
            return original(stream, textbox, *args, **kwargs)
        finally:
            stream.end_marked_content()

    return draw_text


# ---------------------------------------------------------------------------------------
# Speed: WeasyPrint's answers remembered where it would compute the same thing again

_LINES: dict = {}  # split_first_line answers of the render in progress
_PANGO_FACE: list = [None, None]  # the HarfBuzz face last given for a Pango font, its font key
_FONT_FILES: dict = {}  # font key -> the font file's bytes, for this font configuration


def _remembered_split_first_line(original):
    """Column balancing (column-fill: balance) lays an article out several times at one
    column width while it searches for the column height, and every pass breaks the same
    lines: most calls are repeats. During one render, remember WeasyPrint's answer per
    (text, style, width, ...); every caller still gets a Layout object of its own (a
    shallow copy; it holds no Pango object between layout and drawing).

    The passes compute the same column width with different rounding (188.22047268 and
    188.22047330 pt), so the width is compared as Pango sees it: in whole Pango units
    (1/1024 pt), to which it is truncated. That is exact: WeasyPrint compares the width
    only with line widths Pango measured, which are whole Pango units too, unless CSS
    letter-spacing is added to them or automatic hyphenation weighs a percentage of the
    width; for those the width is compared as given."""
    import math

    from weasyprint.text.ffi import TO_UNITS

    def split_first_line(text, style, context, max_width, justification_spacing,
                         is_line_start=True, minimum=False):
        if not _ours():
            return original(text, style, context, max_width, justification_spacing,
                            is_line_start, minimum)
        width = max_width
        if (max_width is not None and abs(max_width) < 2 ** 21
                and style["letter_spacing"] == "normal" and style["hyphens"] != "auto"):
            width = ("pango units", math.floor(max_width * TO_UNITS))
        key = (text, id(style), width, justification_spacing, is_line_start, minimum)
        known = _LINES.get(key)
        if known is None:  # the entry keeps the style alive, so no other style takes its id
            known = (style, original(text, style, context, max_width, justification_spacing,
                                     is_line_start, minimum))
            _LINES[key] = known
        layout, *metrics = known[1]
        return (_clone(layout), *metrics)

    return split_first_line


def _noted_pango_face(original):
    """Note which HarfBuzz face belongs to which font (WeasyPrint's Font reads the face's
    whole file right after: see _shared_font_file)."""
    from weasyprint.text.ffi import ffi, pango
    from weasyprint.text.fonts import get_pango_font_key

    def get_pango_font_hb_face(pango_font):
        face = original(pango_font)
        if _ours():
            _hash, description, _size = get_pango_font_key(pango_font)
            family = pango.pango_font_description_get_family(description)
            key = (_hash, ffi.string(family) if family != ffi.NULL else b"",
                   pango.pango_font_description_get_weight(description),
                   pango.pango_font_description_get_style(description))
            _PANGO_FACE[:] = [face, key]
        return face

    return get_pango_font_hb_face


def _shared_font_file(original):
    """WeasyPrint copies each font's whole file (19-27 MB for a Noto CJK collection) into
    a new bytes object for every document, and keeps it only to subset it. Copy it once
    per process and font instead: the same bytes, without ~90 MB of copying and page
    faults per page. Only a face just handed out for a Pango font is looked up, by the
    font's description (WeasyPrint's own key for a font), never by pointer: the subset
    faces WeasyPrint makes and frees go to WeasyPrint's function."""

    def get_hb_object_data(hb_object, ot_color=None, glyph=None):
        face, key = _PANGO_FACE
        if ot_color is not None or glyph is not None or hb_object is not face or not _ours():
            return original(hb_object, ot_color, glyph)
        _PANGO_FACE[:] = [None, None]
        if key not in _FONT_FILES:
            _FONT_FILES[key] = original(hb_object)
        return _FONT_FILES[key]

    return get_hb_object_data


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


def _header_meta(tree, path: Path, epoch: datetime | None) -> _Meta:
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
                 keywords=[k for k in (paper, place, date) if k], modified=_modified(tree, path, epoch),
                 articles=articles)


def _modified(tree, path: Path, epoch: datetime | None) -> datetime:
    """A reproducible timestamp: SOURCE_DATE_EPOCH, else the TEI's latest change, else now."""
    if epoch is not None:
        return epoch
    dates = []
    for when in tree.xpath("//tei:revisionDesc/tei:change/@when", namespaces=_NS):
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", when):
            try:
                dates.append(datetime.strptime(when, "%Y-%m-%d"))
            except ValueError:
                raise InputError(f"revisionDesc/change/@when {str(when)!r} is not a calendar "
                                 f"date", path, when.getparent().sourceline) from None
    if dates:
        return max(dates).replace(tzinfo=timezone.utc)
    return datetime.now(timezone.utc).replace(microsecond=0)


# The one source of the PDF's metadata is WeasyPrint's DocumentMetadata: WeasyPrint writes
# both the Info dictionary and the XMP packet from it, so the pairs PDF/A requires to
# agree (Title/dc:title, Author/dc:creator, Subject/dc:description, Keywords/pdf:Keywords,
# Producer/pdf:Producer, Creator/xmp:CreatorTool, CreationDate/xmp:CreateDate,
# ModDate/xmp:ModifyDate) cannot disagree. The XMP properties it has no field for
# (PDF/UA identification, dc:language, dc:publisher, ...) join its rdf:RDF element.

_XMP_NS = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "dc": "http://purl.org/dc/elements/1.1/", "xmp": "http://ns.adobe.com/xap/1.0/",
    "pdfuaid": "http://www.aiim.org/pdfua/ns/id/",
    "pdfaExtension": "http://www.aiim.org/pdfa/ns/extension/",
    "pdfaSchema": "http://www.aiim.org/pdfa/ns/schema#",
    "pdfaProperty": "http://www.aiim.org/pdfa/ns/property#",
}


def _document_metadata(meta: _Meta):
    """WeasyPrint's DocumentMetadata for the page (its lang gives the catalog's /Lang)."""
    stamp = meta.modified.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    return _edition_metadata_class()(
        title=meta.title,
        # One entry equal to /Author: validators (veraPDF's Author == dc:creator rule)
        # compare the two and want a single entry.
        authors=[", ".join(meta.creators)] if meta.creators else [],
        description=meta.description, keywords=meta.keywords, generator=_creator_tool(),
        created=stamp, modified=stamp, lang=meta.lang, extra_rdf=_xmp_extras(meta, stamp))


@lru_cache(maxsize=1)
def _edition_metadata_class():
    from weasyprint.pdf.metadata import DocumentMetadata

    class EditionMetadata(DocumentMetadata):
        """DocumentMetadata whose rdf:RDF also holds the descriptions in extra_rdf."""

        def __init__(self, *, extra_rdf, **fields):
            super().__init__(**fields)
            self.extra_rdf = extra_rdf
            self.rdf_written = False

        def generate_rdf_metadata(self, *args, **kwargs):
            from .xmlio import safe_parser

            rdf = etree.fromstring(super().generate_rdf_metadata(*args, **kwargs), safe_parser())
            rdf.extend(copy.deepcopy(self.extra_rdf))
            self.rdf_written = True
            return etree.tostring(rdf, encoding="utf-8")

    return EditionMetadata


def _xmp_extras(meta: _Meta, stamp: str) -> list:
    """rdf:Description elements for what has no Info counterpart: PDF/UA-1, Dublin Core."""
    ns = _XMP_NS

    def q(prefix, name):
        return f"{{{ns[prefix]}}}{name}"

    def description(*prefixes):
        return etree.Element(q("rdf", "Description"), {q("rdf", "about"): ""},
                             nsmap={"rdf": ns["rdf"], **{p: ns[p] for p in prefixes}})

    def container(parent, prop, kind, values, lang=False):
        element = etree.SubElement(parent, prop)
        box = etree.SubElement(element, q("rdf", kind))
        for value in values:
            item = etree.SubElement(box, q("rdf", "li"))
            if lang:
                item.set(f"{{{XML_NS}}}lang", "x-default")
            item.text = value

    ua = description("pdfuaid")
    etree.SubElement(ua, q("pdfuaid", "part")).text = "1"

    dc = description("dc")
    container(dc, q("dc", "language"), "Bag", [meta.lang])
    if meta.publisher:
        container(dc, q("dc", "publisher"), "Bag", [meta.publisher])
    if meta.date:
        container(dc, q("dc", "date"), "Seq", [meta.date])
    if meta.licence:
        container(dc, q("dc", "rights"), "Alt", [meta.licence], lang=True)
    etree.SubElement(dc, q("dc", "format")).text = "application/pdf"

    tool = description("xmp")
    etree.SubElement(tool, q("xmp", "MetadataDate")).text = stamp

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
    return [ua, dc, tool, ext]


def _creator_tool() -> str:
    return f"tei-edition {__version__}"


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
    Raises InputError for unreadable TEI, an output path that is the TEI itself or a bad
    SOURCE_DATE_EPOCH, and RenderError for everything else.
    """
    tei_path, out_path = Path(tei_path), Path(out_path)
    _refuse_to_overwrite_the_source(tei_path, out_path)
    if profile not in PROFILES:
        raise InputError(f"unknown PDF profile {profile!r}: use one of {', '.join(PROFILES)}")
    size_css, width_mm, _height = _parse_page_size(page_size or ("A4" if profile == "screen" else "A3"))
    epoch = source_date_epoch()
    weasyprint, font_config = _environment()

    source = read_input(tei_path, "TEI file")  # refuses a folder, a device, a huge file
    tree = parse_untrusted(source, name=str(tei_path))
    if tree.getroot().tag not in (f"{{{TEI_NS}}}TEI", f"{{{TEI_NS}}}teiCorpus"):
        raise InputError("not a TEI document (the root element is not TEI in the TEI namespace)",
                         tei_path)
    meta = _header_meta(tree, tei_path, epoch)
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
        # Layout and drawing both inside: drawing re-creates every text's Pango layout.
        with cjk_typesetting() as inter_character:
            started = time.perf_counter()
            # Relative URLs in the TEI (page images) resolve beside the TEI file; they are
            # read only if the caller allows that directory (allow_dirs).
            document = weasyprint.HTML(
                string=html, base_url=tei_path.resolve().parent.as_uri() + "/",
                url_fetcher=fetcher).render(font_config=font_config, stylesheets=stylesheets,
                                            **options)
            layout_seconds = time.perf_counter() - started
            if fetcher.refused:
                raise RenderError(_refused_message(fetcher.refused, tei_path))
            started = time.perf_counter()
            document.metadata = _document_metadata(meta)
            attachments = []
            if profile == "archive":
                attachments.append(weasyprint.Attachment(
                    string=source, name=display_path(tei_path.name), relationship="Source",
                    description="TEI P5 source of this PDF (the edition's master)",
                    created=meta.modified.replace(tzinfo=None),
                    modified=meta.modified.replace(tzinfo=None)))
            data = document.write_pdf(
                attachments=attachments, finisher=_finish,
                pdf_identifier=_identifier(source, profile), **options)
        if profile == "archive" and not document.metadata.rdf_written:
            raise RenderError(f"WeasyPrint {weasyprint.__version__} did not write its XMP "
                              f"through DocumentMetadata.generate_rdf_metadata, so the PDF/UA "
                              f"identification would be missing; tei_edition/pdf.py needs "
                              f"porting", tei_path)
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
                     warnings=warnings, inter_character=inter_character,
                     notices=_once([typesetting_support().notice]))


_NOTICES_SAID: set[str] = set()


def _once(notices) -> list[str]:
    """The notices not yet said in this process (and now said)."""
    fresh = [n for n in notices if n and n not in _NOTICES_SAID]
    _NOTICES_SAID.update(fresh)
    return fresh


def _refuse_to_overwrite_the_source(tei_path: Path, out_path: Path) -> None:
    """The TEI is the master: no output may replace it, by any name (./x, a symlink, a
    hard link). Checked before anything is read or written."""
    try:
        same = tei_path.resolve() == out_path.resolve() or (
            tei_path.exists() and out_path.exists() and os.path.samefile(tei_path, out_path))
    except (OSError, RuntimeError):  # RuntimeError: a symlink loop
        same = False
    if same:
        raise InputError(f"the output is the TEI source itself ({tei_path}); the PDF would "
                         f"replace the edition's master: choose another output path", out_path)


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


def _finish(document, pdf) -> None:
    """Adjust WeasyPrint's pydyf objects before the file is written (never the metadata:
    WeasyPrint writes Info and XMP from document.metadata)."""
    import pydyf

    # PDF/UA: viewers show the title, not the file name.
    pdf.catalog["ViewerPreferences"] = pydyf.Dictionary({"DisplayDocTitle": "true"})
    # Keep the XMP packet readable by tools that know nothing of PDF (PDF/A-1 requires
    # it; later parts allow a filter, but a plain packet costs a few hundred bytes).
    if "Metadata" in pdf.catalog:
        pdf.objects[int(pdf.catalog["Metadata"].split()[0])].compress = False
    # pydyf deflates at zlib's level 9; at level 6 the embedded font programs (2.7 MB
    # before compression on a seed page) come out 0.2 % larger in a fraction of the time
    # (about 0.05 s of CPU per page). Done here as pydyf would: one Flate filter.
    for stream in pdf.objects:
        if (isinstance(stream, pydyf.Stream) and stream.compress and len(stream.stream) == 1
                and isinstance(stream.stream[0], bytes)):
            stream.stream = [zlib.compress(stream.stream[0], 6)]
            stream.extra["Filter"] = "/FlateDecode"
            stream.compress = False


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
