"""Bylines, datelines, sign-offs, photo credits and page credits: what they look like and
who they name.

Chinese papers print the people behind a text in a small grammar of their own, the same
in a byline under the headline, a run-in opening, a sign-off at the end, a photo credit
and a page credit:

    [bullet] ROLE NAME[、NAME…] [ROLE NAME…] [tail]

- ROLE is a role word (记者, 通讯员, 实习生, 编译, 责任编辑 …), possibly after the body the
  person works for, run together with it (新华社记者, 本报内蒙古分社记者, 中央人民广播电台
  记者, 淮河路小学校园记者); a role may be followed by a colon (梅州日报记者：郑炜梅).
- NAME is two to four Han characters (pen names and compound surnames included), or a
  transliteration with a middle dot; names are separated by spaces, 、 or nothing at all
  (记者朱国贤、通讯员林妙春、梁仁; 新华社记者刘永华贾永本报记者张强): a run of several
  names is cut where each part begins with a surname.
- the tail says what the people did: 摄 / 攝 / 翻攝 (photographed), ／图 (picture by),
  提供 (provided), 报道 / 報導 (reported), 发自北京 (filed from), ／台北報導.

A run-in opening stands before the first sentence of an article: 本报讯（记者 张三）,
本报北京11月10日讯 记者周象光报道：, 【新华社太原十二日电】, 新华社北京1月2日电（记者 张三）,
据新华社3日讯, 〔記者甘孟霖／台北報導〕, （记者王晓东）, 贵港讯, 中新网北京3月5日电（…）, an
agency read from its dateline's shape (港澳社廣州3月5日電), reporters after a dateline
without brackets (本报讯 记者张三 通讯员李四 …), a reprint's source (本报讯 据南方日报消息：).
Those shapes are here too.

Everything is parsed to inline parts (plain strings and `Span`s: roleName, persName,
orgName, placeName, date) that hold every character of the input in order, so a caller
can never lose text by using them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from ..model import Span
from . import patterns as pat

HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_HAN = f"[{HAN}]"

# Role words, longest first. Traditional forms beside the simplified ones.
ROLE_WORDS = sorted({
    "记者", "通讯员", "实习生", "实习记者", "见习记者", "特约记者", "特派记者", "首席记者",
    "摄影记者", "校园记者", "小记者", "全媒体记者", "融媒体记者", "评论员", "特约评论员",
    "编译", "编者", "撰稿", "撰文", "特约撰稿人", "摄影", "制图", "主持人",
    "記者", "通訊員", "實習生", "實習記者", "見習記者", "特約記者", "特派記者", "首席記者",
    "攝影記者", "校園記者", "全媒體記者", "融媒體記者", "評論員", "特約評論員", "編譯", "攝影",
    # The production roles of a team's credit line (策划：… 统筹：… 后援：…).
    "特约撰稿", "特約撰稿", "策划", "策劃",
    # The editor of a paper or a journal signing (主编), and the teacher under a pupil's
    # piece in a paper's school page (指导教师).
    "主编", "主編", "指导教师", "指導教師", "指导老师", "指導老師",
    "统筹", "統籌", "后援", "後援", "摄像", "攝像", "设计", "設計", "翻译", "翻譯",
    # A paper's special correspondent sent to an event or abroad (本報特派員, 駐東京特派員).
    "特派员", "特派員",
    # A columnist signing (专栏作家), and an agency's translator and the editor who checked
    # the translation (譯者：…／核稿：…, as Taiwan's CNA signs translated copy).
    "专栏作家", "專欄作家", "专栏作者", "專欄作者", "译者", "譯者", "核稿",
    # A reader signing a letter (读者 薛芳玲), and a paper's chief editors signing a piece.
    "读者", "讀者", "总编辑", "總編輯", "副总编辑", "副總編輯",
}, key=len, reverse=True)
# Words for a reporting body rather than a person (中共将乐县委通讯组).
GROUP_WORDS = ("通讯组", "报道组", "报导组", "采访组", "调查组", "写作组", "评论组", "摄影组", "通訊組",
               "報導組", "報道組", "採訪組", "調查組", "寫作組", "評論組", "攝影組",
               # A project's or a series' team (项目团队：本报记者 …, 采访团队, 课题组).
               "团队", "團隊", "项目组", "項目組", "课题组", "課題組", "小组", "小組",
               # A paper's department signing what it wrote (本报通联科 under its answers
               # to readers, 《成報編輯部》 under an introduction).
               "编辑部", "編輯部", "通联科", "通聯科", "通联部", "通聯部", "评论部", "評論部",
               "群工部", "读者来信组", "讀者來信組")
# Bodies whose name may run into a role word in the middle of a byline (…贾永本报记者张强).
KNOWN_BODIES = sorted({"本报", "本報", "本刊", "新华社", "新華社", "中新社", "中国新闻社", "中國新聞社",
                       "人民日报", "人民日報", "光明日报", "经济日报", "央视", "中央广播电视总台"},
                      key=len, reverse=True)
AGENCIES = sorted({"新华社", "新華社", "中新社", "中国新闻社", "中國新聞社", "人民日报", "人民日報",
                   "光明日报", "经济日报", "央视新闻", "人民网", "新华网", "中央社", "路透社",
                   "美联社", "法新社", "共同社", "塔斯社", "中评社", "中評社", "中通社", "美聯社",
                   "韩联社", "韓聯社", "新華網", "人民網"}, key=len, reverse=True)

_alt = lambda words: "|".join(re.escape(w) for w in words)  # noqa: E731
ROLE_RE = re.compile(f"(?:{_alt(ROLE_WORDS)})")
# A role word with one space inside it (主 编), as extraction leaves a space inside a word:
# the space does not cut the byline there.
_ROLE_SPACED = re.compile("|".join(r"[ \u3000]?".join(re.escape(ch) for ch in w)
                                   for w in ROLE_WORDS if len(w) >= 2))
GROUP_RE = re.compile(f"(?:{_alt(GROUP_WORDS)})")
# Page credits: the desk's roles (the people in them are the page's, not an article's).
DESK_RE = re.compile(f"^(?:{pat.DESK_ROLE})")
# A desk's role the names before it run into (毛欣美编：职文胜, where a credit line was set
# or extracted without its spaces).
DESK_END = re.compile(f"(?:{pat.DESK_ROLE})$")
AGENCY = _alt(AGENCIES)

# What people did, at the end of a byline or credit.
PHOTO_TAIL = re.compile(r"(?:翻攝|翻摄|摄影|攝影|摄|攝|供图|供圖|提供)$")
# 摄影报道: a photo report, pictures and their text by the person credited.
PHOTO_REPORT = re.compile(r"(?:摄影|攝影)(?:报道|報道|報導|报导)\s*[）)]?$")
# 文／图: the person wrote the text and took the pictures: a byline, not a photo's credit.
TEXT_AND_PICTURES = re.compile(r"(?:文\s*[／/]\s*[图圖]|[图圖]\s*[／/]\s*文|文[图圖]|[图圖]文)\s*[）)]?$")
# Bullets and rules papers print before a byline or credit.
BULLETS = "☉□■●○◆◇▲△▶►▷★☆※◎·•—-－ 　"
# ﹕ (U+FE55, a small colon) is how some Hong Kong and Taiwan papers set the colon.
_SEPARATORS = re.compile(r"[\s、，,；;：:﹕／/|｜丨]+")

# Dates in datelines, Arabic or Chinese numerals: 8月25日, 九月二十七日, 二十一日, 3日.
_NUM = r"(?:[0-9０-９]{1,2}|[一二三四五六七八九十廿卅]{1,3})"
# The year stands in datelines of older papers (新华社一九七三年三月二十六日讯).
_YEAR = r"(?:[0-9]{4}|[〇○零一二三四五六七八九]{4})年"
DATELINE_DATE = rf"(?:{_YEAR}{_NUM}月|{_NUM}月)?{_NUM}日"
_PLACE = rf"{_HAN}{{0,8}}?"
_PEOPLE_BRACKET = r"[（(][^（）()【】]{1,80}[）)]"

# 专讯 (a paper's own dispatch, 【明報專訊】), 特讯, 快讯: the kind of dispatch, no place.
_KIND = r"(?:专|專|特|快)"
# A dateline's 讯 or 电 ends a word of its own: in 通讯员 (a correspondent: 本报特约通讯员、
# 某某…), 电视, 电话, 电台 or 电脑 the character begins or ends another word, and the text
# is a sentence, not a dateline.
_DATELINE_END = r"(?![员員视視话話台脑腦])"
# 本报讯 / 本報訊 / 本报北京11月10日讯 / 本报洛杉矶7月30日电 / 本报讯（记者 张三）
RUN_IN_LOCAL = re.compile(
    rf"^(?P<head>本[报報刊](?P<place>{_PLACE})(?P<date>{DATELINE_DATE})?(?:{_KIND}?(?:讯|訊)|电|電|急电|急電){_DATELINE_END})"
    rf"(?P<people>\s*{_PEOPLE_BRACKET})?")
# 新华社北京8月25日电（记者 张三） / 据新华社3日讯 / 中新社北京九月二十七日電
RUN_IN_AGENCY = re.compile(
    rf"^(?P<head>(?P<by>[据據])?(?P<org>{AGENCY})(?P<place>{_PLACE})(?P<date>{DATELINE_DATE})?"
    rf"(?:急电|急電|电|電|讯|訊|消息){_DATELINE_END})(?P<people>\s*{_PEOPLE_BRACKET})?")
# 港澳社廣州3月5日電（港澳社報道組）: an agency this list does not know. Its name ends in
# 社 (通讯社, an agency) and the place and the date are required, so that the shape is a
# dateline's and nothing else's.
RUN_IN_BODY = re.compile(
    rf"^(?P<head>(?P<by>[据據])?(?P<org>{_HAN}{{1,5}}?社)(?P<place>{_PLACE})(?P<date>{DATELINE_DATE})"
    rf"(?:电|電|讯|訊){_DATELINE_END})(?P<people>\s*{_PEOPLE_BRACKET})?")
# 广州日报讯（记者 张三） / 南方日报广州3月5日讯 记者… / 【大公報訊】: a paper's own
# dateline under its name, followed by a space, a bracket or the reporter.
RUN_IN_PAPER = re.compile(
    rf"^(?P<head>(?P<org>{_HAN}{{1,6}}(?:日报|日報|晚报|晚報|时报|時報|商报|商報|周报|週報|晨报|晨報|"
    rf"公報|公报|報|报|网|網))(?P<place>{_PLACE})(?P<date>{DATELINE_DATE})?(?:{_KIND}?(?:讯|訊)|电|電|消息){_DATELINE_END})"
    rf"(?:(?P<people>\s*{_PEOPLE_BRACKET})|(?=[\s\u3000（(】：:]|记者|記者|$))")
# 都市快报（记者 林司楠）: a paper's name and, in brackets, its reporter, without 讯.
RUN_IN_PAPER_PEOPLE = re.compile(
    rf"^(?P<head>(?P<org>{_HAN}{{1,6}}(?:报|報|网|網)))(?P<people>\s*{_PEOPLE_BRACKET})")
# 中央社記者陳家倫台北25日電: an agency's reporter inside its dateline (Taiwan's CNA).
RUN_IN_AGENCY_REPORTER = re.compile(
    rf"^(?P<head>(?P<org>{AGENCY})(?P<role>記者|记者)(?P<name>{_HAN}{{2,3}})"
    rf"(?P<place>{_HAN}{{2,4}}?)(?P<date>{DATELINE_DATE})(?:电|電))")
# 【本报陇海前线四日电】 / 【新华社延安二十二日电】 / 〔記者甘孟霖／台北報導〕
BRACKETED = re.compile(r"^[【〔\[［][^【】〔〕\[\]［］]{2,40}[】〕\]］]")
# （记者王晓东） / （通讯员 赵明 记者 孙丽华）: a bracket of people opening a paragraph.
BRACKET_PEOPLE = re.compile(rf"^{_PEOPLE_BRACKET}")
# 贵港讯 11月6日…: a place's dateline without 本报, followed by a space or a bracket.
PLACE_DATELINE = re.compile(rf"^(?P<place>{_HAN}{{2,4}})(?:讯|訊)(?=[\s\u3000（(]|$)")
# 本报记者陆珂报道： / 记者周象光报道： after a dateline.
# A paper's name before the role (大公報記者 陳大文 報道：): the formula ends in 报道：,
# which makes it a reporter's whatever stands before the role.
_PAPER_BEFORE_ROLE = (rf"{_HAN}{{1,8}}(?:日报|日報|晚报|晚報|时报|時報|商报|商報|晨报|晨報|周报|週報|"
                      rf"都市报|都市報|公報|公报)")
REPORTER = re.compile(rf"^\s*(?:{_alt(KNOWN_BODIES)}|{_PAPER_BEFORE_ROLE})?(?:{_alt(ROLE_WORDS)})\s*"
                      rf"[{HAN}·、\s]{{2,24}}?(?:报道|報導|报导|報道)[：:]")
# After a dateline the formula may name any body's reporters, several of them
# (本报北京6月26日讯　中央人民广播电台记者傅立、本报记者阎金久报道：): the dateline says that
# a byline follows, and parse_people checks that the prefix reads as a body.
REPORTERS_AFTER_DATELINE = re.compile(
    rf"^\s*[{HAN}《》]{{0,16}}?(?:{_alt(ROLE_WORDS)})\s*[{HAN}·、，\s]{{2,60}}?(?:报道|報導|报导|報道)[：:]")
# 据南方日报消息： after a dateline: the paper credits the report it reprints (本报讯 据…).
SOURCE = re.compile(rf"^\s*(?P<by>据|據)(?P<org>{_HAN}{{2,12}}?)(?P<what>消息|报道|報導|報道|报导)[：:]?")
# 題：…, the wire's title after its dateline.
WIRE_TITLE = re.compile(r"^\s*[题題][：:]\s*\S")


# -- names -------------------------------------------------------------------------------
TRADITIONAL_SURNAMES = set(
    "張劉陳楊黃趙吳孫馬鄭謝韓馮鄧蕭葉蘇魏呂盧譚陸賈韋鄒閻龍陶賀顧龔萬錢嚴湯溫莊聶魯顏鍾"
    "羅許沈蔣蔡傅賴歐駱藍饒單葛關簡薛華範廖塗鐘鄔蘭歐陽衛")
SURNAMES = pat.SURNAMES | TRADITIONAL_SURNAMES
COMPOUND_SURNAMES = pat.COMPOUND_SURNAMES + ("歐陽", "司馬", "諸葛", "東方", "皇甫", "尉遲",
                                              "公孫", "長孫", "令狐", "端木", "軒轅")
NAME_CHARS = re.compile(rf"^{_HAN}{{2,4}}$|^{_HAN}{{1,8}}[·•]{_HAN}{{1,10}}$")
# Words that cannot be names, though they may follow a role word.
NOT_NAMES = pat.NOT_NAMES | {
    "报道", "報導", "发自", "發自", "本报", "本報", "摄影", "提供", "供图", "消息", "综合", "整理",
    "特稿", "专访", "通讯", "来信", "手记", "获悉", "了解", "观察", "调查", "随笔", "札记", "感言",
    "民众", "民眾", "读者", "讀者", "网友", "網友", "资料", "資料", "受访者", "供稿",
    # What a production role's work covers (本篇统筹): see _SCOPES.
    "本篇", "本期", "本版", "本文", "本刊", "全程"}


def surname_led(name: str) -> bool:
    return name.startswith(COMPOUND_SURNAMES) or name[:1] in SURNAMES


def split_names(run: str) -> list[str] | None:
    """A run of Han characters after a role word as names: one name of 2-4 characters, or
    several run together (记者朱国贤林妙春), cut so that every part begins with a surname,
    three-character names (the commonest) preferred. None when the run cannot be names."""
    if run in NOT_NAMES:
        return None
    if NAME_CHARS.match(run) and (len(run) <= 3 or not re.fullmatch(f"{_HAN}+", run)
                                  or run.startswith(COMPOUND_SURNAMES) or not _two_names(run)):
        return [run]
    if not 4 <= len(run) <= 12 or not re.fullmatch(f"{_HAN}+", run):
        return None
    memo: dict[int, list[str] | None] = {}

    def cut(i: int) -> list[str] | None:
        if i == len(run):
            return []
        if i not in memo:
            memo[i] = None
            for size in (3, 2, 4):
                part = run[i:i + size]
                if len(part) != size or not surname_led(part) or part in NOT_NAMES:
                    continue
                if size == 4 and not part.startswith(COMPOUND_SURNAMES):
                    continue
                rest = cut(i + size)
                if rest is not None:
                    memo[i] = [part] + rest
                    break
        return memo[i]

    return cut(0)


def _two_names(run: str) -> bool:
    """A four-character run that reads as two two-character names (王五李四)."""
    return len(run) == 4 and surname_led(run[:2]) and surname_led(run[2:])


# -- parsing a byline body -----------------------------------------------------------------
@dataclass
class People:
    """A parsed byline or credit: its inline parts and what it holds."""

    parts: list
    roles: int = 0
    names: int = 0
    groups: int = 0
    tail: str = ""

    @property
    def persons(self) -> list[str]:
        return [p.text for p in self.parts if isinstance(p, Span) and p.kind == "persName"]


# 文／张三 or 图：李四 at a byline's start: the word names the role.
_CREDIT_ROLE = re.compile(r"^(文[／/]图|图[／/]文|文[／/]圖|圖[／/]文|文图|图文|文圖|圖文|文|图|圖|摄影|攝影|撰文|口述|整理)"
                          r"(?:\s*[／/:：|｜丨]\s*|\s+)(?=\S)")
# What a later part of a credit line names before a bar or a colon (文丨张三 图丨李四,
# 口述：张三 整理：李四): the next person's work, a role.
_LATER_ROLES = {"文", "图", "圖", "摄影", "攝影", "整理", "口述", "撰文", "采写", "採寫", "执笔", "執筆"}
# A label before a byline, with its colon (作者：陈季冰, 来源：大河报记者 白周峰): it says
# what the line is, and names no one.
_LABELS = ("作者", "来源", "來源")


# A tail standing alone between separators: 摄, ／图, 报道.
_TAIL_WORDS: set[str] = {"摄", "攝", "摄影", "攝影", "翻攝", "翻摄", "图", "圖", "文", "文图", "报道", "報導",
               "报导", "報道", "提供", "供图", "供圖", "摄影报道", "攝影報道", "攝影報導", "摄影报导",
               "即时报道", "即時報導", "综合报道", "綜合報導"}
# What a writer did, after the names (本报记者 李银刚 整理, 记者 张三 采写): compiled,
# interviewed and wrote, drafted. Like 报道, they end a byline, never a photo's credit.
WRITING_TAILS = {"整理", "采写", "採寫", "执笔", "執筆", "采访整理", "採訪整理"}
_TAIL_WORDS |= WRITING_TAILS


def parse_people(text: str, *, person_role: str | None = None, desk: bool = False,
                 require_surname: bool = False) -> People | None:
    """Parse TEXT as roles, names and a tail; None when any part of it is something else.

    desk: read the page credits' role words (责任编辑 …). require_surname: names without a
    role (a bare byline) must be two or three characters, separated, and one of them must
    begin with a common surname.
    """
    parts: list = []
    out = People(parts)
    if text.rstrip().endswith(("，", "、", "；", ",", ";")):
        return None
    titled = re.fullmatch(r"(\s*《)([^《》]{2,20})(》\s*)", text)
    if titled:
        # 《成報編輯部》: a department's signature set in title marks.
        inner = parse_people(titled.group(2), person_role=person_role, desk=desk)
        if inner is None or not inner.groups or inner.roles or inner.names:
            return None
        inner.parts[:0] = [titled.group(1)]
        _plain(inner.parts, titled.group(3))
        return inner
    lead = re.match(rf"^[{re.escape(BULLETS)}（(【〔\[]*", text).group(0)
    rest = text[len(lead):]
    note = re.search(r"[（(][^（）()]{1,12}[）)]\s*$", rest)    # 摄（传真照片）
    noted_trail = bool(note and note.start() > 0 and not re.search(r"[（(]", lead))
    if noted_trail:
        body, trail = rest[:note.start()], rest[note.start():]
    else:
        trail = re.search(r"[）)】〕\]]*\s*$", rest).group(0)
        body = rest[: len(rest) - len(trail)]
    _plain(parts, lead)
    if not body.strip():
        return None
    credit_role = _CREDIT_ROLE.match(body)
    if credit_role:
        # 文／张三, 图：李四, 文/图 王五: who wrote, who photographed.
        parts.append(Span("roleName", credit_role.group(1)))
        _plain(parts, body[credit_role.end(1):credit_role.end()])
        out.roles += 1
        body = body[credit_role.end():]
    pos = 0
    separator = ""
    affiliated = False
    inside_roles = [m.span() for m in _ROLE_SPACED.finditer(body) if not ROLE_RE.fullmatch(m.group(0))] \
        if re.search(rf"{_HAN}[ \u3000]{_HAN}", body) else []
    for match in [m for m in _SEPARATORS.finditer(body) if not _padded_name_space(body, m, desk)
                  and not any(a < m.start() and m.end() < b for a, b in inside_roles)] + [None]:
        segment = body[pos:match.start() if match else len(body)]
        roles_before, groups_before = out.roles, out.groups
        fresh = not (out.roles or out.names or out.groups) and match is not None
        if fresh and match.group(0).strip() in ("／", "/", "|", "｜", "丨") \
                and re.fullmatch(f"{_HAN}{{1,8}}[报報]", segment):
            # 聯合報／ 記者…: the paper's name set off by a slash before its reporters.
            parts.append(Span("orgName", segment))
            out.groups += 1
        elif fresh and not match.group(0).strip() and _affiliation(segment):
            # □首发集团八达岭分公司京新收费所 吕文静: where the writer works, then the name.
            parts.append(Span("orgName", segment))
            out.groups += 1
            affiliated = True
        elif segment in _LATER_ROLES and match is not None and pos > 0 \
                and match.group(0).strip() in ("／", "/", "|", "｜", "丨", "：", ":", "﹕"):
            # 文丨张三 图丨李四: a later 图 before a bar names the next person's role.
            parts.append(Span("roleName", segment))
            out.roles += 1
        elif segment and not _segment(segment, separator, out, person_role, desk):
            return None
        if match is None:
            break
        separator = match.group(0)
        if separator.strip() in ("：", ":", "﹕") and out.roles == roles_before \
                and out.groups > groups_before and GROUP_RE.search(parts[-1].text):
            # 港澳社報道組：趙明 錢亮: a team named over its members is what they were.
            parts[-1].kind = "roleName"
            out.roles, out.groups = out.roles + 1, out.groups - 1
        if separator.strip() in ("：", ":", "﹕") and out.roles == roles_before \
                and segment not in _LABELS:
            # 人物：林维曦 is a field of a profile: a colon follows a role, never a name.
            return None
        _plain(parts, separator)
        pos = match.end()
    noted = parse_people(trail.strip()[1:-1], person_role=person_role) \
        if noted_trail and out.groups and not out.names \
        else None
    if noted is not None and noted.names:
        # 新华社发（张三 摄）: the agency issued the photo its photographer took.
        _plain(parts, trail[:trail.index(trail.strip()[0]) + 1])
        _extend(parts, noted.parts)
        _plain(parts, trail[len(trail.rstrip()) - 1:])
        out.names += noted.names
        out.tail = out.tail or noted.tail
    else:
        _plain(parts, trail)
    if not (out.roles or out.names or out.groups or out.tail):
        return None
    if affiliated and not (out.names and all(
            surname_led(n) and 2 <= len(n) <= 3 for n in out.persons)):
        return None         # an affiliation signs with a person's name after it
    if require_surname and not out.roles and not out.groups:
        names = out.persons
        if not names or not any(surname_led(n) for n in names) or any(
                len(n) > 3 and not n.startswith(COMPOUND_SURNAMES) and "·" not in n for n in names):
            return None
    return out


def _padded_name_space(body: str, match: re.Match, desk: bool = False) -> bool:
    """张  三: a two-character name set with space between its characters, to the width of
    the three-character names beside it (a typesetting convention of name lists and
    bylines). The space is inside the name: one surname character, one given-name
    character, each alone between separators. In a desk's credit line the next desk's
    role may follow the name without a separator (编辑：王 聪校对：…)."""
    if match.group(0).strip():
        return False
    before, after = body[:match.start()], body[match.end():]
    left = re.search(rf"(?:^|[\s、，,；;：:／/|｜丨]){_HAN}$", before)
    right = re.match(rf"^{_HAN}(?:$|[\s、，,；;：:／/|｜丨）)】])", after) \
        or desk and re.match(rf"^{_HAN}(?:{pat.DESK_ROLE})", after)
    return bool(left and right and before[-1] in SURNAMES and after[0] not in _SINGLE_WORDS)


# 王 聪: a two-character name padded to three characters' width (_padded_name_space).
_PADDED_NAME = re.compile(rf"{_HAN}[ \u3000]{_HAN}")
# Single characters that stand alone in a byline and are no given name.
_SINGLE_WORDS = set("摄攝文图圖") | {"发", "發"}


def _plain(parts: list, text: str) -> None:
    if not text:
        return
    if parts and isinstance(parts[-1], str):
        parts[-1] += text
    else:
        parts.append(text)


def _segment(segment: str, separator: str, out: People, person_role: str | None,
             desk: bool) -> bool:
    """One run between separators: roles, names and a tail, in that order, all of it."""
    parts = out.parts
    if out.tail in ("发自", "發自") and separator.strip() == "、" \
            and re.fullmatch(f"{_HAN}{{2,8}}", segment):
        # 發自香港、成都: the places after 发自 (filed from), listed with 、, are places.
        parts.append(Span("placeName", segment))
        return True
    if segment in _TAIL_WORDS or segment in _LABELS:
        _plain(parts, segment)
        out.tail = out.tail or (segment if segment not in _LABELS else "")
        return True
    sent = re.fullmatch(rf"(发自|發自)({_HAN}{{2,8}})", segment)
    if sent:
        _plain(parts, sent.group(1))
        parts.append(Span("placeName", sent.group(2)))
        out.tail = sent.group(1)
        return True
    report = re.fullmatch(rf"({_HAN}{{2,6}}?)((?:即时|即時|综合|綜合)?(?:报道|報導|报导|報道))",
                          segment)
    if report and out.names and (separator.strip() in ("／", "/") or not separator.strip() and (
            not surname_led(report.group(1)) or _PLACE_END.search(report.group(1)))):
        # 記者甘孟霖／台北報導, ／台北即時報導: the place the report was filed from.
        parts.append(Span("placeName", report.group(1)))
        _plain(parts, report.group(2))
        out.tail = report.group(2)
        return True
    if segment in AGENCIES or segment in ("本报", "本報") or (
            not out.roles and not out.names and PAPER_NAME.fullmatch(segment)):
        # 图：新华社, （新华社）: the picture or text is the agency's; 經濟日報／ 記者…: the
        # paper the reporter writes for, before the role.
        # 图：新华社, （新华社）: the picture or text is the agency's.
        parts.append(Span("orgName", segment))
        out.groups += 1
        return True
    issued = re.fullmatch(rf"({AGENCY}|本报|本報)(发|發)", segment)
    if issued:
        parts.append(Span("orgName", issued.group(1)))
        _plain(parts, issued.group(2))
        out.groups += 1
        return True
    rest = segment
    if desk:
        role = DESK_RE.match(rest)
        if role:
            parts.append(Span("roleName", role.group(0)))
            out.roles += 1
            rest = rest[role.end():]
            if not rest:
                return True
        ending = DESK_END.search(rest)
        name = rest[:ending.start()] if ending else ""
        if ending and 2 <= ending.start() <= 3 and surname_led(rest) \
                and (split_names(name) == [name] or _PADDED_NAME.fullmatch(name)):
            # 责编：毛欣美编：职文胜: the name runs into the next desk role where the
            # credit line lost its spaces (or its two lines were joined): one name of
            # two or three characters, led by a common surname.
            _names(rest[:ending.start()], out, person_role, split=True)
            parts.append(Span("roleName", ending.group(0)))
            out.roles += 1
            return True
    if not desk and out.roles and _DESK_ROLE_WORD.fullmatch(rest) and rest not in ROLE_WORDS:
        # 记者 杨丽娟 美编 杨盼: a desk's role (美编, 编辑, 设计) after a byline's role
        # names the work of the people after it; no name is a desk's role. (A line that
        # opens with a desk's role is the page's credit, read with desk=True.)
        parts.append(Span("roleName", rest))
        out.roles += 1
        return True
    group = GROUP_RE.search(rest)
    if group and group.end() == len(rest) and re.fullmatch(f"{_HAN}{{2,20}}", rest):
        parts.append(Span("orgName", rest))
        out.groups += 1
        return True
    # Roles in the run: the first absorbs the body before it (中央人民广播电台记者); a later
    # one only a known body (…贾永本报记者).
    pos = 0
    roles_here = 0
    for role in (_ROLE_SPACED if " " in rest or "\u3000" in rest else ROLE_RE).finditer(rest):
        start = role.start()
        if role.group(0) in _STANDALONE_ROLES and rest != role.group(0):
            return False    # 读者齐聚一堂: the word is the sentence's subject, no one's role
        if roles_here == 0:
            prefix = rest[:start]
            body = next((b for b in KNOWN_BODIES if prefix.endswith(b)), "")
            if prefix and out.roles and prefix != body and split_names(prefix[:len(prefix) - len(body)]):
                # 本报记者 张三通讯员 李四: a name runs into the next role when the
                # credit's lines were joined; names, not the body of the role.
                _names(prefix[:len(prefix) - len(body)], out, person_role, split=True)
                parts.append(Span("roleName", rest[start - len(body):role.end()]))
            elif prefix and not (len(prefix) <= 16 and re.fullmatch(f"[{HAN}《》]+", prefix)
                                 and (_is_body(prefix) or _media_brand(prefix, role.group(0))
                                      or prefix in _SCOPES)) \
                    and not _branded_body(prefix):
                return False
            else:
                parts.append(Span("roleName", rest[:role.end()]))
        else:
            body = next((b for b in KNOWN_BODIES if rest[:start].endswith(b)), "")
            if not _names(rest[pos:start - len(body)], out, person_role, split=True):
                return False
            parts.append(Span("roleName", rest[start - len(body):role.end()]))
        out.roles += 1
        roles_here += 1
        pos = role.end()
    rest = rest[pos:]
    if not rest:
        return True
    if rest in _TAIL_WORDS:
        _plain(parts, rest)
        out.tail = rest
        return True
    sent = re.search(rf"(发自|發自)({_HAN}{{2,8}})$", rest)
    photo = PHOTO_TAIL.search(rest)
    reported = re.search(r"(报道|報導|报导|報道|整理|采写|採寫|执笔|執筆)$", rest)
    tail = sent or photo or reported
    names = rest[:tail.start()] if tail else rest
    source_only = bool(photo and not sent and photo.group(0) in ("提供", "供图", "供圖"))
    if source_only and not (roles_here or surname_led(names)):
        # （民眾提供）: provided by someone who is not named.
        _plain(parts, rest)
        out.tail = photo.group(0)
        return True
    sender = _SENDER.fullmatch(names) if not (roles_here or out.roles or out.names) else None
    if sender:
        # （星島日報報道）, （大公報訊）, （中央社電）: a paper or agency signs, not a person.
        parts.append(Span("orgName", sender.group(1)))
        _plain(parts, sender.group(2) or "")
        out.groups += 1
        names = ""
    elif not _names(names, out, person_role, split=roles_here > 0 or out.roles > 0):
        return False
    if sent:
        _plain(parts, sent.group(1))
        parts.append(Span("placeName", sent.group(2)))
        out.tail = sent.group(1)
    elif tail:
        _plain(parts, tail.group(0))
        out.tail = tail.group(0)
    return True


# Roles that are also common words of a sentence (读者, the readers): a role only as a
# word of its own, set apart from the name after it (读者 薛芳玲).
_STANDALONE_ROLES = ("读者", "讀者")
# What the work a production role did covers (系列报道策划, 本篇统筹): the series, this
# piece, this issue.
_SCOPES = ("本篇", "本期", "本版", "本文", "本刊", "系列报道", "系列報道", "系列報導", "系列报导", "本系列",
           "全程")
_DESK_ROLE_WORD = re.compile(pat.DESK_ROLE)


def _branded_body(prefix: str) -> bool:
    """大河报·豫视频: a paper and, after a middle dot, its brand or channel (the paper's
    video or app desk, whose reporter the byline names)."""
    head, dot, brand = prefix.partition("·")
    return bool(dot) and re.fullmatch(f"{_HAN}{{2,12}}", head) is not None \
        and re.fullmatch(f"{_HAN}{{1,6}}", brand) is not None \
        and (_is_body(head) or head in KNOWN_BODIES)


# A paper's or station's name standing before its reporter's role (經濟日報／ 記者…).
PAPER_NAME = re.compile(rf"{_HAN}{{1,8}}(?:日报|日報|晚报|晚報|时报|時報|商报|商報|晨报|晨報|周报|週報|"
                        rf"都市报|都市報|电视台|電視台|电台|電台|通讯社|通訊社)")
# A paper or an agency that signs a report, and the word it signs with (讯 from, 电 wired).
_SENDER = re.compile(rf"({AGENCY}|{PAPER_NAME.pattern})(讯|訊|电|電)?")
# What the body someone reports for ends with: 新华社, 本报内蒙古分社, 中央人民广播电台,
# 时代周报, 淮河路小学 (校园记者), 中国青年网.
_BODY_END = re.compile(r"(社|报|報|台|站|网|網|刊|部|局|院|校|学|學|中心|公司|集团|团|委|厅|所|会|處|处|"
                       r"新闻|新聞|周末|週末|财经|財經|传媒|傳媒|媒体|媒體)$")
# 本报驻京, 新华社驻联合国: a body's resident correspondent somewhere (驻 = stationed in).
_RESIDENT = re.compile(rf"^(?:{_HAN}{{0,8}}?)[驻駐]{_HAN}{{1,8}}$")


def _affiliation(segment: str) -> bool:
    """首发集团八达岭分公司京新收费所: a body's full name (four characters or more, ending
    as a body's name ends: 所, 公司, 局, 学校 …), which a contributor's byline sets before
    the name (readers' and experts' pieces)."""
    return 4 <= len(segment) <= 20 and re.fullmatch(f"{_HAN}+", segment) is not None \
        and _BODY_END.search(segment) is not None \
        and not (_CLAUSE_CHARS | _NO_NAME_CHARS).intersection(segment)


# Characters of a clause's grammar (particles, prepositions, verbs of giving): a prefix
# holding one is a sentence before the role (除了接待記者), not a paper's short name.
_CLAUSE_CHARS = set("的了着著在和与與是把被对對从從向为為也都就到给給让讓请請接待见見访訪有")


def _media_brand(prefix: str, role: str) -> bool:
    """半岛全媒体记者, 齐鲁融媒体记者, 每經特約評論員: a paper prints its reporters' and
    commentators' role after its short name (半岛 for 半岛都市报, 每經 for 每日經濟新聞),
    which names no kind of body: two or three characters (four before an all-media role)
    with nothing of a clause's grammar in them."""
    if any(ch in _CLAUSE_CHARS for ch in prefix.removesuffix("都")):
        # (都 ending the name is a place's last character, 南都, 成都: the adverb 都 stands
        # before a verb, never before the role's noun.)
        return False
    if role.startswith(("全媒体", "融媒体", "全媒體", "融媒體")):
        return 2 <= len(prefix) <= 4
    return 2 <= len(prefix) <= 3 and role not in ("主编", "主編", "指导教师", "指導教師",
                                                   "指导老师", "指導老師")


