"""Validate TEI against the project's schema (RELAX NG + Schematron) or another RELAX NG.

    >>> from tei_edition.validation import validate
    >>> report = validate("output/tei/page.xml")
    >>> report.ok, [str(p) for p in report.problems]

Every problem carries the file, line, column, a message a person can act on, and the id
of the rule that failed: a Schematron assert id (tn-...), or one of

    rng            the RELAX NG grammar (tei_newspaper.rng, or the --schema given)
    tei-namespace  the root element is not in the TEI namespace
    xml-syntax     the file is not well-formed XML
    xml-doctype    the file has a DOCTYPE (DTD, entity declarations): refused for security
    input          the file cannot be read at all (missing, a directory, no permission)

Schemas are compiled once per process and reused. The compiled objects are not shared
between threads safely (lxml keeps the last error log on them): validate from one thread.
Input is untrusted: no DTD, no entity, no network, no file is read while parsing, and the
Schematron's XSLT runs with every file and network access denied.

Time grows linearly with the number of problems: 30,000 errors in one file are located
through indexes built once per document, never by searching the document per error.
"""

from __future__ import annotations

import json
import re
import sys
from copy import deepcopy
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Iterable, TextIO

from lxml import etree, isoschematron

from .errors import InputError, ValidationError, display_path, printable
from .schema import rng_path, sch_path
from .transform import EXTENSIONS_NS, NO_ACCESS, element_numbers, run as run_xslt
from .xmlio import (TEI_NS, XML_NS, NotWellFormedError, UnsafeXmlError, parse_untrusted,
                    read_input, stream_error)

SVRL_NS = "http://purl.oclc.org/dsdl/svrl"
RNG_NS = "http://relaxng.org/ns/structure/1.0"


@dataclass(frozen=True)
class Problem:
    path: str
    line: int | None
    column: int | None
    message: str
    rule: str
    severity: str = "error"            # "error" makes a document invalid; "warning" does not

    def __str__(self) -> str:
        if self.rule == "input":
            return printable(f"{self.path}: {self.severity}: {self.message} [{self.rule}]")
        # An editor jumps to FILE:LINE:COL; column 1 when only the line is known.
        line = self.line or 0
        column = self.column or (1 if self.line else 0)
        # One problem, one line: a newline in a quoted attribute value is shown escaped.
        return printable(f"{self.path}:{line}:{column}: {self.severity}: {self.message} [{self.rule}]")


@dataclass
class Report:
    path: str
    problems: list[Problem] = field(default_factory=list)
    input_error: bool = False          # the file could not be read: a usage error, not a verdict

    @property
    def ok(self) -> bool:
        return not self.input_error and not any(p.severity == "error" for p in self.problems)

    @property
    def status(self) -> str:
        if self.input_error:
            return "unreadable"
        return "valid" if self.ok else "invalid"

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    def raise_if_invalid(self) -> None:
        if not self.ok:
            first = self.errors[0] if self.errors else self.problems[0]
            raise ValidationError(f"{len(self.errors)} problems; first: {first}",
                                  self.problems, self.path)


# --------------------------------------------------------------------------- schemas

