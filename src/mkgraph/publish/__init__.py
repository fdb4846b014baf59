"""Publish the graph: deterministic exports, the DCAT/VoID catalogue and links to other datasets.

Imports rdf/ and the shared helpers.
"""
