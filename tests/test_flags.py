"""Quality flags, one test per kind: doubtful growth rates, the same figure told differently, commitments
without delivery, agreements without a successor, incompatible roles."""

from __future__ import annotations

import json
from datetime import date

import pytest

from hoptac.kb import KnowledgeBase, flags
from hoptac.kb.queries import AgreementRecord, EventRecord, PersonRecord, RoleSpan, Source


def source(article: str, published: date) -> Source:
    return Source(article, f"Bài {article}", published, None, 0, 0, 10, "trích dẫn")


def event(kind: str, realis: str, published: date, day: date | None = None) -> EventRecord:
    return EventRecord(kind, day, ["LA-SV", "VN-25"], realis, [], [source(f"e-{published}", published)])


@pytest.fixture
def kb(tmp_path):
    articles = [
        ("a1", "2024-03-01", "Tỉnh Quảng Trị và tỉnh Savannakhet hội đàm về hợp tác. Năm 2023, GRDP của tỉnh "
                             "Quảng Trị tăng 61%, thu ngân sách đạt 3.400 tỷ đồng. Quảng Trị đã tiếp nhận 320 "
                             "lưu học sinh Savannakhet."),
        ("a2", "2024-03-20", "Tỉnh Quảng Trị hỗ trợ tỉnh Savannakhet đào tạo cán bộ. Hai bên hợp tác giáo dục; "
                             "Quảng Trị đã tiếp nhận 350 lưu học sinh Savannakhet. Kinh tế tỉnh tăng trưởng 6,8%."),
    ]
    for article_id, published, text in articles:
        (tmp_path / f"{article_id}.json").write_text(json.dumps(
            {"id": article_id, "title": f"Bài {article_id}", "published": published, "text": text},
            ensure_ascii=False), encoding="utf-8")
    base = KnowledgeBase(f"sqlite:///{tmp_path / 'kb.db'}")
    base.ingest([tmp_path])
    yield base
    base.close()


def test_a_growth_rate_above_the_bound_is_doubtful(kb):
    found = [f for f in flags.doubtful_figures(kb.engine, "LA-SV", "VN-25") if f.kind == "doubtful_growth"]
    assert [f.sources[0].quote for f in found] == ["61%"]  # 6,8% is plausible; 3.400 tỷ đồng is no rate


def test_the_same_figure_told_differently_by_two_articles(kb):
    found = [f for f in flags.doubtful_figures(kb.engine, "LA-SV", "VN-25") if f.kind == "conflicting_figures"]
    assert len(found) == 1
    assert {s.article for s in found[0].sources} == {"a1", "a2"} and "320" in found[0].message


def test_a_commitment_without_delivery_after_its_due_day():
    promised = event("commitment", "committed", date(2023, 1, 10))
    assert [f.kind for f in flags.undelivered_commitments([promised], date(2024, 6, 1))] == ["undelivered_commitment"]
    assert flags.undelivered_commitments([promised], date(2023, 6, 1)) == []  # not due yet
    delivered = event("handover", "done", date(2023, 9, 1), date(2023, 8, 30))
    assert flags.undelivered_commitments([promised, delivered], date(2024, 6, 1)) == []
    earlier = event("handover", "done", date(2022, 5, 1), date(2022, 5, 1))  # before the promise: no answer
    assert len(flags.undelivered_commitments([promised, earlier], date(2024, 6, 1))) == 1


def test_an_agreement_that_ends_without_a_successor():
    ending = AgreementRecord(("LA-SV", "VN-25"), 2021, 2025, "agreement", "in_force", [], None, None,
                             [source("g1", date(2021, 3, 1))])
    assert len(flags.agreements_without_successor([ending], date(2025, 9, 1))) == 1  # ends within six months
    assert flags.agreements_without_successor([ending], date(2025, 3, 1)) == []  # further off
    ended = flags.agreements_without_successor([ending], date(2026, 2, 1))
    assert "đã hết hạn" in ended[0].message
    successor = AgreementRecord(("LA-SV", "VN-25"), 2026, 2030, "mou", "signed", [], None, None, [])
    assert flags.agreements_without_successor([ending, successor], date(2025, 9, 1)) == []


def test_one_person_in_two_incompatible_roles_at_once():
    def span(role: str, of: str, first: date, last: date) -> RoleSpan:
        return RoleSpan(role, of, of, [role], first, last, [source(f"r-{role}", first)])

    clash = PersonRecord(1, "Hồ Văn Nam", ["Hồ Văn Nam"], "VN-25", [
        span("people_committee_chair", "VN-25", date(2024, 3, 1), date(2024, 3, 1)),
        span("people_committee_vice_chair", "VN-25", date(2024, 3, 10), date(2024, 3, 10))], 2)
    two_seats = PersonRecord(2, "Lê Thị Hoa", ["Lê Thị Hoa"], "VN-25", [
        span("party_secretary", "VN-25", date(2024, 1, 1), date(2024, 6, 1)),
        span("party_secretary", "VN-24", date(2024, 5, 1), date(2024, 5, 1))], 2)
    promoted = PersonRecord(3, "Trần Văn Bình", ["Trần Văn Bình"], "VN-25", [
        span("people_committee_vice_chair", "VN-25", date(2021, 1, 1), date(2022, 1, 1)),
        span("people_committee_chair", "VN-25", date(2023, 1, 1), date(2024, 1, 1))], 4)
    found = flags.incompatible_roles([clash, two_seats, promoted])
    assert [f.person for f in found] == [1, 2]
    assert all(f.kind == "incompatible_roles" and len(f.sources) == 2 for f in found)
