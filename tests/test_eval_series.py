"""The paper-profile experiment (bench/score_series.py): an editor's profile written from
each paper's first page, measured on the paper's later pages, which nobody tuning the
encoder has read (tests/exams/exam5: 36 pages of 7 papers).

What it held when the profiles were written (2026-12-02): the 29 later pages score 0.788 /
0.606 mean precision / recall without the profiles and 0.857 / 0.693 with them; three
papers' pages gained, four were unchanged, none lost. The test keeps that: profiles must
lift the later pages, and must cost no paper anything."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAM5 = ROOT / "tests" / "exams" / "exam5"


def _load(name: str):
    sys.path.insert(0, str(ROOT / "bench"))
    spec = importlib.util.spec_from_file_location(name, ROOT / "bench" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


series = _load("score_series")


def _page(folder: Path, name: str, text: str, gold: dict) -> None:
    (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    (folder / f"{name}.gold.json").write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")


def test_first_pages_are_each_papers_earliest_and_profiles_serve_the_rest(tmp_path):
    pages, profiles = tmp_path / "pages", tmp_path / "profiles"
    pages.mkdir(), profiles.mkdir()
    signed = "## 天文台發出寒冷天氣警告\n\n天文台昨晚發出寒冷天氣警告。\n\n（港聞組）\n"
    gold = {"main_heads": ["天文台發出寒冷天氣警告"], "bylines": ["（港聞組）"]}
    for name in ("metro-2013-01-02", "metro-2012-05-01", "metro-2014-07-09", "other-2001-01-01",
                 "other-2001-02-01"):
        _page(pages, name, signed, gold)
    (profiles / "metro.toml").write_text("[[correction]]\nmatch = '^（港聞組）$'\nrole = \"byline\"\n",
                                         encoding="utf-8")
    assert series.first_pages(pages) == {"metro-2012-05-01", "other-2001-01-01"}
    data = series.experiment(pages, profiles)
    runs = {(r["pages"], r["profiles"]): r for r in data["runs"]}
    assert runs[("later", "without")]["count"] == 3
    assert runs[("later", "without")]["pooled"]["fn"] == 3            # three sign-offs missed
    assert runs[("later", "with")]["pooled"]["fn"] == 1               # other's has no profile
    rows = {row["paper"]: row for row in data["later_by_paper"]}
    assert rows["metro"]["with"]["recall"] == 1.0 and not rows["other"]["profile"]
    assert "metro" in series.render(data)


@pytest.fixture(scope="module")
def exam5() -> dict:
    return series.experiment(EXAM5 / "pages", EXAM5 / "profiles")


def test_the_profiles_lift_the_later_pages_of_exam5(exam5):
    runs = {(r["pages"], r["profiles"]): r for r in exam5["runs"]}
    without, with_ = runs[("later", "without")], runs[("later", "with")]
    assert without["count"] == with_["count"] == 29
    assert not without["crashes"] and not with_["crashes"]
    assert with_["mean_precision"] >= without["mean_precision"] + 0.03
    assert with_["mean_recall"] >= without["mean_recall"] + 0.03
    assert with_["mean_precision"] >= 0.85 and with_["mean_recall"] >= 0.68


def test_no_papers_later_pages_lose_with_its_profile(exam5):
    for row in exam5["later_by_paper"]:
        assert row["profile"], row["paper"]
        assert row["with"]["precision"] >= row["without"]["precision"], row
        assert row["with"]["recall"] >= row["without"]["recall"], row
