"""Where the package's data lives, in a checkout and in an installed wheel alike."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


def xslt_dir() -> Path:
    """The stylesheets: `xslt/` beside the package in a checkout, `tei_edition/xslt` in a wheel."""
    checkout = _PACKAGE_DIR.parent / "xslt"
    if (checkout / "common.xsl").exists():
        return checkout
    return Path(str(resources.files("tei_edition.xslt")))


def schema_dir() -> Path:
    return _PACKAGE_DIR / "schema"
