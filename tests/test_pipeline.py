"""The pipeline, its registry and the library API."""

import json
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import hoptac
from hoptac.extract import registry
from hoptac.extract.document import Document
from hoptac.extract.pipeline import DEFAULT_PIPELINE, Pipeline

ARTICLE = ("Sáng 14/3, tại thành phố Đông Hà, Phó Chủ tịch UBND tỉnh Quảng Trị Hoàng Văn Nam đã tiếp đoàn "
           "đại biểu tỉnh Xa-vẳn-na-khệt (Lào) do ông Sổm-xạ-nít Phôm-ma-vông, Phó Tỉnh trưởng tỉnh "
           "Xa-vẳn-na-khệt dẫn đầu.Hai bên ký biên bản ghi nhớ hợp tác giai đoạn 2026 - 2030, trong đó "
           "Quảng Trị cấp 25 suất học bổng mỗi năm và hỗ trợ 1,5 tỷ đồng xây trường học.")


def test_extract_returns_typed_facts_with_the_contract():
    facts = hoptac.extract(ARTICLE, published="2025-03-15", id="a1")
    assert [loc.code for loc in facts.localities] == ["VN-25", "LA-SV"]
    assert [p.parties for p in facts.partnerships] == [("LA-SV", "VN-25")]
    assert [(a.start, a.end, a.kind, a.status) for a in facts.agreements] == [(2026, 2030, "mou", "signed")]
    assert {(f.value, f.cls) for f in facts.figures} == {(25, "scholarships"), (1.5e9, "money_vnd")}
    assert "education" in [f.field for f in facts.fields]
    out = json.loads(facts.to_json())
    assert set(out) >= {"id", "localities", "partnerships", "agreements", "people", "figures", "fields",
                        "events", "text", "sentences", "evidence"}
    assert out["partnerships"] == [["LA-SV", "VN-25"]]
    assert out["people"][0]["roles"][0] == {
        "role": "people_committee_vice_chair", "of": "VN-25", "title": "Phó Chủ tịch UBND tỉnh Quảng Trị",
        "evidence": out["people"][0]["roles"][0]["evidence"]}
    meeting = next(e for e in facts.events if e.type == "meeting")
    assert meeting.date == date(2025, 3, 14) and meeting.realis == "done"


def test_evidence_points_into_the_normalised_text():
    facts = hoptac.extract(ARTICLE, published="2025-03-15")
    for loc in facts.localities:
        for e in loc.evidence:
            start, end = facts.sentences[e.sentence]
            assert start <= e.start < e.end <= end
            assert facts.quote(e).replace("-", " ").lower().startswith(loc.name.replace("-", " ").lower()[:3])
    for person in facts.people:
        assert all(facts.quote(e) in person.name for e in person.evidence)
    for figure in facts.figures:
        assert facts.quote(figure.evidence[0]) == figure.text
    # the sentence glued without a space was split
    assert any(facts.text[s:e].startswith("Hai bên ký") for s, e in facts.sentences)


def test_names_keep_the_writers_tone_marks():
    facts = hoptac.extract("Ông Nguyễn Văn Thuỷ, Phó Chủ tịch UBND tỉnh Khánh Hoà, tiếp đoàn tỉnh Kampot.")
    assert [p.name for p in facts.people] == ["Nguyễn Văn Thuỷ"]
    assert facts.people[0].roles[0].of == "VN-34"


def test_a_pipeline_is_built_from_names_and_a_component_can_be_swapped():
    assert set(DEFAULT_PIPELINE) <= set(registry.registered())
    short = Pipeline(["normalise", "sentences", "dates", "places"])
    doc = short("Tỉnh Sơn La đón đoàn tỉnh Hủa Phăn.")
    assert [p.code for p in doc.places] == ["VN-05", "LA-HO"] and doc.people == []

    @registry.register("test_no_places")
    class NoPlaces:
        def __call__(self, doc: Document) -> None:
            doc.places = []

    names = list(DEFAULT_PIPELINE)
    names.insert(names.index("places") + 1, "test_no_places")
    assert Pipeline(names).extract("Tỉnh Sơn La đón đoàn tỉnh Hủa Phăn.").localities == []
    with pytest.raises(KeyError, match="unknown component"):
        Pipeline(["normalise", "nonexistent"])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=400))
def test_any_text_gives_facts_or_nothing_but_never_a_crash(text):
    facts = hoptac.extract(text, published="2024-01-01")
    json.dumps(facts.to_dict())


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from([
    "Ngày 12/10,", "tỉnh", "Champasak", "Chăm-pa-sắc", "Bí thư Tỉnh ủy", "ông", "Lê Văn A", ",", ".", "-",
    "7.753", "tỷ đồng", "6,1%", "giai đoạn 2022 - 2026", "biên bản ghi nhớ", "hai bên", "1.2.3", "99/99",
    "Phó Tỉnh trưởng", "Viêng Chăn", "TP.", "và", "(Lào)", "\n", "0,,5", "2022-", "lượt", "suất"]),
    max_size=60))
def test_genre_soup_never_crashes(words):
    facts = hoptac.extract(" ".join(words), published="2024-01-01")
    json.dumps(facts.to_dict())


NOISE = ["\t", "\u00a0", "  ", " \n", "\n\n ", "\u2013", "\u201c", "\u00ad", "\r\n", " - ", "/", ".", ",", "5",
         "2024", "(", ")", "…", "\u2028", "Ông ", "TP.", "Chiều 2/2", "2021 - 2025", "hoà", "QUẢNG TRỊ", "\x1c",
         "İ", "\u3000", "中国", "tỉnh ", "hợp\ntác", "12,5%", "7.753 tỷ đồng"]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_a_real_article_with_noise_never_crashes(samples, data):
    """Scraped pages break words, lines and case anywhere: a bundled article with such damage."""
    article = data.draw(st.sampled_from(samples))
    chars = list(article["text"])
    for _ in range(data.draw(st.integers(5, 60))):
        at = data.draw(st.integers(0, len(chars)))
        chars.insert(at, data.draw(st.sampled_from(NOISE)))
    text = "".join(chars)
    case = data.draw(st.sampled_from(["as is", "upper", "lower"]))
    text = text.upper() if case == "upper" else text.lower() if case == "lower" else text
    json.dumps(hoptac.extract(text, published=article["published"]).to_dict())


def test_a_keyword_broken_across_lines():
    text = "Tỉnh Quảng Trị và tỉnh Savannakhet thống nhất hợp tác về kinh\ntế và du lịch, tăng 5%."
    assert [f.field for f in hoptac.extract(text, published="2024-01-01").fields] == ["economy"]
