"""Reading articles: every format, and a clear reason for everything that cannot be read."""

import io
import json
from datetime import date

from hoptac.ingest import Article, ReadError, read
from hoptac.ingest.files import read_stdin

TEXT = "Ngày 5/3, tỉnh Sơn La tiếp đoàn tỉnh Hủa Phăn."


def items(*paths):
    return list(read(paths))


def test_txt_json_jsonl_and_directories(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "b.json").write_text(json.dumps({"id": "bb", "text": TEXT, "title": "T",
                                                 "published": "2024-03-06T08:00:00+07:00"}), encoding="utf-8")
    (tmp_path / "sub" / "c.jsonl").write_text(
        json.dumps({"id": "c1", "text": TEXT}) + "\n\n" + json.dumps({"text": TEXT, "published": "06/03/2024"}),
        encoding="utf-8")
    (tmp_path / "notes.md").write_text("ignored", encoding="utf-8")
    got = items(tmp_path)
    assert all(isinstance(x, Article) for x in got)
    assert [x.id for x in got] == ["a", "bb", "c1", "c-3"]
    assert got[1].published == date(2024, 3, 6) and got[1].title == "T"
    assert got[3].published == date(2024, 3, 6)
    assert got[2].origin.endswith("c.jsonl:1")


def test_bad_input_names_the_file_and_the_reason(tmp_path):
    (tmp_path / "latin1.txt").write_bytes("Quảng Trị".encode("utf-16"))
    (tmp_path / "broken.json").write_text('{"id": "x", "text": ', encoding="utf-8")
    (tmp_path / "empty.json").write_text('{"id": "x", "text": "  "}', encoding="utf-8")
    (tmp_path / "list.json").write_text('[1, 2]', encoding="utf-8")
    (tmp_path / "lines.jsonl").write_text('{"id": "ok", "text": "Hà Nội"}\nnot json\n', encoding="utf-8")
    (tmp_path / "huge.txt").write_bytes(b"a" * (10 * 1024 * 1024 + 1))
    (tmp_path / "nothing").mkdir()
    (tmp_path / "nothing" / "image.png").write_bytes(b"\x89PNG")
    got = {str(x.origin).split("/")[-1]: x for x in items(*sorted(tmp_path.iterdir()), tmp_path / "missing.txt")}
    reasons = {k: v.reason for k, v in got.items() if isinstance(v, ReadError)}
    assert reasons["latin1.txt"].startswith("not UTF-8")
    assert reasons["broken.json"].startswith("not JSON")
    assert reasons["empty.json"].startswith("no text")
    assert reasons["list.json"] == "expected a JSON object, found list"
    assert reasons["lines.jsonl:2"].startswith("not JSON")
    assert "over the 10 MB limit" in reasons["huge.txt"]
    assert reasons["nothing"].startswith("nothing readable")
    assert reasons["missing.txt"] == "no such file or directory"
    assert isinstance(got["lines.jsonl:1"], Article)


def test_a_bad_date_is_a_warning_not_a_failure(tmp_path):
    (tmp_path / "a.json").write_text(json.dumps({"text": TEXT, "published": "hôm qua"}), encoding="utf-8")
    [article] = items(tmp_path / "a.json")
    assert article.published is None and "not a date" in article.warnings[0]


def test_standard_input_in_each_format():
    assert [a.id for a in read_stdin(io.BytesIO(TEXT.encode()))] == ["stdin"]
    one = json.dumps({"id": "j", "text": TEXT}).encode()
    assert [a.id for a in read_stdin(io.BytesIO(one))] == ["j"]
    two = one + b"\n" + json.dumps({"id": "k", "text": TEXT}).encode()
    assert [a.id for a in read_stdin(io.BytesIO(two))] == ["j", "k"]
