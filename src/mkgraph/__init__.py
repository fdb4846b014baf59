"""mkgraph: resolutions of German minister conferences as a linked-data knowledge graph."""

__version__ = "0.1.0"
