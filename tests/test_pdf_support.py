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
