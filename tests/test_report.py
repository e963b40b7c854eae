"""The review dossier: its content checked against the knowledge base, in Markdown, HTML and Word (the
Word file opened with python-docx), from the library, the command line and the web page."""

from __future__ import annotations

import io
import re
from datetime import date

import docx
import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from hoptac.cli import main
from hoptac.kb import KnowledgeBase
from hoptac.report import build, render
from hoptac.web import create_app

from .test_web import write_articles

TODAY = date(2026, 1, 15)


@pytest.fixture(scope="module")
def kb(tmp_path_factory):
    folder = tmp_path_factory.mktemp("report")
    write_articles(folder)
    base = KnowledgeBase(f"sqlite:///{folder / 'kb.db'}")
    base.ingest([folder])
    yield base
    base.close()


@pytest.fixture(scope="module")
def dossier(kb):
    return build(kb.engine, "Savannakhet", "Quảng Trị", today=TODAY)


def test_the_dossier_says_what_the_knowledge_base_holds(kb, dossier):
    assert (dossier.a, dossier.b) == ("LA-SV", "VN-25")
    titles = [s.title for s in dossier.sections]
    assert titles[:3] == ["Hai bên", "Lãnh đạo hai bên hiện nay", "Văn kiện hợp tác"]
    timeline = kb.partnership("LA-SV", "VN-25")
    [agreement] = timeline.agreements
    [item] = dossier.section("agreements").items
    assert f"giai đoạn {agreement.start}–{agreement.end}" in item.text and "Biên bản ghi nhớ" in item.text
    assert "còn khoảng 35 tháng" in item.text  # to the end of 2028, seen from 15 January 2026
    leaders = " ".join(i.text for i in dossier.section("leaders").items)
    assert "Phan Văn Lực" in leaders and "Khăm-la Vông-xay" in leaders and "20/02/2025" in leaders
    figures = " ".join(i.text for i in dossier.section("figures").items)
    assert "40 suất học bổng" in figures and "2 tỷ đồng" in figures and "120 lưu học sinh" in figures
    assert any("Ký kết" in i.text for i in dossier.section("timeline").items)


def test_every_statement_is_numbered_and_cites_its_sources(dossier):
    numbers = [i.number for s in dossier.sections for i in s.items]
    assert numbers == list(range(1, len(numbers) + 1))
    cited = {n for s in dossier.sections if s.key != "partners" for i in s.items for n in i.citations}
    assert cited == {c.number for c in dossier.citations} and all(
        i.citations for s in dossier.sections if s.key not in ("partners",) for i in s.items)
    first = next(c for c in dossier.citations if c.article == "qt-sv-1")
    assert first.url == "https://example.org/qt-sv-1" and first.published == date(2024, 3, 12)
    assert first.title.startswith("Quảng Trị và Savannakhet")


def test_markdown_and_html(dossier):
    md = render(dossier, "md").decode("utf-8")
    assert md.startswith("# Hồ sơ quan hệ hợp tác: Savannakhet – Quảng Trị")
    assert "## Nguồn trích dẫn" in md and "https://example.org/qt-sv-1" in md
    html = render(dossier, "html").decode("utf-8")
    for item in (i for s in dossier.sections for i in s.items):
        assert f'<li value="{item.number}">' in html
    for c in dossier.citations:
        assert f'id="c{c.number}"' in html
    assert "@media print" in html and "<script" not in html


def test_the_word_document_is_a_real_document(dossier):
    document = docx.Document(io.BytesIO(render(dossier, "docx")))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith(("Heading", "Title"))]
    assert headings[0] == "Hồ sơ quan hệ hợp tác: Savannakhet – Quảng Trị"
    assert "3. Văn kiện hợp tác" in headings and headings[-1] == "Nguồn trích dẫn"
    tables = document.tables
    assert [c.text for c in tables[0].rows[0].cells] == ["Số", "Nội dung", "Nguồn"]
    agreement_rows = [row for table in tables for row in table.rows if "2024–2028" in row.cells[1].text]
    assert agreement_rows and re.fullmatch(r"(\[\d+\])+", agreement_rows[0].cells[2].text)
    endnotes = [p.text for p in document.paragraphs if re.match(r"\[\d+\] ", p.text)]
    assert len(endnotes) == len(dossier.citations)
    xml = document.element.xml
    assert 'w:anchor="nguon_1"' in xml and 'w:name="nguon_1"' in xml  # citation marks link to their endnotes


def test_the_command_and_the_download(kb, tmp_path):
    runner = CliRunner()
    result = runner.invoke(main, ["report", "partnership", "VN-25", "LA-SV", "--format", "docx", "-o",
                                  f"{tmp_path}/", "--db", kb.url])
    assert result.exit_code == 0, result.output
    written = tmp_path / "ho-so-la-sv-vn-25.docx"
    assert written.stat().st_size > 10_000
    result = runner.invoke(main, ["report", "partnership", "--format", "md", "-o", "-", "--db", kb.url])
    assert result.exit_code == 0 and "Savannakhet" in result.output  # the most reported partnership
    result = runner.invoke(main, ["report", "partnership", "VN-25", "Atlantis", "--db", kb.url])
    assert result.exit_code != 0 and "unknown place" in result.output
    client = TestClient(create_app(kb=kb))
    page = client.get("/partnership/LA-SV/VN-25").text
    assert 'href="/partnership/LA-SV/VN-25/ho-so.docx"' in page
    download = client.get("/partnership/LA-SV/VN-25/ho-so.docx")
    assert download.status_code == 200 and "attachment" in download.headers["content-disposition"]
    assert docx.Document(io.BytesIO(download.content)).paragraphs[0].text.startswith("Hồ sơ quan hệ hợp tác")
