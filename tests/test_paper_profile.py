"""A paper's profile: what is the same on every page of one newspaper (its title, its
sign-off, its byline shape), written once and applied to every page whose sidecar names it.
An editor's first corrections then carry to every later page of the paper."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from tei_edition import encode_path
from tei_edition.cli import main
from tei_edition.errors import SidecarError
from tei_edition.master import read_master

NS = {"t": "http://www.tei-c.org/ns/1.0"}
PAGE_ONE = ("## 港鐵新綫下月通車\n\n港鐵公司昨日宣布，新綫將於下月中旬通車，沿綫居民出行時間可節省二十分鐘。\n\n"
            "（港聞組）\n\n## 政府公布新措施\n\n政府昨日公布一系列措施，協助中小企業渡過難關。\n\n"
            "（港聞組）\n")
PAGE_TWO = ("## 天文台發出寒冷天氣警告\n\n天文台昨晚發出寒冷天氣警告，預料今日市區最低氣溫十度。\n\n"
            "（港聞組）\n")
PROFILE = ('[newspaper]\ntitle = "星島日報"\nlanguage = "zh-Hant"\nplace = "香港"\n\n'
           '[[correction]]\nmatch = \'^（[^（）]{2,4}組）$\'\nrole = "byline"\nnote = "the desk that wrote it signs"\n')


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.fixture
def archive(tmp_path, monkeypatch) -> Path:
    """A paper's folder: its profile, and two pages from two days whose sidecars name it."""
    monkeypatch.chdir(tmp_path)
    paper = tmp_path / "singtao"
    (paper / "2019").mkdir(parents=True)
    (paper / "singtao.toml").write_text(PROFILE, encoding="utf-8")
    for day, text in (("03-02", PAGE_ONE), ("03-03", PAGE_TWO)):
        (paper / "2019" / f"{day}.txt").write_text(text, encoding="utf-8")
        (paper / "2019" / f"{day}.toml").write_text(
            f'profile = "../singtao.toml"\n\n[issue]\ndate = 2019-{day}\n', encoding="utf-8")
    return paper


def bylines(tree) -> list[str]:
    return ["".join(b.itertext()) for b in tree.getroot().iterfind(".//t:body//t:byline", NS)]


def test_the_profile_corrects_every_page_that_names_it(archive):
    for day, count in (("03-02", 2), ("03-03", 1)):
        result = encode_path(archive / "2019" / f"{day}.txt")
        assert bylines(result.tree) == ["（港聞組）"] * count
        changes = [c.text for c in result.tree.getroot().iterfind(".//t:revisionDesc/t:change", NS)]
        assert sum("profile ../singtao.toml line 6" in c and "Reason: the desk that wrote it signs" in c
                   for c in changes) == count


def test_without_the_profile_the_sign_off_is_no_byline(archive):
    """The measure of the test above: the encoder alone reads the sign-off otherwise."""
    (archive / "2019" / "03-03.toml").write_text("[issue]\ndate = 2019-03-03\n", encoding="utf-8")
    assert bylines(encode_path(archive / "2019" / "03-03.txt").tree) == []


def test_the_profiles_values_stand_where_the_page_gives_none(archive):
    page = archive / "2019" / "03-02.toml"
    result = encode_path(page.with_suffix(".txt"))
    assert result.tree.getroot().findtext(".//t:monogr/t:title", namespaces=NS) == "星島日報"
    assert result.meta.language == "zh-Hant"
    assert not any("detected from the text" in notice for notice in result.notices)
    page.write_text('profile = "../singtao.toml"\n[newspaper]\ntitle = "星島晚報"\n'
                    '[issue]\ndate = 2019-03-02\n', encoding="utf-8")
    tree = encode_path(page.with_suffix(".txt")).tree.getroot()
    assert tree.findtext(".//t:monogr/t:title", namespaces=NS) == "星島晚報"       # the page wins
    assert tree.findtext(".//t:monogr//t:pubPlace", namespaces=NS) == "香港"       # the profile's


