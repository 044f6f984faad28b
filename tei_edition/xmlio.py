"""Reading untrusted input safely and writing outputs atomically.

TEI given to us may be hand-edited or come from elsewhere: no DTD is loaded, no entity
is resolved, nothing is fetched from the network or the file system while parsing. Each
of those is refused by its own layer (a parser option, and a resolver that refuses every
load), so that losing one layer loses no protection; tests check each layer alone.

Every file the toolkit reads goes through read_input (a size cap; no devices), and every
file it writes through write_atomic (a reader sees the old file or the whole new one).
"""

from __future__ import annotations

import errno
import os
import re
import stat
import sys
import tempfile
import tomllib
from pathlib import Path
from typing import BinaryIO, Iterable

from lxml import etree

from .errors import InputError, OutputError, display_path

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"

# The parser's own limits (libxml2's, without XML_PARSE_HUGE, which safe_parser keeps off):
# the longest text node, attribute value or comment, in UTF-8 bytes, and the deepest
# nesting of elements. The encoder must not write what the parser cannot read back.
MAX_TEXT_BYTES = 10_000_000
MAX_DEPTH = 256

# The largest file read as input (text, sidecar, TEI). A newspaper page is kilobytes; the
# cap bounds memory for a mistaken or hostile input (a 100 MB document, a pipe that never
# ends). Large enough for a whole issue of TEI several times over.
MAX_INPUT_BYTES = 64 * 1024 * 1024

# XMLParser options for untrusted XML. Each line is a separate protection, tested alone.
SAFE_PARSER_OPTIONS = dict(
    resolve_entities=False,   # an entity reference stays a reference, never its replacement
    no_network=True,          # libxml2 itself refuses http:// and ftp:// loads
    load_dtd=False,           # an external DTD (DOCTYPE SYSTEM "...") is not read
    dtd_validation=False,
    huge_tree=False,          # keep libxml2's limits: MAX_TEXT_BYTES, MAX_DEPTH, amplification
    remove_blank_text=False,
)


class NotWellFormedError(InputError):
    """The bytes are not well-formed XML (the error names line and column)."""


class UnsafeXmlError(InputError):
    """The document has a DOCTYPE: a DTD or entity declarations, refused for security."""


class RefuseAllResolver(etree.Resolver):
    """Refuses every external load libxml2 asks for (DTD, entity, XInclude, document())."""

    def resolve(self, url, pubid, context):  # noqa: D401 - lxml API
        raise etree.XMLSyntaxError(f"external resource refused: {url}", None, 0, 0)


def safe_parser(**options) -> etree.XMLParser:
    parser = etree.XMLParser(**{**SAFE_PARSER_OPTIONS, **options})
    parser.resolvers.add(RefuseAllResolver())
    return parser


# --------------------------------------------------------------------------------- reading

def read_toml(path: str | Path, what: str, error: type[InputError] = InputError
              ) -> tuple[str, dict]:
    """A TOML input (a sidecar, the project's configuration): its text and its tables, or
    one error naming the file, and the line and column where TOML says it went wrong."""
    label = str(path)
    try:
        raw = read_input(path, what, error).decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise error(f"{what} is not UTF-8 (byte 0x{exc.object[exc.start]:02x})", label) from None
    try:
        return raw, tomllib.loads(raw)
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
        message = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc))
        line, col = (int(match.group(1)), int(match.group(2))) if match else (None, None)
        raise error(f"not valid TOML: {message}", label, line, col) from None


def read_input(path: str | Path, what: str = "file", error: type[InputError] = InputError,
               limit: int = MAX_INPUT_BYTES) -> bytes:
    """The bytes of an input file, or one clear error naming it.

    Refused: a missing file, a folder, a device (/dev/zero would never end), a socket,
    and anything larger than LIMIT bytes. A pipe (`<(pdftotext ...)`, /dev/stdin) is read
    up to the limit.
    """
    path = Path(path)
    try:
        info = path.stat()
    except FileNotFoundError:
        raise error(f"no such {what}", path) from None
    except OSError as exc:
        raise error(f"cannot read the {what}: {_reason(exc)}", path) from None
    if stat.S_ISDIR(info.st_mode):
        raise error(f"is a directory, not a {what}", path)
    if stat.S_ISCHR(info.st_mode) or stat.S_ISBLK(info.st_mode):
        raise error(f"is a device, not a {what}", path)
    if not (stat.S_ISREG(info.st_mode) or stat.S_ISFIFO(info.st_mode)):
        raise error(f"is not a regular file (a socket?), not a {what}", path)
    if stat.S_ISREG(info.st_mode) and info.st_size > limit:
        raise error(_too_large(what, info.st_size, limit), path)
    try:
        with open(path, "rb") as handle:
            data = handle.read(limit + 1)
    except OSError as exc:
        raise error(f"cannot read the {what}: {_reason(exc)}", path) from None
    if len(data) > limit:
        raise error(_too_large(what, None, limit), path)
    return data


def _too_large(what: str, size: int | None, limit: int) -> str:
    mib = limit / (1024 * 1024)
    shown = f"{size / (1024 * 1024):.0f} MiB" if size is not None else "more than that"
    return f"the {what} is too large ({shown}; the limit is {mib:.0f} MiB)"


def _reason(exc: OSError) -> str:
    if exc.errno == errno.ENAMETOOLONG:
        return "the file name is too long"
    return exc.strerror or str(exc)


