"""The encoder on the evaluation sets: the targets of issue 9.

Mean precision and mean recall over the nine kinds of bench/score_structure.py at least
0.95, no kind below 0.85, no page that fails to encode (the encoder's own lossless and
schema checks run on every page), on the development set (tests/eval/pages), on the
held-out set (tests/eval/holdout/pages, pages from other papers) and on the practice set
(tests/eval/practice/pages, written for issue 9's third round from papers of neither). The pages are real
pages of many papers with an editor's gold; tuning a rule to one of them is not allowed
(docs/encoding.md says why each rule holds for Chinese newspapers in general).

The fourth set, tests/eval/unseen/pages (round three's exam, a development set from round
four on), holds the same mean; its floor is lower (0.75) because one kind does not reach
0.85 there: missing starts, 3 of 4 found (`苏省各地…` is missed: a province's name cut to
its last character reads as a place name of its own). The floor is raised when it does.

Round five's two development sets, written for it by other engineers and scored before any
rule was changed for them (tests/eval/dev5a/pages: mainland pages of many paper levels and
decades; tests/eval/dev5b/pages: Hong Kong, Macau, Taiwan and overseas pages in traditional
characters), are held at what round five reached, below the issue's targets: mean
precision 0.95 and mean recall 0.90 on both; floors 0.65 on dev5a (repeats: 2 of 3, a
paragraph repeated with a changed opening) and 0.70 on dev5b (captions: 6 of 8, two
photos whose captions stand between a report's paragraphs). They are raised as the sets'
remaining misses are understood; they are not tuned to.

Round four's exam (tests/eval/exam/pages), spent after round five, and round six's two
exams (exam2, exam3: written today by engineers who never saw the encoder, scored with it
before any rule was written for them, then read for round seven) are development sets now,
held at what round seven reached: the exam at 0.95 / 0.90 (floor 0.70: captions, 18 of
24); exam2 and exam3 at 0.85 / 0.75, with floors 0.45 on exam2 (subtitles, 8 of 17: decks
the heads rules do not read) and 0.30 on exam3 (missing starts, 2 of 6). These are far
below the issue's targets: they record where the encoder stands on pages its rules were
not written from, so that no later round loses it.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PAGES = ROOT / "tests" / "eval" / "pages"
HOLDOUT = ROOT / "tests" / "eval" / "holdout" / "pages"
PRACTICE = ROOT / "tests" / "eval" / "practice" / "pages"
UNSEEN = ROOT / "tests" / "eval" / "unseen" / "pages"
DEV5A = ROOT / "tests" / "eval" / "dev5a" / "pages"
DEV5B = ROOT / "tests" / "eval" / "dev5b" / "pages"
EXAM = ROOT / "tests" / "eval" / "exam" / "pages"
EXAM2 = ROOT / "tests" / "eval" / "exam2" / "pages"
EXAM3 = ROOT / "tests" / "eval" / "exam3" / "pages"
SETS = {"dev": PAGES, "holdout": HOLDOUT, "practice": PRACTICE, "unseen": UNSEEN,
        "dev5a": DEV5A, "dev5b": DEV5B, "exam": EXAM, "exam2": EXAM2, "exam3": EXAM3}
MIN_PAGES = {"dev": 25, "holdout": 25, "practice": 15, "unseen": 25, "dev5a": 15, "dev5b": 15,
             "exam": 30, "exam2": 36, "exam3": 42}
MEAN = 0.95
# (mean precision, mean recall) where a set is held below the targets.
MEANS = {"dev5a": (0.95, 0.90), "dev5b": (0.95, 0.90), "exam": (0.95, 0.90),
         "exam2": (0.85, 0.75), "exam3": (0.85, 0.75)}
FLOORS = {"dev": 0.85, "holdout": 0.85, "practice": 0.85, "unseen": 0.75, "dev5a": 0.65,
          "dev5b": 0.70, "exam": 0.70, "exam2": 0.45, "exam3": 0.30}


def _scorer():
    spec = importlib.util.spec_from_file_location("score_structure",
                                                  ROOT / "bench" / "score_structure.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


ss = _scorer()


@pytest.fixture(scope="module", params=sorted(SETS))
def scored(request):
    result = ss.score(SETS[request.param])
    result.set_name = request.param
    return result


def test_every_page_encodes(scored):
    assert [p.name for p in scored.crashes] == []
    assert len(scored.pages) >= MIN_PAGES[scored.set_name]


def test_mean_precision_and_recall(scored):
    precision, recall = MEANS.get(scored.set_name, (MEAN, MEAN))
    assert scored.mean_precision >= precision, ss.render(scored)
    assert scored.mean_recall >= recall, ss.render(scored)


@pytest.mark.parametrize("kind", ss.KINDS)
def test_no_kind_below_the_floor(scored, kind):
    count = scored.kinds[kind]
    floor = FLOORS[scored.set_name]
    assert count.precision >= floor and count.recall >= floor, (
        f"{kind}: precision {count.precision:.3f}, recall {count.recall:.3f}\n" + ss.render(scored, True))


@pytest.mark.parametrize("which", sorted(SETS))
def test_every_page_is_valid_full_tei(tei_all, which):
    from tei_edition.encoder import encode_path

    for page in sorted(SETS[which].glob("*.txt")):
        result = encode_path(page, when="2026-01-01")
        assert tei_all.validate(result.tree), (page.name, tei_all.error_log.last_error)
