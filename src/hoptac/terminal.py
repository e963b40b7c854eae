"""Query answers for people at a terminal (rich tables) and for machines (JSON)."""

from __future__ import annotations

import dataclasses
import json
from datetime import date, datetime

from rich.console import Console, Group
from rich.table import Table

from hoptac.kb.queries import place_label


def _plain(value):
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, date | datetime):
        return value.isoformat()
    return value


def to_json(value) -> str:
    return json.dumps(_plain(value), ensure_ascii=False, indent=1)


def print_rich(renderable) -> None:
    Console().print(renderable)


def _d(value) -> str:
    return value.isoformat() if value else ""


def _place(code: str) -> str:
    return f"{place_label(code)} ({code})" if code else ""


def partners_table(data) -> Table:
    former = sorted({f"{e.name} ({e.code}, đến {_d(e.valid_to)})" for e in data.get("history", ())
                     if e.valid_to and e.successor and e.successor != e.code})
    caption = "Gồm cả: " + "; ".join(former) if former else None
    table = Table(title=f"Đối tác của {_place(data['place'])}", caption=caption, show_lines=False)
    for column in ("Đối tác", "Tên đã dùng", "Bài", "Từ", "Đến", "Sự kiện gần nhất", "Văn kiện còn hiệu lực"):
        table.add_column(column)
    for p in data["partners"]:
        event = p.latest_event
        latest = f"{event.type} {_d(event.day)}".strip() if event else ""
        agreements = "; ".join(f"{a.kind} {a.start}–{a.end}" for a in p.agreements_in_force)
        table.add_row(_place(p.code), ", ".join(p.codes_seen), str(p.articles), _d(p.first_seen), _d(p.last_seen),
                      latest, agreements)
    return table


def partnerships_table(records) -> Table:
    table = Table(title=f"Quan hệ hợp tác ({len(records)})")
    for column in ("Địa phương", "Đối tác", "Bài", "Từ", "Đến", "Văn kiện"):
        table.add_column(column)
    for r in records:
        home, partner = sorted((r.a, r.b), key=lambda c: (not c.startswith("VN-"), c))
        table.add_row(_place(home), _place(partner), str(r.articles), _d(r.first_seen), _d(r.last_seen),
                      str(r.agreements))
    return table


def agreements_table(records) -> Table:
    table = Table(title="Văn kiện hợp tác")
    for column in ("Bên", "Giai đoạn", "Loại", "Tình trạng", "Lĩnh vực", "Nguồn"):
        table.add_column(column)
    for a in records:
        table.add_row(" — ".join(_place(c) for c in a.parties), f"{a.start}–{a.end}", a.kind, a.status,
                      ", ".join(a.fields), str(len(a.sources)))
    return table


def people_tables(records) -> Group | Table:
    if not records:
        return Table(title="Không tìm thấy người nào")
    tables = []
    for person in records:
        table = Table(title=f"{person.name} ({', '.join(person.names)}) — {person.articles} bài")
        for column in ("Chức vụ", "Của", "Danh xưng", "Từ", "Đến", "Nguồn"):
            table.add_column(column)
        for r in person.roles:
            sources = ", ".join(src.article for src in r.sources[:3])
            table.add_row(r.role, _place(r.of) if r.of and len(r.of) > 2 else (r.of or ""), "; ".join(r.titles),
                          _d(r.first_seen), _d(r.last_seen), sources)
        tables.append(table)
    return Group(*tables)


def partnership_tables(t) -> Group:
    head = Table(title=f"{_place(t.a)} — {_place(t.b)}: {t.articles} bài, {_d(t.first_seen)} → {_d(t.last_seen)}")
    for column in ("Ngày", "Sự kiện", "Tình thái", "Người tham gia", "Nguồn"):
        head.add_column(column)
    for e in t.events:
        head.add_row(_d(e.day), e.type, e.realis, "; ".join(e.participants[:4]),
                     ", ".join(src.article for src in e.sources[:3]))
    return Group(head, agreements_table(t.agreements), people_tables(t.people))


def search_table(hits) -> Table:
    table = Table(title="Kết quả tìm kiếm")
    for column in ("Bài", "Ngày", "Tiêu đề", "Đoạn"):
        table.add_column(column)
    for h in hits:
        table.add_row(h.article, _d(h.published), h.title or "", h.snippet)
    return table
