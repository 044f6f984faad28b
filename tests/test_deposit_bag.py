"""`package`: one BagIt 1.0 bag per issue, valid by bagit's full validation and the shipped
profile, reproducible, atomic, and never touching its inputs."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import bagit
import bagit_profile
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from test_deposit_support import (SEED_NAME, config, edition, manifest, snapshot,  # noqa: E402,F401
                                  tree_bytes)

from tei_edition.deposit import (DepositConfig, DepositInputError, PageFiles, load_config,  # noqa: E402
                                 package_issue, profile_identifier)
from tei_edition.deposit.bag import load_profile  # noqa: E402
from tei_edition.errors import ValidationError  # noqa: E402


@pytest.fixture(scope="module")
def seed_bag(edition, tmp_path_factory):
    cfg = DepositConfig(source_organization="Test Library of Newspapers", contact_name="A. Curator",
                        contact_email="curator@example.org", identifier_prefix="urn:test:",
                        group_identifier="{prefix}{newspaper_en}")
    out = tmp_path_factory.mktemp("bags")
    report = package_issue(SEED_NAME, [edition.page()], out, config=cfg)
    return report


def test_bag_passes_bagit_full_validation_and_the_profile(seed_bag):
    bag = bagit.Bag(str(seed_bag.path))
    assert bag.validate(processes=1, fast=False)
    profile = bagit_profile.Profile(profile_identifier(), profile=load_profile())
    assert profile.validate_serialization(str(seed_bag.path))
    assert profile.validate(bag), profile.report
    assert sorted(bag.algorithms) == ["sha256", "sha512"]


def test_bag_declares_bagit_1_0(seed_bag):
    assert (seed_bag.path / "bagit.txt").read_bytes() == (
        b"BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n")
    assert bagit.Bag(str(seed_bag.path)).version_info == (1, 0)


def test_payload_holds_the_inputs_byte_for_byte(seed_bag, edition):
    data = seed_bag.path / "data"
    page = edition.page()
    # The page's articles, each on its own page in the site (their permalinks), go with it.
    articles = [f"html/{SEED_NAME}/{f.name}" for f in sorted((page.html.parent / SEED_NAME).glob("*.html"))]
    assert len(articles) == 6                 # seven articles, one of them a repeat
    assert sorted(tree_bytes(data)) == sorted([
        "mets.xml", f"source/{SEED_NAME}.txt", f"source/{SEED_NAME}.toml", f"tei/{SEED_NAME}.xml",
        f"html/{SEED_NAME}.html", "html/assets/edition.css", "html/assets/edition.js",
        f"pdf/{SEED_NAME}.pdf", *articles])
    for rel in articles:
        assert (data / rel).read_bytes() == (page.html.parent / rel.removeprefix("html/")).read_bytes()
    for rel, original in [(f"source/{SEED_NAME}.txt", page.source), (f"source/{SEED_NAME}.toml", page.sidecar),
                          (f"tei/{SEED_NAME}.xml", page.tei), (f"html/{SEED_NAME}.html", page.html),
                          (f"pdf/{SEED_NAME}.pdf", page.pdf)]:
        assert (data / rel).read_bytes() == Path(original).read_bytes(), rel
    assert seed_bag.files == 8 + len(articles) and seed_bag.bytes == sum(len(b) for b in tree_bytes(data).values())


def test_bag_info_comes_from_the_configuration_and_the_tei(seed_bag):
    info = bagit.Bag(str(seed_bag.path)).info
    assert info["Source-Organization"] == "Test Library of Newspapers"
    assert info["Contact-Name"] == "A. Curator" and info["Contact-Email"] == "curator@example.org"
    assert info["External-Identifier"] == f"urn:test:{SEED_NAME}"
    assert info["Internal-Sender-Identifier"] == SEED_NAME
    assert info["Bag-Group-Identifier"] == "urn:test:Siping Daily"
    assert info["BagIt-Profile-Identifier"] == profile_identifier()
    assert info["External-Description"].startswith("四平日报 2022年8月26日: 1 page(s), 6 article(s)")
    # The TEI's latest revisionDesc change (the encoder ran with when=2026-11-27).
    assert info["Bagging-Date"] == "2026-11-27"
    assert info["Bag-Software-Agent"].startswith("tei-edition ")


def test_without_a_configuration_the_tei_publisher_is_the_source_organization(edition, tmp_path,
                                                                              monkeypatch):
    monkeypatch.chdir(tmp_path)  # no ./tei-edition.toml here
    assert load_config() == DepositConfig()
    report = package_issue(SEED_NAME, [edition.page()], tmp_path / "bags")
    info = bagit.Bag(str(report.path)).info
    assert info["Source-Organization"] == "tei-edition project"
    assert info["External-Identifier"] == SEED_NAME
    assert info["Bag-Group-Identifier"] == "四平日报"


def test_tag_manifests_are_sorted_by_path(seed_bag):
    for algorithm in ("sha256", "sha512"):
        paths = list(manifest(seed_bag.path, algorithm, tag=True))
        assert paths == sorted(paths) and "bagit.txt" in paths and "bag-info.txt" in paths


def test_same_inputs_give_a_byte_identical_bag(edition, config, tmp_path, monkeypatch):
    first = package_issue(SEED_NAME, [edition.page()], tmp_path / "one", config=config)
    second = package_issue(SEED_NAME, [edition.page()], tmp_path / "two", config=config)
    assert tree_bytes(first.path) == tree_bytes(second.path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    third = package_issue(SEED_NAME, [edition.page()], tmp_path / "three", config=config)
    assert bagit.Bag(str(third.path)).info["Bagging-Date"] == "2023-11-14"
    assert tree_bytes(third.path) != tree_bytes(first.path)


def test_inputs_are_never_touched(edition, config, tmp_path):
    page = edition.page()
    inputs = [page.tei, page.source, page.sidecar, page.html, page.pdf,
              *sorted((edition.out / "html" / "assets").iterdir())]
    before = snapshot(inputs)
    listing = sorted(p.name for p in edition.sources.iterdir())
    package_issue(SEED_NAME, [page], tmp_path / "bags", config=config)
    assert snapshot(inputs) == before
    assert sorted(p.name for p in edition.sources.iterdir()) == listing


def test_a_page_without_sidecar_packages_without_it(edition, config, tmp_path):
    page = edition.page()
    report = package_issue(SEED_NAME, [PageFiles(tei=page.tei, source=page.source, html=page.html,
                                                 pdf=page.pdf)], tmp_path / "bags", config=config)
    assert not (report.path / "data" / "source" / f"{SEED_NAME}.toml").exists()
    assert bagit.Bag(str(report.path)).is_valid()


def test_media_of_a_page_go_into_the_bag(edition, config, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(edition.out / "html", site)
    media = site / "media" / SEED_NAME / "img"
    media.mkdir(parents=True)
    (media / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n not really a picture")
    page = edition.page()
    report = package_issue(SEED_NAME, [PageFiles(tei=page.tei, html=site / f"{SEED_NAME}.html")],
                           tmp_path / "bags", config=config, site_dir=site)
    assert (report.path / "data" / "html" / "media" / SEED_NAME / "img" / "photo.png").is_file()
    mets = (report.path / "data" / "mets.xml").read_text(encoding="utf-8")
    assert f'xlink:href="html/media/{SEED_NAME}/img/photo.png"' in mets and 'MIMETYPE="image/png"' in mets


def test_a_rebuild_replaces_the_previous_bag(edition, config, tmp_path):
    package_issue(SEED_NAME, [edition.page()], tmp_path, config=config)
    report = package_issue(SEED_NAME, [edition.page()], tmp_path, config=config)
    assert report.replaced and bagit.Bag(str(report.path)).is_valid()
    assert sorted(p.name for p in tmp_path.iterdir()) == [SEED_NAME]  # no staging left behind


def test_a_folder_that_is_not_our_bag_is_never_replaced(edition, config, tmp_path):
    mine = tmp_path / SEED_NAME
    mine.mkdir()
    (mine / "notes.txt").write_text("an editor's notes")
    with pytest.raises(DepositInputError, match="not a bag made by tei-edition"):
        package_issue(SEED_NAME, [edition.page()], tmp_path, config=config)
    assert (mine / "notes.txt").read_text() == "an editor's notes"
    assert sorted(p.name for p in tmp_path.iterdir()) == [SEED_NAME]


def test_a_failure_midway_leaves_no_bag_and_keeps_the_old_one(edition, config, tmp_path, monkeypatch):
    first = package_issue(SEED_NAME, [edition.page()], tmp_path, config=config)
    before = tree_bytes(first.path)

    def broken(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(bagit, "make_bag", broken)
    with pytest.raises(OSError):
        package_issue(SEED_NAME, [edition.page()], tmp_path, config=config)
    assert tree_bytes(first.path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [SEED_NAME]
    with pytest.raises(OSError):
        package_issue(SEED_NAME, [edition.page()], tmp_path / "fresh", config=config)
    assert list((tmp_path / "fresh").iterdir()) == []


def test_an_invalid_tei_is_not_packaged(edition, config, tmp_path):
    bad = tmp_path / "in" / f"{SEED_NAME}.xml"
    bad.parent.mkdir()
    bad.write_bytes(edition.tei.read_bytes().replace(b"<teiHeader>", b"<teiHeader><bogus/>", 1))
    page = edition.page(tei=bad)
    with pytest.raises(ValidationError) as info:
        package_issue(SEED_NAME, [page], tmp_path / "bags", config=config)
    assert info.value.exit_code == 1
    assert not (tmp_path / "bags" / SEED_NAME).exists()


@pytest.mark.parametrize("issue_id", ["", ".hidden", "-x", "a/b", "..", "名字", "a b"])
def test_an_issue_id_must_be_a_plain_folder_name(edition, config, tmp_path, issue_id):
    with pytest.raises(DepositInputError, match="not usable as a folder name"):
        package_issue(issue_id, [edition.page()], tmp_path, config=config)


def test_two_pages_of_one_issue_make_one_bag(edition, config, tmp_path):
    second = tmp_path / "p2" / f"{SEED_NAME}-p2.xml"
    second.parent.mkdir()
    second.write_bytes(edition.tei.read_bytes())
    pages = [edition.page(), PageFiles(tei=second)]
    report = package_issue("siping-daily-2022-08-26-issue", pages, tmp_path / "bags", config=config)
    assert (report.path / "data" / "tei" / f"{SEED_NAME}-p2.xml").is_file()
    assert bagit.Bag(str(report.path)).info["External-Description"].startswith(
        "四平日报 2022年8月26日: 2 page(s), 12 article(s)")


def test_two_inputs_with_one_name_are_refused(edition, config, tmp_path):
    other = tmp_path / "other" / f"{SEED_NAME}.xml"
    other.parent.mkdir()
    other.write_bytes(edition.tei.read_bytes())
    with pytest.raises(DepositInputError, match="would both be tei/"):
        package_issue(SEED_NAME, [edition.page(), PageFiles(tei=other)], tmp_path / "bags",
                      config=config)


def test_output_inside_an_input_folder_is_refused(edition, config):
    for inside in (edition.out / "tei" / "bags", edition.sources / "bags", edition.out / "html"):
        with pytest.raises(DepositInputError, match="inside the input folder"):
            package_issue(SEED_NAME, [edition.page()], inside, config=config)
    assert not (edition.out / "tei" / "bags").exists() and not (edition.sources / "bags").exists()


def test_output_that_is_a_file_is_refused(edition, config, tmp_path):
    target = tmp_path / "bags"
    target.write_text("a file")
    with pytest.raises(DepositInputError, match="is a file"):
        package_issue(SEED_NAME, [edition.page()], target, config=config)
    assert target.read_text() == "a file"


def test_a_missing_input_is_named(edition, config, tmp_path):
    page = edition.page()
    missing = PageFiles(tei=page.tei, source=tmp_path / "nope.txt", html=page.html, pdf=page.pdf)
    with pytest.raises(DepositInputError) as info:
        package_issue(SEED_NAME, [missing], tmp_path / "bags", config=config)
    assert str(info.value) == f"{tmp_path / 'nope.txt'}: no such source text"
    assert not (tmp_path / "bags").exists()


def test_bag_folders_are_readable_by_others(seed_bag):
    umask = os.umask(0)
    os.umask(umask)
    for folder in [seed_bag.path, *[p for p in seed_bag.path.rglob("*") if p.is_dir()]]:
        assert folder.stat().st_mode & 0o777 == 0o777 & ~umask, folder


def test_the_shipped_configuration_loads():
    config = load_config(Path(__file__).resolve().parent.parent / "tei-edition.toml")
    assert config.source_organization and config.identifier_prefix == "urn:tei-edition:"
    assert config.group_for(newspaper="四平日报", newspaper_en="Siping Daily", year="2022",
                            issue="x") == "urn:tei-edition:Siping Daily"


@pytest.mark.parametrize("text,message", [
    ('[deposit]\ncontact_email = "nobody"\n', "tei-edition.toml:2: [deposit] contact_email 'nobody' is not an e-mail"),
    ('[deposit]\ngroup_identifier = "{paper}"\n', "tei-edition.toml:2: [deposit] group_identifier uses unknown placeholder {paper}"),
    ('[deposit]\nsource_organization = 3\n', "tei-edition.toml:2: [deposit] source_organization must be a string"),
    ('deposit = 1\n', "tei-edition.toml:1: 'deposit' must be a table"),
    ('[deposit\n', "tei-edition.toml:1:9: not valid TOML"),
])
def test_configuration_errors_name_the_line(tmp_path, text, message):
    from tei_edition.deposit import ConfigError

    path = tmp_path / "tei-edition.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_config(path)
    assert str(info.value).startswith(f"{tmp_path}/{message}"), str(info.value)
