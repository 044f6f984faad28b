"""The METS document of each bag: valid against METS 1.12.1, every embedded MODS valid
against MODS 3.6 (both from ../shared/oracles, offline), with the structure and the facts
the TEI header gives; and the schemas do reject what they should."""

from __future__ import annotations

import copy
import shutil
import sys
from pathlib import Path

import pytest
from lxml import etree

sys.path.insert(0, str(Path(__file__).resolve().parent))
from test_deposit_support import (METS, SEED_NAME, config, edition, manifest, mets_schema,  # noqa: E402,F401
                                  mods_schema, sha512)

from tei_edition.deposit import PageFiles, package_issue  # noqa: E402
from tei_edition.xmlio import TEI_NS, XML_NS  # noqa: E402


@pytest.fixture(scope="module")
def bag(edition, tmp_path_factory):
    from tei_edition.deposit import DepositConfig

    cfg = DepositConfig(source_organization="Test Library of Newspapers", identifier_prefix="urn:test:")
    return package_issue(SEED_NAME, [edition.page()], tmp_path_factory.mktemp("bags"), config=cfg).path


@pytest.fixture(scope="module")
def mets(bag):
    return etree.parse(str(bag / "data" / "mets.xml"))


def x(node, path):
    return node.xpath(path, namespaces=METS)


def test_mets_is_valid_against_mets_1_12_1(mets, mets_schema):
    assert mets_schema.validate(mets), mets_schema.error_log


def test_every_mods_is_valid_against_mods_3_6(mets, mods_schema):
    records = x(mets, "//mods:mods")
    assert len(records) == 1 + 6  # the issue and six articles (the repeat shares its original's)
    for record in records:
        assert mods_schema.validate(etree.ElementTree(copy.deepcopy(record))), mods_schema.error_log


def test_the_schemas_reject_what_they_should(mets, mets_schema, mods_schema):
    bad = copy.deepcopy(mets)
    x(bad, "//mets:file")[0].set("CHECKSUMTYPE", "SHA512")  # not the METS spelling
    assert not mets_schema.validate(bad)
    bad = copy.deepcopy(mets)
    x(bad, "//mets:structMap")[0].getparent().remove(x(bad, "//mets:structMap")[0])
    x(bad, "//mets:structMap")[0].getparent().remove(x(bad, "//mets:structMap")[0])
    assert not mets_schema.validate(bad)  # METS requires a structMap
    record = copy.deepcopy(x(mets, "//mods:mods")[0])
    x(record, ".//mods:dateIssued")[0].set("qualifier", "guessed")
    assert not mods_schema.validate(etree.ElementTree(record))
    record = copy.deepcopy(x(mets, "//mods:mods")[0])
    etree.SubElement(record, f"{{{METS['mods']}}}headline").text = "no such element"
    assert not mods_schema.validate(etree.ElementTree(record))


def test_every_payload_file_is_in_the_filesec_with_the_manifests_sha512(bag, mets):
    sums = manifest(bag)
    files = x(mets, "//mets:fileSec//mets:file")
    hrefs = [x(f, "mets:FLocat/@xlink:href")[0] for f in files]
    assert sorted(f"data/{h}" for h in hrefs) == sorted(p for p in sums if p != "data/mets.xml")
    for file, href in zip(files, hrefs):
        assert file.get("CHECKSUMTYPE") == "SHA-512"
        assert file.get("CHECKSUM") == sums[f"data/{href}"] == sha512(bag / "data" / href)
        assert int(file.get("SIZE")) == (bag / "data" / href).stat().st_size


def test_physical_map_is_issue_then_page(mets):
    (issue,) = x(mets, "//mets:structMap[@TYPE='PHYSICAL']/mets:div")
    assert issue.get("TYPE") == "issue" and issue.get("DMDID") == "DMD_ISSUE"
    pages = x(issue, "mets:div")
    assert [p.get("TYPE") for p in pages] == ["page"] and pages[0].get("ORDER") == "1"
    page_files = {x(mets, f"//mets:file[@ID='{f}']/mets:FLocat/@xlink:href")[0]
                  for f in x(pages[0], "mets:fptr/@FILEID")}
    articles = {f for f in page_files if f.startswith(f"html/{SEED_NAME}/")}
    assert len(articles) == 6                 # each article's own page, with the page
    assert page_files - articles == {f"source/{SEED_NAME}.txt", f"source/{SEED_NAME}.toml",
                                     f"tei/{SEED_NAME}.xml", f"html/{SEED_NAME}.html",
                                     f"pdf/{SEED_NAME}.pdf"}
    assert len(x(issue, "mets:fptr")) == 2  # the site's CSS and JS serve the whole issue


