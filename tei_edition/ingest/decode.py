"""Bytes to text: UTF-8 (with or without BOM) or GB18030, any line ends. Nothing else.

The only place that looks at raw bytes. Errors name the file, the line and what is wrong.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from ..xmlio import read_input

# Characters XML 1.0 cannot hold (besides the form feed, which we read as a page break).
NOT_XML = re.compile("[\x00-\x08\x0b\x0e-\x1f\ufffe\uffff]")
_LOOKS_LIKE = [
    (re.compile(rb"^\s*(<!doctype\s+html|<html[\s>])", re.I), "HTML; extract its text first"),
    (re.compile(rb"^\s*<\?xml|^\s*<[A-Za-z][\w:.-]*[\s>]"), "XML, not raw page text"),
    (re.compile(rb"^%PDF-"), "a PDF; extract its text first (pdftotext)"),
    (re.compile(rb"^PK\x03\x04"), "a ZIP archive (a DOCX or EPUB?); extract its text first"),
    (re.compile(rb"^\x89PNG|^\xff\xd8\xff|^GIF8|^II\*\x00|^MM\x00\*"), "an image; run OCR first"),
]


@dataclass
class DecodedText:
    text: str            # line ends normalised to \n, BOM removed
    encoding: str        # "UTF-8" | "UTF-8 with BOM" | "GB18030"
    crlf: bool
    sha256: str


def _line_col(data: bytes, offset: int) -> tuple[int, int]:
    """Line and column of a byte offset; the column counts characters where the line's
    start decodes (as an editor counts them), else bytes."""
    line = data.count(b"\n", 0, offset) + 1
    start = data.rfind(b"\n", 0, offset) + 1
    prefix = data[start:offset]
    for encoding in ("utf-8-sig" if start == 0 else "utf-8", "gb18030"):
        try:
            return line, len(prefix.decode(encoding)) + 1
        except UnicodeDecodeError:
            continue
    return line, offset - start + 1


def decode_bytes(data: bytes, label: str) -> DecodedText:
    import hashlib

    if not data.strip():
        raise InputError("empty file: no text to encode" if not data else
                         "the file holds only white space: no text to encode", label)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError("UTF-16 text is not supported; convert it to UTF-8", label, 1)
    for pattern, what in _LOOKS_LIKE:
        if pattern.search(data[:512]):
            raise InputError(f"this looks like {what}", label, 1)
    nul = data.find(b"\x00")
    if nul >= 0:
        line, col = _line_col(data, nul)
        raise InputError("binary data (a NUL byte): not a text file", label, line, col)

    encoding = "UTF-8"
    body = data
    if data.startswith(b"\xef\xbb\xbf"):
        encoding, body = "UTF-8 with BOM", data[3:]
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as utf8_error:
        if encoding != "UTF-8":
            # A BOM promised UTF-8: do not guess another encoding behind it.
            line, col = _line_col(data, utf8_error.start + 3)
            raise InputError(f"invalid UTF-8 after a UTF-8 byte-order mark "
                             f"(byte 0x{body[utf8_error.start]:02x})", label, line, col) from None
        try:
            text = data.decode("gb18030")
            encoding = "GB18030"
        except UnicodeDecodeError as gb_error:
            # The encoding that got further is the one the file is in; report where it broke.
            offset = max(utf8_error.start, gb_error.start)
            line, col = _line_col(data, offset)
            raise InputError(f"undecodable byte 0x{data[offset]:02x}: the text is neither "
                             f"UTF-8 nor GB18030", label, line, col) from None
        if not _plausible_gb18030(text):
            line, col = _line_col(data, utf8_error.start)
            raise InputError("not UTF-8, and as GB18030 it decodes to implausible characters: "
                             "binary data or another encoding", label, line, col)

    crlf = "\r\n" in text
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    bad = NOT_XML.search(text)
    if bad:
        before = text[: bad.start()]
        line = before.count("\n") + 1
        col = bad.start() - (before.rfind("\n") + 1) + 1
        raise InputError(f"control character U+{ord(bad.group()):04X} cannot be stored in XML "
                         f"(binary data?)", label, line, col)
    return DecodedText(text=text, encoding=encoding, crlf=crlf,
                       sha256=hashlib.sha256(data).hexdigest())


def _plausible_gb18030(text: str) -> bool:
    """GB18030 decodes most byte soup; real Chinese text is mostly common CJK and ASCII."""
    if not text:
        return False
    odd = 0
    for ch in text:
        cat = unicodedata.category(ch)
        if cat in ("Co", "Cn", "Cs") or (cat == "Cc" and ch not in "\n\r\t\f"):
            odd += 1
        elif "\u3400" <= ch <= "\u4dbf" or ord(ch) > 0xFFFF:
            odd += 1     # extension A and astral planes: rare in newspaper text
    return odd / len(text) < 0.02


def read_source(path: str | Path) -> DecodedText:
    return decode_bytes(read_input(path, "file"), str(path))
