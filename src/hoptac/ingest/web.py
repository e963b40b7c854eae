"""Readers for web pages and web archives.

- `.html`, `.htm`: the main text, title, date and address of the page, found by trafilatura (menus,
  footers and comments left out). The id is the file's stem.
- `.warc`, `.warc.gz`: every HTML response (and resource) record of the archive, read with warcio; the
  id is the record's target address, the date the page's own or else the crawl's.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import trafilatura
from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from hoptac.ingest.files import HTML_SUFFIXES, MAX_TEXT_BYTES, WARC_SUFFIXES, Article, Item, ReadError, parse_date

__all__ = ["HTML_SUFFIXES", "WARC_SUFFIXES", "WarcPage", "article_from_html", "read_html", "read_warc", "warc_pages"]

HTML_TYPES = ("text/html", "application/xhtml+xml")
MIN_PAGE_TEXT = 40  # characters: less is a menu or a notice, not an article

logging.getLogger("trafilatura").setLevel(logging.ERROR)
logging.getLogger("htmldate").setLevel(logging.ERROR)


def article_from_html(html: bytes | str, origin: str, article_id: str, url: str | None = None,
                      fallback_date: str | None = None) -> Item:
    """The article in a web page, or why there is none."""
    if len(html) > 4 * MAX_TEXT_BYTES:
        return ReadError(origin, f"{len(html) / 1024 / 1024:.1f} MB page is over the limit")
    try:
        doc = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False,
                                          include_tables=True)
    except Exception as exc:  # trafilatura raises on malformed markup of many kinds
        return ReadError(origin, f"not a readable HTML page ({type(exc).__name__}: {exc})")
    data = doc.as_dict() if doc is not None and hasattr(doc, "as_dict") else doc
    text = (data or {}).get("text") or ""
    if len(text.strip()) < MIN_PAGE_TEXT:
        return ReadError(origin, "no text (no main content found in the HTML page)")
    article = Article(id=article_id, text=text, title=data.get("title"), url=data.get("url") or url,
                      source=data.get("sitename") or data.get("hostname"), origin=origin)
    for value in (data.get("date"), fallback_date):
        try:
            article.published = parse_date(value)
        except ValueError:
            continue
        if article.published:
            break
    return article


def read_html(path: Path) -> Iterator[Item]:
    try:
        data = path.read_bytes()
    except OSError as exc:
        yield ReadError(str(path), f"cannot be read ({exc.strerror or exc})")
        return
    yield article_from_html(data, str(path), path.stem)


@dataclass(slots=True)
class WarcPage:
    """An HTML record of a web archive, not yet read by trafilatura (a Spark job spreads these over its
    workers before reading them, since one archive holds thousands of pages)."""

    origin: str  # "crawl.warc.gz#12": the archive and the record's number in it
    html: bytes
    url: str | None
    crawled: str | None

    def article(self) -> Item:
        return article_from_html(self.html, self.origin, self.url or self.origin, url=self.url,
                                 fallback_date=self.crawled)


def warc_pages(stream: BinaryIO, origin: str) -> Iterator[WarcPage | ReadError]:
    """Every HTML response (and resource) record of the archive in `stream`, in order."""
    found = 0
    try:
        for number, record in enumerate(ArchiveIterator(stream), 1):
            if record.rec_type not in ("response", "resource"):
                continue
            content_type = (record.http_headers.get_header("Content-Type") if record.http_headers
                            else record.rec_headers.get_header("Content-Type")) or ""
            if not content_type.lower().startswith(HTML_TYPES):
                continue
            where = f"{origin}#{number}"
            try:
                html = record.content_stream().read()
            except Exception as exc:
                yield ReadError(where, f"unreadable record ({type(exc).__name__}: {exc})")
                continue
            found += 1
            yield WarcPage(where, html, record.rec_headers.get_header("WARC-Target-URI"),
                           record.rec_headers.get_header("WARC-Date"))
    except (ArchiveLoadFailed, OSError, EOFError, ValueError) as exc:
        yield unreadable_archive(origin, exc)
        return
    if not found:
        yield ReadError(origin, "no HTML pages in the archive")


def unreadable_archive(origin: str, exc: BaseException) -> ReadError:
    return ReadError(origin, f"not a readable WARC archive ({type(exc).__name__}: {exc})")


def read_warc(path: Path) -> Iterator[Item]:
    origin = str(path)
    try:
        stream = path.open("rb")
    except OSError as exc:
        yield unreadable_archive(origin, exc)
        return
    with stream:
        for page in warc_pages(stream, origin):
            yield page.article() if isinstance(page, WarcPage) else page
