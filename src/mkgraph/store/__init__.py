"""Build the graph: the pipeline from texts to validated triples, the per-text cache, the record store, ingest and loading into other stores.

Imports the steps to its left: text, extract, rdf, validate and publish (the dumps it writes).
tests/test_imports.py holds the order: text → extract → rdf → validate → publish → store →
query → serve → cli, with shared helpers (errors, atomic, resources, tabledata, model, slug)
that import no step.
"""
