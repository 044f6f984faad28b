"""bench/score_by_paper.py: the structure score pooled per newspaper across sets."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _load(name: str):
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        spec = importlib.util.spec_from_file_location(name, ROOT / "bench" / f"{name}.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = module
        spec.loader.exec_module(module)
        return module
    finally:
        sys.path.remove(str(ROOT / "bench"))


bp = _load("score_by_paper")

PAGE = "## {head}\n本报讯（记者 {name}）{body}\n"


def _page(folder: Path, name: str, head: str, person: str, *, gold_person: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.txt").write_text(
        PAGE.format(head=head, name=person, body=f"昨天，全市召开会议，{gold_person}主持会议。"), encoding="utf-8")
    gold = {"page": name, "main_heads": [head], "bylines": [f"本报讯（记者 {person}）"],
            "persons": [{"name": gold_person, "role": "记者", "context": "byline"}]}
    (folder / f"{name}.gold.json").write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")


def test_pages_are_pooled_per_paper_across_sets(tmp_path, capsys):
    one, two = tmp_path / "one" / "pages", tmp_path / "two" / "pages"
    _page(one, "aaa-2001-01-01", "全市部署秋季防火", "张三", gold_person="张三")
    _page(two, "aaa-2002-02-02", "全市部署冬季供暖", "李四", gold_person="李四")
    # The gold's person is the chair, not the reporter: one person missed, one spurious.
    _page(two, "bbb-2003-03-03", "全省部署春耕生产", "王五", gold_person="赵六")
    papers = {p.paper: p for p in bp.by_paper([one, two])}
    assert set(papers) == {"aaa", "bbb"}
    aaa, bbb = papers["aaa"], papers["bbb"]
    assert aaa.pages == 2 and aaa.sets == {"one", "two"}
    assert bbb.pages == 1 and bbb.sets == {"two"}
    assert (aaa.count.tp, aaa.count.fp, aaa.count.fn) == (6, 0, 0)     # 2 × (head, byline, person)
    assert (bbb.count.fp, bbb.count.fn) == (1, 1) and bbb.count.tp == 2
    assert bbb.weakest() == "persons 1+1"
    # The weakest paper comes first, and the table says which sets each stands in.
    assert [p.paper for p in bp.by_paper([one, two])] == ["bbb", "aaa"]
    assert bp.main([str(one), str(two)]) == 0
    table = capsys.readouterr().out.splitlines()
    assert table[1].split()[0] == "bbb" and table[2].endswith("one, two")
    assert "papers in one set: 1" in table[-2]


def test_the_default_is_every_set_under_tests_eval():
    dirs = bp.default_dirs()
    names = {bp.set_name(d) for d in dirs}
    assert {"dev", "holdout", "practice", "unseen", "dev5a", "dev5b", "exam", "exam2"} <= names
    assert not any("second-reader" in name for name in names)    # gold without its pages
