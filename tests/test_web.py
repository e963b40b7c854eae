"""The web application: every API endpoint and every page, over a knowledge base built from articles
written here (TestClient; the browser suite is test_web_browser.py)."""

from __future__ import annotations

import json
import re

import pytest
from fastapi.testclient import TestClient

from hoptac.kb import KnowledgeBase
from hoptac.web import create_app

ARTICLES = [
    {
        "id": "qt-sv-1",
        "title": "Quảng Trị và Savannakhet ký biên bản ghi nhớ hợp tác giai đoạn 2024 – 2028",
        "published": "2024-03-12",
        "url": "https://example.org/qt-sv-1",
        "text": (
            "Chiều 11/3, tại thành phố Đông Hà, Bí thư Tỉnh ủy Quảng Trị Phan Văn Lực đã tiếp đoàn đại biểu "
            "tỉnh Savannakhet (Lào) do ông Khăm-la Vông-xay, Phó Tỉnh trưởng tỉnh Savannakhet dẫn đầu.\n"
            "Hai bên đã ký Biên bản ghi nhớ về hợp tác giai đoạn 2024 – 2028 trong các lĩnh vực giáo dục, "
            "y tế và thương mại. Dịp này, tỉnh Quảng Trị trao tặng tỉnh bạn 40 suất học bổng và 2 tỷ đồng "
            "hỗ trợ xây dựng trường học."
        ),
    },
    {
        "id": "qt-sv-2",
        "title": "Đoàn Quảng Trị thăm Savannakhet",
        "published": "2025-02-20",
        "text": (
            "Sáng 19/2, đoàn công tác tỉnh Quảng Trị do ông Phan Văn Lực, Bí thư Tỉnh ủy Quảng Trị dẫn đầu "
            "đã thăm và làm việc tại tỉnh Savannakhet. Hai bên thống nhất phối hợp đào tạo 120 lưu học sinh "
            "và tăng cường hợp tác thương mại qua cửa khẩu Lao Bảo."
        ),
    },
    {
        "id": "xss",
        "title": "Bài có <script>alert('x')</script> trong tiêu đề",
        "published": "2025-05-02",
        "text": "Tỉnh Quảng Trị và tỉnh Savannakhet hội đàm. <script>alert('x')</script> Hai bên hợp tác du lịch.",
    },
]


def write_articles(folder) -> None:
    for article in ARTICLES:
        (folder / f"{article['id']}.json").write_text(json.dumps(article, ensure_ascii=False), encoding="utf-8")


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    folder = tmp_path_factory.mktemp("web")
    write_articles(folder)
    kb = KnowledgeBase(f"sqlite:///{folder / 'kb.db'}")
    kb.ingest([folder])
    with TestClient(create_app(kb=kb)) as test_client:
        yield test_client


def get_json(client, path: str, status: int = 200):
    response = client.get(path)
    assert response.status_code == status, response.text
    return response.json()


# -- API ----------------------------------------------------------------------------------------------
def test_every_api_path_is_documented_in_openapi(client):
    paths = get_json(client, "/openapi.json")["paths"]
    assert {"/api/places", "/api/places/{place}", "/api/partnerships", "/api/partnerships/{a}/{b}",
            "/api/agreements", "/api/events", "/api/people", "/api/people/{person_id}", "/api/articles",
            "/api/articles/{article_id}", "/api/search"} <= set(paths)
    assert all(op.get("summary") for path in paths.values() for op in path.values())


def test_places_are_paged_and_a_place_has_its_partners(client):
    first = get_json(client, "/api/places?limit=1")
    assert first["total"] == 2 and len(first["items"]) == 1 and first["limit"] == 1
    second = get_json(client, "/api/places?limit=1&offset=1")
    assert {first["items"][0]["code"], second["items"][0]["code"]} == {"VN-25", "LA-SV"}
    assert get_json(client, "/api/places?country=LA")["items"][0]["code"] == "LA-SV"
    place = get_json(client, "/api/places/Xa-vẳn-na-khệt")  # any spelling
    assert place["code"] == "LA-SV"
    assert [p["code"] for p in place["partners"]] == ["VN-25"]
    assert place["partners"][0]["articles"] == 3
    assert get_json(client, "/api/places/Atlantis", 404)["detail"].startswith("unknown place")


def test_partnerships_and_one_partnership_with_sources(client):
    listed = get_json(client, "/api/partnerships?place=LA-SV")
    assert listed["total"] == 1 and listed["items"][0]["a"] == "LA-SV" and listed["items"][0]["b"] == "VN-25"
    pair = get_json(client, "/api/partnerships/quang tri/savannakhet")
    assert pair["articles"] == 3
    assert [(a["start"], a["end"], a["kind"]) for a in pair["agreements"]] == [(2024, 2028, "mou")]
    source = pair["agreements"][0]["sources"][0]
    assert source["article"] == "qt-sv-1" and "Biên bản ghi nhớ" in source["quote"]
    assert {(f["value"], f["class"]) for f in pair["figures"]} >= {(40, "scholarships"), (2e9, "money_vnd")}
    assert any(e["type"] == "visit" for e in pair["events"])
    get_json(client, "/api/partnerships/VN-25/KH-1", 404)


def test_agreements_in_force_and_paging(client):
    assert get_json(client, "/api/agreements?in_force_on=2026-06-01")["total"] == 1
    assert get_json(client, "/api/agreements?in_force_on=2030-01-01")["total"] == 0
    assert get_json(client, "/api/agreements?place=LA-SV&limit=1&offset=1")["items"] == []
    get_json(client, "/api/agreements?limit=0", 422)


