"""Accounts and curation, on SQLite and on a real PostgreSQL server: corrections change the knowledge
base at once, survive re-extraction, and every change is in the audit log."""

from __future__ import annotations

import json

import pytest

from hoptac.kb import KnowledgeBase, browse, curation, users
from hoptac.kb.curation import CurationError, figure_key, role_key
from hoptac.kb.merge import person_key

TEXT = ("Ngày 5/4, tại Long Xuyên, Chủ tịch UBND tỉnh An Giang Trần Minh Đức tiếp đoàn tỉnh Kampot do ông "
        "Mao Sokha, Phó Tỉnh trưởng tỉnh Kampot dẫn đầu. Hai bên ký Biên bản ghi nhớ hợp tác giai đoạn 2025 – "
        "2029. Tỉnh An Giang trao tặng tỉnh bạn 35 suất học bổng và 500 triệu đồng.")


def write(folder, article_id: str, text: str, published: str = "2025-04-06") -> None:
    (folder / f"{article_id}.json").write_text(
        json.dumps({"id": article_id, "title": "An Giang – Kampot", "published": published, "text": text},
                   ensure_ascii=False), encoding="utf-8")


@pytest.fixture
def kb(db_url, tmp_path):
    base = KnowledgeBase(db_url, auto_upgrade=True)
    write(tmp_path, "ag-kp", TEXT)
    base.ingest([tmp_path / "ag-kp.json"])
    yield base
    base.close()


@pytest.fixture
def editor(kb):
    return users.add_user(kb.engine, "bientap", "mật khẩu đủ dài")


def figures(kb) -> set[tuple[float, str]]:
    return {(v, c) for v, c, _, _ in browse.partnership_figures(kb.engine, "VN-44", "KH-7")}


def test_accounts_and_passwords(kb):
    admin = users.add_user(kb.engine, "quantri", "một mật khẩu dài", admin=True)
    assert admin.is_admin
    assert users.authenticate(kb.engine, "quantri", "một mật khẩu dài") == admin
    assert users.authenticate(kb.engine, "quantri", "sai mật khẩu rồi") is None
    assert users.authenticate(kb.engine, "khongco", "một mật khẩu dài") is None
    with pytest.raises(users.AccountError):
        users.add_user(kb.engine, "QuanTri", "một mật khẩu khác")  # names are unique whatever the case
    with pytest.raises(users.AccountError):
        users.add_user(kb.engine, "ngan", "ngắn")
    users.set_password(kb.engine, "quantri", "mật khẩu mới đủ dài")
    assert users.authenticate(kb.engine, "quantri", "mật khẩu mới đủ dài") == admin
    assert users.secret_key(kb.engine) == users.secret_key(kb.engine)


def test_a_rejected_figure_stays_rejected_after_reextraction(kb, editor, tmp_path):
    assert (35, "scholarships") in figures(kb)
    curation.reject(kb.engine, editor, "ag-kp", "figure", figure_key(35, "scholarships"), "đọc nhầm")
    assert (35, "scholarships") not in figures(kb)
    write(tmp_path, "ag-kp", TEXT + " Hai bên thống nhất tăng cường giao lưu.")  # changed: extracted again
    assert kb.ingest([tmp_path / "ag-kp.json"]).replaced == 1
    assert (35, "scholarships") not in figures(kb) and (5e8, "money_vnd") in figures(kb)
    [entry] = curation.history(kb.engine, "figure", "ag-kp")
    assert (entry.username, entry.action, entry.after) == ("bientap", "reject", None)
    assert entry.before[0]["value"] == 35 and entry.note == "đọc nhầm"


def test_a_corrected_role_and_agreement_survive_reingest(kb, editor, tmp_path):
    key = role_key(person_key("Mao Sokha"), "vice_governor", "KH-7")
    curation.correct(kb.engine, editor, "ag-kp", "role", key, {"role": "governor"}, "là Tỉnh trưởng")
    curation.correct(kb.engine, editor, "ag-kp", "agreement", "KH-7 VN-44 2025 2029", {"status": "in_force"})
    write(tmp_path, "ag-kp", TEXT + " Đoàn đã thăm cửa khẩu Tịnh Biên.")
    kb.ingest([tmp_path / "ag-kp.json"])
    [person] = kb.person("Mao Sokha")
    assert [(r.role, r.of) for r in person.roles] == [("governor", "KH-7")]
    assert [a.status for a in kb.agreements(place="Kampot")] == ["in_force"]
    entry = curation.history(kb.engine, "role", "ag-kp", key)[0]
    assert entry.before[0]["role"] == "vice_governor" and entry.after[0]["role"] == "governor"


