"""The dossier as Markdown, as an HTML page that prints cleanly, and as a Word document (`report.word`)."""

from __future__ import annotations

from datetime import date
from importlib import resources as pkg_resources
from pathlib import Path

import jinja2

from hoptac.report.dossier import Dossier

FORMATS = ("md", "html", "docx")
MEDIA_TYPES = {"md": "text/markdown; charset=utf-8", "html": "text/html; charset=utf-8",
               "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}


def date_vi(value: date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else "không rõ ngày"


def _environment(autoescape: bool) -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(pkg_resources.files("hoptac.report") / "templates")),
                             autoescape=autoescape, keep_trailing_newline=True, trim_blocks=False)
    env.filters["date_vi"] = date_vi
    return env


def render(dossier: Dossier, fmt: str) -> bytes:
    if fmt == "md":
        return _environment(False).get_template("dossier.md").render(d=dossier).encode("utf-8")
    if fmt == "html":
        return _environment(True).get_template("dossier.html").render(d=dossier).encode("utf-8")
    if fmt == "docx":
        from hoptac.report.word import docx  # python-docx is loaded only for Word documents

        return docx(dossier)
    raise ValueError(f"unknown format {fmt!r}: one of {', '.join(FORMATS)}")


def file_name(dossier: Dossier, fmt: str) -> str:
    return f"ho-so-{dossier.a}-{dossier.b}.{fmt}".lower()


def write(dossier: Dossier, fmt: str, path: str | Path | None = None) -> Path:
    """Write the dossier; `path` is a file, a folder ("out/", or one that exists: the file is named after
    the pair) or None (here)."""
    target = Path(path) if path else Path(file_name(dossier, fmt))
    if target.is_dir() or str(path or "").endswith(("/", "\\")):
        target = target / file_name(dossier, fmt)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(render(dossier, fmt))
    return target
