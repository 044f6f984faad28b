"""The PDF in its three profiles, checked with real tools: pikepdf, pdffonts, pdftotext.

veraPDF cannot be installed here, so the archive profile's PDF/A-3b and PDF/UA-1 rules
are checked structurally. Each profile is rendered once per session per source.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

import pikepdf
import pytest
from lxml import etree

from test_pdf_support import (CLOSING, LOOKALIKE_RANGES, NS, OPENING, PDFA_PAIRS, body_text,
                              layout_lines, metadata_disagreements, pdftotext, printed_paragraphs,
                              require_tool, squash, xmp_properties)
from tei_edition.errors import InputError, RenderError

MM = 72 / 25.4
A3 = (297 * MM, 420 * MM)
A4 = (210 * MM, 297 * MM)


# ---------------------------------------------------------------------------------------
# Sources and renders


def _encoder_ready() -> bool:
    try:
        from tei_edition.encoder import encode_path  # noqa: F401
    except ImportError:
        return False
    return True


@pytest.fixture(scope="session", params=["sample", "seed"])
def source(request, sample_tei_path) -> Path:
    if request.param == "sample":
        return sample_tei_path
    if not _encoder_ready():
        pytest.skip("the encoder (tei_edition.encoder.encode_path) does not exist yet")
    return request.getfixturevalue("seed_tei_path")


@pytest.fixture(scope="session")
def renders(source, tmp_path_factory):
    """{profile: (pdf path, report)} for the source, each profile rendered once."""
    from tei_edition.pdf import render_pdf

    out_dir = tmp_path_factory.mktemp("pdf")
    done = {}
    for profile in ("archive", "print", "screen"):
        out = out_dir / f"{source.stem}-{profile}.pdf"
        done[profile] = (out, render_pdf(source, out, profile=profile))
    return done


@pytest.fixture(scope="session")
def archive(renders):
    return renders["archive"][0]


@pytest.fixture(params=["archive", "print", "screen"])
def any_profile(request, renders):
    return renders[request.param][0]


@pytest.fixture
def profile_text(any_profile):
    return body_text(any_profile, any_profile.stem.rsplit("-", 1)[1])


# ---------------------------------------------------------------------------------------
# Archive: PDF/A-3b + PDF/UA-1


def test_xmp_identifies_pdfa3b_and_pdfua1(archive):
    with pikepdf.open(archive) as pdf:
        meta = pdf.open_metadata()
        assert meta["pdfaid:part"] == "3"
        assert meta["pdfaid:conformance"] == "B"
        assert meta["pdfuaid:part"] == "1"
        xmp = bytes(pdf.Root.Metadata.read_bytes())
    # PDF/A-3 knows no pdfuaid schema: it must be declared as an extension schema.
    tree = etree.fromstring(xmp[xmp.index(b"<x:xmpmeta"):xmp.rindex(b"</x:xmpmeta>") + 12])
    uris = tree.xpath("//*[local-name()='namespaceURI']/text()")
    assert "http://www.aiim.org/pdfua/ns/id/" in uris


def test_output_intent_is_srgb_for_pdfa(archive):
    with pikepdf.open(archive) as pdf:
        intents = pdf.Root.OutputIntents
        assert len(intents) == 1
        intent = intents[0]
        assert intent.S == "/GTS_PDFA1"
        assert int(intent.DestOutputProfile.N) == 3
        assert str(intent.OutputConditionIdentifier)
        assert len(intent.DestOutputProfile.read_bytes()) > 1000


def _fonts(pdf):
    seen = {}
    for page in pdf.pages:
        for name, font in page.Resources.get("/Font", {}).items():
            seen[str(font.BaseFont)] = font
    return seen


def test_every_font_embedded_pikepdf(any_profile):
    with pikepdf.open(any_profile) as pdf:
        fonts = _fonts(pdf)
        assert fonts
        for name, font in fonts.items():
            descendant = font.DescendantFonts[0] if "/DescendantFonts" in font else font
            descriptor = descendant.FontDescriptor
            assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")), name
            assert "/ToUnicode" in font, name
            # Only the two Noto CJK SC faces: no fallback face slipped in.
            assert "Noto-Serif-CJK-SC" in name or "Noto-Sans-CJK-SC" in name, name


def test_every_font_embedded_pdffonts(any_profile):
    out = subprocess.run([require_tool("pdffonts"), str(any_profile)], capture_output=True,
                         text=True, check=True, timeout=30).stdout.splitlines()
    rows = out[2:]
    assert rows
    for row in rows:
        # columns: name type encoding emb sub uni object ID; type has spaces, so split right
        emb, sub, uni = row.split()[-5:-2]
        assert (emb, uni) == ("yes", "yes"), row


def test_tei_embedded_byte_identical_as_source(archive, source):
    with pikepdf.open(archive) as pdf:
        files = pdf.attachments
        assert list(files) == [source.name]
        spec = files[source.name]
        assert spec.get_file().read_bytes() == source.read_bytes()
        filespec = spec.obj
        assert filespec.AFRelationship == "/Source"
        assert filespec.EF.F.Subtype in ("/text#2fxml", "/application#2fxml", "/text/xml",
                                         "/application/xml")
        assert "/ModDate" in filespec.EF.F.Params
        assert any(af.objgen == filespec.objgen for af in pdf.Root.AF)


def test_document_language_and_metadata_from_header(archive, source):
    tree = etree.parse(str(source))
    title = " ".join(tree.findtext(".//tei:titleStmt/tei:title", namespaces=NS).split())
    when = tree.xpath("string(//tei:sourceDesc/tei:biblStruct/tei:monogr/tei:imprint/tei:date/@when)",
                      namespaces=NS)
    with pikepdf.open(archive) as pdf:
        assert str(pdf.Root.Lang) == "zh-Hans"
        assert bool(pdf.Root.ViewerPreferences.DisplayDocTitle) is True
        meta = pdf.open_metadata()
        assert meta["dc:title"] == title
        assert "zh-Hans" in meta["dc:language"]
        if when:
            assert meta["dc:date"] == [when]
        assert meta["xmp:CreatorTool"].startswith("tei-edition ")
        # PDF/A: the info dictionary says what the XMP says.
        assert str(pdf.docinfo.Title) == title
        assert str(pdf.docinfo.Producer) == meta["pdf:Producer"]
        assert str(pdf.docinfo.Creator) == meta["xmp:CreatorTool"]
        if "/Author" in pdf.docinfo:
            assert meta["dc:creator"] == [str(pdf.docinfo.Author)]
        assert str(pdf.docinfo.Subject) == meta["dc:description"]


def test_info_and_xmp_agree_on_every_pair_pdfa_requires(archive):
    with pikepdf.open(archive) as pdf:
        info = set(map(str, pdf.docinfo.keys()))
        xmp = xmp_properties(bytes(pdf.Root.Metadata.read_bytes()))
    assert {key for key, _prop in PDFA_PAIRS} <= info  # every pair is there to compare
    assert {prop for _key, prop in PDFA_PAIRS} <= set(xmp)
    assert metadata_disagreements(archive) == []


def test_metadata_agreement_check_catches_a_disagreement(archive, tmp_path):
    """The check above can fail: one changed Info value, or a ModDate at another moment,
    is reported; the same moment written in another time zone is not."""
    def changed(name, key, value):
        path = tmp_path / name
        with pikepdf.open(archive) as pdf:
            pdf.docinfo[key] = value
            pdf.save(path)
        return metadata_disagreements(path)

    assert changed("title.pdf", "/Title", "another title") == [
        f"/Title 'another title' != dc:title {xmp_properties_of(archive)['dc:title']!r}"]
    assert [p.split()[0] for p in changed("author.pdf", "/Author", "某人")] == ["/Author"]
    assert [p.split()[0] for p in changed("later.pdf", "/ModDate", "D:20261127000001Z")] == ["/ModDate"]
    assert [p.split()[0] for p in changed("nozone.pdf", "/CreationDate", "D:20261127000000")] == \
        ["/CreationDate"]
    stamp = xmp_properties_of(archive)["xmp:ModifyDate"]
    from datetime import datetime, timedelta, timezone

    east = datetime.fromisoformat(stamp).astimezone(timezone(timedelta(hours=8)))
    assert changed("east.pdf", "/ModDate", east.strftime("D:%Y%m%d%H%M%S+08'00'")) == []


def xmp_properties_of(pdf_path):
    with pikepdf.open(pdf_path) as pdf:
        return xmp_properties(bytes(pdf.Root.Metadata.read_bytes()))


def test_metadata_is_written_once_from_the_tei_header(archive, source):
    """One source: the Info values are the TEI header's, and the XMP stream is the only
    metadata stream (uncompressed, so tools that know no PDF can read it)."""
    tree = etree.parse(str(source))
    with pikepdf.open(archive) as pdf:
        stream = pdf.Root.Metadata
        assert "/Filter" not in stream
        assert b"<x:xmpmeta" in bytes(stream.read_raw_bytes())
        streams = [obj for obj in pdf.objects
                   if isinstance(obj, pikepdf.Stream) and obj.get("/Type") == "/Metadata"]
        assert len(streams) == 1
        when = sorted(tree.xpath("//tei:revisionDesc/tei:change/@when", namespaces=NS))[-1]
        expected = "D:" + when.replace("-", "") + "000000Z"
        if os.environ.get("SOURCE_DATE_EPOCH", "").strip():  # it wins over the TEI's date
            expected = datetime.fromtimestamp(int(os.environ["SOURCE_DATE_EPOCH"]),
                                              timezone.utc).strftime("D:%Y%m%d%H%M%SZ")
        assert str(pdf.docinfo.ModDate) == expected


def test_a_weasyprint_that_bypasses_our_metadata_hook_is_an_error(sample_tei_path, tmp_path,
                                                                monkeypatch):
    """If WeasyPrint stopped building its XMP through DocumentMetadata.generate_rdf_metadata
    (a rename, say), the PDF/UA identification would silently go missing: an error."""
    from weasyprint.pdf.metadata import DocumentMetadata

    from tei_edition.pdf import render_pdf

    def include_in_pdf(self, pdf, variant, version, conformance, compress):
        import pydyf

        rdf = DocumentMetadata.generate_rdf_metadata(self, variant, version, conformance)
        stream = pydyf.Stream([b'<x:xmpmeta xmlns:x="adobe:ns:meta/">' + rdf + b"</x:xmpmeta>"],
                              {"Type": "/Metadata", "Subtype": "/XML"})
        pdf.add_object(stream)
        pdf.catalog["Metadata"] = stream.reference

    monkeypatch.setattr(DocumentMetadata, "include_in_pdf", include_in_pdf)
    with pytest.raises(RenderError, match="generate_rdf_metadata"):
        render_pdf(sample_tei_path, tmp_path / "x.pdf", profile="archive")
    assert not (tmp_path / "x.pdf").exists()


def test_tagged_for_accessibility(renders):
    for profile in ("archive", "screen"):
        with pikepdf.open(renders[profile][0]) as pdf:
            assert "/StructTreeRoot" in pdf.Root, profile
            assert bool(pdf.Root.MarkInfo.Marked) is True, profile


def test_outline_has_one_entry_per_article(archive, source):
    expected = []
    tree = etree.parse(str(source))
    for div in tree.iterfind(".//tei:body//tei:div[@type='article']", NS):
        if div.get("copyOf"):
            continue
        heads = div.findall("tei:head[@type='main']", NS) or div.findall("tei:head", NS)
        expected.append(" ".join("".join(heads[0].itertext()).split()) if heads else None)
    with pikepdf.open(archive) as pdf, pdf.open_outline() as outline:
        titles = [item.title for item in outline.root]
    assert len(titles) == len(expected)
    for got, want in zip(titles, expected):
        if want:
            assert " ".join(got.split()) == want


# ---------------------------------------------------------------------------------------
# Text layer


def test_text_layer_has_articles_in_reading_order(profile_text, source):
    text = squash(profile_text)
    position = 0
    for article, paragraphs in printed_paragraphs(source):
        for para in paragraphs:
            found = text.find(para, position)
            assert found >= 0, f"{article}: paragraph missing or out of order: {para[:30]}…"
            position = found + len(para)


_CJK = "[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef“”‘’]"


def spaced_cjk_lines(pdf: Path, source: Path, profile: str = "archive") -> list[str]:
    """Lines of the printed text with white space between two CJK characters where the
    TEI has none: a justified gap read as a space."""
    tei = " ".join("".join(etree.parse(str(source)).getroot().itertext()).split())
    bad = []
    for line in body_text(pdf, profile).splitlines():
        for match in re.finditer(f"({_CJK})\\s+(?={_CJK})", line):
            pair = match.group(1) + " " + line[match.end()]
            if pair not in tei:
                bad.append(line)
                break
    return bad


def test_text_layer_has_no_spaces_that_justification_made(request, any_profile, source):
    # Each justified CJK run carries /ActualText, so extractors read the characters, not
    # the widened gaps between them.
    bad = spaced_cjk_lines(any_profile, source, request.node.callspec.params["any_profile"])
    assert not bad, f"{len(bad)} lines with spurious spaces, e.g. {bad[:3]}"


def test_text_layer_uses_unified_ideographs_not_radicals(any_profile):
    text = pdftotext(any_profile)
    bad = [c for c in text if any(lo <= ord(c) <= hi for lo, hi in LOOKALIKE_RANGES)]
    assert not bad, f"look-alike radicals in the text layer: {''.join(sorted(set(bad)))}"
    assert "\ufffd" not in text


def test_repeats_printed_once(profile_text, source):
    tree = etree.parse(str(source))
    text = squash(profile_text)
    kept = [squash("".join(p.itertext())) for p in tree.iterfind(".//tei:body//tei:p", NS)
            if not p.get("copyOf") and not p.xpath("ancestor::tei:div[@copyOf]", namespaces=NS)]
    repeats = [squash("".join(p.itertext())) for p in tree.iterfind(".//tei:body//tei:p", NS)
               if p.get("copyOf") or p.xpath("ancestor::tei:div[@copyOf]", namespaces=NS)]
    assert repeats, "the source has no repeats to test"
    for repeat in repeats:
        if len(repeat) < 6:
            continue
        assert text.count(repeat) == sum(p.count(repeat) for p in kept), repeat[:30]


def test_no_line_starts_with_closing_or_ends_with_opening_punctuation(any_profile):
    lines = [line["text"] for line in layout_lines(any_profile) if line["text"]]
    assert lines
    starts = [t for t in lines if t[0] in CLOSING]
    ends = [t for t in lines if t[-1] in OPENING]
    assert not starts, f"lines starting with closing punctuation: {starts[:5]}"
    assert not ends, f"lines ending with opening punctuation: {ends[:5]}"


# ---------------------------------------------------------------------------------------
# Page geometry per profile


def _box(page, name):
    return [float(v) for v in page.obj[name]] if name in page.obj else None


def test_archive_page_is_a3_without_marks(archive):
    with pikepdf.open(archive) as pdf:
        x0, y0, x1, y1 = _box(pdf.pages[0], "/MediaBox")
        assert (x1 - x0, y1 - y0) == pytest.approx(A3, abs=0.5)


def test_screen_is_compact_a4_without_marks(renders):
    with pikepdf.open(renders["screen"][0]) as pdf:
        for page in pdf.pages:
            x0, y0, x1, y1 = _box(page, "/MediaBox")
            assert (x1 - x0, y1 - y0) == pytest.approx(A4, abs=0.5)
            assert _box(page, "/TrimBox") in (None, [x0, y0, x1, y1])
            assert not [s for s in _segments(page) if min(s[0][0], s[1][0]) < x0]


def _segments(page):
    """Straight line segments (m ... l) in the page's content, in default user space.

    Follows q/Q/cm so that WeasyPrint's own drawing (in CSS pixels under a flipped
    matrix) lands where the page shows it.
    """
    def multiply(a, b):
        return (a[0] * b[0] + a[1] * b[2], a[0] * b[1] + a[1] * b[3],
                a[2] * b[0] + a[3] * b[2], a[2] * b[1] + a[3] * b[3],
                a[4] * b[0] + a[5] * b[2] + b[4], a[4] * b[1] + a[5] * b[3] + b[5])

    ctm, stack, segments, current = (1, 0, 0, 1, 0, 0), [], [], None

    def apply(x, y):
        return (round(ctm[0] * x + ctm[2] * y + ctm[4], 4),
                round(ctm[1] * x + ctm[3] * y + ctm[5], 4))

    for operands, operator in pikepdf.parse_content_stream(page):
        op = str(operator)
        if op == "q":
            stack.append(ctm)
        elif op == "Q":
            ctm = stack.pop()
        elif op == "cm":
            ctm = multiply(tuple(float(v) for v in operands), ctm)
        elif op == "m":
            current = apply(*(float(v) for v in operands))
        elif op == "l" and current is not None:
            end = apply(*(float(v) for v in operands))
            segments.append((current, end))
            current = end
        elif op in ("S", "s", "n", "f", "F", "B", "b", "re"):
            current = None
    return segments


def test_print_has_bleed_and_crop_marks_outside_it(renders):
    with pikepdf.open(renders["print"][0]) as pdf:
        for page in pdf.pages:
            tx0, ty0, tx1, ty1 = _box(page, "/TrimBox")
            assert (tx1 - tx0, ty1 - ty0) == pytest.approx(A3, abs=0.5)
            bx0, by0, bx1, by1 = _box(page, "/BleedBox")
            assert [tx0 - bx0, ty0 - by0, bx1 - tx1, by1 - ty1] == pytest.approx([3 * MM] * 4, abs=0.01)
            mx0, my0, mx1, my1 = _box(page, "/MediaBox")
            marks = []
            for (ax, ay), (cx, cy) in _segments(page):
                outside_trim = min(ax, cx) >= tx1 or max(ax, cx) <= tx0 or \
                    min(ay, cy) >= ty1 or max(ay, cy) <= ty0
                if outside_trim:
                    marks.append(((ax, ay), (cx, cy)))
            assert len(marks) == 8, marks
            for (ax, ay), (cx, cy) in marks:
                length = abs(cx - ax) + abs(cy - ay)
                assert length >= 5 * MM
                assert ax == cx or ay == cy  # straight
                # on the prolongation of a trim edge
                assert (ax == cx and ax in (pytest.approx(tx0), pytest.approx(tx1))) or \
                       (ay == cy and ay in (pytest.approx(ty0), pytest.approx(ty1)))
                for x, y in ((ax, ay), (cx, cy)):
                    inside_bleed = bx0 - 0.01 < x < bx1 + 0.01 and by0 - 0.01 < y < by1 + 0.01
                    assert not inside_bleed, f"mark point {(x, y)} inside the bleed box"
                    assert mx0 <= x <= mx1 and my0 <= y <= my1, "mark outside the media box"


def test_page_size_a4_reading_edition(sample_tei_path, tmp_path):
    from tei_edition.pdf import render_pdf

    out = tmp_path / "a4.pdf"
    report = render_pdf(sample_tei_path, out, profile="archive", page_size="A4")
    assert report.page_size == "A4"
    with pikepdf.open(out) as pdf:
        x0, y0, x1, y1 = _box(pdf.pages[0], "/MediaBox")
        assert (x1 - x0, y1 - y0) == pytest.approx(A4, abs=0.5)


@pytest.mark.parametrize("size", ["A4; } body { display: none", "huge", "10mm 10mm", "A3 sideways"])
def test_bad_page_size_is_input_error(sample_tei_path, tmp_path, size):
    from tei_edition.pdf import render_pdf

    with pytest.raises(InputError, match="page size"):
        render_pdf(sample_tei_path, tmp_path / "x.pdf", page_size=size)
    assert not (tmp_path / "x.pdf").exists()


def test_report_is_one_line(renders):
    for profile, (path, report) in renders.items():
        line = str(report)
        assert "\n" not in line and str(path) in line and profile in line
        assert report.pages >= 1 and report.bytes == path.stat().st_size
        assert not report.warnings


# ---------------------------------------------------------------------------------------
# Nothing fetched


def _with_graphics(sample: Path, tmp_path: Path, urls) -> Path:
    tree = etree.parse(str(sample))
    figure = tree.find(".//tei:figure", NS)
    for url in urls:
        graphic = etree.Element(f"{{{NS['tei']}}}graphic", url=url)
        figure.insert(0, graphic)
    path = tmp_path / "with-graphics.xml"
    tree.write(str(path), encoding="UTF-8", xml_declaration=True)
    return path


def test_network_and_foreign_files_are_refused_and_reported(
        sample_tei_path, tmp_path, expect_weasyprint_warnings):
    from tei_edition.pdf import render_pdf

    urls = ["http://example.org/x.png", "file:///etc/passwd", "../../../../../../etc/hostname"]
    tei = _with_graphics(sample_tei_path, tmp_path, urls)
    out = tmp_path / "refused.pdf"
    out.write_bytes(b"old")
    with pytest.raises(RenderError) as caught:
        render_pdf(tei, out, profile="archive")
    message = str(caught.value)
    assert "http://example.org/x.png" in message
    assert "file:///etc/passwd" in message
    assert "/etc/hostname" in message
    # nothing half-written: the old file is untouched, no temporary left behind
    assert out.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["refused.pdf", "with-graphics.xml"]


def test_fetcher_serves_only_assets(tmp_path):
    from tei_edition import pdf as pdfmod

    pdfmod._environment()
    fetcher = pdfmod._AssetsOnlyFetcher([pdfmod.assets_dir()])
    css = (pdfmod.assets_dir() / "print.css").as_uri()
    assert b"@page" in fetcher.fetch(css).read()
    inside = (pdfmod.assets_dir() / "print.css").as_posix()
    for url in ("https://example.org/", "file:///etc/passwd", "data:text/plain,hi",
                "ftp://example.org/x", (pdfmod.assets_dir() / ".." / "print.xsl").as_uri(),
                # another scheme or host naming an allowed path is still not a local file
                "https://example.org" + inside, "file://example.org" + inside):
        with pytest.raises(PermissionError):
            fetcher.fetch(url)
    assert len(fetcher.refused) == 7


def test_data_urls_in_the_tei_are_refused(sample_tei_path, tmp_path, expect_weasyprint_warnings):
    """A data: URL needs no network, but it is content from outside the edition's files."""
    import base64

    from tei_edition.pdf import render_pdf

    url = "data:image/png;base64," + base64.b64encode(_png()).decode()
    tei = _with_graphics(sample_tei_path, tmp_path, [url])
    with pytest.raises(RenderError, match="refused to fetch data:image/png"):
        render_pdf(tei, tmp_path / "data.pdf", profile="screen")
    assert not (tmp_path / "data.pdf").exists()