def test_logical_map_points_into_the_tei_by_xml_id(mets, edition):
    tei = etree.parse(str(edition.tei))
    article_ids = tei.xpath("//t:body//t:div[@type='article']/@xml:id", namespaces={"t": TEI_NS})
    (issue,) = x(mets, "//mets:structMap[@TYPE='LOGICAL']/mets:div")
    articles = x(issue, "mets:div[@TYPE='article']")
    areas = [x(a, "mets:fptr/mets:area")[0] for a in articles]
    assert [a.get("BEGIN") for a in areas] == article_ids == ["a01", "a02", "a03", "a04", "a05", "a06", "a07"]
    tei_file_id = x(mets, f"//mets:file[mets:FLocat/@xlink:href='tei/{SEED_NAME}.xml']/@ID")[0]
    assert {a.get("FILEID") for a in areas} == {tei_file_id} and {a.get("BETYPE") for a in areas} == {"IDREF"}
    # Each article's MODS comes from the biblStruct its div declares; the repeat shares it.
    decls = tei.xpath("//t:body//t:div[@type='article']/@decls", namespaces={"t": TEI_NS})
    assert [a.get("DMDID") for a in articles] == [f"DMD_P1_{d.lstrip('#')}" for d in decls]
    for article in articles:
        assert x(mets, f"//mets:dmdSec[@ID='{article.get('DMDID')}']")


def test_issue_mods_carries_the_tei_header(mets):
    (mods,) = x(mets, "//mets:dmdSec[@ID='DMD_ISSUE']//mods:mods")
    assert x(mods, "mods:titleInfo/mods:title/text()") == ["四平日报 2022年8月26日"]
    assert x(mods, "mods:relatedItem[@type='host']/mods:titleInfo[not(@type)]/mods:title/text()") == ["四平日报"]
    assert x(mods, "mods:relatedItem[@type='host']/mods:titleInfo[@type='translated']/mods:title/text()") == ["Siping Daily"]
    (date,) = x(mods, "mods:originInfo/mods:dateIssued")
    assert (date.text, date.get("encoding"), date.get("qualifier")) == ("2022-08-26", "w3cdtf", "inferred")
    assert x(mods, "mods:originInfo/mods:publisher/text()") == ["四平日报社"]
    assert x(mods, "mods:originInfo/mods:place/mods:placeTerm/text()") == ["四平（吉林省）"]
    assert x(mods, "mods:language/mods:languageTerm[@authority='rfc5646']/text()") == ["zh-Hans"]
    assert x(mods, "mods:language/mods:scriptTerm[@authority='iso15924']/text()") == ["Hans"]
    assert x(mods, "mods:name/mods:namePart/text()") == ["郭洪涛", "程源", "王国成"]
    assert x(mods, "mods:identifier[@type='local']/text()") == [f"urn:test:{SEED_NAME}"]
    assert x(mods, "mods:accessCondition/@xlink:href") == ["https://creativecommons.org/licenses/by/4.0/"]
    assert x(mods, "mods:accessCondition/@lang") == ["eng"]      # the statement is English
    assert x(mods, "mods:recordInfo/mods:recordContentSource/text()") == ["Test Library of Newspapers"]


def test_article_mods_carries_titles_authors_and_language(mets, edition):
    tei = etree.parse(str(edition.tei))
    ns = {"t": TEI_NS}
    for bibl in tei.xpath("//t:listBibl/t:biblStruct", namespaces=ns):
        bibl_id = bibl.get(f"{{{XML_NS}}}id")
        (mods,) = x(mets, f"//mets:dmdSec[@ID='DMD_P1_{bibl_id}']//mods:mods")
        assert x(mods, "mods:titleInfo/mods:title/text()") == bibl.xpath(
            "t:analytic/t:title[@type='main']/text()", namespaces=ns)
        assert x(mods, "mods:titleInfo/mods:subTitle/text()") == bibl.xpath(
            "t:analytic/t:title[@type='sub']/text()", namespaces=ns)
        assert x(mods, "mods:name/mods:namePart/text()") == [
            "".join(a.itertext()) for a in bibl.xpath("t:analytic/t:author", namespaces=ns)]
        assert x(mods, "mods:name/mods:role/mods:roleTerm[@type='code']/text()") == [
            "aut"] * len(x(mods, "mods:name"))
        assert x(mods, "mods:language/mods:languageTerm/text()") == ["zh-Hans"]
        assert x(mods, "mods:relatedItem[@type='host']/mods:originInfo/mods:dateIssued/text()") == ["2022-08-26"]
    authors = x(mets, "//mets:dmdSec[@ID='DMD_P1_bibl-a04']//mods:namePart/text()")
    assert authors == ["崔圣驰", "刘万平"]


def test_mets_header_is_reproducible(mets):
    (header,) = x(mets, "/mets:mets/mets:metsHdr")
    assert header.get("CREATEDATE") == "2026-11-27T00:00:00Z"  # the TEI's revision date
    assert x(header, "mets:agent/mets:name/text()") == ["Test Library of Newspapers", "tei-edition 0.1.0"]
    assert x(mets, "/mets:mets/@OBJID") == [f"urn:test:{SEED_NAME}"]


