"""The shapes of shapes/ compiled to SPARQL and run on pyoxigraph: the build's validator.

pySHACL (mkgraph.validate.shacl) stays the reference: it needs ~1.5 s for the seed and grows
faster than linearly with the graph, so 10,000 resolutions are out of reach. This module
reads the same shapes graph and turns every constraint into one SPARQL SELECT that lists
the violating focus nodes; pyoxigraph answers those in milliseconds, over one resolution
or over a whole batch at once. tests/test_scale.py proves that both validators report the
same (focus node, source shape, constraint component) on every fixture of
tests/shapes/invalid/ and nothing on the valid ones.

Compiled: targets by sh:targetClass (following rdfs:subClassOf*), sh:targetSubjectsOf,
sh:targetObjectsOf and sh:targetNode, property paths
(predicate, inverse, sequence, alternative, * + ?), and the core components the shapes
use: min/maxCount, class, datatype, nodeKind, pattern, languageIn, uniqueLang,
min/maxLength, min/max In/Exclusive, hasValue, in, lessThan(OrEquals), equals, disjoint,
node, xone, and/or/not, qualified value shapes, and SPARQL constraints. A shape that uses
anything else raises Unsupported when compiled, so a new shape cannot be silently skipped.

Not compiled (and not used by the shapes): the well-formedness of literals
(``"x"^^xsd:integer``), which pyoxigraph keeps as written and pySHACL reports as a
datatype violation.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS

from mkgraph.rdf.namespaces import MK, SH

USED_TERM = "https://w3id.org/mkgraph/shapes#UsedTerm"
MIN_MAX = "MinCountConstraintComponent|MaxCountConstraintComponent"
AUX_GRAPH = ox.NamedNode("urn:x-mkgraph:fastcheck")  # where the used-term typing goes
DATES = "<http://www.w3.org/2001/XMLSchema#date>, <http://www.w3.org/2001/XMLSchema#dateTime>"
TYPE_PATH = f"<{RDF.type}>/<{RDFS.subClassOf}>*"

NODE_KINDS = {
    "IRI": "isIRI({v})",
    "BlankNode": "isBlank({v})",
    "Literal": "isLiteral({v})",
    "BlankNodeOrIRI": "(isIRI({v}) || isBlank({v}))",
    "BlankNodeOrLiteral": "(isBlank({v}) || isLiteral({v}))",
    "IRIOrLiteral": "(isIRI({v}) || isLiteral({v}))",
}
# keys of a shape that are not constraints (or are read together with another key)
PASSIVE = {
    RDF.type, SH.name, SH.description, SH.message, SH.targetClass, SH.targetSubjectsOf, SH.targetObjectsOf,
    SH.targetNode, SH.property, SH.path,
    SH.severity, SH.order, SH.group, SH.deactivated, SH.flags, SH.qualifiedMinCount,
    SH.qualifiedMaxCount, SH.qualifiedValueShapesDisjoint, SH.defaultValue, RDFS.label,
    RDFS.comment,
}


class Unsupported(ValueError):
    """The shapes use a SHACL feature this compiler does not translate."""


@dataclass(frozen=True)
class Violation:
    focus: str  # the focus node: an IRI itself, a literal in N-Triples syntax
    shape: str  # IRI of the source shape (or "_:" + id of a blank-node shape)
    component: str  # IRI of the constraint component
    value: str | None  # the offending value (N-Triples syntax), where there is one
    message_en: str = ""
    message_de: str = ""


@dataclass
class Check:
    """One compiled constraint: a query whose rows are violations."""

    shape: str
    component: str
    query: str  # rows ?this (?value): the violations; for a datatype check: the focus nodes
    messages: dict = field(default_factory=dict)
    # sh:datatype on a predicate path is checked on the parsed terms, not in the store:
    # Oxigraph stores literals canonically ("03"^^xsd:nonNegativeInteger becomes
    # "3"^^xsd:integer), so the store cannot tell which datatype was written.
    predicate: str | None = None
    datatype: str | None = None
    target: str | None = None  # the sh:targetClass of the shape it came from
    # terms one of which the data must use (as a class or a predicate) for the check to
    # have a focus node at all; None: always run (a sh:targetNode, or a class target
    # whose subclasses the data may extend)
    needs: frozenset | None = None
    # sh:minCount and sh:maxCount of one property shape, checked by one query whose rows
    # (?this ?n) say which of the two a node breaks (component MIN_MAX)
    bounds: tuple[int, int] | None = None


def _nt(term) -> str:
    if isinstance(term, URIRef):
        return f"<{term}>"
    if isinstance(term, Literal):
        return term.n3()
    raise Unsupported(f"a blank node as a value in a constraint: {term}")


def _str_lit(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def _shape_id(node) -> str:
    return str(node) if isinstance(node, URIRef) else f"_:{node}"


class _Compiler:
    def __init__(self, shapes: Graph, classes: dict[str, tuple[str, ...]] | None = None):
        self.g = shapes
        self.classes = classes
        self.fresh = itertools.count()
        self.prefixes = self._prefixes()

    def var(self) -> str:
        return f"?v{next(self.fresh)}"

    def is_a(self, v: str, cls) -> str:
        """A pattern: v is an instance of cls. With a fixed class hierarchy (classes: each
        class and its subclasses) a plain rdf:type lookup, not the path rdf:type/rdfs:subClassOf*,
        which costs Oxigraph twice as much per node (measured on a batch of 8 texts)."""
        if self.classes is None:
            return f"{v} {TYPE_PATH} <{cls}>"
        subs = self.classes.get(str(cls), (str(cls),))
        if len(subs) == 1:
            return f"{v} <{RDF.type}> <{subs[0]}>"
        c = self.var()
        return f"VALUES {c} {{ {' '.join(f'<{x}>' for x in subs)} }} {v} <{RDF.type}> {c}"

    def class_focus(self, cls) -> str:
        if self.classes is None:
            return f"{{ SELECT DISTINCT ?this WHERE {{ {self.is_a('?this', cls)} }} }}"
        # A node of two of the classes comes twice: every compiled check reports DISTINCT
        # rows or counts DISTINCT values, and sparql_check makes the focus distinct itself.
        return self.is_a("?this", cls) + " ."

    def _prefixes(self) -> str:
        lines = set()
        for decl in self.g.objects(None, SH.declare):
            prefix, ns = self.g.value(decl, SH.prefix), self.g.value(decl, SH.namespace)
            if prefix is not None and ns is not None:
                lines.add(f"PREFIX {prefix}: <{ns}>")
        return "\n".join(sorted(lines))

    def items(self, node) -> list:
        return list(Collection(self.g, node))

    # -- paths ------------------------------------------------------------------------------
    def path(self, node) -> str:
        g = self.g
        if isinstance(node, URIRef):
            return f"<{node}>"
        if g.value(node, RDF.first) is not None:
            return "(" + "/".join(self.path(i) for i in self.items(node)) + ")"
        for pred, fmt in ((SH.inversePath, "^({})"), (SH.zeroOrMorePath, "({})*"),
                          (SH.oneOrMorePath, "({})+"), (SH.zeroOrOnePath, "({})?")):
            inner = g.value(node, pred)
            if inner is not None:
                return fmt.format(self.path(inner))
        alt = g.value(node, SH.alternativePath)
        if alt is not None:
            return "(" + "|".join(self.path(i) for i in self.items(alt)) + ")"
        raise Unsupported(f"path {node}")

    # -- conditions on one value node, as a SPARQL expression --------------------------------
    def value_conditions(self, shape, v: str) -> list[tuple[str, str]]:
        """(component, expression true when v satisfies it) for the node-level constraints."""
        g, out = self.g, []
        for p, o in sorted(g.predicate_objects(shape), key=lambda po: (str(po[0]), str(po[1]))):
            if p in PASSIVE:
                continue
            if p == SH["class"]:
                out.append(("ClassConstraintComponent", f"EXISTS {{ {self.is_a(v, o)} }}"))
            elif p == SH.datatype:
                if g.value(shape, SH.path) is None or v != "?value":
                    raise Unsupported(f"sh:datatype on a node shape or nested shape {shape}")
                out.append(("DatatypeConstraintComponent", ""))
            elif p == SH.nodeKind:
                out.append(("NodeKindConstraintComponent", NODE_KINDS[str(o).rsplit("#", 1)[1]].format(v=v)))
            elif p == SH.pattern:
                flags = g.value(shape, SH.flags)
                args = f", {_str_lit(str(flags))}" if flags is not None else ""
                out.append(("PatternConstraintComponent",
                            f"(!isBlank({v}) && REGEX(STR({v}), {_str_lit(str(o))}{args}))"))
            elif p == SH.languageIn:
                langs = " || ".join(f"LANGMATCHES(LANG({v}), {_str_lit(str(x))})" for x in self.items(o))
                out.append(("LanguageInConstraintComponent", f"(isLiteral({v}) && ({langs or 'false'}))"))
            elif p in (SH.minLength, SH.maxLength):
                op = ">=" if p == SH.minLength else "<="
                out.append((f"{'Min' if p == SH.minLength else 'Max'}LengthConstraintComponent",
                            f"(!isBlank({v}) && STRLEN(STR({v})) {op} {int(o)})"))
            elif p in (SH.minInclusive, SH.maxInclusive, SH.minExclusive, SH.maxExclusive):
                op = {SH.minInclusive: ">=", SH.maxInclusive: "<=", SH.minExclusive: ">", SH.maxExclusive: "<"}[p]
                name = str(p).rsplit("#", 1)[1]
                out.append((f"{name[0].upper()}{name[1:]}ConstraintComponent",
                            f"COALESCE({v} {op} {_nt(o)}, false)"))
            elif p == SH["in"]:
                alts = " || ".join(f"sameTerm({v}, {_nt(x)})" for x in self.items(o))
                out.append(("InConstraintComponent", f"({alts or 'false'})"))
            elif p == SH.node:
                out.append(("NodeConstraintComponent", self.conforms(o, v)))
            elif p in (SH["not"], SH["and"], SH["or"], SH.xone):
                out.append(self.logical(p, o, v))
            elif p in (SH.hasValue, SH.minCount, SH.maxCount, SH.uniqueLang, SH.qualifiedValueShape,
                       SH.lessThan, SH.lessThanOrEquals, SH.equals, SH.disjoint, SH.sparql):
                continue  # value-set constraints: see property_checks / node_checks
            elif p == SH.target and g.value(shape, SH.targetClass) is not None:
                # A SHACL-AF target (mksh:UsedTermShape's sh:SPARQLTarget) beside a class
                # target: the class target reaches the same nodes (mark_used_terms types
                # them), so the shape is not skipped; alone it would be.
                continue
            else:
                raise Unsupported(f"{p} on {shape}")
        return out

    def logical(self, p, o, v: str) -> tuple[str, str]:
        if p == SH["not"]:
            return "NotConstraintComponent", f"!({self.conforms(o, v)})"
        parts = [self.conforms(s, v) for s in self.items(o)]
        if p == SH["and"]:
            return "AndConstraintComponent", "(" + " && ".join(parts or ["true"]) + ")"
        if p == SH["or"]:
            return "OrConstraintComponent", "(" + " || ".join(parts or ["false"]) + ")"
        count = " + ".join(f"IF({c}, 1, 0)" for c in parts) or "0"
        return "XoneConstraintComponent", f"(({count}) = 1)"

    def conforms(self, shape, v: str) -> str:
        """A SPARQL expression: v conforms to shape (used by sh:node, logic, qualified)."""
        g = self.g
        conds = [c for _, c in self.value_conditions(shape, v)]
        if g.value(shape, SH.hasValue) is not None and g.value(shape, SH.path) is None:
            conds.append(f"sameTerm({v}, {_nt(g.value(shape, SH.hasValue))})")
        shapes_of_values = [shape] if g.value(shape, SH.path) is not None else []
        shapes_of_values += list(g.objects(shape, SH.property))
        for ps in shapes_of_values:
            conds.extend(self.property_conforms(ps, v))
        return "(" + " && ".join(conds or ["true"]) + ")"

    def property_conforms(self, ps, focus: str) -> list[str]:
        g = self.g
        path = self.path(g.value(ps, SH.path))
        w = self.var()
        out = []
        lo, hi = g.value(ps, SH.minCount), g.value(ps, SH.maxCount)
        if lo is not None and int(lo) > 0:
            if int(lo) != 1:
                raise Unsupported(f"sh:minCount > 1 inside a nested shape {ps}")
            out.append(f"EXISTS {{ {focus} {path} {w} }}")
        if hi is not None:
            if int(hi) != 0:
                raise Unsupported(f"sh:maxCount > 0 inside a nested shape {ps}")
            out.append(f"NOT EXISTS {{ {focus} {path} {w} }}")
        hv = g.value(ps, SH.hasValue)
        if hv is not None:
            out.append(f"EXISTS {{ {focus} {path} {_nt(hv)} }}")
        for key in (SH.uniqueLang, SH.qualifiedValueShape, SH.lessThan, SH.lessThanOrEquals,
                    SH.equals, SH.disjoint, SH.sparql):
            if g.value(ps, key) is not None:
                raise Unsupported(f"{key} inside a nested shape {ps}")
        conds = [c for _, c in self.value_conditions(ps, w)]
        if conds:
            out.append(f"NOT EXISTS {{ {focus} {path} {w} FILTER (!({' && '.join(conds)})) }}")
        return out

    # -- top-level checks ------------------------------------------------------------------
    def query(self, focus_pattern: str, body: str, select: str = "DISTINCT ?this ?value", tail: str = "") -> str:
        return f"{self.prefixes}\nSELECT {select} WHERE {{\n  {focus_pattern}\n  {body}\n}} {tail}"

    def node_checks(self, shape, focus: str) -> list[Check]:
        g, out = self.g, []
        sid = _shape_id(shape)
        msgs = _messages(g, shape)
        for comp, cond in self.value_conditions(shape, "?this"):
            out.append(Check(sid, comp, self.query(focus, f"BIND (?this AS ?value) FILTER (!({cond}))"), msgs))
        hv = g.value(shape, SH.hasValue)
        if hv is not None:
            out.append(Check(sid, "HasValueConstraintComponent",
                             self.query(focus, f"FILTER (!sameTerm(?this, {_nt(hv)}))", "DISTINCT ?this"), msgs))
        for constraint in sorted(g.objects(shape, SH.sparql), key=str):
            out.append(self.sparql_check(shape, constraint, focus))
        for ps in sorted(g.objects(shape, SH.property), key=str):
            out.extend(self.property_checks(ps, focus))
        return out

    def property_checks(self, ps, focus: str) -> list[Check]:
        g, out = self.g, []
        sid, msgs = _shape_id(ps), _messages(g, ps)
        path = self.path(g.value(ps, SH.path))
        reach = f"?this {path} ?value ."
        lo, hi = g.value(ps, SH.minCount), g.value(ps, SH.maxCount)
        # at least one: a left join, without grouping (a quarter faster; measured, as is
        # that NOT EXISTS is far slower on a sequence path and a self-join for "at most
        # one" slower than the grouping); both bounds: one grouping over the left join
        # (a third less than the two queries, measured on the anchors of 8 texts)
        if lo is not None and int(lo) > 0 and hi is not None:
            n = "COUNT(DISTINCT ?value)"
            out.append(Check(sid, MIN_MAX, self.query(
                focus, f"OPTIONAL {{ {reach} }}", f"?this ({n} AS ?n)",
                f"GROUP BY ?this HAVING ({n} < {int(lo)} || {n} > {int(hi)})"), msgs, bounds=(int(lo), int(hi))))
        elif lo is not None and int(lo) == 1:
            out.append(Check(sid, "MinCountConstraintComponent", self.query(
                focus, f"OPTIONAL {{ {reach} }} FILTER (!BOUND(?value))", "DISTINCT ?this"), msgs))
        elif lo is not None and int(lo) > 1:
            out.append(Check(sid, "MinCountConstraintComponent", self.query(
                focus, f"OPTIONAL {{ {reach} }}", "?this",
                f"GROUP BY ?this HAVING (COUNT(DISTINCT ?value) < {int(lo)})"), msgs))
        if hi is not None and (lo is None or int(lo) <= 0):
            out.append(Check(sid, "MaxCountConstraintComponent", self.query(
                focus, reach, "?this", f"GROUP BY ?this HAVING (COUNT(DISTINCT ?value) > {int(hi)})"), msgs))
        for comp, cond in self.value_conditions(ps, "?value"):
            if comp == "DatatypeConstraintComponent":
                pred = g.value(ps, SH.path)
                if not isinstance(pred, URIRef):
                    raise Unsupported(f"sh:datatype on a complex path {ps}")
                out.append(Check(sid, comp, self.query(focus, "", "DISTINCT ?this"), msgs,
                                 str(pred), str(g.value(ps, SH.datatype))))
                continue
            out.append(Check(sid, comp, self.query(focus, f"{reach} FILTER (!({cond}))"), msgs))
        hv = g.value(ps, SH.hasValue)
        if hv is not None:
            out.append(Check(sid, "HasValueConstraintComponent", self.query(
                focus, f"FILTER NOT EXISTS {{ ?this {path} {_nt(hv)} }}", "DISTINCT ?this"), msgs))
        if str(g.value(ps, SH.uniqueLang)).lower() == "true":
            out.append(Check(sid, "UniqueLangConstraintComponent", self.query(
                focus, f"{reach} ?this {path} ?other . FILTER (!sameTerm(?value, ?other) && LANG(?value) != '' "
                f"&& LCASE(LANG(?value)) = LCASE(LANG(?other)))", "DISTINCT ?this"), msgs))
        for key, op in ((SH.lessThan, "<"), (SH.lessThanOrEquals, "<=")):
            other = g.value(ps, key)
            if other is not None:
                comp = "LessThanConstraintComponent" if key == SH.lessThan else "LessThanOrEqualsConstraintComponent"
                out.append(Check(sid, comp, self.query(
                    # Values that cannot be compared violate it (SHACL), except a date
                    # against a dateTime, which pySHACL (through rdflib) lets pass.
                    focus, f"{reach} ?this <{other}> ?other . FILTER (!COALESCE(?value {op} ?other, "
                    f"DATATYPE(?value) IN ({DATES}) && DATATYPE(?other) IN ({DATES})))"), msgs))
        for key in (SH.equals, SH.disjoint):
            other = g.value(ps, key)
            if other is not None:
                if key == SH.disjoint:
                    body = f"{reach} ?this <{other}> ?value ."
                else:
                    body = (f"{{ {reach} FILTER NOT EXISTS {{ ?this <{other}> ?value }} }} UNION "
                            f"{{ ?this <{other}> ?value . FILTER NOT EXISTS {{ ?this {path} ?value }} }}")
                name = "DisjointConstraintComponent" if key == SH.disjoint else "EqualsConstraintComponent"
                out.append(Check(sid, name, self.query(focus, body), msgs))
        q = g.value(ps, SH.qualifiedValueShape)
        if q is not None:
            ok = self.conforms(q, "?value")
            qlo, qhi = g.value(ps, SH.qualifiedMinCount), g.value(ps, SH.qualifiedMaxCount)
            if str(g.value(ps, SH.qualifiedValueShapesDisjoint)).lower() == "true":
                raise Unsupported(f"sh:qualifiedValueShapesDisjoint on {ps}")
            for bound, comp, op in ((qlo, "QualifiedMinCountConstraintComponent", "<"),
                                    (qhi, "QualifiedMaxCountConstraintComponent", ">")):
                if bound is not None:
                    out.append(Check(sid, comp, self.query(
                        focus, f"OPTIONAL {{ {reach} FILTER ({ok}) }}", "?this",
                        f"GROUP BY ?this HAVING (COUNT(DISTINCT ?value) {op} {int(bound)})"), msgs))
        return out

    def sparql_check(self, shape, constraint, focus: str) -> Check:
        g = self.g
        select = str(g.value(constraint, SH.select))
        select = re.sub(r"\$this\b", "?this", select)
        at = re.search(r"\bWHERE\s*\{", select, re.IGNORECASE)
        if at is None:
            raise Unsupported(f"SPARQL constraint without WHERE: {constraint}")
        if not focus.startswith("{ SELECT DISTINCT"):  # its own query may count rows
            focus = f"{{ SELECT DISTINCT ?this WHERE {{ {focus} }} }}"
        query = select[:at.end()] + "\n  " + focus + "\n" + select[at.end():]
        msgs = _messages(g, constraint) or _messages(g, shape)
        return Check(_shape_id(shape), "SPARQLConstraintComponent", self.prefixes + "\n" + query, msgs)


def _messages(g: Graph, node) -> dict:
    return {getattr(m, "language", None): str(m) for m in g.objects(node, SH.message)}


def compile_shapes(shapes: Graph, classes: dict[str, tuple[str, ...]] | None = None) -> tuple[Check, ...]:
    """Every constraint of every targeted shape as a query (deterministic order). With
    classes (each class IRI and its subclasses, itself included: subclasses()) the queries
    take that hierarchy as fixed; they are right only for data that adds no rdfs:subClassOf."""
    c = _Compiler(shapes, classes)
    out: list[Check] = []
    for shape, cls in sorted(shapes.subject_objects(SH.targetClass), key=lambda so: (str(so[0]), str(so[1]))):
        if str(shapes.value(shape, SH.deactivated)).lower() == "true":
            continue
        focus = c.class_focus(cls)
        needs = None if classes is None else frozenset(classes.get(str(cls), (str(cls),)))
        out.extend(replace(check, target=str(cls), needs=needs) for check in c.node_checks(shape, focus))
    # Targets by property (a node that lost its rdf:type is still reached) and by node.
    # A shape with several targets gets its checks once per target; run() keeps each
    # violation once, as pySHACL reports each focus node once.
    for key, pattern in ((SH.targetSubjectsOf, "?this <{}> ?any"), (SH.targetObjectsOf, "?any <{}> ?this")):
        for shape, prop in sorted(shapes.subject_objects(key), key=lambda so: (str(so[0]), str(so[1]))):
            if str(shapes.value(shape, SH.deactivated)).lower() == "true":
                continue
            if not isinstance(prop, URIRef):
                raise Unsupported(f"{key} {prop} on {shape}")
            focus = f"{{ SELECT DISTINCT ?this WHERE {{ {pattern.format(prop)} }} }}"
            out.extend(replace(check, needs=frozenset({str(prop)})) for check in c.node_checks(shape, focus))
    for shape, node in sorted(shapes.subject_objects(SH.targetNode), key=lambda so: (str(so[0]), str(so[1]))):
        if str(shapes.value(shape, SH.deactivated)).lower() == "true":
            continue
        focus = f"VALUES ?this {{ {_nt(node)} }}"
        out.extend(c.node_checks(shape, focus))
    return tuple(out)


@lru_cache(maxsize=4)
def shapes_graph(shapes_dir: str | None = None) -> Graph:
    """The shapes of a folder (default shapes/), parsed once per process (do not modify)."""
    from mkgraph.resources import locate
    from mkgraph.validate.shacl import _turtle_dir, parse_file

    g = Graph()
    for f in _turtle_dir(Path(shapes_dir) if shapes_dir else locate("shapes"), "shapes"):
        parse_file(f, g)
    return g


@lru_cache(maxsize=8)
def compiled(shapes_dir: str | None = None, classes: tuple | None = None) -> tuple[Check, ...]:
    """The compiled checks of a shapes folder (default shapes/), compiled once per process;
    classes: a fixed hierarchy as sorted (class, subclasses) pairs (see compile_shapes)."""
    return compile_shapes(shapes_graph(shapes_dir), dict(classes) if classes is not None else None)


def subclasses(store: ox.Store) -> tuple | None:
    """The class hierarchy a store states: (class, (class and its subclasses …)) pairs,
    sorted, for every class with a subclass (a class without one stands for itself).
    None when a blank node is a subclass of a class: a VALUES list cannot name it."""
    q = f"SELECT ?c ?s WHERE {{ ?s <{RDFS.subClassOf}>+ ?c FILTER (isIRI(?c)) }}"
    found: dict[str, set[str]] = {}
    for row in store.query(q, use_default_graph_as_union=True):
        if not isinstance(row["s"], ox.NamedNode):
            return None
        found.setdefault(row["c"].value, {row["c"].value}).add(row["s"].value)
    return tuple(sorted((c, tuple(sorted(subs))) for c, subs in found.items()))


def used_terms(store: ox.Store, graph: ox.NamedNode | None = None) -> set[str]:
    """Every IRI the data (of graph, or of every graph) uses as a predicate or a class."""
    out = set()
    # two queries: a third cheaper than one over their UNION
    for pattern in ("?s ?t ?o", "?s a ?t"):
        if graph is not None:
            pattern = f"GRAPH <{graph.value}> {{ {pattern} }}"
        q = f"SELECT DISTINCT ?t WHERE {{ {pattern} }}"
        out.update(row["t"].value for row in store.query(q, use_default_graph_as_union=True)
                   if isinstance(row["t"], ox.NamedNode))
    return out


def type_used_terms(store: ox.Store, terms) -> None:
    """Type the mk: terms among terms as mksh:UsedTerm (what validate() does in Python)."""
    store.extend(ox.Quad(ox.NamedNode(t), ox.NamedNode(str(RDF.type)), ox.NamedNode(USED_TERM), AUX_GRAPH)
                 for t in sorted(terms) if t.startswith(str(MK)))


def mark_used_terms(store: ox.Store) -> None:
    """Type every mk: term the data uses as mksh:UsedTerm."""
    type_used_terms(store, used_terms(store))


@dataclass
class Data:
    """The data to check: an Oxigraph store, and what the datatype checks (Check.predicate)
    need of the literals as written: every distinct object of each watched predicate
    (``objects``) and, only when one of them breaks a datatype, which subject wrote it
    (``written``, parsed from the documents on demand)."""

    store: ox.Store
    objects: dict[str, set[str]] = field(default_factory=dict)  # predicate -> objects (N-Triples)
    documents: list[bytes] = field(default_factory=list)
    watched: frozenset = frozenset()
    _written: dict | None = None

    @property
    def written(self) -> dict[tuple[str, str], list]:
        """(subject key, predicate) -> the objects as written (pyoxigraph terms)."""
        if self._written is None:
            self._written = {}
            for doc in self.documents:
                for q in ox.parse(doc, ox.RdfFormat.N_TRIPLES):
                    if q.predicate.value in self.watched:
                        self._written.setdefault((_key(q.subject), q.predicate.value), []).append(q.object)
        return self._written


def _watched_lines(watched: frozenset) -> list[tuple[str, re.Pattern, re.Pattern]]:
    """Per namespace: (namespace, its watched predicates anywhere, a canonical line's predicate and
    object). A regex that starts with a long literal is what makes re scan megabytes fast."""
    by_ns: dict[str, list[str]] = {}
    for iri in sorted(watched):
        ns, local = re.match(r"(.*[#/])([^#/]*)$", iri).groups()
        by_ns.setdefault(ns, []).append(local)
    out = []
    for ns, locals_ in by_ns.items():
        alts = b"|".join(re.escape(x.encode()) for x in locals_)
        anywhere = re.compile(b"<" + re.escape(ns.encode()) + b"(" + alts + b")>")
        line = re.compile(b"> <" + re.escape(ns.encode()) + b"(" + alts + b")> ([^\n]*) \\.(?=\n|$)")
        out.append((ns, anywhere, line))
    return out


def _objects_of(doc: bytes, lines) -> dict[str, set[bytes]] | None:
    """The distinct objects of the watched predicates in one N-Triples document, read by
    regex; None when the document is not written one triple per line with single spaces
    (as rdflib, pyoxigraph and mkgraph.rdf.ntriples write it) or names a watched predicate
    elsewhere than as a predicate: such a document is parsed instead."""
    out: dict[str, set[bytes]] = {}
    for ns, anywhere, line in lines:
        found = line.findall(doc)
        if len(found) != len(anywhere.findall(doc)):
            return None
        for local, obj in found:
            out.setdefault(ns + local.decode(), set()).add(obj)
    return out


def load(documents, checks: tuple[Check, ...] | None = None, store: ox.Store | None = None,
         graph: ox.NamedNode | None = None, lenient: bool = False) -> Data:
    """N-Triples documents (bytes) into a store (default: a fresh in-memory one), all in
    graph (default: the default graph); lenient skips pyoxigraph's IRI checks (for
    documents mkgraph wrote itself)."""
    checks = checks if checks is not None else compiled()
    watched = frozenset(c.predicate for c in checks if c.predicate)
    lines = _watched_lines(watched)
    documents = list(documents)
    data = Data(store if store is not None else ox.Store(), documents=documents, watched=watched)
    fast = []
    for doc in documents:
        found = _objects_of(doc, lines) if b"_:" not in doc else None
        if found is None:
            # read in Python: pyoxigraph keeps blank node labels when parsing (Store.load
            # renames them), so subjects match the rows of the checks
            quads = list(ox.parse(doc, ox.RdfFormat.N_TRIPLES))
            if graph is not None:
                quads = [ox.Quad(q.subject, q.predicate, q.object, graph) for q in quads]
            for q in quads:
                if q.predicate.value in watched:
                    data.objects.setdefault(q.predicate.value, set()).add(str(q.object))
            data.store.extend(quads)
            continue
        for pred, objs in found.items():
            data.objects.setdefault(pred, set()).update(o.decode("utf-8") for o in objs)
        fast.append(doc)
    if fast:
        data.store.load(b"\n".join(fast), ox.RdfFormat.N_TRIPLES, to_graph=graph, lenient=lenient)
    return data


def _key(term) -> str:
    return term.value if isinstance(term, (ox.NamedNode, ox.BlankNode)) else str(term)


def _value(term) -> str:
    """A term as validate.Result shows a focus: the IRI itself, a literal in N-Triples."""
    return term.value if isinstance(term, ox.NamedNode) else str(term)


_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


def _well_typed(written: str, datatype: str) -> bool:
    """Whether a term written in N-Triples is a literal of datatype with a valid lexical
    form (what pySHACL's sh:datatype asks, with rdflib's lexical checks)."""
    if not written.startswith('"'):
        return False  # an IRI or a blank node
    close = written.rindex('"')  # a datatype IRI or language tag holds no quote
    suffix = written[close + 1:]
    if not suffix:
        return datatype == _XSD_STRING  # every string is a valid xsd:string
    if suffix[0] == "@":
        return datatype == _LANG_STRING
    if suffix[3:-1] != datatype:
        return False
    return _lexical_ok(written[1:close], datatype)


# Lexical forms that are surely valid, so rdflib need not be asked: offsets and counts
# are mostly distinct numbers, which the cache below does not help (4.6 ms per text).
_SURE = {
    "http://www.w3.org/2001/XMLSchema#integer": re.compile(r"-?[0-9]{1,18}"),
    "http://www.w3.org/2001/XMLSchema#nonNegativeInteger": re.compile(r"[0-9]{1,18}"),
}


def _lexical_ok(escaped: str, datatype: str) -> bool:
    sure = _SURE.get(datatype)
    if sure is not None and sure.fullmatch(escaped):
        return True
    return _lexical_ok_rdflib(escaped, datatype)


@lru_cache(maxsize=65536)
def _lexical_ok_rdflib(escaped: str, datatype: str) -> bool:
    # numbers, dates and booleans repeat across a batch and across batches
    lexical = escaped
    if "\\" in escaped:  # N-Triples escapes: let the parser undo them
        line = f'<urn:x:s> <urn:x:p> "{escaped}"^^<{datatype}> .'.encode()
        lexical = next(iter(ox.parse(line, ox.RdfFormat.N_TRIPLES))).object.value
    return not Literal(lexical, datatype=URIRef(datatype)).ill_typed


def run(checks: tuple[Check, ...], data: Data, present: set[str] | None = None,
        stats: dict | None = None) -> list[Violation]:
    """All violations of the data (every graph of the store, as one union), sorted.
    present: every class and predicate the data uses (used_terms); a check that needs
    none of them has no focus node and is skipped. stats counts queries run and skipped."""
    found = set()
    stats = stats if stats is not None else {}
    for check in checks:
        if present is not None and check.needs is not None and check.needs.isdisjoint(present):
            stats["skipped"] = stats.get("skipped", 0) + 1
            continue
        en = check.messages.get("en") or check.messages.get(None) or ""
        de = check.messages.get("de") or check.messages.get(None) or ""
        component = str(SH) + check.component
        if check.predicate:
            if all(_well_typed(o, check.datatype) for o in data.objects.get(check.predicate, ())):
                # no value written breaks it, whoever wrote it: the query is not run
                stats["in Python"] = stats.get("in Python", 0) + 1
                continue
        stats["queries"] = stats.get("queries", 0) + 1
        if check.predicate:
            for row in data.store.query(check.query, use_default_graph_as_union=True):
                for o in data.written.get((_key(row["this"]), check.predicate), ()):
                    if not _well_typed(str(o), check.datatype):
                        found.add(Violation(_value(row["this"]), check.shape, component, str(o), en, de))
            continue
        has_value = "?value" in check.query.split("WHERE", 1)[0]
        for row in data.store.query(check.query, use_default_graph_as_union=True):
            value = row["value"] if has_value else None
            for comp in _components(check, row, component):
                found.add(Violation(_value(row["this"]), check.shape, comp,
                                    None if value is None else str(value), en, de))
    return sorted(found, key=lambda v: (v.focus, v.shape, v.component, v.value or ""))


def _components(check: Check, row, component: str) -> list[str]:
    """The components a row of check breaks: with bounds, the count ?n says which."""
    if not check.bounds:
        return [component]
    n, (lo, hi) = int(row["n"].value), check.bounds
    return [f"{SH}{side}CountConstraintComponent" for side, broken in (("Min", n < lo), ("Max", n > hi)) if broken]


def check(data: Data, checks: tuple[Check, ...] | None = None) -> list[Violation]:
    checks = checks if checks is not None else compiled()
    mark_used_terms(data.store)
    return run(checks, data)


# Nodes that several resolutions describe (a session, its conference, the rule activity):
# each resolution alone may be fine while the union is not (two start dates for one
# session). Their shapes run once more over the whole record.
SHARED_TARGETS = frozenset({str(MK.Session), str(MK.Conference), "http://www.w3.org/ns/prov#Activity"})


def cross_check(store: ox.Store, shapes_dir: str | None = None) -> list[Violation]:
    """The cross-document checks over a store holding the whole record (default graph).
    Datatypes were checked per resolution and cannot change in a union, so they are left out."""
    checks = tuple(c for c in compiled(shapes_dir) if c.target in SHARED_TARGETS and not c.predicate)
    return run(checks, Data(store))
