"""`verify` and the deposit commands: tampering is caught (a same-size byte change, a stray
file, a deleted file), each problem is one line, exit codes 0/1/2; the CLI's bad input."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import bagit
import pytest
from click.testing import CliRunner

sys.path.insert(0, str(Path(__file__).resolve().parent))
from test_deposit_support import SEED_NAME, config, edition, flip_byte, manifest  # noqa: E402,F401

from tei_edition.cli import main  # noqa: E402
from tei_edition.cli_deposit import deposit, package, verify as verify_command  # noqa: E402
from tei_edition.deposit import deposit_bag, package_issue, verify  # noqa: E402
from tei_edition.deposit.verify import import_ocfl  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
for command in (package, deposit, verify_command):
    if command.name not in main.commands:  # until cli.py registers them
        main.add_command(command)


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.fixture
def bag(edition, config, tmp_path):
    return package_issue(SEED_NAME, [edition.page()], tmp_path / "bags", config=config).path


@pytest.fixture
def stored(bag, tmp_path):
    report = deposit_bag(bag, tmp_path / "ocfl")
    return tmp_path / "ocfl", report.object_path


def test_a_fresh_bag_and_store_verify_clean(bag, stored):
    assert verify(bag) == [] and verify(stored[0]) == [] and verify(stored[1]) == []


def test_a_changed_byte_of_the_same_size_is_caught(bag):
    target = bag / "data" / "tei" / f"{SEED_NAME}.xml"
    size = target.stat().st_size
    flip_byte(target)
    assert target.stat().st_size == size
    assert bagit.Bag(str(bag)).is_valid(fast=True)  # the Payload-Oxum shortcut misses it
    assert [p.message for p in verify(bag)] == [
        f"data/tei/{SEED_NAME}.xml: contents changed (sha256, sha512 checksum does not match the manifest)"]


def test_a_stray_file_is_caught(bag):
    (bag / "data" / "html" / "extra.js").write_text("alert(1)")
    assert [p.message for p in verify(bag)] == ["data/html/extra.js: not in the manifest (a file was added)"]


def test_a_stray_tag_file_is_caught_by_the_profile(bag):
    (bag / "notes.txt").write_text("x")
    messages = [p.message for p in verify(bag)]
    assert messages == ["BagIt profile: Existing tag file 'notes.txt' is not listed in Tag-Files-Allowed."]


def test_a_deleted_file_is_caught(bag):
    (bag / "data" / "pdf" / f"{SEED_NAME}.pdf").unlink()
    assert [p.message for p in verify(bag)] == [
        f"data/pdf/{SEED_NAME}.pdf: listed in the manifest but missing"]


def test_several_problems_are_each_reported(bag):
    (bag / "data" / "stray.txt").write_text("x")
    flip_byte(bag / "data" / "tei" / f"{SEED_NAME}.xml")
    (bag / "data" / "html" / "assets" / "edition.js").unlink()
    messages = [p.message for p in verify(bag)]
    assert len(messages) == 3
    assert any("stray.txt: not in the manifest" in m for m in messages)
    assert any("edition.js: listed in the manifest but missing" in m for m in messages)
    assert any(f"{SEED_NAME}.xml: contents changed" in m for m in messages)


def test_mets_that_disagrees_with_the_manifest_is_caught(bag):
    """A bag re-manifested after its METS went wrong passes bagit; our check does not."""
    mets = bag / "data" / "mets.xml"
    real = manifest(bag)[f"data/tei/{SEED_NAME}.xml"]
    mets.write_text(mets.read_text(encoding="utf-8").replace(real, "0" * 128), encoding="utf-8")
    loaded = bagit.Bag(str(bag))
    loaded.save(manifests=True)
    assert loaded.is_valid()
    assert [p.message for p in verify(bag)] == [
        f"data/mets.xml: tei/{SEED_NAME}.xml: SHA-512 in METS differs from manifest-sha512.txt"]


def test_a_bagit_0_97_bag_fails_the_profile(bag):
    (bag / "bagit.txt").write_text("BagIt-Version: 0.97\nTag-File-Character-Encoding: UTF-8\n")
    loaded = bagit.Bag(str(bag))
    loaded.save()
    messages = [p.message for p in verify(bag)]
    assert messages == ["BagIt profile: Bag version '0.97' is not in list of allowed values: ['1.0']"]


def test_a_corrupt_object_is_caught_though_ocfl_pys_root_validation_passes_it(stored):
    root, object_dir = stored
    flip_byte(object_dir / "v1" / "content" / "data" / "tei" / f"{SEED_NAME}.xml")
    ocfl = import_ocfl()
    storage = ocfl.StorageRoot(root=str(root))
    assert storage.validate()  # the storage-root validation says all is well ...
    problems = verify(root)      # ... object by object, it is not
    assert len(problems) == 1 and problems[0].path == str(object_dir)
    assert problems[0].message.startswith("[E092a]")
    assert [p.message for p in verify(object_dir)] == [problems[0].message]


def test_a_problem_of_the_storage_root_itself_is_reported_once(stored):
    (stored[0] / "abc").mkdir()  # an empty folder in the storage hierarchy
    problems = verify(stored[0])
    assert [p.message[:6] for p in problems] == ["[E073]"] and problems[0].path == str(stored[0])


def test_a_stray_file_in_an_object_is_caught(stored):
    (stored[1] / "v1" / "content" / "stray.txt").write_text("x")
    assert [p.message[:7] for p in verify(stored[0])] == ["[E023a]"]


# ----------------------------------------------------------------------------- the CLI

def test_cli_package_deposit_verify(edition, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "tei-edition.toml").write_text(
        '[deposit]\nsource_organization = "CLI Library"\nidentifier_prefix = "urn:cli:"\n', encoding="utf-8")
    result = run("package", edition.tei, "-o", tmp_path / "bags", "--sources", edition.sources)
    assert result.exit_code == 0, result.output
    assert result.stderr.startswith(f"tei-edition: bag {tmp_path / 'bags' / SEED_NAME}: 14 files")
    info = bagit.Bag(str(tmp_path / "bags" / SEED_NAME)).info
    assert info["Source-Organization"] == "CLI Library" and info["External-Identifier"] == f"urn:cli:{SEED_NAME}"
    result = run("deposit", tmp_path / "bags" / SEED_NAME, "--ocfl", tmp_path / "ocfl")
    assert result.exit_code == 0 and "new object, v1" in result.stderr
    result = run("verify", tmp_path / "bags" / SEED_NAME, tmp_path / "ocfl")
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [f"{tmp_path / 'bags' / SEED_NAME}: bag valid",
                                          f"{tmp_path / 'ocfl'}: OCFL storage root valid"]


# The real command in its own process: pytest's log capture would hide stray log lines.
CLI = ("import sys\n"
       "from tei_edition.cli import main\n"
       "from tei_edition.cli_deposit import deposit, package, verify\n"
       "for command in (package, deposit, verify):\n"
       "    main.add_command(command)\n"
       "main(sys.argv[1:])\n")


def test_cli_verify_prints_one_line_per_problem_and_exits_1(bag):
    flip_byte(bag / "data" / "tei" / f"{SEED_NAME}.xml")
    (bag / "extra.txt").write_text("x")
    proc = subprocess.run([sys.executable, "-c", CLI, "verify", str(bag)], capture_output=True,
                          text=True, cwd=ROOT, timeout=120)
    assert proc.returncode == 1
    assert proc.stdout.splitlines() == [
        f"{bag}: data/tei/{SEED_NAME}.xml: contents changed (sha256, sha512 checksum does not match the manifest)",
        f"{bag}: BagIt profile: Existing tag file 'extra.txt' is not listed in Tag-Files-Allowed.",
        f"{bag}: bag invalid (2 problems)"]
    assert proc.stderr == ""  # bagit-profile's own log lines are not repeated


@pytest.mark.parametrize("make,expected", [
    (lambda d, bag: d / "missing", "missing: no such file or folder"),
    (lambda d, bag: _write(d / "file.txt"), "file.txt: is a file: give a bag"),
    (lambda d, bag: d, ": is not a bag (no bagit.txt), an OCFL object or an OCFL storage root"),
])
def test_cli_verify_unusable_input_exits_2(bag, tmp_path, make, expected):
    target = make(_mkdir(tmp_path / "x"), bag)
    result = run("verify", bag, target)
    assert result.exit_code == 2, result.output
    assert result.stdout == ""  # nothing is checked until every PATH is usable
    assert result.stderr.count("\n") == 1 and expected in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.parametrize("case,code,expected", [
    ("missing tei", 2, "nope.xml: no such TEI file"),
    ("missing source", 2, f"{SEED_NAME}.txt: no such source text"),
    ("output is a file", 2, "bags: is a file, not a directory for bags"),
    ("output inside input", 2, "the bag folder is inside the input folder"),
    ("invalid tei", 1, "problems; first:"),
    ("bad config", 2, "tei-edition.toml:2: unknown key 'organisation'"),
])
def test_cli_package_bad_input_gets_one_line(edition, tmp_path, monkeypatch, case, code, expected):
    monkeypatch.chdir(tmp_path)
    tei, sources, out = edition.tei, edition.sources, tmp_path / "bags"
    if case == "missing tei":
        tei = tmp_path / "nope.xml"
    elif case == "missing source":
        sources = tmp_path / "empty"
        sources.mkdir()
    elif case == "output is a file":
        out.write_text("x")
    elif case == "output inside input":
        out = edition.out / "tei" / "bags"
    elif case == "invalid tei":
        bad = tmp_path / "tei" / f"{SEED_NAME}.xml"
        bad.parent.mkdir()
        bad.write_bytes(edition.tei.read_bytes().replace(b"<teiHeader>", b"<teiHeader><x/>", 1))
        tei = bad
        (tmp_path / "html").symlink_to(edition.out / "html")
        (tmp_path / "pdf").symlink_to(edition.out / "pdf")
    elif case == "bad config":
        (tmp_path / "tei-edition.toml").write_text('[deposit]\norganisation = "x"\n', encoding="utf-8")
    result = run("package", tei, "-o", out, "--sources", sources)
    assert result.exit_code == code, result.output
    assert result.stderr.count("\n") == 1 and expected in result.stderr, result.stderr
    assert result.stderr.startswith("tei-edition: error: ") and "Traceback" not in result.output
    assert not (edition.out / "tei" / "bags").exists()
    assert not (tmp_path / "bags").is_dir() or list((tmp_path / "bags").iterdir()) == []


def test_cli_deposit_of_an_invalid_bag_exits_1(bag, tmp_path):
    (bag / "data" / "stray.txt").write_text("x")
    result = run("deposit", bag, "--ocfl", tmp_path / "ocfl")
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and "not deposited: the bag is not valid" in result.stderr
    assert not (tmp_path / "ocfl").exists()


def test_cli_deposit_into_a_file_exits_2(bag, tmp_path):
    (tmp_path / "ocfl").write_text("x")
    result = run("deposit", bag, "--ocfl", tmp_path / "ocfl")
    assert result.exit_code == 2 and "is a file, not an OCFL storage root" in result.stderr


def test_importing_ocfl_leaves_logging_alone():
    """pairtree (an ocfl-py dependency) calls logging.basicConfig(INFO) on import."""
    code = ("import logging\n"
            "from tei_edition.deposit.verify import import_ocfl\n"
            "import_ocfl()\n"
            "root = logging.getLogger()\n"
            "print(len(root.handlers), logging.getLevelName(root.level))\n"
            "logging.getLogger('weasyprint').info('should not print')\n")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                          timeout=60)
    assert proc.stdout.split() == ["0", "WARNING"] and proc.stderr == "", proc.stderr


def _write(path: Path) -> Path:
    path.write_text("x")
    return path


def _mkdir(path: Path) -> Path:
    path.mkdir(exist_ok=True)
    return path


def test_cli_package_issue_makes_one_bag_of_several_pages(edition, tmp_path):
    out = tmp_path / "output"
    shutil.copytree(edition.out, out)
    sources = tmp_path / "seeds"
    shutil.copytree(edition.sources, sources)
    second = "siping-daily-2022-08-26-p2"
    for folder, suffix in (("tei", ".xml"), ("html", ".html"), ("pdf", ".pdf")):
        shutil.copyfile(out / folder / f"{SEED_NAME}{suffix}", out / folder / f"{second}{suffix}")
    shutil.copyfile(sources / f"{SEED_NAME}.txt", sources / f"{second}.txt")
    result = run("package", out / "tei" / f"{SEED_NAME}.xml", out / "tei" / f"{second}.xml",
                 "--issue", "siping-daily-2022-08-26-all", "-o", tmp_path / "bags", "--sources", sources)
    assert result.exit_code == 0, result.output
    bag = tmp_path / "bags" / "siping-daily-2022-08-26-all"
    assert sorted(p.name for p in (tmp_path / "bags").iterdir()) == [bag.name]
    assert sorted(p.name for p in (bag / "data" / "tei").iterdir()) == [f"{second}.xml", f"{SEED_NAME}.xml"]
    assert not (bag / "data" / "source" / f"{second}.toml").exists()  # that page has no sidecar
    assert verify(bag) == []
