"""TEI -> print HTML (xslt/print.xsl) -> WeasyPrint -> PDF, in three profiles.

Profiles:
  archive  PDF/A-3b and PDF/UA-1 in one file: tagged, XMP metadata from the TEI header,
           the TEI source embedded byte for byte as an associated file (/Source).
  print    for a press: PDF/X-4 with a CMYK output intent, black text on the K plate
           only, 3 mm bleed, crop marks drawn outside the bleed (WeasyPrint's own marks
           sit inside the bleed and are 1.5 mm long, so we draw ours).
  screen   compact margins, no marks, A4 by default.

In archive and print the page is composed as a newspaper page before WeasyPrint lays it
out (compose, apply_composition): a grid of whole characters, the lead across the page,
modules of different widths, sheets with jump lines when a page does not fit one, 号
type sizes, headline breaks between phrases and words (tei_edition/phrases.py).

One process renders many pages: the WeasyPrint font configuration, the parsed CSS and
the compiled XSLT are made once per process and reused (not thread-safe; use processes
for parallel builds).

WeasyPrint 70.0 justifies by stretching spaces only, which leaves Chinese lines ragged,
and extractors read widened gaps as spaces. `cjk_typesetting()` replaces four WeasyPrint
functions (line justification, Pango text setup, text drawing, and line breaking for
clreq's push-in and short last lines) for the duration of our own renders only, under a
lock, and restores the originals on exit; with them, three more that make the same PDF
with less work (line breaks remembered across column-balancing passes,
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
import math
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
# The print profile's inks (PDF/X-4 with a CMYK output intent): text and rules on the
# black plate only, the red of the nameplate and column labels as a CMYK process red;
# nothing in DeviceRGB. print.css keeps every colour in a custom property for this.
PRESS_INKS_CSS = """
:root { --te-ink: device-cmyk(0 0 0 1); --te-ink-soft: device-cmyk(0 0 0 0.8);
        --te-grey: device-cmyk(0 0 0 0.7); --te-grey-light: device-cmyk(0 0 0 0.55);
        --te-rule: device-cmyk(0 0 0 0.45); --te-tint: device-cmyk(0 0 0 0.08);
        --te-red: device-cmyk(0 1 0.9 0.15); --te-paper: device-cmyk(0 0 0 0); }
@page {
  @top-left { color: device-cmyk(0 0 0 0.85); border-bottom-color: device-cmyk(0 0 0 0.85); }
  @top-right { color: device-cmyk(0 0 0 0.85); border-bottom-color: device-cmyk(0 0 0 0.85); }
  @bottom-left { color: device-cmyk(0 0 0 0.7); }
  @bottom-right { color: device-cmyk(0 0 0 0.85); }
}
"""
# The CMYK output condition of the print profile (PDF/X-4 wants one, embedded): the
# "Artifex CMYK SWOP Profile" (web offset on coated paper, SWOP) that Debian's
# libgs-common ships for Ghostscript. Debian packages no newsprint (ISO 12647-3) profile.
PRESS_ICC = Path("/usr/share/color/icc/ghostscript/default_cmyk.icc")
# Page margins (top right bottom left, mm) per profile; the running head and the page
# number live in the top and bottom margins.
PAGE_MARGINS_MM = {"archive": (20, 14, 16, 14), "print": (20, 14, 16, 14),
                   "screen": (14, 10, 12, 10)}  # left and right: the grid is centred (grid_for)

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
    # The newspaper page as planned (archive and print): per sheet, each module's
    # (left, right edge in pt from the page's left, columns, kind, id); empty for screen.
    modules: list[list[tuple[float, float, int, str, str]]] = field(default_factory=list)
    body_pt: float = 0.0

    @property
    def conformance(self) -> str:
        return {"archive": "PDF/A-3b + PDF/UA-1",
                "print": f"PDF/X-4, {BLEED_MM:g} mm bleed, crop marks",
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


@lru_cache(maxsize=1)
def _press_profile():
    """The CMYK output intent's ICC profile (read once per process)."""
    from weasyprint.css import ColorProfile

    class FileColorProfile(ColorProfile):
        """The profile embedded as the file has it: WeasyPrint's re-serialises it through
        LittleCMS, which stamps the current time in it (no two PDFs alike)."""

        def __init__(self, data: bytes, *args):
            super().__init__(io.BytesIO(data), *args)
            self.data = data

        @property
        def content(self):
            return self.data

    try:
        with PRESS_ICC.open("rb") as handle:
            return FileColorProfile(handle.read(), PRESS_ICC.as_uri(), "relative-colorimetric",
                                    ("cyan", "magenta", "yellow", "black"))
    except OSError:
        raise RenderError(f"the print profile's CMYK output intent needs {PRESS_ICC}: install "
                          f"Debian's libgs-common (scripts/setup.sh does)") from None
    except Exception as exc:  # Pillow cannot read it: a damaged file
        raise RenderError(f"{PRESS_ICC} is not a usable ICC profile ({exc})") from None


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


