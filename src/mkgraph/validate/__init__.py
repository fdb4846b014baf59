"""Check graphs against the SHACL shapes of shapes/ (pySHACL per resolution, compiled SPARQL for the record).

Imports rdf/ and what it imports.
"""
