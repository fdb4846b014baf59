"""Run saved SPARQL queries: the catalogue of queries/*.rq, the embedded pyoxigraph store, remote endpoints, and results as plain data.

Imports rdf/ and the shared helpers.
"""
