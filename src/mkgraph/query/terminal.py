"""Results for a person at a terminal: a table when it fits, one record per row when not.

Eight columns of demands in 80 columns gave 8-character quote cells and 141 lines for 35
rows. When the natural width of the table is wider than the terminal, each row becomes a
record: its first value as a heading, the short values on one line (``key value · …``),
each long value (a quote, a label) wrapped under it at the full width.
"""

from __future__ import annotations

from mkgraph.query.results import Result, text_value

BASE = "https://w3id.org/mkgraph/id/"
LONG = 28  # a value longer than this gets a line of its own
_PADDING = 3  # rich's cell padding and border per column


def shown(v, base: str = BASE) -> str:
    """IRIs under the resource base as ``id:…`` (CSV and JSON keep the full IRIs)."""
    return "id:" + v[len(base):] if isinstance(v, str) and v.startswith(base) else text_value(v)


def natural_width(result: Result, base: str = BASE) -> int:
    widths = [len(c) for c in result.columns]
    for row in result.rows:
        for i, v in enumerate(row):
            widths[i] = max(widths[i], len(shown(v, base)))
    return sum(widths) + _PADDING * len(widths) + 1


def table(result: Result, title: str | None = None, base: str = BASE):
    from rich.table import Table

    out = Table(title=title, show_lines=False)
    for c in result.columns:
        out.add_column(c, overflow="fold")
    for row in result.rows:
        out.add_row(*[shown(v, base) for v in row])
    return out


def records(result: Result, title: str | None = None, base: str = BASE):
    """One block per row (a rich renderable): heading, short values, long values wrapped."""
    from rich.console import Group
    from rich.padding import Padding
    from rich.text import Text

    parts: list = [Text(title, style="bold")] if title else []
    for n, row in enumerate(result.rows, 1):
        values = [(c, shown(v, base)) for c, v in zip(result.columns, row)]
        head, rest = values[0], [(c, v) for c, v in values[1:] if v != ""]
        parts.append(Text.assemble((f"{n}. ", "bold"), (head[1] or f"({head[0]} not bound)", "bold cyan")))
        short = [(c, v) for c, v in rest if len(v) <= LONG]
        if short:
            line = Text()
            for i, (c, v) in enumerate(short):
                line.append(" · " if i else "")
                line.append(c + " ", style="dim")
                line.append(v)
            parts.append(Padding(line, (0, 0, 0, 3)))
        for c, v in rest:
            if len(v) > LONG:
                parts.append(Padding(Text.assemble((c + " ", "dim"), v), (0, 0, 0, 3)))
    return Group(*parts)


def render(console, result: Result, title: str | None = None, base: str = BASE) -> None:
    """Print the result on the console: a table if it fits its width, else records."""
    if natural_width(result, base) <= console.width or len(result.columns) <= 2:
        console.print(table(result, title, base))
    else:
        console.print(records(result, title, base))
