"""The data files: every code is an ISO 3166-2 code, every unit has its history, every lexicon loads."""

from datetime import date

import pycountry
import pytest

from hoptac import facts, resources
from hoptac.facts import FIELDS, FIGURE_CLASSES
from hoptac.text.fold import fold

ISO = {s.code for s in pycountry.subdivisions}


@pytest.fixture(scope="module")
def gaz():
    return resources.gazetteer()


def test_every_code_exists_in_pycountry(gaz):
    codes = set(gaz.places) | {s.code for spellings in gaz.spellings.values() for s in spellings}
    codes.discard("-")
    assert codes <= ISO, sorted(codes - ISO)
    for code, eras in gaz.places.items():
        for era in eras:
            assert era.successor is None or era.successor in gaz.places, (code, era)


def test_every_unit_has_a_spelling(gaz):
    spelled = {s.code for spellings in gaz.spellings.values() for s in spellings}
    assert set(gaz.places) <= spelled, sorted(set(gaz.places) - spelled)


def count(gaz, country, on):
    return sum(1 for code in gaz.places if code.startswith(country) and gaz.place(code, on).valid_on(on))


def test_vietnam_before_and_after_the_2025_reorganisation(gaz):
    assert count(gaz, "VN-", date(2024, 6, 1)) == 63
    assert count(gaz, "VN-", date(2025, 7, 1)) == 34
    assert gaz.place("VN-26", date(2024, 12, 31)).name == "Thừa Thiên Huế"
    assert gaz.place("VN-26", date(2025, 1, 1)).name == "Huế"
    assert gaz.successor("VN-47", date(2025, 8, 1)) == "VN-44"
    assert gaz.successor("VN-47", date(2024, 8, 1)) == "VN-47"
    assert gaz.successor("VN-41", date(2026, 1, 1)) == "VN-37"
    assert gaz.successor("VN-63", date(2026, 1, 1)) == "VN-18"


def test_neighbours_and_partners_are_complete(gaz):
    assert count(gaz, "LA-", date(2024, 1, 1)) == 18
    assert count(gaz, "KH-", date(2024, 1, 1)) == 25
    assert count(gaz, "JP-", date(2024, 1, 1)) == 47
    assert count(gaz, "KR-", date(2024, 1, 1)) == 17
    thai_border = ["TH-57", "TH-56", "TH-55", "TH-53", "TH-42", "TH-43", "TH-38", "TH-47", "TH-48", "TH-49",
                   "TH-37", "TH-34", "TH-33", "TH-32", "TH-31", "TH-27", "TH-23", "TH-22"]
    assert all(code in gaz.places for code in thai_border)
    assert {"CN-YN", "CN-GX", "CN-GD"} <= set(gaz.places)


@pytest.mark.parametrize(("spelling", "code"), [
    ("Chăm-pa-sắc", "LA-CH"), ("Champasak", "LA-CH"), ("Champassak", "LA-CH"), ("Chăm Pa Sắc", "LA-CH"),
    ("Xa-vẳn-na-khệt", "LA-SV"), ("Bô-ly-khăm-xay", "LA-BL"), ("Rát-ta-na-ki-ri", "KH-16"),
    ("Căm-pốt", "KH-7"), ("Hủa Phăn", "LA-HO"), ("Thừa Thiên - Huế", "VN-26"), ("Kiên Giang", "VN-47"),
])
def test_press_spellings(gaz, spelling, code):
    key = tuple(fold(w) for w in resources.syllables(spelling))
    assert code in {s.code for s in gaz.spellings[key]}


def test_titles_lexicon():
    t = resources.titles()
    kinds = set(t.heads.values())
    assert kinds <= {"standing_deputy_secretary", "deputy_secretary", "secretary", "vice_chair", "chair",
                     "vice_governor", "governor", "vice_mayor", "mayor", "ambassador", "consul_general", "other"}
    assert set(t.body_kinds.values()) == {"party", "committee", "council", "government", "below"}
    assert t.head_re.search("Phó Chủ tịch Thường trực UBND").group() == "Phó Chủ tịch Thường trực"
    assert t.head_re.search("các phó chủ tịch") is None  # a title is written with a capital


def test_figure_words():
    w = resources.figure_words()
    classes = set(w.unit_class.values())
    assert classes - {"time", "stop", "multiplier", "percent", "classifier"} <= set(FIGURE_CLASSES)
    assert w.multipliers["tỷ"] == 1e9 and w.multipliers["triệu"] == 1e6


def test_field_words():
    w = resources.field_words()
    assert set(w.keyword_field.values()) == set(FIELDS)


def test_event_words():
    w = resources.event_words()
    assert set(w.trigger_type.values()) <= {"meeting", "visit", "signing", "award", "commitment", "delivery",
                                            "handover", "none"}
    assert "none" not in w.types
    assert set(w.agreement_kind.values()) == {"mou", "agreement", "plan"}
    assert [name for name, _ in w.status] == ["reviewed", "to_be_signed", "in_force", "signed"]


def test_every_code_has_a_vietnamese_label():
    labels = resources.labels()
    for group, codes in (("roles", facts.ROLES), ("event_types", facts.EVENT_TYPES), ("realis", facts.REALIS),
                         ("agreement_kinds", facts.AGREEMENT_KINDS),
                         ("agreement_statuses", facts.AGREEMENT_STATUSES),
                         ("figure_classes", facts.FIGURE_CLASSES), ("fields", facts.FIELDS)):
        assert set(labels[group]) == set(codes), group
