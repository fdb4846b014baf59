"""Build the graph: the pipeline from texts to validated triples, the per-text cache, the record store, ingest and loading into other stores.

Imports the steps to its left (text, extract, rdf, validate) and publish/ for the dumps.
"""
