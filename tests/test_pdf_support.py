"""Shared helpers for the PDF tests (imported by test_pdf*.py; holds no tests itself)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from lxml import etree

TEI = "http://www.tei-c.org/ns/1.0"
NS = {"tei": TEI}
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"

# Chinese typesetting rules (GB/T 15834 and the W3C's clreq): these may not start a line...
CLOSING = set("，。、；：？！）」』”’》〉】〕〗…｝］")
# ... and these may not end one.
OPENING = set("（「『“‘《〈【〔〖｛［")

LOOKALIKE_RANGES = ((0x2F00, 0x2FDF), (0x2E80, 0x2EFF))  # Kangxi radicals, CJK radicals supp.



def require_tool(name: str) -> str:
    path = shutil.which(name)
    assert path, f"{name} (poppler-utils) is needed by the PDF tests"
    return path


def pdftotext(pdf: Path, *args: str) -> str:
    result = subprocess.run([require_tool("pdftotext"), "-enc", "UTF-8", *args, str(pdf), "-"],
                            capture_output=True, check=True, timeout=60)
    return result.stdout.decode("utf-8")


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def printed_paragraphs(tei_path: Path) -> list[tuple[str, list[str]]]:
    """(article id, [paragraph text]) for every article print shows, in document order.

    Repeats (@copyOf, or inside a repeated article) are left out, as print leaves them out.
    """
    tree = etree.parse(str(tei_path))
    out = []
    for div in tree.iterfind(".//tei:body//tei:div[@type='article']", NS):
        if div.get("copyOf") or div.xpath("ancestor::tei:div[@copyOf]", namespaces=NS):
            continue
        paras = []
        for p in div.iterfind(".//tei:p", NS):
            if p.get("copyOf") or p.xpath("ancestor::tei:figure", namespaces=NS):
                continue
            paras.append(squash("".join(p.xpath(".//text()[not(ancestor::tei:figDesc)]",
                                                namespaces=NS))))
        out.append((div.get(XML_ID), [p for p in paras if p]))
    return out


def layout_lines(pdf: Path) -> list[dict]:
    """Every text line pdftotext finds, with its page, box and text."""
    root = etree.fromstring(pdftotext(pdf, "-bbox-layout").encode("utf-8"),
                            etree.XMLParser(recover=True, resolve_entities=False, no_network=True))
    ns = {"h": "http://www.w3.org/1999/xhtml"}
    lines = []
    for number, page in enumerate(root.iterfind(".//h:page", ns), 1):
        for line in page.iterfind(".//h:line", ns):
            words = line.findall("h:word", ns)
            lines.append({
                "page": number,
                "x0": float(line.get("xMin")), "x1": float(line.get("xMax")),
                "y0": float(line.get("yMin")), "y1": float(line.get("yMax")),
                "text": "".join(w.text or "" for w in words),
                "words": [(float(w.get("xMin")), float(w.get("xMax")), w.text or "")
                          for w in words],
            })
    return lines


def body_text(pdf: Path, profile: str) -> str:
    """The text of the page bodies in content-stream order, without running heads/numbers.

    -raw keeps the order WeasyPrint draws in (column after column), which is the reading
    order; pdftotext's default mode guesses columns from geometry and interleaves short
    balanced columns. The crop drops the margin boxes (running head, page number) that
    would otherwise land inside a paragraph continued on the next page.
    """
    import pikepdf

    from tei_edition.pdf import PAGE_MARGINS_MM

    mm = 72 / 25.4
    with pikepdf.open(pdf) as doc:
        page = doc.pages[0]
        media = [float(v) for v in page.obj.MediaBox]
        trim = [float(v) for v in page.obj.TrimBox] if "/TrimBox" in page.obj else media
    top, _right, bottom, _left = PAGE_MARGINS_MM[profile]
    x = trim[0] - media[0]
    y = (media[3] - trim[3]) + (top - 1) * mm
    height = (trim[3] - trim[1]) - (top + bottom - 2) * mm
    return pdftotext(pdf, "-raw", "-r", "72", "-x", str(int(x)), "-y", str(int(y)),
                     "-W", str(int(trim[2] - trim[0]) + 1), "-H", str(int(height)))


# ---------------------------------------------------------------------------------------
# Glyph positions (pdfminer.six): poppler reads an /ActualText span as one string spread
# over the span, so it cannot show where each glyph sits; pdfminer ignores /ActualText
# and reports every glyph at its drawn position with its advance from the font's widths.


def glyph_lines(pdf: Path, min_gap_pt: float = 5.0) -> list[dict]:
    """Runs of glyphs on one baseline: {'page', 'y', 'glyphs': [(char, x0, x1, size)],
    'faces': {font names}}, left to right, pages in order and rows top down.

    A row of the page is cut where two glyphs are more than min_gap_pt apart: columns
    are at least a column gap apart, justified gaps far less.
    """
    from pdfminer.converter import PDFPageAggregator
    from pdfminer.layout import LTChar
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage

    def chars(item):
        if isinstance(item, LTChar):
            yield item
        elif hasattr(item, "__iter__"):
            for child in item:
                yield from chars(child)

    manager = PDFResourceManager()
    device = PDFPageAggregator(manager, laparams=None)  # no layout analysis: raw glyphs
    interpreter = PDFPageInterpreter(manager, device)
    lines = []
    with open(pdf, "rb") as handle:
        for number, page in enumerate(PDFPage.get_pages(handle), 1):
            interpreter.process_page(page)
            rows: dict[float, list] = {}
            faces = {}
            for char in chars(device.get_result()):
                # one row per baseline (the text matrix's origin): glyphs of two faces on
                # one line have different boxes (descents) but the same baseline
                glyph = (char.get_text(), char.x0, char.x1, round(char.size, 2))
                rows.setdefault(round(char.matrix[5], 1), []).append(glyph)
                faces[id(glyph)] = char.fontname.split("+")[-1]
            for y, row in sorted(rows.items(), reverse=True):
                row.sort(key=lambda g: g[1])
                segment = [row[0]]
                for glyph in row[1:]:
                    if glyph[1] - segment[-1][2] > min_gap_pt:
                        lines.append({"page": number, "y": y, "glyphs": segment,
                                      "faces": {faces[id(g)] for g in segment}})
                        segment = []
                    segment.append(glyph)
                lines.append({"page": number, "y": y, "glyphs": segment,
                              "faces": {faces[id(g)] for g in segment}})
    return lines


def glyph_segments(pdf: Path, min_gap_pt: float = 5.0) -> list[list[tuple[str, float, float, float]]]:
    """Runs of glyphs on one baseline, as [(char, x0, x1, size)], left to right
    (glyph_lines without the page and the baseline)."""
    return [line["glyphs"] for line in glyph_lines(pdf, min_gap_pt)]


# ---------------------------------------------------------------------------------------
# PDF/A: the Info dictionary and the XMP packet must say the same


PDFA_PAIRS = (("/Title", "dc:title"), ("/Author", "dc:creator"), ("/Subject", "dc:description"),
              ("/Keywords", "pdf:Keywords"), ("/Producer", "pdf:Producer"),
              ("/Creator", "xmp:CreatorTool"), ("/CreationDate", "xmp:CreateDate"),
              ("/ModDate", "xmp:ModifyDate"))
XMP_NS = {"rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
          "dc": "http://purl.org/dc/elements/1.1/", "xmp": "http://ns.adobe.com/xap/1.0/",
          "pdf": "http://ns.adobe.com/pdf/1.3/"}
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def xmp_properties(xmp: bytes) -> dict[str, object]:
    """{'dc:title': 'x-default text', 'dc:creator': [entries], 'xmp:CreateDate': '...'}:
    every property of the packet's rdf:Descriptions, written as attribute or element."""
    start, end = xmp.index(b"<x:xmpmeta"), xmp.rindex(b"</x:xmpmeta>") + len(b"</x:xmpmeta>")
    root = etree.fromstring(xmp[start:end], etree.XMLParser(resolve_entities=False, no_network=True))
    prefixes = {uri: prefix for prefix, uri in XMP_NS.items()}
    rdf = "{%s}" % XMP_NS["rdf"]

    def name(tag):
        uri, _, local = tag[1:].partition("}")
        return f"{prefixes.get(uri, uri)}:{local}"

    found: dict[str, object] = {}
    for description in root.iter(f"{rdf}Description"):
        for key, value in description.attrib.items():
            if not key.startswith(rdf):
                found[name(key)] = value
        for prop in description:
            container = prop.find("*")
            if container is None:
                found[name(prop.tag)] = prop.text or ""
            elif container.tag == f"{rdf}Alt":
                items = container.findall(f"{rdf}li")
                default = [li for li in items if li.get(_XML_LANG) == "x-default"] or items
                found[name(prop.tag)] = (default[0].text or "") if default else ""
            else:  # Seq, Bag
                found[name(prop.tag)] = [li.text or "" for li in container.findall(f"{rdf}li")]
    return found


