"""Runs the project's XSLT 1.0 stylesheets (lxml/libxslt) under access control.

Stylesheets are compiled once per process. While compiling, only files inside the
stylesheet directory may be imported; while transforming, no file or network access
is allowed at all (document(), xsl:result-document, ...).
"""

from __future__ import annotations

import threading
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

from lxml import etree

from .errors import RenderError
from .resources import xslt_dir

# Neither read nor write, file nor network, while a stylesheet runs on untrusted TEI.
NO_ACCESS = etree.XSLTAccessControl.DENY_ALL

# Extension functions the stylesheets may call (each guarded by function-available(), so
# the stylesheets still run, more slowly, in any other XSLT 1.0 processor).
EXTENSIONS_NS = "urn:tei-edition:xslt"


class ElementNumbers:
    """tex:element-number(node): the 1-based position of an element among all elements of
    its document, in document order - the value of count(preceding::*) + count(ancestor::*)
    + 1, which XSLT 1.0 can only compute by walking the document once per call (so 30,000
    anonymous divisions took minutes). Numbered once per document, then looked up."""

    def __init__(self) -> None:
        self._local = threading.local()

    def __call__(self, _context, nodes) -> float:
        if not nodes or not isinstance(nodes[0], etree._Element):
            return float("nan")
        node = nodes[0]
        root = node.getroottree().getroot()
        cached = getattr(self._local, "numbers", None)
        if cached is None or cached[0] is not root:
            cached = (root, {el: n for n, el in enumerate(root.iter(etree.Element), start=1)})
            self._local.numbers = cached
        return float(cached[1].get(node, float("nan")))

    def forget(self) -> None:
        """Drop the numbering (and the reference to the last document)."""
        self._local.numbers = None


element_numbers = ElementNumbers()
EXTENSIONS = {(EXTENSIONS_NS, "element-number"): element_numbers}


class PhraseBreaks:
    """tex:phrase-breaks(text, container?): TEXT with U+E000 at each place a browser may
    break it as a headline (html.xsl's te-wbr puts a <wbr> there), and a no-break space
    for each space it may not break at (tei_edition/phrases.py web_breaks: between
    phrases and words, never inside a word, no line of one or two characters). A string
    costs the transform less than elements made here and copied in; a U+E000 (private
    use) already in the text is dropped, so every one in the answer is a break.

    TEXT is a string, or a text node of CONTAINER (a head): the places are found in the
    container's whole text, since a word may run across inline markup, and the part that
    falls in this text node is returned."""

    MARK = "\ue000"

    def __call__(self, _context, text, container=None):
        from .phrases import web_breaks

        node = text[0] if isinstance(text, list) and text else text
        value = str(node) if node is not None and not isinstance(node, list) else ""
        offset, whole = 0, value
        if isinstance(container, list) and container and hasattr(node, "getparent"):
            found = _text_offset(container[0], node)
            if found is not None:
                offset, whole = found
        breaks = web_breaks(whole)
        if (not breaks.wbr and not breaks.held) and self.MARK not in value:
            return value
        out: list[str] = []
        for index, char in enumerate(value):
            at = offset + index
            if at in breaks.wbr and (index or at):
                out.append(self.MARK)
            if char != self.MARK:
                out.append("\u00a0" if at in breaks.held else char)
        return "".join(out)


def _text_offset(container: etree._Element, node) -> tuple[int, str] | None:
    """Where text node NODE starts in CONTAINER's text, and that whole text."""
    owner, is_tail = node.getparent(), bool(getattr(node, "is_tail", False))
    parts: list[str] = []
    found: list[int] = []

    def walk(element: etree._Element) -> None:
        if isinstance(element.tag, str):        # not a comment or processing instruction
            if element is owner and not is_tail:
                found.append(sum(map(len, parts)))
            parts.append(element.text or "")
            for child in element:
                walk(child)
        if element is not container:
            if element is owner and is_tail:
                found.append(sum(map(len, parts)))
            parts.append(element.tail or "")

    walk(container)
    return (found[0], "".join(parts)) if found else None


phrase_breaks = PhraseBreaks()
# The web layer breaks headlines with <wbr> (a browser lays them out at every width); the
# print layer's headlines are broken by tei_edition/pdf.py at the width of their column,
# so print.xsl is compiled without this function and its heads carry no <wbr>.
WEB_EXTENSIONS = {**EXTENSIONS, (EXTENSIONS_NS, "phrase-breaks"): phrase_breaks}


class StylesheetResolver(etree.Resolver):
    """Resolves xsl:import/xsl:include inside the stylesheet directory, refuses all else."""

    def __init__(self, root: Path):
        super().__init__()
        self.root = root.resolve()

    def resolve(self, url, pubid, context):
        parts = urlsplit(url)
        if parts.scheme == "file":
            local = unquote(parts.path)
        elif parts.scheme == "" or len(parts.scheme) == 1:   # a path (or C:\ on Windows)
            local = url
        else:
            raise etree.XSLTParseError(f"stylesheet outside {self.root} refused: {url}")
        target = Path(local).resolve()
        if self.root in target.parents or target == self.root:
            return self.resolve_filename(str(target), context)
        raise etree.XSLTParseError(f"stylesheet outside {self.root} refused: {url}")


def compile_stylesheet(path: Path, root: Path, extensions: dict | None = None) -> etree.XSLT:
    """Compile the stylesheet at PATH, which may import only files under ROOT, to run with
    no file or network access. Raises RenderError naming what went wrong."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    parser.resolvers.add(StylesheetResolver(root))
    try:
        doc = etree.parse(str(path), parser)
        return etree.XSLT(doc, access_control=NO_ACCESS,
                          extensions=EXTENSIONS if extensions is None else extensions)
    except (etree.XSLTParseError, etree.XMLSyntaxError, OSError) as exc:
        raise RenderError(f"stylesheet cannot be compiled: {exc}", path) from None


@lru_cache(maxsize=None)
def stylesheet(name: str) -> etree.XSLT:
    """Compile `xslt/NAME.xsl` once per process."""
    root = xslt_dir()
    path = root / f"{name}.xsl"
    if not path.exists():
        raise RenderError(f"stylesheet not found: {path}")
    return compile_stylesheet(path, root, WEB_EXTENSIONS if name == "html" else EXTENSIONS)


def run(xslt: etree.XSLT, tree, **params) -> etree._XSLTResultTree:
    """Apply a compiled stylesheet; params are XPath expressions (already quoted)."""
    try:
        return xslt(tree, **params)
    finally:
        element_numbers.forget()


def html_bytes(result: etree._XSLTResultTree) -> bytes:
    """A web page as the file to write. libxml2 serialises HTML by the HTML 4 table, which
    does not know that <wbr> (a headline's break opportunity) is void, and writes a
    </wbr> that HTML5 forbids; it is dropped. ("</wbr>" cannot stand in text or an
    attribute value: the serialiser escapes their "<".)"""
    return bytes(result).replace(b"</wbr>", b"")


def transform(tei: etree._ElementTree, name: str, **params: str) -> etree._XSLTResultTree:
    """Apply stylesheet NAME to a TEI tree; string params are quoted for XSLT."""
    xslt = stylesheet(name)
    quoted = {key.replace("_", "-"): etree.XSLT.strparam(str(value)) for key, value in params.items()}
    try:
        return run(xslt, tei, **quoted)
    except etree.XSLTApplyError as exc:
        raise RenderError(f"{name}.xsl failed: {exc}") from None
