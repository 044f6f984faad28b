"""The customisation is a subset of TEI: what our schema accepts, tei_all accepts.

Two sources of documents:
- random documents drawn from tei_newspaper.rng itself (every element, attribute and
  value it allows, in every order it allows), so a widening anywhere in the grammar is
  found, not only in the parts the encoder uses today;
- the encoder's output over generated page texts (hypothesis).
Schematron rules only narrow further, so the grammar alone is checked.
"""

from __future__ import annotations

import random

import pytest
from hypothesis import HealthCheck, given, settings
from lxml import etree

from tei_edition.schema import rng_path
from tei_edition.validation import project_schemas, validate_tree

RNG = "http://relaxng.org/ns/structure/1.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"
DOCUMENTS = 150


def _patterns(node):
    return [c for c in node if isinstance(c.tag, str) and c.tag.startswith(f"{{{RNG}}}")]


def _kind(node) -> str:
    return etree.QName(node).localname


class GrammarSampler:
    """Random instances of a RELAX NG grammar written with the constructs ours uses."""

    # Sample values for the data types and patterns of tei_newspaper.rng.
    TOKEN_SAMPLES = {
        r"[^\p{C}\p{Z}]+": ["w", "run-in", "bold", "x1"],
        r"[\d]+(\.[\d]+){0,2}": ["4.12.0", "3"],
        r"[\d]+[a-z]*[\d]*(\.[\d]+[a-z]*[\d]*){0,3}": ["0.1.0", "1b2.3"],
        r"\d+(\.\d+)?(%|cm|mm|in|pt|px)": ["10cm", "50%", "300px"],
    }

    def __init__(self, grammar_path, seed: int, max_depth: int = 12):
        root = etree.parse(str(grammar_path)).getroot()
        self.ns = root.get("ns", "")
        self.defines = {d.get("name"): d for d in root.iter(f"{{{RNG}}}define")}
        self.start = root.find(f"{{{RNG}}}start")
        self.rnd = random.Random(seed)
        self.max_depth = max_depth
        self.costs: dict[str, int] = {}
        self.ids = 0

    def document(self) -> etree._ElementTree:
        holder = etree.Element("holder")
        for pattern in _patterns(self.start):
            self.emit(pattern, holder, 0)
        return etree.ElementTree(holder[0])

    def cost(self, pattern, stack=()) -> int:
        """Element depth a pattern needs before it can end (to stop recursion)."""
        kind = _kind(pattern)
        if kind == "ref":
            name = pattern.get("name")
            if name in stack:
                return 10**6
            if name not in self.costs:
                self.costs[name] = max([self.cost(p, stack + (name,)) for p in
                                        _patterns(self.defines[name])] or [0])
            return self.costs[name]
        if kind == "element":
            return 1 + max([self.cost(p, stack) for p in _patterns(pattern)] or [0])
        if kind in ("optional", "zeroOrMore", "attribute", "text", "empty", "value", "data",
                    "list"):
            return 0
        if kind == "choice":
            return min(self.cost(p, stack) for p in _patterns(pattern))
        return max([self.cost(p, stack) for p in _patterns(pattern)] or [0])

    def emit(self, pattern, parent, depth: int) -> None:
        kind = _kind(pattern)
        deep = depth >= self.max_depth
        if kind == "ref":
            for p in _patterns(self.defines[pattern.get("name")]):
                self.emit(p, parent, depth)
        elif kind == "element":
            el = etree.SubElement(parent, f"{{{self.ns}}}{pattern.get('name')}")
            for p in _patterns(pattern):
                self.emit(p, el, depth + 1)
        elif kind == "attribute":
            name = pattern.get("name")
            key = f"{{{XML_NS}}}{name[4:]}" if name.startswith("xml:") else name
            parent.set(key, self.value(_patterns(pattern)[0]))
        elif kind == "group":
            for p in _patterns(pattern):
                self.emit(p, parent, depth)
        elif kind == "choice":
            options = _patterns(pattern)
            if deep:
                cheapest = min(self.cost(o) for o in options)
                options = [o for o in options if self.cost(o) == cheapest]
            self.emit(self.rnd.choice(options), parent, depth)
        elif kind == "optional":
            if not deep and self.rnd.random() < 0.6:
                for p in _patterns(pattern):
                    self.emit(p, parent, depth)
        elif kind in ("zeroOrMore", "oneOrMore"):
            times = (kind == "oneOrMore") + (0 if deep else self.rnd.choice([0, 0, 1, 1, 2, 3]))
            for _ in range(times):
                for p in _patterns(pattern):
                    self.emit(p, parent, depth)
        elif kind == "text":
            words = self.rnd.choice(["", "会议", " text ", "8月25日，", "（一）"])
            if len(parent):
                parent[-1].tail = (parent[-1].tail or "") + words
            else:
                parent.text = (parent.text or "") + words
        elif kind != "empty":
            raise AssertionError(f"the sampler does not know <{kind}>: teach it before using it")

    def value(self, pattern) -> str:
        kind = _kind(pattern)
        if kind == "value":
            return pattern.text or ""
        if kind == "ref":
            return self.value(_patterns(self.defines[pattern.get("name")])[0])
        if kind == "choice":
            return self.value(self.rnd.choice(_patterns(pattern)))
        if kind == "list":
            return " ".join(self.value(_patterns(_patterns(pattern)[0])[0])
                            for _ in range(self.rnd.randint(1, 3)))
        if kind == "data":
            return self.data(pattern.get("type"), pattern.findtext(f"{{{RNG}}}param"))
        raise AssertionError(f"the sampler has no value for <{kind}>")

    def data(self, datatype: str, param: str | None) -> str:
        r = self.rnd
        if datatype == "ID":
            self.ids += 1
            return f"id{self.ids}"
        if datatype == "token":
            assert param in self.TOKEN_SAMPLES, f"no samples for the token pattern {param}"
            return r.choice(self.TOKEN_SAMPLES[param])
        samples = {
            "anyURI": ["#id1", "#id2"] if param and param.startswith("#") else
                      ["https://example.org/a", "img/p1.jpg", "#x"],
            "date": ["2022-08-25", "1999-12-31"], "gYearMonth": ["2022-08"], "gYear": ["2022", "1949"],
            "dateTime": ["2022-08-25T10:00:00"], "decimal": ["3", "0", "2.5"],
            "nonNegativeInteger": ["0", "12"], "language": ["zh-Hans", "en", "zh"],
            "Name": ["tei-edition"], "string": ["", "1", "第二版"],
        }
        assert datatype in samples, f"no samples for the datatype {datatype}"
        return r.choice(samples[datatype])


