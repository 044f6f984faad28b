"""Scores the encoder's structure against an editor's gold, page by page, per kind.

    .venv/bin/python bench/score_structure.py                 # tests/eval/pages
    .venv/bin/python bench/score_structure.py DIR -v          # another folder; list every miss
    .venv/bin/python bench/score_structure.py --json          # machine-readable
    .venv/bin/python bench/score_structure.py --stats         # what the set holds, per kind
    .venv/bin/python bench/score_structure.py DIR --profiles P  # with paper profiles P/PAPER.toml

Every `NAME.txt` in the folder is encoded in-process (`encode_path`, sidecar `NAME.toml`
when present, `validate=True`, so the encoder's own lossless and schema checks run) and
the TEI is read back for what an editor marks: headlines, bylines, people, column joins,
repeats, missing starts, photos, page credits. `NAME.gold.json` beside the page says what
an editor reading the page would mark; tests/eval/README.md documents that format.

Matching never uses source line numbers (the TEI keeps text, not lines): items are
compared by text, after one explicit normalisation (`norm`: NFKC, all white space
removed). Tolerance exists only where the gold format grants it:

- headlines, bylines, photo and page credits: equal after `norm` and after stripping
  punctuation, brackets and bullets at both ends (`EDGE`), so `（记者王晓东）` and
  `记者王晓东` are the same byline and `■ 新华社发 胡学军 摄` the same credit;
- persons: equal name, and a role equal to the gold's or differing only by an
  organisation prefix (`新华社记者` ~ `记者`), since the prefix may sit outside
  `roleName`; the gold's `context` is reported, not matched;
- joins: the TEI text before the break ends with `before`, the text after begins with
  `after`;
- repeats: same unit; `text` stands within the first 40 characters of the repeat and `of`
  within the first 40 of its target (a run-in byline split off a paragraph or not);
- missing starts: the text after the `gap` begins with the gold text;
- captions: the TEI caption begins with the gold caption's first 16 characters (the
  credit is scored on its own, so a caption that swallowed its credit still fails there).

Precision of a kind with nothing found is 0 when something was expected (an encoder that
marks nothing is not precise, it is silent); recall with nothing expected is 1 only when
nothing was found. A page whose encoding raises is a crash: it is listed on its own line
and its gold counts as missed.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

TEI = "{http://www.tei-c.org/ns/1.0}"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
DEFAULT_PAGES = ROOT / "tests" / "eval" / "pages"

# The kinds of the table, in its order; their means are the headline figures.
KINDS = ("main_heads", "subtitles_kickers", "bylines", "persons", "joins", "repeats",
         "missing_starts", "captions", "page_credits")
# Scored and printed, but outside the mean (the table does not list them).
EXTRA_KINDS = ("photo_credits", "section_heads")
LABELS = {"main_heads": "main heads", "subtitles_kickers": "subtitles + kickers",
          "bylines": "bylines", "persons": "persons", "joins": "column joins",
          "repeats": "repeats", "missing_starts": "missing starts", "captions": "captions",
          "page_credits": "page credits", "photo_credits": "photo credits",
          "section_heads": "section heads"}
# Gold keys per kind (the gold names photo credits `credits` and page credits `furniture`).
GOLD_KEY = {"main_heads": "main_heads", "subtitles_kickers": "subtitles_kickers",
            "bylines": "bylines", "persons": "persons", "joins": "joins", "repeats": "repeats",
            "missing_starts": "missing_starts", "captions": "captions",
            "page_credits": "furniture", "photo_credits": "credits",
            "section_heads": "section_heads"}
# Recorded in the gold for readers and for the set's statistics; not scored.
INFO_KEYS = ("columns", "editor_notes", "desk_codes")
GOLD_KEYS = set(GOLD_KEY.values()) | set(INFO_KEYS) | {"page", "sources", "articles", "notes"}

EDGE = set(",.:;!?()[]{}<>'\"`~-_/|，。：；、！？（）［］【】〔〕「」『』《》〈〉“”‘’—…·•"
           "■□▲△▶►▷◆◇●○☉※★☆↑↓←→")
CAPTION_PREFIX = 16
REPEAT_WINDOW = 40


class GoldError(ValueError):
    """A gold file that cannot be scored: malformed, or naming text its page lacks."""


def norm(text: str) -> str:
    """NFKC, every kind of white space removed: the only normalisation before comparing."""
    return "".join(ch for ch in unicodedata.normalize("NFKC", text) if not ch.isspace())


def strip_edges(text: str) -> str:
    text = norm(text)
    start, end = 0, len(text)
    while start < end and text[start] in EDGE:
        start += 1
    while end > start and text[end - 1] in EDGE:
        end -= 1
    return text[start:end]


# -- what the TEI says ------------------------------------------------------------------
def _local(elem) -> str:
    return etree.QName(elem).localname if isinstance(elem.tag, str) else ""


def _text(elem) -> str:
    return "".join(elem.itertext())


def _has_ancestor(elem, name: str) -> bool:
    return any(_local(a) == name for a in elem.iterancestors())


def _persons(body) -> list[dict]:
    out = []
    for pers in body.iter(TEI + "persName"):
        parent = pers.getparent()
        role = None
        for sibling in parent:
            if sibling is pers:
                break
            if _local(sibling) == "roleName":
                role = _text(sibling)
        if _has_ancestor(pers, "figure"):
            context = "credit"
        elif _has_ancestor(pers, "fw"):
            context = "furniture"
        elif _has_ancestor(pers, "byline"):
            context = "byline"
        else:
            context = "other"
        out.append({"name": _text(pers), "role": role, "context": context})
    return out


_BREAK = "\x00"


def _flatten(elem, out: list[str]) -> None:
    """Text of a paragraph in order, with a marker at each break="no"; running heads skipped."""
    if elem.text:
        out.append(elem.text)
    for child in elem:
        name = _local(child)
        if name in ("cb", "pb", "lb") and child.get("break") == "no":
            out.append(_BREAK)
        elif name in ("fw", "note", "figure") or not name:
            pass
        else:
            _flatten(child, out)
        if child.tail:
            out.append(child.tail)


def _joins(body) -> list[dict]:
    out = []
    for para in body.iter(TEI + "p"):
        parts: list[str] = []
        _flatten(para, parts)
        pieces = "".join(parts).split(_BREAK)
        for i in range(1, len(pieces)):
            out.append({"before": "".join(pieces[:i]), "after": "".join(pieces[i:])})
    return out


def _lead_text(elem) -> str:
    """What a repeat is known by: an article's main headline, else its first paragraph."""
    if _local(elem) == "div":
        head = elem.find(f"{TEI}head[@type='main']")
        if head is not None:
            return _text(head)
        para = elem.find(f".//{TEI}p")
        return _text(para) if para is not None else _text(elem)
    return _text(elem)


