from hypothesis import given
from hypothesis import strategies as st

from hoptac.text.fold import fold, has_marks, strip_marks
from hoptac.text.normalize import canonical, normalize, place_tone_marks


def test_nfc_and_one_tone_placement():
    decomposed = "Thuy\u0309"  # "Thuỷ" with a combining hook
    assert normalize(decomposed) == "Thuỷ"
    assert place_tone_marks("hoà thuỷ khoẻ Hoà") == "hòa thủy khỏe Hòa"
    # a closed syllable and the "qu" consonant keep their mark
    assert place_tone_marks("hoàng quý Huỳnh thuyết") == "hoàng quý Huỳnh thuyết"


def test_dashes_quotes_spaces_and_paragraphs():
    text = "Quảng Bình\u00a0–\u00a0Khăm Muộn — “hữu nghị”\r\n\r\n\r\n  Đoạn   hai\u200b."
    assert normalize(text) == 'Quảng Bình - Khăm Muộn - "hữu nghị"\nĐoạn hai.'


def test_fold_keeps_offsets():
    assert fold("Chăm-pa-Sắc ĐÀ NẴNG") == "cham-pa-sac da nang"
    assert strip_marks("Thủy Đà") == "Thuy Da"
    assert has_marks("Huế") and not has_marks("Hue")


@given(st.text())
def test_tone_placement_keeps_length(text):
    assert len(place_tone_marks(text)) == len(text)
    assert len(fold(text)) == len(text)


@given(st.text())
def test_normalize_is_idempotent(text):
    once = canonical(text)
    assert canonical(once) == once