def test_symlink_out_of_an_allowed_directory_is_refused(sample_tei_path, tmp_path,
                                                        expect_weasyprint_warnings):
    """An allowed directory is a boundary on the real file system, not on names: a link
    inside it to a file outside is refused, and so is ../ out of it."""
    from tei_edition.pdf import render_pdf

    allowed, outside = tmp_path / "images", tmp_path / "private"
    allowed.mkdir()
    outside.mkdir()
    (outside / "secret.png").write_bytes(_png())
    (allowed / "link.png").symlink_to(outside / "secret.png")
    (allowed / "linked-dir").symlink_to(outside, target_is_directory=True)
    (allowed / "fine.png").write_bytes(_png())
    urls = ["images/link.png", "images/linked-dir/secret.png", "images/../private/secret.png"]
    tei = _with_graphics(sample_tei_path, tmp_path, urls + ["images/fine.png"])
    with pytest.raises(RenderError) as caught:
        render_pdf(tei, tmp_path / "out.pdf", profile="screen", allow_dirs=[allowed])
    message = str(caught.value)
    for refused in ("/images/link.png", "/images/linked-dir/secret.png", "/private/secret.png"):
        assert refused in message  # the ../ is joined away before the fetcher sees it
    assert "fine.png" not in message
    assert not (tmp_path / "out.pdf").exists()