def _repeats(body, ids: dict) -> list[dict]:
    out = []
    for elem in body.iter():
        target = elem.get("copyOf") if isinstance(elem.tag, str) else None
        if not target:
            continue
        original = ids.get(target.lstrip("#"))
        unit = "article" if _local(elem) == "div" else _local(elem)
        out.append({"text": _lead_text(elem), "unit": unit,
                    "of": _lead_text(original) if original is not None else ""})
    return out


def _missing_starts(body) -> list[str]:
    out = []
    for gap in body.iter(TEI + "gap"):
        if gap.get("reason") != "missing":
            continue
        parent = gap.getparent()
        if _local(parent) == "p":
            out.append(_text(parent))
            continue
        following = []
        for sibling in gap.itersiblings():
            if _local(sibling) in ("pb", "cb", "fw", "figure", "gap"):
                continue
            following.append(_text(sibling))
            if len(norm("".join(following))) >= 40:
                break
        out.append("".join(following))
    return out


def extract(tree: etree._ElementTree | etree._Element) -> dict[str, list]:
    """Everything the scorer compares, read from a TEI document's body."""
    root = tree.getroot() if hasattr(tree, "getroot") else tree
    body = root.find(f"{TEI}text/{TEI}body")
    if body is None:
        raise ValueError("no text/body in this TEI document")
    ids = {e.get(XML_ID): e for e in root.iter() if isinstance(e.tag, str) and e.get(XML_ID)}
    found: dict[str, list] = {kind: [] for kind in KINDS + EXTRA_KINDS}
    for head in body.iter(TEI + "head"):
        kind = head.get("type")
        parent = head.getparent()
        if kind == "main":
            found["main_heads"].append(_text(head))
        elif kind in ("kicker", "sub"):
            found["subtitles_kickers"].append({"type": kind, "text": _text(head)})
        elif kind is None and _local(parent) == "div" and parent.get("type") == "section":
            found["section_heads"].append(_text(head))
    for trailer in body.iter(TEI + "trailer"):
        if trailer.get("type") in ("kicker", "sub"):
            found["subtitles_kickers"].append({"type": trailer.get("type"),
                                               "text": _text(trailer)})
    for byline in body.iter(TEI + "byline"):
        if _has_ancestor(byline, "figure"):
            found["photo_credits"].append(_text(byline))
        else:
            found["bylines"].append(_text(byline))
    for figure in body.iter(TEI + "figure"):
        for para in figure.findall(TEI + "p"):
            found["captions"].append(_text(para))
    for fw in body.iter(TEI + "fw"):
        if fw.get("type") == "credit":
            found["page_credits"].append(_text(fw))
    found["persons"] = _persons(body)
    found["joins"] = _joins(body)
    found["repeats"] = _repeats(body, ids)
    found["missing_starts"] = _missing_starts(body)
    return found


