"""What newspaper bylines, credits, captions, furniture and dates look like in Chinese papers."""

from __future__ import annotations

import re

# Reporter roles, longest first so that 全媒体记者 wins over 记者.
ROLE_WORDS = sorted([
    "全媒体记者", "融媒体记者", "本报记者", "特约记者", "见习记者", "实习记者", "首席记者",
    "新华社记者", "记者", "特约通讯员", "通讯员", "实习生", "摄影记者", "评论员", "本报评论员",
    "特约评论员", "编者", "整理", "記者", "全媒體記者", "融媒體記者", "本報記者", "特約記者",
    "通訊員", "實習生", "攝影記者", "文", "图", "文/图", "文／图", "图/文", "图／文",
], key=len, reverse=True)

_HAN = r"[\u4e00-\u9fff]"
NAME = rf"{_HAN}{{2,4}}(?:[·•]{_HAN}{{1,8}})?"

# Run-in bylines, datelines, standalone bylines and photo credits: see bylines.py.

# A page credit: the desk's role, a colon or a space, the people (本版编辑 郭洪涛 程源,
# （责编：白宇、卫嘉）, 本期责任编辑：赖旭华、沈伟彬). What follows the role must be names only:
# `编辑部门表示` is a sentence, not a credit (checked in roles.py with the byline grammar).
#
# The desk's roles are compounds of one small grammar, the same in every paper and decade:
# [whose page: 本版 本期 本刊] [what kind: 责任 美术 图片 文字 值班 执行 版式 版面 视觉 首席
# 见习 助理] a job (编辑 校对 审校 审核 设计 排版 监制 …), and the short forms desks print
# (责编 美编 责校 组版). They are composed here rather than listed, so that 值班编辑,
# 本版美编, 图片编辑 and their traditional forms (責任編輯, 美術編輯, 責校) are all read.
_DESK_JOBS = ("编辑", "校对", "审校", "校审", "审核", "审稿", "审读", "终审", "签发", "设计", "制作",
              "排版", "组版", "统筹", "监制", "主任", "编委", "主编", "制图", "插图", "绘图", "美编",
              "责编", "责校", "编审", "一审", "二审", "三审", "检校", "核校", "校检", "总编",
              "监审", "初审", "复审")
_DESK_KINDS = ("", "责任", "美术", "图片", "文字", "值班", "执行", "版式", "版面", "视觉", "首席",
               "见习", "助理", "技术")
_DESK_PAGES = ("", "本版", "本期", "本刊", "本文")
# Jobs that do not stand alone as a desk's role without their kind (值班主任, not 主任;
# 执行主编, not 主编, which signs a piece).
_DESK_KIND_ONLY = ("主任", "编委", "主编", "制作", "统筹", "总编", "设计", "制图", "插图", "绘图")
# Simplified to traditional for the characters of these words (one for one).
_DESK_T = str.maketrans("编辑责审术图视觉对计签发组统筹监制总检绘见习助读复设执终",
                        "編輯責審術圖視覺對計簽發組統籌監製總檢繪見習助讀復設執終")


def _both(words) -> str:
    """An alternation of WORDS in both scripts, longest first."""
    words = list(words)
    forms = set(words) | {w.translate(_DESK_T) for w in words}
    return "|".join(sorted((re.escape(w) for w in forms if w), key=len, reverse=True))


_PAGE = f"(?:{_both(_DESK_PAGES)})"
# A kind and any job; a job that stands alone; a one-word role (版式：王达, 视觉：李四).
DESK_ROLE = (f"(?:{_PAGE}?(?:{_both(_DESK_KINDS)})(?:{_both(_DESK_JOBS)})"
             f"|{_PAGE}(?:{_both(_DESK_JOBS)})"
             f"|(?:{_both(j for j in _DESK_JOBS if j not in _DESK_KIND_ONLY)})"
             f"|{_PAGE}?(?:{_both(('版式', '视觉', '美术', '版面'))}))")
# Bullets and brackets a credit line may be set in (■责任编辑：周小文, 【责编：…】).
FURNITURE = re.compile(
    rf"^[■□●◆◇▲△★☆◎※\s]*[（(【〔\[]?({DESK_ROLE})\s*[:：﹕／/|｜丨]?\s*(\S.*?)?[）)】〕\]]?$")