class SchematronRunner:
    """A Schematron schema compiled by lxml's ISO skeleton, run as our own XSLT.

    Four differences from isoschematron.Schematron.validate, none in what is reported:
    the transform runs with no file or network access (NO_ACCESS); a failed assert's
    location is the element's number in document order (tex:element-number) instead of
    the skeleton's XPath, whose steps count preceding siblings - quadratic time for
    thousands of errors among siblings; the report does not copy the document's text;
    and wildcard rule contexts are matched in linear time (see below). The rules, their
    order and their messages are the skeleton's, unchanged.
    """

    _PATH_MODE = "schematron-get-full-path"

    def __init__(self, schema_doc: etree._ElementTree):
        compiled = isoschematron.Schematron(schema_doc, store_xslt=True).validator_xslt
        xslt_doc = etree.ElementTree(deepcopy(compiled.getroot()))
        xsl = "http://www.w3.org/1999/XSL/Transform"
        # The skeleton's process-pattern puts a bare <apply-templates/> in every
        # svrl:active-pattern: the built-in rules then copy the document's whole text into
        # the report once per pattern, and libxslt's merging of adjacent text nodes makes
        # that quadratic in the text's length. Nothing reads that text; drop it.
        for stray in xslt_doc.getroot().iterfind(f".//{{{SVRL_NS}}}active-pattern/{{{xsl}}}apply-templates"):
            if stray.get("select") is None and stray.get("mode") is None:
                stray.getparent().remove(stray)
        # libxslt matches a pattern "*[predicate]" by computing the element's position
        # among all its siblings (for position()), from scratch whenever the walk has been
        # into another element's children since: quadratic for thousands of siblings with
        # children (8,000 paragraphs holding a date: 10 s; 16,000: 40 s). A second
        # predicate makes libxslt evaluate the pattern on the parent's children once and
        # reuse the result; [true()] keeps every node, so the rule is unchanged.
        for template in xslt_doc.getroot().iterfind(f"{{{xsl}}}template[@match]"):
            match = template.get("match")
            if match.startswith("*[") and match.endswith("]") and "|" not in match:
                template.set("match", match + "[true()]")
        templates = xslt_doc.getroot().findall(f"{{{xsl}}}template[@mode='{self._PATH_MODE}']")
        for template in templates:
            # An element is located by its number, an attribute by its element's.
            node = {"*": ".", "@*": ".."}.get(template.get("match"))
            if node is None:
                continue
            for child in list(template):
                template.remove(child)
            template.text = None
            etree.SubElement(template, f"{{{xsl}}}value-of",
                             select=f"concat('#', tex:element-number({node}))",
                             nsmap={"tex": EXTENSIONS_NS})
        self.xslt = etree.XSLT(xslt_doc, access_control=NO_ACCESS,
                               extensions={(EXTENSIONS_NS, "element-number"): element_numbers})

    def report(self, tree) -> etree._XSLTResultTree:
        """The SVRL report for a document."""
        return run_xslt(self.xslt, tree)


_PROJECT: tuple[etree.RelaxNG, SchematronRunner] | None = None
_CUSTOM: dict[tuple[str, int], etree.RelaxNG] = {}


def project_schemas() -> tuple[etree.RelaxNG, SchematronRunner]:
    """The project's RELAX NG and Schematron, compiled on first use."""
    global _PROJECT
    if _PROJECT is None:
        rng = etree.RelaxNG(etree.parse(str(rng_path())))
        sch = SchematronRunner(etree.parse(str(sch_path())))
        _PROJECT = (rng, sch)
    return _PROJECT


def load_relaxng(path: str | Path) -> etree.RelaxNG:
    """A RELAX NG schema (XML syntax) from a file, compiled once per process.

    Raises InputError (exit code 2) for a missing or unusable schema file.
    """
    path = Path(path)
    try:
        exists = path.exists()
    except OSError as exc:              # a name too long, a loop of symlinks
        raise InputError(f"schema cannot be read: {exc.strerror}", path) from None
    if not exists:
        raise InputError("schema not found", path)
    if path.is_dir():
        raise InputError("schema is a directory, not a RELAX NG file", path)
    key = (str(path.resolve()), path.stat().st_mtime_ns)
    if key not in _CUSTOM:
        if path.suffix == ".rnc":
            raise InputError("RELAX NG compact syntax is not supported: convert it to the XML "
                             "syntax (.rng), e.g. with trang", path)
        data = read_input(path, "schema")
        try:
            # The user's own schema: it may include its modules (relative to its file), but
            # no DTD, entity or network access.
            doc = etree.ElementTree(etree.fromstring(
                data, etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False),
                base_url=str(path.resolve())))
        except etree.XMLSyntaxError as exc:
            raise InputError(f"schema is not well-formed XML: {exc}", path) from None
        if doc.getroot().tag != f"{{{RNG_NS}}}grammar" and not \
                str(doc.getroot().tag).startswith(f"{{{RNG_NS}}}"):
            raise InputError("not a RELAX NG schema (expected an element in "
                             f"{RNG_NS})", path)
        try:
            _CUSTOM[key] = etree.RelaxNG(doc)
        except etree.RelaxNGParseError as exc:
            raise InputError(f"the RELAX NG schema does not compile: {exc}", path) from None
    return _CUSTOM[key]


# --------------------------------------------------------------------------- validation