# -- matching ---------------------------------------------------------------------------
def _role_matches(gold: str | None, found: str | None) -> bool:
    if not gold and not found:
        return True
    if not gold or not found:
        return False
    g, f = strip_edges(gold), strip_edges(found)
    return g == f or g.endswith(f) or f.endswith(g)


def matches(kind: str, gold, found) -> bool:
    """Whether one found item is the gold item, under the kind's stated tolerance."""
    if kind == "subtitles_kickers":
        return gold["type"] == found["type"] and strip_edges(gold["text"]) == strip_edges(found["text"])
    if kind == "persons":
        return norm(gold["name"]) == norm(found["name"]) and _role_matches(gold.get("role"),
                                                                            found.get("role"))
    if kind == "joins":
        return (norm(found["before"]).endswith(norm(gold["before"]))
                and norm(found["after"]).startswith(norm(gold["after"])))
    if kind == "repeats":
        return (gold["unit"] == found["unit"]
                and norm(gold["text"]) in norm(found["text"])[:REPEAT_WINDOW]
                and norm(gold["of"]) in norm(found["of"])[:REPEAT_WINDOW])
    if kind == "missing_starts":
        return norm(found).startswith(norm(gold))
    if kind == "captions":
        # A caption's pointer (▲, ↑ at the photo) is the caption's edge, as for the other
        # kinds: compare what follows it.
        return strip_edges(found).startswith(strip_edges(gold)[:CAPTION_PREFIX])
    return strip_edges(gold) == strip_edges(found)


@dataclass
class KindCount:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        if self.tp + self.fp:
            return self.tp / (self.tp + self.fp)
        return 1.0 if self.fn == 0 else 0.0

    @property
    def recall(self) -> float:
        if self.tp + self.fn:
            return self.tp / (self.tp + self.fn)
        return 1.0 if self.fp == 0 else 0.0

    def add(self, other: KindCount) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    def to_dict(self) -> dict:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn,
                "precision": round(self.precision, 4), "recall": round(self.recall, 4)}


def match_kind(kind: str, gold: list, found: list) -> tuple[KindCount, list, list]:
    """Greedy one-to-one matching in source order: (counts, missed gold, spurious found)."""
    unused = list(range(len(found)))
    missed = []
    for item in gold:
        hit = next((i for i in unused if matches(kind, item, found[i])), None)
        if hit is None:
            missed.append(item)
        else:
            unused.remove(hit)
    spurious = [found[i] for i in unused]
    return KindCount(len(gold) - len(missed), len(spurious), len(missed)), missed, spurious


def match_page(gold: dict, found: dict) -> dict[str, tuple[KindCount, list, list]]:
    return {kind: match_kind(kind, gold.get(GOLD_KEY[kind], []), found.get(kind, []))
            for kind in KINDS + EXTRA_KINDS}


# -- the gold ---------------------------------------------------------------------------
def _require_text(where: str, text, page_norm: str | None) -> None:
    if not isinstance(text, str) or not norm(text):
        raise GoldError(f"{where}: expected a non-empty string, got {text!r}")
    if page_norm is not None and norm(text) not in page_norm:
        raise GoldError(f"{where}: '{text}' does not occur in the page text")


