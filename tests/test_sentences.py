from hypothesis import given
from hypothesis import strategies as st

from hoptac.text.sentences import split_sentences


def sentences(text):
    return [text[s:e] for s, e in split_sentences(text)]


def test_glued_sentences_are_split():
    text = "Hai bên trao quà cho tỉnh Attapeu.Tại buổi lễ, ông Nam phát biểu."
    assert sentences(text) == ["Hai bên trao quà cho tỉnh Attapeu.", "Tại buổi lễ, ông Nam phát biểu."]


def test_no_split_inside_abbreviations_numbers_and_dates():
    text = ("Đoàn đến TP. Hồ Chí Minh và TP.HCM ngày 5/9/1962, thu 7.753 tỷ đồng, tăng 6,1%. "
            "TS. Lê Văn Bình dự.")
    assert sentences(text) == [
        "Đoàn đến TP. Hồ Chí Minh và TP.HCM ngày 5/9/1962, thu 7.753 tỷ đồng, tăng 6,1%.",
        "TS. Lê Văn Bình dự.",
    ]


def test_newlines_quotes_and_sentences_starting_with_digits():
    text = 'Ông nói: "Hai bên đồng ý." Sau đó đoàn về.\n1.860 lao động đã sang làm việc. Hết'
    assert sentences(text) == ['Ông nói: "Hai bên đồng ý."', "Sau đó đoàn về.",
                               "1.860 lao động đã sang làm việc.", "Hết"]


@given(st.text(alphabet=st.sampled_from(list("aăâbcdđA TP.,!?…\n0123456789\"'Ư")), max_size=200))
def test_spans_are_ordered_and_inside_the_text(text):
    last = 0
    for start, end in split_sentences(text):
        assert last <= start < end <= len(text)
        assert text[start:end].strip() == text[start:end]
        last = end
