"""How long `validate` takes per document, cold and warm.

    .venv/bin/python bench/bench_validate.py [FILE.xml ...]

cold: a fresh process running `tei-edition validate FILE` (interpreter, imports, schema
compilation, one document), and in-process the first validate() call (compilation + one
document). warm: later calls in the same process, schemas already compiled (median).
Without FILEs: the sample page and the seed's golden TEI.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_FILES = [ROOT / "tests" / "fixtures" / "sample_page.xml",
                 ROOT / "tests" / "golden" / "siping-daily-2022-08-26.xml"]
TEI_ALL = ROOT.parent / "shared" / "oracles" / "tei_all.rng"
WARM_RUNS = 50


def _cold_process(path: Path, *extra: str) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "tei_edition", "validate", *extra, str(path)],
                   check=False, capture_output=True, cwd=ROOT)
    return time.perf_counter() - started


def main(files: list[Path]) -> None:
    files = [f for f in files if f.exists()]
    print(f"{'document':42} {'KiB':>6} {'elements':>8}  {'cold process':>12} {'first call':>10} "
          f"{'warm':>9}")
    for path in files:
        cold = min(_cold_process(path) for _ in range(3))
        # A fresh interpreter per file so that "first call" includes compiling the schemas.
        first, warm, elements = subprocess.run(
            [sys.executable, "-c", _IN_PROCESS, str(path), str(WARM_RUNS)], check=True,
            capture_output=True, text=True, cwd=ROOT).stdout.split()
        print(f"{path.name:42} {path.stat().st_size / 1024:6.1f} {elements:>8}  {cold * 1000:9.0f} ms "
              f"{float(first) * 1000:7.1f} ms {float(warm) * 1000:6.2f} ms")
    if TEI_ALL.exists() and files:
        started = time.perf_counter()
        from lxml import etree
        schema = etree.RelaxNG(etree.parse(str(TEI_ALL)))
        compiled = time.perf_counter() - started
        tree = etree.parse(str(files[0]))
        times = []
        for _ in range(WARM_RUNS):
            started = time.perf_counter()
            schema.validate(tree)
            times.append(time.perf_counter() - started)
        print(f"\nfor comparison, tei_all.rng: compile {compiled:.1f} s, warm "
              f"{statistics.median(times) * 1000:.2f} ms for {files[0].name}")


_IN_PROCESS = """
import statistics, sys, time
from lxml import etree
from tei_edition.validation import validate
path, runs = sys.argv[1], int(sys.argv[2])
started = time.perf_counter(); report = validate(path); first = time.perf_counter() - started
times = []
for _ in range(runs):
    started = time.perf_counter(); validate(path); times.append(time.perf_counter() - started)
print(first, statistics.median(times), sum(1 for _ in etree.parse(path).iter()))
"""


if __name__ == "__main__":
    main([Path(a) for a in sys.argv[1:]] or DEFAULT_FILES)
