"""Reading untrusted XML safely and writing outputs atomically.

TEI given to us may be hand-edited or come from elsewhere: no DTD is loaded, no entity
is resolved, nothing is fetched from the network or the file system while parsing.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from lxml import etree

from .errors import InputError

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"


class NotWellFormedError(InputError):
    """The bytes are not well-formed XML (the error names line and column)."""


class UnsafeXmlError(InputError):
    """The document has a DOCTYPE: a DTD or entity declarations, refused for security."""


class _RefuseAll(etree.Resolver):
    def resolve(self, url, pubid, context):  # noqa: D401 - lxml API
        raise etree.XMLSyntaxError(f"external resource refused: {url}", None, 0, 0)


def safe_parser(**options) -> etree.XMLParser:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                             dtd_validation=False, huge_tree=False, remove_blank_text=False,
                             **options)
    parser.resolvers.add(_RefuseAll())
    return parser


def read_input(path: str | Path, what: str = "file", error: type[InputError] = InputError) -> bytes:
    """The bytes of an input file, or one clear error naming it (missing, a folder, unreadable)."""
    path = Path(path)
    if not path.exists():
        raise error(f"no such {what}", path)
    if path.is_dir():
        raise error(f"is a directory, not a {what}", path)
    try:
        return path.read_bytes()
    except OSError as exc:
        raise error(f"cannot read the {what}: {exc.strerror}", path) from None


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


def write_atomic(path: str | Path, data: bytes) -> None:
    """Write bytes to path so that a reader sees either the old file or the whole new one."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        # mkstemp creates 0600; an edition is for web servers and colleagues to read.
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
