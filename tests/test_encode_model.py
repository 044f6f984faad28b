"""Every shape the document model may hold, in every place and order, is valid TEI.

The TEI writer accepts only what `tei.PLACES` lists (anything else is refused as a bug),
so this closes the class of bug in which the encoder builds a structure that is valid in
one place and invalid in another (a repeated lead paragraph was one: `p/@copyOf` inside
`argument`). Each place gets every variant alone and every ordered pair of variants,
inside a minimal article, validated against the project's schema and the full TEI.
"""

from __future__ import annotations

import itertools
from datetime import date

import pytest

from tei_edition.errors import EncodingCheckError
from tei_edition.ingest.inline import annotate
from tei_edition.ingest.structure import _assign_ids
from tei_edition.model import (Article, Block, Break, Byline, Figure, Furniture, Gap, Head,
                               Metadata, Page, PageBreak, Paragraph, Section)
from tei_edition.tei import HEAD_TYPES, PLACES, build_tei
from tei_edition.validation import validate_tree

_lines = itertools.count(100)


def _block(text: str, role: str = "paragraph") -> Block:
    line = next(_lines)
    return Block(index=0, start_line=line, end_line=line, text=text, role=role)


def _para(text: str = "会议强调，要紧绷安全之弦，时刻保持警醒。", **kw) -> Paragraph:
    return Paragraph([_block(text)], [text], **kw)


# One factory per variant of each kind the model holds; `orig` is an earlier paragraph a
# repeat may point at.
def _variants(orig: Paragraph) -> dict[str, callable]:
    return {
        "p": lambda: _para(),
        "p-dated": lambda: _para("8月25日，市委书记主持召开会议。"),
        "p-repeat": lambda: _para(orig.text, copy_of=orig),
        "p-near-repeat": lambda: _para(orig.text[2:], copy_of=orig, near_copy=True),
        "p-missing-start": lambda: _para("够，更要有完善的机制保障。", missing_start="chars"),
        "p-missing-start-low": lambda: _para("一举一动牵动世界神经。", missing_start="chars",
                                             gap_cert="low"),
        "p-desk-code": lambda: _para("这是文章的最后一句。", desk_code="③7"),
        "p-figure": lambda: Paragraph([_block("中山装，")], [
            "中山装，", Break("cb"), _figure("会见老朋友。", "本报记者 徐建中摄"), "面带笑容。"]),
        "p-cb": lambda: Paragraph([_block("保障国")], ["保障国", Break("cb"), "家粮食安全。"]),
        "p-pb-marker": lambda: Paragraph([_block("保障国")], [
            "保障国", Break("pb", "2", _block("第2版", "pagebreak")), "家粮食安全。"]),
        "p-pb": lambda: Paragraph([_block("保障国")], ["保障国", Break("pb", None), "家粮食安全。"]),
        "byline": lambda: Byline(_block("全媒体记者 杨佳", "byline"), "全媒体记者 杨佳"),
        "byline-bare": lambda: Byline(_block("赵艳红", "byline"), "赵艳红"),
        "byline-run-in": lambda: Byline(_block("本报讯（记者 张三）"), "本报讯（记者 张三）", run_in=True),
        "byline-agency": lambda: Byline(_block("新华社北京8月25日电（记者 李四）"),
                                        "新华社北京8月25日电（记者 李四）", run_in=True),
        "byline-english": lambda: Byline(_block("By John Smith, Reporter", "byline"),
                                         "By John Smith, Reporter"),
        "figure": lambda: _figure("城市新貌。", "全媒体记者 宋莹莹 摄"),
        "figure-caption": lambda: _figure("城市新貌。", ""),
        "figure-credit": lambda: _figure("", "宋莹莹 摄"),
        "figure-story": lambda: _story(),
        "figure-story-joined": lambda: _story(joined=True),
        "figure-titled": lambda: _titled(),
        "p-dispatch": lambda: _para("本报广州11月28日电 记者赵六报道：今天气温骤降。"),
        "furniture-credit": lambda: Furniture(_block("本版编辑 郭洪涛 程源", "furniture")),
        "furniture-header": lambda: Furniture(_block("四平日报 2022年8月26日 星期五", "furniture")),
        "furniture-footer": lambda: Furniture(_block("广告", "furniture")),
        "furniture-page-number": lambda: Furniture(_block("A03", "furniture")),
        "furniture-desk-code": lambda: Furniture(_block("③7", "furniture")),
        "byline-sign-off": lambda: Byline(_block("（据新华社长沙3月5日电）", "byline"), "（据新华社长沙3月5日电）"),
        "pagebreak": lambda: PageBreak(_block("", "pagebreak"), "2"),
        "pagebreak-marker": lambda: PageBreak(_block("— 2 —", "pagebreak"), "2"),
        "gap": lambda: Gap("paragraphs"),
        "gap-low": lambda: Gap("paragraphs", "low"),
        **{f"head-{kind}": (lambda kind=kind: Head(_block("标题文字", "main"), kind))
           for kind in ("kicker", "main", "sub", "column")},
    }


def _figure(caption: str, credit: str) -> Figure:
    block = _block(caption + (" " if caption and credit else "") + credit, "caption")
    return Figure(block if caption else None, caption, credit, None if caption else block)


def _story(joined: bool = False) -> Figure:
    """A photo story: two caption paragraphs, the desk code, the credit; JOINED: the
    second caption block continues the first across a column break."""
    figure = _figure("2月1日，小记者采访执勤" if joined else "2月1日，小记者采访执勤人员。", "王俊祥 摄")
    figure.more_captions.append((_block("两会期间，还会采访服务人员。", "caption"), "两会期间，还会采访服务人员。"))
    if joined:
        figure.caption_joins.add(0)
    figure.desk_code = "③2"
    return figure