def test_a_pages_own_correction_wins_over_the_profile(archive):
    page = archive / "2019" / "03-03.toml"
    page.write_text(page.read_text(encoding="utf-8")
                    + '\n[[correction]]\ntext = "（港聞組）"\nrole = "paragraph"\n', encoding="utf-8")
    assert bylines(encode_path(page.with_suffix(".txt")).tree) == []


def test_a_profile_split_applies_to_the_halves_it_made(archive):
    """`split_at` with `match`: the second halves take the role, wherever they stand."""
    (archive / "singtao.toml").write_text(
        PROFILE + '\n[[correction]]\nmatch = \'。記者[^，。]{2,4}$\'\nsplit_at = "記者"\nrole = "byline"\n',
        encoding="utf-8")
    text = archive / "2019" / "03-03.txt"
    text.write_text(PAGE_TWO.replace("十度。", "十度。記者李明"), encoding="utf-8")
    result = encode_path(text)
    assert bylines(result.tree)[0] == "記者李明"


def test_the_tei_records_the_profile_and_a_changed_profile_reencodes_the_page(archive, tmp_path):
    out = tmp_path / "out"
    assert run("build", archive, "-o", out).exit_code == 0
    tei = out / "tei" / "2019" / "03-03.xml"
    recorded = read_master(tei).profile_sha256
    assert recorded is not None and len(recorded) == 64
    result = run("build", archive, "-o", out)
    assert result.exit_code == 0 and re.search(r"^pages\s+0\s+2\s", result.stderr, re.M), result.stderr
    (archive / "singtao.toml").write_text(PROFILE.replace("星島日報\"", "星島日報（香港）\""),
                                          encoding="utf-8")
    result = run("build", archive, "-o", out)
    assert result.exit_code == 0, result.output
    assert re.search(r"^pages\s+2\s+0\s", result.stderr, re.M), result.stderr
    assert "星島日報（香港）" in tei.read_text(encoding="utf-8")
    assert read_master(tei).profile_sha256 != recorded


def test_a_changed_profile_never_replaces_an_edited_tei(archive, tmp_path):
    out = tmp_path / "out"
    assert run("build", archive, "-o", out).exit_code == 0
    tei = out / "tei" / "2019" / "03-03.xml"
    edited = tei.read_bytes().replace("十度".encode(), "九度".encode())
    tei.write_bytes(edited)
    (archive / "singtao.toml").write_text(PROFILE + "\n", encoding="utf-8")
    result = run("build", archive, "-o", out)
    assert result.exit_code == 1
    assert "03-03.xml: was edited by hand" in result.stderr
    assert tei.read_bytes() == edited


def test_encode_refuses_to_write_over_the_profile(archive):
    profile = archive / "singtao.toml"
    before = profile.read_bytes()
    result = run("encode", archive / "2019" / "03-03.txt", "-o", profile)
    assert result.exit_code == 2 and "is an input of this command" in result.stderr
    assert profile.read_bytes() == before


def test_a_profile_shape_absent_from_a_page_is_no_error_but_a_pages_own_is(archive):
    (archive / "singtao.toml").write_text(PROFILE + '\n[[correction]]\ntext = "本報記者"\n'
                                          'role = "byline"\n', encoding="utf-8")
    encode_path(archive / "2019" / "03-03.txt")                 # no block starts so: fine
    page = archive / "2019" / "03-03.toml"
    page.write_text(page.read_text(encoding="utf-8")
                    + '\n[[correction]]\nmatch = "^本報記者"\nrole = "byline"\n', encoding="utf-8")
    with pytest.raises(SidecarError, match="correction match '\\^本報記者' is found in no block"):
        encode_path(page.with_suffix(".txt"))


