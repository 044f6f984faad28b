"""`serve`: an OAI-PMH 2.0 endpoint over the OCFL store, harvested by a standard client
(Sickle) on the loopback: oai_dc and MODS (valid against MODS 3.6), resumption, errors."""

from __future__ import annotations

import copy
import re
import subprocess
import sys
import threading
from pathlib import Path
from wsgiref.simple_server import WSGIRequestHandler, make_server

import pytest
from lxml import etree

sickle = pytest.importorskip("sickle")
from sickle import Sickle  # noqa: E402
from sickle import oaiexceptions  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from test_deposit_support import SEED_NAME, config, edition, mods_schema  # noqa: E402,F401

from tei_edition.deposit import PageFiles, deposit_bag, package_issue  # noqa: E402
from tei_edition.deposit.oai import make_app  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
MODS = "http://www.loc.gov/mods/v3"


class _Quiet(WSGIRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture
def store(edition, config, tmp_path):
    """Two issues deposited (the seed, and the seed as a second issue with a new name)."""
    first = package_issue(SEED_NAME, [edition.page()], tmp_path / "bags", config=config)
    deposit_bag(first.path, tmp_path / "ocfl")
    other = tmp_path / "in" / "siping-daily-2022-08-27.xml"
    other.parent.mkdir()
    other.write_bytes(edition.tei.read_bytes())
    second = package_issue("siping-daily-2022-08-27", [PageFiles(tei=other)], tmp_path / "bags",
                           config=config)
    deposit_bag(second.path, tmp_path / "ocfl")
    return tmp_path / "ocfl"


@pytest.fixture
def endpoint(store):
    """The WSGI app on a free loopback port, stopped after the test."""
    httpd = make_server("127.0.0.1", 0, lambda environ, start: [b""], handler_class=_Quiet)
    base = f"http://127.0.0.1:{httpd.server_port}/oai"
    httpd.set_app(make_app(store, base, batch_size=1))  # one record per page: resumption is used
    worker = threading.Thread(target=httpd.serve_forever, daemon=True)
    worker.start()
    yield Sickle(base, max_retries=0, timeout=30)
    httpd.shutdown()
    worker.join(timeout=10)


def test_identify_and_formats(endpoint):
    identify = endpoint.Identify()
    assert identify.protocolVersion == "2.0" and identify.granularity == "YYYY-MM-DDThh:mm:ssZ"
    assert identify.deletedRecord == "no"
    assert sorted(f.metadataPrefix for f in endpoint.ListMetadataFormats()) == ["mods", "oai_dc"]


def test_list_records_in_oai_dc_follows_resumption_tokens(endpoint):
    records = list(endpoint.ListRecords(metadataPrefix="oai_dc"))
    assert [r.header.identifier for r in records] == [f"urn:test:{SEED_NAME}", "urn:test:siping-daily-2022-08-27"]
    dc = records[0].metadata
    assert dc["title"] == ["四平日报 2022年8月26日"] and dc["date"] == ["2022-08-26"]
    assert dc["language"] == ["zh-Hans"] and dc["publisher"] == ["四平日报社"]
    assert dc["identifier"] == [f"urn:test:{SEED_NAME}"] and dc["type"] == ["Text"]


def test_mods_records_are_valid_mods_3_6(endpoint, mods_schema):
    records = list(endpoint.ListRecords(metadataPrefix="mods"))
    assert len(records) == 2
    for record in records:
        (mods,) = record.xml.findall(f".//{{{MODS}}}mods")
        assert mods_schema.validate(etree.ElementTree(copy.deepcopy(mods))), mods_schema.error_log
        assert mods.findtext(f"{{{MODS}}}titleInfo/{{{MODS}}}title") == "四平日报 2022年8月26日"


def test_get_record_and_identifiers(endpoint):
    record = endpoint.GetRecord(identifier=f"urn:test:{SEED_NAME}", metadataPrefix="mods")
    assert record.header.identifier == f"urn:test:{SEED_NAME}"
    stamp = record.header.datestamp
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", stamp)
    assert len(list(endpoint.ListIdentifiers(metadataPrefix="oai_dc", **{"from": stamp[:10]}))) == 2
    with pytest.raises(oaiexceptions.NoRecordsMatch):
        list(endpoint.ListIdentifiers(metadataPrefix="oai_dc", until="2000-01-01"))


@pytest.mark.parametrize("call,error", [
    (lambda s: s.GetRecord(identifier="urn:test:nothing", metadataPrefix="mods"), oaiexceptions.IdDoesNotExist),
    (lambda s: list(s.ListRecords(metadataPrefix="marc21")), oaiexceptions.CannotDisseminateFormat),
    (lambda s: list(s.ListIdentifiers(metadataPrefix="marc21")), oaiexceptions.CannotDisseminateFormat),
    (lambda s: list(s.ListMetadataFormats(identifier="urn:test:nothing")), oaiexceptions.IdDoesNotExist),
    (lambda s: list(s.ListSets()), oaiexceptions.NoSetHierarchy),
    (lambda s: list(s.ListRecords(metadataPrefix="oai_dc", **{"from": "yesterday"})), oaiexceptions.BadArgument),
])
def test_protocol_errors(endpoint, call, error):
    with pytest.raises(error):
        call(endpoint)


def test_post_requests_are_answered_too(endpoint):
    post = Sickle(endpoint.endpoint, http_method="POST", max_retries=0, timeout=30)
    assert len(list(post.ListIdentifiers(metadataPrefix="oai_dc"))) == 2


def test_objects_deposited_by_others_are_not_records(store, tmp_path):
    """An object without data/mets.xml (not one of ours) shares the root but is skipped."""
    from tei_edition.deposit.oai import read_records
    from tei_edition.deposit.verify import import_ocfl

    ocfl = import_ocfl()
    content = tmp_path / "foreign"
    content.mkdir()
    (content / "a.txt").write_text("someone else's object")
    storage = ocfl.StorageRoot(root=str(store))
    storage.open_root_fs()
    storage.check_root_structure()
    target = store / storage.object_path("urn:other:1")
    target.parent.mkdir(parents=True)
    ocfl.Object(identifier="urn:other:1").create(
        srcdir=str(content), metadata=ocfl.VersionMetadata(created="2026-01-01T00:00:00Z", message="x",
                                                            name="someone"), objdir=str(target))
    assert [r.identifier for r in read_records(store)] == [f"urn:test:{SEED_NAME}",
                                                          "urn:test:siping-daily-2022-08-27"]


def test_an_unknown_verb_is_a_bad_verb(endpoint):
    response = endpoint.harvest(verb="Harvest")  # Sickle raises only for the verbs it knows
    error = response.xml.find("{http://www.openarchives.org/OAI/2.0/}error")
    assert error is not None and error.get("code") == "badVerb"


def test_serve_command_answers_on_the_loopback_and_stops(store):
    code = ("import sys\n"
            "from tei_edition.cli import main\n"
            "from tei_edition.cli_deposit import serve\n"
            "main.add_command(serve)\n"
            "main(sys.argv[1:])\n")
    proc = subprocess.Popen([sys.executable, "-c", code, "serve", "--ocfl", str(store), "--port", "0"],
                            stderr=subprocess.PIPE, text=True, cwd=ROOT)
    try:
        line = proc.stderr.readline()  # printed once it listens
        match = re.search(r"http://127\.0\.0\.1:(\d+)/oai", line)
        assert match, line
        records = list(Sickle(match.group(0), max_retries=0, timeout=30).ListIdentifiers(
            metadataPrefix="mods"))
        assert len(records) == 2
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def test_serve_refuses_what_is_not_a_store(tmp_path):
    from tei_edition.deposit import DepositInputError

    with pytest.raises(DepositInputError, match="is not a bag"):
        make_app(tmp_path, "http://127.0.0.1/oai")