def validate_tree(tree, *, path: str = "<tei>", schema: str | Path | None = None) -> list[Problem]:
    """Problems of a parsed TEI document (empty when valid).

    schema=None: the project's RELAX NG and Schematron rules. A path: that RELAX NG
    schema only (no Schematron), after the same namespace check.
    """
    return _validate_tree(tree, path=path, schema=schema, source=None)


def validate(source, *, schema: str | Path | None = None) -> Report:
    """Validate a TEI file (path) or a parsed tree; never raises for a bad document.

    A file that cannot be read gives a report with input_error set (exit code 2 on the
    command line); a bad schema path raises InputError.
    """
    if isinstance(source, (etree._ElementTree, etree._Element)):
        tree = source if isinstance(source, etree._ElementTree) else source.getroottree()
        label = display_path(tree.docinfo.URL or "<tei>")
        if schema is not None:
            load_relaxng(schema)
        return Report(label, _validate_tree(tree, path=label, schema=schema, source=None))
    label = display_path(source)       # a file name that is not UTF-8 shows as \xff escapes
    file = Path(source)
    if schema is not None:
        load_relaxng(schema)           # a bad schema is a usage error, before any file
    try:
        data = read_input(file, "file")
    except InputError as exc:
        return Report(label, [Problem(label, None, None, exc.message, "input")], input_error=True)
    try:
        # Duplicate ids are left to the Schematron (tn-unique-id), which says which id.
        tree = parse_untrusted(data, name=label, collect_ids=False)
    except UnsafeXmlError as exc:
        return Report(label, [Problem(label, exc.line, exc.column, exc.message, "xml-doctype")])
    except NotWellFormedError as exc:
        # libxml2 repeats the position at the end of its message; it is in the prefix already.
        message = re.sub(r", line \d+, column \d+\s*$", "", exc.message)
        return Report(label, [Problem(label, exc.line, exc.column, message, "xml-syntax")])
    return Report(label, _validate_tree(tree, path=label, schema=schema, source=data))


def _validate_tree(tree, *, path: str, schema, source: bytes | None) -> list[Problem]:
    if isinstance(tree, etree._Element):
        tree = tree.getroottree()
    locator = _Locator(tree, source)
    root = tree.getroot()
    if etree.QName(root).namespace != TEI_NS:
        namespace = etree.QName(root).namespace
        where = f'in the namespace "{namespace}"' if namespace else "in no namespace"
        return [Problem(path, *locator.position(root),
                        f"the root element <{etree.QName(root).localname}> is {where}; a TEI "
                        f'document is <TEI xmlns="{TEI_NS}">', "tei-namespace")]
    if schema is None:
        rng, sch = project_schemas()
    else:
        rng, sch = load_relaxng(schema), None
    problems = _relaxng_problems(rng, tree, path, locator)
    if sch is not None:
        problems += _schematron_problems(sch, tree, path, locator)
    # libxml2 also checks xml:id uniqueness (datatype ID) but only says the attribute is
    # invalid; tn-unique-id says which id is used twice.
    duplicates = {p.line for p in problems if p.rule == "tn-unique-id"}
    problems = [p for p in problems
                if not (p.rule == "rng" and p.line in duplicates and "xml:id=" in p.message)]
    problems.sort(key=lambda p: (p.line or 0, p.column or 0))
    return problems


