"""Runs the project's XSLT 1.0 stylesheets (lxml/libxslt) under access control.

Stylesheets are compiled once per process. While compiling, only files inside the
stylesheet directory may be imported; while transforming, no file or network access
is allowed at all (document(), xsl:result-document, ...).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from lxml import etree

from .errors import RenderError
from .resources import xslt_dir

_NO_ACCESS = etree.XSLTAccessControl.DENY_ALL


class _StylesheetResolver(etree.Resolver):
    """Resolves xsl:import/xsl:include inside the stylesheet directory, refuses all else."""

    def __init__(self, root: Path):
        super().__init__()
        self.root = root.resolve()

    def resolve(self, url, pubid, context):
        target = Path(url.removeprefix("file://")).resolve()
        if self.root in target.parents or target == self.root:
            return self.resolve_filename(str(target), context)
        raise etree.XSLTParseError(f"stylesheet outside {self.root} refused: {url}")


@lru_cache(maxsize=None)
def stylesheet(name: str) -> etree.XSLT:
    """Compile `xslt/NAME.xsl` once per process."""
    root = xslt_dir()
    path = root / f"{name}.xsl"
    if not path.exists():
        raise RenderError(f"stylesheet not found: {path}")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    parser.resolvers.add(_StylesheetResolver(root))
    doc = etree.parse(str(path), parser)
    return etree.XSLT(doc, access_control=_NO_ACCESS)


def transform(tei: etree._ElementTree, name: str, **params: str) -> etree._XSLTResultTree:
    """Apply stylesheet NAME to a TEI tree; string params are quoted for XSLT."""
    xslt = stylesheet(name)
    quoted = {key.replace("_", "-"): etree.XSLT.strparam(str(value)) for key, value in params.items()}
    try:
        return xslt(tei, **quoted)
    except etree.XSLTApplyError as exc:
        raise RenderError(f"{name}.xsl failed: {exc}") from None
