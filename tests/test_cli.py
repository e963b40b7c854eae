"""The command line: a thin face over the library."""

import json
import re
from pathlib import Path

from click.testing import CliRunner

from hoptac.cli import main
from hoptac.evaluate import load_gold

from .conftest import SAMPLES

README = Path(__file__).resolve().parent.parent / "README.md"


def invoke(*args, input=None):
    return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)


def write_articles(tmp_path, n=6):
    lines = [json.dumps({"id": f"a{i}", "text": f"Ngày {i + 1}/3, tỉnh Sơn La tiếp đoàn tỉnh Hủa Phăn, "
                         f"trao {i + 10} suất học bổng.", "published": "2024-03-20"}) for i in range(n)]
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def test_extract_writes_one_object_per_article_in_order(tmp_path):
    path = write_articles(tmp_path)
    result = invoke("extract", str(path))
    objects = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o["id"] for o in objects] == [f"a{i}" for i in range(6)]
    assert objects[0]["partnerships"] == [["LA-HO", "VN-05"]]
    assert objects[2]["figures"][0]["value"] == 12
    assert "extracted 6 articles, 0 failed" in result.stderr
    assert result.exit_code == 0


def test_workers_keep_the_input_order(tmp_path):
    path = write_articles(tmp_path, n=20)
    one = invoke("extract", str(path), "--no-text").stdout
    four = invoke("extract", str(path), "--no-text", "--workers", "3").stdout
    assert one == four
    assert "text" not in json.loads(one.splitlines()[0])


def test_bad_files_are_reported_and_the_batch_goes_on(tmp_path):
    good = write_articles(tmp_path, n=2)
    (tmp_path / "bad.json").write_text("{oops", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = invoke("extract", str(tmp_path / "bad.json"), str(good), "-o", str(out))
    assert result.exit_code == 1
    assert re.search(r"bad\.json: not JSON", result.stderr)
    assert "extracted 2 articles, 1 failed" in result.stderr
    assert len(out.read_text(encoding="utf-8").splitlines()) == 2


def test_standard_input_and_the_summary(tmp_path):
    result = invoke("extract", "-", input="Đoàn tỉnh Champasak thăm tỉnh An Giang, ký biên bản ghi nhớ "
                                         "hợp tác giai đoạn 2022 - 2026.")
    assert json.loads(result.stdout)["agreements"][0]["parties"] == ["LA-CH", "VN-44"]
    result = invoke("extract", "--samples", "--summary", "-o", str(tmp_path / "s.jsonl"))
    assert "Partnerships" in result.stdout and "Agreements" in result.stdout
    assert len((tmp_path / "s.jsonl").read_text(encoding="utf-8").splitlines()) == len(list(SAMPLES.glob("*.json")))


def test_eval_scores_predictions_and_extracts_when_none_are_given(tmp_path):
    scored = invoke("eval", str(SAMPLES))
    assert "mean F1" in scored.stdout
    pred = tmp_path / "pred.jsonl"
    invoke("extract", str(SAMPLES), "--no-text", "-o", str(pred))
    assert invoke("eval", str(SAMPLES), str(pred)).stdout == scored.stdout
    report = json.loads(invoke("eval", str(SAMPLES), str(pred), "--json").stdout)
    assert report["articles"] == len(load_gold(SAMPLES))


def _commands(group, prefix="hoptac"):
    for name, command in group.commands.items():
        yield f"{prefix} {name}", command
        if hasattr(command, "commands"):
            yield from _commands(command, f"{prefix} {name}")


def test_every_command_is_documented():
    readme = README.read_text(encoding="utf-8")
    for name, command in _commands(main):
        assert command.help and len(command.help) > 20, name
        assert name in readme, f"README does not document `{name}`"
        for param in command.params:
            if param.param_type_name == "option":
                assert param.help, f"option {param.opts} of {name} has no help"


def test_the_readme_example_is_what_extract_writes(tmp_path):
    blocks = re.findall(r"```json\n(.*?)```", README.read_text(encoding="utf-8"), re.S)
    article, shown = json.loads(blocks[0]), json.loads(blocks[1])
    path = tmp_path / "example.json"
    path.write_text(json.dumps(article, ensure_ascii=False), encoding="utf-8")
    assert json.loads(invoke("extract", str(path), "--no-text").stdout) == shown


def test_ingest_query_and_export_commands(tmp_path):
    db = f"sqlite:///{tmp_path / 'kb.db'}"
    result = invoke("ingest", "--samples", "--db", db)
    assert result.exit_code == 0 and f"new {len(list(SAMPLES.glob('*.json')))}" in result.stderr
    assert f"unchanged {len(list(SAMPLES.glob('*.json')))}" in invoke("ingest", "--samples", "--db", db).stderr
    partners = json.loads(invoke("query", "partners", "Kiên Giang", "--db", db, "--json").stdout)
    assert partners["place"] == "VN-44"
    assert any(p["code"] == "KH-7" for p in partners["partners"])
    assert "Kiên Giang" in {e["name"] for e in partners["history"]}
    assert "Quan hệ hợp tác" in invoke("query", "partnerships", "--db", db).stdout
    people = json.loads(invoke("query", "person", "vi van hai", "--db", db, "--json").stdout)
    assert people[0]["name"] == "Vì Văn Hải"
    timeline = json.loads(invoke("query", "partnership", "Sơn La", "Hủa Phăn", "--db", db, "--json").stdout)
    assert (timeline["a"], timeline["b"]) == ("LA-HO", "VN-05") and timeline["agreements"]
    unknown = CliRunner().invoke(main, ["query", "partners", "Atlantis", "--db", db])
    assert unknown.exit_code != 0 and "unknown place" in unknown.output
    out = tmp_path / "export"
    listed = invoke("export", "--format", "csv", "-o", str(out), "--db", db).stdout.split()
    assert str(out / "agreements.csv") in listed
