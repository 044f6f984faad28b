"""The seed page: golden TEI, reviewed by eye, and the editorial facts it must show.

Regenerate the golden after a deliberate change with `TEI_EDITION_ACCEPT=1 pytest
tests/test_encode_seed.py`, then read the diff before committing it.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tei_edition.encoder import encode_path
from tei_edition.xmlio import TEI_NS

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "siping-daily-2022-08-26.txt"
GOLDEN = ROOT / "tests" / "golden" / "siping-daily-2022-08-26.xml"
NS = {"t": TEI_NS}


@pytest.fixture(scope="module")
def seed():
    return encode_path(SEED, None, when="2026-11-27")


def q(result, path):
    return result.tree.getroot().xpath(path, namespaces=NS)


def test_seed_matches_the_reviewed_golden(seed):
    produced = seed.xml_bytes
    if os.environ.get("TEI_EDITION_ACCEPT"):
        GOLDEN.write_bytes(produced)
    assert produced == GOLDEN.read_bytes(), \
        "seed TEI changed: review `diff` and accept with TEI_EDITION_ACCEPT=1"


def test_seed_is_valid_full_tei(seed, tei_all):
    assert tei_all.validate(seed.tree), tei_all.error_log


def test_seed_articles_and_headlines(seed):
    mains = [h.text for h in q(seed, "//t:div[@type='article']/t:head[@type='main']")]
    assert mains == ["市政府召开常务会议", "深入学习贯彻习近平总书记重要讲话精神 奋力推动新时代四平全面振兴全方位振兴",
                     "提高站位立足岗位 全力推进四平市人力资源服务产业园建设", "压紧压实责任 守住安全底线",
                     "市政府召开常务会议", "为党委政府分忧 为社会和谐稳定出力", "生态环境改善没有休止符"]
    assert q(seed, "//t:div[@xml:id='a02']/t:head[@type='kicker']/text()") == ["市委常委会召开会议"]
    assert q(seed, "//t:div[@xml:id='a06']/t:div[@type='section']/t:head/text()") == ["未诉先办 为民服务跑在前"]


def test_seed_editorial_attachments(seed):
    # The series banner belongs to the hotline report; 快语新言 to 赵艳红's commentary.
    assert q(seed, "//t:div[@xml:id='a06']/t:trailer[@type='kicker']/text()") == ["架起连心桥 当好总客服"]
    assert q(seed, "//t:div[@xml:id='a07']/t:trailer[@type='column']/text()") == ["快语新言"]
    assert q(seed, "//t:div[@xml:id='a07']/t:byline/t:persName/text()") == ["赵艳红"]


def test_seed_bylines(seed):
    assert q(seed, "//t:byline[@rend='run-in']/t:persName/text()") == ["刘爽", "崔圣驰", "崔圣驰", "刘万平"]
    assert q(seed, "//t:div[@xml:id='a06']/t:byline/t:persName/text()") == ["杨佳"]


def test_seed_joins_repeats_and_gaps(seed):
    assert len(q(seed, "//t:cb[@break='no']")) == 11
    assert q(seed, "//t:div[@xml:id='a05']/@copyOf") == ["#a01"]
    assert q(seed, "//t:p[@copyOf]/@copyOf") == ["#a03-p4", "#a03-p5"]
    near = q(seed, "//t:p[@xml:id='a03-p6']")[0]
    assert "".join(near.itertext()).startswith("资源服务产业园建设中")
    assert q(seed, "//t:p[@xml:id='a06-p1']/@part") == ["F"]
    assert len(q(seed, "//t:div[@xml:id='a01']/t:gap[@unit='paragraphs']")) == 1
    assert q(seed, "//t:num[@type='joins']/@value") == ["11"]


def test_seed_caption_and_furniture(seed):
    assert q(seed, "//t:body/t:figure[@type='photo']/t:byline/t:persName[@role='photographer']/text()") \
        == ["宋莹莹"]
    assert q(seed, "//t:body/t:fw[@type='credit']/t:persName/text()") == ["郭洪涛", "程源", "王国成"]


def test_seed_header(seed):
    date = q(seed, "//t:sourceDesc/t:biblStruct[@type='newspaper']/t:monogr/t:imprint/t:date")[0]
    assert (date.get("when"), date.get("cert"), date.get("evidence")) == ("2022-08-26", "medium", "internal")
    assert "推定" in q(seed, "//t:biblStruct[@type='newspaper']/t:note[@type='date']/text()")[0]
    assert q(seed, "//t:monogr/t:title[@level='j'][1]/text()")[0] == "四平日报"
    assert len(q(seed, "//t:listBibl/t:biblStruct")) == 6
    assert q(seed, "//t:div[@type='article']/@decls") == [f"#bibl-a0{n}" for n in (1, 2, 3, 4, 1, 6, 7)]
    assert len(q(seed, "//t:revisionDesc/t:change[@who='#editor']")) == 5
    assert q(seed, "//t:date[@when='2022-08-25']/text()") == ["8月25日", "8月25日"]
