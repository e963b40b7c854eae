"""Pages kept for readers who are not signed in, until the knowledge base's data version changes.

A page of a much-reported partnership gathers hundreds of articles, their figures and flags: computing
it takes a quarter of a second on a 50 000-article base, and readers ask for the same pages again and
again. A kept page is served while the data version (`hoptac.kb.version`, changed in the transaction
of every ingest batch and every curation) and the day are the ones it was made with. Signed-in users
get fresh pages: theirs carry their name and a CSRF token. Each server process keeps its own pages.
"""

from __future__ import annotations

import functools
import threading
from collections import OrderedDict
from collections.abc import Callable
from datetime import date

from fastapi import Request
from fastapi.responses import HTMLResponse, Response

from hoptac.kb import version

MAX_PAGES = 512  # about 40 MB of the biggest pages


class PageCache:
    def __init__(self, max_pages: int = MAX_PAGES) -> None:
        self.max_pages = max_pages
        self.pages: OrderedDict[tuple, tuple[str, bytes]] = OrderedDict()
        self.lock = threading.Lock()  # page handlers run in a thread pool

    def get(self, key: tuple, data_version: str) -> bytes | None:
        with self.lock:
            kept = self.pages.get(key)
            if kept is None or kept[0] != data_version:
                return None
            self.pages.move_to_end(key)
            return kept[1]

    def put(self, key: tuple, data_version: str, body: bytes) -> None:
        with self.lock:
            self.pages[key] = (data_version, body)
            self.pages.move_to_end(key)
            while len(self.pages) > self.max_pages:
                self.pages.popitem(last=False)


def kept(handler: Callable[..., Response]) -> Callable[..., Response]:
    """Serve the page `handler` makes from the application's PageCache when the reader is not signed in."""

    @functools.wraps(handler)
    def serve(*args, **kwargs) -> Response:
        request: Request = kwargs["request"] if "request" in kwargs else args[0]
        cache: PageCache | None = getattr(request.app.state, "page_cache", None)
        if cache is None or request.session.get("user_id"):
            return handler(*args, **kwargs)
        key = (request.url.path, request.url.query, date.today())
        data_version = version.current(request.app.state.kb.engine)
        body = cache.get(key, data_version)
        if body is not None:
            return HTMLResponse(body)
        response = handler(*args, **kwargs)
        if response.status_code == 200 and isinstance(response, HTMLResponse):
            cache.put(key, data_version, bytes(response.body))
        return response

    return serve
