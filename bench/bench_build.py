"""The whole pipeline on a generated archive: throughput, incrementality, memory, growth.

    .venv/bin/python bench/bench_build.py [--pages 100 1000] [--jobs 1 2] [--keep DIR]

For each archive size (pages recombined from real articles: tests/archive_factory.py;
several newspapers, dates and multi-page issues) and each -j, a fresh `tei-edition build`
in a new process prints: wall time, per-stage time per page (the build's own table), pages
per hour, and the peak memory of the build's own process and of its largest worker
(sampled every 0.2 s). With the largest -j it then times a no-op rebuild and a rebuild with
one page's text changed. Last, how time grows from the smallest size to the largest.
Benchmarks print; nothing is asserted. The machine's load (uptime) is printed first.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from archive_factory import make_archive  # noqa: E402


def build(sources: Path, out: Path, jobs: int) -> tuple[float, tuple[int, int], str]:
    """Run one build; (wall seconds, (peak RSS in bytes of the build's own process, of any one
    worker), its table)."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000"}
    started = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-m", "tei_edition", "build", str(sources), "-o",
                                str(out), "-j", str(jobs), "-q"], env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak = [0, 0]                   # the build's own process, the largest worker
    done = threading.Event()

    def sample():
        parent = psutil.Process(process.pid)
        while not done.is_set():
            try:
                for role, proc in [(0, parent), *((1, c) for c in parent.children(recursive=True))]:
                    try:
                        peak[role] = max(peak[role], proc.memory_info().rss)
                    except psutil.Error:
                        pass
            except psutil.Error:
                pass
            done.wait(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, err = process.communicate()
    done.set()
    sampler.join()
    seconds = time.perf_counter() - started
    if process.returncode != 0:
        raise SystemExit(f"build failed ({process.returncode}):\n{err[-3000:]}")
    return seconds, (peak[0], peak[1]), err.strip()


def stage_seconds(table: str) -> dict[str, float]:
    found = {}
    for line in table.splitlines():
        match = re.match(r"^(\s*[a-z]+)\s+\d+\s+\d+\s+\d+\s+([\d.]+)$", line)
        if match:
            found[match.group(1).strip()] = float(match.group(2))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, nargs="+", default=[100, 1000])
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--keep", type=Path, help="build here instead of a temporary folder")
    args = parser.parse_args()
    print("uptime:", subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip())
    print(f"cores: {os.cpu_count()}")
    work = args.keep or Path(tempfile.mkdtemp(prefix="bench-build-"))
    totals: dict[tuple[int, int], float] = {}
    try:
        for pages in args.pages:
            sources = work / f"archive-{pages}"
            shutil.rmtree(sources, ignore_errors=True)
            make_archive(sources, pages=pages, seed=7)
            for jobs in args.jobs:
                out = work / f"out-{pages}-j{jobs}"
                shutil.rmtree(out, ignore_errors=True)
                seconds, peak, table = build(sources, out, jobs)
                totals[(pages, jobs)] = seconds
                stages = stage_seconds(table)
                workers = (f", of one worker {peak[1] / 2**20:.0f} MiB" if jobs > 1 else "")
                print(f"\n{pages} pages, -j {jobs}: {seconds:.1f} s wall, "
                      f"{pages / seconds * 3600:,.0f} pages/hour, peak memory of the build's "
                      f"process {peak[0] / 2**20:.0f} MiB{workers}", flush=True)
                print("  per page: " + ", ".join(f"{name} {value / pages * 1000:.1f} ms"
                                               for name, value in stages.items()))
                print("  " + table.replace("\n", "\n  "))
            jobs = max(args.jobs)
            out = work / f"out-{pages}-j{jobs}"
            seconds, _, _ = build(sources, out, jobs)
            print(f"\n{pages} pages, no-op rebuild: {seconds:.2f} s")
            page = sorted(sources.rglob("*.txt"))[len(list(sources.rglob('*.txt'))) // 2]
            page.write_text(page.read_text(encoding="utf-8") + "\n全市上下要形成合力。\n",
                            encoding="utf-8")
            seconds, _, table = build(sources, out, jobs)
            print(f"{pages} pages, one page changed: {seconds:.2f} s")
            print("  " + table.replace("\n", "\n  "))
        if len(args.pages) > 1:
            small, large = min(args.pages), max(args.pages)
            for jobs in args.jobs:
                ratio = totals[(large, jobs)] / totals[(small, jobs)]
                print(f"\ngrowth, -j {jobs}: {large} pages take {ratio:.1f} times as long as {small}"
                      f" ({large / small:.0f} times the pages)")
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
