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
_ROLE = "|".join(re.escape(r) for r in ROLE_WORDS if r not in ("文", "图", "整理"))
AGENCIES = ["新华社", "中新社", "中国新闻社", "人民日报", "央视新闻", "人民网", "新华网",
            "吉林日报", "光明日报", "经济日报", "中央广电总台"]
_AGENCY = "|".join(re.escape(a) for a in AGENCIES)

_HAN = r"[\u4e00-\u9fff]"
NAME = rf"{_HAN}{{2,4}}(?:[·•]{_HAN}{{1,8}})?"
_PERSON = rf"(?:(?:{_ROLE})\s*)?{NAME}"

# 本报讯（全媒体记者 刘爽） / 本报讯 / 本报四平讯（记者 张三）
RUN_IN_LOCAL = re.compile(rf"^(本[报報](?:{_HAN}{{0,6}})?[讯訊])(\s*[（(][^（）()]{{1,80}}[）)])?")
# 新华社北京8月25日电（记者 张三）
RUN_IN_AGENCY = re.compile(
    rf"^({_AGENCY})({_HAN}{{0,8}}?)(\d{{1,2}}月\d{{1,2}}日)?电(\s*[（(][^（）()]{{1,80}}[）)])?")

# A standalone byline: roles and names only.
STANDALONE_BYLINE = re.compile(rf"^(?:(?:{_ROLE})\s*{NAME}(?:\s+{NAME})*\s*)+$")
BARE_NAMES = re.compile(rf"^{NAME}(?:\s+{NAME}){{0,3}}$")
# A photo credit at the end of a caption: "…画卷。 全媒体记者 宋莹莹 摄" or "（宋莹莹 摄）".
CREDIT_TAIL = re.compile(
    rf"(?:(?<=\s)|(?<=[。！？”』」）)]))\s*([（(]?\s*(?:(?:{_ROLE}|图|本报)\s*)?{NAME}(?:\s+{NAME})*\s*摄(?:影)?\s*[）)]?)$")
CREDIT_ONLY = re.compile(rf"^[（(]?\s*(?:(?:{_ROLE}|图|本报)\s*)?{NAME}(?:\s+{NAME})*\s*摄(?:影)?\s*[）)]?$")

FURNITURE = re.compile(
    r"^(本版编辑|本版校对|本版责编|本版审校|本版美编|本版组版|责任编辑|责任校对|美术编辑|版式设计|"
    r"组版|美编|校对|编辑|责编|值班编委|值班主任|审校|排版|責任編輯|本版編輯|責任校對|編輯)\s*[:：]?\s*(\S.*)?$")
FURNITURE_ROLE_WORDS = ("本版编辑", "本版校对", "本版责编", "本版审校", "本版美编", "本版组版",
                        "责任编辑", "责任校对", "美术编辑", "版式设计", "组版", "美编", "校对",
                        "编辑", "责编", "值班编委", "值班主任", "审校", "排版", "責任編輯", "本版編輯",
                        "責任校對", "編輯")

SENTENCE_END = set("。！？!?…”’』」）)】.;；\"'")
ENGLISH_BYLINE = re.compile(r"^(?:By|BY)\s+[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*){0,4}(?:\s*,?\s*(?:Staff Writer|Correspondent|Reporter|Associated Press|Reuters))?$")
# A page's running head: the paper, the date, the page number, the weekday.
RUNNING_HEAD = re.compile(r"(星期[一二三四五六日天]|第\s*[0-9一二三四五六七八九十]+\s*版|\d{4}年\d{1,2}月\d{1,2}日)")
CONTINUED_TO = re.compile(r"[（(]\s*(?:下转|转)第?\s*([0-9一二三四五六七八九十]+)\s*版\s*[）)]\s*$")
CONTINUED_FROM = re.compile(r"^\s*[（(]\s*(?:上接|接)第?\s*([0-9一二三四五六七八九十]+)\s*版\s*[）)]")
# Characters only one of the two Chinese scripts uses: enough to tell zh-Hant from zh-Hans.
TRADITIONAL_ONLY = set("們這來時會說個國對學過後與為開關點報訊記當還進長問題發經實現動體區")
SIMPLIFIED_ONLY = set("们这来时会说个国对学过后与为开关点报讯记当还进长问题发经实现动体区")
OPENING_FRAGMENT_OK = {
    "但", "而", "同时", "此外", "然而", "因此", "所以", "其中", "首先", "其次", "最后", "目前",
    "近日", "今年", "去年", "为此", "对此", "据悉", "另外", "随后", "当前", "如今", "可见",
    "总之", "其实", "例如", "比如", "另", "据了解", "近年来", "会上", "会前", "会后", "日前",
    "当天", "今天", "昨天", "此前", "之后", "其后", "然后", "一是", "二是", "三是", "四是",
}

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


def looks_like_name(token: str) -> bool:
    if not re.fullmatch(NAME, token) or token in NOT_NAMES:
        return False
    if token.startswith(COMPOUND_SURNAMES):
        return 3 <= len(token) <= 4
    return token[0] in SURNAMES and 2 <= len(token) <= 3


def is_bare_byline(text: str) -> bool:
    """`赵艳红` or `张三 李四`: only names, each starting with a common surname."""
    if not BARE_NAMES.match(text):
        return False
    return all(looks_like_name(t) for t in text.split())


def ends_sentence(text: str) -> bool:
    stripped = text.rstrip()
    return bool(stripped) and stripped[-1] in SENTENCE_END


def starts_mid_sentence(text: str) -> bool:
    """A paragraph whose first characters cannot begin a sentence: `够，更要有…`."""
    stripped = text.lstrip()
    if not stripped:
        return False
    if stripped[0] in "，。、；：？！）」』”’,.;:)":
        return True
    match = re.match(r"^([\u4e00-\u9fff]{1,2})[，、；：]", stripped)
    return bool(match) and match.group(1) not in OPENING_FRAGMENT_OK