def _is_body(prefix: str) -> bool:
    if prefix in KNOWN_BODIES:
        return True
    if re.fullmatch(r"[^《》]{0,8}《[^《》]{1,16}》", prefix):
        # 《粮食业界新闻》主编: a paper or journal, named in title marks.
        return True
    if any(prefix.endswith(known) for known in ("本报", "本報")):
        # 金牌读者齐聚一堂本报记者: 本报 (this paper) is a whole name; what stands before it
        # is a caption or a sentence, not part of the body.
        return False
    if _RESIDENT.match(prefix) and (prefix.startswith(tuple(KNOWN_BODIES)) or prefix[0] in "驻駐"):
        return True
    return bool(_BODY_END.search(prefix))


# Particles that close a phrase or mark an aspect (了, 着, 的, 们): no Chinese name holds
# one, so a run with one after a role is a clause (记者了解到：), not a pen name.
_NO_NAME_CHARS = set("了着著的们們")


def _names(run: str, out: People, person_role: str | None, split: bool) -> bool:
    if not run:
        return True
    if _NO_NAME_CHARS.intersection(run):
        return False
    padded = re.fullmatch(rf"({_HAN})(\s+)({_HAN})", run)
    if padded and padded.group(1) in SURNAMES:
        # 张  三: one name set to the width of three characters (_padded_name_space).
        out.parts.append(Span("persName", run, role=person_role))
        out.names += 1
        return True
    if split:
        names = split_names(run)
    else:
        names = [run] if NAME_CHARS.match(run) and run not in NOT_NAMES else None
    if not names:
        return False
    for name in names:
        out.parts.append(Span("persName", name, role=person_role))
        out.names += 1
    return True


