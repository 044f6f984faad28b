"""An OAI-PMH 2.0 endpoint over an OCFL store: one record per issue (object), in `oai_dc`
and `mods`, served on localhost by `tei-edition serve`.

The protocol (verbs, arguments, errors, resumption tokens, envelopes) is the `oaipmh`
library's Server; this module supplies the records and a small WSGI front end. A record is
read from the head version of an object: the issue's MODS is the `DMD_ISSUE` dmdSec of the
stored data/mets.xml, Dublin Core is derived from it, and the datestamp is the head
version's `created`. The OAI identifier is the OCFL object id (the bag's
External-Identifier). The store is read when the server starts; restart it after a deposit.
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import parse_qs

from lxml import etree

from ..xmlio import parse_untrusted
from .errors import DepositInputError
from .mets import METS_NS, MODS_NS
from .verify import kind_of, object_dirs

MODS_SCHEMA = "http://www.loc.gov/standards/mods/v3/mods-3-6.xsd"
OAI_DC_SCHEMA = "http://www.openarchives.org/OAI/2.0/oai_dc.xsd"
OAI_DC_NS = "http://www.openarchives.org/OAI/2.0/oai_dc/"
_M = {"m": MODS_NS, "mets": METS_NS}


@dataclass(frozen=True)
class IssueRecord:
    identifier: str
    datestamp: datetime        # naive UTC, as oaipmh wants
    mods: etree._Element
    dublin_core: dict[str, list[str]]


def read_records(ocfl_root: Path) -> list[IssueRecord]:
    """One record per object of the storage root, sorted by identifier."""
    ocfl_root = Path(ocfl_root)
    if kind_of(ocfl_root) != "root":
        raise DepositInputError("is not an OCFL storage root", ocfl_root)
    records = [_record(folder) for folder in object_dirs(ocfl_root)]
    return sorted((r for r in records if r is not None), key=lambda r: r.identifier)


def _record(folder: Path) -> IssueRecord | None:
    inventory = json.loads((folder / "inventory.json").read_text(encoding="utf-8"))
    head = inventory["versions"][inventory["head"]]
    digest = next((d for d, paths in head["state"].items() if "data/mets.xml" in paths), None)
    if digest is None:
        return None  # not an object tei-edition deposited
    mets = parse_untrusted(folder / inventory["manifest"][digest][0])
    found = mets.xpath("//mets:dmdSec[@ID='DMD_ISSUE']//m:mods", namespaces=_M)
    if not found:
        return None
    created = datetime.fromisoformat(head["created"].replace("Z", "+00:00"))
    stamp = created.astimezone(timezone.utc).replace(tzinfo=None, microsecond=0)
    mods = found[0]
    return IssueRecord(identifier=inventory["id"], datestamp=stamp, mods=mods,
                       dublin_core=dublin_core(mods))


def dublin_core(mods: etree._Element) -> dict[str, list[str]]:
    """Simple Dublin Core from the issue's MODS (the LC MODS-to-DC mapping, in short)."""
    def values(path: str) -> list[str]:
        return [" ".join(v.split()) for v in mods.xpath(path, namespaces=_M) if v.strip()]

    return {
        "title": values("m:titleInfo[not(@type)]/m:title/text()"),
        "creator": values("m:name[m:role/m:roleTerm='aut']/m:namePart/text()"),
        "contributor": values("m:name[not(m:role/m:roleTerm='aut')]/m:namePart/text()"),
        "publisher": values("m:originInfo/m:publisher/text()"),
        "date": values("m:originInfo/m:dateIssued/text()"),
        "type": ["Text"],
        "format": ["text/xml", "application/tei+xml", "text/html", "application/pdf"],
        "identifier": values("m:identifier/text()"),
        "language": values("m:language/m:languageTerm/text()"),
        "relation": values("m:relatedItem[@type='host']/m:titleInfo[not(@type)]/m:title/text()"),
        "coverage": values("m:originInfo/m:place/m:placeTerm/text()"),
        "rights": values("m:accessCondition/text()"),
        "description": values("m:physicalDescription/m:extent/text()"),
    }