def pdf_date(text: str):
    """'D:20261127080000+08'00'' -> an aware datetime; None without a time zone."""
    from datetime import datetime, timedelta, timezone

    match = re.fullmatch(r"D:(\d{4})(\d\d)?(\d\d)?(\d\d)?(\d\d)?(\d\d)?"
                         r"(?:(Z)(?:00'?00'?)?|([+-])(\d\d)'?(?:(\d\d)'?)?)?", text)
    if not match or not (match[7] or match[8]):
        return None
    year, month, day, hour, minute, second = (int(match[i] or d) for i, d in
                                              zip(range(1, 7), (0, 1, 1, 0, 0, 0)))
    zone = timezone.utc
    if match[8]:
        offset = timedelta(hours=int(match[9]), minutes=int(match[10] or 0))
        zone = timezone(offset if match[8] == "+" else -offset)
    return datetime(year, month, day, hour, minute, second, tzinfo=zone)


def xmp_date(text: str):
    from datetime import datetime

    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    return moment if moment.tzinfo else None


def metadata_disagreements(pdf_path: Path) -> list[str]:
    """Every PDF/A pair (ISO 19005-3 6.6.2.3, veraPDF's Info/XMP rules) on which the Info
    dictionary and the XMP disagree, one line each; [] when they agree."""
    import pikepdf

    with pikepdf.open(pdf_path) as pdf:
        info = {str(k): str(v) for k, v in pdf.docinfo.items()}
        xmp = xmp_properties(bytes(pdf.Root.Metadata.read_bytes()))
    problems = []
    for key, prop in PDFA_PAIRS:
        if key not in info and prop not in xmp:
            continue
        if key not in info or prop not in xmp:
            problems.append(f"{key} / {prop}: only one of them is there")
            continue
        ours, theirs = info[key], xmp[prop]
        if key in ("/CreationDate", "/ModDate"):
            a, b = pdf_date(ours), xmp_date(theirs)
            if a is None or b is None or a != b:
                problems.append(f"{key} {ours!r} is not the moment {prop} {theirs!r}")
        elif key == "/Author":
            if theirs != [ours]:
                problems.append(f"{key} {ours!r} is not the one entry of {prop} {theirs!r}")
        elif ours != theirs:
            problems.append(f"{key} {ours!r} != {prop} {theirs!r}")
    return problems
