"""Package and deposit time per issue (the seed: one page, ~830 KiB of payload).

    .venv/bin/python bench/bench_deposit.py [RUNS]

Builds the seed edition once (encode, site, archival PDF), then measures in one process:

package           package_issue: copy, METS/MODS, bagit (SHA-256 + SHA-512), BagIt 1.0
                  rewrite, self-check (bagit full validation + profile + METS check)
deposit v1        deposit_bag into a fresh storage root (bag validation, ocfl-py object,
                  full object validation, rename into place)
deposit same      the same bag again: no new version
deposit v2        a bag with a corrected TEI: live object validated, version staged,
                  validated, swapped in
verify bag        tei-edition verify on a bag (full checksums, profile, METS)
verify object     ocfl-py's object validator with digests, on the two-version object
cold CLI          `tei-edition package` + `deposit` in fresh processes (imports included)

Prints min and median seconds over RUNS (default 7) and `uptime`.
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
NAME = "siping-daily-2022-08-26"

_CLI = """
import sys
from tei_edition.cli import main
from tei_edition.cli_deposit import deposit, package, verify
for command in (package, deposit, verify):
    main.add_command(command)
main(sys.argv[1:])
"""


def build_edition(tmp: Path):
    from tei_edition.encoder import encode_path
    from tei_edition.pdf import render_pdf
    from tei_edition.site import build_site

    out = tmp / "output"
    tei = out / "tei" / f"{NAME}.xml"
    tei.parent.mkdir(parents=True)
    tei.write_bytes(encode_path(ROOT / "seeds" / f"{NAME}.txt", None, when="2026-11-27").xml_bytes)
    build_site([tei], out / "html")
    render_pdf(tei, out / "pdf" / f"{NAME}.pdf", profile="archive")
    corrected = tmp / "corrected" / "tei" / f"{NAME}.xml"
    corrected.parent.mkdir(parents=True)
    corrected.write_bytes(tei.read_bytes().replace(
        "版次不详</title>".encode(), "版次不详（校订）</title>".encode(), 1))
    return out, tei, corrected


def timed(function, runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return times


def main(argv: list[str]) -> None:
    from tei_edition.deposit import DepositConfig, PageFiles, deposit_bag, package_issue, verify
    from tei_edition.deposit.verify import object_problems

    runs = int(argv[0]) if argv else 7
    tmp = Path(tempfile.mkdtemp(prefix="bench-deposit-"))
    try:
        out, tei, corrected = build_edition(tmp)
        config = DepositConfig(source_organization="Bench Library", identifier_prefix="urn:bench:")

        def page(master: Path) -> PageFiles:
            return PageFiles(tei=master, source=ROOT / "seeds" / f"{NAME}.txt",
                             sidecar=ROOT / "seeds" / f"{NAME}.toml",
                             html=out / "html" / f"{NAME}.html", pdf=out / "pdf" / f"{NAME}.pdf")

        counter = iter(range(10_000))
        rows: list[tuple[str, list[float]]] = []
        bag = package_issue(NAME, [page(tei)], tmp / "bags-v1", config=config)
        bag2 = package_issue(NAME, [page(corrected)], tmp / "bags-v2", config=config)
        rows.append(("package", timed(lambda: package_issue(
            NAME, [page(tei)], tmp / f"bags-{next(counter)}", config=config), runs)))
        roots = []

        def first():
            roots.append(tmp / f"ocfl-{next(counter)}")
            deposit_bag(bag.path, roots[-1])

        rows.append(("deposit v1", timed(first, runs)))
        rows.append(("deposit same", timed(lambda: deposit_bag(bag.path, roots[0]), runs)))
        pending = list(roots)
        rows.append(("deposit v2", timed(lambda: deposit_bag(bag2.path, pending.pop()), runs)))
        rows.append(("verify bag", timed(lambda: verify(bag.path), runs)))
        object_dir = deposit_bag(bag2.path, roots[0]).object_path
        rows.append(("verify object", timed(lambda: object_problems(object_dir), runs)))

        def cold():
            target = tmp / f"cold-{next(counter)}"
            for args in (["package", str(tei), "-o", str(target / "bags"), "--sources", str(ROOT / "seeds")],
                         ["deposit", str(target / "bags" / NAME), "--ocfl", str(target / "ocfl")]):
                subprocess.run([sys.executable, "-c", _CLI, *args], check=True, capture_output=True,
                               cwd=ROOT)

        rows.append(("cold CLI package+deposit", timed(cold, max(3, runs // 2))))
        payload = sum(p.stat().st_size for p in (bag.path / "data").rglob("*") if p.is_file())
        print(f"issue {NAME}: 1 page, {bag.files} payload files, {payload / 1024:.0f} KiB")
        print(f"{'step':<26} {'min s':>8} {'median s':>9}  runs")
        for name, times in rows:
            print(f"{name:<26} {min(times):8.3f} {statistics.median(times):9.3f}  {len(times)}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print("uptime:", subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip())


if __name__ == "__main__":
    main(sys.argv[1:])