class _Locator:
    """Line and column of an element: lxml knows the line, the source text the column.

    Every lookup goes through indexes built in one pass over the document (and one scan
    per source line), so locating N problems costs O(N + document), not O(N x document).
    """

    _TAG_START = re.compile(r"<([^\s/>!?<]+)(?=[\s/>]|$)")

    def __init__(self, tree, source: bytes | None):
        self.tree = tree
        self.lines: list[str] | None = None
        if source is not None:
            encoding = tree.docinfo.encoding or "utf-8"
            try:
                self.lines = source.decode(encoding, errors="replace").splitlines()
            except LookupError:
                self.lines = None
        self._elements: list[etree._Element] | None = None
        self._by_line: dict[int, list[etree._Element]] = {}
        self._by_line_name: dict[tuple[int, str], list[etree._Element]] = {}
        self._by_line_tag: dict[tuple[int, str], list[etree._Element]] = {}
        self._ranks: dict[tuple[int, str], dict[etree._Element, int]] = {}
        self._starts: dict[int, dict[str, list[int]]] = {}
        self._misplaced: dict[tuple[int, str], etree._Element | None] = {}

    def _index(self) -> None:
        if self._elements is not None:
            return
        self._elements = list(self.tree.iter(etree.Element))
        for el in self._elements:
            line = el.sourceline or 0
            self._by_line.setdefault(line, []).append(el)
            self._by_line_name.setdefault((line, etree.QName(el).localname), []).append(el)
            self._by_line_tag.setdefault((line, el.tag), []).append(el)

    def element_at(self, line: int | None, name: str, misplaced: bool = False
                   ) -> etree._Element | None:
        """The element called name on that line; with misplaced, rather one whose parent
        can never hold it (libxml2 names the element, not which one)."""
        if not line:
            return None
        self._index()
        found = self._by_line_name.get((line, name), [])
        if misplaced and len(found) > 1:
            key = (line, name)
            if key not in self._misplaced:
                self._misplaced[key] = next(
                    (el for el in found if el.getparent() is not None and name not in
                     _allowed_children(etree.QName(el.getparent()).localname)), None)
            if self._misplaced[key] is not None:
                return self._misplaced[key]
        return found[0] if found else None

    def first_element_at(self, line: int | None) -> etree._Element | None:
        if not line:
            return None
        self._index()
        found = self._by_line.get(line)
        return found[0] if found else None

    def element_numbered(self, number: int) -> etree._Element | None:
        """The NUMBER-th element in document order (1-based; tex:element-number)."""
        self._index()
        return self._elements[number - 1] if 0 < number <= len(self._elements) else None

    def position(self, el: etree._Element | None) -> tuple[int | None, int | None]:
        if el is None or not el.sourceline:
            return None, None
        line = el.sourceline
        if self.lines is None or line > len(self.lines):
            return line, None
        self._index()
        tag = f"{el.prefix}:{etree.QName(el).localname}" if el.prefix else etree.QName(el).localname
        # The k-th element of this name that starts on this line is the k-th "<tag" there.
        key = (line, el.tag)
        if key not in self._ranks:
            self._ranks[key] = {e: k for k, e in enumerate(self._by_line_tag.get(key, []))}
        k = self._ranks[key].get(el, 0)
        if line not in self._starts:
            starts: dict[str, list[int]] = {}
            for match in self._TAG_START.finditer(self.lines[line - 1]):
                starts.setdefault(match.group(1), []).append(match.start())
            self._starts[line] = starts
        starts = self._starts[line].get(tag, [])
        if k < len(starts):
            return line, starts[k] + 1
        return line, None


# --------------------------------------------------------------------------- RELAX NG

# Advice for the mistakes ENCODING.md lists, keyed by (element, parent).
_HINTS = {
    ("byline", "p"): 'a byline cannot stand inside a paragraph: put it before the paragraph '
                     'as <byline rend="run-in">',
    ("dateline", "p"): "a dateline cannot stand inside a paragraph",
    ("docAuthor", "p"): "docAuthor cannot stand inside a paragraph",
    ("head", "p"): "a heading cannot stand inside a paragraph",
    ("head", "div"): "headings come before the first paragraph of their division; a headline "
                     "printed after the text is a <trailer>",
    ("p", "div"): "a paragraph cannot follow a division inside the same div, nor closing "
                  "matter (trailer, closing byline): move it into the section, or before",
    ("trailer", "div"): "a trailer closes a division: it comes after at least one paragraph or "
                        "section",
    ("author", "byline"): "inside a byline, name people with <persName> (and <roleName>), "
                          "not <author>",
    ("respStmt", "byline"): "inside a byline, name people with <persName> (and <roleName>), "
                            "not <respStmt>",
}

# libxml2 leaves the element name out when the missing child is one of several patterns:
# the children each element of the grammar requires, in order, name the first one absent.
_REQUIRED_CHILDREN = {
    "TEI": ["teiHeader", "text"], "teiHeader": ["fileDesc", "profileDesc"],
    "fileDesc": ["titleStmt", "publicationStmt", "sourceDesc"], "titleStmt": ["title"],
    "sourceDesc": ["biblStruct"], "biblStruct": ["monogr"], "monogr": ["title", "imprint"],
    "analytic": ["title"], "imprint": ["date"], "profileDesc": ["langUsage"],
    "langUsage": ["language"], "revisionDesc": ["change"], "appInfo": ["application"],
    "application": ["label"], "text": ["body"], "body": ["div"], "listBibl": ["biblStruct"],
    "respStmt": ["resp"], "argument": ["p"], "notesStmt": ["note"], "availability": ["licence"],
}