def _titled() -> Figure:
    """A photo shown with its title: the title, the credit, a note on the prize it won."""
    figure = Figure(_block("《冒雪赶考》 张三／图，获摄影铜奖。", "caption"), "《冒雪赶考》 ", "张三／图")
    figure.note_text = "，获摄影铜奖。"
    return figure


def _page(place: str, make_items) -> Page:
    """A page whose second article holds the items in PLACE; the first holds the original
    paragraph that repeats point at."""
    first = Article(top=[Head(_block("第一篇", "main"), "main")])
    orig = _para("市政府召开常务会议，研究部署安全生产工作，安排下一步重点任务。")
    first.items.append(orig)
    items = make_items(orig)
    # In the top the items themselves are the article's opening (it may have no headline).
    second = Article(top=[] if place.startswith("top") else [Head(_block("第二篇", "main"), "main")])
    page = Page(items=[first], articles=[first])
    if place == "body":
        page.items += items + [second]
        second.items.append(_para())
    elif place in ("top", "top+run-in"):
        second.top += items
        second.items.append(_para())
    elif place == "items":
        second.items += items
    elif place == "section":
        second.items.append(_para())
        second.sections.append(Section(Head(_block("小标题", "section"), ""), items))
    elif place == "section-top":
        # A section's own byline, under its head and before its text.
        second.items.append(_para())
        second.sections.append(Section(Head(_block("小标题", "section"), ""), [_para()], top=items))
    elif place == "section-bottom":
        # A part closed by its sign-off: a headless section, then one with a head.
        second.sections.append(Section(None, [_para()], bottom=items))
        second.sections.append(Section(Head(_block("小标题", "section"), ""), [_para()]))
    elif place == "bottom":
        second.items.append(_para())
        second.bottom += items
    if place != "body":
        page.items.append(second)
    page.articles.append(second)
    page.furniture = [x for x in items if isinstance(x, Furniture)]
    _assign_ids(page)
    annotate(page, date(2022, 8, 26))
    return page


def _cases():
    probe = _variants(_para())
    run_in = {n for n, make in probe.items() if isinstance(make(), Byline) and make().run_in}
    for place in PLACES:
        names = [n for n, make in probe.items() if _allowed(place, make())]
        for name in names:
            yield place, (name,)
        for pair in itertools.permutations(names, 2):
            yield place, pair
        for name in names:
            # One main headline an article: structure.py opens a new article at a second.
            if name != "head-main":
                yield place, (name, name)
    # A run-in byline opens the article's first paragraph: it is the last of the top.
    for name in run_in:
        for before in probe:
            if _allowed("top", probe[before]()) and before not in run_in:
                yield "top+run-in", (before, name)


def _allowed(place: str, item) -> bool:
    if isinstance(item, Byline) and item.run_in:
        return False        # only as the last of the top, before the first paragraph
    if not isinstance(item, PLACES[place]):
        return False
    return not isinstance(item, Head) or item.type in HEAD_TYPES[place]


CASES = list(_cases())


def _meta() -> Metadata:
    return Metadata(newspaper="四平日报", date=date(2022, 8, 26), language="zh-Hans", page="1")


def _tei(place: str, names: tuple[str, ...]):
    page = _page(place, lambda orig: [_variants(orig)[n]() for n in names])
    return build_tei(page, _meta(), label="model", source_name="model.txt", encoding="UTF-8",
                     sha256="0" * 64, crlf=False, when="2026-11-27", marker_count=0)


def test_the_cases_cover_every_kind_in_every_place():
    covered = {(place, type(_variants(_para())[names[0]]()).__name__) for place, names in CASES}
    wanted = {(place, kind.__name__) for place, kinds in PLACES.items() for kind in kinds
              if kind is not Article}
    assert wanted <= covered
    assert ("top+run-in", "Paragraph") in covered
    assert len(CASES) > 1000


@pytest.mark.parametrize("place", [*PLACES, "top+run-in"])
def test_every_shape_in_every_place_is_valid(place, tei_all):
    failures = []
    for case_place, names in CASES:
        if case_place != place:
            continue
        tree = _tei(place, names)
        problems = validate_tree(tree, path="model")
        if problems:
            failures.append(f"{names}: {problems[0].message} [{problems[0].rule}]")
        elif not tei_all.validate(tree):
            failures.append(f"{names}: tei_all: {tei_all.error_log.last_error}")
    assert not failures, f"{len(failures)} invalid shapes in {place}:\n" + "\n".join(failures[:20])


@pytest.mark.parametrize("place,kind", [("items", "head-main"), ("bottom", "head-sub"),
                                        ("section", "byline"), ("bottom", "p"),
                                        ("bottom", "byline-run-in"), ("body", "p"),
                                        ("section-bottom", "p"), ("section-bottom", "head-main")])
def test_a_shape_outside_the_table_is_refused_as_a_bug_naming_its_line(place, kind):
    with pytest.raises(EncodingCheckError) as info:
        _tei(place, (kind,))
    assert "This is a bug" in str(info.value)
    assert info.value.line is not None and info.value.line >= 100


def test_a_part_closed_by_a_byline_without_text_is_refused():
    # TEI allows a closing byline only after a division's text.
    page = _page("section", lambda orig: [_para()])
    page.articles[1].sections.append(Section(None, [], bottom=[_variants(_para())["byline"]()]))
    with pytest.raises(EncodingCheckError) as info:
        build_tei(page, _meta(), label="model", source_name="model.txt", encoding="UTF-8",
                  sha256="0" * 64, crlf=False, when="2026-11-27", marker_count=0)
    assert "closing byline follows no text" in str(info.value)