def parse_untrusted(source: str | Path | bytes, *, name: str | None = None,
                    collect_ids: bool = True) -> etree._ElementTree:
    """Parse XML from a path or bytes; refuse DTDs with entity declarations and external ids.

    Raises InputError naming the file, line and column of the first problem
    (NotWellFormedError, UnsafeXmlError for a DOCTYPE). With collect_ids=False a
    duplicate xml:id is left for a validator to report, rather than failing the parse.
    """
    label = name or (str(source) if not isinstance(source, bytes) else "<bytes>")
    if isinstance(source, (str, Path)):
        data = read_input(source, "file")
    else:
        data = source
    try:
        tree = etree.ElementTree(etree.fromstring(data, safe_parser(collect_ids=collect_ids)))
    except etree.XMLSyntaxError as exc:
        line, col = (exc.position if exc.position else (None, None))
        msg = exc.msg or str(exc)
        raise NotWellFormedError(f"not well-formed XML: {msg}", label, line, col) from None
    docinfo = tree.docinfo
    if docinfo.internalDTD is not None or docinfo.system_url or docinfo.public_id:
        # Any DTD can declare entities; TEI P5 uses none. Refuse rather than half-trust it.
        at = data.find(b"<!DOCTYPE")
        line = data.count(b"\n", 0, at) + 1 if at >= 0 else 1
        raise UnsafeXmlError("a DOCTYPE declaration is not allowed (entities and DTDs are "
                             "refused for security)", label, line, None)
    return tree


# --------------------------------------------------------------------------------- writing

def same_file(a: str | Path, b: str | Path) -> bool:
    """Whether two paths name one file (through symlinks and hard links alike)."""
    try:
        return os.path.samefile(a, b)
    except (OSError, ValueError):
        return False


def write_atomic(path: str | Path, data: bytes, *, inputs: Iterable[str | Path] = ()) -> None:
    """Write bytes to path so that a reader sees either the old file or the whole new one.

    The new content goes to a temporary file beside the target, which then replaces it.
    A symlink is followed (the file it names is replaced, the link kept). A character
    device or a pipe (-o /dev/null, -o /dev/stdout) is written directly: it has no old
    version to keep, and replacing it would destroy the device node. Raises OutputError
    (exit 2) for a target that is a directory, one of INPUTS (the command's own source),
    a block device or socket, a name too long, a full disk, a file too large.
    """
    path = Path(path)
    for source in inputs:
        if same_file(path, source):
            raise OutputError(f"is an input of this command ({display_path(source)}); "
                              f"writing there would destroy it: choose another output", path)
    try:
        info = path.stat()
    except (FileNotFoundError, NotADirectoryError):
        info = None                     # _make_parent says which part is missing or a file
    except OSError as exc:
        raise OutputError(f"cannot write: {_reason(exc)}", path) from None
    if info is not None:
        if stat.S_ISDIR(info.st_mode):
            raise OutputError("is a directory: give a file name", path)
        if stat.S_ISCHR(info.st_mode) or stat.S_ISFIFO(info.st_mode):
            _write_stream_path(path, data)
            return
        if not stat.S_ISREG(info.st_mode):
            raise OutputError("is a device or socket, not a file: refusing to write there", path)
    _make_parent(path.parent, path)
    target = Path(os.path.realpath(path))    # replace the file a symlink names, not the link
    # The temporary name stays short: a target name near the 255-byte limit must still work.
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name[:40]}.", suffix=".part",
                                   dir=target.parent)
    except OSError as exc:
        raise OutputError(f"cannot write: {_reason(exc)}", path) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        # mkstemp creates 0600; an edition is for web servers and colleagues to read.
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, target)
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        if isinstance(exc, OSError):
            raise OutputError(f"cannot write: {_reason(exc)}", path) from None
        raise


def _make_parent(parent: Path, path: Path) -> None:
    existing = parent
    while not os.path.lexists(existing) and existing.parent != existing:
        existing = existing.parent
    if os.path.lexists(existing) and not existing.is_dir():
        raise OutputError(f"cannot write: {display_path(existing)} is not a directory", path)
    try:
        parent.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise OutputError(f"cannot write: {display_path(parent)} is not a directory", path) from None
    except OSError as exc:
        raise OutputError(f"cannot create the folder {display_path(parent)}: {_reason(exc)}",
                          path) from None


def _write_stream_path(path: Path, data: bytes) -> None:
    try:
        with open(path, "wb") as handle:
            handle.write(data)
    except OSError as exc:
        raise OutputError(f"cannot write: {_reason(exc)}", path) from None


def write_stream(data: bytes, stream: BinaryIO | None = None,
                 label: str = "standard output") -> None:
    """Write bytes to a stream (standard output by default) with one clear error for a
    closed stream, a closed pipe (the reader went away) or a full disk."""
    if stream is None:
        if sys.stdout is None:
            raise OutputError(f"{label} is closed: use -o FILE")
        stream = sys.stdout.buffer
    try:
        stream.write(data)
        stream.flush()
    except (OSError, ValueError) as exc:   # ValueError: I/O operation on closed file
        raise OutputError(f"cannot write to {label}: {stream_error(exc)}") from None


def stream_error(exc: OSError | ValueError) -> str:
    """Why a write to a stream failed, in words."""
    if isinstance(exc, BrokenPipeError):
        return "the pipe was closed by its reader"
    if isinstance(exc, OSError):
        return _reason(exc)
    return "it is closed"