def _first_missing_child(el) -> str:
    present = {etree.QName(child).localname for child in el if isinstance(child.tag, str)}
    name = etree.QName(el).localname
    return next((c for c in _REQUIRED_CHILDREN.get(name, []) if c not in present), "")


_MISSING_HINTS = {
    "imprint": 'the issue date: <date when="YYYY-MM-DD">, or <date cert="unknown"/> when it '
               "is not known",
}


_RNG_PATTERNS = [
    (re.compile(r"Did not expect element (\S+) there"), "unexpected"),
    (re.compile(r"Element (\S+) has extra content: (\S+)"), "extra"),
    (re.compile(r"Expecting element (\S+), got (\S+)"), "expecting"),
    (re.compile(r"Expecting an element (\S*), got nothing"), "missing"),
    (re.compile(r"Invalid attribute (\S+) for element (\S+)"), "attribute"),
    (re.compile(r"Element (\S+) failed to validate attributes"), "attributes"),
    (re.compile(r"Element (\S+) failed to validate content"), "content"),
    (re.compile(r"Element (\S+) has wrong namespace: expecting (\S+)"), "namespace"),
    (re.compile(r"Expecting element (\S+) to be empty"), "empty"),
]


def _describe(el: etree._Element | None, name: str) -> str:
    if el is not None and el.get("type"):
        return f'<{name} type="{el.get("type")}">'
    return f"<{name}>"


def _relaxng_problems(rng: etree.RelaxNG, tree, path: str, locator: _Locator) -> list[Problem]:
    if rng.validate(tree):
        return []
    entries = list(rng.error_log)
    problems: list[Problem] = []
    reported_unexpected: set[tuple[int, str]] = set()
    summaries: list[Problem] = []
    for entry in entries:
        line = entry.line or None
        kind, match = _classify(entry.message)
        el, message = None, entry.message.strip()
        if kind == "unexpected":
            name = match.group(1)
            el = locator.element_at(line, name, misplaced=True)
            parent = el.getparent() if el is not None else None
            where = "" if parent is None else \
                f" inside {_describe(parent, etree.QName(parent).localname)}"
            message = f"<{name}> is not allowed here{where}"
            hint = _HINTS.get((name, etree.QName(parent).localname if parent is not None else ""))
            if (name, hint) == ("p", _HINTS[("p", "div")]) and not any(
                    etree.QName(s).localname in ("div", "trailer", "byline")
                    for s in el.itersiblings(preceding=True) if isinstance(s.tag, str)):
                hint = None
            missing = _first_missing_child(parent) if parent is not None else ""
            if hint:
                message += f": {hint}"
            elif missing:
                # Often the element is fine and something required before it is absent.
                message += f" (<{etree.QName(parent).localname}> lacks a required <{missing}>)"
            reported_unexpected.add((line or 0, name))
        elif kind == "extra":
            parent_name, name = match.groups()
            if (line or 0, name) in reported_unexpected:
                continue                      # the same fault, already said better
            el = locator.element_at(line, name)
            message = f"<{name}> is not allowed at this point inside <{parent_name}>"
        elif kind == "expecting":
            wanted, got = match.groups()
            el = locator.element_at(line, got)
            message = f"expected <{wanted}> here, found <{got}>"
        elif kind == "missing":
            el = locator.first_element_at(line)
            parent = etree.QName(el).localname if el is not None else None
            wanted = match.group(1) or (_first_missing_child(el) if el is not None else "")
            message = (f"<{parent}> is incomplete: " if parent else "") + \
                (f"a required <{wanted}> is missing" if wanted else
                 "a required child element is missing")
            if parent in _MISSING_HINTS:
                message += f" ({_MISSING_HINTS[parent]})"
        elif kind == "attribute":
            attr, name = match.groups()
            el = locator.element_at(line, name)
            value = None
            if el is not None:
                value = el.get(attr)
                if value is None and attr in ("id", "lang", "space", "base"):
                    value = el.get(f"{{{XML_NS}}}{attr}")
                    attr = f"xml:{attr}"
            shown = f'{attr}="{value}"' if value is not None else attr
            allowed = _allowed_values(name, attr)
            if allowed:
                message = (f"attribute {shown} is not allowed on <{name}> "
                           f"(allowed values: {', '.join(allowed)})")
            elif _declares(name, attr):
                message = f"{shown} is not a valid value on <{name}>"
                if attr in _VALUE_HINTS:
                    message += f": {_VALUE_HINTS[attr]}"
            else:
                message = f"attribute {attr} is not allowed on <{name}>"
        elif kind == "attributes":
            name = match.group(1)
            el = locator.element_at(line, name)
            message = _attributes_message(el, name)
        elif kind == "content":
            name = match.group(1)
            el = locator.element_at(line, name)
            at = locator.position(el) if el is not None else (line, None)
            summaries.append(Problem(path, *at,
                                     f"{_describe(el, name)} has content the schema does not allow",
                                     "rng"))
            continue
        elif kind == "namespace":
            name, wanted = match.groups()
            el = locator.element_at(line, name)
            message = f"<{name}> is in the wrong namespace (expected {wanted})"
        elif kind == "empty":
            name = match.group(1)
            el = locator.element_at(line, name)
            message = f"<{name}> must be empty"
        if el is not None:
            at_line, column = locator.position(el)
        else:
            at_line, column = line, None
        problems.append(Problem(path, at_line, column, message, "rng"))
    # libxml2 sometimes adds a line-less "failed to validate attributes" for an element it
    # has already reported precisely.
    if any(p.line for p in problems):
        problems = [p for p in problems if p.line or not p.message.endswith(_GENERIC_ATTRIBUTES)]
    # "X failed to validate content" only summarises a fault said elsewhere; keep it
    # when libxml2 said nothing more precise.
    return problems or summaries or [Problem(path, None, None, "the document does not match the "
                                             "schema", "rng")]


