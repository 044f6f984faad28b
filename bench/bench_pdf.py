"""Render time, peak memory and file size of the PDF, per profile.

    .venv/bin/python bench/bench_pdf.py [TEI] [--runs N]

TEI defaults to the seed page encoded by the encoder (or, if the encoder is not there,
tests/fixtures/sample_page.xml). For each profile:

  cold   a fresh Python process renders once: imports, font and HarfBuzz checks, CSS
         parse, XSLT compile, layout and write - what `tei-edition pdf` costs;
  warm   the same process renders N more times, as a build does for many pages.

Layout (WeasyPrint's render) and write (PDF output, font subsetting, our finishing)
come from the PdfReport; total is wall time of render_pdf including the XSLT. Peak memory
is the process's maximum resident set size (resource.getrusage).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHILD = r"""
import json, resource, sys, time
from pathlib import Path
t0 = time.perf_counter()
from tei_edition.pdf import render_pdf
tei, out, profile, runs = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3], int(sys.argv[4])
rows = []
for i in range(runs + 1):
    start = time.perf_counter()
    report = render_pdf(tei, out, profile=profile)
    rows.append({"total": time.perf_counter() - start, "layout": report.layout_seconds,
                 "write": report.write_seconds, "pages": report.pages, "bytes": report.bytes,
                 "since_start": time.perf_counter() - t0})
print(json.dumps({"rows": rows,
                  "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def _tei(arg: str | None, workdir: Path) -> Path:
    if arg:
        return Path(arg)
    try:
        from tei_edition.encoder import encode_path
    except ImportError:
        return ROOT / "tests" / "fixtures" / "sample_page.xml"
    out = workdir / "siping-daily-2022-08-26.xml"
    out.write_bytes(encode_path(ROOT / "seeds" / "siping-daily-2022-08-26.txt", None,
                                when="2026-11-27").xml_bytes)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("tei", nargs="?")
    parser.add_argument("--runs", type=int, default=5, help="warm renders per profile")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        tei = _tei(args.tei, workdir)
        print(f"TEI: {tei.name} ({tei.stat().st_size} bytes); python {sys.version.split()[0]}; "
              f"{os.cpu_count()} CPUs")
        header = (f"{'profile':8} {'pages':>5} {'size KiB':>8} | {'cold: layout':>12} {'write':>6} "
                  f"{'total':>6} {'process':>7} | {'warm: layout':>12} {'write':>6} {'total':>6} "
                  f"| {'peak MiB':>8}")
        print(header)
        print("-" * len(header))
        for profile in ("archive", "print", "screen"):
            out = workdir / f"{profile}.pdf"
            result = subprocess.run([sys.executable, "-c", CHILD, str(tei), str(out), profile,
                                     str(args.runs)], capture_output=True, text=True,
                                    cwd=ROOT, check=True)
            data = json.loads(result.stdout.strip().splitlines()[-1])
            cold, warm = data["rows"][0], data["rows"][1:]

            def median(key):
                values = sorted(row[key] for row in warm)
                return values[len(values) // 2] if values else float("nan")

            print(f"{profile:8} {cold['pages']:>5} {cold['bytes'] / 1024:>8.0f} | "
                  f"{cold['layout']:>12.2f} {cold['write']:>6.2f} {cold['total']:>6.2f} "
                  f"{cold['since_start']:>7.2f} | {median('layout'):>12.2f} "
                  f"{median('write'):>6.2f} {median('total'):>6.2f} | {data['peak_mib']:>8.0f}")
        print("seconds per TEI page (one newspaper page); 'process' = cold incl. imports; "
              "warm = median of the later renders in the same process")
    return 0


if __name__ == "__main__":
    sys.exit(main())
