"""`tei-edition build`: the TEI is the master, a failed page stops only itself, one build
at a time, and a killed build leaves every file old or new. Real builds, real PDFs."""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from tei_edition.build import LOCK_NAME, WORKERS_LOCK
from tei_edition.cli import main
from tei_edition.master import read_master

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "siping-daily-2022-08-26.txt"
PAGE = ("## 市政府召开常务会议\n\n本报讯（记者 张三）8月25日，市政府召开常务会议，研究部署安全生产工作。\n\n"
        "会议强调，要紧绷安全之弦，时刻保持警醒。\n")
OTHER = "## 秋粮收购有序开展\n\n全省秋粮收购工作进展顺利，农民售粮积极性高。\n"
SIDECAR = '[newspaper]\ntitle = "四平日报"\n\n[issue]\ndate = 2022-08-26\npage = 1\n'


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.fixture
def sources(tmp_path) -> Path:
    folder = tmp_path / "seeds"
    folder.mkdir()
    (folder / "page.txt").write_text(PAGE, encoding="utf-8")
    (folder / "page.toml").write_text(SIDECAR, encoding="utf-8")
    (folder / "other.txt").write_text(OTHER, encoding="utf-8")
    return folder


def pdf_text(path: Path) -> str:
    """The PDF's text in the order it is drawn (-raw), which is the reading order: column
    after column. pdftotext's default layout analysis reads a short article set one or two
    lines to a column across the columns, row by row."""
    return subprocess.run(["pdftotext", "-raw", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def digests(folder: Path) -> dict[str, str]:
    """Every output file's digest, but the OCFL store's: it keeps history (a rebuild over an
    old edition adds a version where a fresh build has only v1), so it is checked apart."""
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and p.name not in (LOCK_NAME, WORKERS_LOCK)
            and p.relative_to(folder).parts[0] != "ocfl"}


# ---------------------------------------------------------------------------- the master

def test_an_editors_correction_survives_a_rebuild_into_tei_html_and_pdf(sources, tmp_path):
    out = tmp_path / "out"
    assert run("build", sources, "-o", out).exit_code == 0
    tei = out / "tei" / "page.xml"
    tei.write_bytes(tei.read_bytes().replace("研究部署安全生产工作".encode(), "研究部署安全生产工作（编者校）".encode()))
    result = run("build", sources, "-o", out)
    assert result.exit_code == 0, result.output
    assert "page: its TEI was changed (kept as the master); PDF made" in result.stderr
    assert "（编者校）" in tei.read_text(encoding="utf-8")
    assert "（编者校）" in (out / "html" / "page.html").read_text(encoding="utf-8")
    assert "（编者校）" in "".join(pdf_text(out / "pdf" / "page.pdf").split())


def test_an_edited_tei_is_kept_even_when_the_build_forgot_what_it_made(sources, tmp_path):
    # The TEI itself records what it was made from: a build with no memory of its own
    # (its state deleted, or an older output folder) still keeps the correction.
    out = tmp_path / "out"
    assert run("build", sources, "-o", out).exit_code == 0
    tei = out / "tei" / "page.xml"
    tei.write_bytes(tei.read_bytes().replace("时刻保持警醒".encode(), "时刻保持清醒".encode()))
    shutil.rmtree(out / ".tei-edition")
    result = run("build", sources, "-o", out)
    assert result.exit_code == 0, result.output
    assert "page: its TEI is current (kept as it is)" in result.stderr
    assert "时刻保持清醒" in tei.read_text(encoding="utf-8")


def test_a_changed_source_is_encoded_again_while_its_tei_is_untouched(sources, tmp_path):
    out = tmp_path / "out"
    assert run("build", sources, "-o", out).exit_code == 0
    (sources / "page.txt").write_text(PAGE + "\n全市上下要形成合力。\n", encoding="utf-8")
    result = run("build", sources, "-o", out)
    assert result.exit_code == 0, result.output
    assert "全市上下要形成合力" in (out / "tei" / "page.xml").read_text(encoding="utf-8")
    assert read_master(out / "tei" / "page.xml").pristine


def test_a_changed_sidecar_counts_as_a_changed_source(sources, tmp_path):
    out = tmp_path / "out"
    assert run("build", sources, "-o", out).exit_code == 0
    (sources / "page.toml").write_text(SIDECAR.replace("四平日报", "吉林日报"), encoding="utf-8")
    assert run("build", sources, "-o", out).exit_code == 0
    assert "吉林日报" in (out / "tei" / "page.xml").read_text(encoding="utf-8")


def test_an_edited_tei_whose_source_changed_stops_that_page_and_keeps_both(sources, tmp_path):
    out = tmp_path / "out"
    assert run("build", sources, "-o", out).exit_code == 0
    tei = out / "tei" / "page.xml"
    edited = tei.read_bytes().replace("时刻保持警醒".encode(), "时刻保持清醒".encode())
    tei.write_bytes(edited)
    changed_source = PAGE + "\n全市上下要形成合力。\n"
    (sources / "page.txt").write_text(changed_source, encoding="utf-8")
    result = run("build", sources, "-o", out)
    assert result.exit_code == 1
    assert "page.xml: was edited by hand" in result.stderr
    assert "--reencode page" in result.stderr
    assert tei.read_bytes() == edited
    assert (sources / "page.txt").read_text(encoding="utf-8") == changed_source
    assert (out / "pdf" / "other.pdf").exists()           # the other page was built

    result = run("build", sources, "-o", out, "--reencode", "page")
    assert result.exit_code == 0, result.output
    assert "全市上下要形成合力" in tei.read_text(encoding="utf-8")
    assert (out / "tei" / "page.xml.~1~").read_bytes() == edited


def test_reencode_of_an_unknown_page_is_a_usage_error(sources, tmp_path):
    result = run("build", sources, "-o", tmp_path / "out", "--reencode", "nosuchpage")
    assert result.exit_code == 2
    assert "nosuchpage" in result.stderr


def test_a_tei_without_a_source_is_a_master_too(sources, tmp_path):
    out = tmp_path / "out"
    assert run("build", sources, "-o", out).exit_code == 0
    shutil.copy(out / "tei" / "other.xml", out / "tei" / "handmade.xml")
    result = run("build", sources, "-o", out)
    assert result.exit_code == 0, result.output
    assert (out / "pdf" / "handmade.pdf").exists()
    assert (out / "html" / "handmade.html").exists()


def test_an_invalid_edited_tei_fails_its_page_and_no_other(sources, tmp_path):
    # Validation inside build: an edit the schema refuses never reaches HTML or PDF.
    out = tmp_path / "out"
    assert run("build", sources, "-o", out).exit_code == 0
    tei = out / "tei" / "page.xml"
    tei.write_bytes(tei.read_bytes().replace(b'<div type="article" xml:id="a01"', b'<div type="article"'))
    (out / "pdf" / "page.pdf").unlink()
    result = run("build", sources, "-o", out)
    assert result.exit_code == 1
    assert "page.xml" in result.stderr and "needs an xml:id" in result.stderr
    assert not (out / "pdf" / "page.pdf").exists()
    assert not (out / "html" / "page.html").exists()
    assert (out / "pdf" / "other.pdf").exists()


def test_a_bad_page_among_good_ones_fails_alone(sources, tmp_path):
    (sources / "broken.txt").write_bytes(b"\x00\x01binary")
    out = tmp_path / "out"
    result = run("build", sources, "-o", out)
    assert result.exit_code == 1
    assert "broken.txt:1:1: binary data" in result.stderr
    assert (out / "pdf" / "page.pdf").exists() and (out / "pdf" / "other.pdf").exists()


def test_build_onto_a_file_is_a_usage_error(sources, tmp_path):
    target = tmp_path / "file"
    target.write_text("keep me")
    result = run("build", sources, "-o", target)
    assert result.exit_code == 2
    assert "not a folder" in result.stderr
    assert target.read_text() == "keep me"


# ---------------------------------------------------------------------------- one at a time

def test_a_second_build_on_the_same_folder_is_refused(sources, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    with open(out / LOCK_NAME, "a+") as held:
        fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)
        held.write("tei-edition build, pid 4242\n")
        held.flush()
        result = run("build", sources, "-o", out)
    assert result.exit_code == 2
    assert "another build is using this output folder (tei-edition build, pid 4242)" in result.stderr
    assert not (out / "tei").exists()


# ---------------------------------------------------------------------------- killed builds

def _build_process(sources: Path, out: Path) -> subprocess.Popen:
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000"}
    return subprocess.Popen([sys.executable, "-m", "tei_edition", "build", str(sources), "-o", str(out)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)


@pytest.mark.slow
def test_a_build_killed_at_any_moment_leaves_old_or_new_files_and_the_next_completes(sources, tmp_path):
    # Reference trees: a whole build of the old sources and of the new ones.
    old_sources, new_sources = tmp_path / "old", tmp_path / "new"
    shutil.copytree(sources, old_sources)
    shutil.copytree(sources, new_sources)
    (new_sources / "page.txt").write_text(PAGE + "\n全市上下要形成合力。\n", encoding="utf-8")
    (new_sources / "other.txt").write_text(OTHER + "\n各地粮库加快收购进度。\n", encoding="utf-8")
    references = {}
    for name, src in (("old", old_sources), ("new", new_sources)):
        assert _build_process(src, tmp_path / f"ref-{name}").wait() == 0
        references[name] = digests(tmp_path / f"ref-{name}")
    assert references["old"] != references["new"]

    killed_midway = 0
    for delay_ms in (0, 150, 400, 700, 1000, 1300, 1700, 2200):
        out = tmp_path / f"out-{delay_ms}"
        shutil.copytree(tmp_path / "ref-old", out)
        process = _build_process(new_sources, out)
        time.sleep(delay_ms / 1000)
        process.send_signal(signal.SIGKILL)
        process.wait()
        found = digests(out)
        mixed = False
        for name, digest in found.items():
            if (Path(name).name.endswith(".part") or name.startswith(".tei-edition/.issue-")
                    or ".building-" in name):
                continue                          # a temporary the next build clears
            if name.startswith(".tei-edition/"):
                # The build's memory is saved after each stage: whole, but it may record
                # a build half done, which the next build finishes.
                json.loads((out / name).read_text(encoding="utf-8"))
                continue
            assert digest in (references["old"].get(name), references["new"].get(name)), \
                f"killed after {delay_ms} ms: {name} is neither the old nor the new version"
            mixed |= digest != references["old"].get(name)
        killed_midway += mixed and found != references["new"]
        if (out / "ocfl").exists():
            assert run("verify", out / "ocfl").exit_code == 0, f"store invalid after a kill at {delay_ms} ms"
        assert _build_process(new_sources, out).wait() == 0
        assert digests(out) == references["new"], f"the build after a kill at {delay_ms} ms differs"
        assert run("verify", out / "ocfl").exit_code == 0
    assert killed_midway >= 1, "no kill fell inside a build: the delays need adjusting"


def test_what_a_killed_build_left_half_written_is_cleared(sources, tmp_path):
    out = tmp_path / "out"
    assert run("build", sources, "-o", out).exit_code == 0
    leftovers = [out / "pdf" / ".page.pdf.abc123.part", out / "tei" / ".page.xml.def456.part",
                 out / "html" / ".page.html.ghi789.part", out / "html" / "search" / ".s.js.j0k1.part",
                 out / ".tei-edition" / ".issue-x1y2z3" / "html" / "page.html",
                 out / "bags" / ".page.building-a1b2c3" / "data" / "mets.xml"]
    for leftover in leftovers:
        leftover.parent.mkdir(parents=True, exist_ok=True)
        leftover.write_bytes(b"half a file")
    assert run("build", sources, "-o", out).exit_code == 0
    assert not any(leftover.exists() for leftover in leftovers)
    assert not list((out / ".tei-edition").glob(".issue-*"))


STRAGGLER = """
import sys, time
from pathlib import Path
from tei_edition.parallel import join_build
join_build(sys.argv[1])
print("joined", flush=True)
time.sleep(1.5)
Path(sys.argv[2]).write_bytes(b"half a file")  # and then it is killed, mid-write
"""


def test_a_build_waits_for_the_workers_of_a_killed_build(sources, tmp_path):
    """A worker of a killed build may still be finishing a task (it ends within a quarter
    of a second of its build, or when the task lets it). The next build waits for it
    before it clears the folder, so what the worker left half written is cleared too."""
    out = tmp_path / "out"
    assert run("build", sources, "-o", out).exit_code == 0
    part = out / "pdf" / ".page.pdf.zzz999.part"
    straggler = subprocess.Popen([sys.executable, "-c", STRAGGLER,
                                  str(out / ".tei-edition" / WORKERS_LOCK), str(part)],
                                 stdout=subprocess.PIPE, text=True)
    try:
        assert straggler.stdout.readline().strip() == "joined"
        started = time.monotonic()
        assert run("build", sources, "-o", out).exit_code == 0
        assert time.monotonic() - started >= 1.0  # it waited for the straggler
    finally:
        straggler.wait(timeout=30)
    assert not part.exists()


def _held(lock: Path) -> bool:
    with open(lock, "a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        return False


def test_pool_workers_hold_the_workers_lock_while_they_live(tmp_path):
    from tei_edition.parallel import PoolRunner

    lock = tmp_path / WORKERS_LOCK
    with PoolRunner(2, str(lock)) as pool:
        assert len({pid for _item, pid in pool.map(_worker_pid, range(4))}) >= 1
        assert _held(lock)
    assert not _held(lock)


def _worker_pid(_item) -> int:
    return os.getpid()


def test_a_page_whose_text_failed_is_tried_again(sources, tmp_path):
    out = tmp_path / "out"
    assert run("build", sources, "-o", out).exit_code == 0
    (sources / "page.txt").write_bytes(b"\x00broken")
    assert run("build", sources, "-o", out).exit_code == 1
    again = run("build", sources, "-o", out)           # still broken: still reported
    assert again.exit_code == 1 and "page.txt:1:1: binary data" in again.stderr


WORKERS_CLOCK = """
import os, sys
from multiprocessing import forkserver
from pathlib import Path
from tei_edition.build import build_edition
from tei_edition.progress import Progress

# The worker processes' server starts under one SOURCE_DATE_EPOCH (the Unix epoch) ...
os.environ["SOURCE_DATE_EPOCH"] = "0"
forkserver.ensure_running()
# ... and the build runs under another: its workers must date what they make by the build's.
os.environ["SOURCE_DATE_EPOCH"] = "1700000000"
build_edition(Path(sys.argv[1]), Path(sys.argv[2]), jobs=2, progress=Progress(quiet=True))
"""


def test_worker_processes_date_their_outputs_by_the_builds_clock(sources, tmp_path):
    out = tmp_path / "out"
    done = subprocess.run([sys.executable, "-c", WORKERS_CLOCK, str(sources), str(out)],
                          capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert done.returncode == 0, done.stderr
    tei = (out / "tei" / "page.xml").read_text(encoding="utf-8")
    assert 'when="2023-11-14"' in tei and "1970-01-01" not in tei
    import pikepdf

    with pikepdf.open(out / "pdf" / "page.pdf") as pdf:
        assert str(pdf.docinfo["/CreationDate"]).startswith("D:20231114"), pdf.docinfo


def test_lang_and_base_url_on_the_command_line_reach_the_site_and_the_bag(sources, tmp_path):
    out = tmp_path / "out"
    result = run("build", sources, "-o", out, "-j", "1", "-q", "--lang", "en",
                 "--base-url", "https://library.example.org/np")
    assert result.exit_code == 0, result.output
    page = (out / "html" / "page.html").read_text(encoding="utf-8")
    assert '<html lang="en"' in page or "Skip to" in page
    assert 'name="citation_public_url" content="https://library.example.org/np/page.html"' in page
    bag_pages = list((out / "bags").rglob("data/html/page.html"))
    assert bag_pages and "Skip to" in bag_pages[0].read_text(encoding="utf-8")
    single = tmp_path / "single"
    result = run("html", out / "tei" / "page.xml", "-o", single, "--lang", "zh",
                 "--base-url", "https://library.example.org/np/")
    assert result.exit_code == 0, result.output
    page = (single / "page.html").read_text(encoding="utf-8")
    assert "跳到正文" in page and "https://library.example.org/np/page.html" in page
    result = run("html", out / "tei" / "page.xml", "-o", single, "--base-url", "file:///tmp/x/")
    assert result.exit_code == 2 and "--base-url" in result.output


def _orphans(out: Path) -> list[int]:
    """Processes of this test's builds still running: their command lines hold OUT."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                environ = (entry / "environ").read_bytes()
            except OSError:
                continue
            if f"TEI_EDITION_TEST_BUILD={out}".encode() in environ:
                found.append(int(entry.name))
    return found


def test_a_killed_build_leaves_no_worker_running(sources, tmp_path):
    out = tmp_path / "out"
    env = {**os.environ, "TEI_EDITION_TEST_BUILD": str(out)}
    process = subprocess.Popen([sys.executable, "-m", "tei_edition", "build", str(sources), "-o",
                                str(out), "-j", "2", "-q"], env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(_orphans(out)) < 3:   # the build and its pool
        time.sleep(0.05)
    assert len(_orphans(out)) >= 3, "the build's workers never started"
    process.send_signal(signal.SIGKILL)
    process.wait()
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and _orphans(out):
        time.sleep(0.2)
    left = _orphans(out)
    for pid in left:
        os.kill(pid, signal.SIGKILL)
    assert left == [], "a killed build left its worker processes running"
