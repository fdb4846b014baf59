"""Results for a person at a terminal: a table when it fits, one record per row when not.

Eight columns of demands in 80 columns gave 8-character quote cells and 141 lines for 35
rows. When the natural width of the table is wider than the terminal, each row becomes a
record: its first value as a heading, the short values on one line (``key value · …``),
each long value (a quote, a label) on lines of its own, wrapped at the full width, in
the order of the columns. Plain text
lines (textwrap), so that a copy from the terminal has no padding.
"""

from __future__ import annotations

from mkgraph.query.results import Result, text_value

BASE = "https://w3id.org/mkgraph/id/"
LONG = 28  # a value longer than this gets a line of its own
_PADDING = 3  # rich's cell padding and border per column


# Well-known namespaces shortened on the terminal only (CSV and JSON keep the full IRIs).
SHORT = (("http://www.wikidata.org/entity/", "wd:"), ("http://eurovoc.europa.eu/", "eurovoc:"),
         ("http://data.europa.eu/nuts/code/", "nuts:"))


def shown(v, base: str = BASE) -> str:
    """IRIs under the resource base as ``id:…``, Wikidata items as ``wd:Q…`` and so on."""
    if not isinstance(v, str):
        return text_value(v)
    for namespace, prefix in ((base, "id:"), *SHORT):
        if v.startswith(namespace) and len(v) > len(namespace):
            return prefix + v[len(namespace):]
    return v


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


def records(result: Result, width: int, title: str | None = None, base: str = BASE) -> list[str]:
    """One block per row: heading, the short values on one line, long values wrapped."""
    import textwrap

    def wrapped(text: str) -> list[str]:
        return textwrap.wrap(text, width=max(width, 40), initial_indent="   ", subsequent_indent="     ",
                             break_on_hyphens=False)

    lines = [title] if title else []
    for n, row in enumerate(result.rows, 1):
        values = [(c, shown(v, base)) for c, v in zip(result.columns, row)]
        head, rest = values[0], [(c, v) for c, v in values[1:] if v != ""]
        lines.append(f"{n}. {head[1] or '(' + head[0] + ' not bound)'}")
        short: list[str] = []  # runs of short values share a line; the column order is kept
        for c, v in rest + [("", None)]:
            if v is not None and len(v) <= LONG:
                short.append(f"{c}: {v}")
                continue
            if short:
                lines.extend(wrapped(" · ".join(short)))
                short = []
            if v is not None:
                lines.extend(wrapped(f"{c}: {v}"))
    return lines


def render(console, result: Result, title: str | None = None, base: str = BASE) -> None:
    """Print the result on the console: a table if it fits its width, else records."""
    if natural_width(result, base) <= console.width or len(result.columns) <= 2:
        console.print(table(result, title, base))
    else:
        from rich.text import Text

        for line in records(result, console.width, title, base):
            console.print(Text(line), soft_wrap=True)