@pytest.mark.parametrize("sidecar,profile,expected", [
    ('profile = "../../../outside.toml"\n', None, "03-03.toml:1: profile '../../../outside.toml' lies outside"),
    ('profile = "/etc/passwd.toml"\n', None, "03-03.toml:1: profile '/etc/passwd.toml' must be a .toml file named relative"),
    ('profile = "../singtao.txt"\n', None, "must be a .toml file"),
    ('profile = "../nope.toml"\n', None, "03-03.toml:1: profile '../nope.toml' not found"),
    ('profile = 3\n', None, "03-03.toml:1: profile must be a string"),
    ('profile = "../singtao.toml"\n', '[issue]\ndate = 2019-03-03\n',
     "singtao.toml:1: [issue] belongs in each page's sidecar"),
    ('profile = "../singtao.toml"\n', 'profile = "other.toml"\n',
     "singtao.toml:1: a profile cannot name another profile"),
    ('profile = "../singtao.toml"\n', '[[correction]]\nline = 3\nrole = "byline"\n',
     "singtao.toml:2: a profile's correction cannot use 'line'"),
    ('profile = "../singtao.toml"\n', '[[correction]]\nmatch = "(a"\nrole = "byline"\n',
     "singtao.toml:2: correction match is not a valid regular expression"),
    ('profile = "../singtao.toml"\n', '[[correction]]\nmatch = "(x)\\\\1"\nrole = "byline"\n',
     "singtao.toml:2: correction match is not a valid regular expression"),
    ('profile = "../singtao.toml"\n', '[[correction]]\nmatch = ".*"\nrole = "byline"\n',
     "singtao.toml:2: correction match '.*' matches an empty text"),
    ('profile = "../singtao.toml"\n', '[newspaper]\nlanguage = "Chinese"\n',
     "singtao.toml:2: [newspaper] language 'Chinese' is not a BCP 47 tag"),
    ('profile = "../singtao.toml"\n', '[[correction]]\ntext = "x"\nmatch = "x"\nrole = "byline"\n',
     "singtao.toml:1: a [[correction]] needs exactly one of 'line', 'text' or 'match'"),
])
def test_a_bad_profile_gets_one_line_naming_the_file_and_line_and_exit_2(
        archive, tmp_path, sidecar, profile, expected):
    (tmp_path / "outside.toml").write_text("[newspaper]\ntitle = \"x\"\n", encoding="utf-8")
    (archive / "2019" / "03-03.toml").write_text(sidecar, encoding="utf-8")
    if profile is not None:
        (archive / "singtao.toml").write_text(profile, encoding="utf-8")
    out = tmp_path / "out.xml"
    result = run("encode", archive / "2019" / "03-03.txt", "-o", out)
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and expected in lines[0], lines
    assert "Traceback" not in result.output and not out.exists()


def test_a_build_reads_no_profile_outside_its_sources(archive, tmp_path):
    """The sources are the root, not the folder the build was started in."""
    (tmp_path / "outside.toml").write_text("[newspaper]\ntitle = \"外\"\n", encoding="utf-8")
    (archive / "2019" / "03-03.toml").write_text('profile = "../../outside.toml"\n', encoding="utf-8")
    out = tmp_path / "out"
    result = run("build", archive, "-o", out)
    assert result.exit_code == 1
    assert "profile '../../outside.toml' lies outside" in result.stderr
    assert not (out / "tei" / "2019" / "03-03.xml").exists()
    assert (out / "tei" / "2019" / "03-02.xml").exists()        # the other page was built


def test_the_review_report_is_not_written_over_the_profile(archive):
    profile = archive / "singtao.toml"
    before = profile.read_bytes()
    result = run("encode", archive / "2019" / "03-03.txt", "--report", profile)
    assert result.exit_code == 2, result.output
    assert profile.read_bytes() == before


def test_the_profiled_tei_is_valid_against_tei_all(archive, tei_all):
    tree = encode_path(archive / "2019" / "03-02.txt").tree
    assert tei_all.validate(tree), tei_all.error_log
    assert etree.tostring(tree).count(b"profile-sha256") == 1