def _classify(message: str):
    for pattern, kind in _RNG_PATTERNS:
        match = pattern.search(message)
        if match:
            return kind, match
    return None, None


_VALUE_HINTS = {
    "when": "an ISO date is YYYY, YYYY-MM or YYYY-MM-DD and must exist in the calendar",
    "xml:id": "an id is a name (a letter first, no spaces or colons), used once in a document",
    "copyOf": 'a pointer is "#" followed by the id of an element in this document',
    "decls": 'a pointer is "#" followed by the id of an element in this document',
    "corresp": 'a pointer is "#" followed by the id of an element in this document',
    "who": 'a pointer is "#" followed by the id of an element in this document',
    "xml:lang": "a language tag such as zh-Hans or en (BCP 47)",
}


# What an element needs where the grammar's patterns for it differ by context.
_CONTEXT_ATTRIBUTES = {
    ("title", "monogr"): 'level="j" (the newspaper), and at most a type main, sub or alt',
    ("title", "analytic"): 'level="a" and a type: main, sub, kicker or supplied',
    ("date", "imprint"): 'when="YYYY-MM-DD" (the issue date, with cert high, medium or low if '
                         'inferred), or cert="unknown" and no when',
    ("biblStruct", "sourceDesc"): 'type="newspaper"',
    ("biblStruct", "listBibl"): "an xml:id (the article's decls points at it)",
    ("div", "*"): 'type="article" with an xml:id, or type="section"',
    ("fw", "*"): "a type: credit, header, footer or pageNum (and place top or bottom)",
    ("biblScope", "*"): "a unit: page or issue",
    ("application", "*"): "ident and version",
    ("change", "*"): 'when="YYYY-MM-DD"',
}