SENTENCE_END = set("。！？!?…”’』」）)】.;；\"'")
# What may end a paragraph. Not ；: a semicolon joins clauses of one sentence, and a
# block that ends with one was cut by a column or page break.
PARAGRAPH_END = set("。！？!?…”’』」）)】.\"'")
# Enumerations open a paragraph or a heading of their own: 一、 （一） 1、 1. ①, and the
# ordinals that count points (第一、 第二， 第三：), an item each.
ENUMERATION = re.compile(r"^\s*(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十0-9]{1,3}[）)]"
                         r"|第[一二三四五六七八九十]{1,3}[、，,：:]"
                         r"|[0-9]{1,2}[、.．]\D|[\u2460-\u2473])")
# What announces the paragraphs or items below it ("as follows", "respectively"): the text
# above ends there and what follows begins anew.
LIST_INTRODUCTIONS = re.compile(r"(如下|以下|下列|如次|分别是|分别为|分別是|分別為)\s*[：:]\s*$")
# A field of a profile or a notice: 人物：林维曦, 时间：2023年11月8日, 证券代码：000089.
FIELD_LINE = re.compile(r"^[\u4e00-\u9fff]{2,4}[：:]\S")
# A page number alone (A03, 第3版, 03版): the page's furniture.
PAGE_NUMBER = re.compile(r"^(?:[A-Z]?\d{1,3}|第?\s*[A-Z]?\d{1,3}\s*版)$")
# Column labels: the genre words that name a paper's columns (福建通讯, 图片新闻, 今日谈).
COLUMN_GENRES = ("通讯", "通訊", "新闻", "新聞", "快评", "短评", "时评", "漫谈", "特稿", "走基层",
                 "专栏", "視點", "视点", "今日谈", "论坛", "速递", "纵横", "随笔", "手记", "札记",
                 "快讯", "快訊", "语录", "語錄")
# Ornaments papers print before a column's name (□师者之尊缘自用心, ■ 图片新闻), and the bar
# between a series' name and its part (70年岁月丨我与本报): a column label's marks.
COLUMN_ORNAMENTS = "□■◆◇●○▲△★☆▶►◎※【"
SERIES_BAR = re.compile(r"\S\s*[丨｜|]\s*\S")
# What a photo's caption opens with when it has no credit: 图为 (the picture shows), 上图：,
# 左图, 图① …, and the caption's own label, 图说： / 圖說： / 图片说明： ("the picture says",
# as Shanghai and Taiwan papers print it); nothing else opens so.
# An upward arrow (↑) points at the photo above and marks nothing else, so it opens a
# caption alone; the triangles are also bullets, so they need a label after them.
CAPTION_LABEL = re.compile(r"^\s*(?:↑\s*\S|[▲△◀]?\s*(?:图为|圖為|图说[：:]|圖說[：:]|图片说明[：:]|圖片說明[：:]|[上下左右中]图[为：:]?|[上下左右中]圖[為：:]?|"
                           r"图[①-⑩一二三四五六七八九0-9１-９][：:为\s]|圖[①-⑩一二三四五六七八九0-9１-９][：:為\s]))")
# Summary points printed with a bullet (● 智能电视机虽然…): each one is a paragraph of its own.
BULLET_POINT = re.compile(r"^\s*[●■◆▲★☆◎▶►•]\s*\S")

ENGLISH_BYLINE = re.compile(r"^(?:By|BY)\s+[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*){0,4}(?:\s*,?\s*(?:Staff Writer|Correspondent|Reporter|Associated Press|Reuters))?$")
# A page's running head: the paper, the date, the page number, the weekday.
RUNNING_HEAD = re.compile(r"(星期[一二三四五六日天]|第?\s*[A-Z]?[0-9一二三四五六七八九十]+\s*版|"
                          r"\d{4}年\d{1,2}月\d{1,2}日|当前版)")