# -- run-in openings -----------------------------------------------------------------------
@dataclass
class RunIn:
    """A byline that opens a paragraph: its length in the text and its inline parts."""

    end: int
    parts: list


def run_in(text: str, issue: date | None = None) -> RunIn | None:
    """The byline or dateline at the start of a paragraph, if it has one and text follows."""
    found = _run_in(text, issue)
    if found is None or not text[found.end:].strip():
        return None
    return found


def parse_run_in(text: str, issue: date | None = None) -> list | None:
    """The inline parts of TEXT if all of it is a run-in byline or a dateline."""
    found = _run_in(text, issue, whole=True)
    if found is None or text[found.end:].strip():
        return None
    parts = list(found.parts)
    _plain(parts, text[found.end:])
    return parts


def _run_in(text: str, issue: date | None, whole: bool = False) -> RunIn | None:
    """WHOLE: TEXT is the byline alone (reporters may run to its end)."""
    match = RUN_IN_AGENCY_REPORTER.match(text) or RUN_IN_LOCAL.match(text) \
        or RUN_IN_AGENCY.match(text) or RUN_IN_PAPER.match(text) or RUN_IN_BODY.match(text)
    if match:
        return _dateline(text, match, issue, whole)
    match = RUN_IN_PAPER_PEOPLE.match(text)
    if match and _bracket_people(match.group("people"), need_role=True) is not None:
        return _dateline(text, match, issue, whole)
    bracketed = BRACKETED.match(text)
    if bracketed:
        inner = bracketed.group(0)[1:-1]
        parts = _bracketed(inner, issue)
        if parts is None:
            return None
        parts = [bracketed.group(0)[0]] + parts + [bracketed.group(0)[-1]]
        end = bracketed.end()
        after = BRACKET_PEOPLE.match(text[end:])    # 【新华社北京十二日电】（记者 张三）
        in_brackets = _bracket_people(after.group(0), need_role=True) if after else None
        if in_brackets is not None:
            _extend(parts, in_brackets)
            return RunIn(end + after.end(), parts)
        reporter = REPORTER.match(text[end:])       # 【大公報訊】記者陳大文報道：
        people = _reporter(reporter.group(0)) if reporter else None
        if people is not None:
            _extend(parts, people)
            end += reporter.end()
        else:
            run = _people_run(text[end:], whole)    # 【本報訊】記者張三／台北報導 今天…
            if run is not None:
                _extend(parts, run[1])
                end += run[0]
        return RunIn(end, parts)
    people = BRACKET_PEOPLE.match(text)
    if people:
        parts = _bracket_people(people.group(0), need_role=True)
        if parts is None:
            inner = people.group(0)[1:-1]
            dateline = RUN_IN_AGENCY_REPORTER.fullmatch(inner) or RUN_IN_AGENCY.fullmatch(inner)
            if dateline:
                # （中央社記者陳家倫台北25日電）
                parts = [people.group(0)[0]] + _dateline(inner, dateline, issue).parts \
                    + [people.group(0)[-1]]
        return RunIn(people.end(), parts) if parts is not None else None
    reporter = REPORTER.match(text)
    if reporter:
        parts = _reporter(reporter.group(0))
        return RunIn(reporter.end(), parts) if parts is not None else None
    opening = _opening_people(text, whole)
    if opening is not None:
        return opening
    place = PLACE_DATELINE.match(text)
    if place and not place.group("place").endswith(("通", "快", "简", "簡", "资", "資", "喜", "电", "電")):
        return RunIn(place.end(), [Span("placeName", place.group("place")),
                                   text[place.end("place"):place.end()]])
    return None