def check_gold(gold: dict, page_text: str | None, label: str) -> dict:
    """The gold's shape, and that every text it names is on the page (so no typo scores).
    With page_text None (a page that could not be read) only the shape is checked."""
    if not isinstance(gold, dict):
        raise GoldError(f"{label}: the gold must be a JSON object")
    unknown = set(gold) - GOLD_KEYS
    if unknown:
        raise GoldError(f"{label}: unknown keys {sorted(unknown)} (known: {sorted(GOLD_KEYS)})")
    page_norm = norm(page_text) if page_text is not None else None
    for kind in KINDS + EXTRA_KINDS:
        key = GOLD_KEY[kind]
        items = gold.get(key, [])
        if not isinstance(items, list):
            raise GoldError(f"{label}: '{key}' must be a list")
        for n, item in enumerate(items):
            where = f"{label}: {key}[{n}]"
            if kind == "subtitles_kickers":
                if not isinstance(item, dict) or item.get("type") not in ("kicker", "sub"):
                    raise GoldError(f"{where}: needs type 'kicker' or 'sub' and text")
                _require_text(where, item.get("text"), page_norm)
            elif kind == "persons":
                if not isinstance(item, dict) or item.get("context") not in (
                        "byline", "credit", "furniture"):
                    raise GoldError(f"{where}: needs name, role (or null) and context "
                                    f"byline|credit|furniture")
                _require_text(where, item.get("name"), page_norm)
                if item.get("role") is not None:
                    _require_text(where + ".role", item["role"], page_norm)
            elif kind == "joins":
                if not isinstance(item, dict):
                    raise GoldError(f"{where}: needs before and after")
                _require_text(where + ".before", item.get("before"), page_norm)
                _require_text(where + ".after", item.get("after"), page_norm)
            elif kind == "repeats":
                if not isinstance(item, dict) or item.get("unit") not in ("p", "article"):
                    raise GoldError(f"{where}: needs text, of and unit 'p' or 'article'")
                _require_text(where + ".text", item.get("text"), page_norm)
                _require_text(where + ".of", item.get("of"), page_norm)
            else:
                _require_text(where, item, page_norm)
    for key in INFO_KEYS:
        for n, item in enumerate(gold.get(key, [])):
            _require_text(f"{label}: {key}[{n}]", item, page_norm)
    return gold


def load_gold(gold_path: Path, page_text: str | None) -> dict:
    try:
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise GoldError(f"{gold_path}: cannot read the gold: {exc}") from None
    return check_gold(gold, page_text, str(gold_path))


# -- a run ------------------------------------------------------------------------------
@dataclass
class PageResult:
    name: str
    counts: dict[str, KindCount] = field(default_factory=dict)
    missed: dict[str, list] = field(default_factory=dict)
    spurious: dict[str, list] = field(default_factory=dict)
    crash: str | None = None
    encode_ms: float | None = None

    def to_dict(self) -> dict:
        return {"name": self.name, "crash": self.crash, "encode_ms": self.encode_ms,
                "counts": {k: c.to_dict() for k, c in self.counts.items()},
                "missed": {k: v for k, v in self.missed.items() if v},
                "spurious": {k: v for k, v in self.spurious.items() if v}}


@dataclass
class ScoreResult:
    pages_dir: str
    kinds: dict[str, KindCount]
    pages: list[PageResult]

    @property
    def crashes(self) -> list[PageResult]:
        return [p for p in self.pages if p.crash]

    @property
    def mean_precision(self) -> float:
        return statistics.fmean(self.kinds[k].precision for k in KINDS)

    @property
    def mean_recall(self) -> float:
        return statistics.fmean(self.kinds[k].recall for k in KINDS)

    def to_dict(self) -> dict:
        times = [p.encode_ms for p in self.pages if p.encode_ms is not None]
        return {"pages_dir": self.pages_dir, "pages": len(self.pages),
                "mean_precision": round(self.mean_precision, 4),
                "mean_recall": round(self.mean_recall, 4),
                "kinds": {k: self.kinds[k].to_dict() for k in KINDS},
                "extra_kinds": {k: self.kinds[k].to_dict() for k in EXTRA_KINDS},
                "crashes": [{"name": p.name, "error": p.crash} for p in self.crashes],
                "encode_ms_median": round(statistics.median(times), 2) if times else None,
                "page_results": [p.to_dict() for p in self.pages]}


