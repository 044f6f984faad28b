"""bench/gold_agreement.py: inter-annotator agreement between two golds of the same pages.

Small invented pages (one or two lines) in tmp_path; no eval text."""

from __future__ import annotations

import copy
import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import gold_agreement as ga  # noqa: E402
from bench import score_structure as ss  # noqa: E402

PAGE = ("## 小城开通新公交\n\n本报讯（记者 张三）小城今天开通新公交线路，市民纷纷乘坐，"
        "线路全长十二公里，沿途设\n\n站二十个。图为市民乘车。李四 摄\n\n（责编：王五）\n")
PAGE2 = "## 春雨\n\n春雨下了一整天。\n"

GOLD = {
    "page": "p1", "articles": 1,
    "main_heads": ["小城开通新公交"],
    "bylines": ["本报讯（记者 张三）"],
    "persons": [{"name": "张三", "role": "记者", "context": "byline"},
                {"name": "李四", "role": None, "context": "credit"}],
    "joins": [{"before": "沿途设", "after": "站二十个"}],
    "captions": ["图为市民乘车。"],
    "credits": ["李四 摄"],
    "furniture": ["（责编：王五）"],
}
GOLD2 = {"page": "p2", "articles": 1, "main_heads": ["春雨"]}


def _write(folder: Path, golds: dict[str, dict], texts: bool = True) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    pages = {"p1": PAGE, "p2": PAGE2}
    for name, gold in golds.items():
        (folder / f"{name}.gold.json").write_text(json.dumps(gold, ensure_ascii=False),
                                                  encoding="utf-8")
        if texts:
            (folder / f"{name}.txt").write_text(pages[name], encoding="utf-8")
    return folder


def _counts(result, kind):
    c = result.kinds[kind]
    return (c.tp + c.fn, c.tp + c.fp, c.tp)


def test_identical_golds_agree_fully(tmp_path):
    a = _write(tmp_path / "a", {"p1": GOLD, "p2": GOLD2})
    b = _write(tmp_path / "b", {"p1": copy.deepcopy(GOLD), "p2": copy.deepcopy(GOLD2)})
    result = ga.compare(a, b)
    assert len(result.pages) == 2
    assert result.mean_precision == 1.0 and result.mean_recall == 1.0
    for kind in ga.ALL_KINDS:
        assert result.kinds[kind].fp == 0 and result.kinds[kind].fn == 0
    assert _counts(result, "main_heads") == (2, 2, 2)
    assert _counts(result, "persons") == (2, 2, 2)


def test_one_item_changed(tmp_path):
    other = copy.deepcopy(GOLD)
    other["main_heads"] = ["小城开通新公交线路"[:5]]          # a different (shorter) head
    result = ga.compare(_write(tmp_path / "a", {"p1": GOLD}), _write(tmp_path / "b", {"p1": other}))
    assert _counts(result, "main_heads") == (1, 1, 0)
    assert result.kinds["main_heads"].precision == 0.0
    assert result.kinds["main_heads"].recall == 0.0
    for kind in ga.ALL_KINDS:
        if kind != "main_heads":
            assert result.kinds[kind].fp == 0 and result.kinds[kind].fn == 0, kind
    page = result.pages[0]
    assert page.only_a["main_heads"] == ["小城开通新公交"]
    assert page.only_b["main_heads"] == ["小城开通新"]


def test_one_item_added(tmp_path):
    other = copy.deepcopy(GOLD)
    other["subtitles_kickers"] = [{"type": "sub", "text": "市民纷纷乘坐"}]
    result = ga.compare(_write(tmp_path / "a", {"p1": GOLD}), _write(tmp_path / "b", {"p1": other}))
    assert _counts(result, "subtitles_kickers") == (0, 1, 0)
    c = result.kinds["subtitles_kickers"]
    assert (c.precision, c.recall) == (0.0, 0.0)   # the scorer's rule for an empty reference
    assert result.mean_recall == pytest.approx(8 / 9)
    assert result.mean_precision == pytest.approx(8 / 9)


def test_one_item_removed(tmp_path):
    other = copy.deepcopy(GOLD)
    other["persons"] = other["persons"][:1]
    result = ga.compare(_write(tmp_path / "a", {"p1": GOLD}), _write(tmp_path / "b", {"p1": other}))
    assert _counts(result, "persons") == (2, 1, 1)
    c = result.kinds["persons"]
    assert (c.precision, c.recall) == (1.0, 0.5)
    assert result.pages[0].only_a["persons"] == [GOLD["persons"][1]]