def _dateline(text: str, match: re.Match, issue: date | None, whole: bool = False) -> RunIn:
    """本报北京11月10日讯, 据新华社昆明5日电 and what follows them: a bracket of people
    (（记者 张三）) or a reporter's formula (记者周象光报道：)."""
    parts: list = []
    groups = match.groupdict()
    pos = match.start("head")
    for name, kind in (("by", None), ("org", "orgName"), ("role", "roleName"), ("name", "persName"),
                       ("place", "placeName"), ("date", "date")):
        if not groups.get(name):
            continue
        _plain(parts, text[pos:match.start(name)])
        value = groups[name]
        if kind == "date":
            parts.append(dateline_date(value, issue))
        elif kind:
            parts.append(Span(kind, value))
        else:
            _plain(parts, value)
        pos = match.end(name)
    _plain(parts, text[pos:match.end("head")])
    end = match.end("head")
    if groups.get("people"):
        people = _bracket_people(match.group("people"))
        if people is not None:
            _extend(parts, people)
            return RunIn(match.end("people"), parts)
        return RunIn(end, parts)
    reporter = REPORTER.match(text[end:]) or REPORTERS_AFTER_DATELINE.match(text[end:])
    if reporter:
        people = _reporter(reporter.group(0))
        if people is not None:
            _extend(parts, people)
            end += reporter.end()
            return RunIn(end, parts)
        if REPORTER.match(text[end:]):
            return RunIn(end, parts)
    source = SOURCE.match(text[end:])
    if source and _is_body(source.group("org")):
        _plain(parts, text[end:end + source.start("org")])
        parts.append(Span("orgName", source.group("org")))
        _plain(parts, text[end + source.end("org"):end + source.end()])
        return RunIn(end + source.end(), parts)
    run = _people_run(text[end:], whole)
    if run is not None:
        _extend(parts, run[1])
        end += run[0]
    return RunIn(end, parts)