def test_a_two_page_issue_is_valid_too(edition, tmp_path, mets_schema, mods_schema):
    second = tmp_path / "p2" / f"{SEED_NAME}-p2.xml"
    second.parent.mkdir()
    second.write_bytes(edition.tei.read_bytes())
    report = package_issue("two-pages", [edition.page(), PageFiles(tei=second)], tmp_path / "bags")
    doc = etree.parse(str(report.path / "data" / "mets.xml"))
    assert mets_schema.validate(doc), mets_schema.error_log
    for record in x(doc, "//mods:mods"):
        assert mods_schema.validate(etree.ElementTree(copy.deepcopy(record))), mods_schema.error_log
    pages = x(doc, "//mets:structMap[@TYPE='PHYSICAL']/mets:div/mets:div")
    assert [p.get("ORDER") for p in pages] == ["1", "2"]
    assert len(x(doc, "//mets:structMap[@TYPE='LOGICAL']//mets:div[@TYPE='article']")) == 14


def test_a_tei_without_header_facts_still_gives_valid_mods(edition, tmp_path, mets_schema, mods_schema):
    """An unknown date and no newspaper biblStruct: MODS says less, but stays valid."""
    tei = etree.parse(str(edition.tei))
    ns = {"t": TEI_NS}
    date = tei.xpath("//t:imprint/t:date", namespaces=ns)[0]
    for name in ("when", "cert", "evidence"):
        date.attrib.pop(name, None)
    date.text = "日期不详"
    for el in tei.xpath("//t:listBibl", namespaces=ns):
        el.getparent().remove(el)
    path = tmp_path / "in" / "undated.xml"
    path.parent.mkdir()
    tei.write(str(path), xml_declaration=True, encoding="UTF-8")
    from tei_edition.deposit.mets import build_mets
    from tei_edition.deposit.teimeta import read_page_meta
    from datetime import datetime, timezone

    meta = read_page_meta(path)
    assert meta.date_when is None and all(a.bibl_id is None for a in meta.articles)
    doc = etree.fromstring(build_mets(object_id="x", issue_id="x", organization="o",
                                      created=datetime(2026, 1, 1, tzinfo=timezone.utc),
                                      pages=[meta], files=[]))
    for record in x(doc, "//mods:mods"):
        assert mods_schema.validate(etree.ElementTree(copy.deepcopy(record))), mods_schema.error_log
    assert x(doc, "//mods:dateIssued/@qualifier") == ["questionable"]


def test_issue_and_page_numbers_from_the_sidecar_reach_mods_and_the_maps(edition, tmp_path, mets_schema,
                                                                        mods_schema):
    from tei_edition.encoder import encode_path

    sources = tmp_path / "seeds"
    sources.mkdir()
    shutil.copyfile(edition.sources / f"{SEED_NAME}.txt", sources / f"{SEED_NAME}.txt")
    sidecar = (edition.sources / f"{SEED_NAME}.toml").read_text(encoding="utf-8")
    (sources / f"{SEED_NAME}.toml").write_text(
        sidecar.replace('date_certainty = "inferred"', 'date_certainty = "inferred"\nnumber = "8123"\npage = "3"', 1),
        encoding="utf-8")
    tei = tmp_path / "tei" / f"{SEED_NAME}.xml"
    tei.parent.mkdir()
    tei.write_bytes(encode_path(sources / f"{SEED_NAME}.txt", None, when="2026-11-27").xml_bytes)
    report = package_issue(SEED_NAME, [PageFiles(tei=tei)], tmp_path / "bags")
    doc = etree.parse(str(report.path / "data" / "mets.xml"))
    assert mets_schema.validate(doc), mets_schema.error_log
    (page,) = x(doc, "//mets:structMap[@TYPE='PHYSICAL']/mets:div/mets:div")
    assert (page.get("ORDERLABEL"), page.get("LABEL")) == ("3", "第3版")
    (issue,) = x(doc, "//mets:dmdSec[@ID='DMD_ISSUE']//mods:mods")
    assert x(issue, "mods:titleInfo/mods:title/text()") == ["四平日报 2022年8月26日 第8123期"]
    assert x(issue, "mods:part/mods:detail[@type='issue']/mods:number/text()") == ["8123"]
    assert x(issue, "mods:part/mods:detail[@type='page']/mods:number/text()") == ["3"]
    article = x(doc, "//mets:dmdSec[@ID='DMD_P1_bibl-a02']//mods:mods")[0]
    assert x(article, "mods:relatedItem/mods:part/mods:detail[@type='page']/mods:number/text()") == ["3"]
    for record in x(doc, "//mods:mods"):
        assert mods_schema.validate(etree.ElementTree(copy.deepcopy(record))), mods_schema.error_log


def test_file_names_become_uri_references(edition, tmp_path, mets_schema):
    from tei_edition.deposit import verify

    odd = tmp_path / "in" / "page 1#b%.xml"
    odd.parent.mkdir()
    odd.write_bytes(edition.tei.read_bytes())
    report = package_issue("odd-names", [PageFiles(tei=odd)], tmp_path / "bags")
    doc = etree.parse(str(report.path / "data" / "mets.xml"))
    assert x(doc, "//mets:FLocat/@xlink:href") == ["tei/page%201%23b%25.xml"]
    assert mets_schema.validate(doc), mets_schema.error_log
    assert verify(report.path) == []