def _page_css(profile: str, size_css: str, composition) -> str:
    """The per-call stylesheet: page size and margins (the grid centred), body size, gutter,
    the folio, and the print profile's bleed and inks."""
    grid = composition.grid
    margins = " ".join(f"{m:.3f}mm" for m in grid.margins_mm)
    half = grid.gutter_pt / 2 - 0.2  # half a gutter each side of a 0.4 pt rule
    css = [f"@page {{ size: {size_css}; margin: {margins}; }}",
           f"html {{ font-size: {grid.body_pt:g}pt; line-height: {LEADING:g}; "
           f"--te-leading: {LEADING:g}; }}",
           f".tei-div-article {{ column-gap: {grid.gutter_pt:g}pt; }}",
           f".te-stack + .te-stack {{ margin-left: {half:.3f}pt; padding-left: {half:.3f}pt; }}"]
    # The folio names the newspaper page (版) and counts the sheets it takes; a sheet is
    # not a 版 of its own.
    if composition.newspaper and composition.sheet_count == 1:
        css.append("@page { @bottom-right { content: string(edition); } }")
    if grid.page_width_mm < 250:  # a reading edition (A4 and smaller)
        css.append(f".te-print-paper {{ font-size: {HAO_PT['小初']:g}pt; }}")
    if profile == "print":
        css.append(f"@page {{ bleed: {BLEED_MM}mm; marks: none; }}")
        css.append(PRESS_INKS_CSS)
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
    from weasyprint import document, draw
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
                 (text_fonts, "weasyprint.text.fonts", "get_pango_font_key", ("pango_font",)),
                 (boxes.Box, "weasyprint.formatting_structure.boxes.Box", "translate",
                  ("self", "dx", "dy")),
                 (document, "weasyprint.document", "Page", ("page_box",)))
    for owner, where, name, parameters in callables:
        try:
            found = tuple(inspect.signature(getattr(owner, name)).parameters)[:len(parameters)]
        except (AttributeError, TypeError, ValueError):
            found = ()
        if found != parameters:
            missing.append(f"{where}.{name}({', '.join(parameters)})")
    attributes = ((boxes, "weasyprint.formatting_structure.boxes",
                   ("TextBox", "LineBox", "InlineBox", "BlockBox")),
                  (text_ffi, "weasyprint.text.ffi", ("TO_UNITS", "ffi", "pango")),
                  (getattr(text_ffi, "pango", None), "Pango",
                   ("pango_attr_letter_spacing_new", "pango_attr_list_new", "pango_attr_list_unref",
                    "pango_attr_list_change", "pango_layout_get_attributes",
                    "pango_layout_set_attributes", "pango_font_description_get_family",
                    "pango_attr_font_features_new", "pango_attr_list_insert",
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
                (inline, "split_first_line", _pushed_in_split_first_line),
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
        # clreq: a closing mark ending the line and an opening mark starting it are set
        # half width; the room they give back joins the extra width.
        edges: dict[int, list] = {}  # item -> byte ranges set half width
        shrink = [0.0] * len(items)  # the width each item gives back
        texts = [(index, box) for index, box in enumerate(items) if isinstance(box, boxes.TextBox)]
        if texts:
            first_index, first = texts[0]
            if first.text[:1] in OPENING_MARKS:
                edges.setdefault(first_index, []).append((0, len(first.text[0].encode())))
                shrink[first_index] += _half_em(first.style)
            last_index, last = texts[-1]
            stripped = last.text.rstrip(" ")
            if stripped and stripped[-1] in CLOSING_MARKS:
                end = len(stripped.encode())
                span = (end - len(stripped[-1].encode()), end)
                pushed = getattr(last.pango_layout, "cjk_pushed_in", None)
                if not (pushed and span in pushed[1]):  # pushed in: measured half already
                    edges.setdefault(last_index, []).append(span)
                    shrink[last_index] += _half_em(last.style)
        extra_width += sum(shrink)
        total = sum(plan.inner for plan in plans) + sum(after)
        if total <= 0 and not edges:
            return None
        spacing = extra_width / total if total > 0 else 0.0
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
                halts = tuple(edges.get(index, ()))
                if plan.inner or halts:
                    layout = _clone(box.pango_layout)  # the object may be shared by copies
                    layout.cjk_letter_spacing = (box.text, spacing if plan.inner else 0.0,
                                                 plan.ranges, halts)
                    box.pango_layout = layout
                    box.width += plan.inner * spacing
                    x_advance += plan.inner * spacing
                box.width -= shrink[index]
                x_advance -= shrink[index]
            else:
                box.translate(x_advance, 0)
            return x_advance + after[index] * spacing

        shift(line, 0)
        return None

    return justify_line


def _letter_spaced_set_text(original):
    """Layout.set_text, then what clreq asks of Chinese text that Pango does not do: the
    compression of adjacent punctuation (_compressed_pairs), and the inter-character
    letter-spacing and line-edge compression that justify_line planned for this line."""
    from weasyprint.text.ffi import TO_UNITS, ffi, pango

    def set_text(self, text, justify=False):
        original(self, text, justify)
        if not _ours() or not _inter_character(self.style):
            return
        halts = list(_compressed_pairs(self.text))
        pushed = getattr(self, "cjk_pushed_in", None)
        if pushed and pushed[0] == self.text:
            halts += pushed[1]
        planned = getattr(self, "cjk_letter_spacing", None)
        if planned and self.text != planned[0]:  # re-set to other text (an ellipsis)
            planned = None
        if planned:
            halts += planned[3]
        if not halts and not planned:
            return
        attributes = pango.pango_layout_get_attributes(self.layout)
        if attributes == ffi.NULL:
            attributes = ffi.gc(pango.pango_attr_list_new(), pango.pango_attr_list_unref)
        for start, end in dict.fromkeys(halts):
            attribute = pango.pango_attr_font_features_new(b"halt")
            attribute.start_index, attribute.end_index = start, end
            pango.pango_attr_list_insert(attributes, attribute)
        if planned and planned[1]:
            _text, spacing, ranges, _halts = planned
            letter = self.style["letter_spacing"]
            letter = 0 if letter == "normal" else letter
            value = int((letter + spacing) * TO_UNITS)
            for start, end in ranges:
                attribute = pango.pango_attr_letter_spacing_new(value)
                attribute.start_index, attribute.end_index = start, end
                pango.pango_attr_list_change(attributes, attribute)
        pango.pango_layout_set_attributes(self.layout, attributes)

    return set_text


# W3C clreq punctuation compression. Closing marks (and the pause and stop marks) have
# their ink on the left of the em box, opening marks on the right; the OpenType feature
# 'halt' sets a mark in half an em, keeping its ink. Two marks side by side lose the
# blank between them: a closing mark followed by another mark is set half width (”。
# 。” 》《 ，“), and so is an opening mark that follows an opening mark (（“). At the end
# of a justified line a closing mark is set half width, at its start an opening mark
# (justify_line), and a closing mark that would not fit is pushed in at half width
# rather than pulling the character before it down to the next line (split_first_line).
CLOSING_MARKS = frozenset("，。、；：？！）」』”’》〉】〕〗｝］")
OPENING_MARKS = frozenset("（「『“‘《〈【〔〖｛［")
_PUNCTUATION = CLOSING_MARKS | OPENING_MARKS


@lru_cache(maxsize=16384)
def _compressed_pairs(text: str) -> tuple[tuple[int, int], ...]:
    """UTF-8 byte ranges of the marks in TEXT that adjacent punctuation sets half width."""
    ranges = []
    position = 0
    previous = None
    for index, char in enumerate(text):
        size = len(char.encode())
        if previous is not None:
            before, start, length = previous
            if before in CLOSING_MARKS and char in _PUNCTUATION:
                ranges.append((start, start + length))
            elif before in OPENING_MARKS and char in OPENING_MARKS:
                ranges.append((position, position + size))
        previous = (char, position, size) if char in _PUNCTUATION else None
        position += size
    return tuple(ranges)


def _half_em(style) -> float:
    return style["font_size"] / 2


PUSH_IN_MARKS = 2  # at most this many marks of a line set half width to pull a character up


def _pushed_in_split_first_line(original):
    """Two clreq rules WeasyPrint's line breaking (Pango's) does not know.

    Push-in: when a line would end short (the next character may not start a line, so
    Pango takes the one before it down too; or a name in a byline may not be split), and
    justification would spread the hole over the line, its punctuation is compressed
    instead: the closing mark at its end, then other marks in it, set half width (at most
    PUSH_IN_MARKS), if that makes what follows fit.
    No single-character last line: when the rest of a paragraph's text would be one
    character (and its punctuation), one more character goes down with it. Only for
    justified Chinese and Japanese text; the compressed marks are kept on the layout
    (cjk_pushed_in) and set half width when it is drawn (_letter_spaced_set_text).
    """

    def split_first_line(text, style, context, max_width, justification_spacing,
                         is_line_start=True, minimum=False):
        result = original(text, style, context, max_width, justification_spacing,
                          is_line_start, minimum)
        if (not _ours() or max_width is None or minimum or not _inter_character(style)
                or style["text_align_all"] != "justify" or result[2] is None):
            return result
        layout, length, resume, width, height, baseline = result
        half = _half_em(style)
        if max_width - width >= half * 0.99:
            wider = original(text, style, context, max_width + PUSH_IN_MARKS * half,
                             justification_spacing, is_line_start, minimum)
            if wider[1] > length:
                line = text.encode()[:wider[1]].decode(errors="ignore").rstrip(" ")
                marks = _push_in_marks(line)
                needed = max(0, math.ceil((wider[3] - max_width) / half - 1e-6))
                if needed <= min(PUSH_IN_MARKS, len(marks)):
                    pushed = _clone(wider[0])
                    pushed.cjk_pushed_in = (line, tuple(marks[:needed]))
                    return (pushed, wider[1], wider[2], wider[3] - needed * half, *wider[4:])
        rest = text.encode()[resume:].decode(errors="ignore").strip()
        if rest and _counted(rest) <= 1 and rest[-1] in "。！？…”」）":
            shorter = original(text, style, context, width - half, justification_spacing,
                               is_line_start, minimum)
            if shorter[2] is not None and 0 < shorter[1] < length:
                return shorter
        return result

    return split_first_line


def _push_in_marks(line: str) -> list[tuple[int, int]]:
    """Byte ranges of the marks of LINE that push-in may set half width, in order of
    preference: the closing mark ending it, the other closing marks from the end, then the
    opening marks inside it."""
    paired = set(_compressed_pairs(line))
    closing, opening = [], []
    position = len(line.encode())
    for index in range(len(line) - 1, -1, -1):
        char = line[index]
        size = len(char.encode())
        position -= size
        span = (position, position + size)
        if span in paired:
            continue
        if char in CLOSING_MARKS:
            closing.append(span)
        elif char in OPENING_MARKS and index > 0:  # (at the start: justify_line's)
            opening.append(span)
    return closing + opening


def _counted(text: str) -> int:
    return sum(1 for c in text if not c.isspace() and not unicodedata.category(c).startswith("P"))


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
        stream.begin_marked_content(  # (the break opportunities _quote_breaks added go)
            "Span", pydyf.Dictionary({"ActualText": pydyf.String(textbox.text.replace(ZWSP, ""))}))
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


def _document_metadata(meta: _Meta, profile: str = "archive", identifier: bytes = b""):
    """WeasyPrint's DocumentMetadata for the page (its lang gives the catalog's /Lang)."""
    import uuid

    stamp = meta.modified.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    return _edition_metadata_class()(
        title=meta.title,
        # One entry equal to /Author: validators (veraPDF's Author == dc:creator rule)
        # compare the two and want a single entry.
        authors=[", ".join(meta.creators)] if meta.creators else [],
        description=meta.description, keywords=meta.keywords, generator=_creator_tool(),
        created=stamp, modified=stamp, lang=meta.lang,
        extra_rdf=_xmp_extras(meta, stamp, profile),
        document_id=str(uuid.UUID(identifier.decode())) if identifier else "")


@lru_cache(maxsize=1)
def _edition_metadata_class():
    from weasyprint.pdf.metadata import DocumentMetadata

    class EditionMetadata(DocumentMetadata):
        """DocumentMetadata whose rdf:RDF also holds the descriptions in extra_rdf."""

        def __init__(self, *, extra_rdf, document_id="", **fields):
            super().__init__(**fields)
            self.extra_rdf = extra_rdf
            self.document_id = document_id
            self.rdf_written = False

        def generate_rdf_metadata(self, *args, **kwargs):
            from .xmlio import safe_parser

            rdf = etree.fromstring(super().generate_rdf_metadata(*args, **kwargs), safe_parser())
            rdf.extend(copy.deepcopy(self.extra_rdf))
            # PDF/X: WeasyPrint names the document with a random UUID; the same TEI
            # should make the same PDF, so the UUID comes from the source's identifier.
            for document_id in rdf.iter("{http://ns.adobe.com/xap/1.0/mm/}DocumentID"):
                document_id.text = f"xmp.did:{self.document_id}"
            self.rdf_written = True
            return etree.tostring(rdf, encoding="utf-8")

    return EditionMetadata


def _xmp_extras(meta: _Meta, stamp: str, profile: str = "archive") -> list:
    """rdf:Description elements for what has no Info counterpart: PDF/UA-1 (archive only:
    the print profile is PDF/X-4 and untagged), Dublin Core, the metadata date (PDF/X:
    WeasyPrint writes it)."""
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
    if profile == "print":
        return [dc]
    return [ua, dc, tool, ext]


def _creator_tool() -> str:
    return f"tei-edition {__version__}"


# ---------------------------------------------------------------------------------------
# The newspaper page: a grid of whole characters, modules of different widths, sheets
#
# print.xsl gives the page's articles and photos in reading order; here they are composed
# into a newspaper page before WeasyPrint lays them out. The measure is a grid of whole
# characters (a column is CHARS ideographs of the body size wide, the gutter one), so a
# line of Chinese text fills its column exactly and justification has nothing to hide.
# Articles become modules 1..C columns wide, side by side in bands or stacked; the first
# article is the lead, full width with the largest headline. Heights are estimated from
# the text (every ideograph is one em in Noto CJK), the plan is rendered, and if a sheet
# overflowed after all the plan is made again for a little less room (_compose_and_render).

# 号 sizes (points), the Chinese type sizes newspapers are set in.
HAO_PT = {"初号": 42.0, "小初": 36.0, "一号": 26.0, "小一": 24.0, "二号": 22.0, "小二": 18.0,
          "三号": 16.0, "四号": 14.0, "小四": 12.0, "五号": 10.5, "小五": 9.0, "六号": 7.5}
# Body sizes in order of preference. The body is set at 五号 when the page needs no more
# sheets at 五号 than at 小五, else at 小五 (the body size of most Chinese dailies); never
# smaller: a page that does not fit one sheet at 小五 continues on the next, with jump lines.
BODY_SIZES = (HAO_PT["五号"], HAO_PT["小五"])
LEADING = 1.5  # body line height, in em
GUTTER_EM = 1.5  # between columns, a rule in the middle
CAPTION_PT = HAO_PT["小五"]
# Headline sizes: the lead's, then by the module's width in columns (the largest that sets
# the headline in at most two lines; the smallest otherwise).
LEAD_HEAD_PT = (HAO_PT["小初"], HAO_PT["一号"], HAO_PT["小一"])
HEAD_PT = {1: (HAO_PT["三号"], HAO_PT["四号"]), 2: (HAO_PT["小二"], HAO_PT["三号"]),
           3: (HAO_PT["二号"], HAO_PT["小二"], HAO_PT["三号"])}
HEAD_PT_WIDE = (HAO_PT["二号"], HAO_PT["小二"])  # four columns and more
KICKER_PT = {True: HAO_PT["四号"], False: HAO_PT["小四"]}  # 引题 and 副题: lead, others
HEAD_LEADING, KICKER_LEADING = 1.25, 1.4
COLUMN_TARGET_MM = 55.0  # about one column per 55 mm of page width: 5 on A3, 3 on A4
MIN_SIDE_MARGIN_MM = {"archive": 12.0, "print": 12.0, "screen": 10.0}
COLUMN_SLACK_PT = 0.05  # so that a column of CHARS ideographs is never 1/1024 pt too narrow
# Vertical spacing (mm), also used by the height estimates: keep in step with print.css.
BAND_GAP_MM = 3.0  # above and below the rule between two bands
BAND_GAP_MAX_EXTRA_MM = 6.0  # at most this much more, to fill a sheet to its foot
STACK_GAP_MM = 2.5  # above and below the rule between two modules in one stack
HEADS_BELOW_MM = 3.0
MASTHEAD_MM = 30.0  # nameplate block (fixed height in print.css) and the line under it
MISSING_PHOTO_MM = 16.0
PHOTO_RATIO = 2 / 3  # a photo's frame: height = width x PHOTO_RATIO (object-fit: contain)


@dataclass(frozen=True)
class Grid:
    """The page's measure: COLUMNS columns of CHARS ideographs at BODY_PT, GUTTER_EM apart."""

    body_pt: float
    chars: int
    columns: int
    page_width_mm: float
    page_height_mm: float
    margins_mm: tuple[float, float, float, float]  # top right bottom left

    @property
    def gutter_pt(self) -> float:
        return self.body_pt * GUTTER_EM

    @property
    def line_pt(self) -> float:
        return self.body_pt * LEADING

    @property
    def column_pt(self) -> float:
        return self.chars * self.body_pt + COLUMN_SLACK_PT

    def width_pt(self, columns: int) -> float:
        """The width of a module COLUMNS columns wide."""
        return columns * self.column_pt + (columns - 1) * self.gutter_pt

    @property
    def height_pt(self) -> float:
        top, _right, bottom, _left = self.margins_mm
        return (self.page_height_mm - top - bottom) * _MM


def grid_for(profile: str, width_mm: float, height_mm: float, body_pt: float) -> Grid:
    """The widest grid of whole characters that leaves MIN_SIDE_MARGIN_MM on both sides,
    centred on the page."""
    top, _right, bottom, _left = PAGE_MARGINS_MM[profile]
    usable = (width_mm - 2 * MIN_SIDE_MARGIN_MM[profile]) * _MM
    columns = max(1, min(8, round((width_mm - 28) / COLUMN_TARGET_MM)))
    column = (usable - (columns - 1) * body_pt * GUTTER_EM) / columns - COLUMN_SLACK_PT
    chars = max(4, int(column // body_pt))
    grid = Grid(body_pt, chars, columns, width_mm, height_mm, (top, 0, bottom, 0))
    side = (width_mm - grid.width_pt(columns) / _MM) / 2
    return Grid(body_pt, chars, columns, width_mm, height_mm, (top, side, bottom, side))


def _classes(element) -> set[str]:
    return set((element.get("class") or "").split())


_HIDDEN = {"te-gap-note", "te-break", "te-moved-note", "te-figDesc", "tei-figDesc"}


def _visible_text(element) -> str:
    """The text print shows of ELEMENT (print.css hides the notes meant for screens)."""
    parts = [element.text or ""]
    for child in element:
        if not isinstance(child.tag, str):
            parts.append(child.tail or "")
            continue
        if not (_classes(child) & _HIDDEN):
            parts.append(_visible_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _text_em(text: str) -> float:
    """Estimated width in em of body TEXT: adjacent punctuation is compressed (clreq)."""
    from .phrases import char_em

    text = " ".join(text.split())
    width = sum(char_em(c) for c in text)
    return width - 0.5 * len(_COMPRESSED_PAIR.findall(text))


def _lines(text: str, per_line: float, indent_em: float = 0.0) -> int:
    """Lines TEXT takes at PER_LINE em a line (a few percent lost to line-breaking rules)."""
    width = _text_em(text) + indent_em
    if width <= 0:
        return 0
    return max(1, math.ceil(width * 1.03 / max(per_line, 1.0)))


@dataclass
class _Block:
    """A block of an article's body: its element, and how tall it is."""

    element: object
    height_pt: float  # in one column
    splittable: bool  # may continue in the next column


@dataclass
class _Item:
    """An article, photo or other block of the page, in reading order."""

    element: object
    kind: str  # article | figure | block | sheet-break
    lead: bool = False
    heads: list = field(default_factory=list)  # (element, role): kicker, main, sub, column
    bylines: list = field(default_factory=list)
    blocks: list = field(default_factory=list)  # _Block, for articles
    continued_from: int | None = None  # a continuation: the sheet its article started on
    _heights: dict = field(default_factory=dict)  # columns -> estimated height (pt)


def _items(body, grid: Grid) -> list[_Item]:
    """The page's items in reading order, measured against GRID."""
    items: list[_Item] = []
    breaks = 0
    for child in body:
        if not isinstance(child.tag, str):
            continue
        classes = _classes(child)
        if "tei-pb" in classes:
            breaks += 1
            if breaks > 1:  # a page of the source after the first: a new sheet
                items.append(_Item(child, "sheet-break"))
            continue
        if not _visible_text(child).strip() and child.tag != "figure":
            continue
        if child.tag == "article" or "tei-div-article" in classes:
            items.append(_article_item(child, grid))
        elif child.tag == "figure":
            items.append(_Item(child, "figure"))
        else:
            items.append(_Item(child, "block"))
    for item in items:
        if item.kind == "article":
            item.lead = True
            break
    return items


_HEAD_ROLES = (("tei-trailer-kicker", "kicker"), ("tei-head-kicker", "kicker"),
               ("tei-trailer-column", "column"), ("tei-head-column", "column"),
               ("tei-head-main", "main"), ("tei-head-sub", "sub"))


def _head_role(element) -> str | None:
    classes = _classes(element)
    for name, role in _HEAD_ROLES:
        if name in classes:
            return role
    if "tei-head" in classes:
        return "main"
    return None


def _article_item(article, grid: Grid) -> _Item:
    item = _Item(article, "article")
    for child in article:
        if not isinstance(child.tag, str):
            continue
        classes = _classes(child)
        if "te-heads" in classes:
            item.heads += [(head, _head_role(head)) for head in child
                           if isinstance(head.tag, str) and _head_role(head)]
        elif _head_role(child) and not item.blocks:
            item.heads.append((child, _head_role(child)))
        elif "tei-byline" in classes and not item.blocks:
            item.bylines.append(child)
        else:
            item.blocks.append(_measure_block(child, grid))
    return item


def _measure_block(element, grid: Grid) -> _Block:
    """A body block's height in one column of GRID."""
    classes = _classes(element)
    line, chars = grid.line_pt, grid.chars
    if element.tag == "figure":
        return _Block(element, _figure_height(element, grid.column_pt, chars), False)
    if element.tag in ("section", "div") and element.get("class", "").find("tei-div") >= 0:
        height = 0.0
        for child in element:
            if isinstance(child.tag, str):
                if child.tag in ("h3", "h4", "h5", "h6"):
                    height += _lines(_visible_text(child), chars) * line + 3 * _MM
                else:
                    height += _measure_block(child, grid).height_pt
        return _Block(element, height, True)
    if "tei-argument" in classes:
        return _Block(element, _lines(_visible_text(element), chars, 2) * line + 6 * _MM, False)
    indent = 0 if ("te-part-F" in classes or element.tag != "p" or "tei-gap" in classes) else 2
    text = _visible_text(element)
    return _Block(element, max(1, _lines(text, chars, indent)) * line, True)


def _figure_height(figure, width_pt: float, chars: int) -> float:
    frame = MISSING_PHOTO_MM * _MM
    if figure.find(".//img") is not None:
        frame = width_pt * PHOTO_RATIO
    caption = figure.find("figcaption")
    lines = _lines(_visible_text(caption), width_pt / CAPTION_PT) if caption is not None else 0
    return frame + (1.5 * _MM + lines * CAPTION_PT * 1.5 if lines else 0)


@dataclass(frozen=True)
class _HeadSetting:
    """How one head of an article is set: size and lines."""

    element: object
    role: str
    size_pt: float
    lines: tuple[str, ...] | None  # None: left to the renderer (between words)


def _set_heads(item: _Item, columns: int, grid: Grid) -> tuple[float, list[_HeadSetting]]:
    """Sizes and line breaks of ITEM's heads in a module COLUMNS wide; their height."""
    from .phrases import break_lines, text_em

    width = grid.width_pt(columns)
    if item.lead:
        sizes = LEAD_HEAD_PT
    elif columns >= 4:
        sizes = HEAD_PT_WIDE
    else:
        sizes = HEAD_PT[columns]
    settings: list[_HeadSetting] = []
    height = 0.0
    for element, role in item.heads:
        text = " ".join(_visible_text(element).split())
        if role == "main":
            chosen = None
            for size in sizes:
                lines = break_lines(text, width / size - 0.5)
                if lines is not None and len(lines) <= 2:
                    chosen = (size, lines)
                    break
            if chosen is None:
                size = sizes[-1]
                chosen = (size, break_lines(text, width / size - 0.5))
            size, lines = chosen
            count = len(lines) if lines else math.ceil(text_em(text) / (width / size))
            height += count * size * HEAD_LEADING
        elif role == "column":
            size = HAO_PT["五号"]
            lines = None
            height += size * 1.4 + 2.3 * _MM
        else:
            size = KICKER_PT[item.lead]
            lines = break_lines(text, width / size - 0.5)
            count = len(lines) if lines else math.ceil(text_em(text) / (width / size))
            height += count * size * KICKER_LEADING + (1.5 if role == "sub" else 1.0) * _MM
        settings.append(_HeadSetting(element, role, size, tuple(lines) if lines else None))
    if settings:
        height += HEADS_BELOW_MM * _MM
    return height, settings


def _byline_height(item: _Item, columns: int, grid: Grid) -> float:
    per_line = grid.width_pt(columns) / grid.body_pt
    return sum(_lines(_visible_text(b), per_line) * grid.line_pt + 1 * _MM for b in item.bylines)


def _balanced(blocks: list[_Block], columns: int, grid: Grid) -> float:
    """The height of BLOCKS balanced over COLUMNS columns (estimated: WeasyPrint balances)."""
    if not blocks:
        return 0.0
    total = sum(b.height_pt for b in blocks)
    tallest = max((b.height_pt for b in blocks if not b.splittable), default=0.0)
    if columns == 1:
        return total
    return max(total / columns + grid.line_pt, tallest)


def _item_height(item: _Item, columns: int, grid: Grid) -> float:
    known = item._heights.get(columns)
    if known is not None:
        return known
    if item.kind == "figure":
        height = _figure_height(item.element, grid.width_pt(columns), grid.chars)
    elif item.kind == "article":
        heads, _settings = _set_heads(item, columns, grid)
        height = heads + _byline_height(item, columns, grid) + _balanced(item.blocks, columns, grid)
        if item.continued_from is not None:
            height += 2 * grid.line_pt
    else:
        per_line = grid.width_pt(columns) / grid.body_pt
        height = _lines(_visible_text(item.element), per_line, 2) * grid.line_pt + grid.line_pt
    item._heights[columns] = height
    return height


@dataclass
class _Band:
    """A full-width strip of a sheet: stacks of items side by side, each WIDTHS[i] columns."""

    stacks: list[list[_Item]]
    widths: list[int]
    height: float = 0.0


@dataclass
class _Sheet:
    bands: list[_Band] = field(default_factory=list)
    jump_to: _Item | None = None  # the article that continues on the next sheet


@dataclass
class Composition:
    """The plan of a newspaper page: the grid and the sheets."""

    grid: Grid
    sheets: list[_Sheet]
    newspaper: bool
    capacity_factor: float = 1.0

    def modules(self) -> list[list[tuple[float, float, int, str, str]]]:
        """Per sheet: (left, right edge in pt from the page's left, columns, kind, id) of
        each module, in reading order."""
        grid = self.grid
        out = []
        for sheet in self.sheets:
            found = []
            for band in sheet.bands:
                left = grid.margins_mm[3] * _MM
                for stack, columns in zip(band.stacks, band.widths):
                    for item in stack:
                        found.append((left, left + grid.width_pt(columns), columns, item.kind,
                                      item.element.get("id") or ""))
                    left += grid.width_pt(columns) + grid.gutter_pt
            out.append(found)
        return out

    def capacity(self, sheet: int) -> float:
        """The height a sheet's bands may take (the masthead takes some of the first)."""
        room = self.grid.height_pt * self.capacity_factor
        return room - MASTHEAD_MM * _MM if sheet == 1 else room

    @property
    def sheet_count(self) -> int:
        return len(self.sheets)


_STACK_SEP = STACK_GAP_MM * 2 * _MM
_BAND_SEP = BAND_GAP_MM * 2 * _MM
_SPLIT_PENALTY_LINES = 4  # a jump costs as much as this many empty lines across the page
_NARROW_PENALTY_LINES = 6  # an article in one column costs this much
_FULL_WIDTH_PENALTY_LINES = 5  # a story other than the lead across the whole page


def _band_options(items: list[_Item], start: int, columns: int):
    """The bands that can start at items[start]: one item across the page, two side by
    side, three (two stacked beside one), or three side by side on six columns and more."""
    first = items[start]
    yield [[first]], [columns]
    if first.lead or columns < 2:
        return
    rest = []
    for item in items[start + 1:start + 3]:
        if item.kind not in ("article", "figure"):
            break
        rest.append(item)
    if first.kind not in ("article", "figure") or not rest or rest[0].lead:
        return
    second = rest[0]
    for left in range(1, columns):
        yield [[first], [second]], [left, columns - left]
    if len(rest) > 1 and not rest[1].lead:
        third = rest[1]
        for left in range(1, columns):
            yield [[first, second], [third]], [left, columns - left]
            yield [[first], [second, third]], [left, columns - left]
        if columns >= 5:
            for a in range(1, columns - 1):
                for b in range(1, columns - a):
                    yield [[first], [second], [third]], [a, b, columns - a - b]
        fourth = items[start + 3] if start + 3 < len(items) else None
        if fourth is not None and fourth.kind in ("article", "figure") and not fourth.lead \
                and columns >= 4:
            for left in range(2, columns - 1):
                yield [[first, second], [third, fourth]], [left, columns - left]


def _stack_height(stack: list[_Item], width: int, grid: Grid) -> float:
    return sum(_item_height(i, width, grid) for i in stack) + _STACK_SEP * (len(stack) - 1)


def _band_cost(band: _Band, grid: Grid) -> float:
    """Empty room inside the band (pt x columns), and narrow articles."""
    cost = 0.0
    if len(band.stacks) == 1 and not band.stacks[0][0].lead and grid.columns >= 4:
        # one story across the whole page is the lead's place; elsewhere it makes a
        # newsletter of the page (every story the same band)
        cost += _FULL_WIDTH_PENALTY_LINES * grid.line_pt * grid.columns
    for stack, width in zip(band.stacks, band.widths):
        cost += (band.height - _stack_height(stack, width, grid)) * width
        for item in stack:
            if item.kind == "article" and width == 1 and grid.columns > 2:
                cost += _NARROW_PENALTY_LINES * grid.line_pt * grid.columns
            if item.kind == "figure" and width > max(2, grid.columns // 2):
                cost += (width - max(2, grid.columns // 2)) * grid.line_pt * 4
    return cost


def _split(item: _Item, room: float, grid: Grid, sheet: int) -> tuple[_Item, _Item] | None:
    """ITEM cut between two body blocks so that its first part fills ROOM across the page;
    the second part is a continuation, to be placed on the next sheet."""
    if item.kind != "article" or len(item.blocks) < 2:
        return None
    columns = grid.columns
    fixed = _item_height(_Item(item.element, "article", item.lead, item.heads, item.bylines, [],
                               item.continued_from), columns, grid)
    fixed += grid.line_pt  # the jump line
    best = None
    for cut in range(1, len(item.blocks)):
        height = fixed + _balanced(item.blocks[:cut], columns, grid)
        if height <= room:
            best = cut
    if best is None:
        return None
    first = _Item(item.element, "article", item.lead, item.heads, item.bylines,
                  item.blocks[:best], item.continued_from)
    second = _Item(item.element, "article", False, [], [], item.blocks[best:], sheet)
    return first, second


def _plan_sheet(items: list[_Item], capacity: float, grid: Grid, sheet: int):
    """The best filling of one sheet with items[0:...]: (bands, items placed, continuation).

    A search over the ways to cut the items into bands, remembered per (item, height used
    in half lines): its cost is the room left empty inside bands, the room left at the foot
    of the sheet when items remain, and a penalty per jump."""
    columns = grid.columns
    memo: dict = {}
    step = grid.line_pt / 2

    def best(start: int, used: float):
        key = (start, int(used // step))
        if key in memo:
            return memo[key]
        if start == len(items):
            result = (0.0, [], start, None)
            memo[key] = result
            return result
        if items[start].kind == "sheet-break":
            result = (0.0, [], start + 1, None)
            memo[key] = result
            return result
        left = capacity - used
        # end the sheet here
        result = (left * columns, [], start, None)
        sep = _BAND_SEP if used > 0 else 0.0
        # or cut the next article and continue it on the next sheet
        parts = _split(items[start], left - sep, grid, sheet)
        if parts is not None:
            first, second = parts
            height = _item_height(first, columns, grid)
            cost = (left - sep - height) * columns + _SPLIT_PENALTY_LINES * grid.line_pt * columns
            if cost < result[0]:
                result = (cost, [_Band([[first]], [columns], height)], start + 1, second)
        # or place a band and go on
        for stacks, widths in _band_options(items, start, columns):
            height = max(_stack_height(s, w, grid) for s, w in zip(stacks, widths))
            if used + sep + height > capacity:
                continue
            band = _Band(stacks, widths, height)
            placed = sum(len(s) for s in stacks)
            rest = best(start + placed, used + sep + height)
            cost = _band_cost(band, grid) + rest[0]
            if cost < result[0]:
                result = (cost, [band, *rest[1]], rest[2], rest[3])
        memo[key] = result
        return result

    _cost, bands, end, continuation = best(0, 0.0)
    if not bands and end == 0 and items and items[0].kind != "sheet-break":
        # nothing fits the room at all (a huge article or photo): place the first item
        # anyway; WeasyPrint breaks it across sheets.
        first = items[0]
        bands = [_Band([[first]], [columns], _item_height(first, columns, grid))]
        end = 1
    return bands, end, continuation


def compose(body, grid: Grid, *, newspaper: bool, capacity_factor: float = 1.0) -> Composition:
    """Plan the page: items into bands, bands into sheets. Does not change BODY."""
    items = _items(body, grid)
    if not newspaper:  # a reading edition: one story after another, the renderer paginates
        flow = [_Sheet()]
        for item in items:
            if item.kind == "sheet-break":
                flow.append(_Sheet())
            else:
                flow[-1].bands.append(_Band([[item]], [grid.columns], 0.0))
        return Composition(grid, flow, False)
    sheets: list[_Sheet] = []
    plan = Composition(grid, sheets, True, capacity_factor)
    remaining = items
    while remaining:
        number = len(sheets) + 1
        capacity = plan.capacity(number)
        bands, end, continuation = _plan_sheet(remaining, capacity, grid, number)
        if not bands and end == 0:
            break
        sheet = _Sheet(bands)
        remaining = remaining[end:]
        if continuation is not None:
            sheet.jump_to = bands[-1].stacks[0][0]
            remaining = [continuation, *remaining]
        sheets.append(sheet)
        if len(sheets) > 200:  # a runaway plan is a bug, not a page
            raise RenderError("the page composition did not converge")
    if not sheets:
        sheets.append(_Sheet())
    return plan


_COMPRESSED_PAIR = re.compile("[，。、；：？！）」』”’》〉】〕〗][，。、；：？！）」』”’》〉】〕〗（「『“‘《〈【〔〖]"
                              "|[（「『“‘《〈【〔〖][（「『“‘《〈【〔〖]")


def _element(tag: str, classes: str, text: str | None = None, style: str | None = None):
    element = etree.Element(tag, {"class": classes})
    if style:
        element.set("style", style)
    element.text = text
    return element


def _set_head(setting: _HeadSetting) -> None:
    """Size a head and give it its line breaks: a <br> between lines, each phrase (or word)
    of a line in a nowrap span, so that the renderer cannot break inside one."""
    element = setting.element
    style = f"font-size: {setting.size_pt:g}pt"
    element.set("style", style)
    if setting.lines is None:
        return
    target = element
    for child in element:
        if isinstance(child.tag, str) and "te-moved-text" in _classes(child):
            target = child
    if any(isinstance(c.tag, str) for c in target):
        return  # inline markup inside a head: the renderer breaks it (between characters)
    target.text = None
    for number, line in enumerate(setting.lines):
        if number:
            target.append(_element("br", "te-line-break"))
        fragments = line.split(" ")
        for index, fragment in enumerate(fragments):
            if not fragment:
                continue
            span = _element("span", "te-nobreak", fragment)
            target.append(span)
            if index < len(fragments) - 1:
                span.tail = " "


def _jump(text: str, kind: str):
    return _element("p", f"te-gen te-jump te-jump-{kind}", text)


def _module(item: _Item, columns: int, grid: Grid, sheet: int, jump_to: int | None):
    """The element of ITEM set COLUMNS wide (articles and figures changed in place)."""
    element = item.element
    width = grid.width_pt(columns)
    if item.kind == "figure":
        for img in element.iter("img"):
            img.set("style", f"height: {width * PHOTO_RATIO:.2f}pt")
        return element
    if item.kind != "article":
        return element
    if item.continued_from is not None:  # the rest of an article from an earlier sheet
        from .phrases import short_headline

        original = element
        element = etree.Element(original.tag,
                                {"class": original.get("class", "") + " te-continued"})
        if original.get("id"):
            element.set("id", original.get("id") + f"-{sheet}")
        main = next((e for e, role in _article_item(original, grid).heads if role == "main"), None)
        header = _element("header", "te-heads te-jump-heads")
        if main is not None:
            header.append(_element("p", "te-jump-head", short_headline(_visible_text(main))))
        header.append(_jump(f"（上接第{item.continued_from}页）", "from"))
        element.append(header)
        for block in item.blocks:
            element.append(block.element)
    else:
        _height, settings = _set_heads(item, columns, grid)
        for setting in settings:
            _set_head(setting)
        kept = {id(b.element) for b in item.blocks}
        for child in list(element):
            if not isinstance(child.tag, str):
                continue
            if (child not in [h for h, _r in item.heads] and "te-heads" not in _classes(child)
                    and child not in item.bylines and id(child) not in kept):
                element.remove(child)  # it continues on the next sheet
    element.set("style", f"column-count: {columns}")
    if jump_to is not None:
        element.append(_jump(f"（下转第{jump_to}页）", "to"))
    return element


ZWSP = "\u200b"
_OPENING_QUOTES, _CLOSING_QUOTES = "“‘", "”’"


def _quote_breaks(element) -> None:
    """Let a line break before “ and after ” in Chinese text, as before （ and after ）.

    Unicode's line breaking (Pango's) gives the curly quotes the class QU, ambiguous
    between opening and closing, and allows no break on either side of one: "发挥“知心"
    and "人”作用" hold together, and a line that meets one ends one or two characters
    short. In Chinese they are plainly opening and closing (clreq), so a zero-width space
    (a break opportunity that takes no room) goes before each opening quote and after
    each closing one, between two characters that are not punctuation. It never reaches
    the text layer (_actual_text_draw_text drops it)."""
    previous = ""

    def mark(text: str) -> str:
        nonlocal previous
        out = []
        for char in text:
            if char in _OPENING_QUOTES and previous and previous not in _PUNCTUATION \
                    and not previous.isspace() and previous != ZWSP:
                out.append(ZWSP)
            elif previous and previous in _CLOSING_QUOTES and char not in _PUNCTUATION \
                    and not char.isspace() and char != ZWSP:
                out.append(ZWSP)
            out.append(char)
            previous = char
        return "".join(out)

    def walk(node) -> None:
        if node.text:
            node.text = mark(node.text)
        for child in node:
            if isinstance(child.tag, str):
                walk(child)
            if child.tail:
                child.tail = mark(child.tail)

    walk(element)


def apply_composition(body, composition: Composition) -> None:
    """Rebuild BODY (print.xsl's tei-body) as sheets of bands of stacks of modules."""
    grid = composition.grid
    for paragraph in body.iter("p"):
        if _classes(paragraph) & {"tei-p", "tei-gap"}:
            _quote_breaks(paragraph)
    for child in list(body):
        body.remove(child)
    body.text = None
    for number, sheet in enumerate(composition.sheets, 1):
        sheet_element = _element("div", "te-sheet")
        body.append(sheet_element)
        # A sheet that the next one continues is filled to its foot: most of the room
        # the estimates leave goes into the gaps between its bands.
        extra = 0.0
        if composition.newspaper and number < len(composition.sheets) and len(sheet.bands) > 1:
            room = composition.capacity(number) - sum(b.height for b in sheet.bands) \
                - _BAND_SEP * (len(sheet.bands) - 1)
            extra = min(max(0.0, room * 0.8) / (2 * (len(sheet.bands) - 1)),
                        BAND_GAP_MAX_EXTRA_MM * _MM)
        for index, band in enumerate(sheet.bands):
            style = None
            if index and extra > 0.5:
                gap = BAND_GAP_MM * _MM + extra
                style = f"margin-top: {gap:.2f}pt; padding-top: {gap:.2f}pt"
            band_element = _element("div", "te-band" if len(band.stacks) > 1 else
                                    "te-band te-band-single", style=style)
            sheet_element.append(band_element)
            for stack, columns in zip(band.stacks, band.widths):
                stack_element = _element("div", "te-stack",
                                         style=f"width: {grid.width_pt(columns):.3f}pt")
                band_element.append(stack_element)
                for item in stack:
                    jump_to = number + 1 if item is sheet.jump_to else None
                    stack_element.append(_module(item, columns, grid, number, jump_to))


# ---------------------------------------------------------------------------------------
# Column balance: the last column within one line of the others

_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}


@dataclass
class _Unit:
    """What a column holds, in reading order: a line, or a block kept whole (a figure, a
    box with a border or background)."""

    box: object
    column: int  # the column WeasyPrint put it in
    top: float
    height: float
    chain: tuple  # the block boxes it lies in inside its column, outermost first


class _OutOfFlow(Exception):
    """A float or a positioned box in a column: it would not follow the lines moved."""


def _units(box, column: int, chain: tuple, out: list, boxes) -> list:
    for child in box.children:
        if not child.is_in_normal_flow():
            raise _OutOfFlow
        if isinstance(child, boxes.LineBox):
            out.append(_Unit(child, column, child.position_y, child.height, chain))
        elif (isinstance(child, boxes.BlockBox) and child.element_tag != "figure"
              and not child.style["background_color"].alpha
              and not any(child.style[f"border_{side}_width"]
                          for side in ("top", "right", "bottom", "left"))):
            _units(child, column, (*chain, child), out, boxes)
        else:
            out.append(_Unit(child, column, child.border_box_y(), child.border_height(),
                             (*chain, child)))
    return out


def _px(value) -> float | None:
    if value == 0 or value == "auto":
        return 0.0
    return value.value if getattr(value, "unit", None) == "px" else None


def _opened(before: _Unit | None, after: _Unit) -> int:
    """How many of AFTER's blocks it shares with BEFORE (the blocks it does not open)."""
    shared = 0
    for mine, theirs in zip(before.chain if before else (), after.chain):
        if mine.element is not theirs.element or mine.element_tag != theirs.element_tag:
            break
        shared += 1
    return shared


def _space(closed, opened, whole) -> float | None:
    """The collapsed margins of the blocks CLOSED and OPENED at one place, and their
    padding (a block kept WHOLE has its own inside its height). None when a length is not
    absolute (not modelled: the columns stay as laid)."""
    margins, room = [], 0.0
    for block, side in [(b, "bottom") for b in closed] + [(b, "top") for b in opened]:
        margin = _px(block.style[f"margin_{side}"])
        padding = _px(block.style[f"padding_{side}"])
        if margin is None or padding is None:
            return None
        margins.append(margin)
        if block not in whole:
            room += padding
    return max([m for m in margins if m > 0], default=0.0) + \
        min([m for m in margins if m < 0], default=0.0) + room


def _gap(before: _Unit, after: _Unit) -> float | None:
    """The room CSS leaves between two units set one under the other in one column."""
    shared = _opened(before, after)
    return _space(before.chain[shared:], after.chain[shared:], (before.box, after.box))


def _lead(before: _Unit | None, after: _Unit) -> float | None:
    """The room above AFTER when it opens a column: the margins of the blocks it opens
    (WeasyPrint keeps them at the top of a column; a block continued from the column
    before has none)."""
    return _space((), after.chain[_opened(before, after):], (after.box,))


def _keeps_with_next(unit: _Unit) -> bool:
    return any(block.element_tag in _HEADINGS or block.style["break_after"] in ("avoid", "avoid-column")
               for block in unit.chain)


def _balance_group(columns: list, boxes) -> bool:
    """Redistribute the lines of one article's columns so that every column ends within
    one line of the others, the fuller ones first; True if anything moved.

    WeasyPrint's column-fill: balance finds one height and fills the columns one after the
    other to it, so the last column takes what is left: up to a line per column short.
    Here the units (lines, whole blocks) keep their order and their boxes; each is moved
    to its new column and height as a whole (Box.translate), so nothing is laid out again
    and the text, justification and tags stay as WeasyPrint made them."""
    units: list[_Unit] = []
    for index, column in enumerate(columns):
        try:
            found = _units(column, index, (), [], boxes)
        except _OutOfFlow:
            return False
        if not found:
            return False
        units += found
    count = len(columns)
    gaps, leads = [0.0], []
    for index, after in enumerate(units):
        before = units[index - 1] if index else None
        lead = _lead(before, after)
        gap = _gap(before, after) if before else 0.0
        if lead is None or gap is None:
            return False
        # The model must agree with the layout it moves, between any two neighbours and
        # at the top of every column.
        if before is not None and before.column == after.column:
            measured, modelled = after.top - (before.top + before.height), gap
        else:
            measured, modelled = after.top - columns[after.column].content_box_y(), lead
        if abs(measured - modelled) > 0.5:
            return False
        if index:
            gaps.append(gap)
        leads.append(lead)
    total = len(units)
    unit_sums, gap_sums = [0.0], [0.0]  # prefix sums of the units' heights and gaps
    for unit, gap in zip(units, gaps):
        unit_sums.append(unit_sums[-1] + unit.height)
        gap_sums.append(gap_sums[-1] + gap)
    cuttable = [False] + [not _keeps_with_next(units[i - 1]) for i in range(1, total)] + [True]

    def span(start: int, end: int) -> float:  # a column holding units[start:end]
        return leads[start] + unit_sums[end] - unit_sums[start] + gap_sums[end] - gap_sums[start + 1]

    def ends(start: int, limit: float):  # where a column from START may end, shortest first
        for end in range(start + 1, total + 1):
            if span(start, end) > limit:
                return
            if cuttable[end]:
                yield end

    def fits(start: int, left: int, limit: float) -> bool:  # greedy: as full as allowed
        while start < total:
            if left == 0:
                return False
            last = None
            for last in ends(start, limit):
                pass
            if last is None:
                return False
            start, left = last, left - 1
        return True

    laid = [max(u.top + u.height for u in units if u.column == c) - columns[c].content_box_y()
            for c in range(count)]
    low, high = max(u.height for u in units), max(laid)
    if not fits(0, count, high + 0.01):
        return False
    for _ in range(40):
        middle = (low + high) / 2
        low, high = (low, middle) if fits(0, count, middle) else (middle, high)
    # A column may run a quarter of a line past the shortest possible longest one: line
    # heights differ by hundredths of a point (a Latin font's taller line), and the fuller
    # columns should come first.
    lines = sorted(u.height for u in units if isinstance(u.box, boxes.LineBox)) or \
        [min(u.height for u in units)]
    line = lines[len(lines) // 2]
    limit = high + 0.25 * line
    cuts, start = [], 0
    for left in range(count, 1, -1):
        target = span(start, total) / left
        options = list(ends(start, limit))
        options = sorted(options, key=lambda end: (span(start, end) < target - 0.5,
                                                   abs(span(start, end) - target)))
        chosen = next((end for end in options
                       if total - end >= left - 1 and fits(end, left - 1, limit)), None)
        if chosen is None:
            return False
        cuts.append(chosen)
        start = chosen
    bounds = [0, *cuts, total]
    if bounds == [0, *[i for i in range(1, total) if units[i].column != units[i - 1].column], total]:
        return False  # the columns WeasyPrint made
    planned = [span(a, b) for a, b in zip(bounds, bounds[1:])]
    spread, laid_spread = max(planned) - min(planned), max(laid) - min(laid)
    slack = 0.5  # pt: hundredths of a point between two lines' heights are no difference

    def fuller_first(heights: list[float]) -> bool:
        return all(a >= b - slack for a, b in zip(heights, heights[1:]))

    if not (spread < laid_spread - slack or (abs(spread - laid_spread) <= slack
                                             and fuller_first(planned) and not fuller_first(laid))):
        return False  # no more even than WeasyPrint's, nor the fuller columns more to the front
    for number, (start, end) in enumerate(zip(bounds, bounds[1:])):
        y = columns[number].content_box_y() + leads[start]
        for index in range(start, end):
            unit = units[index]
            if index > start:
                y += gaps[index]
            unit.box.translate(columns[number].position_x - columns[unit.column].position_x,
                               y - unit.top)
            y += unit.height
    return True


def column_groups(page_box):
    """The column boxes of every multi-column box on a WeasyPrint page, a list per run of
    columns (a spanning headline between two runs starts a new one)."""
    pending = [page_box]
    while pending:
        box = pending.pop()
        children = list(getattr(box, "children", ()))
        pending += children
        group: list = []
        for child in [*children, None]:
            if child is not None and child.is_column:
                group.append(child)
                continue
            if len(group) > 1:
                yield group
            group = []


def balance_columns(document) -> tuple[int, int]:
    """Balance every multi-column box of DOCUMENT (a rendered WeasyPrint Document) in place:
    (column groups changed, column groups seen). A page whose lines moved is made anew from
    its boxes, so that its links and anchors are where its lines now are."""
    from weasyprint.formatting_structure import boxes

    changed = seen = 0
    for index, page in enumerate(document.pages):
        moved = False
        for group in column_groups(page._page_box):
            seen += 1
            if _balance_group(group, boxes):
                changed += 1
                moved = True
        if moved:
            document.pages[index] = type(page)(page._page_box)
    return changed, seen


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
    size_css, width_mm, height_mm = _parse_page_size(page_size or ("A4" if profile == "screen" else "A3"))
    epoch = source_date_epoch()
    weasyprint, font_config = _environment()

    source = read_input(tei_path, "TEI file")  # refuses a folder, a device, a huge file
    tree = parse_untrusted(source, name=str(tei_path))
    if tree.getroot().tag not in (f"{{{TEI_NS}}}TEI", f"{{{TEI_NS}}}teiCorpus"):
        raise InputError("not a TEI document (the root element is not TEI in the TEI namespace)",
                         tei_path)
    meta = _header_meta(tree, tei_path, epoch)
    page = _print_page(tree, profile)

    fetcher = _AssetsOnlyFetcher([assets_dir(), *allow_dirs])
    options = {}
    color_profiles = None
    if profile == "archive":
        options.update(pdf_variant="pdf/a-3b", pdf_tags=True)
    elif profile == "screen":
        options.update(pdf_tags=True)
    else:  # print: PDF/X-4 for a press, CMYK output intent
        options.update(pdf_variant="pdf/x-4")
        color_profiles = {"device-cmyk": _press_profile()}

    warnings: list[str] = []
    handler = _Collect(warnings)
    _LOG.addHandler(handler)
    try:
        # Layout and drawing both inside: drawing re-creates every text's Pango layout.
        with cjk_typesetting() as inter_character:
            started = time.perf_counter()
            # The composition is planned from estimated heights; if a sheet overflowed
            # after all, it is planned again for a little less room (rare: the estimates
            # leave a line or two of slack per module).
            for capacity in CAPACITY_TRIES:
                html, composition = _composed_html(page, profile, width_mm, height_mm, capacity)
                stylesheets = [_stylesheet(("file", "print.css")),
                               _stylesheet(("page", _page_css(profile, size_css, composition)))]
                # Relative URLs in the TEI (page images) resolve beside the TEI file; they
                # are read only if the caller allows that directory (allow_dirs).
                document = weasyprint.HTML(
                    string=html, base_url=tei_path.resolve().parent.as_uri() + "/",
                    url_fetcher=fetcher).render(font_config=font_config,
                                                stylesheets=stylesheets,
                                                color_profiles=dict(color_profiles or {}),
                                                **options)
                if not composition.newspaper or len(document.pages) <= composition.sheet_count:
                    break
                _LINES.clear()
            if inter_character:  # (its WeasyPrint internals are checked with the others)
                balance_columns(document)
            layout_seconds = time.perf_counter() - started
            if fetcher.refused:
                raise RenderError(_refused_message(fetcher.refused, tei_path))
            started = time.perf_counter()
            document.metadata = _document_metadata(meta, profile, _identifier(source, profile))
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
                     notices=_once([typesetting_support().notice]),
                     modules=composition.modules() if composition.newspaper else [],
                     body_pt=composition.grid.body_pt)


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


def _print_page(tree, profile: str):
    """print.xsl's HTML for the page, as a tree (composed before it is serialised)."""
    from .transform import transform

    return transform(tree, "print", profile=profile).getroot()


CAPACITY_TRIES = (1.0, 0.96, 0.92)


def _tei_body(page):
    found = page.xpath("//*[contains(concat(' ', normalize-space(@class), ' '), ' tei-body ')]")
    return found[0] if found else None


def _composed_html(page, profile: str, width_mm: float, height_mm: float,
                   capacity: float) -> tuple[str, Composition]:
    """The print HTML with the page composed (archive and print: a newspaper page; screen:
    one story after another), and the composition.

    The body size is 五号 unless 小五 needs fewer sheets (BODY_SIZES)."""
    newspaper = profile in ("archive", "print")
    chosen = None
    for body_pt in (BODY_SIZES if newspaper else BODY_SIZES[:1]):
        grid = grid_for(profile, width_mm, height_mm, body_pt)
        work = copy.deepcopy(page)
        body = _tei_body(work)
        if body is None:
            composition = Composition(grid, [_Sheet()], newspaper)
        else:
            composition = compose(body, grid, newspaper=newspaper, capacity_factor=capacity)
        if chosen is None or composition.sheet_count < chosen[1].sheet_count:
            chosen = (work, composition, body)
    work, composition, body = chosen
    if body is not None:
        apply_composition(body, composition)
    return "<!DOCTYPE html>\n" + etree.tostring(work, method="html", encoding="unicode"), composition


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
    # PDF/X: an output condition that is no registered characterization is "Custom", and
    # says what it is (the embedded profile is what a press uses).
    for intent in pdf.catalog.get("OutputIntents", ()):
        if intent.get("S") == "/GTS_PDFX":
            name = intent["Info"]
            intent["OutputConditionIdentifier"] = pydyf.String("Custom")
            intent["OutputCondition"] = name
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
        pdf.save(out, deterministic_id=True)  # the same TEI, the same bytes
        return out.getvalue()
