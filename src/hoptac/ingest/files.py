"""Readers for plain text, JSON, JSON Lines, directories and standard input.

Readers yield `Article`s, and `ReadError`s for what cannot be read (errors are values: a batch goes
on with the rest). Formats:
- `.txt`: the whole file is the text; the id is the file's stem.
- `.json`: one article `{"id", "text", "title"?, "published"?, "url"?, "source"?}` (extra keys ignored).
- `.jsonl`: one such article a line.
- `.html`, `.htm`, `.warc`, `.warc.gz`: web pages and archives (see `hoptac.ingest.web`).
- a directory: every file of these kinds in it, recursively, in name order.
- `-`: standard input, as JSON Lines, JSON or text, whichever it is.
"""

from __future__ import annotations

import io
import json
import os
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, BinaryIO

MAX_TEXT_BYTES = 10 * 1024 * 1024
JSON_LIMIT = 4 * MAX_TEXT_BYTES
HTML_SUFFIXES = (".html", ".htm")
WARC_SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")
SUFFIXES = (".txt", ".json", ".jsonl", *HTML_SUFFIXES, *WARC_SUFFIXES)


@dataclass(slots=True)
class Article:
    id: str
    text: str
    title: str | None = None
    published: date | None = None
    url: str | None = None
    source: str | None = None
    origin: str = ""  # where it was read: "dir/a.jsonl:3"
    warnings: list[str] = field(default_factory=list)


@dataclass(slots=True)
class ReadError:
    origin: str
    reason: str

    def __str__(self) -> str:
        return f"{self.origin}: {self.reason}"


Item = Article | ReadError


def parse_date(value: Any) -> date | None:
    """ISO dates and datetimes ("2024-03-05", "2024-03-05T08:00:00+07:00") and "5/3/2024"."""
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value
    text = str(value).strip()
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        pass
    try:
        return datetime.fromisoformat(text).date()
    except ValueError:
        pass
    for fmt in ("%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y"):
        try:
            return datetime.strptime(text[:10], fmt).date()
        except ValueError:
            continue
    raise ValueError(f"'published' is not a date: {text[:40]!r}")


def _decode(data: bytes, origin: str, limit: int = MAX_TEXT_BYTES) -> str | ReadError:
    """The UTF-8 text of `data` (a byte-order mark dropped), or why there is none. JSON may hold up to
    10 MB of text in more bytes ("\\u1ea1" escapes), so its callers give a larger limit."""
    if len(data) > limit:
        return _too_big(len(data), origin)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return ReadError(origin, f"not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start})")


def _too_big(size: int, origin: str) -> ReadError:
    return ReadError(origin, f"{size / 1024 / 1024:.1f} MB of text is over the 10 MB limit")


def article_from_mapping(obj: Any, origin: str, default_id: str) -> Item:
    """An Article from a decoded JSON object, or the reason it is not one."""
    if not isinstance(obj, dict):
        return ReadError(origin, f"expected a JSON object, found {type(obj).__name__}")
    text = obj.get("text")
    if not isinstance(text, str) or not text.strip():
        return ReadError(origin, "no text (the 'text' field is missing or empty)")
    size = len(text.encode("utf-8"))
    if size > MAX_TEXT_BYTES:
        return _too_big(size, origin)
    article = Article(
        id=str(obj.get("id") or default_id), text=text,
        title=_optional_str(obj.get("title")), url=_optional_str(obj.get("url")),
        source=_optional_str(obj.get("source")), origin=origin,
    )
    try:
        article.published = parse_date(obj.get("published"))
    except ValueError as exc:
        article.warnings.append(str(exc))
    return article


def _optional_str(value: Any) -> str | None:
    return None if value is None else str(value)


def read_text(data: bytes, origin: str, article_id: str) -> Item:
    text = _decode(data, origin)
    if isinstance(text, ReadError):
        return text
    if not text.strip():
        return ReadError(origin, "no text (the file is empty)")
    return Article(id=article_id, text=text, origin=origin)


