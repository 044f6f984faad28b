"""How far two golds of the same pages agree: inter-annotator agreement, kind by kind.

    .venv/bin/python bench/gold_agreement.py GOLD_DIR_A GOLD_DIR_B          # the table
    .venv/bin/python bench/gold_agreement.py GOLD_DIR_A GOLD_DIR_B -v       # + every disagreement
    .venv/bin/python bench/gold_agreement.py A B --pages DIR --json         # page texts elsewhere

Each folder holds `NAME.gold.json` files (tests/eval/README.md documents the format); the
pages compared are the names both folders hold. A is the reference and B is scored as if
it were the encoder's output: per kind, *agreed* items are matched one to one (greedy, in
the gold's order, as `bench/score_structure.py` matches), precision = agreed / items in B,
recall = agreed / items in A, with the scorer's conventions for empty kinds. Swapping A
and B swaps precision and recall and leaves the agreed counts unchanged.

Every gold is read through `score_structure.load_gold` against its page text (read with
the scorer's own page reading, `NAME.txt` beside the gold, beside the other gold, or in
`--pages`), so a gold naming text its page lacks is refused here as it is by the scorer.

Matching uses the scorer's normalisation (`norm`, `strip_edges`) and its tolerances, made
symmetric where the scorer's are one-sided because they compare a gold with TEI output:

- main heads, subtitles + kickers, bylines, persons, photo and page credits, section heads:
  `score_structure.matches` as it is (equality after `strip_edges`; persons: same name and
  roles equal or differing by an organisation prefix), which is already symmetric;
- joins: each side's `before` ends with the other's `before` (either way round) and each
  side's `after` begins with the other's (either way round), independently: two editors
  who quote different lengths of text around the same break agree;
- repeats: same unit, and for `text` and for `of` one annotator's text stands within the
  first 40 characters (`REPEAT_WINDOW`) of the other's, either way round;
- missing starts: one text begins with the other, either way round;
- captions: one caption begins with the other's first 16 characters (`CAPTION_PREFIX`),
  either way round (so one editor's short caption agrees with the other's long one).

The column labels, editors' notes and desk codes the gold records (not scored by the
scorer) are compared too, by equality after `strip_edges`, and printed apart.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import score_structure as ss  # noqa: E402

KINDS = ss.KINDS
EXTRA_KINDS = ss.EXTRA_KINDS
INFO_KINDS = ss.INFO_KEYS
ALL_KINDS = KINDS + EXTRA_KINDS + INFO_KINDS
LABELS = dict(ss.LABELS, columns="column labels", editor_notes="editor notes (编者按)",
              desk_codes="desk codes")


def _key(kind: str) -> str:
    return ss.GOLD_KEY.get(kind, kind)


def _one_way_prefix(a: str, b: str) -> bool:
    return a.startswith(b) or b.startswith(a)


def _one_way_suffix(a: str, b: str) -> bool:
    return a.endswith(b) or b.endswith(a)


def agree(kind: str, a, b) -> bool:
    """Whether annotator A's item and annotator B's item are the same mark (symmetric)."""
    if kind == "joins":
        return (_one_way_suffix(ss.norm(a["before"]), ss.norm(b["before"]))
                and _one_way_prefix(ss.norm(a["after"]), ss.norm(b["after"])))
    if kind == "repeats":
        if a["unit"] != b["unit"]:
            return False
        window = ss.REPEAT_WINDOW

        def near(x: str, y: str) -> bool:
            x, y = ss.norm(x), ss.norm(y)
            return x in y[:window] or y in x[:window]

        return near(a["text"], b["text"]) and near(a["of"], b["of"])
    if kind == "missing_starts":
        return _one_way_prefix(ss.norm(a), ss.norm(b))
    if kind == "captions":
        return ss.matches(kind, a, b) or ss.matches(kind, b, a)
    if kind in INFO_KINDS:
        return ss.strip_edges(a) == ss.strip_edges(b)
    return ss.matches(kind, a, b)


def match_items(kind: str, items_a: list, items_b: list) -> tuple[ss.KindCount, list, list]:
    """Greedy one-to-one matching in A's order, as the scorer's `match_kind` does, with the
    symmetric `agree`: (counts with tp = agreed, fn = only in A, fp = only in B;
    A's unmatched items; B's unmatched items)."""
    unused = list(range(len(items_b)))
    only_a = []
    for item in items_a:
        hit = next((i for i in unused if agree(kind, item, items_b[i])), None)
        if hit is None:
            only_a.append(item)
        else:
            unused.remove(hit)
    only_b = [items_b[i] for i in unused]
    return ss.KindCount(len(items_a) - len(only_a), len(only_b), len(only_a)), only_a, only_b


@dataclass
class PageAgreement:
    name: str
    counts: dict[str, ss.KindCount] = field(default_factory=dict)
    only_a: dict[str, list] = field(default_factory=dict)
    only_b: dict[str, list] = field(default_factory=dict)


@dataclass
class Agreement:
    dir_a: str
    dir_b: str
    kinds: dict[str, ss.KindCount]
    pages: list[PageAgreement]
    only_in_a: list[str]
    only_in_b: list[str]

    @property
    def mean_precision(self) -> float:
        return statistics.fmean(self.kinds[k].precision for k in KINDS)

    @property
    def mean_recall(self) -> float:
        return statistics.fmean(self.kinds[k].recall for k in KINDS)

    def to_dict(self) -> dict:
        def row(c: ss.KindCount) -> dict:
            return {"in_a": c.tp + c.fn, "in_b": c.tp + c.fp, "agreed": c.tp,
                    "precision": round(c.precision, 4), "recall": round(c.recall, 4)}

        return {"a": self.dir_a, "b": self.dir_b, "pages": len(self.pages),
                "pages_only_in_a": self.only_in_a, "pages_only_in_b": self.only_in_b,
                "mean_precision": round(self.mean_precision, 4),
                "mean_recall": round(self.mean_recall, 4),
                "kinds": {k: row(self.kinds[k]) for k in ALL_KINDS},
                "disagreements": {p.name: {k: {"only_a": p.only_a[k], "only_b": p.only_b[k]}
                                           for k in ALL_KINDS if p.only_a[k] or p.only_b[k]}
                                  for p in self.pages}}


def _names(folder: Path) -> set[str]:
    return {p.name[: -len(".gold.json")] for p in folder.glob("*.gold.json")}


def _page_path(name: str, folders: list[Path]) -> Path:
    for folder in folders:
        page = folder / f"{name}.txt"
        if page.exists():
            return page
    raise ss.GoldError(f"{name}: no page text {name}.txt in " + ", ".join(map(str, folders)))


def compare(dir_a: str | Path, dir_b: str | Path,
            pages_dir: str | Path | None = None) -> Agreement:
    """Compare the golds of the pages both folders hold, A as reference, B as found."""
    dir_a, dir_b = Path(dir_a), Path(dir_b)
    names_a, names_b = _names(dir_a), _names(dir_b)
    common = sorted(names_a & names_b)
    if not common:
        raise ss.GoldError(f"{dir_a} and {dir_b} hold no gold of the same page")
    folders = [dir_a, dir_b] + ([Path(pages_dir)] if pages_dir else [])
    totals = {kind: ss.KindCount() for kind in ALL_KINDS}
    pages = []
    for name in common:
        text = ss._page_text(_page_path(name, folders))
        gold_a = ss.load_gold(dir_a / f"{name}.gold.json", text)
        gold_b = ss.load_gold(dir_b / f"{name}.gold.json", text)
        page = PageAgreement(name)
        for kind in ALL_KINDS:
            count, only_a, only_b = match_items(kind, gold_a.get(_key(kind), []),
                                                gold_b.get(_key(kind), []))
            page.counts[kind], page.only_a[kind], page.only_b[kind] = count, only_a, only_b
            totals[kind].add(count)
        pages.append(page)
    return Agreement(str(dir_a), str(dir_b), totals, pages,
                     sorted(names_a - names_b), sorted(names_b - names_a))


def render(result: Agreement, verbose: bool = False) -> str:
    lines = [f"gold agreement: {len(result.pages)} pages; A = {result.dir_a} (reference),"
             f" B = {result.dir_b}", ""]
    if result.only_in_a or result.only_in_b:
        lines.append(f"not compared: {len(result.only_in_a)} pages only in A, "
                     f"{len(result.only_in_b)} only in B")
        lines.append("")
    head = f"{'kind':<24}{'in A':>6}{'in B':>6}{'agreed':>8}{'precision':>11}{'recall':>8}"
    lines.append(head)

    def row(kind: str) -> str:
        c = result.kinds[kind]
        return (f"{LABELS[kind]:<24}{c.tp + c.fn:>6}{c.tp + c.fp:>6}{c.tp:>8}"
                f"{c.precision:>11.3f}{c.recall:>8.3f}")

    lines += [row(kind) for kind in KINDS]
    lines.append(f"{'mean over the ' + str(len(KINDS)) + ' kinds':<44}"
                 f"{result.mean_precision:>11.3f}{result.mean_recall:>8.3f}")
    lines.append("not in the mean:")
    lines += [row(kind) for kind in EXTRA_KINDS]
    lines.append("recorded, not scored by the scorer:")
    lines += [row(kind) for kind in INFO_KINDS]
    if verbose:
        lines.append("")
        lines.append("disagreements (A = only the reference has it, B = only the other):")
        for page in result.pages:
            problems = [k for k in ALL_KINDS if page.only_a[k] or page.only_b[k]]
            if not problems:
                continue
            lines.append(page.name)
            for kind in problems:
                for item in page.only_a[kind]:
                    lines.append(f"    A  {LABELS[kind]:<22} {_short(item)}")
                for item in page.only_b[kind]:
                    lines.append(f"    B  {LABELS[kind]:<22} {_short(item)}")
    return "\n".join(lines)


def _short(item) -> str:
    if isinstance(item, dict) and "name" in item:
        return f"{item['name']} ({item.get('role') or '-'}, {item.get('context', '?')})"
    if isinstance(item, dict) and "of" in item:
        return f"{item['unit']}: {ss.norm(item['text'])[:20]} -> {ss.norm(item['of'])[:20]}"
    if isinstance(item, dict) and "before" in item:
        return f"…{ss.norm(item['before'])[-12:]}|{ss.norm(item['after'])[:12]}…"
    if isinstance(item, dict):
        return f"{item['type']}: {ss.norm(item['text'])[:40]}"
    text = ss.norm(item)
    return text if len(text) <= 40 else text[:40] + "…"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("gold_a", help="folder of NAME.gold.json: the reference annotator")
    parser.add_argument("gold_b", help="folder of NAME.gold.json: the other annotator")
    parser.add_argument("--pages", help="folder of the NAME.txt page texts, if beside neither")
    parser.add_argument("-v", "--verbose", action="store_true", help="list every disagreement")
    parser.add_argument("--json", action="store_true", help="print JSON instead of the table")
    args = parser.parse_args(argv)
    try:
        result = compare(args.gold_a, args.gold_b, args.pages)
    except ss.GoldError as exc:
        print(f"gold_agreement: {exc}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
    else:
        print(render(result, args.verbose))
    return 0


if __name__ == "__main__":
    sys.exit(main())
