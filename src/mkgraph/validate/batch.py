"""fastcheck over batches of documents that share one context (the shared vocabulary and
the ontology): the record build's validator (store.build.Validator.violations_nt).

What does not change from batch to batch is done once: the context is parsed once (its
quads are copied into each batch's store, which costs a tenth of parsing them), its
literals for the datatype checks read once, the mk: terms it uses found once, and the
class hierarchy it states taken as fixed, so the checks test rdf:type directly instead
of following rdf:type/rdfs:subClassOf* (compile_shapes with classes). A batch whose
documents state an rdfs:subClassOf of their own is checked with the plain compiled checks.
A batch's documents go into a named graph of their own, read without pyoxigraph's IRI
checks (mkgraph wrote them), and a check whose target class or predicate none of the
documents or the context uses is not run (Check.needs). The results are those of
fastcheck.load + fastcheck.check over the documents plus the context
(tests/test_fastcheck_batch.py proves it on every fixture of tests/shapes/invalid/).
"""

from __future__ import annotations

import pyoxigraph as ox

from mkgraph import memory
from mkgraph.validate import fastcheck

SUBCLASS_OF = b"<http://www.w3.org/2000/01/rdf-schema#subClassOf>"
BATCH_GRAPH = ox.NamedNode("urn:x-mkgraph:batch")


class BatchChecker:
    """Checks batches of N-Triples documents, each batch together with the context."""

    def __init__(self, context: list[bytes], shapes_dir: str | None = None):
        self.context = list(context)
        self.plain = fastcheck.compiled(shapes_dir)
        ctx = fastcheck.load(self.context, self.plain)
        self.quads = list(ctx.store)
        self.objects = ctx.objects
        self.terms = fastcheck.used_terms(ctx.store)
        classes = fastcheck.subclasses(ctx.store)
        self.fixed = self.plain if classes is None else fastcheck.compiled(shapes_dir, classes)
        self.stats: dict[str, int] = {}  # checks run as queries, settled in Python, skipped

    def violations(self, documents: list[bytes]) -> list[fastcheck.Violation]:
        """fastcheck's violations of the documents with the context (sorted)."""
        documents = list(documents)
        store = ox.Store()
        store.extend(self.quads)
        data = fastcheck.load(documents, self.plain, store=store, graph=BATCH_GRAPH, lenient=True)
        for pred, objs in self.objects.items():
            data.objects.setdefault(pred, set()).update(objs)
        data.documents = documents + self.context  # datatype offenders are looked up in all
        terms = self.terms | fastcheck.used_terms(store, BATCH_GRAPH)
        fastcheck.type_used_terms(store, terms)
        present = terms | {fastcheck.USED_TERM}
        own_hierarchy = any(SUBCLASS_OF in doc for doc in documents)
        found = fastcheck.run(self.plain if own_hierarchy else self.fixed, data, present, self.stats)
        del store, data
        memory.give_back(sum(map(len, documents)))  # a big batch's store is not reused
        return found