class OcflOai:
    """The IOAI interface of the oaipmh library over a list of records."""

    def __init__(self, records: list[IssueRecord], base_url: str, name: str, admin_email: str):
        self.records = records
        self.base_url = base_url
        self.name = name
        self.admin_email = admin_email

    def identify(self):
        from oaipmh import common

        earliest = min((r.datestamp for r in self.records), default=datetime(1970, 1, 1))
        return common.Identify(repositoryName=self.name, baseURL=self.base_url,
                               protocolVersion="2.0", adminEmails=[self.admin_email],
                               earliestDatestamp=earliest, deletedRecord="no",
                               granularity="YYYY-MM-DDThh:mm:ssZ", compression=["identity"])

    def listMetadataFormats(self, identifier=None):  # noqa: N802 - oaipmh's interface
        from oaipmh import error

        if identifier is not None and not any(r.identifier == identifier for r in self.records):
            raise error.IdDoesNotExistError(f"no record {identifier}")
        return [("oai_dc", OAI_DC_SCHEMA, OAI_DC_NS), ("mods", MODS_SCHEMA, MODS_NS)]

    def listSets(self):  # noqa: N802
        from oaipmh import error

        raise error.NoSetHierarchyError("this repository has no sets")

    def getRecord(self, metadataPrefix, identifier):  # noqa: N802,N803
        from oaipmh import error

        self._check_prefix(metadataPrefix)
        for record in self.records:
            if record.identifier == identifier:
                return self._triple(record)
        raise error.IdDoesNotExistError(f"no record {identifier}")

    def listIdentifiers(self, metadataPrefix, set=None, from_=None,  # noqa: A002,N802,N803
                        until=None):
        return [header for header, _, _ in self.listRecords(metadataPrefix, set, from_, until)]

    def listRecords(self, metadataPrefix, set=None, from_=None, until=None):  # noqa: A002,N802,N803
        from oaipmh import error

        self._check_prefix(metadataPrefix)
        if set is not None:
            raise error.NoSetHierarchyError("this repository has no sets")
        return [self._triple(r) for r in self.records
                if (from_ is None or r.datestamp >= from_)
                and (until is None or r.datestamp <= until)]

    def _check_prefix(self, prefix: str) -> None:
        from oaipmh import error

        if prefix not in ("oai_dc", "mods"):
            raise error.CannotDisseminateFormatError(f"unknown metadata format {prefix}")

    @staticmethod
    def _triple(record: IssueRecord):
        from oaipmh import common

        header = common.Header(None, record.identifier, record.datestamp, [], False)
        return header, common.Metadata(record.mods, record.dublin_core), None


def _mods_writer(element, metadata) -> None:
    element.append(copy.deepcopy(metadata.element()))


def make_app(ocfl_root: Path, base_url: str, *, name: str = "tei-edition OCFL store",
             admin_email: str = "nobody@localhost", batch_size: int = 50):
    """A WSGI application answering OAI-PMH requests (GET or POST) about OCFL_ROOT."""
    from oaipmh import metadata, server

    registry = metadata.MetadataRegistry()
    registry.registerWriter("oai_dc", server.oai_dc_writer)
    registry.registerWriter("mods", _mods_writer)
    oai = server.Server(OcflOai(read_records(ocfl_root), base_url, name, admin_email), registry,
                        nsmap={"mods": MODS_NS}, resumption_batch_size=batch_size)

    def app(environ, start_response):
        query = environ.get("QUERY_STRING", "")
        if environ.get("REQUEST_METHOD") == "POST":
            length = int(environ.get("CONTENT_LENGTH") or 0)
            query = environ["wsgi.input"].read(length).decode("utf-8", "replace")
        # A repeated argument is a badArgument in OAI-PMH; keep the first (lenient).
        parsed = parse_qs(query, keep_blank_values=True)
        arguments = {key: values[0] for key, values in parsed.items()}
        body = oai.handleRequest(arguments)
        start_response("200 OK", [("Content-Type", "text/xml; charset=utf-8"),
                                  ("Content-Length", str(len(body)))])
        return [body]

    return app


def serve(ocfl_root: Path, *, host: str = "127.0.0.1", port: int = 8080,
          admin_email: str = "nobody@localhost", ready=None) -> None:
    """Serve the store until interrupted (ready(server) is called once it listens)."""
    from wsgiref.simple_server import WSGIRequestHandler, make_server

    class _Quiet(WSGIRequestHandler):
        def log_message(self, *args):  # one line per request on stderr is noise here
            pass

    holder: dict = {}

    def late(environ, start_response):
        return holder["app"](environ, start_response)

    with make_server(host, port, late, handler_class=_Quiet) as httpd:
        holder["app"] = make_app(ocfl_root, f"http://{host}:{httpd.server_port}/oai",
                                 admin_email=admin_email)
        if ready is not None:
            ready(httpd)
        httpd.serve_forever()
