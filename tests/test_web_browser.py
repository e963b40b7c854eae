"""The web application in a real browser: Playwright driving Debian's Chromium against a server on a
local port. Search, open a partnership, sign in, correct a fact, see it in the audit log, take a
screenshot. `make test` installs Chromium when it is missing; without it this test fails, never skips."""

from __future__ import annotations

import shutil
import socket
import threading
import time

import pytest
import uvicorn
from playwright.sync_api import expect, sync_playwright

from hoptac.kb import KnowledgeBase, users
from hoptac.web import create_app

from .test_web import write_articles

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--no-first-run"]
PASSWORD = "một mật khẩu đủ dài"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("browser")
    write_articles(folder)
    kb = KnowledgeBase(f"sqlite:///{folder / 'kb.db'}")
    kb.ingest([folder])
    users.add_user(kb.engine, "bientap", PASSWORD)
    port = free_port()
    instance = uvicorn.Server(uvicorn.Config(create_app(kb=kb), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=instance.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not instance.started:
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    instance.should_exit = True
    thread.join(10)
    kb.close()


@pytest.fixture(scope="module")
def browser():
    if not shutil.which(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is missing: `make test` installs Debian's chromium package")
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


def test_search_open_a_partnership_sign_in_correct_a_fact_and_see_the_audit_log(server, browser, tmp_path):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(server + "/")
    page.get_by_label("Tìm kiếm").first.fill("savannakhet")
    page.get_by_label("Tìm kiếm").first.press("Enter")
    page.get_by_role("link", name="Savannakhet (LA-SV)").click()
    expect(page.locator("svg")).to_be_visible()  # the network picture
    page.locator("table.list a[href^='/partnership/']").first.click()
    expect(page.get_by_role("heading", name="Dòng thời gian")).to_be_visible()
    expect(page.get_by_text("Biên bản ghi nhớ").first).to_be_visible()

    page.get_by_role("link", name="Đăng nhập").click()
    page.get_by_label("Tên đăng nhập").fill("bientap")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_role("button", name="Đăng xuất")).to_be_visible()

    page.goto(server + "/article/qt-sv-1")
    page.locator("li.k-figure", has_text="scholarships").get_by_role("link", name="sửa").click()
    page.get_by_label("Giá trị").fill("45")
    page.locator("form.correct").get_by_label("Ghi chú").fill("bản gốc ghi 45 suất")
    page.get_by_role("button", name="Lưu sửa đổi").click()
    expect(page.get_by_role("status")).to_contain_text("Đã lưu")
    log = page.locator("table.audit")
    expect(log).to_contain_text("bientap")
    expect(log).to_contain_text("bản gốc ghi 45 suất")

    page.goto(server + "/partnership/VN-25/LA-SV")
    expect(page.get_by_text("45", exact=True)).to_be_visible()
    shot = tmp_path / "partnership.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 10_000
    page.close()


def test_pages_read_without_javascript(server, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(server + "/partnership/VN-25/LA-SV")
    expect(page.get_by_role("heading", name="Văn kiện hợp tác")).to_be_visible()
    page.locator("details.sources summary").first.click()  # sources open without scripts
    expect(page.locator("details.sources ol").first).to_be_visible()
    page.goto(server + "/article/qt-sv-1")
    expect(page.locator("mark.k-person").first).to_have_text("Phan Văn Lực")
    context.close()