def page_files(pages_dir: Path) -> list[Path]:
    pages = sorted(p for p in Path(pages_dir).glob("*.txt"))
    if not pages:
        raise GoldError(f"{pages_dir}: no page texts (*.txt) to score")
    for page in pages:
        if not page.with_suffix(".gold.json").exists():
            raise GoldError(f"{page}: no gold beside it ({page.with_suffix('.gold.json').name})")
    return pages


def _page_text(page: Path) -> str:
    from tei_edition.ingest.decode import read_source

    return read_source(page).text


def score(pages_dir: str | Path = DEFAULT_PAGES, *, timing_runs: int = 0,
          profiles: str | Path | None = None, only=None) -> ScoreResult:
    """Encode and score every page of PAGES_DIR; with timing_runs > 0 also time each encode
    (warm: after the scoring encode) and keep the median of that many runs. With PROFILES,
    a folder of paper profiles, a page whose paper (its name before the first `-`) has a
    profile `PROFILES/PAPER.toml` is encoded with it, as if its sidecar named it. ONLY, a
    predicate on a page's name, scores the pages it accepts and no other."""
    from tei_edition.encoder import encode_path
    from tei_edition.errors import TeiEditionError

    pages_dir = Path(pages_dir)
    totals = {kind: KindCount() for kind in KINDS + EXTRA_KINDS}
    results = []
    for page in page_files(pages_dir):
        if only is not None and not only(page.stem):
            continue
        result = PageResult(page.stem)
        found = {kind: [] for kind in KINDS + EXTRA_KINDS}
        try:
            text = _page_text(page)
        except TeiEditionError as exc:     # the encoder refuses it the same way: a crash
            text, result.crash = None, f"{type(exc).__name__}: {exc}"
        gold = load_gold(page.with_suffix(".gold.json"), text)
        profile = Path(profiles) / f"{page.stem.split('-')[0]}.toml" if profiles else None
        profile = profile if profile is not None and profile.is_file() else None
        if result.crash is None:
            try:
                found = extract(encode_path(page, when="2026-01-01", validate=True,
                                            profile=profile).tree)
            except TeiEditionError as exc:
                result.crash = f"{type(exc).__name__}: {exc}"
            except Exception as exc:  # a bug in the encoder is exactly what this run must show
                result.crash = f"{type(exc).__name__} (internal): {exc}"
        for kind, (count, missed, spurious) in match_page(gold, found).items():
            result.counts[kind], result.missed[kind], result.spurious[kind] = count, missed, spurious
            totals[kind].add(count)
        if timing_runs and not result.crash:
            runs = []
            for _ in range(timing_runs):
                t0 = time.perf_counter()
                encode_path(page, when="2026-01-01", validate=True, profile=profile)
                runs.append((time.perf_counter() - t0) * 1000)
            result.encode_ms = round(statistics.median(runs), 2)
        results.append(result)
    return ScoreResult(str(pages_dir), totals, results)


# -- the set's contents -----------------------------------------------------------------
def _break_kind(before: str) -> str:
    last = norm(before)[-1:]
    if last in "。!?":
        return "after 。？！"
    if last in ",;:、":
        return f"after {unicodedata.normalize('NFKC', last) if last != '、' else '、'}"
    return "mid-word or mid-phrase"


def stats(pages_dir: str | Path = DEFAULT_PAGES) -> dict:
    """How many of each kind the gold of a folder holds (joins by what precedes the break)."""
    counts: dict[str, int] = {"pages": 0, "articles": 0, "with sidecar": 0}
    joins: dict[str, int] = {}
    for page in page_files(Path(pages_dir)):
        gold = load_gold(page.with_suffix(".gold.json"), _page_text(page))
        counts["pages"] += 1
        counts["articles"] += int(gold.get("articles", 0))
        counts["with sidecar"] += page.with_suffix(".toml").exists()
        for kind in KINDS + EXTRA_KINDS:
            counts[kind] = counts.get(kind, 0) + len(gold.get(GOLD_KEY[kind], []))
        for key in INFO_KEYS:
            counts[key] = counts.get(key, 0) + len(gold.get(key, []))
        for item in gold.get("joins", []):
            kind = _break_kind(item["before"])
            joins[kind] = joins.get(kind, 0) + 1
        for item in gold.get("repeats", []):
            key = f"repeats ({item['unit']})"
            counts[key] = counts.get(key, 0) + 1
    return {"counts": counts, "joins_by_break": joins}