# ---------------------------------------------------------------------------------------
# Fonts, HarfBuzz, WeasyPrint version: clear errors, never tofu or a silent slowdown


def test_fonts_found_by_fontconfig():
    from tei_edition.pdf import check_fonts

    found = check_fonts()
    assert set(found) == {"Noto Serif CJK SC", "Noto Sans CJK SC"}
    assert all(path.endswith((".ttc", ".otf", ".ttf")) for path in found.values())


def test_missing_font_is_a_clear_error():
    from tei_edition.pdf import check_fonts

    with pytest.raises(RenderError, match="Noto Serif CJK QQ.*fonts-noto-cjk"):
        check_fonts(("Noto Serif CJK QQ",))


def test_missing_fonts_fail_the_command(sample_tei_path, tmp_path):
    """With a fontconfig that knows no fonts, `tei-edition pdf` fails with one line."""
    conf = tmp_path / "fonts.conf"
    conf.write_text('<?xml version="1.0"?><fontconfig><dir>' + str(tmp_path / "none")
                    + f'</dir><cachedir>{tmp_path / "cache"}</cachedir></fontconfig>')
    out = tmp_path / "x.pdf"
    result = subprocess.run(
        [sys.executable, "-m", "tei_edition", "pdf", str(sample_tei_path), "-o", str(out)],
        capture_output=True, text=True, timeout=120,
        env={"FONTCONFIG_FILE": str(conf), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)})
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert "not installed: Noto Serif CJK SC, Noto Sans CJK SC" in result.stderr
    assert not out.exists()


