"""Web pages and web archives as input."""

import io
from datetime import date

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from hoptac.ingest import Article, ReadError, read

PAGE = """<!doctype html><html><head><meta charset="utf-8"><title>Tin hợp tác</title>
<meta property="article:published_time" content="2025-03-15T08:00:00+07:00">
<link rel="canonical" href="https://bao.example.vn/quang-tri-savannakhet"></head>
<body><nav><a href="/">Trang chủ</a> | <a href="/the-gioi">Thế giới</a></nav>
<article><h1>Quảng Trị và Savannakhet ký biên bản ghi nhớ</h1>
<p>Chiều 14/3, tại thành phố Đông Hà, Phó Chủ tịch UBND tỉnh Quảng Trị Hoàng Văn Nam tiếp đoàn đại biểu
tỉnh Savannakhet do ông Sổm-xạ-nít Phôm-ma-vông, Phó Tỉnh trưởng tỉnh Savannakhet dẫn đầu.</p>
<p>Hai bên ký biên bản ghi nhớ hợp tác giai đoạn 2026 - 2030, tập trung vào giáo dục và y tế.</p></article>
<footer>Bản quyền thuộc về báo. Đường dây nóng 0123.456.789</footer></body></html>"""


def test_an_html_page_gives_its_main_text_title_date_and_address(tmp_path):
    (tmp_path / "tin.html").write_text(PAGE, encoding="utf-8")
    [article] = list(read([tmp_path / "tin.html"]))
    assert isinstance(article, Article)
    assert article.id == "tin" and article.published == date(2025, 3, 15)
    assert article.url == "https://bao.example.vn/quang-tri-savannakhet"
    assert "Hai bên ký biên bản ghi nhớ" in article.text
    assert "Trang chủ" not in article.text and "Đường dây nóng" not in article.text


def warc_bytes(pages: list[tuple[str, str, str]]) -> bytes:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    for url, content_type, body in pages:
        headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
        record = writer.create_warc_record(url, "response", payload=io.BytesIO(body.encode("utf-8")),
                                           http_headers=headers)
        writer.write_record(record)
    return buffer.getvalue()


def test_a_warc_archive_gives_its_html_responses(tmp_path):
    archive = tmp_path / "crawl.warc.gz"
    archive.write_bytes(warc_bytes([
        ("https://bao.example.vn/a", "text/html; charset=utf-8", PAGE),
        ("https://bao.example.vn/logo.png", "image/png", "PNG"),
        ("https://bao.example.vn/empty", "text/html", "<html><body><nav>Menu</nav></body></html>"),
    ]))
    items = list(read([archive]))
    articles = [i for i in items if isinstance(i, Article)]
    errors = [i for i in items if isinstance(i, ReadError)]
    assert [a.id for a in articles] == ["https://bao.example.vn/a"]
    assert articles[0].published == date(2025, 3, 15)
    assert len(errors) == 1 and errors[0].reason.startswith("no text")


def test_a_broken_archive_is_a_read_error(tmp_path):
    (tmp_path / "broken.warc.gz").write_bytes(b"\x1f\x8b\x08garbage")
    [error] = list(read([tmp_path / "broken.warc.gz"]))
    assert isinstance(error, ReadError) and "WARC" in error.reason