def test_swapping_swaps_precision_and_recall(tmp_path):
    other = copy.deepcopy(GOLD)
    other["persons"] = other["persons"][:1]
    a = _write(tmp_path / "a", {"p1": GOLD})
    b = _write(tmp_path / "b", {"p1": other})
    ab, ba = ga.compare(a, b), ga.compare(b, a)
    assert ab.kinds["persons"].recall == ba.kinds["persons"].precision == 0.5
    assert ab.kinds["persons"].tp == ba.kinds["persons"].tp == 1


def test_symmetric_tolerance(tmp_path):
    """Different lengths quoted around the same join, missing start, repeat and caption
    agree whichever annotator quoted more; edge punctuation is ignored as by the scorer."""
    other = copy.deepcopy(GOLD)
    other["joins"] = [{"before": "沿途设", "after": "站二十个。"}]      # longer after
    other["captions"] = ["图为市民"]                                  # shorter caption
    other["bylines"] = ["本报讯（记者 张三"]                           # edge bracket differs
    result = ga.compare(_write(tmp_path / "a", {"p1": GOLD}), _write(tmp_path / "b", {"p1": other}))
    assert result.mean_precision == 1.0 and result.mean_recall == 1.0
    assert ga.agree("persons", {"name": "张三", "role": "记者", "context": "byline"},
                    {"name": "张三", "role": "本报记者", "context": "byline"})  # org prefix
    # joins: A's before longer, B's after longer, at the same break: still one agreement
    assert ga.agree("joins", {"before": "线路全长十二公里，沿途设", "after": "站"},
                    {"before": "沿途设", "after": "站二十个"})
    assert not ga.agree("joins", {"before": "沿途设", "after": "站"},
                        {"before": "市民纷纷乘坐，", "after": "线路全长"})
    assert ga.agree("missing_starts", "小城今天", "小城今天开通新公交线路")
    assert ga.agree("missing_starts", "小城今天开通新公交线路", "小城今天")
    assert not ga.agree("missing_starts", "今天开通", "小城今天开通")
    # one annotator quotes the run-in byline, the other only the sentence after it
    rep_a = {"text": "本报讯（记者 张三）小城今天开通", "of": "小城今天", "unit": "p"}
    rep_b = {"text": "小城今天开通", "of": "小城今天开通新公交", "unit": "p"}
    assert ga.agree("repeats", rep_a, rep_b) and ga.agree("repeats", rep_b, rep_a)
    assert not ga.agree("repeats", rep_a, dict(rep_b, unit="article"))
    assert not ga.agree("repeats", rep_a, dict(rep_b, text="线路全长十二公里"))
    long_caption = "图为市民乘车，他们在新站台上排队等候第一班车。"
    assert ga.agree("captions", "图为市民乘车，他们在新站台上排队等候", long_caption)
    assert ga.agree("captions", long_caption, "图为市民乘车，他们在新站台上排队等候")
    assert not ga.agree("captions", "图为市民下车。", long_caption)


def test_pages_text_elsewhere_and_checks_apply(tmp_path):
    pages = _write(tmp_path / "pages", {"p1": GOLD})
    a = _write(tmp_path / "a", {"p1": GOLD}, texts=False)
    bad = copy.deepcopy(GOLD)
    bad["main_heads"] = ["不在页面上的标题"]
    b = _write(tmp_path / "b", {"p1": bad}, texts=False)
    with pytest.raises(ss.GoldError):
        ga.compare(a, b, pages)                       # B names text its page lacks
    with pytest.raises(ss.GoldError):
        ga.compare(a, a)                              # no page text anywhere
    assert ga.compare(a, a, pages).mean_recall == 1.0


def test_only_common_pages_compared_and_cli(tmp_path, capsys):
    a = _write(tmp_path / "a", {"p1": GOLD, "p2": GOLD2})
    b = _write(tmp_path / "b", {"p1": GOLD})
    result = ga.compare(a, b)
    assert [p.name for p in result.pages] == ["p1"]
    assert result.only_in_a == ["p2"] and result.only_in_b == []
    assert ga.main([str(a), str(b), "-v"]) == 0
    out = capsys.readouterr().out
    assert "mean over the 9 kinds" in out and "1 pages only in A" in out
    assert ga.main([str(a), str(b), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["kinds"]["main_heads"] == {"in_a": 1, "in_b": 1, "agreed": 1,
                                           "precision": 1.0, "recall": 1.0}
    empty = tmp_path / "empty"
    empty.mkdir()
    assert ga.main([str(a), str(empty)]) == 2