# A running head that opens with the page's number (A37 中國新聞, B02 要闻): a section's
# letter and the number, or a number set with its leading zero, then the section's name.
PAGE_NUMBER_LEAD = re.compile(r"^(?:[A-Z]\d{1,3}|0\d)[ \t\u3000]+\S")
# （下转第2版）, （上接A11版）: page numbers may carry the section's letter.
CONTINUED_TO = re.compile(r"[（(]\s*(?:下转|转|下轉|轉)第?\s*([A-Z]?[0-9一二三四五六七八九十]+)\s*版\s*[）)]\s*$")
CONTINUED_FROM = re.compile(r"^\s*[（(]\s*(?:上接|接)第?\s*([A-Z]?[0-9一二三四五六七八九十]+)\s*版\s*[）)]")
# Characters only one of the two Chinese scripts uses: enough to tell zh-Hant from zh-Hans.
TRADITIONAL_ONLY = set("們這來時會說個國對學過後與為開關點報訊記當還進長問題發經實現動體區")
SIMPLIFIED_ONLY = set("们这来时会说个国对学过后与为开关点报讯记当还进长问题发经实现动体区")
OPENING_FRAGMENT_OK = {
    "但", "而", "同时", "此外", "然而", "因此", "所以", "其中", "首先", "其次", "最后", "目前",
    "近日", "今年", "去年", "为此", "对此", "据悉", "另外", "随后", "当前", "如今", "可见",
    "总之", "其实", "例如", "比如", "另", "据了解", "近年来", "会上", "会前", "会后", "日前",
    "当天", "今天", "昨天", "此前", "之后", "其后", "然后", "一是", "二是", "三是", "四是",
    # The same openings in traditional characters (Hong Kong, Taiwan).
    "同時", "然而", "因此", "所以", "其中", "首先", "其次", "最後", "目前", "今年", "為此", "對此",
    "據悉", "隨後", "當前", "如今", "可見", "總之", "其實", "據了解", "近年來", "會上", "會前",
    "會後", "當天", "此前", "之後", "其後", "然後", "另外", "此外", "日前", "近日",
}

# A pen name signing a column: two to four Han characters, perhaps with a letter or two
# (千頌C); roles.py reads one alone after the text's end as the writer's signature.
PEN_NAME = re.compile(r"[\u4e00-\u9fff]{2,4}[A-Za-z0-9]{0,2}")
# Common surnames: a bare 2-4 character block is read as a byline only if it starts with one.
SURNAMES = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏"
    "魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵"
    "万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘"
    "祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟"
    "艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞"
    "姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕"
    "楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强帅屠豆朴盖练廉禹井祖漆巴丰支卿国狄平计索宣"
    "晋相初门云容敬来扈晁芮都普阎戈伏鹿薄邸雍辜羊阿乌母裘亓修邰赫杭况那宿鲜印逯隆茹诸战慕危玉银"
    "亢嵇公哈湛宾戎勾茅利於呼居揭干但尉冶斯元束檀衣信展阴昝智幸奉植衡富尧闭由")
COMPOUND_SURNAMES = ("欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容",
                     "长孙", "宇文", "司徒", "夏侯", "令狐", "端木", "轩辕")
# Words that start with a surname character but are not names.
NOT_NAMES = {"会议", "文章", "方面", "安全", "成果", "时间", "和谐", "高质量", "全市", "全省", "于是",
             "万元", "金额", "明确", "平台", "国家", "计划", "宣传", "左右", "向前", "应当", "利用",
             "于此", "由此", "原来", "华丽", "杨树", "江河", "黄金", "高原", "林区"}

DATE = re.compile(r"(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日|(\d{4})年(?:(\d{1,2})月)?")


def ends_sentence(text: str) -> bool:
    stripped = text.rstrip()
    return bool(stripped) and stripped[-1] in SENTENCE_END


def ends_paragraph(text: str) -> bool:
    """The block may end a paragraph: it ends a sentence (a semicolon does not)."""
    stripped = text.rstrip()
    return bool(stripped) and stripped[-1] in PARAGRAPH_END


def starts_mid_sentence(text: str) -> bool:
    """A paragraph whose first characters cannot begin a sentence: `够，更要有…`. A label
    with a colon (`身份：`, `题：`) is a field, not a fragment."""
    stripped = text.lstrip()
    if not stripped:
        return False
    if stripped[0] in "，。、；：？！）」』”’,.;:)":
        return True
    match = re.match(r"^([\u4e00-\u9fff]{1,2})[，、；]", stripped)
    return bool(match) and match.group(1) not in OPENING_FRAGMENT_OK


def is_field_line(text: str) -> bool:
    """`人物：林维曦`: a short label and its value, complete as it stands."""
    text = text.strip()
    return bool(FIELD_LINE.match(text)) and len(text) <= 40 and not re.search(r"[。！？]", text) \
        and text[-1] not in "，、；：,;:"


def is_heading_like(text: str, limit: int = 40) -> bool:
    """Short, no sentence inside, not cut off after a comma: what a headline looks like.
    A quotation used as a heading (`“不劳动是条短路”`) may end with its closing quote."""
    text = text.strip()
    if not text or len(text.replace(" ", "")) > limit or re.search(r"[。！？!?；;]", text[:-1]):
        return False
    last = text[-1]
    if last in "，、；：,;:":
        return False
    if last in SENTENCE_END:
        return last in "”」』" and text[0] in "“「『" or last == "）" and text.count("（") == 1 \
            and not text.startswith("（")
    return True
