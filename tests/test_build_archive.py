"""A generated archive (several newspapers, multi-page issues) built end to end: in
worker processes and on a Dask cluster with byte-identical outputs, incrementally (a
no-op rebuild makes nothing, one changed page remakes only its own outputs and what lists
it), and resumed after an interruption."""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from archive_factory import make_archive
from tei_edition.build import LOCK_NAME, build_edition
from tei_edition.progress import Progress

pytestmark = pytest.mark.slow
PAGES = 16


def tree_digests(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and p.name != LOCK_NAME}


def mtimes(folder: Path) -> dict[str, int]:
    return {p.relative_to(folder).as_posix(): p.stat().st_mtime_ns
            for p in sorted(folder.rglob("*")) if p.is_file() and p.name != LOCK_NAME}


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("archive")
    make_archive(folder, pages=PAGES, seed=3)
    return folder


@pytest.fixture(scope="module", autouse=True)
def reproducible():
    before = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = "1700000000"
    yield
    if before is None:
        del os.environ["SOURCE_DATE_EPOCH"]
    else:
        os.environ["SOURCE_DATE_EPOCH"] = before


def _build(sources: Path, out: Path, **options):
    return build_edition(sources, out, progress=Progress(quiet=True), **options)


@pytest.fixture(scope="module")
def local_build(archive, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("local") / "out"
    report = _build(archive, out, jobs=2)
    assert len(report.pages) == PAGES
    assert any(len(issue.pages) > 1 for issue in report.issues)
    assert len({issue.paper for issue in report.issues}) > 1
    return out


def test_the_archive_builds_into_issues_with_every_output(local_build, archive):
    texts = sorted(archive.rglob("*.txt"))
    for text in texts:
        name = text.relative_to(archive).with_suffix("").as_posix()
        assert (local_build / "tei" / f"{name}.xml").is_file()
        assert (local_build / "pdf" / f"{name}.pdf").is_file()
    assert len(list((local_build / "bags").iterdir())) >= 2


def test_a_dask_build_is_byte_identical_to_a_local_one(archive, local_build, tmp_path):
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster:
        _build(archive, tmp_path / "out", scheduler=cluster.scheduler_address)
    assert tree_digests(tmp_path / "out") == tree_digests(local_build)


def test_a_dask_cluster_of_threaded_workers_is_refused_before_any_work(archive, tmp_path):
    distributed = pytest.importorskip("distributed")
    from tei_edition.errors import InputError

    with distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=True,
                                  dashboard_address=None) as cluster:
        with pytest.raises(InputError, match="--nthreads 1"):
            _build(archive, tmp_path / "out", scheduler=cluster.scheduler_address)
    assert not (tmp_path / "out" / "pdf").exists()


def test_a_dask_build_with_relative_paths_works_wherever_its_workers_stand(archive, local_build,
                                                                          tmp_path, monkeypatch):
    distributed = pytest.importorskip("distributed")
    subprocess.run(["cp", "-a", str(archive), str(tmp_path / "sources")], check=True)
    # The project's configuration is read from the working folder, as local_build's was.
    shutil.copy(Path.cwd() / "tei-edition.toml", tmp_path / "tei-edition.toml")
    monkeypatch.chdir(tmp_path)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster:
        with distributed.Client(cluster.scheduler_address) as client:
            client.run(os.chdir, str(elsewhere))      # a worker's folder is not the build's
        report = _build(Path("sources"), Path("out"), scheduler=cluster.scheduler_address)
    assert not report.failures
    made, local = tree_digests(tmp_path / "out"), tree_digests(local_build)
    for tree in (made, local):
        del tree[".tei-edition/state.json"]             # it records where the sources were
    assert made == local
    assert not list(elsewhere.iterdir())


def test_a_no_op_rebuild_makes_nothing(archive, local_build, tmp_path):
    out = tmp_path / "out"
    subprocess.run(["cp", "-a", str(local_build), str(out)], check=True)
    before = mtimes(out)
    report = _build(archive, out, jobs=2)
    assert all(count.done == 0 for count in report.stages.values()), report.summary()
    assert mtimes(out) == before


def test_one_changed_page_remakes_its_outputs_and_nothing_else(archive, local_build, tmp_path):
    out, sources = tmp_path / "out", tmp_path / "sources"
    subprocess.run(["cp", "-a", str(local_build), str(out)], check=True)
    subprocess.run(["cp", "-a", str(archive), str(sources)], check=True)
    changed = sorted(sources.rglob("*.txt"))[5]
    name = changed.relative_to(sources).with_suffix("").as_posix()
    changed.write_text(changed.read_text(encoding="utf-8") + "\n全市上下要形成合力。\n", encoding="utf-8")
    before = tree_digests(out)
    _build(sources, out, jobs=2)
    after = tree_digests(out)
    remade = {path for path in after if after[path] != before.get(path)}
    assert f"tei/{name}.xml" in remade and f"pdf/{name}.pdf" in remade
    other_pages = {f"pdf/{p.relative_to(sources).with_suffix('').as_posix()}.pdf"
                   for p in sources.rglob("*.txt") if p != changed}
    assert not remade & other_pages
    assert not any(path.startswith("tei/") and path != f"tei/{name}.xml" for path in remade)


def _default_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def test_an_interrupted_build_is_finished_by_the_next(archive, local_build, tmp_path):
    out = tmp_path / "out"
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000"}
    log = tmp_path / "build.log"
    with open(log, "wb") as said:
        process = subprocess.Popen([sys.executable, "-m", "tei_edition", "build", str(archive),
                                    "-o", str(out), "-j", "2"], env=env,
                                   stdout=subprocess.DEVNULL, stderr=said, start_new_session=True,
                                   # As a terminal starts it: a test run in the background
                                   # (`cmd &` in a script) ignores SIGINT, and a process
                                   # started so ignores Ctrl-C too.
                                   preexec_fn=_default_sigint)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None \
            and len(list((out / "pdf").rglob("*.pdf"))) < PAGES // 3:
        time.sleep(0.1)
    made = len(list((out / "pdf").rglob("*.pdf")))
    running = process.poll() is None
    os.killpg(process.pid, signal.SIGINT)        # Ctrl-C to the build and its workers
    process.wait(timeout=60)
    # What the build said, should it not have been running when it was interrupted.
    said = log.read_text(encoding="utf-8", errors="replace")[-3000:]
    assert running, f"the build ended before it was interrupted ({made} PDFs):\n{said}"
    assert process.returncode != 0, f"interrupted at {made} PDFs, it exited 0:\n{said}"
    report = _build(archive, out, jobs=2)
    assert not report.failures
    assert tree_digests(out) == tree_digests(local_build)
