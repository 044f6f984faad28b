"""Per-page HTML transform time, cold and warm.

    .venv/bin/python bench/bench_html.py [TEI ...]

cold (process)  a fresh Python process: import, compile html.xsl, parse, transform, serialise
cold (in-proc)  the first transform in a process, stylesheet compile included
warm            median of later transforms in the same process (the site builder's case:
                html.xsl is compiled once per process)
Without arguments it measures the seed page (encoded now, if the encoder is installed)
and tests/fixtures/sample_page.xml.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

WARM_RUNS = 30
COLD_RUNS = 3

_COLD = """
import sys, time
t0 = time.perf_counter()
from tei_edition.transform import transform
from tei_edition.xmlio import parse_untrusted
tree = parse_untrusted(sys.argv[1])
t1 = time.perf_counter()
data = bytes(transform(tree, "html"))
t2 = time.perf_counter()
print(f"{t2 - t0:.6f} {t2 - t1:.6f}")
"""


def pages(args: list[str], tmp: Path) -> list[Path]:
    if args:
        return [Path(a) for a in args]
    found = []
    try:
        from tei_edition.encoder import encode_path
        seed = ROOT / "seeds" / "siping-daily-2022-08-26.txt"
        out = tmp / "siping-daily-2022-08-26.xml"
        out.write_bytes(encode_path(seed, None, when="2026-11-27").xml_bytes)
        found.append(out)
    except ImportError:
        pass
    found.append(ROOT / "tests" / "fixtures" / "sample_page.xml")
    return found


def main(argv: list[str]) -> None:
    from tei_edition import transform as transform_module
    from tei_edition.xmlio import parse_untrusted

    with tempfile.TemporaryDirectory() as tmp:
        targets = pages(argv, Path(tmp))
        print(f"{'page':40} {'bytes':>8} {'cold (process)':>15} {'cold (in-proc)':>15} {'warm (median)':>14}")
        for path in targets:
            procs = []
            for _ in range(COLD_RUNS):
                out = subprocess.run([sys.executable, "-c", _COLD, str(path)], cwd=ROOT,
                                     capture_output=True, text=True, check=True)
                procs.append(float(out.stdout.split()[0]))
            transform_module.stylesheet.cache_clear()
            tree = parse_untrusted(path)
            t0 = time.perf_counter()
            size = len(bytes(transform_module.transform(tree, "html")))
            first = time.perf_counter() - t0
            warm = []
            for _ in range(WARM_RUNS):
                t0 = time.perf_counter()
                bytes(transform_module.transform(tree, "html"))
                warm.append(time.perf_counter() - t0)
            print(f"{path.name:40} {size:8d} {statistics.median(procs) * 1000:12.1f} ms "
                  f"{first * 1000:12.1f} ms {statistics.median(warm) * 1000:11.2f} ms")


if __name__ == "__main__":
    main(sys.argv[1:])