def _people_run(text: str, whole: bool = False) -> tuple[int, list] | None:
    """本报讯 记者张三 通讯员李四 近日…: reporters after a dateline without brackets or
    报道：, written as words of their own: the longest run of space-separated words that
    reads as roles and names (a colon may close it). None when no such run ends in a space
    or a colon with text after it (记者从省教育厅获悉… is the text)."""
    lead = len(text) - len(text.lstrip())
    best = None
    for word in list(re.finditer(r"\S+", text[lead:]))[:8]:
        end = lead + word.end()
        if not whole and not text[end:].strip():
            break
        candidate = text[lead:end]
        core = candidate.rstrip("：:")
        parsed = parse_people(core)
        if parsed is None:
            if best is not None or re.search(r"[，。；！？,;!?]", candidate):
                break           # the text has begun
            continue
        if parsed.roles and (parsed.names or parsed.tail in COMPILED_TAILS):
            best = (end, parsed, candidate[len(core):])
    if best is None:
        return None
    if not whole and (not text[best[0]:].strip()
                      or not (best[2] or text[best[0]:best[0] + 1].isspace())):
        return None
    end, parsed, colon = best
    parts: list = [text[:lead]] if lead else []
    _extend(parts, parsed.parts)
    _plain(parts, colon)
    return end, parts


