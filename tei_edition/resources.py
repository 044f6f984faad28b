"""Where the package's data lives, in a checkout and in an installed wheel alike."""

from __future__ import annotations

from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


def xslt_dir() -> Path:
    """The stylesheets: `xslt/` beside the package in a checkout, `tei_edition/xslt` in a wheel."""
    checkout = _PACKAGE_DIR.parent / "xslt"
    if (checkout / "common.xsl").exists():
        return checkout
    # In a wheel, pyproject maps xslt/ to tei_edition/xslt (a data directory, no __init__).
    return _PACKAGE_DIR / "xslt"


def schema_dir() -> Path:
    return _PACKAGE_DIR / "schema"
