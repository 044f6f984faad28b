"""The `tei-edition encode` command: exit codes, one-line messages, nothing half-written."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from tei_edition.cli import main

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "siping-daily-2022-08-26.txt"


def run(*args):
    return CliRunner().invoke(main, list(map(str, args)))


def test_encode_seed_to_stdout():
    result = run("encode", SEED, "--when", "2026-11-27")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("<?xml") and "<TEI" in result.stdout


def test_encode_to_a_file_reports_a_summary(tmp_path):
    out = tmp_path / "seed.xml"
    result = run("encode", SEED, "-o", out)
    assert result.exit_code == 0
    assert out.read_bytes().startswith(b"<?xml")
    assert "7 articles, 11 joins" in result.stderr


def test_no_sidecar_says_which_defaults(tmp_path):
    src = tmp_path / "page.txt"
    src.write_text("## 标题\n\n正文。\n", encoding="utf-8")
    result = run("encode", src)
    assert result.exit_code == 0
    assert "note: no sidecar" in result.stderr


@pytest.mark.parametrize("setup,expected", [
    (lambda d: d / "missing.txt", "missing.txt: no such file"),
    (lambda d: d, "is a directory"),
    (lambda d: _write(d / "empty.txt", b""), "empty.txt: empty file"),
    (lambda d: _write(d / "bin.txt", b"\x00\x01\x02"), "bin.txt:1:1: binary data"),
    (lambda d: _write(d / "page.html", b"<html><body>hi</body></html>"), "looks like HTML"),
    (lambda d: _write(d / "bad.txt", "正文\n".encode() + b"\xff\xfe\x81\n"), "bad.txt:2:1: undecodable byte"),
    (lambda d: _sidecar(d, "[issue]\ndate = \"2022-02-30\"\n"), "s.toml:2: [issue] date '2022-02-30' is not a real date"),
    (lambda d: _sidecar(d, "[edition]\neditr = \"x\"\n"), "s.toml:2: unknown key 'editr'"),
    (lambda d: _sidecar(d, "[edition]\nlicence_lang = \"English\"\n"),
     "s.toml:2: [edition] licence_lang 'English' is not a BCP 47 tag"),
    (lambda d: _sidecar(d, "[[correction]]\ntext = \"没有\"\nrole = \"main\"\n"), "s.toml:1: correction text"),
    (lambda d: _sidecar(d, b"\xff\xfe"), "s.toml: sidecar is not UTF-8"),
])
def test_bad_input_gets_one_clear_line_and_exit_2(tmp_path, setup, expected):
    source = setup(tmp_path)
    out = tmp_path / "out.xml"
    result = run("encode", source, "-o", out)
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and expected in lines[0], lines
    assert "Traceback" not in result.output
    assert not out.exists()
    assert not list(tmp_path.glob(".out.xml.*"))


def test_explicit_missing_sidecar_is_an_error(tmp_path):
    src = _write(tmp_path / "page.txt", "正文。\n".encode())
    result = run("encode", src, "--meta", tmp_path / "nope.toml")
    assert result.exit_code == 2 and "nope.toml: no such sidecar" in result.stderr


def test_real_process_has_no_traceback_and_exit_2(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "tei_edition", "encode", str(tmp_path / "x.txt")],
                          capture_output=True, text=True)
    assert proc.returncode == 2
    assert proc.stderr.strip() == f"tei-edition: error: {tmp_path / 'x.txt'}: no such file"


def test_usage_error_is_exit_2():
    assert run("encode").exit_code == 2


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def _sidecar(d: Path, content) -> Path:
    src = _write(d / "s.txt", "## 标题\n\n正文。\n".encode())
    _write(d / "s.toml", content.encode() if isinstance(content, str) else content)
    return src


# -- the output: never the input, never an editor's work -------------------------------------
def _page(tmp_path):
    src = tmp_path / "page.txt"
    src.write_text("## 标题\n\n会议强调，要紧绷安全之弦。\n", encoding="utf-8")
    return src


def test_output_equal_to_the_input_is_refused_and_the_source_kept(tmp_path):
    src = _page(tmp_path)
    before = src.read_bytes()
    link = tmp_path / "link.xml"
    link.symlink_to(src)
    for target in (src, link, tmp_path / "." / "page.txt"):
        result = run("encode", src, "-o", target)
        assert result.exit_code == 2, result.output
        assert "is an input of this command" in result.stderr
        assert src.read_bytes() == before


def test_output_equal_to_the_sidecar_is_refused(tmp_path):
    src = _page(tmp_path)
    sidecar = tmp_path / "page.toml"
    sidecar.write_text('[newspaper]\ntitle = "四平日报"\n', encoding="utf-8")
    result = run("encode", src, "-o", sidecar)
    assert result.exit_code == 2
    assert "is an input of this command" in result.stderr
    assert sidecar.read_text(encoding="utf-8") == '[newspaper]\ntitle = "四平日报"\n'


def test_the_encoders_own_output_is_replaced_but_an_edited_one_is_not(tmp_path):
    src, out = _page(tmp_path), tmp_path / "page.xml"
    assert run("encode", src, "-o", out).exit_code == 0
    assert run("encode", src, "-o", out).exit_code == 0          # untouched: replaced
    edited = out.read_bytes().replace("安全之弦".encode(), "安全之弦（校）".encode())
    out.write_bytes(edited)
    result = run("encode", src, "-o", out)
    assert result.exit_code == 2
    assert "was edited by hand" in result.stderr and "--force" in result.stderr
    assert out.read_bytes() == edited
    assert not list(tmp_path.glob("page.xml.~*"))


def test_force_replaces_an_edited_output_and_keeps_it_as_a_numbered_backup(tmp_path):
    src, out = _page(tmp_path), tmp_path / "page.xml"
    out.write_text("<my own work/>", encoding="utf-8")
    result = run("encode", src, "-o", out, "--force")
    assert result.exit_code == 0, result.output
    assert "kept the edited" in result.stderr
    assert (tmp_path / "page.xml.~1~").read_text(encoding="utf-8") == "<my own work/>"
    out.write_text("<more work/>", encoding="utf-8")
    assert run("encode", src, "-o", out, "--force").exit_code == 0
    assert (tmp_path / "page.xml.~2~").read_text(encoding="utf-8") == "<more work/>"


def test_an_unexpected_error_is_one_line_and_exit_3(tmp_path, monkeypatch):
    import tei_edition.encoder as encoder

    def broken(*args, **kwargs):
        raise RuntimeError("simulated bug")

    monkeypatch.setattr(encoder, "build_page", broken)
    result = run("encode", _page(tmp_path))
    assert result.exit_code == 3
    assert "internal error (a bug in tei-edition" in result.stderr
    assert "Traceback" not in result.output