def test_corrections_are_checked(kb, editor):
    key = figure_key(35, "scholarships")
    with pytest.raises(CurationError):
        curation.correct(kb.engine, editor, "ag-kp", "figure", key, {"class": "dollars"})
    with pytest.raises(CurationError):
        curation.correct(kb.engine, editor, "ag-kp", "locality", "VN-44", {"code": "VN-01"})
    with pytest.raises(CurationError):
        curation.reject(kb.engine, editor, "ag-kp", "figure", figure_key(36, "scholarships"))
    with pytest.raises(CurationError):
        curation.confirm(kb.engine, editor, "nope", "figure", key)
    assert curation.history(kb.engine) == []  # nothing half-done is logged


def test_confirm_marks_the_fact(kb, editor):
    key = figure_key(5e8, "money_vnd")
    curation.confirm(kb.engine, editor, "ag-kp", "figure", key, "đúng với bản gốc")
    assert curation.statuses(kb.engine, "ag-kp") == {("figure", key): "confirm"}
    assert (5e8, "money_vnd") in figures(kb)


def test_a_fact_added_by_hand_shows_with_its_source_note(kb, editor):
    note = "Theo báo cáo của Sở Ngoại vụ An Giang ngày 10/5/2025"
    ext_id = curation.add_fact(kb.engine, editor, "agreement",
                               {"a": "VN-44", "b": "KH-7", "start": 2026, "end": 2030, "kind": "plan",
                                "status": "to_be_signed"}, note)
    [added] = [a for a in kb.agreements(place="VN-44") if a.start == 2026]
    assert (added.kind, added.status) == ("plan", "to_be_signed")
    assert added.sources[0].article == ext_id and added.sources[0].quote == note
    assert kb.partnership("VN-44", "KH-7").articles == 2
    with pytest.raises(CurationError):
        curation.add_fact(kb.engine, editor, "agreement", {"a": "VN-44", "b": "VN-01", "start": 1, "end": 2}, note)
    with pytest.raises(CurationError):
        curation.add_fact(kb.engine, editor, "figure", {"value": "12", "class": "people"}, "ngắn")


def test_merge_and_split_people(kb, editor, tmp_path):
    write(tmp_path, "ag-kp-2", "Ông Mao Sô-kha thăm tỉnh An Giang và hội đàm với lãnh đạo tỉnh.", "2025-06-01")
    kb.ingest([tmp_path / "ag-kp-2.json"])
    listed = {p.name: p.id for p in browse.people(kb.engine, name="mao").items}
    assert set(listed) == {"Mao Sokha", "Mao Sô-kha"}
    curation.merge_people(kb.engine, editor, listed["Mao Sô-kha"], listed["Mao Sokha"], "cùng một người")
    merged = browse.person_by_id(kb.engine, listed["Mao Sokha"])
    assert merged.articles == 2 and set(merged.names) == {"Mao Sokha", "Mao Sô-kha"}
    write(tmp_path, "ag-kp-2", "Ông Mao Sô-kha thăm tỉnh An Giang, hội đàm với lãnh đạo tỉnh.", "2025-06-01")
    kb.ingest([tmp_path / "ag-kp-2.json"])  # re-extracted: the merge holds
    assert browse.person_by_id(kb.engine, listed["Mao Sokha"]).articles == 2
    new_id = curation.split_person(kb.engine, editor, listed["Mao Sokha"], ["ag-kp-2"], "hai người khác nhau")
    assert browse.person_by_id(kb.engine, listed["Mao Sokha"]).articles == 1
    assert browse.person_by_id(kb.engine, new_id).names == ["Mao Sô-kha"]
    assert [e.action for e in curation.person_history(kb.engine, listed["Mao Sokha"])] == ["split", "merge"]