def _attributes_message(el: etree._Element | None, name: str) -> str:
    if el is None:
        return f"<{name}> {_GENERIC_ATTRIBUTES}"
    if el is not None and name == "div" and el.get("type") == "article" \
            and el.get(f"{{{XML_NS}}}id") is None:
        return 'an article (<div type="article">) needs an xml:id'
    if el is not None:
        for key, value in el.attrib.items():
            attr = f"xml:{etree.QName(key).localname}" if key.startswith(f"{{{XML_NS}}}") else key
            allowed = _allowed_values(name, attr)
            if not _declares(name, attr):
                return f"attribute {attr} is not allowed on <{name}>"
            if allowed and value not in allowed:
                return (f'attribute {attr}="{value}" is not allowed on <{name}> '
                        f"(allowed values: {', '.join(allowed)})")
    parent = etree.QName(el.getparent()).localname if el is not None and \
        el.getparent() is not None else ""
    needs = _CONTEXT_ATTRIBUTES.get((name, parent)) or _CONTEXT_ATTRIBUTES.get((name, "*"))
    if needs:
        return f"<{name}> in <{parent}> needs {needs}"
    required = _required_attributes(name)
    if el is not None and required:
        missing = [a for a in required if el.get(_attr_key(a)) is None]
        if missing:
            return f"<{name}> needs the attribute{'s' if len(missing) > 1 else ''} " \
                   f"{', '.join(missing)}"
    return f"<{name}> {_GENERIC_ATTRIBUTES}"


_GENERIC_ATTRIBUTES = "has a missing, unknown or invalid attribute"


def _attr_key(name: str) -> str:
    return f"{{{XML_NS}}}{name[4:]}" if name.startswith("xml:") else name


_INTROSPECTION: dict | None = None


def _grammar_facts() -> dict:
    """For each element name in the project grammar: its attributes and their closed
    values, the attributes every pattern of it requires, and the children any pattern of
    it allows. Used only to explain errors."""
    global _INTROSPECTION
    if _INTROSPECTION is not None:
        return _INTROSPECTION
    grammar = etree.parse(str(rng_path())).getroot()
    ns = {"r": RNG_NS}
    defines = {d.get("name"): d for d in grammar.iterfind("r:define", ns)}
    values: dict[tuple[str, str], set[str]] = {}
    required: dict[str, list[set[str]]] = {}

    def attributes(node, optional, seen):
        for child in node:
            if not isinstance(child.tag, str):
                continue
            local = etree.QName(child).localname
            if local == "element":
                continue
            if local == "attribute":
                yield child, optional
            elif local == "ref":
                name = child.get("name")
                if name not in seen:
                    yield from attributes(defines[name], optional, seen | {name})
            else:
                yield from attributes(child, optional or local in ("optional", "choice",
                                                                   "zeroOrMore"), seen)

    def literal_values(node, seen=frozenset()):
        for child in node.iter():
            if not isinstance(child.tag, str):
                continue
            local = etree.QName(child).localname
            if local == "value":
                yield child.text or ""
            elif local == "ref" and child.get("name") not in seen:
                yield from literal_values(defines[child.get("name")], seen | {child.get("name")})
            elif local == "data":
                yield None               # open: any value of a datatype

    def child_names(node, seen):
        for child in node:
            if not isinstance(child.tag, str):
                continue
            local = etree.QName(child).localname
            if local == "element":
                yield child.get("name")
            elif local == "ref":
                name = child.get("name")
                if name not in seen:
                    yield from child_names(defines[name], seen | {name})
            elif local != "attribute":
                yield from child_names(child, seen)

    children: dict[str, set[str]] = {}
    for element in grammar.iter(f"{{{RNG_NS}}}element"):
        name = element.get("name")
        children.setdefault(name, set()).update(child_names(element, frozenset()))
        req: set[str] = set()
        for attr, optional in attributes(element, False, frozenset()):
            vals = list(literal_values(attr))
            key = (name, attr.get("name"))
            if None in vals:
                values[key] = {"*"}
            elif values.get(key) != {"*"}:
                values.setdefault(key, set()).update(vals)
            if not optional:
                req.add(attr.get("name"))
        required.setdefault(name, []).append(req)
    _INTROSPECTION = {
        "declared": set(values),
        "values": {k: sorted(v) for k, v in values.items() if "*" not in v},
        "required": {k: sorted(set.intersection(*v)) for k, v in required.items()},
        "children": children,
    }
    return _INTROSPECTION


def _allowed_children(element: str) -> set[str]:
    return _grammar_facts()["children"].get(element, set())


def _declares(element: str, attr: str) -> bool:
    return (element, attr) in _grammar_facts()["declared"]


def _allowed_values(element: str, attr: str) -> list[str]:
    return _grammar_facts()["values"].get((element, attr), [])


def _required_attributes(element: str) -> list[str]:
    return _grammar_facts()["required"].get(element, [])


# --------------------------------------------------------------------------- Schematron

