"""Shared fixtures of the deposit tests (imported by test_deposit_*.py; holds no tests).

The edition is the real pipeline run once per session on the seed: encode -> site -> PDF.
METS and MODS are checked with the schemas in ../shared/oracles, loaded offline through a
resolver that maps the two imports MODS names to local copies and refuses every other URL.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from lxml import etree

sys.path.insert(0, str(Path(__file__).resolve().parent))
from conftest import SEEDS, _oracle  # noqa: E402

from tei_edition.deposit import DepositConfig, PageFiles  # noqa: E402

SEED_NAME = "siping-daily-2022-08-26"
METS = {"mets": "http://www.loc.gov/METS/", "mods": "http://www.loc.gov/mods/v3",
        "xlink": "http://www.w3.org/1999/xlink"}


@dataclass
class Edition:
    """A built edition: output/tei, output/html, output/pdf, and the seed sources."""

    out: Path
    sources: Path

    @property
    def tei(self) -> Path:
        return self.out / "tei" / f"{SEED_NAME}.xml"

    def page(self, tei: Path | None = None) -> PageFiles:
        return PageFiles(tei=tei or self.tei, source=self.sources / f"{SEED_NAME}.txt",
                         sidecar=self.sources / f"{SEED_NAME}.toml",
                         html=self.out / "html" / f"{SEED_NAME}.html",
                         pdf=self.out / "pdf" / f"{SEED_NAME}.pdf")


@pytest.fixture(scope="session")
def edition(tmp_path_factory) -> Edition:
    """The seed through the real pipeline (encoder, site builder, WeasyPrint): ~3 s, once."""
    from tei_edition.encoder import encode_path
    from tei_edition.pdf import render_pdf
    from tei_edition.site import build_site

    root = tmp_path_factory.mktemp("edition")
    sources = root / "seeds"
    sources.mkdir()
    for suffix in (".txt", ".toml"):
        shutil.copyfile(SEEDS / f"{SEED_NAME}{suffix}", sources / f"{SEED_NAME}{suffix}")
    out = root / "output"
    tei = out / "tei" / f"{SEED_NAME}.xml"
    tei.parent.mkdir(parents=True)
    tei.write_bytes(encode_path(sources / f"{SEED_NAME}.txt", None, when="2026-11-27").xml_bytes)
    build_site([tei], out / "html")
    render_pdf(tei, out / "pdf" / f"{SEED_NAME}.pdf", profile="archive")
    return Edition(out=out, sources=sources)


@pytest.fixture
def config() -> DepositConfig:
    return DepositConfig(source_organization="Test Library of Newspapers",
                         organization_address="1 Archive Road", contact_name="A. Curator",
                         contact_email="curator@example.org", identifier_prefix="urn:test:",
                         group_identifier="{prefix}{newspaper_en}")


class _OracleResolver(etree.Resolver):
    def __init__(self, oracles: Path):
        super().__init__()
        self.oracles = oracles.resolve()
        self.mapped = {"http://www.loc.gov/mods/xml.xsd": self.oracles / "xml.xsd",
                       "http://www.loc.gov/standards/xlink/xlink.xsd": self.oracles / "xlink.xsd"}

    def resolve(self, url, pubid, context):
        if url in self.mapped:
            return self.resolve_filename(str(self.mapped[url]), context)
        local = Path(url[len("file://"):] if url.startswith("file://") else url)
        if "://" not in url and self.oracles in local.resolve().parents:
            return self.resolve_filename(str(local.resolve()), context)
        raise etree.XMLSchemaParseError(f"refused to fetch {url}")


def _schema(name: str) -> etree.XMLSchema:
    path = _oracle(name)
    parser = etree.XMLParser(no_network=True, resolve_entities=False)
    parser.resolvers.add(_OracleResolver(path.parent))
    return etree.XMLSchema(etree.parse(str(path), parser))


@pytest.fixture(scope="session")
def mets_schema() -> etree.XMLSchema:
    return _schema("mets.xsd")


@pytest.fixture(scope="session")
def mods_schema() -> etree.XMLSchema:
    return _schema("mods-3-6.xsd")


def sha512(path: Path) -> str:
    return hashlib.sha512(Path(path).read_bytes()).hexdigest()


def manifest(bag: Path, algorithm: str = "sha512", tag: bool = False) -> dict[str, str]:
    """path -> digest from a bag's (tag)manifest."""
    name = f"{'tag' if tag else ''}manifest-{algorithm}.txt"
    entries = {}
    for line in (bag / name).read_text(encoding="utf-8").splitlines():
        digest, path = line.split(None, 1)
        entries[path] = digest
    return entries


def tree_bytes(folder: Path) -> dict[str, bytes]:
    """Every file under FOLDER (relative posix path -> bytes)."""
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(Path(folder).rglob("*")) if p.is_file()}


def snapshot(paths) -> dict[str, tuple[bytes, int, int]]:
    """Bytes, mtime and mode of files: to prove inputs were not touched."""
    out = {}
    for path in paths:
        st = os.stat(path)
        out[str(path)] = (Path(path).read_bytes(), st.st_mtime_ns, st.st_mode)
    return out


def flip_byte(path: Path, marker: bytes = b"<body") -> None:
    """Change one byte, keeping the size (the case a Payload-Oxum check misses)."""
    data = bytearray(Path(path).read_bytes())
    at = data.find(marker) + 1 if marker in data else len(data) // 2
    data[at] = data[at] ^ 0x20
    Path(path).write_bytes(bytes(data))
