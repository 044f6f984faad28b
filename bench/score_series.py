"""The paper-profile experiment: does an editor's profile, written from each paper's first
page, make the encoder right on the paper's later pages?

    .venv/bin/python bench/score_series.py tests/exams/exam5/pages --profiles tests/exams/exam5/profiles
    .venv/bin/python bench/score_series.py DIR --profiles P --json

A series set holds several pages of each paper (`PAPER-YYYY-MM-DD…`). Each paper's first
page (its earliest, the first in name order) is the one an editor reads and corrects, and
writes the paper's profile from (`P/PAPER.toml`); the later pages are read by nobody tuning
the encoder. The script scores the first pages and the later pages, each without and with
the profiles, and the later pages per paper (tp/fp/fn pooled over the nine kinds), so the
figure that matters, the later pages with the profiles against without, is one command.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import score_structure as ss  # noqa: E402


def paper_of(name: str) -> str:
    return name.split("-", 1)[0]


def first_pages(pages_dir: Path) -> set[str]:
    """Each paper's first page: the first of its names in order (its earliest date)."""
    firsts: dict[str, str] = {}
    for page in ss.page_files(pages_dir):
        firsts.setdefault(paper_of(page.stem), page.stem)
    return set(firsts.values())


def pooled(pages: list) -> ss.KindCount:
    total = ss.KindCount()
    for page in pages:
        for kind in ss.KINDS:
            total.add(page.counts[kind])
    return total


def experiment(pages_dir: str | Path, profiles: str | Path) -> dict:
    pages_dir = Path(pages_dir)
    firsts = first_pages(pages_dir)
    runs = {}
    for subset, only in (("first", lambda name: name in firsts),
                         ("later", lambda name: name not in firsts)):
        for label, folder in (("without", None), ("with", profiles)):
            runs[(subset, label)] = ss.score(pages_dir, profiles=folder, only=only)
    papers = sorted({paper_of(name) for name in firsts})
    per_paper = []
    for paper in papers:
        row = {"paper": paper, "profile": (Path(profiles) / f"{paper}.toml").is_file()}
        for label in ("without", "with"):
            pages = [p for p in runs[("later", label)].pages if paper_of(p.name) == paper]
            row["pages"] = len(pages)
            row[label] = pooled(pages).to_dict()
        per_paper.append(row)
    return {"pages_dir": str(pages_dir), "profiles": str(profiles), "first_pages": sorted(firsts),
            "runs": [{"pages": subset, "profiles": label, "count": len(result.pages),
                      "mean_precision": round(result.mean_precision, 4),
                      "mean_recall": round(result.mean_recall, 4),
                      "pooled": pooled(result.pages).to_dict(),
                      "crashes": [p.name for p in result.crashes]}
                     for (subset, label), result in runs.items()],
            "later_by_paper": per_paper}


def render(data: dict) -> str:
    lines = [f"paper profiles {data['profiles']} on {data['pages_dir']}",
             f"first pages (the editor's): {', '.join(data['first_pages'])}", "",
             f"{'pages':<8}{'profiles':<10}{'n':>4}{'mean P':>9}{'mean R':>8}{'pooled P':>10}"
             f"{'pooled R':>10}  crashes"]
    for run in data["runs"]:
        c = run["pooled"]
        lines.append(f"{run['pages']:<8}{run['profiles']:<10}{run['count']:>4}"
                     f"{run['mean_precision']:>9.3f}{run['mean_recall']:>8.3f}"
                     f"{c['precision']:>10.3f}{c['recall']:>10.3f}  {len(run['crashes'])}")
    lines += ["", "later pages per paper, pooled (without -> with the profile):",
              f"{'paper':<12}{'pages':>6}  {'precision':<16}{'recall':<16}tp/fp/fn with"]
    for row in data["later_by_paper"]:
        a, b = row["without"], row["with"]
        lines.append(f"{row['paper']:<12}{row['pages']:>6}  "
                     f"{a['precision']:.3f} -> {b['precision']:.3f}  {a['recall']:.3f} -> {b['recall']:.3f}  "
                     f"{b['tp']}/{b['fp']}/{b['fn']}{'' if row['profile'] else '  (no profile)'}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("pages", help="a series set's folder of NAME.txt + NAME.gold.json")
    parser.add_argument("--profiles", required=True, metavar="DIR", help="PAPER.toml per paper")
    parser.add_argument("--json", action="store_true", help="print JSON instead of the table")
    args = parser.parse_args(argv)
    try:
        data = experiment(args.pages, args.profiles)
    except ss.GoldError as exc:
        print(f"score_series: {exc}", file=sys.stderr)
        return 2
    print(json.dumps(data, ensure_ascii=False, indent=2) if args.json else render(data))
    return 0


if __name__ == "__main__":
    sys.exit(main())
