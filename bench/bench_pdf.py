"""Render time, CPU per sheet, peak memory and file size of the PDF, per profile.

    .venv/bin/python bench/bench_pdf.py [TEI] [--runs N] [--profile-top K]

TEI defaults to the seed page encoded by the encoder (or, if the encoder is not there,
tests/fixtures/sample_page.xml). For each profile:

  cold   a fresh Python process renders once: imports, font and HarfBuzz checks, CSS
         parse, XSLT compile, layout and write - what `tei-edition pdf` costs;
  warm   the same process renders N more times, as a build does for many pages.

Layout (WeasyPrint's render) and write (PDF output, font subsetting, our finishing)
come from the PdfReport; total is wall time of render_pdf including the XSLT. CPU/sheet
is the process's CPU time (time.process_time: every thread, user + system) of a warm
render divided by its pages (sheets), median and best of the warm renders: the figure
to compare on a machine busy with other work, where wall time is not (CPU time still
grows a little when another process shares the cores and caches). Peak memory is the process's maximum
resident set size (resource.getrusage).

--profile-top K runs the warm renders of the archive profile under cProfile and prints
the K functions with the most cumulative and the most own time. --phases prints where the
CPU time of the warm archive renders goes, by stage (layout, drawing, fonts, writing...).
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
import cProfile, io, json, pstats, resource, sys, time
from collections import defaultdict
from pathlib import Path
t0 = time.perf_counter()
import tei_edition.pdf as pdfmod
tei, out, profile, runs, top = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
phases = sys.argv[6] == "1"
spent, stack = defaultdict(float), []

def timed(name, function):  # CPU time spent in FUNCTION, minus the timed calls inside it
    def wrapper(*args, **kwargs):
        start = time.process_time()
        stack.append(name)
        try:
            return function(*args, **kwargs)
        finally:
            stack.pop()
            took = time.process_time() - start
            spent[name] += took
            if stack:
                spent[stack[-1]] -= took
    return wrapper

if phases:
    import pydyf, weasyprint, weasyprint.document as wd, weasyprint.pdf as wpdf
    pdfmod._print_page = timed("XSLT (print HTML)", pdfmod._print_page)
    pdfmod._composed_html = timed("composition (our planner)", pdfmod._composed_html)
    pdfmod.balance_columns = timed("column balance (ours)", pdfmod.balance_columns)
    weasyprint.HTML.__init__ = timed("HTML parse", weasyprint.HTML.__init__)
    wd.Document._build_layout_context = classmethod(
        timed("CSS cascade", wd.Document._build_layout_context.__func__))
    wd.build_formatting_structure = timed("box tree", wd.build_formatting_structure)
    wd.Document._render = classmethod(timed("layout", wd.Document._render.__func__))
    wd.Page.paint = timed("drawing", wd.Page.paint)
    wpdf.build_fonts_dictionary = timed("font subsetting", wpdf.build_fonts_dictionary)
    pydyf.PDF.write = timed("writing (pydyf)", pydyf.PDF.write)
    pdfmod._finish = timed("writing (our finisher: deflate)", pdfmod._finish)
    pdfmod._add_crop_marks = timed("crop marks", pdfmod._add_crop_marks)
    pdfmod.render_pdf = timed("the rest", pdfmod.render_pdf)
rows = []
profiler = cProfile.Profile() if top else None
for i in range(runs + 1):
    if i == 1:
        spent.clear()
    if profiler and i == 1:
        profiler.enable()
    start, cpu = time.perf_counter(), time.process_time()
    report = pdfmod.render_pdf(tei, out, profile=profile)
    rows.append({"total": time.perf_counter() - start, "cpu": time.process_time() - cpu,
                 "layout": report.layout_seconds, "write": report.write_seconds,
                 "pages": report.pages, "bytes": report.bytes,
                 "since_start": time.perf_counter() - t0})
stats = ""
if profiler:
    profiler.disable()
    for order in ("cumulative", "tottime"):
        text = io.StringIO()
        pstats.Stats(profiler, stream=text).strip_dirs().sort_stats(order).print_stats(top)
        stats += f"--- by {order} ({runs} warm renders) ---\n" + text.getvalue().split("\n", 6)[-1]
if phases:
    cpu = sum(row["cpu"] for row in rows[1:])
    stats += f"--- where the CPU time of {runs} warm {profile} renders goes ---\n"
    for name, seconds in sorted(spent.items(), key=lambda item: -item[1]):
        stats += f"  {name:34} {seconds / runs:6.3f} s per page  {100 * seconds / cpu:3.0f} %\n"
print(json.dumps({"rows": rows, "stats": stats,
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
    parser.add_argument("--profile-top", type=int, default=0, metavar="K",
                        help="profile the warm archive renders; print the top K functions")
    parser.add_argument("--phases", action="store_true",
                        help="print where the CPU time of the warm archive renders goes")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        tei = _tei(args.tei, workdir)
        load = os.getloadavg()
        print(f"TEI: {tei.name} ({tei.stat().st_size} bytes); python {sys.version.split()[0]}; "
              f"{os.cpu_count()} CPUs; load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
        header = (f"{'profile':8} {'sheets':>6} {'size KiB':>8} | {'cold: layout':>12} {'write':>6} "
                  f"{'total':>6} {'process':>7} | {'warm: layout':>12} {'write':>6} {'total':>6} "
                  f"{'CPU/sheet':>9} {'best':>5} | {'peak MiB':>8}")
        print(header)
        print("-" * len(header))
        profiles = []
        for profile in ("archive", "print", "screen"):
            out = workdir / f"{profile}.pdf"
            top = args.profile_top if profile == "archive" else 0
            phases = "1" if args.phases and profile == "archive" else "0"
            result = subprocess.run([sys.executable, "-c", CHILD, str(tei), str(out), profile,
                                     str(args.runs), str(top), phases], capture_output=True,
                                    text=True, cwd=ROOT, check=True)
            data = json.loads(result.stdout.strip().splitlines()[-1])
            cold, warm = data["rows"][0], data["rows"][1:]

            def median(key, rows=warm):
                values = sorted(row[key] for row in rows)
                return values[len(values) // 2] if values else float("nan")

            per_sheet = [dict(cpu=row["cpu"] / max(row["pages"], 1)) for row in warm]
            print(f"{profile:8} {cold['pages']:>6} {cold['bytes'] / 1024:>8.0f} | "
                  f"{cold['layout']:>12.2f} {cold['write']:>6.2f} {cold['total']:>6.2f} "
                  f"{cold['since_start']:>7.2f} | {median('layout'):>12.2f} "
                  f"{median('write'):>6.2f} {median('total'):>6.2f} "
                  f"{median('cpu', per_sheet):>9.3f} {min(r['cpu'] for r in per_sheet):>5.3f} | "
                  f"{data['peak_mib']:>8.0f}")
            if data["stats"]:
                profiles.append(data["stats"])
        print("seconds per TEI page (one newspaper page of `sheets` A3 sheets); 'process' = "
              "cold incl. imports; warm = median of the later renders in the same process; "
              "CPU/sheet = warm CPU seconds per sheet (median, best)")
        for stats in profiles:
            print(stats)
    return 0


if __name__ == "__main__":
    sys.exit(main())
