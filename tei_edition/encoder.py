"""Raw page text to TEI: the encode stage, callable from Python.

    >>> from tei_edition import encode_path
    >>> result = encode_path("seeds/page.txt")        # sidecar: seeds/page.toml if present
    >>> result.xml_bytes                               # valid, lossless TEI P5

The result is checked before it is returned: every non-space character of the source
(but the extractor's `#` heading markers) is in the TEI text in order, and the TEI is
valid against the project's schema. If either ever fails, nothing is written.
"""

from __future__ import annotations

import stat
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from .clock import build_day
from .errors import EncodingCheckError, InputError, OutputError, display_path
from .ingest.blocks import HEADING, split_blocks, strip_markers
from .ingest.decode import DecodedText, decode_bytes, read_source
from .ingest.roles import apply_corrections, apply_splits, assign_roles, cut_blocks
from .ingest import patterns as pat
from .ingest.sidecar import compile_marker, default_sidecar, load_sidecar, named_profile
from .ingest.structure import build_page
from .master import backup, read_master, sha256
from .model import Metadata, Page
from .tei import build_tei, check_lossless, serialize, stamp
from .xmlio import (MAX_INPUT_BYTES, MAX_TEXT_BYTES, parse_untrusted, read_input, same_file,
                    write_atomic)


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

    def review(self) -> list:
        """Every decision made with low or medium certainty, in source order
        (tei_edition.ingest.review: what an editor checks, and the correction that
        reverses each)."""
        from .ingest.review import review

        return review(self.page)

    def review_text(self) -> str:
        """The review list as text, each entry starting SOURCE:LINE:."""
        from .ingest.review import format_review

        return format_review(self.review(), Path(self.source).name)

    def summary(self) -> str:
        p = self.page
        repeats = p.repeats_exact + p.repeats_near + p.article_repeats
        return (f"{len(p.articles)} articles, {p.joins} joins, {repeats} repeats, {p.gaps} gaps, "
                f"{len(p.applied)} editorial corrections")


def encode_path(source: str | Path, sidecar: str | Path | None = None, *, when: str | None = None,
                validate: bool = True, root: str | Path | None = None,
                profile: str | Path | None = None) -> EncodeResult:
    """Encode the text file SOURCE with its sidecar (default: SOURCE's stem + .toml, if any).

    ROOT is where a paper profile the sidecar names may lie (default: the current folder);
    PROFILE is a paper profile to use as if the sidecar named it."""
    source = Path(source)
    decoded = read_source(source)
    meta = load_sidecar(Path(sidecar) if sidecar is not None else None, source,
                        root=Path(root) if root is not None else None,
                        profile=Path(profile) if profile is not None else None)
    if meta.sidecar_path and meta.sidecar_sha256 is None:
        meta.sidecar_sha256 = sha256(read_input(meta.sidecar_path, "sidecar"))
    return encode(decoded, meta, name=str(source), when=when, validate=validate)


def _existing_file(path: Path) -> bool:
    """Whether PATH is an existing file. A path that cannot be one (a name too long, a
    folder that is a file) is not: write_atomic then says why it cannot be written."""
    try:
        return stat.S_ISREG(path.stat().st_mode)
    except OSError:
        return False


class EditedMasterError(InputError):
    """The TEI to be written exists and is not the encoder's own untouched output."""


@dataclass
class WriteOutcome:
    """What encode_to_file did with TARGET."""

    target: Path
    action: str                      # encoded | replaced | current
    result: EncodeResult | None = None
    backup: Path | None = None       # the edited TEI kept before a forced replacement