# 本報記者綜合報導: the paper's reporters compiled the report from several sources; the
# formula names the desk's reporters as a body, no person.
COMPILED_TAILS = ("综合报道", "綜合報導", "综合报导", "綜合報道")
_OPENS_WITH_A_ROLE = re.compile(rf"^[{re.escape(BULLETS)}]*(?:{_alt(KNOWN_BODIES)})?(?:{_alt(ROLE_WORDS)})")


def _opening_people(text: str, whole: bool) -> RunIn | None:
    """記者王小明／台北報導　行政院今天…, ■本报记者 张三　…: a paragraph that opens with its
    reporters, set off from the text by white space, without a dateline or brackets (Taiwan
    papers print their bylines so, and others run the byline line into the first
    paragraph). The words must read as roles and names, and say so in print: the report's
    tail (報導, 报道, 整理), a bullet before them, or a wide space after them (a full-width
    space or two); `记者 张三 近日…` with one space is left as text (记者 may be the
    sentence's subject)."""
    if whole or not _OPENS_WITH_A_ROLE.match(text):
        return None         # (a block that is a byline alone is read as a whole elsewhere)
    if len(text.strip()) <= 60 and parse_people(text.strip()) is not None:
        return None         # a byline line alone (□本报记者沈亮发自北京 实习生鲁韵子)
    run = _people_run(text, whole)
    if run is None:
        return None
    end, parts = run
    parsed = parse_people(text[:end].strip().rstrip("：:"))
    if parsed is None or not parsed.roles or not (parsed.names or parsed.tail in COMPILED_TAILS):
        return None
    gap = re.match(r"\s*", text[end:]).group(0)
    tail = parsed.tail in ("报道", "報導", "报导", "報道", "即时报道", "即時報導", "综合报道", "綜合報導") \
        or parsed.tail in WRITING_TAILS
    bullet = text[:1] in BULLETS.strip()
    if not (tail or bullet or "\u3000" in gap or len(gap) >= 2) or PHOTO_TAIL.search(parsed.tail or ""):
        return None
    return RunIn(end, parts)


def _reporter(formula: str) -> list | None:
    """记者周象光报道： as parts (the colon and spaces kept as text)."""
    core = formula.strip().rstrip("：:")
    parsed = parse_people(core)
    if parsed is None or not parsed.roles or not parsed.names:
        return None
    lead = formula[: len(formula) - len(formula.lstrip())]
    parts: list = [lead] if lead else []
    _extend(parts, parsed.parts)
    _plain(parts, formula.strip()[len(core):])
    return parts


def _text_follows(text: str, end: int) -> bool:
    return bool(text[end:].strip())


def _bracket_people(bracket: str, need_role: bool = False) -> list | None:
    stripped = bracket.strip()
    lead = bracket[: len(bracket) - len(bracket.lstrip())]
    parsed = parse_people(stripped[1:-1])
    if parsed is None or (need_role and not parsed.roles):
        return None
    parts: list = []
    _plain(parts, lead + stripped[0])
    _extend(parts, parsed.parts)
    _plain(parts, stripped[-1])
    return parts


def _bracketed(inner: str, issue: date | None) -> list | None:
    """【本报陇海前线四日电】, 【新华社十四日讯】 or 〔記者甘孟霖／台北報導〕."""
    match = RUN_IN_LOCAL.fullmatch(inner) or RUN_IN_AGENCY.fullmatch(inner) \
        or RUN_IN_AGENCY_REPORTER.fullmatch(inner) or RUN_IN_PAPER.fullmatch(inner) \
        or RUN_IN_BODY.fullmatch(inner)
    if match:
        return _dateline(inner, match, issue).parts
    parsed = parse_people(inner)
    if parsed is not None and parsed.roles and parsed.names:
        return parsed.parts
    paper = _PAPER_REPORTS.fullmatch(inner)
    if paper and not paper.group("org").startswith(("本报", "本報")):
        # 【星島日報報道】: the paper's own report, its name and 報道 in brackets.
        return [Span("orgName", paper.group("org")), paper.group("what")]
    return None


_PAPER_REPORTS = re.compile(rf"(?P<org>{_PAPER_BEFORE_ROLE})(?P<what>報道|报道|報導)")


def _extend(parts: list, more: list) -> None:
    for part in more:
        if isinstance(part, str):
            _plain(parts, part)
        else:
            parts.append(part)


# -- dates in datelines ----------------------------------------------------------------------
_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def chinese_number(text: str) -> int | None:
    """二十三 → 23, 十四 → 14, 廿一 → 21, 9 → 9."""
    text = text.translate(str.maketrans("０１２３４５６７８９", "0123456789"))
    if text.isdigit():
        return int(text)
    text = text.replace("廿", "二十").replace("卅", "三十")
    if "十" in text:
        tens, _, ones = text.partition("十")
        value = (_DIGITS.get(tens, 0) if tens else 1) * 10
        if ones:
            if ones not in _DIGITS:
                return None
            value += _DIGITS[ones]
        return value if not tens or tens in _DIGITS else None
    return _DIGITS.get(text) if len(text) == 1 else None


_YEAR_DIGITS = str.maketrans("〇○零一二三四五六七八九", "00012345678" + "9")


