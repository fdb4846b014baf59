"""Find the statements in a structured text: cue rules, the lexicon of actors, target groups and instruments, and the reviewed curation files.

Imports text/ and the shared helpers.
"""
