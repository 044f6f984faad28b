"""Shared fixtures. The full TEI schema is an oracle from ../shared: loaded once per session."""

from __future__ import annotations

import logging
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from hypothesis.database import DirectoryBasedExampleDatabase

ROOT = Path(__file__).resolve().parent.parent

# Property tests are reproducible: the default profile ("ci") derives every example from
# the test itself (derandomize), so a run fails or passes the same way everywhere, and a
# failure prints the @example to keep. The long profile explores: many more examples, a
# seed given on the command line, and an example database that replays what it found:
#     HYPOTHESIS_PROFILE=long .venv/bin/python -m pytest --hypothesis-seed=1 tests/test_encode_properties.py
settings.register_profile("ci", derandomize=True, deadline=None, print_blob=True,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("long", derandomize=False, deadline=None, print_blob=True,
                          database=DirectoryBasedExampleDatabase(str(ROOT / ".hypothesis" / "examples")),
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
FIXTURES = ROOT / "tests" / "fixtures"
SEEDS = ROOT / "seeds"
ORACLES = Path(os.environ.get("TEI_EDITION_ORACLES", ROOT.parent / "shared" / "oracles"))


def _oracle(name: str) -> Path:
    path = ORACLES / name
    if not path.exists():
        if os.environ.get("CI"):
            pytest.fail(f"conformance oracle missing in CI: {path}")
        pytest.skip(f"conformance oracle not available here: {path}")
    return path


@pytest.fixture(scope="session")
def tei_all():
    """The full TEI P5 RELAX NG schema (takes ~5-10 s to compile: once per session)."""
    from lxml import etree

    return etree.RelaxNG(etree.parse(str(_oracle("tei_all.rng"))))


@pytest.fixture(scope="session")
def oracles_dir() -> Path:
    _oracle("tei_all.rng")
    return ORACLES


@pytest.fixture(scope="session")
def sample_tei_path() -> Path:
    """A small hand-written page in the project's encoding (tests/fixtures/sample_page.xml)."""
    return FIXTURES / "sample_page.xml"


@pytest.fixture(scope="session")
def seed_tei_path(tmp_path_factory) -> Path:
    """The seed page encoded once per session by the real encoder."""
    from tei_edition.encoder import encode_path

    src = SEEDS / "siping-daily-2022-08-26.txt"
    out = tmp_path_factory.mktemp("seed") / "siping-daily-2022-08-26.xml"
    out.write_bytes(encode_path(src, None, when="2026-11-27").xml_bytes)
    return out


# ---------------------------------------------------------------------------------------
# WeasyPrint must not warn: a warning is unsupported CSS, a missing font or a failed
# resource, each a defect that would otherwise pass silently.

_RECORDS: list[logging.LogRecord] = []


class _Keep(logging.Handler):
    def emit(self, record):
        _RECORDS.append(record)


_HANDLER = _Keep(logging.WARNING)


@pytest.fixture(scope="session", autouse=True)
def _capture_weasyprint():
    logger = logging.getLogger("weasyprint")
    if _HANDLER not in logger.handlers:  # imported by several test modules: attach once
        logger.addHandler(_HANDLER)
    yield


@pytest.fixture(autouse=True)
def no_weasyprint_warnings(request):
    yield
    allowed = getattr(request.node, "_weasyprint_warnings_allowed", False)
    found = [f"{r.levelname}: {r.getMessage()}" for r in _RECORDS]
    _RECORDS.clear()
    if found and not allowed:
        pytest.fail("WeasyPrint logged:\n" + "\n".join(found))


@pytest.fixture
def expect_weasyprint_warnings(request) -> list[logging.LogRecord]:
    """For a test that provokes warnings on purpose: the records so far, to inspect or clear."""
    request.node._weasyprint_warnings_allowed = True
    return _RECORDS