def encode_to_file(source: str | Path, target: str | Path, sidecar: str | Path | None = None, *,
                   when: str | None = None, force: bool = False,
                   keep_current: bool = False, force_hint: str = "with --force",
                   root: str | Path | None = None) -> WriteOutcome:
    """Encode SOURCE into the TEI file TARGET without ever losing an editor's work.

    TARGET is written when it does not exist or is exactly what the encoder wrote
    (tei_edition/master.py); an edited TARGET is replaced only with force, after a
    numbered backup (TARGET.~N~). With keep_current, a TARGET made from exactly these
    source, sidecar and profile bytes is kept as it is, edited or not: the TEI is the master.
    Raises EditedMasterError when TARGET was edited and may not be replaced (force_hint
    says how to force it); never writes over the source or the sidecar.
    """
    source, target = Path(source), Path(target)
    sidecar_path = Path(sidecar) if sidecar is not None else default_sidecar(source)
    root = Path(root) if root is not None else None
    inputs = [source] + ([sidecar_path] if sidecar_path.exists() else [])
    profile = named_profile(sidecar_path, root) if len(inputs) > 1 else None
    inputs += [profile] if profile else []
    for given in inputs:
        if same_file(target, given):
            raise OutputError(f"is an input of this command ({given}); writing there would "
                              f"destroy it: choose another output", target)
    existing = None
    if _existing_file(target):
        try:
            existing = read_master(target)
        except OSError as exc:
            raise OutputError(f"cannot read the existing TEI: {exc.strerror}", target) from None
    if existing is not None and keep_current and not force:
        sidecar_hash = sha256(read_input(sidecar_path, "sidecar")) if len(inputs) > 1 else None
        profile_hash = sha256(read_input(profile, "profile")) if profile else None
        if existing.made_from(sha256(read_input(source)), sidecar_hash, profile_hash):
            return WriteOutcome(target, "current")
    if existing is not None and not existing.pristine and not force:
        changed = " and its source has changed since" if keep_current else ""
        raise EditedMasterError(
            f"was edited by hand (it is not the encoder's untouched output){changed}: kept as "
            f"it is, not re-encoded. To start again from {source}, re-encode it deliberately "
            f"{force_hint}; the edited file is then kept as {target.name}.~N~", target)
    result = encode_path(source, sidecar, when=when, root=root)
    kept = backup(target) if existing is not None and not existing.pristine else None
    write_atomic(target, result.xml_bytes, inputs=inputs)
    return WriteOutcome(target, "replaced" if existing is not None else "encoded", result, kept)


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
    # RE2: matching time linear in the line, whatever pattern a sidecar holds.
    marker = compile_marker(meta.page_marker) if meta.page_marker else None
    blocks = split_blocks(text.text, page_marker=marker, blank_run=meta.page_break_blank_lines)
    if not any(b.text.strip() and not b.page_break for b in blocks):
        raise InputError("no text to encode (only page breaks or markers)", name)
    for block in blocks:
        size = len(block.text.encode("utf-8"))
        if size > MAX_TEXT_BYTES:
            # The TEI could not be read back: XML parsers refuse such a text node.
            raise InputError(f"a paragraph of {size / 1e6:.0f} MB, longer than the "
                             f"{MAX_TEXT_BYTES / 1e6:.0f} MB an XML parser reads in one piece: "
                             f"is this page text, with blank lines between paragraphs?",
                             name, block.start_line)
    _number_pages(blocks, meta.page)
    blocks = apply_splits(blocks, meta.corrections, label)
    blocks = cut_blocks(blocks)
    apply_corrections(blocks, meta.corrections, label)
    assign_roles(blocks)
    page = build_page(blocks, label, meta.date)
    _record_corrections(page, meta)

    marker_count = sum(1 for line in text.text.split("\n") if HEADING.match(line))
    tree = build_tei(page, meta, label=name, source_name=display_path(Path(name).name), encoding=text.encoding,
                     sha256=text.sha256, crlf=text.crlf, when=build_day(when),
                     marker_count=marker_count)
    check_lossless(tree, strip_markers(text.text), name)
    if validate:
        _validate(tree, name)
    stamp(tree)
    _check_readable(tree, name)
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
        if block.page_n is None and current and current.isdecimal():
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


def _check_readable(tree: etree._ElementTree, name: str) -> None:
    """What the encoder writes, the rest of the toolkit must be able to read (same parser,
    same limits): never write a TEI that `validate` would refuse. The page text's blocks
    are checked for size before encoding, but a sidecar's values are not (a newspaper
    title of 11 MB makes a text node longer than the parser reads), nor is the whole TEI
    against the size every reader accepts (xmlio.MAX_INPUT_BYTES). Such input is refused
    here, as input (exit 2), before anything is written."""
    data = serialize(tree)
    if len(data) > MAX_INPUT_BYTES:
        raise InputError(f"the TEI made from it would be {len(data) / 1e6:.0f} MB, more than the "
                         f"{MAX_INPUT_BYTES / 1e6:.0f} MB the toolkit reads as input: split the "
                         f"page text into several files", name)
    try:
        parse_untrusted(data, name=name)
    except InputError as exc:
        raise InputError(f"the TEI made from it could not be read back ({exc.message}): a "
                         f"sidecar value or a paragraph is longer than an XML parser reads in "
                         f"one piece; nothing was written", name) from None


def _validate(tree: etree._ElementTree, name: str) -> None:
    from .validation import validate_tree

    problems = validate_tree(tree, path=name)
    if problems:
        first = problems[0]
        # The writer stamps each element with the source line of the block it came from.
        where = f"at source line {first.line}" if first.line else "in the TEI header"
        raise EncodingCheckError(
            f"the encoder produced TEI that its own schema rejects {where} ({len(problems)} "
            f"problem{'s' * (len(problems) != 1)}; first: {first.message} [{first.rule}]). "
            f"This is a bug in tei-edition; nothing was written.", name, first.line)
