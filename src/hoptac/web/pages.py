"""The Vietnamese pages: home, search, place, partnership, person, article, agreements. Server-rendered
with Jinja2 (autoescaped), readable without JavaScript; each fact links to its sources."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from importlib import resources as pkg_resources
from itertools import pairwise

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.templating import Jinja2Templates

from hoptac import report, resources
from hoptac.kb import browse, curation, flags, queries
from hoptac.kb.merge import pair_key
from hoptac.report.render import MEDIA_TYPES, file_name
from hoptac.web import graph
from hoptac.web.auth import csrf_token, current_user
from hoptac.web.cache import kept

router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(directory=str(pkg_resources.files("hoptac.web") / "templates"))
# Facts shown inside the text; the others (a partnership, an event, an agreement) span a sentence and are
# listed beside it with a link to where they start.
INLINE_KINDS = ("locality", "person", "role", "figure", "field")
TIMELINE_EVENTS = 100  # events on a partnership page before "xem tất cả"


def _date_vi(value: date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else "—"


def _number_vi(value: float) -> str:
    """Vietnamese notation: 2.000.000.000, 45, 5,8."""
    whole = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}".rstrip("0").rstrip(".")
    return whole.replace(",", " ").replace(".", ",").replace(" ", ".")


def _label(group: str, code: str | None) -> str:
    return resources.labels().get(group, {}).get(code or "", code or "")


templates.env.filters["date_vi"] = _date_vi
templates.env.filters["number_vi"] = _number_vi
templates.env.globals["label"] = _label
templates.env.globals["place_name"] = queries.place_label
templates.env.globals["labels"] = resources.labels()


def render(request: Request, template: str, status_code: int = 200, **context) -> HTMLResponse:
    context.setdefault("today", date.today().isoformat())
    user = context.setdefault("user", current_user(request))
    if user is not None:
        context.setdefault("csrf", csrf_token(request))  # the sign-out form in the header
    return templates.TemplateResponse(request, template, context, status_code=status_code)


def error_page(request: Request, status_code: int, message: str) -> HTMLResponse:
    return render(request, "error.html", status_code, message=message)


def _kb(request: Request):
    return request.app.state.kb


@router.get("/", response_class=HTMLResponse)
@kept
def home(request: Request) -> HTMLResponse:
    kb = _kb(request)
    return render(request, "home.html", events=browse.recent_events(kb.engine, 15),
                  partnerships=kb.partnerships()[:15])


@router.get("/search", response_class=HTMLResponse)
def search(request: Request, q: str = "") -> HTMLResponse:
    kb = _kb(request)
    q = q.strip()[:200]
    hits = kb.search(q, 50) if q else []
    people = browse.people(kb.engine, name=q, limit=20).items if q else []
    place = None
    if q:
        try:
            place = queries.resolve_place(q)
        except queries.UnknownPlace:
            place = None
    return render(request, "search.html", q=q, hits=hits, people=people, place=place)


@router.get("/place/{place}", response_class=HTMLResponse)
@kept
def place_page(request: Request, place: str) -> HTMLResponse:
    kb = _kb(request)
    code, partners = kb.partners(place)
    partner_codes = {p.code for p in partners}
    links = [(p.a, p.b, p.articles) for p in kb.partnerships()
             if p.a in partner_codes and p.b in partner_codes]
    nodes, edges = graph.star((code, queries.place_label(code)), [(p.code, p.name, p.articles) for p in partners],
                              links)
    return render(request, "place.html", code=code, name=queries.place_label(code), partners=partners,
                  history=kb.history(code), agreements=kb.agreements(in_force_on=date.today(), place=code),
                  events=browse.events(kb.engine, place=code, limit=15).items, leaders=kb.leaders(code)[:20],
                  nodes=nodes, edges=edges, width=graph.WIDTH, height=graph.HEIGHT)


@router.get("/partnership/{a}/{b}", response_class=HTMLResponse)
@kept
def partnership_page(request: Request, a: str, b: str, tat_ca: bool = False) -> HTMLResponse:
    kb = _kb(request)
    timeline = kb.partnership(a, b)
    if not timeline.articles:
        return error_page(request, 404, f"Chưa có bài viết nào về quan hệ giữa {a} và {b}.")
    figures = browse.partnership_figures(kb.engine, timeline.a, timeline.b)
    commitments = [e for e in timeline.events if e.type == "commitment" or e.realis in ("committed", "proposed")]
    deliveries = [e for e in timeline.events if e.type in ("delivery", "handover") and e.realis == "done"]
    sides = {code: [p for p in timeline.people if p.anchor == code] for code in (timeline.a, timeline.b)}
    # A much-reported pair has hundreds of events: the latest come first, the others on asking (?tat_ca=1).
    events = timeline.events if tat_ca else timeline.events[:TIMELINE_EVENTS]
    return render(request, "partnership.html", t=timeline, events=events, hidden=len(timeline.events) - len(events),
                  figures=figures, commitments=commitments, deliveries=deliveries, sides=sides,
                  flags=flags.for_partnership(kb.engine, timeline.a, timeline.b, timeline=timeline))


@router.get("/partnership/{a}/{b}/ho-so.{fmt}")
def dossier_download(request: Request, a: str, b: str, fmt: str) -> Response:
    """The review dossier of the partnership, as a file to download."""
    if fmt not in report.FORMATS:
        return error_page(request, 404, f"Không có định dạng {fmt}: {', '.join(report.FORMATS)}.")
    dossier = report.build(_kb(request).engine, a, b)
    return Response(report.render(dossier, fmt), media_type=MEDIA_TYPES[fmt],
                    headers={"Content-Disposition": f'attachment; filename="{file_name(dossier, fmt)}"'})


@router.get("/person/{person_id}", response_class=HTMLResponse)
@kept
def person_page(request: Request, person_id: int) -> HTMLResponse:
    engine = _kb(request).engine
    record = browse.person_by_id(engine, person_id)
    if record is None:
        return error_page(request, 404, f"Không có nhân vật số {person_id}.")
    articles = sorted({src.article for span in record.roles for src in span.sources})
    return render(request, "person.html", p=record, log=curation.person_history(engine, person_id),
                  articles=articles, flags=flags.incompatible_roles([record]))


@dataclass
class Segment:
    text: str
    fact: int | None = None  # index into the article's facts
    anchors: list[int] = field(default_factory=list)  # facts that start here (sentence-level ones)


def segments(text: str, facts: list[browse.FactSpan]) -> list[Segment]:
    """The text cut at the facts: inline facts become marked segments (of overlapping ones the first
    wins), the others leave an anchor where they start (moved to the start of a mark they fall in)."""
    marks: dict[int, tuple[int, int]] = {}  # start -> (end, fact)
    last_end = 0
    for k in sorted((k for k, f in enumerate(facts) if f.kind in INLINE_KINDS),
                    key=lambda k: (facts[k].start, -facts[k].end)):
        f = facts[k]
        if f.start >= last_end and f.end > f.start:
            marks[f.start] = (f.end, k)
            last_end = f.end
    mark_starts = sorted(marks)
    anchors: dict[int, list[int]] = {}
    for k, f in enumerate(facts):
        if f.kind in INLINE_KINDS:
            continue
        pos = f.start
        for start in mark_starts:
            if start < pos < marks[start][0]:
                pos = start
        anchors.setdefault(pos, []).append(k)
    cuts = sorted({0, len(text), *marks, *(end for end, _ in marks.values()), *anchors})
    out: list[Segment] = []
    for here, nxt in pairwise(cuts):
        if here in anchors:
            out.append(Segment("", anchors=anchors[here]))
        if here in marks:
            end, k = marks[here]
            out.append(Segment(text[here:end], fact=k))
        elif nxt > here:
            out.append(Segment(text[here:nxt]))
    return out


@router.get("/article/{article_id}", response_class=HTMLResponse)
@kept
def article_page(request: Request, article_id: str) -> HTMLResponse:
    engine = _kb(request).engine
    record = browse.article(engine, article_id)
    if record is None:
        return error_page(request, 404, f"Không có bài viết {article_id}.")
    return render(request, "article.html", a=record, segments=segments(record.text, record.facts),
                  statuses=curation.statuses(engine, article_id))


@router.get("/agreements", response_class=HTMLResponse)
@kept
def agreements_page(request: Request, place: str = "", in_force_on: date | None = None) -> HTMLResponse:
    kb = _kb(request)
    records = kb.agreements(in_force_on, place or None)
    return render(request, "agreements.html", agreements=records, place=place, in_force_on=in_force_on)


def pair_url(a: str, b: str) -> str:
    x, y = pair_key(a, b)
    return f"/partnership/{x}/{y}"


templates.env.globals["pair_url"] = pair_url
