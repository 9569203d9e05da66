"""The ranking table's body rows as HTML, built in Python.

A template loop over every cell of hundreds of rows cost ~0.7 ms a row; plain f-strings with the
standard library's escaping cost a fraction of that (bench/pages.py). Every value that reaches the
markup goes through `esc`. The markup is the contract with static/js/rankings.js: one
<tr data-id data-coding ...> per entry, one cell per column with `data-sort` ("" = missing).
"""
from datetime import datetime
from html import escape

from django.utils.safestring import SafeString, mark_safe

from rankings.columns import cells

DATA_ATTRS = (("coding", "composite_score"), ("performance", "performance_score"), ("value", "value_score"),
              ("stderr", "composite_stderr"), ("low", "composite_low"), ("high", "composite_high"))
TEXT_COLUMNS = {"model_name", "provider"}


def esc(value) -> str:
    return escape(str(value), quote=True)


def render_rows(rows: list, now: datetime) -> SafeString:
    """Every row's <tr>, in order; rows outside the filters carry `hidden`."""
    return mark_safe("\n".join(render_row(row, now) for row in rows))


def render_row(row, now: datetime) -> str:
    data = " ".join(f'data-{name}="{_number(getattr(row, attr))}"' for name, attr in DATA_ATTRS)
    tier = ' data-provisional="1"' if is_provisional(row) else ""
    body = "".join(_cell(row, cell) for cell in cells(row, now))
    hidden = "" if row.shown else " hidden"
    return f'<tr data-id="{esc(row.model.canonical_id)}" {data}{tier}{hidden}>{body}</tr>'


def is_provisional(row) -> bool:
    detail = row.coverage_detail if isinstance(row.coverage_detail, dict) else {}
    return bool(detail.get("provisional")) and row.composite_score is not None


def _number(value) -> str:
    return "" if value is None else f"{float(value):.10g}"


def _cell(row, cell: dict) -> str:
    key, sort, text = cell["key"], esc(cell["sort"]), esc(cell["text"])
    if key == "rank":
        tie = (f' <span class="tie" title="Tie group {row.tie_group}: models whose intervals overlap">'
               f'T{row.tie_group}</span>') if row.tie_group else ""
        return f'<td class="num rank" data-sort="{sort}"><span class="rank-no">{text}</span>{tie}</td>'
    if key == "model_name":
        tag = ' <span class="tag" title="Open weights">open</span>' if row.open_weights else ""
        return (f'<th scope="row" data-sort="{sort}"><a href="{esc(row.model.get_absolute_url())}">{text}</a>'
                f'{tag}</th>')
    if key == "coverage":
        provisional = (' <span class="badge provisional" title="Provisional: too few benchmarks for an '
                       'established score; ranked after established models">provisional</span>'
                       if is_provisional(row) else "")
        return (f'<td class="num" data-sort="{sort}"><span class="badge cov" title="Coverage {row.coverage:.2f} '
                f'of the coding weight">{text}</span>{provisional}</td>')
    if key == "updated":
        badge = cell["badge"]
        return (f'<td class="num" data-sort="{sort}"><span class="badge age-{esc(badge["age"])}" '
                f'title="{esc(badge["title"])}">{esc(badge["text"])}</span></td>')
    css = "" if key in TEXT_COLUMNS else ' class="num overall"' if key == "overall_score" else ' class="num"'
    return f'<td{css} data-sort="{sort}">{text}</td>'