def test_events_filtered_by_place_kind_and_days(client):
    every = get_json(client, "/api/events?place=Savannakhet")
    assert every["total"] >= 2
    days = [e["day"] for e in every["items"]]
    dated = [d for d in days if d]
    assert dated == sorted(dated, reverse=True)  # the latest first
    signings = get_json(client, "/api/events?kind=signing")["items"]
    assert signings and all(e["type"] == "signing" for e in signings)
    in_2025 = get_json(client, "/api/events?since=2025-01-01&until=2025-12-31")["items"]
    assert in_2025 and all(e["day"].startswith("2025") for e in in_2025)


def test_people_by_name_without_marks_and_by_id(client):
    found = get_json(client, "/api/people?name=phan van luc")["items"]
    assert [p["name"] for p in found] == ["Phan Văn Lực"]
    person = get_json(client, f"/api/people/{found[0]['id']}")
    assert person["roles"][0]["role"] == "party_secretary" and person["roles"][0]["of"] == "VN-25"
    assert person["articles"] == 2
    get_json(client, "/api/people/999999", 404)


def test_articles_and_an_article_with_its_facts(client):
    listed = get_json(client, "/api/articles?place=LA-SV")
    assert [a["id"] for a in listed["items"]] == ["xss", "qt-sv-2", "qt-sv-1"]  # the latest first
    assert get_json(client, "/api/articles?since=2025-01-01")["total"] == 2
    article = get_json(client, "/api/articles/qt-sv-1")
    kinds = {f["kind"] for f in article["facts"]}
    assert {"locality", "partnership", "person", "role", "agreement", "figure", "field"} <= kinds
    for fact in article["facts"]:
        if fact["kind"] == "person":
            assert article["text"][fact["start"]:fact["end"]] == fact["label"]
    get_json(client, "/api/articles/nope", 404)


def test_search_with_and_without_tone_marks(client):
    assert {h["article"] for h in get_json(client, "/api/search?q=lao bao")["items"]} == {"qt-sv-2"}
    assert {h["article"] for h in get_json(client, "/api/search?q=Lao Bảo")["items"]} == {"qt-sv-2"}
    get_json(client, "/api/search", 422)


# -- pages --------------------------------------------------------------------------------------------
def page(client, path: str, status: int = 200) -> str:
    response = client.get(path)
    assert response.status_code == status, response.text[:500]
    assert response.headers["content-type"].startswith("text/html")
    return response.text


def test_home_has_the_search_box_and_recent_events(client):
    html = page(client, "/")
    assert '<form class="search big" action="/search"' in html
    assert "Sự kiện gần đây" in html and "/partnership/LA-SV/VN-25" in html


def test_search_page_finds_places_people_and_articles(client):
    html = page(client, "/search?q=savannakhet")
    assert 'href="/place/LA-SV"' in html
    html = page(client, "/search?q=phan van luc")
    assert "Phan Văn Lực" in html and "/person/" in html


def test_place_page_has_partners_network_agreements_and_leaders(client):
    html = page(client, "/place/LA-SV")
    assert "<svg" in html and "Quảng Trị" in html
    assert "Biên bản ghi nhớ" in html and "2024–2028" in html
    assert "Khăm-la Vông-xay" in html


def test_partnership_page_shows_timeline_agreements_figures_people_and_sources(client):
    html = page(client, "/partnership/VN-25/LA-SV")
    for expected in ("Dòng thời gian", "Văn kiện hợp tác", "Số liệu", "40 suất học bổng", "Phan Văn Lực",
                     "Khăm-la Vông-xay", 'href="/article/qt-sv-1#c'):
        assert expected in html
    page(client, "/partnership/VN-25/KH-1", 404)


def test_person_page_has_the_role_timeline(client):
    person_id = client.get("/api/people?name=Phan Văn Lực").json()["items"][0]["id"]
    html = page(client, f"/person/{person_id}")
    assert "Bí thư Tỉnh ủy" in html and "12/03/2024" in html and "20/02/2025" in html
    page(client, "/person/999999", 404)


def test_article_page_marks_each_fact_and_links_it(client):
    html = page(client, "/article/qt-sv-1")
    assert re.search(r'<mark id="f\d+" class="k-person"[^>]*><a id="c\d+"></a>Phan Văn Lực</mark>', html)
    assert 'class="k-figure"' in html and "/place/LA-SV" in html


def test_article_text_and_title_are_escaped(client):
    html = page(client, "/article/xss")
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(" in html


def test_unknown_pages_answer_in_vietnamese(client):
    assert "Không tìm thấy" in page(client, "/place/Atlantis", 404)
    assert "Không có bài viết" in page(client, "/article/nope", 404)


def test_a_long_timeline_shows_the_latest_events_first_and_all_on_asking(client, monkeypatch):
    from hoptac.web import pages

    monkeypatch.setattr(pages, "TIMELINE_EVENTS", 1)
    client.app.state.page_cache.pages.clear()
    short = client.get("/partnership/VN-25/LA-SV").text
    timeline = short.split("Dòng thời gian")[1].split("</table>")[0]
    assert timeline.count("<tr") == 2 and "xem tất cả" in short  # the header row and the latest event
    full = client.get("/partnership/VN-25/LA-SV?tat_ca=1").text
    assert full.split("Dòng thời gian")[1].split("</table>")[0].count("<tr") > 2 and "xem tất cả" not in full
    client.app.state.page_cache.pages.clear()
