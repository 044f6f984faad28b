"""The structure score per newspaper, across evaluation sets: where the encoder is weak.

    .venv/bin/python bench/score_by_paper.py                     # every set in tests/eval
    .venv/bin/python bench/score_by_paper.py DIR [DIR ...]       # given folders of pages
    .venv/bin/python bench/score_by_paper.py --json

A mean over one set hides which papers the rules were written from. Pages are grouped by
their paper, the part of the page name before its first `-` (`rmrb-1982-04-07-p1` is
人民日报, `appledaily-2015-06-10-hk` 蘋果日報), and each paper's tp/fp/fn are pooled over
the nine scored kinds (`score_structure.KINDS`). Pooled precision and recall weigh every
item alike, so a paper with three bylines and no repeats is not credited with a perfect
repeat score it never earned. Each row says in which sets the paper's pages stand: a
paper met in one set only is the nearest thing the sets hold to a paper never seen.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import score_structure as ss  # noqa: E402

EVAL = ss.ROOT / "tests" / "eval"


def default_dirs() -> list[Path]:
    """Every folder of pages with gold under tests/eval (a set's `pages/`, or the
    development set's own `pages/`); not a second reader's gold, which has no pages."""
    return sorted({gold.parent for gold in EVAL.glob("**/*.gold.json")
                   if gold.with_name(gold.name.replace(".gold.json", ".txt")).exists()})


def set_name(pages_dir: Path) -> str:
    """`tests/eval/dev5a/pages` → `dev5a`; the development set's `tests/eval/pages` → `dev`;
    a folder elsewhere by its name, or its parent's when it is a set's `pages/`."""
    folder = pages_dir.resolve()
    if folder.is_relative_to(EVAL.resolve()):
        return "/".join(p for p in folder.relative_to(EVAL.resolve()).parts if p != "pages") or "dev"
    return folder.parent.name if folder.name == "pages" else folder.name


def paper_of(page_name: str) -> str:
    return page_name.split("-", 1)[0]


@dataclass
class PaperScore:
    paper: str
    pages: int = 0
    sets: set[str] = field(default_factory=set)
    count: ss.KindCount = field(default_factory=ss.KindCount)
    kinds: dict[str, ss.KindCount] = field(default_factory=dict)

    @property
    def f1(self) -> float:
        p, r = self.count.precision, self.count.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def weakest(self) -> str:
        """The kind with the most errors (fp + fn), e.g. `bylines 0/4`."""
        kind, c = max(self.kinds.items(), key=lambda kv: (kv[1].fp + kv[1].fn, kv[0]))
        return f"{ss.LABELS[kind]} {c.fp}+{c.fn}" if c.fp + c.fn else "-"

    def to_dict(self) -> dict:
        return {"paper": self.paper, "pages": self.pages, "sets": sorted(self.sets),
                **self.count.to_dict(), "f1": round(self.f1, 4),
                "kinds": {k: c.to_dict() for k, c in self.kinds.items()}}


def by_paper(dirs: list[Path]) -> list[PaperScore]:
    papers: dict[str, PaperScore] = {}
    for pages_dir in dirs:
        result = ss.score(pages_dir)
        for page in result.pages:
            paper = papers.setdefault(paper_of(page.name), PaperScore(paper_of(page.name)))
            paper.pages += 1
            paper.sets.add(set_name(Path(pages_dir)))
            for kind in ss.KINDS:
                paper.count.add(page.counts[kind])
                paper.kinds.setdefault(kind, ss.KindCount()).add(page.counts[kind])
    return sorted(papers.values(), key=lambda p: (p.f1, p.paper))


def render(papers: list[PaperScore]) -> str:
    lines = [f"{'paper':<14}{'pages':>6}{'precision':>10}{'recall':>8}{'tp':>6}{'fp':>5}{'fn':>5}"
             f"  {'most errors (fp+fn)':<24}sets"]
    for p in papers:
        c = p.count
        lines.append(f"{p.paper:<14}{p.pages:>6}{c.precision:>10.3f}{c.recall:>8.3f}{c.tp:>6}"
                     f"{c.fp:>5}{c.fn:>5}  {p.weakest():<24}{', '.join(sorted(p.sets))}")
    one = [p for p in papers if len(p.sets) == 1]
    many = [p for p in papers if len(p.sets) > 1]
    for label, group in (("papers in one set", one), ("papers in several sets", many)):
        total = ss.KindCount()
        for p in group:
            total.add(p.count)
        lines.append(f"{label}: {len(group)}, pooled precision {total.precision:.3f}, "
                     f"recall {total.recall:.3f}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dirs", nargs="*", help="folders of NAME.txt + NAME.gold.json "
                                                "(default: every set under tests/eval)")
    parser.add_argument("--json", action="store_true", help="print JSON instead of the table")
    args = parser.parse_args(argv)
    dirs = [Path(d) for d in args.dirs] or default_dirs()
    try:
        papers = by_paper(dirs)
    except ss.GoldError as exc:
        print(f"score_by_paper: {exc}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps([p.to_dict() for p in papers], ensure_ascii=False, indent=2))
    else:
        print(render(papers))
    return 0


if __name__ == "__main__":
    sys.exit(main())
