"""CSV export of a rankings view, and the attribution line every export carries.

The attribution names each source whose data is in view, with its link; Artificial Analysis requires
credit and a link to https://artificialanalysis.ai/, which is always kept even if its homepage is blank.
"""
import csv
import io
from collections.abc import Iterable
from decimal import Decimal

from rest_framework.renderers import BaseRenderer

from benchmarks.models import Source
from rankings.serializers import LIST_FIELDS

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
REQUIRED_LINKS = {"artificialanalysis": "https://artificialanalysis.ai/"}


class CSVRenderer(BaseRenderer):
    """Lets `?format=csv` and `Accept: text/csv` select the CSV export; the view builds the text itself."""

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return data.encode() if isinstance(data, str) else data


def describe_attribution(slugs: Iterable[str]) -> str:
    """One line crediting the sources behind the rows in view (one query), e.g.

    "Data: Artificial Analysis (https://artificialanalysis.ai/), SWE-bench (https://www.swebench.com/). ..."
    """
    wanted = sorted(set(slugs))
    if not wanted:
        return "No source data in this view."
    by_slug = {s.slug: s for s in Source.objects.filter(slug__in=wanted).only("slug", "name", "homepage")}
    credits = []
    for slug in wanted:
        source = by_slug.get(slug)
        name = source.name if source else slug
        link = (source.homepage if source else "") or REQUIRED_LINKS.get(slug, "")
        credits.append(f"{name} ({link})" if link else name)
    return f"Data: {', '.join(credits)}. Compiled by CodeRank; each figure keeps its source and date."


def render_csv(rows: list[dict], attribution: str) -> str:
    """The attribution as a leading '#' comment line, then a header of LIST_FIELDS, then one line per row."""
    buffer = io.StringIO()
    buffer.write(f"# {attribution}\n")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(LIST_FIELDS)
    for row in rows:
        writer.writerow([_cell(row.get(field)) for field in LIST_FIELDS])
    return buffer.getvalue()


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")  # 2.000000 -> 2, 0.175000 -> 0.175
    if isinstance(value, (list, tuple)):
        return ";".join(str(item) for item in value)
    if isinstance(value, str) and value[:1] in FORMULA_STARTS:
        return "'" + value  # an upstream name must never run as a spreadsheet formula
    return str(value)
