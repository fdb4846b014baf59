"""``python -m mkgraph.serve …``: the serve command on its own (same options as ``mkgraph serve``)."""

import typer

from mkgraph.cli import serve

app = typer.Typer(add_completion=False, pretty_exceptions_enable=False)
serve.register(app)

if __name__ == "__main__":
    app()
