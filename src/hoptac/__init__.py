"""hoptac: facts with evidence from Vietnamese news about local-level international cooperation.

    >>> import hoptac
    >>> facts = hoptac.extract("Ngày 12/10, UBND tỉnh Quảng Trị ký biên bản ghi nhớ hợp tác giai đoạn "
    ...                        "2026-2030 với tỉnh Xa-vẳn-na-khệt (Lào).", published="2025-10-13")
    >>> [(a.parties, a.start, a.end) for a in facts.agreements]
    [(('LA-SV', 'VN-25'), 2026, 2030)]
"""

from __future__ import annotations

from datetime import date

from hoptac.extract.pipeline import DEFAULT_PIPELINE, Pipeline
from hoptac.facts import ArticleFacts

__version__ = "0.1.0"
__all__ = ["DEFAULT_PIPELINE", "ArticleFacts", "Pipeline", "extract"]

_default: Pipeline | None = None


def default_pipeline() -> Pipeline:
    """The pipeline `extract` uses, built once per process."""
    global _default
    if _default is None:
        _default = Pipeline()
    return _default


def extract(text: str, published: date | str | None = None, *, id: str = "", title: str | None = None,
            url: str | None = None, source: str | None = None) -> ArticleFacts:
    """The facts of one article. `published` (a date or an ISO string) resolves partial dates ("Chiều 2/2")."""
    return default_pipeline().extract(text, published=published, id=id, title=title, url=url, source=source)
