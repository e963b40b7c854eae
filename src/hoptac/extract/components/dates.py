"""Dates, months, years and periods, resolved against the publication date."""

from __future__ import annotations

from hoptac.extract.document import Document
from hoptac.extract.registry import register
from hoptac.text.dates import find_dates


@register("dates")
class Dates:
    def __call__(self, doc: Document) -> None:
        doc.dates = find_dates(doc.text, doc.published, doc.digit_starts())
