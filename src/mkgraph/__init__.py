"""mkgraph: resolutions of German minister conferences as a linked-data knowledge graph.

    >>> import mkgraph
    >>> result = mkgraph.run_query("demands", addressee="Bund")
"""

__version__ = "0.1.0"
__all__ = ["run_query", "__version__"]


def __getattr__(name: str):
    # Lazy, so that `import mkgraph` (and every CLI call) does not load the query stack.
    if name == "run_query":
        from mkgraph.api import run_query

        return run_query
    raise AttributeError(f"module 'mkgraph' has no attribute {name!r}")
