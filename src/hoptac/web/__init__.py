"""The web application: a REST API under /api and server-rendered Vietnamese pages over one knowledge
base. Pages read without JavaScript; every asset ships with the package.

    >>> from hoptac.web import create_app
    >>> app = create_app("sqlite:///hoptac.db")     # doctest: +SKIP
    >>> # uvicorn.run(app)  or  `hoptac serve`
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib import resources as pkg_resources

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles

from hoptac.kb import KnowledgeBase
from hoptac.kb.queries import UnknownPlace
from hoptac.web import api, pages


def create_app(url: str | None = None, *, kb: KnowledgeBase | None = None) -> FastAPI:
    """The application over the knowledge base at `url` (see `hoptac.kb.db.database_url`)."""
    knowledge_base = kb or KnowledgeBase(url)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        knowledge_base.close()

    app = FastAPI(title="hoptac", summary="Hợp tác địa phương: đối tác, văn kiện, sự kiện, nhân vật, với nguồn",
                  version="0.1.0", lifespan=lifespan)
    app.state.kb = knowledge_base
    app.include_router(api.router)
    app.include_router(pages.router)
    static = pkg_resources.files("hoptac.web") / "static"
    app.mount("/static", StaticFiles(directory=str(static)), name="static")

    @app.exception_handler(UnknownPlace)
    def unknown_place(request: Request, exc: UnknownPlace):
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": str(exc)}, status_code=404)
        return pages.error_page(request, 404, str(exc))

    return app
