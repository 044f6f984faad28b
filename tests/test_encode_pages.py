"""Pages unlike the seed: other papers, encodings, scripts and shapes (tests/fixtures/pages)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tei_edition.encoder import encode_path
from tei_edition.errors import InputError
from tei_edition.xmlio import TEI_NS

PAGES = Path(__file__).resolve().parent / "fixtures" / "pages"
NS = {"t": TEI_NS}


def encoded(name: str):
    return encode_path(PAGES / name, None, when="2026-11-27")


def q(result, path):
    return result.tree.getroot().xpath(path, namespaces=NS)


@pytest.mark.parametrize("name", sorted(p.name for p in PAGES.glob("*.txt")))
def test_every_page_is_valid_full_tei(name, tei_all):
    result = encoded(name)
    assert tei_all.validate(result.tree), tei_all.error_log


def test_agency_page_in_gb18030_with_crlf():
    result = encoded("xinhua-gb18030-crlf.txt")
    assert q(result, "//t:head[@type='kicker']/text()") == ["国务院常务会议"]
    assert q(result, "//t:byline[@rend='run-in']/t:orgName/text()") == ["新华社"]
    assert q(result, "//t:byline[@rend='run-in']/t:persName/text()") == ["王希", "刘开雄"]
    assert q(result, "//t:div[2]/t:byline/t:roleName/text()") == ["本报记者"]
    assert len(q(result, "//t:cb")) == 1
    assert q(result, "//t:fw[@type='credit']/t:roleName/text()") == ["责任编辑"]


def test_two_pages_with_running_head_and_continuation():
    result = encoded("two-pages-formfeed.txt")
    assert len(q(result, "//t:body/t:pb")) == 2
    assert q(result, "//t:fw[@type='header']/@place") == ["top"]
    assert q(result, "//t:div[@type='article']/@next") == ["#a02"]
    assert q(result, "//t:div[@type='article']/@prev") == ["#a01"]


def test_unmarked_ocr_finds_headline_byline_and_caption():
    result = encoded("plain-ocr-no-markers.txt")
    assert q(result, "//t:head[@type='main']/text()") == ["城市公园免费开放"]
    assert q(result, "//t:div/t:byline/t:persName/text()") == ["周平"]
    assert q(result, "//t:figure/t:byline/t:persName[@role='photographer']/text()") == ["周平"]


def test_english_page():
    result = encoded("english-ocr.txt")
    assert result.tree.getroot().get("{http://www.w3.org/XML/1998/namespace}lang") == "und-Latn"
    assert q(result, "//t:byline/t:persName/text()") == ["JOHN SMITH"]
    assert len(q(result, "//t:div[1]/t:p")) == 3


def test_traditional_chinese_page():
    result = encoded("traditional-chinese.txt")
    assert result.tree.getroot().get("{http://www.w3.org/XML/1998/namespace}lang") == "zh-Hant"
    assert q(result, "//t:byline[@rend='run-in']/t:persName/text()") == ["陳大文"]


def test_saved_web_page_is_refused():
    with pytest.raises(InputError, match="looks like HTML"):
        encode_path(PAGES / "saved-web-page.html")
