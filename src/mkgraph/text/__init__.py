"""Read a source text and find its structure: decoding, the normalised view with its map back to the original offsets, header, parts, paragraphs, sentences.

Imports only the shared helpers (errors, resources, tabledata, model).
"""
