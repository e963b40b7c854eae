"""Signing in and curating: confirm, correct or reject a fact, add one by hand, merge or split people.
Every form carries the session's CSRF token; every change needs a signed-in user and goes to the audit
log, which the fact's page shows."""

from __future__ import annotations

from datetime import date
from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from hoptac.kb import browse, curation, users
from hoptac.kb.curation import CurationError
from hoptac.web.auth import check_csrf, csrf_token, current_user, require_user, sign_in, sign_out
from hoptac.web.pages import error_page, render

router = APIRouter(include_in_schema=False)
Field = Annotated[str, Form()]


def _safe_next(target: str | None) -> str:
    """Only a path of this site: never an address elsewhere ("//evil.example", "https://...")."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return "/"


def _see_other(url: str) -> RedirectResponse:
    return RedirectResponse(url, status_code=303)


# -- signing in -------------------------------------------------------------------------------------
@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request, next: str = "/") -> HTMLResponse:
    return render(request, "login.html", csrf=csrf_token(request), next=_safe_next(next), failed=False)


@router.post("/login", response_class=HTMLResponse)
def login(request: Request, username: Field = "", password: Field = "", csrf: Field = "",
          next: Field = "/") -> HTMLResponse:
    check_csrf(request, csrf)
    throttle = request.app.state.throttle
    keys = [f"user:{username.strip().lower()}", f"addr:{request.client.host if request.client else '-'}"]
    wait = throttle.wait_seconds(keys)
    if wait:
        response = render(request, "login.html", 429, csrf=csrf_token(request), next=_safe_next(next), failed=False,
                          wait=wait)
        response.headers["Retry-After"] = str(wait)
        return response
    user = users.authenticate(request.app.state.kb.engine, username, password)
    if user is None:
        throttle.failed(keys)
        return render(request, "login.html", 401, csrf=csrf_token(request), next=_safe_next(next), failed=True)
    throttle.succeeded(keys[:1])
    sign_in(request, user)
    return _see_other(_safe_next(next))


@router.post("/logout")
def logout(request: Request, csrf: Field = "") -> RedirectResponse:
    check_csrf(request, csrf)
    sign_out(request)
    return _see_other("/")


# -- one fact -----------------------------------------------------------------------------------------
def _fact(engine, article: str, kind: str, key: str) -> tuple[browse.ArticleRecord, browse.FactSpan | None]:
    record = browse.article(engine, article)
    if record is None:
        raise HTTPException(404, f"Không có bài viết {article}.")
    fact = next((f for f in record.facts if f.kind == kind and f.key == key), None)
    return record, fact


@router.get("/curate", response_class=HTMLResponse)
def fact_page(request: Request, article: str, kind: str, key: str) -> HTMLResponse:
    engine = request.app.state.kb.engine
    record, fact = _fact(engine, article, kind, key)
    user = current_user(request)
    return render(request, "curate.html", a=record, kind=kind, key=key, fact=fact,
                  status=curation.statuses(engine, article).get((kind, key)),
                  log=curation.history(engine, kind, article, key), correctable=curation.CORRECTABLE.get(kind, ()),
                  csrf=csrf_token(request) if user else None, message=request.query_params.get("done"))


@router.post("/curate")
def curate(request: Request, article: Field, kind: Field, key: Field,
           action: Field, note: Field = "", csrf: Field = "", value: Field = "",
           cls: Field = "", role: Field = "", of: Field = "", agreement_kind: Field = "",
           status: Field = "", realis: Field = ""):
    check_csrf(request, csrf)
    user = require_user(request)
    engine = request.app.state.kb.engine
    note = note.strip() or None
    try:
        if action == "confirm":
            curation.confirm(engine, user, article, kind, key, note)
        elif action == "reject":
            curation.reject(engine, user, article, kind, key, note)
        elif action == "correct":
            changes = {"value": value, "class": cls, "role": role, "of": of, "kind": agreement_kind,
                       "status": status, "realis": realis}
            curation.correct(engine, user, article, kind, key, changes, note)
        else:
            raise CurationError(f"unknown action {action!r}")
    except CurationError as exc:
        return error_page(request, 400, f"Không thực hiện được: {exc}")
    return _see_other(f"/curate?article={quote(article)}&kind={quote(kind)}&key={quote(key)}&done={action}")


# -- adding a fact --------------------------------------------------------------------------------------
@router.get("/curate/add", response_class=HTMLResponse)
def add_form(request: Request) -> HTMLResponse:
    if current_user(request) is None:
        return _see_other("/login?next=/curate/add")
    return render(request, "add.html", csrf=csrf_token(request), kinds=curation.ADDABLE)


@router.post("/curate/add")
def add(request: Request, kind: Field, note: Field = "", csrf: Field = "", a: Field = "",
        b: Field = "", start: Field = "", end: Field = "", agreement_kind: Field = "",
        status: Field = "", name: Field = "", role: Field = "", of: Field = "",
        title: Field = "", value: Field = "", cls: Field = "", text: Field = "",
        published: Field = ""):
    check_csrf(request, csrf)
    user = require_user(request)
    values = {"a": a, "b": b, "start": start, "end": end, "kind": agreement_kind, "status": status, "name": name,
              "role": role, "of": of, "title": title, "value": value, "class": cls, "text": text}
    try:
        day = date.fromisoformat(published) if published else None
        ext_id = curation.add_fact(request.app.state.kb.engine, user, kind,
                                   {k: v.strip() for k, v in values.items() if v.strip()}, note, day)
    except (CurationError, ValueError) as exc:
        return error_page(request, 400, f"Không thêm được: {exc}")
    return _see_other(f"/article/{quote(ext_id)}")


# -- people -----------------------------------------------------------------------------------------------
@router.post("/person/{person_id}/merge")
def merge(request: Request, person_id: int, into: Annotated[int, Form()], note: Field = "", csrf: Field = ""):
    check_csrf(request, csrf)
    user = require_user(request)
    try:
        curation.merge_people(request.app.state.kb.engine, user, person_id, into, note.strip() or None)
    except CurationError as exc:
        return error_page(request, 400, f"Không gộp được: {exc}")
    return _see_other(f"/person/{into}")


@router.post("/person/{person_id}/split")
def split(request: Request, person_id: int, articles: Annotated[list[str], Form()], note: Field = "",
          csrf: Field = ""):
    check_csrf(request, csrf)
    user = require_user(request)
    try:
        new_id = curation.split_person(request.app.state.kb.engine, user, person_id, articles, note.strip() or None)
    except CurationError as exc:
        return error_page(request, 400, f"Không tách được: {exc}")
    return _see_other(f"/person/{new_id}")


@router.get("/audit", response_class=HTMLResponse)
def audit_page(request: Request) -> HTMLResponse:
    return render(request, "audit.html", log=curation.history(request.app.state.kb.engine, limit=500))
