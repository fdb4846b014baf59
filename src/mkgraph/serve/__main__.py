"""``python -m mkgraph.serve …``: the serve command on its own (same options as ``mkgraph serve``)."""

from mkgraph.cli.serve import serve

if __name__ == "__main__":
    serve(prog_name="python -m mkgraph.serve")
