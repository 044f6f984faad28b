"""Generated newspaper archives for the build tests and bench/bench_build.py.

Real articles (the evaluation set's pages, tests/eval/pages: published Chinese newspaper
text with its extraction damage) are recombined into pages of several articles, pages into
issues of one to four pages, issues into a few newspapers over a span of days. The same
seed gives the same archive, byte for byte.

    make_archive(folder, pages=200, seed=1) -> list of the page texts written

Each page is NAME.txt with its sidecar NAME.toml under PAPER/YYYY/MM-DD/, as an archive
digitised by issue would be laid out.
"""

from __future__ import annotations

import random
import re
from datetime import date, timedelta
from pathlib import Path

EVAL_PAGES = Path(__file__).resolve().parent / "eval" / "pages"
PAPERS = [("siping-daily", "四平日报", "四平", "吉林省"), ("jilin-daily", "吉林日报", "长春", "吉林省"),
          ("guigang-daily", "贵港日报", "贵港", "广西壮族自治区"),
          ("securities-times", "证券时报", "深圳", "广东省")]


def articles() -> list[str]:
    """The articles of the evaluation pages: each from a `## ` headline to the next."""
    found: list[str] = []
    for page in sorted(EVAL_PAGES.glob("*.txt")):
        text = page.read_text(encoding="utf-8").replace("\f", "\n\n")
        parts = re.split(r"(?m)^(?=## )", text)
        found += [part.strip() + "\n" for part in parts if part.strip().startswith("## ")]
    return found


def make_archive(folder: Path, pages: int = 200, seed: int = 1, *,
                 first_day: date = date(2021, 3, 1)) -> list[Path]:
    rnd = random.Random(seed)
    pool = articles()
    written: list[Path] = []
    day = first_day
    while len(written) < pages:
        for slug, title, place, region in PAPERS:
            if len(written) >= pages:
                break
            if rnd.random() < 0.3:
                continue                          # not every paper every day
            for number in range(1, min(rnd.randint(1, 4), pages - len(written)) + 1):
                body = "\n".join(rnd.sample(pool, rnd.randint(2, 4)))
                stem = folder / slug / f"{day.year}" / f"{day:%m-%d}" / f"page-{number}"
                stem.parent.mkdir(parents=True, exist_ok=True)
                stem.with_suffix(".txt").write_text(body, encoding="utf-8")
                stem.with_suffix(".toml").write_text(
                    f'[newspaper]\ntitle = "{title}"\nplace = "{place}"\nregion = "{region}"\n\n'
                    f"[issue]\ndate = {day.isoformat()}\npage = {number}\n", encoding="utf-8")
                written.append(stem.with_suffix(".txt"))
        day += timedelta(days=1)
    return written