def _schematron_problems(sch: SchematronRunner, tree, path: str,
                         locator: _Locator) -> list[Problem]:
    report = sch.report(tree)
    problems = []
    for node in report.iter(f"{{{SVRL_NS}}}failed-assert", f"{{{SVRL_NS}}}successful-report"):
        text = node.find(f"{{{SVRL_NS}}}text")
        message = " ".join("".join(text.itertext()).split()) if text is not None else ""
        role = (node.get("role") or "").lower()
        severity = "warning" if role in ("warning", "warn", "info", "information") else "error"
        line, column = locator.position(_located(node.get("location") or "/", tree, locator))
        problems.append(Problem(path, line, column, message, node.get("id") or "schematron",
                                severity))
    return problems


def _located(location: str, tree, locator: _Locator) -> etree._Element | None:
    """The element an SVRL location names: "#N" (SchematronRunner), else an XPath."""
    if location.startswith("#") and location[1:].isdigit():
        return locator.element_numbered(int(location[1:]))
    try:
        found = tree.xpath(location)
    except etree.XPathError:
        return None
    return found[0] if found and isinstance(found[0], etree._Element) else None


# --------------------------------------------------------------------------- command line

def run_cli(files: Iterable[str | Path], *, fmt: str = "text", schema: str | Path | None = None,
            out: TextIO | None = None, err: TextIO | None = None) -> int:
    """`tei-edition validate`: print problems and a summary; 0 all valid, 1 any invalid,
    2 usage or input errors (a bad schema, a file that cannot be read)."""
    out = out or sys.stdout
    err = err or sys.stderr
    files = list(files)
    if fmt not in ("text", "json"):
        print(f"tei-edition: error: unknown format '{fmt}' (text or json)", file=err)
        return 2
    if not files:
        print("tei-edition: error: no files to validate", file=err)
        return 2
    try:
        if schema is None:
            project_schemas()
        else:
            load_relaxng(schema)
    except InputError as exc:
        print(f"tei-edition: error: {exc}", file=err)
        return 2
    if out is None:
        print("tei-edition: error: standard output is closed: nowhere to write the report",
              file=err)
        return 2
    reports = [validate(f, schema=schema) for f in files]
    try:
        _write_reports(reports, fmt, schema, out)
    except (OSError, ValueError) as exc:      # a closed pipe, a full disk, a closed stream
        print(f"tei-edition: error: cannot write the report to standard output: "
              f"{stream_error(exc)}", file=err)
        return 2
    counts = {status: sum(r.status == status for r in reports)
              for status in ("valid", "invalid", "unreadable")}
    if counts["unreadable"]:
        return 2
    return 1 if counts["invalid"] else 0


def _write_reports(reports: list[Report], fmt: str, schema, out: TextIO) -> None:
    schema_label = display_path(schema) if schema is not None else f"{rng_path().name} + {sch_path().name}"
    counts = {status: sum(r.status == status for r in reports)
              for status in ("valid", "invalid", "unreadable")}
    n_errors = sum(len(r.errors) for r in reports)
    n_warnings = sum(len(r.problems) - len(r.errors) for r in reports)
    if fmt == "json":
        json.dump({
            "schema": schema_label,
            "files": [{"path": r.path, "status": r.status, "valid": r.ok,
                       "problems": [asdict(p) for p in r.problems]} for r in reports],
            "summary": {"files": len(reports), **counts, "errors": n_errors,
                        "warnings": n_warnings},
        }, out, ensure_ascii=False, indent=2)
        out.write("\n")
    else:
        for r in reports:
            for problem in r.problems:
                print(problem, file=out)
            if r.status == "valid":
                print(f"{r.path}: valid", file=out)
            elif r.status == "invalid":
                print(f"{r.path}: invalid ({len(r.errors)} error{'s' * (len(r.errors) != 1)})",
                      file=out)
        parts = [f"{counts['valid']} valid", f"{counts['invalid']} invalid"]
        if counts["unreadable"]:
            parts.append(f"{counts['unreadable']} unreadable")
        print(f"{len(reports)} file{'s' * (len(reports) != 1)} checked against {schema_label}: "
              f"{', '.join(parts)}; {n_errors} error{'s' * (n_errors != 1)}"
              + (f", {n_warnings} warning{'s' * (n_warnings != 1)}" if n_warnings else ""),
              file=out)
    out.flush()