def test_harfbuzz_subset_fallback_is_an_error():
    from tei_edition.pdf import check_harfbuzz_subset

    check_harfbuzz_subset()  # installed here
    with pytest.raises(RenderError, match="libharfbuzz-subset0"):
        check_harfbuzz_subset(subset_library=None)


def test_harfbuzz_check_guards_every_render(sample_tei_path, tmp_path, monkeypatch):
    """The check runs before rendering, not only when called by hand."""
    from weasyprint.text import ffi as wffi

    from tei_edition import pdf as pdfmod

    monkeypatch.setattr(wffi, "harfbuzz_subset", None)
    pdfmod._environment.cache_clear()
    try:
        with pytest.raises(RenderError, match="libharfbuzz-subset0"):
            pdfmod.render_pdf(sample_tei_path, tmp_path / "x.pdf", profile="screen")
    finally:
        monkeypatch.undo()
        pdfmod._environment.cache_clear()
        pdfmod._stylesheet.cache_clear()  # made with the font configuration just dropped
    assert not (tmp_path / "x.pdf").exists()


# ---------------------------------------------------------------------------------------
# Untrusted input and the command line


def test_not_tei_and_not_xml_are_input_errors(tmp_path):
    from tei_edition.pdf import render_pdf

    (tmp_path / "a.xml").write_text("<html/>")
    (tmp_path / "b.xml").write_text("<TEI")
    (tmp_path / "c.xml").write_text('<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>')
    for name in ("a.xml", "b.xml", "c.xml", "missing.xml"):
        with pytest.raises(InputError):
            render_pdf(tmp_path / name, tmp_path / "out.pdf")
    assert not (tmp_path / "out.pdf").exists()


