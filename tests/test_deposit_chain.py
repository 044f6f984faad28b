"""The whole chain on the seed through the library API, as a user (or `tei-edition build`)
runs it: encode -> validate -> site -> PDF -> package -> deposit -> verify; then an
editor's correction of the TEI, rebuilt, becomes v2; and `tei-edition build` itself ends
with a bag per issue and an OCFL store."""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

import bagit
import pytest
from click.testing import CliRunner

sys.path.insert(0, str(Path(__file__).resolve().parent))
from test_deposit_support import SEED_NAME, tree_bytes  # noqa: E402

from tei_edition.deposit import DepositConfig, PageFiles, deposit_bag, package_issue, verify  # noqa: E402
from tei_edition.deposit.verify import import_ocfl  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def build_outputs(tei: Path, out: Path) -> None:
    from tei_edition.pdf import render_pdf
    from tei_edition.site import build_site
    from tei_edition.validation import validate

    validate(tei).raise_if_invalid()
    build_site([tei], out / "html")
    render_pdf(tei, out / "pdf" / f"{tei.stem}.pdf", profile="archive")


@pytest.mark.slow
def test_the_chain_from_seed_to_ocfl_and_an_editors_second_version(tmp_path):
    from tei_edition.encoder import encode_path

    sources = tmp_path / "seeds"
    shutil.copytree(ROOT / "seeds", sources)
    out = tmp_path / "output"
    tei = out / "tei" / f"{SEED_NAME}.xml"
    tei.parent.mkdir(parents=True)
    tei.write_bytes(encode_path(sources / f"{SEED_NAME}.txt", None, when="2026-11-27").xml_bytes)
    build_outputs(tei, out)
    config = DepositConfig(source_organization="Chain Library", identifier_prefix="urn:chain:")
    page = PageFiles(tei=tei, source=sources / f"{SEED_NAME}.txt", sidecar=sources / f"{SEED_NAME}.toml",
                     html=out / "html" / f"{SEED_NAME}.html", pdf=out / "pdf" / f"{SEED_NAME}.pdf")

    first = package_issue(SEED_NAME, [page], out / "bags", config=config)
    v1_bag = tree_bytes(first.path)
    stored = deposit_bag(first.path, out / "ocfl")
    assert (stored.status, stored.version) == ("created", "v1")
    assert verify(first.path) == [] and verify(out / "ocfl") == []

    # The editor corrects the master by hand; html, PDF, bag and store follow.
    text = tei.read_text(encoding="utf-8")
    # (the headline and its biblStruct title must agree: a Schematron rule)
    tei.write_text(text.replace("生态环境改善没有休止符", "生态环境改善 没有休止符"), encoding="utf-8")
    assert tei.read_text(encoding="utf-8") != text
    build_outputs(tei, out)
    second = package_issue(SEED_NAME, [page], out / "bags", config=config)
    assert second.replaced
    assert "生态环境改善 没有休止符" in (second.path / "data" / "mets.xml").read_text(encoding="utf-8")
    again = deposit_bag(second.path, out / "ocfl")
    assert (again.status, again.version) == ("updated", "v2")
    assert deposit_bag(second.path, out / "ocfl").status == "unchanged"
    assert verify(out / "ocfl") == []

    ocfl = import_ocfl()
    for version, expected in (("v1", v1_bag), ("v2", tree_bytes(second.path))):
        target = tmp_path / f"extract-{version}"
        ocfl.Object().extract(objdir=str(stored.object_path), version=version, dstdir=str(target))
        assert tree_bytes(target) == expected
        assert verify(target) == []
    # the unchanged source, sidecar and stylesheet assets were stored once, in v1
    v2_content = stored.object_path / "v2" / "content" / "data"
    assert not (v2_content / "source").exists() and not (v2_content / "html" / "assets").exists()


@pytest.mark.slow
def test_build_ends_with_a_bag_per_issue_and_an_ocfl_store(tmp_path, monkeypatch):
    """The main job (README): `tei-edition build seeds -o output`."""
    from tei_edition.cli import main

    monkeypatch.chdir(tmp_path)
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764547200")
    result = CliRunner().invoke(main, ["build", "seeds", "-o", "output"])
    assert result.exit_code == 0, result.output
    bag = tmp_path / "output" / "bags" / SEED_NAME
    assert bagit.Bag(str(bag)).validate(fast=False)
    assert verify(bag) == [] and verify(tmp_path / "output" / "ocfl") == []
    assert f"bag output/bags/{SEED_NAME}" in result.stderr and "new object, v1" in result.stderr
    # a rebuild with nothing changed packages nothing and adds no version
    result = CliRunner().invoke(main, ["build", "seeds", "-o", "output"])
    assert result.exit_code == 0, result.output
    assert re.search(r"^deposit\s+0\s+1\s+0\s", result.stderr, re.M), result.stderr
    assert verify(tmp_path / "output" / "ocfl") == []
