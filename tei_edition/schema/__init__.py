"""The project's TEI customisation: tei_newspaper.rng (RELAX NG) and tei_newspaper.sch
(ISO Schematron). Package data, found the same way in a checkout and an installed wheel.
Users' documentation: docs/schema.md."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

RNG_NAME = "tei_newspaper.rng"
SCH_NAME = "tei_newspaper.sch"


def _package_file(name: str) -> Path:
    # A plain file path: setuptools installs package data unzipped, as in a checkout,
    # and lxml and users' error messages both want a real path.
    return Path(str(resources.files(__name__).joinpath(name)))


def rng_path() -> Path:
    return _package_file(RNG_NAME)


def sch_path() -> Path:
    return _package_file(SCH_NAME)
