"""Shared fixtures: the pipeline (built once) and the bundled sample articles."""

from __future__ import annotations

import json
from datetime import date
from importlib import resources
from pathlib import Path

import pytest

from hoptac import default_pipeline
from hoptac.extract.document import Document

SAMPLES = Path(str(resources.files("hoptac") / "samples" / "articles"))


@pytest.fixture(scope="session")
def nlp():
    return default_pipeline()


@pytest.fixture(scope="session")
def run(nlp):
    """run(text, published="2024-05-01") -> Document"""

    def _run(text: str, published: str | None = "2024-05-01") -> Document:
        return nlp(text, published=date.fromisoformat(published) if published else None)

    return _run


@pytest.fixture(scope="session")
def samples() -> list[dict]:
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(SAMPLES.glob("*.json"))]
