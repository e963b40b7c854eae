"""The web application: a REST API under /api and server-rendered Vietnamese pages over one knowledge
base. Pages read without JavaScript; every asset ships with the package.

    >>> from hoptac.web import create_app
    >>> app = create_app("sqlite:///hoptac.db")     # doctest: +SKIP
    >>> # uvicorn.run(app)  or  `hoptac serve`
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib import resources as pkg_resources

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException
from starlette.middleware.sessions import SessionMiddleware

from hoptac.kb import KnowledgeBase, users
from hoptac.kb.queries import UnknownPlace
from hoptac.web import api, auth, curate, pages
from hoptac.web.cache import PageCache


def create_app(url: str | None = None, *, kb: KnowledgeBase | None = None, secure_cookies: bool = True) -> FastAPI:
    """The application over the knowledge base at `url` (see `hoptac.kb.db.database_url`). Session
    cookies are `Secure` (sent over HTTPS, and by browsers to localhost) unless `secure_cookies` is False."""
    knowledge_base = kb or KnowledgeBase(url)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        knowledge_base.close()

    app = FastAPI(title="hoptac", summary="Hợp tác địa phương: đối tác, văn kiện, sự kiện, nhân vật, với nguồn",
                  version="0.1.0", lifespan=lifespan)
    app.state.kb = knowledge_base
    app.state.throttle = auth.Throttle()
    app.state.page_cache = PageCache()
    app.add_middleware(SessionMiddleware, secret_key=users.secret_key(knowledge_base.engine),
                       session_cookie=auth.SESSION_COOKIE, max_age=auth.SESSION_HOURS * 3600, same_site="lax",
                       https_only=secure_cookies)
    app.include_router(api.router)
    app.include_router(pages.router)
    app.include_router(curate.router)
    static = pkg_resources.files("hoptac.web") / "static"
    app.mount("/static", StaticFiles(directory=str(static)), name="static")

    @app.exception_handler(UnknownPlace)
    def unknown_place(request: Request, exc: UnknownPlace):
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": str(exc)}, status_code=404)
        return pages.error_page(request, 404, str(exc))

    @app.exception_handler(HTTPException)
    def http_error(request: Request, exc: HTTPException):
        if request.url.path.startswith(("/api/", "/docs", "/openapi")):
            return JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=exc.headers)
        return pages.error_page(request, exc.status_code, str(exc.detail))

    return app


def app_from_environment() -> FastAPI:
    """The application of $HOPTAC_DB, for `uvicorn --factory hoptac.web:app_from_environment` and for the
    worker processes of `hoptac serve --workers N` ($HOPTAC_INSECURE_COOKIES=1 as --insecure-cookies)."""
    return create_app(os.environ.get("HOPTAC_DB"), secure_cookies=os.environ.get("HOPTAC_INSECURE_COOKIES") != "1")
