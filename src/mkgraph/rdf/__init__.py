"""Turn extracted statements into RDF: the IRI scheme, namespaces, the assembled model, tallies, the vocabularies, the ontology and the JSON-LD context.

Imports text/, extract/ and the shared helpers.
"""