def test_cli_pdf_command(sample_tei_path, tmp_path):
    from click.testing import CliRunner

    from tei_edition.cli import main

    out = tmp_path / "cli.pdf"
    result = CliRunner().invoke(main, ["pdf", str(sample_tei_path), "-o", str(out),
                                       "--profile", "screen"])
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(b"%PDF-")
    assert "screen" in result.output
    bad = CliRunner().invoke(main, ["pdf", str(sample_tei_path), "-o", str(out),
                                    "--page-size", "A0 banana"])
    assert bad.exit_code == 2
    assert "page size" in bad.output


def _png(width=8, height=6) -> bytes:
    import struct
    import zlib

    def chunk(kind, data):
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))

    rows = b"".join(b"\x00" + bytes([200, 40, 40]) * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


def test_local_image_printed_only_from_an_allowed_directory(sample_tei_path, tmp_path,
                                                            expect_weasyprint_warnings):
    from tei_edition.pdf import render_pdf

    (tmp_path / "photo.png").write_bytes(_png())
    tei = _with_graphics(sample_tei_path, tmp_path, ["photo.png"])
    with pytest.raises(RenderError, match="photo.png"):
        render_pdf(tei, tmp_path / "no.pdf", profile="screen")
    records = expect_weasyprint_warnings
    records.clear()  # the refusal above is logged by WeasyPrint; the render below may not log
    out = tmp_path / "yes.pdf"
    render_pdf(tei, out, profile="archive", allow_dirs=[tmp_path])
    assert not records, [r.getMessage() for r in records]
    with pikepdf.open(out) as pdf:
        images = {img.objgen for page in pdf.pages for img in page.get_images().values()}
    assert len(images) == 1


@pytest.mark.parametrize("chars, what", [
    ("&#xE000;", "empty box"), ("&#x10FFFD;", "empty box"),  # no face has them: tofu
    # DejaVu (installed with fontconfig) has these, Noto CJK SC has not
    ("&#x1F600;", "another face"), ("&#x0531;", "another face")])
def test_character_without_noto_glyph_is_an_error_not_tofu(sample_tei_path, tmp_path, chars,
                                                         what, expect_weasyprint_warnings):
    from tei_edition.pdf import render_pdf

    text = sample_tei_path.read_text(encoding="utf-8").replace(
        "会议还研究了其他事项。</p>", f"会议还研究了其他事项{chars}。</p>", 1)
    tei = tmp_path / "odd.xml"
    tei.write_text(text, encoding="utf-8")
    code = chars.strip("&#x;").upper()
    with pytest.raises(RenderError, match=f"U\\+{code}.*{what}|{what}.*U\\+{code}"):
        render_pdf(tei, tmp_path / "odd.pdf", profile="screen")
    assert not (tmp_path / "odd.pdf").exists()


def test_unwritable_output_is_one_clear_error(sample_tei_path, tmp_path):
    from tei_edition.errors import TeiEditionError
    from tei_edition.pdf import render_pdf

    blocker = tmp_path / "file"
    blocker.write_text("x")
    # RenderError, or the OutputError (exit 2) of xmlio.write_atomic
    with pytest.raises(TeiEditionError, match="cannot write") as caught:
        render_pdf(sample_tei_path, blocker / "out.pdf", profile="screen")
    assert caught.value.exit_code == 2 and "\n" not in str(caught.value)


def _structure_types(node, out):
    if isinstance(node, pikepdf.Array):
        for item in node:
            _structure_types(item, out)
    elif isinstance(node, pikepdf.Dictionary):
        if "/S" in node:
            out.append(str(node.S))
        if "/K" in node:
            _structure_types(node.K, out)
    return out


def test_structure_tree_headings_start_at_h1_and_mark_each_article(archive, source):
    """PDF/UA (Matterhorn 14-002/14-003): numbered headings start at H1, none skipped."""
    with pikepdf.open(archive) as pdf:
        types = _structure_types(pdf.Root.StructTreeRoot.K, [])
    headings = [int(t[2]) for t in types if re.fullmatch(r"/H[1-6]", t)]
    assert headings and headings[0] == 1
    assert all(b - a <= 1 for a, b in zip(headings, headings[1:]))
    articles = printed_paragraphs(source)
    assert headings.count(2) >= len([a for a in articles if a[1]])


def test_every_shape_the_encoder_emits(sample_tei_path, tmp_path):
    """Lead, block gap, column trailer, figure inside an article, fw pageNum, a second pb
    between articles, a date without @when and an unknown issue date all render cleanly."""
    from tei_edition.pdf import render_pdf

    text = sample_tei_path.read_text(encoding="utf-8")
    text = text.replace('<date when="2022-08-26" cert="medium" evidence="internal">2022-08-26</date>',
                        '<date cert="unknown"/>')
    text = text.replace('<byline><roleName>全媒体记者</roleName> <persName>杨佳</persName></byline>',
                        '<argument><p>导语：热线接诉即办。</p></argument>'
                        '<byline><roleName>全媒体记者</roleName> <persName>杨佳</persName></byline>'
                        '<figure type="photo"><p>热线大厅。</p></figure>', 1)
    text = text.replace('<div type="article" xml:id="a02"', '<pb n="2"/><div type="article" xml:id="a02"', 1)
    text = text.replace('<p xml:id="a02-p1" part="F"><gap reason="missing" unit="chars" extent="unknown"/>',
                        '<gap reason="missing" unit="paragraphs" extent="unknown"/><p xml:id="a02-p1" part="F">')
    text = text.replace('<trailer type="kicker">', '<trailer type="column">')
    text = text.replace('<p xml:id="a01-p3">会议还研究了其他事项。</p>',
                        '<p xml:id="a01-p3">会议还研究了<date>当日</date>其他事项。</p>')
    text = text.replace('<fw type="credit" place="bottom"><roleName>本版校对',
                        '<fw type="pageNum">2</fw><fw type="credit" place="bottom"><roleName>本版校对')
    tei = tmp_path / "shapes.xml"
    tei.write_text(text, encoding="utf-8")
    out = tmp_path / "shapes.pdf"
    report = render_pdf(tei, out, profile="archive")
    assert report.pages == 2  # the pb between the articles starts a new sheet
    body = squash(body_text(out, "archive"))
    for expected in ("导语：热线接诉即办。", "热线大厅。", "会议还研究了当日其他事项。", "架起连心桥当好总客服"):
        assert expected in body
    assert body.index("架起连心桥") < body.index("为党委政府分忧")  # trailer above the heads
    with pikepdf.open(out) as pdf:
        meta = pdf.open_metadata()
        assert "dc:date" not in meta
        assert "日期不详" in meta["dc:description"]


def test_articles_inside_a_newspaper_section_are_bookmarked_under_it(sample_tei_path, tmp_path):
    from tei_edition.pdf import render_pdf

    text = sample_tei_path.read_text(encoding="utf-8")
    text = text.replace('<div type="article" xml:id="a01"',
                        '<div type="section" xml:id="s1"><head type="column">要闻</head>'
                        '<div type="article" xml:id="a01"', 1)
    text = text.replace('</div>\n      <figure', '</div></div>\n      <figure', 1)
    tei = tmp_path / "section.xml"
    tei.write_text(text, encoding="utf-8")
    out = tmp_path / "section.pdf"
    render_pdf(tei, out, profile="screen")
    with pikepdf.open(out) as pdf, pdf.open_outline() as outline:
        tree = [(item.title, [child.title for child in item.children]) for item in outline.root]
    assert tree[0] == ("要闻", ["深入学习贯彻习近平总书记重要讲话精神"])
    assert tree[1][0] == "为党委政府分忧 为社会和谐稳定出力"


def test_print_html_is_html_xsl_minus_the_screen(sample_tei_path):
    """print.xsl imports html.xsl: same classes, but nothing that needs a screen, no
    reference to any other file, and no repeat at all."""
    from tei_edition.transform import transform
    from tei_edition.xmlio import parse_untrusted

    html = str(transform(parse_untrusted(sample_tei_path), "print", profile="archive"))
    assert 'class="tei-div tei-div-article"' in html and "tei-head-main" in html
    for absent in ("<script", "<link", "te-toc", "te-about", "<details", "te-article-foot",
                   "te-repeat", "Content-Security-Policy", "a01-p4", 'id="a03"'):
        assert absent not in html, absent
    assert html.count("会议还研究了其他事项。") == 1


def test_cli_allow_dir_lets_a_page_image_in(sample_tei_path, tmp_path):
    from click.testing import CliRunner

    from tei_edition.cli import main

    (tmp_path / "photo.png").write_bytes(_png())
    tei = _with_graphics(sample_tei_path, tmp_path, ["photo.png"])
    out = tmp_path / "img.pdf"
    result = CliRunner().invoke(main, ["pdf", str(tei), "-o", str(out), "--profile", "screen",
                                       "--allow-dir", str(tmp_path)])
    assert result.exit_code == 0, result.output
    with pikepdf.open(out) as pdf:
        # WeasyPrint shares one resource dictionary between pages: count distinct images
        assert len({img.objgen for page in pdf.pages for img in page.get_images().values()}) == 1


# ---------------------------------------------------------------------------------------
# SOURCE_DATE_EPOCH and the source file: clear errors, nothing destroyed


@pytest.mark.parametrize("value", ["1700000000000", "-1", "yesterday", "1.5e9", "１７０００",
                                   "9" * 5000])
def test_bad_source_date_epoch_is_one_input_error(sample_tei_path, tmp_path, monkeypatch, value):
    from tei_edition.pdf import render_pdf

    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    with pytest.raises(InputError, match="SOURCE_DATE_EPOCH=.* is not a count of seconds") as caught:
        render_pdf(sample_tei_path, tmp_path / "x.pdf", profile="screen")
    assert "\n" not in str(caught.value) and len(str(caught.value)) < 300
    if value == "1700000000000":
        assert "milliseconds" in str(caught.value)
    assert not (tmp_path / "x.pdf").exists()


def test_bad_source_date_epoch_in_the_cli_is_one_line(sample_tei_path, tmp_path):
    out = tmp_path / "x.pdf"
    result = subprocess.run(
        [sys.executable, "-m", "tei_edition", "pdf", str(sample_tei_path), "-o", str(out)],
        capture_output=True, text=True, timeout=120,
        env={**os.environ, "SOURCE_DATE_EPOCH": "1700000000000"})
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert result.stderr.count("\n") == 1 and "SOURCE_DATE_EPOCH" in result.stderr
    assert not out.exists()


def test_source_date_epoch_dates_the_pdf(sample_tei_path, tmp_path, monkeypatch):
    from tei_edition.pdf import render_pdf

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    out = tmp_path / "dated.pdf"
    render_pdf(sample_tei_path, out, profile="archive")
    with pikepdf.open(out) as pdf:
        assert str(pdf.docinfo.CreationDate) == "D:20231114221320Z"
    assert metadata_disagreements(out) == []
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "  ")  # empty: unset
    render_pdf(sample_tei_path, out, profile="screen")