def test_a_profile_split_leaves_the_blocks_without_its_text_alone(archive):
    """A page's own split_at that cannot split is an error; a paper's is a shape that this
    block (here the headline, which also starts with 天文台) does not have."""
    (archive / "singtao.toml").write_text(
        PROFILE + '\n[[correction]]\ntext = "天文台"\nsplit_at = "預料"\njoin = false\n',
        encoding="utf-8")
    tree = encode_path(archive / "2019" / "03-03.txt").tree
    paragraphs = ["".join(p.itertext()) for p in tree.getroot().iterfind(".//t:body//t:p", NS)]
    assert paragraphs[:2] == ["天文台昨晚發出寒冷天氣警告，", "預料今日市區最低氣溫十度。"]


def test_the_documented_profile_is_a_working_profile(archive):
    """docs/encoding.md's example profile loads and corrects the sign-off it describes."""
    doc = (Path(__file__).resolve().parent.parent / "docs" / "encoding.md").read_text(encoding="utf-8")
    example = re.search(r"## A paper's profile.*?```toml\n(.*?)```", doc, re.S).group(1)
    (archive / "singtao.toml").write_text(example, encoding="utf-8")
    result = encode_path(archive / "2019" / "03-02.txt")
    assert bylines(result.tree) == ["（港聞組）"] * 2
    assert result.meta.place == "香港" and len(result.meta.corrections) == 2


def test_the_issues_bag_holds_the_profile_its_tei_was_made_from(archive, tmp_path):
    """The profile is an input of the TEI (its SHA-256 is recorded there): the bag that
    deposits the TEI keeps it beside the page texts and sidecars, in its fixity manifest."""
    out = tmp_path / "out"
    result = run("build", archive, "-o", out)
    assert result.exit_code == 0, result.output
    bags = [bag for bag in (out / "bags").iterdir() if (bag / "bagit.txt").is_file()]
    assert len(bags) == 2                                     # one issue per day
    for bag in bags:
        kept = bag / "data" / "source" / "profile" / "singtao.toml"
        assert kept.read_bytes() == (archive / "singtao.toml").read_bytes()
        manifest = (bag / "manifest-sha256.txt").read_text(encoding="utf-8")
        assert "data/source/profile/singtao.toml" in manifest
        assert "FILE_P1_PROFILE" in (bag / "data" / "mets.xml").read_text(encoding="utf-8")


def test_a_profile_linked_from_outside_the_sources_is_refused(archive, tmp_path):
    """A symbolic link inside the sources to a file outside them is outside them."""
    (tmp_path / "secret.toml").write_text("[newspaper]\ntitle = \"外\"\n", encoding="utf-8")
    (archive / "linked.toml").symlink_to(tmp_path / "secret.toml")
    (archive / "2019" / "03-03.toml").write_text('profile = "../linked.toml"\n', encoding="utf-8")
    with pytest.raises(SidecarError, match="lies outside"):
        encode_path(archive / "2019" / "03-03.txt", root=archive)


def test_profile_lists_what_each_correction_finds_and_writes_nothing(archive):
    (archive / "singtao.toml").write_text(PROFILE + '\n[[correction]]\ntext = "本報記者"\n'
                                          'role = "byline"\n', encoding="utf-8")
    before = sorted(p for p in archive.rglob("*"))
    result = run("profile", archive / "singtao.toml")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].endswith("singtao.toml: 2 corrections over 2 pages")
    assert "singtao.toml:6: match '^（[^（）]{2,4}組）$' (role byline): 3 blocks on 2 of 2 pages" in lines[1]
    assert lines[2].endswith("03-02.txt:5: （港聞組）") and lines[3].endswith("03-02.txt:11: （港聞組）")
    assert lines[5].endswith("singtao.toml:11: text '本報記者' (role byline): finds nothing on these pages")
    assert sorted(p for p in archive.rglob("*")) == before


def test_profile_with_a_bad_pattern_is_one_line_naming_the_profiles_line(archive):
    (archive / "singtao.toml").write_text('[[correction]]\nmatch = "(a"\nrole = "byline"\n',
                                          encoding="utf-8")
    result = run("profile", archive / "singtao.toml", archive / "2019")
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [result.stderr.strip()]
    assert "singtao.toml:2: correction match is not a valid regular expression" in result.stderr
