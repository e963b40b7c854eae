"""Signing in and curating through the web application, and its security: escaping, CSRF, sign-in
required for writes, a wrong password not saying which part was wrong, failed sign-ins slowed down."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from hoptac.kb import KnowledgeBase, users
from hoptac.web import create_app

from .test_web import write_articles

PASSWORD = "một mật khẩu đủ dài"


@pytest.fixture
def kb(tmp_path):
    write_articles(tmp_path)
    base = KnowledgeBase(f"sqlite:///{tmp_path / 'kb.db'}")
    base.ingest([tmp_path])
    users.add_user(base.engine, "bientap", PASSWORD)
    yield base
    base.close()


def client_of(kb) -> TestClient:
    # Session cookies are Secure: the client speaks HTTPS to the test server.
    return TestClient(create_app(kb=kb), base_url="https://testserver")


def csrf_of(html: str) -> str:
    return re.search(r'name="csrf" value="([^"]+)"', html).group(1)


def signed_in(kb) -> TestClient:
    client = client_of(kb)
    token = csrf_of(client.get("/login").text)
    response = client.post("/login", data={"username": "bientap", "password": PASSWORD, "csrf": token},
                           follow_redirects=False)
    assert response.status_code == 303
    return client


def fact_form(client, article: str, kind: str, pattern: str) -> tuple[dict, str]:
    html = client.get(f"/article/{article}").text
    href = re.search(rf'href="(/curate\?article={article}&amp;kind={kind}&amp;key=[^"]*{pattern}[^"]*)"', html)
    page = client.get(href.group(1).replace("&amp;", "&"))
    assert page.status_code == 200
    fields = dict(re.findall(r'<input type="hidden" name="(article|kind|key)" value="([^"]*)"', page.text)[:3])
    return fields, csrf_of(page.text)


def test_the_session_cookie_is_secure_and_http_only(kb):
    client = client_of(kb)
    token = csrf_of(client.get("/login").text)
    response = client.post("/login", data={"username": "bientap", "password": PASSWORD, "csrf": token},
                           follow_redirects=False)
    cookie = response.headers["set-cookie"].lower()
    assert "hoptac_session=" in cookie and "secure" in cookie and "httponly" in cookie and "samesite=lax" in cookie


def test_a_wrong_password_or_name_gets_the_same_answer(kb):
    client = client_of(kb)
    token = csrf_of(client.get("/login").text)
    wrong_password = client.post("/login", data={"username": "bientap", "password": "sai rồi", "csrf": token})
    wrong_name = client.post("/login", data={"username": "khongco", "password": PASSWORD, "csrf": token})
    assert wrong_password.status_code == wrong_name.status_code == 401
    message = "Tên đăng nhập hoặc mật khẩu không đúng."
    assert message in wrong_password.text and message in wrong_name.text
    assert "Đăng xuất" not in wrong_password.text


def test_repeated_failed_sign_ins_are_slowed_down(kb):
    client = client_of(kb)
    token = csrf_of(client.get("/login").text)
    for _ in range(5):
        assert client.post("/login", data={"username": "bientap", "password": "x", "csrf": token}).status_code == 401
    blocked = client.post("/login", data={"username": "bientap", "password": PASSWORD, "csrf": token})
    assert blocked.status_code == 429 and int(blocked.headers["Retry-After"]) > 0
    assert "thử lại sau" in blocked.text


def test_writes_need_a_sign_in_and_the_csrf_token(kb):
    anonymous = client_of(kb)
    token = csrf_of(anonymous.get("/login").text)
    form = {"article": "qt-sv-1", "kind": "figure", "key": "40 scholarships", "action": "reject"}
    assert anonymous.post("/curate", data={**form, "csrf": token}).status_code == 403
    editor = signed_in(kb)
    assert editor.post("/curate", data=form).status_code == 403  # no token
    assert editor.post("/curate", data={**form, "csrf": "forged"}).status_code == 403
    assert editor.post("/login", data={"username": "bientap", "password": PASSWORD}).status_code == 403
    assert "Cần đăng nhập" in anonymous.post("/curate/add", data={"kind": "figure", "csrf": token}).text


def test_correct_a_fact_and_see_it_in_the_audit_log(kb):
    editor = signed_in(kb)
    fields, token = fact_form(editor, "qt-sv-1", "figure", "scholarships")
    response = editor.post("/curate", data={**fields, "action": "correct", "value": "45", "csrf": token,
                                            "note": "bản gốc ghi 45 suất"})
    assert response.status_code == 200 and "Đã lưu" in response.text
    assert "bientap" in response.text and "bản gốc ghi 45 suất" in response.text
    figures = editor.get("/api/partnerships/VN-25/LA-SV").json()["figures"]
    assert (45, "scholarships") in {(f["value"], f["class"]) for f in figures}
    assert "bản gốc ghi 45 suất" in client_of(kb).get("/audit").text  # the log is public


def test_reject_add_merge_and_sign_out(kb):
    editor = signed_in(kb)
    fields, token = fact_form(editor, "qt-sv-2", "field", "trade")
    editor.post("/curate", data={**fields, "action": "reject", "csrf": token})
    article = editor.get("/api/articles/qt-sv-2").json()
    assert "trade" not in {f["label"] for f in article["facts"] if f["kind"] == "field"}
    added = editor.post("/curate/add", data={
        "kind": "agreement", "a": "VN-25", "b": "LA-SV", "start": "2029", "end": "2033", "agreement_kind": "plan",
        "status": "to_be_signed", "note": "Theo kế hoạch của Sở Ngoại vụ Quảng Trị", "csrf": token})
    assert added.status_code == 200 and "Theo kế hoạch của Sở Ngoại vụ Quảng Trị" in added.text
    periods = {(a["start"], a["end"]) for a in editor.get("/api/agreements?place=LA-SV").json()["items"]}
    assert (2029, 2033) in periods
    people = {p["name"]: p["id"] for p in editor.get("/api/people").json()["items"]}
    merged = editor.post(f"/person/{people['Khăm-la Vông-xay']}/merge",
                         data={"into": people["Phan Văn Lực"], "csrf": token})
    assert merged.status_code == 200 and "gộp nhân vật" in merged.text
    assert editor.post("/logout", data={"csrf": token}, follow_redirects=False).status_code == 303
    assert "Đăng nhập" in editor.get("/").text


def test_article_text_is_escaped_on_the_fact_page(kb):
    editor = signed_in(kb)
    html = editor.get("/article/xss").text
    assert "<script>alert" not in html
    href = re.search(r'href="(/curate\?article=xss&amp;kind=locality[^"]*)"', html).group(1)
    assert "<script>alert" not in editor.get(href.replace("&amp;", "&")).text


def test_pages_are_kept_for_readers_until_the_facts_change(kb, monkeypatch):
    reader = client_of(kb)
    first = reader.get("/partnership/VN-25/LA-SV")
    assert first.status_code == 200 and "Đăng nhập" in first.text
    asked = []
    original = kb.partnership
    monkeypatch.setattr(kb, "partnership", lambda *args, **kw: asked.append(args) or original(*args, **kw))
    assert reader.get("/partnership/VN-25/LA-SV").text == first.text and asked == []  # kept
    editor = signed_in(kb)
    assert "bientap" in editor.get("/partnership/VN-25/LA-SV").text and len(asked) == 1  # made for the editor
    fields, token = fact_form(editor, "qt-sv-1", "figure", "scholarships")
    editor.post("/curate", data={**fields, "action": "correct", "value": "45", "csrf": token})
    again = reader.get("/partnership/VN-25/LA-SV")  # the correction changed the data version
    assert len(asked) == 2 and again.text != first.text and "bientap" not in again.text
    assert reader.get("/partnership/VN-25/LA-SV").text == again.text and len(asked) == 2


def test_the_data_version_changes_with_each_write_of_facts(kb, tmp_path):
    from hoptac.kb import version

    before = version.current(kb.engine)
    assert before
    kb.ingest([tmp_path])  # nothing new: nothing written
    assert version.current(kb.engine) == before
    (tmp_path / "more").mkdir()
    (tmp_path / "more" / "new.txt").write_text("Tỉnh Quảng Trị và tỉnh Savannakhet ký kết hợp tác y tế.",
                                               encoding="utf-8")
    kb.ingest([tmp_path / "more"])
    assert version.current(kb.engine) != before
