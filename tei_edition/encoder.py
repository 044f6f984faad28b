"""Raw page text to TEI: the encode stage, callable from Python.

    >>> from tei_edition import encode_path
    >>> result = encode_path("seeds/page.txt")        # sidecar: seeds/page.toml if present
    >>> result.xml_bytes                               # valid, lossless TEI P5

The result is checked before it is returned: every non-space character of the source
(but the extractor's `#` heading markers) is in the TEI text in order, and the TEI is
valid against the project's schema. If either ever fails, nothing is written.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path

from lxml import etree

from .errors import EncodingCheckError, InputError
from .ingest.blocks import HEADING, split_blocks, strip_markers
from .ingest.decode import DecodedText, decode_bytes, read_source
from .ingest.roles import apply_corrections, apply_splits, assign_roles
from .ingest.sidecar import load_sidecar
from .ingest import patterns as pat
from .ingest.structure import build_page
from .model import Metadata, Page
from .tei import build_tei, check_lossless, serialize


@dataclass
class EncodeResult:
    tree: etree._ElementTree
    page: Page
    meta: Metadata
    source: str
    notices: list[str] = field(default_factory=list)

    @property
    def xml_bytes(self) -> bytes:
        return serialize(self.tree)

    def summary(self) -> str:
        p = self.page
        repeats = p.repeats_exact + p.repeats_near + p.article_repeats
        return (f"{len(p.articles)} articles, {p.joins} joins, {repeats} repeats, {p.gaps} gaps, "
                f"{len(p.applied)} editorial corrections")


def _today(when: str | None) -> str:
    if when:
        try:
            return date.fromisoformat(when).isoformat()
        except ValueError:
            raise InputError(f"--when '{when}' is not a date in the form YYYY-MM-DD") from None
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), tz=timezone.utc).date().isoformat()
    return date.today().isoformat()


def encode_path(source: str | Path, sidecar: str | Path | None = None, *, when: str | None = None,
                validate: bool = True) -> EncodeResult:
    """Encode the text file SOURCE with its sidecar (default: SOURCE's stem + .toml, if any)."""
    source = Path(source)
    decoded = read_source(source)
    meta = load_sidecar(Path(sidecar) if sidecar is not None else None, source)
    return encode(decoded, meta, name=str(source), when=when, validate=validate)


def encode(text: str | bytes | DecodedText, meta: Metadata | None = None, *, name: str = "<text>",
           when: str | None = None, validate: bool = True) -> EncodeResult:
    """Encode decoded text (or raw bytes) with metadata from a sidecar (or defaults)."""
    if isinstance(text, bytes):
        text = decode_bytes(text, name)
    elif isinstance(text, str):
        text = decode_bytes(text.encode("utf-8"), name)
    meta = meta or Metadata(defaults_used=["no sidecar: newspaper, date and page unknown"])
    if not meta.language:
        meta.language = detect_language(text.text)
        meta.defaults_used.append(f"language {meta.language}, detected from the text "
                                  f"(set [newspaper] language in the sidecar to change it)")
    label = meta.sidecar_path or name
    marker = re.compile(meta.page_marker) if meta.page_marker else None
    blocks = split_blocks(text.text, page_marker=marker, blank_run=meta.page_break_blank_lines)
    if not any(b.text.strip() and not b.page_break for b in blocks):
        raise InputError("no text to encode (only page breaks or markers)", name)
    _number_pages(blocks, meta.page)
    blocks = apply_splits(blocks, meta.corrections, label)
    apply_corrections(blocks, meta.corrections, label)
    assign_roles(blocks)
    page = build_page(blocks, label, meta.date)
    _record_corrections(page, meta)

    marker_count = sum(1 for line in text.text.split("\n") if HEADING.match(line))
    tree = build_tei(page, meta, label=name, source_name=Path(name).name, encoding=text.encoding,
                     sha256=text.sha256, crlf=text.crlf, when=_today(when),
                     marker_count=marker_count)
    check_lossless(tree, strip_markers(text.text), name)
    if validate:
        _validate(tree, name)
    return EncodeResult(tree=tree, page=page, meta=meta, source=name,
                        notices=list(meta.defaults_used))


def detect_language(text: str) -> str:
    """zh-Hans or zh-Hant by characters only one script uses; `und` for other scripts."""
    han = sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff")
    letters = sum(1 for ch in text if ch.isalpha())
    if not letters:
        return "zh-Hans"
    if han < 0.2 * letters:
        latin = sum(1 for ch in text if ch.isascii() and ch.isalpha())
        return "und-Latn" if latin > 0.8 * letters else "und"
    traditional = sum(1 for ch in text if ch in pat.TRADITIONAL_ONLY)
    simplified = sum(1 for ch in text if ch in pat.SIMPLIFIED_ONLY)
    return "zh-Hant" if traditional > simplified else "zh-Hans"


def _number_pages(blocks, first: str) -> None:
    """Count pages on from the sidecar's page number where no marker gives one."""
    current = first
    for block in blocks:
        if not block.page_break:
            continue
        if block.page_n is None and current and current.isdigit():
            block.page_n = str(int(current) + 1)
        current = block.page_n or ""


def _record_corrections(page: Page, meta: Metadata) -> None:
    for correction in meta.corrections:
        for block in correction.matched:
            parts = []
            if correction.split_at:
                parts.append(f"split before '{correction.split_at}'")
            if correction.role:
                parts.append(f"role {correction.role}")
            if correction.attach:
                parts.append(f"attached to the {correction.attach} article")
            if correction.join is not None:
                parts.append("joined to the preceding block" if correction.join else
                             "not joined to the preceding block")
            if correction.repeat_of is not None:
                parts.append(f"a repeat of line {correction.repeat_of}")
            if correction.repeat is False:
                parts.append("not a repeat")
            if correction.missing_start:
                parts.append("start not missing" if correction.missing_start == "none" else
                             f"missing start ({correction.missing_start})")
            page.applied.append((correction, f"the block at {block.lines} ('{block.preview()}'): "
                                             + ", ".join(parts)))


def _validate(tree: etree._ElementTree, name: str) -> None:
    from .validate import validate_tree

    problems = validate_tree(tree, path=name)
    if problems:
        first = problems[0]
        # The writer stamps each element with the source line of the block it came from.
        where = f"at source line {first.line}" if first.line else "in the TEI header"
        raise EncodingCheckError(
            f"the encoder produced TEI that its own schema rejects {where} ({len(problems)} "
            f"problem{'s' * (len(problems) != 1)}; first: {first.message} [{first.rule}]). "
            f"This is a bug in tei-edition; nothing was written.", name, first.line)