def dateline_date(text: str, issue: date | None) -> Span:
    """The date of a dispatch: the year, and for a day alone the month, from the issue
    (a dispatch is filed on or before the issue's day)."""
    match = re.fullmatch(rf"(?:({_YEAR}))?(?:({_NUM})月)?({_NUM})日", text)
    when = None
    if match and match.group(1):
        year = int(match.group(1)[:-1].translate(_YEAR_DIGITS))
        month, day = chinese_number(match.group(2)), chinese_number(match.group(3))
        try:
            value = date(year, month, day) if month and day else None
        except ValueError:
            value = None
        if value is not None and (issue is None or value <= issue):
            when = value.isoformat()
        return Span("date", text, when=when)
    if match and issue is not None:
        match = re.fullmatch(rf"(?:({_NUM})月)?({_NUM})日", text[len(match.group(1) or ""):])
        month = chinese_number(match.group(1)) if match.group(1) else None
        day = chinese_number(match.group(2))
        try:
            if month is None and day is not None:
                month, year = issue.month, issue.year
                if day > issue.day:
                    month, year = (month - 1, year) if month > 1 else (12, year - 1)
                value = date(year, month, day)
            elif day is not None:
                value = date(issue.year, month, day)
                if value > issue:
                    value = date(issue.year - 1, month, day)
            else:
                value = None
            when = value.isoformat() if value else None
        except ValueError:
            when = None
    return Span("date", text, when=when)


# -- where bylines and credits stand ---------------------------------------------------------
def standalone(text: str) -> People | None:
    """A block that is a byline and nothing else: roles and names, a tail, bullets."""
    text = text.strip()
    if not text or len(text) > 60:
        return None
    return parse_people(text, require_surname=True)


def names_run_together(text: str) -> People | None:
    """TEXT as two or more names of three characters set with no space between them
    (丁雪松杨德华 under a feature's headline): papers that set a bare byline in one line
    run the writers' names together. Only three-character names, each led by a surname,
    are read so: a phrase almost never cuts that way throughout (a two-character cut
    would read 黄河长江 as names)."""
    bare = text.strip()
    if not 6 <= len(bare) <= 12 or len(bare) % 3 or not re.fullmatch(f"{_HAN}+", bare):
        return None
    names = [bare[k:k + 3] for k in range(0, len(bare), 3)]
    if not all(surname_led(n) and n not in NOT_NAMES for n in names):
        return None
    out = People([], names=len(names))
    _plain(out.parts, text[:len(text) - len(text.lstrip())])
    out.parts.extend(Span("persName", n) for n in names)
    _plain(out.parts, text[len(text.rstrip()):])
    return out


# A photo credit: [bullet] [body发 | role] names? 摄 / ／图 / 翻攝 / 提供, in brackets or not.
# （资料图片）: a file photo, credited to no one; the note stands where a credit stands.
FILE_PHOTO = re.compile(r"[（(](?:资料图片|资料照片|资料图|資料圖片|資料照片|資料圖|资料图片由\S{1,10}提供|"
                        # where a picture came from, in words that name a picture: a file
                        # or archive photo (中央社檔案照片, 法新社資料圖片), a screenshot
                        # (翻攝畫面, 截圖), one taken from a page (取自臉書), a net picture
                        r"[^（）()\s]{0,8}(?:檔案照片|档案照片|資料圖片|资料图片|資料照片|资料照片)|"
                        r"翻攝[^（）()\s]{0,8}|翻摄[^（）()\s]{0,8}|[^（）()\s]{0,8}截圖|[^（）()\s]{0,8}截图|"
                        r"取自[^（）()\s]{1,12}|網上圖片|网上图片|網絡圖片|网络图片)[）)]$")


def credit(text: str) -> People | None:
    """TEXT if it is a photo credit alone (新华社发 胡学军 摄, 梁伟驰／图, （民眾提供）)."""
    text = text.strip()
    if FILE_PHOTO.fullmatch(text):
        out = People([])
        _plain(out.parts, text)
        out.tail = text[1:-1]
        return out
    if not text or len(text) > 40 or not (_ENDS_LIKE_CREDIT.search(text)
                                          or _LED_LIKE_CREDIT.match(text)
                                          or PHOTO_REPORT.search(text)):
        return None
    core = re.sub(r"[（(][^（）()]{1,12}[）)]$", "", text) if not text.startswith(("（", "(")) \
        else text
    core = core.rstrip("）) ")
    led = re.match(rf"^[{re.escape(BULLETS)}（(]*{_LED_WORDS}\s*[／/:：﹕]\s*", text)
    if TEXT_AND_PICTURES.search(core) and not led:
        return None
    if not (re.search(r"(摄|攝|摄影|攝影|[／/]\s*[图圖]|提供|供图|供圖)$", core) or led
            or PHOTO_REPORT.search(core)
            or re.fullmatch(rf"[{re.escape(BULLETS)}（(]*(?:{AGENCY})(?:发|發)", core)):
        return None
    people = parse_people(text, person_role="photographer")
    source = text[led.end():] if led else ""
    closing = re.search(r"[）)]*$", source).group(0)
    source = source[:len(source) - len(closing)]
    if people is None and led and 2 <= len(source) <= 16 and not re.search(r"[。！？，；（）()：:﹕]", source):
        # 攝：Imagine China, 图片来源：公众号“…”: a picture agency or a source, not a person;
        # the credit is the role and the source named.
        parts: list = []
        _plain(parts, text[:led.start(1)])
        parts.append(Span("roleName", led.group(1)))
        _plain(parts, text[led.end(1):led.end()])
        parts.append(Span("orgName", source))
        _plain(parts, closing)
        people = People(parts)
        people.roles, people.groups = 1, 1
    return people


_DESK_CODE = r"[\u2460-\u2473\u3251-\u325f\u32b1-\u32bf]\d{0,3}"
DESK_CODE = re.compile(rf"^{_DESK_CODE}$")


# How every photo credit ends (摄, ／图, 提供, 新华社发), with or without a bracket and a note.
_ENDS_LIKE_CREDIT = re.compile(r"(摄|攝|摄影|攝影|[图圖]|提供|供[图圖]|发|發)\s*[）)]?\s*"
                               r"(?:[（(][^（）()]{1,12}[）)])?$")


# 摄影：张三, 图／李四: a credit that names what the person made first.
_LED_WORDS = r"(摄影|攝影|图片来源|圖片來源|照片來源|照片来源|图片提供|圖片提供|照片提供|相片提供|图片|圖片|摄|攝|图|圖)"
_LED_LIKE_CREDIT = re.compile(rf"^[（(■●▲◆☉□\s]*{_LED_WORDS}\s*[／/:：﹕]")


def credit_tail(text: str) -> tuple[int, int] | None:
    """Where a photo credit that runs on at the end of a caption starts, and where a desk
    code before it starts (or the same offset); None if the text ends in no credit."""
    stripped = text.rstrip()
    led = re.search(rf"{_LED_WORDS}\s*[／/:：﹕]\s*[^\s。！？]{{2,14}}(?:\s[A-Za-z][^\s。！？]*){{0,2}}$",
                    stripped)
    if not _ENDS_LIKE_CREDIT.search(stripped) and not led and not FILE_PHOTO.search(stripped):
        return None
    # Candidates start after white space, a sentence end, a bracket or a bullet.
    for match in re.finditer(r"(?:(?<=\s)|(?<=[。！？!?”」』）)])|(?=[（(■●▲◆☉□]))\S", stripped):
        start = match.start()
        if start == 0:
            continue
        candidate = stripped[start:]
        if len(candidate) > 40:
            continue
        desk = re.match(rf"({_DESK_CODE})\s*", candidate)
        credit_start = start + (desk.end() if desk else 0)
        people = credit(stripped[credit_start:])
        if people is not None and stripped[:start].strip() and _named_with_role(people):
            return start, credit_start
    return None


def _named_with_role(people: People) -> bool:
    """A name before the credit's first role is of two or three characters (four with a
    compound surname): a caption's last words before the credit (…如期举行　新民晚报记者
    徐程　摄) are no name."""
    for part in people.parts:
        if isinstance(part, Span) and part.kind == "roleName":
            return True
        if isinstance(part, Span) and part.kind == "persName" and len(part.text) > 3 \
                and not part.text.startswith(COMPOUND_SURNAMES) and "·" not in part.text:
            return False
    return True