def _grammar_names():
    grammar = etree.parse(str(rng_path())).getroot()
    elements = {e.get("name") for e in grammar.iter(f"{{{RNG}}}element")}
    return elements


@pytest.fixture(scope="module")
def sampled_documents():
    docs = []
    for seed in range(DOCUMENTS):
        tree = GrammarSampler(rng_path(), seed).document()
        # Through text and back, as a file would come: ids and namespaces settle.
        docs.append(etree.ElementTree(etree.fromstring(etree.tostring(tree))))
    return docs


def test_documents_drawn_from_our_grammar_are_valid_under_it(sampled_documents):
    rng, _ = project_schemas()
    rejected = [i for i, d in enumerate(sampled_documents) if not rng.validate(d)]
    assert rejected == [], "the sampler drew documents its own grammar refuses"


def test_the_samples_use_every_element_of_the_grammar(sampled_documents):
    seen = {etree.QName(el).localname for d in sampled_documents for el in d.iter(etree.Element)}
    assert _grammar_names() - seen == set()


def test_the_samples_use_every_attribute_and_every_closed_value(sampled_documents):
    from tei_edition.validation import _grammar_facts

    seen = set()
    for doc in sampled_documents:
        for el in doc.iter(etree.Element):
            for key, value in el.attrib.items():
                name = f"xml:{etree.QName(key).localname}" if key.startswith(f"{{{XML_NS}}}") else key
                seen.add((etree.QName(el).localname, name, value))
    facts = _grammar_facts()
    assert facts["declared"] - {(e, a) for e, a, _ in seen} == set()
    assert [(key, value) for key, values in facts["values"].items() for value in values
            if (*key, value) not in seen] == []


def test_every_document_our_grammar_accepts_is_valid_tei(sampled_documents, tei_all):
    failures = []
    for number, doc in enumerate(sampled_documents):
        if not tei_all.validate(doc):
            failures.append((number, str(tei_all.error_log.filter_from_errors()[0])))
    assert failures == [], f"{len(failures)} documents valid under ours, invalid under tei_all: " \
                           f"{failures[:3]}"


def test_the_subset_check_would_catch_a_widened_grammar(tmp_path, tei_all):
    # Allow a head after the paragraphs (TEI does not): the samples must expose it.
    text = rng_path().read_text(encoding="utf-8")
    widened = text.replace('<ref name="trailer"/>\n            <ref name="byline"/>',
                           '<ref name="trailer"/>\n            <ref name="byline"/>\n'
                           '            <ref name="head"/>')
    assert widened != text
    path = tmp_path / "widened.rng"
    path.write_text(widened, encoding="utf-8")
    refused = sum(not tei_all.validate(etree.ElementTree(etree.fromstring(etree.tostring(
        GrammarSampler(path, seed).document())))) for seed in range(40))
    assert refused > 0


try:
    from strategies import page_text
    from tei_edition.encoder import encode
    from tei_edition.errors import InputError
except ImportError:        # the encoder or its strategies are not in this tree
    page_text = None


@pytest.mark.skipif(page_text is None, reason="no encoder or page strategy")
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(text=page_text() if page_text else None)
def test_encoded_pages_valid_under_ours_are_valid_tei(tei_all, text):
    try:
        result = encode(text.encode("utf-8"), name="generated.txt", when="2026-11-27", validate=False)
    except InputError:
        return
    problems = validate_tree(result.tree, path="generated")
    if not problems:
        assert tei_all.validate(result.tree), str(tei_all.error_log.filter_from_errors()[:3])
    # The encoder must not write what our schema refuses (issue 3, item 4).
    assert problems == [], [str(p) for p in problems[:3]]
