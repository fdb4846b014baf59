"""mkgraph: resolutions of German minister conferences as a linked-data knowledge graph.

    >>> import mkgraph
    >>> result = mkgraph.run_query("demands", addressee="Bund")
"""

__version__ = "0.1.0"
__all__ = ["run_query", "to_pandas", "__version__"]


def __getattr__(name: str):
    # Lazy, so that `import mkgraph` (and every CLI call) does not load the query stack.
    if name in ("run_query", "to_pandas"):
        from mkgraph import api

        return getattr(api, name)
    raise AttributeError(f"module 'mkgraph' has no attribute {name!r}")