# -- printing ---------------------------------------------------------------------------
def _short(item) -> str:
    if isinstance(item, dict):
        if "before" in item:
            return f"…{norm(item['before'])[-8:]}|{norm(item['after'])[:8]}…"
        if "name" in item:
            return f"{item['name']} ({item.get('role') or '-'}, {item.get('context', '?')})"
        if "of" in item:
            return f"{item['unit']}: {norm(item['text'])[:14]} -> {norm(item['of'])[:14]}"
        return f"{item['type']}: {norm(item['text'])[:30]}"
    text = norm(item)
    return text if len(text) <= 32 else text[:32] + "…"


def render(result: ScoreResult, verbose: bool = False) -> str:
    lines = [f"structure score: {len(result.pages)} pages in {result.pages_dir}", ""]
    lines.append(f"{'kind':<22}{'precision':>10}{'recall':>9}{'tp':>6}{'fp':>6}{'fn':>6}")

    def row(kind: str) -> str:
        c = result.kinds[kind]
        return f"{LABELS[kind]:<22}{c.precision:>10.3f}{c.recall:>9.3f}{c.tp:>6}{c.fp:>6}{c.fn:>6}"

    lines += [row(kind) for kind in KINDS]
    lines.append(f"{'mean over the ' + str(len(KINDS)) + ' kinds':<22}"
                 f"{result.mean_precision:>10.3f}{result.mean_recall:>9.3f}")
    lines.append("not in the mean:")
    lines += [row(kind) for kind in EXTRA_KINDS]
    crashes = result.crashes
    lines.append("")
    lines.append(f"crashes (encoder raised; lossless/validity included): {len(crashes)}")
    for page in crashes:
        lines.append(f"  {page.name}: {page.crash}")
    times = [p.encode_ms for p in result.pages if p.encode_ms is not None]
    if times:
        lines.append(f"encode time per page, warm (median of runs): median {statistics.median(times):.1f} ms,"
                     f" max {max(times):.1f} ms, total {sum(times):.0f} ms")
    if verbose:
        lines.append("")
        for page in result.pages:
            problems = [(k, page.missed[k], page.spurious[k]) for k in KINDS + EXTRA_KINDS
                        if page.missed[k] or page.spurious[k]]
            timing = f"  {page.encode_ms:.1f} ms" if page.encode_ms is not None else ""
            lines.append(f"{page.name}{timing}{'  CRASH' if page.crash else ''}")
            for kind, missed, spurious in problems:
                for item in missed:
                    lines.append(f"    miss  {LABELS[kind]:<20} {_short(item)}")
                for item in spurious:
                    lines.append(f"    extra {LABELS[kind]:<20} {_short(item)}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("pages", nargs="?", default=str(DEFAULT_PAGES),
                        help="folder of NAME.txt + NAME.gold.json (+ NAME.toml)")
    parser.add_argument("-v", "--verbose", action="store_true", help="list misses per page")
    parser.add_argument("--json", action="store_true", help="print JSON instead of the table")
    parser.add_argument("--stats", action="store_true", help="count what the gold holds, then exit")
    parser.add_argument("--runs", type=int, default=5,
                        help="timed warm encodes per page (median; 0 = no timing)")
    parser.add_argument("--profiles", metavar="DIR",
                        help="paper profiles: PAPER.toml for the pages named PAPER-…")
    args = parser.parse_args(argv)
    try:
        if args.stats:
            data = stats(args.pages)
            if args.json:
                print(json.dumps(data, ensure_ascii=False, indent=2))
            else:
                for key, value in data["counts"].items():
                    print(f"{LABELS.get(key, key):<24}{value:>6}")
                print("joins by what precedes the break:")
                for key, value in sorted(data["joins_by_break"].items()):
                    print(f"  {key:<22}{value:>6}")
            return 0
        result = score(args.pages, timing_runs=max(0, args.runs), profiles=args.profiles)
    except GoldError as exc:
        print(f"score_structure: {exc}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
    else:
        print(render(result, args.verbose))
    return 0


if __name__ == "__main__":
    sys.exit(main())