_PHOTO_TITLE = re.compile(r"^\s*《[^《》\n]{1,30}》\s*")


def titled_photo(text: str) -> tuple[int, int] | None:
    """《冒雪赶考》 张三／图，获全国新闻摄影铜奖: a photo shown with its title (a
    retrospective, a prize list): where the credit after the title starts and ends. The
    title is the caption; what follows the credit is a note on the photo."""
    title = _PHOTO_TITLE.match(text)
    if not title:
        return None
    end = re.search(r"[，,。；;]|$", text[title.end():])
    credit_end = title.end() + end.start()
    if credit_end == title.end() or credit(text[title.end():credit_end]) is None:
        return None
    return title.end(), credit_end


def desk_code_tail(text: str) -> int | None:
    """Where an editor's desk code (③7) at the end of a paragraph starts."""
    match = re.search(rf"(?<=[。！？!?”」』）)])\s*({_DESK_CODE})\s*$", text)
    return match.start(1) if match else None


# （据新华社长沙3月5日电） / （新华社） at the end of an article: where the text came from.
# 据新华社 / 據中央社電 alone on a line: the source the paper credits, without brackets (据,
# "according to", says what the line is).
SIGN_OFF_DATELINE = re.compile(
    rf"^(?P<open>[（(])?(?P<mark>[■□●◆◇—─]+\s*)?(?P<by>[据據])?(?P<org>{AGENCY})(?P<place>{_PLACE})"
    rf"(?P<date>{DATELINE_DATE})?"
    r"(?P<rest>(?:急电|急電|电|電|讯|訊|消息)?)(?P<close>[）)])?$")
# （北京七日電）: the place and the day a correspondent filed from, in brackets after the
# text, with no agency (the paper's own correspondent): the date makes it a dateline.
SIGN_OFF_PLACE = re.compile(
    rf"^(?P<open>[（(])(?P<place>{_HAN}{{2,6}}?)(?P<date>{DATELINE_DATE})(?P<rest>电|電)(?P<close>[）)])$")


def dateline_sign_off(text: str, issue: date | None = None) -> list | None:
    """The inline parts of a dateline that signs off an article: bracketed, or a source
    line (据新华社), or an agency's name after a bullet or a dash (■新華社, ——新华社)."""
    match = SIGN_OFF_DATELINE.match(text.strip()) or SIGN_OFF_PLACE.match(text.strip())
    groups = match.groupdict() if match else {}
    if not match or bool(groups.get("open")) != bool(groups.get("close")) \
            or not (groups.get("open") or groups.get("by") or groups.get("mark")):
        return None
    text = text.strip()
    parts: list = [text[0]] if groups.get("open") else []
    pos = 1 if groups.get("open") else 0
    for name, kind in (("mark", None), ("by", None), ("org", "orgName"), ("place", "placeName"),
                       ("date", "date")):
        value = groups.get(name)
        if not value:
            continue
        _plain(parts, text[pos:match.start(name)])
        if kind == "date":
            parts.append(dateline_date(value, issue))
        elif kind:
            parts.append(Span(kind, value))
        else:
            _plain(parts, value)
        pos = match.end(name)
    _plain(parts, text[pos:])
    return parts


def sign_off_tail(text: str) -> int | None:
    """Where a reporter's sign-off that runs on after the last sentence starts
    (…有时间。本报记者夏命群); None if there is none."""
    stripped = text.rstrip()
    # (After the stop, or after the space some papers set before the sign-off: …獲釋。　記者：…)
    for match in re.finditer(r"(?<=[。！？!?”」』])\s*(?=\S)", stripped):
        candidate = stripped[match.end():]
        if len(candidate) > 30 or not ROLE_RE.search(candidate):
            continue
        parsed = parse_people(candidate)
        if parsed is not None and parsed.roles and parsed.names \
                and (not parsed.tail or parsed.tail in WRITING_TAILS) and credit(candidate) is None:
            return match.start()
    return None


def agency_sign_off_tail(text: str) -> int | None:
    """Where an agency's name set off by a bullet or a dash after the last sentence starts
    (…地區出生。 ■新華社, …。——新华社): the source a paper credits for the text."""
    match = re.search(r"(?<=[。！？!?”」』])\s*([■□●◆◇—─]+\s*\S{2,8})\s*$", text)
    if match and SIGN_OFF_DATELINE.match(match.group(1)) and dateline_sign_off(match.group(1)):
        return match.start(1)
    return None


# A reader's letter is signed with the writer's name and where the writer lives, set off by
# a slash, in brackets or after a dash (（廖哲雄／台南善化）, ──台中／萬思寧, 張勝雄／亞凱迪亞):
# the letters columns of Chinese papers (讀者投書, 读者来信) print a reader so, not with a role.
_SIGNATURE = re.compile(rf"^(?P<lead>[{re.escape(BULLETS)}─—（(]*)(?P<a>{_HAN}{{2,8}})"
                        rf"(?P<sep>\s*[／/]\s*)(?P<b>{_HAN}{{2,8}})(?P<trail>[）)]?)$")
_PLACE_END = re.compile(r"(?:市|县|縣|区|區|镇|鎮|乡|鄉|村|州|省|島|岛|城|港)$")


def letter_signature(text: str) -> list | None:
    """The inline parts of a reader's signature, NAME／PLACE or PLACE／NAME: the name is
    the part that reads as a person's (a common surname, two or three characters; four
    with a compound surname) and the other a place; where both could be names, a part
    that ends like a place (市, 縣, 區 …) is the place, else the three-character part is
    the name (most Chinese names have three), else the first. None for other shapes."""
    match = _SIGNATURE.match(text.strip())
    if not match or bool(match.group("trail")) != ("（" in match.group("lead")
                                                   or "(" in match.group("lead")):
        return None
    a, b = match.group("a"), match.group("b")
    if any(w in NOT_NAMES or ROLE_RE.search(w) or DESK_RE.match(w) or w in _TAIL_WORDS
           for w in (a, b)):
        return None

    def person(w: str) -> bool:
        return surname_led(w) and (2 <= len(w) <= 3 or len(w) == 4 and w.startswith(COMPOUND_SURNAMES))

    if person(a) and person(b):
        if _PLACE_END.search(a) != _PLACE_END.search(b):
            name_first = bool(_PLACE_END.search(b))
        elif (len(a) == 3) != (len(b) == 3):
            name_first = len(a) == 3
        else:
            name_first = True
    elif person(a) or person(b):
        name_first = person(a)
    else:
        return None
    parts: list = []
    _plain(parts, text[:len(text) - len(text.lstrip())] + match.group("lead"))
    first, second = ("persName", "placeName") if name_first else ("placeName", "persName")
    parts.append(Span(first, a))
    _plain(parts, match.group("sep"))
    parts.append(Span(second, b))
    _plain(parts, match.group("trail") + text[len(text.rstrip()):])
    return parts


# Roles that name the writing of a text (文, 撰文, 文字): a line that opens with one and
# credits the pictures too (文／X 圖／Y) signs the article, whoever took its photos.
_TEXT_ROLES = ("文", "撰文", "文字", "采写", "採寫", "文／图", "文/图", "文／圖", "文/圖")


_OPENS_WITH_A_TEXT_ROLE = re.compile(rf"^\s*[{re.escape(BULLETS)}]*(?:{_alt(_TEXT_ROLES)})")


def writer_and_photographer(text: str) -> bool:
    """TEXT is a byline naming the writer first and then the photographer: 文／陳大文　圖／李小華,
    撰文：张三 摄影：李四."""
    if not _OPENS_WITH_A_TEXT_ROLE.match(text):
        return False
    people = standalone(text)
    if people is None or people.roles < 2:
        return False
    roles = [p.text for p in people.parts if isinstance(p, Span) and p.kind == "roleName"]
    return roles[0] in _TEXT_ROLES and any(r in ("图", "圖", "摄影", "攝影", "攝", "摄") for r in roles[1:])


def signature(text: str) -> list | None:
    """A reader's signature's parts (letter_signature) where the line does not read better
    as names alone: two names both led by a common surname, neither ending like a place,
    are two writers (李四／王五), not a name and a place."""
    parts = letter_signature(text)
    if parts is None:
        return None
    people = parse_people(text.strip())
    if people is not None and all(surname_led(n) and not _PLACE_END.search(n) for n in people.persons):
        return None
    return parts