def test_impossible_change_date_is_an_input_error(sample_tei_path, tmp_path, monkeypatch):
    from tei_edition.pdf import render_pdf

    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    text = sample_tei_path.read_text(encoding="utf-8")
    whens = re.findall(r'<change when="([^"]+)"', text)
    assert whens, "the sample has no dated change to spoil"
    tei = tmp_path / "bad-date.xml"
    tei.write_text(text.replace(f'<change when="{whens[0]}"', '<change when="2022-13-45"', 1),
                   encoding="utf-8")
    with pytest.raises(InputError, match="2022-13-45.*not a calendar date") as caught:
        render_pdf(tei, tmp_path / "x.pdf", profile="screen")
    assert caught.value.path == str(tei) and caught.value.line


def _spoilt_copy(sample: Path, tmp_path: Path) -> tuple[Path, bytes]:
    """A TEI file that would fail to parse if it were read: the refusal must come first."""
    tei = tmp_path / "page.xml"
    tei.write_bytes(sample.read_bytes()[:200])
    return tei, tei.read_bytes()


@pytest.mark.parametrize("how", ["same", "dot", "symlink", "hardlink", "symlinked-source"])
def test_output_that_is_the_source_is_refused(sample_tei_path, tmp_path, monkeypatch, how):
    from tei_edition.pdf import render_pdf

    tei, before = _spoilt_copy(sample_tei_path, tmp_path)
    monkeypatch.chdir(tmp_path)
    source, out = tei, tei
    if how == "dot":
        source, out = Path("page.xml"), Path("./sub/../page.xml")
        (tmp_path / "sub").mkdir()
    elif how == "symlink":
        out = tmp_path / "out.pdf"
        out.symlink_to(tei)
    elif how == "hardlink":
        out = tmp_path / "out.pdf"
        os.link(tei, out)
    elif how == "symlinked-source":
        source = tmp_path / "alias.xml"
        source.symlink_to(tei)
    with pytest.raises(InputError, match="output is the TEI source itself"):
        render_pdf(source, out, profile="screen")
    assert tei.read_bytes() == before
    assert not [p for p in tmp_path.rglob("*.part")]


def test_cli_refuses_to_overwrite_its_input(sample_tei_path, tmp_path):
    from click.testing import CliRunner

    from tei_edition.cli import main

    tei, before = _spoilt_copy(sample_tei_path, tmp_path)
    result = CliRunner().invoke(main, ["pdf", str(tei), "-o", str(tei)])
    assert result.exit_code == 2, result.output
    assert "output is the TEI source itself" in result.output
    assert "Traceback" not in result.output and result.output.count("\n") == 1
    assert tei.read_bytes() == before