def _article_from_json(data: bytes, origin: str, article_id: str, *, one_line: bool) -> Item:
    text = _decode(data, origin, JSON_LIMIT)
    if isinstance(text, ReadError):
        return text
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as exc:
        where = f"at column {exc.colno}" if one_line else f"at line {exc.lineno}, column {exc.colno}"
        return ReadError(origin, f"not JSON ({exc.msg} {where})")
    return article_from_mapping(obj, origin, article_id)


def read_json(data: bytes, origin: str, article_id: str) -> Item:
    return _article_from_json(data, origin, article_id, one_line=False)


def read_jsonl_line(raw: bytes, where: str, default_id: str) -> Item | None:
    """The article on one line of a JSON Lines file (None for a blank line). A Spark job reads the lines
    of big files in parallel and calls this on each, so both read a line alike."""
    if not raw.strip():
        return None
    return _article_from_json(raw, where, default_id, one_line=True)


def no_lines(origin: str) -> ReadError:
    return ReadError(origin, "no articles (the file has no lines)")


def read_jsonl(stream: BinaryIO, origin: str) -> Iterator[Item]:
    stem = Path(origin).stem
    count = 0
    for number, raw in enumerate(stream, 1):
        item = read_jsonl_line(raw, f"{origin}:{number}", f"{stem}-{number}")
        if item is not None:
            count += 1
            yield item
    if count == 0:
        yield no_lines(origin)


def file_format(name: str) -> str:
    """How a file is read, by its name: "warc", "html", "jsonl", "json", or "txt" (anything else)."""
    name = name.lower()
    if name.endswith(WARC_SUFFIXES):
        return "warc"
    suffix = os.path.splitext(name)[1]
    if suffix in HTML_SUFFIXES:
        return "html"
    return {".jsonl": "jsonl", ".json": "json"}.get(suffix, "txt")


def listed_in_directory(name: str) -> bool:
    """Whether a file of this name is read when its directory is given."""
    return name.lower().endswith(SUFFIXES) and not name.startswith(".")


def read_file(path: Path) -> Iterator[Item]:
    origin = str(path)
    kind = file_format(path.name)
    if kind in ("warc", "html"):
        from hoptac.ingest import web  # trafilatura is loaded only for web pages

        yield from web.read_warc(path) if kind == "warc" else web.read_html(path)
        return
    try:
        if kind == "jsonl":
            with path.open("rb") as stream:
                yield from read_jsonl(stream, origin)
            return
        size = path.stat().st_size
        if size > (JSON_LIMIT if kind == "json" else MAX_TEXT_BYTES):
            yield _too_big(size, origin)
            return
        data = path.read_bytes()
    except OSError as exc:
        yield ReadError(origin, f"cannot be read ({exc.strerror or exc})")
        return
    yield read_json(data, origin, path.stem) if kind == "json" else read_text(data, origin, path.stem)


def read_directory(path: Path) -> Iterator[Item]:
    found = False
    for root, dirs, files in os.walk(path):
        dirs.sort()
        for name in sorted(files):
            if listed_in_directory(name):
                found = True
                yield from read_file(Path(root) / name)
    if not found:
        yield ReadError(str(path), "nothing readable (no .txt, .json, .jsonl, .html or .warc file in the directory)")


def read_stdin(stream: BinaryIO | None = None) -> Iterator[Item]:
    stream = stream or sys.stdin.buffer
    data = stream.read(MAX_TEXT_BYTES * 4 + 1)
    if data.lstrip()[:1] == b"{":
        lines = [line for line in data.splitlines() if line.strip()]
        if len(lines) > 1 and all(line.lstrip()[:1] == b"{" for line in lines):
            yield from read_jsonl(io.BytesIO(data), "<stdin>")
        else:
            yield read_json(data, "<stdin>", "stdin")
        return
    yield read_text(data, "<stdin>", "stdin")


def read(paths: Iterable[str | Path]) -> Iterator[Item]:
    """Every article in `paths` (files, directories, "-" for standard input), in order."""
    for raw in paths:
        if str(raw) == "-":
            yield from read_stdin()
            continue
        path = Path(raw)
        if path.is_dir():
            yield from read_directory(path)
        elif path.exists():
            yield from read_file(path)
        else:
            yield ReadError(str(path), "no such file or directory")
