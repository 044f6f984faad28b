"""Prints how long encoding takes: the seed (cold and warm), the evaluation sets' pages
(tests/eval/pages and tests/eval/holdout/pages, warm, per page, wall and CPU time), a
synthetic many-page text, and the one-time cost of the word segmenter the missing-start
rules load on the first opening that needs it.

    .venv/bin/python bench/bench_encode.py
    .venv/bin/python bench/bench_encode.py --repeats 4000 8000 16000

--repeats N…: instead, the scale of validation on a page with N repeated paragraphs (each
a `copyOf` the Schematron rule tn-copyOf-order checks): encode time without validation,
then the validation time (RELAX NG + Schematron) of that TEI.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

started = time.perf_counter()
from tei_edition.encoder import encode, encode_path  # noqa: E402
from tei_edition.ingest import gaps  # noqa: E402
from tei_edition.ingest.decode import read_source  # noqa: E402
from tei_edition.ingest.sidecar import load_sidecar  # noqa: E402

import_s = time.perf_counter() - started


def repeats_scale(counts: list[int]) -> None:
    from tei_edition.validation import validate_tree

    paragraph = "会议强调，要深入贯彻习近平总书记关于安全生产重要论述精神，紧绷安全之弦，时刻保持警醒。"
    for n in counts:
        text = "## 标题\n\n" + "\n\n".join([paragraph] * (n + 1)) + "\n"
        t0 = time.perf_counter()
        made = encode(text.encode(), None, name=f"{n}-repeats.txt", when="2026-11-27", validate=False)
        encode_s = time.perf_counter() - t0
        copies = len(made.tree.getroot().xpath("//*[@copyOf]"))
        t0 = time.perf_counter()
        problems = validate_tree(made.tree, path=f"{n}-repeats.xml")
        validate_s = time.perf_counter() - t0
        print(f"{n:6d} repeats ({copies} copyOf): encode {encode_s:6.2f} s, "
              f"validate {validate_s:6.2f} s, {len(problems)} problems")


if "--repeats" in sys.argv:
    repeats_scale([int(a) for a in sys.argv[sys.argv.index("--repeats") + 1:]] or [4000, 8000, 16000])
    sys.exit(0)
seed = ROOT / "seeds" / "siping-daily-2022-08-26.txt"

t0 = time.perf_counter()
gaps._tags("业总产值")
segmenter_s = time.perf_counter() - t0

t0 = time.perf_counter()
result = encode_path(seed, when="2026-11-27")
cold = time.perf_counter() - t0

warm_runs, no_validate = [], []
for _ in range(20):
    t0 = time.perf_counter()
    encode_path(seed, when="2026-11-27")
    warm_runs.append(time.perf_counter() - t0)
    t0 = time.perf_counter()
    encode_path(seed, when="2026-11-27", validate=False)
    no_validate.append(time.perf_counter() - t0)

decoded = read_source(seed)
meta = load_sidecar(None, seed)
big = decoded.text.replace("\n\n\n\n", "\n\f\n")
pages = 20
text = "\f".join([decoded.text] * pages)
t0 = time.perf_counter()
big_result = encode(text.encode(), None, name="20-pages.txt", when="2026-11-27", validate=False)
big_s = time.perf_counter() - t0

chars = sum(1 for c in decoded.text if not c.isspace())
print(f"import tei_edition.encoder          {import_s * 1000:8.1f} ms")
print(f"seed, cold (first call, schema load) {cold * 1000:8.1f} ms")
print(f"seed, warm (median of 20)            {statistics.median(warm_runs) * 1000:8.1f} ms"
      f"   ({chars} characters, {result.summary()})")
print(f"seed, warm, without validation       {statistics.median(no_validate) * 1000:8.1f} ms")
print(f"{pages} seed pages in one file, no validation {big_s * 1000:8.1f} ms"
      f"   ({len(big_result.page.articles)} articles, {big_result.page.joins} joins)")

for label, folder in (("development set", ROOT / "tests" / "eval" / "pages"),
                      ("held-out set", ROOT / "tests" / "eval" / "holdout" / "pages"),
                      ("practice set", ROOT / "tests" / "eval" / "practice" / "pages")):
    eval_pages = sorted(folder.glob("*.txt"))
    per_page, cpu_page = [], []
    for page in eval_pages:
        encode_path(page, when="2026-11-27")
        runs, cpu = [], []
        for _ in range(5):
            t0, c0 = time.perf_counter(), time.process_time()
            encode_path(page, when="2026-11-27")
            runs.append(time.perf_counter() - t0)
            cpu.append(time.process_time() - c0)
        per_page.append(statistics.median(runs))
        cpu_page.append(statistics.median(cpu))
    # CPU time too: other work on a shared machine inflates wall time, not this process's CPU.
    print(f"{label}, warm, per page {statistics.median(per_page) * 1000:8.1f} ms median wall "
          f"({statistics.median(cpu_page) * 1000:.1f} ms CPU), {max(per_page) * 1000:.1f} ms max "
          f"({len(eval_pages)} pages)")
print(f"word segmenter (rjieba), loaded once     {segmenter_s * 1000:8.1f} ms")
