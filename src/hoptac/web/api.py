"""The REST API under /api: read access to the knowledge base, no account needed. Every endpoint is a
thin call of `hoptac.kb.queries` or `hoptac.kb.browse`; lists are paged with `limit` and `offset`."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, Request

from hoptac.kb import browse, queries
from hoptac.kb.browse import MAX_LIMIT, Page

router = APIRouter(prefix="/api", tags=["api"])

Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="items per page")]
Offset = Annotated[int, Query(ge=0, description="items to skip")]
PlaceParam = Annotated[str | None, Query(description="a place code or any spelling: LA-CH, Champasak, Chăm-pa-sắc")]


def _kb(request: Request):
    return request.app.state.kb


def _page(items: list, limit: int, offset: int) -> dict[str, Any]:
    """A page of a list the query returns whole."""
    return asdict(Page(items[offset:offset + limit], len(items), limit, offset))


@router.get("/places", summary="Places the articles name, the most reported first")
def list_places(request: Request, country: Annotated[str | None, Query(min_length=2, max_length=2)] = None,
                limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    return asdict(browse.places(_kb(request).engine, country, limit, offset))


@router.get("/places/{place}", summary="A place: names over time, partners, agreements in force, events, leaders")
def get_place(request: Request, place: str, on: date | None = None) -> dict[str, Any]:
    kb = _kb(request)
    code, partners = kb.partners(place, on)
    return {
        "code": code,
        "name": queries.place_label(code),
        "history": kb.history(code),
        "partners": partners,
        "agreements_in_force": kb.agreements(in_force_on=on or date.today(), place=code),
        "recent_events": browse.events(kb.engine, place=code, limit=10).items,
        "leaders": kb.leaders(code)[:20],
    }


@router.get("/partnerships", summary="Partnerships (of a place), the most reported first")
def list_partnerships(request: Request, place: PlaceParam = None, limit: Limit = 50,
                      offset: Offset = 0) -> dict[str, Any]:
    return _page(_kb(request).partnerships(place), limit, offset)


@router.get("/partnerships/{a}/{b}", summary="Everything two places did together, with figures and sources")
def get_partnership(request: Request, a: str, b: str) -> dict[str, Any]:
    kb = _kb(request)
    timeline = kb.partnership(a, b)
    if not timeline.articles:
        raise HTTPException(404, f"no partnership between {a} and {b} is reported")
    figures = browse.partnership_figures(kb.engine, timeline.a, timeline.b)
    return {**asdict(timeline),
            "figures": [{"value": v, "class": c, "text": t, "source": src} for v, c, t, src in figures]}


@router.get("/agreements", summary="Agreements, those in force on a day, of a place")
def list_agreements(request: Request, place: PlaceParam = None, in_force_on: date | None = None,
                    limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    return _page(_kb(request).agreements(in_force_on, place), limit, offset)


@router.get("/events", summary="Meetings, visits, signings, awards, commitments..., the latest first")
def list_events(request: Request, place: PlaceParam = None,
                kind: Annotated[str | None, Query(description="meeting, visit, signing, award...")] = None,
                since: date | None = None, until: date | None = None, limit: Limit = 50,
                offset: Offset = 0) -> dict[str, Any]:
    return asdict(browse.events(_kb(request).engine, place, kind, since, until, limit, offset))


@router.get("/people", summary="People, by the place of their offices or a part of their name")
def list_people(request: Request, place: PlaceParam = None,
                name: Annotated[str | None, Query(description="with or without tone marks")] = None,
                limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    return asdict(browse.people(_kb(request).engine, place, name, limit, offset))


@router.get("/people/{person_id}", summary="A person's roles over time, with sources")
def get_person(request: Request, person_id: int) -> dict[str, Any]:
    record = browse.person_by_id(_kb(request).engine, person_id)
    if record is None:
        raise HTTPException(404, f"no person {person_id}")
    return asdict(record)


@router.get("/articles", summary="Articles, the latest first, of a place and a period")
def list_articles(request: Request, place: PlaceParam = None, since: date | None = None,
                  until: date | None = None, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    return asdict(browse.articles(_kb(request).engine, place, since, until, limit, offset))


@router.get("/articles/{article_id}", summary="An article's text and every fact it gave, with offsets")
def get_article(request: Request, article_id: str) -> dict[str, Any]:
    record = browse.article(_kb(request).engine, article_id)
    if record is None:
        raise HTTPException(404, f"no article {article_id}")
    return asdict(record)


@router.get("/search", summary="Articles with all the words, with or without tone marks")
def search(request: Request, q: Annotated[str, Query(min_length=1, max_length=200)],
           limit: Limit = 20) -> dict[str, Any]:
    hits = _kb(request).search(q, limit)
    return {"query": q, "items": hits}
