from datetime import date

import pytest

from hoptac.text.dates import find_dates, resolve_day_month
from hoptac.text.numbers import as_json_number, parse_number


@pytest.mark.parametrize(("token", "value"), [
    ("7.753", 7753), ("6,1", 6.1), ("1.234,5", 1234.5), ("45.000", 45000), ("12.5", 12.5),
    ("1,234,567", 1234567), ("2024", 2024), ("0,5", 0.5), ("1.200.000", 1200000),
])
def test_vietnamese_notation(token, value):
    assert parse_number(token) == pytest.approx(value)


@pytest.mark.parametrize("token", ["1.2.3", "1,2,3", "", "1.", ".5"])
def test_not_numbers(token):
    assert parse_number(token) is None


def test_json_numbers():
    assert as_json_number(7753000000000.0) == 7753000000000
    assert isinstance(as_json_number(7753000000000.0), int)
    assert as_json_number(0.1 + 0.2) == 0.3


def test_day_and_month_take_the_nearest_year():
    assert resolve_day_month(2, 2, date(2026, 2, 3)) == date(2026, 2, 2)
    assert resolve_day_month(28, 12, date(2025, 1, 3)) == date(2024, 12, 28)
    assert resolve_day_month(5, 1, date(2025, 12, 20)) == date(2026, 1, 5)
    assert resolve_day_month(31, 2, date(2025, 3, 1)) is None


def kinds(text, published=date(2024, 6, 21)):
    return [(d.kind, text[d.start:d.end]) for d in find_dates(text, published)]


def test_dates_months_years_and_periods():
    text = ("Chiều 20/6, hai bên tổng kết giai đoạn 2021 - 2025, dự kiến ký vào tháng 12, nhắc lại "
            "ngày 5/9/1962, khai giảng tháng 6/2024 và năm 2019; từ ngày 3 đến 6/11.")
    assert kinds(text) == [
        ("day", "20/6"), ("period", "2021 - 2025"), ("month", "tháng 12"), ("day", "5/9/1962"),
        ("month", "tháng 6/2024"), ("year", "2019"), ("day", "3"), ("day", "6/11"),
    ]
    found = find_dates(text, date(2024, 6, 21))
    assert found[0].value == date(2024, 6, 20)
    assert found[2].value == date(2024, 12, 1)


def test_anniversaries_are_years_not_periods():
    assert kinds("kỷ niệm 193 năm (1831 - 2024)") == [("year", "1831"), ("year", "2024")]


def test_dates_written_with_a_dash():
    found = find_dates("Ngày 12-10, đoàn đến; từ ngày 3 đến ngày 5/11 họp.", date(2025, 10, 14))
    assert [(d.kind, d.value) for d in found] == [("day", date(2025, 10, 12)), ("day", None),
                                                  ("day", date(2025, 11, 5))]


def test_a_day_part_before_a_dashed_date():
    found = find_dates("Sáng 20-11, tại Đồng Hới, hai bên hội đàm; chiều 21-11 ký kết.", date(2025, 11, 21))
    assert [d.value for d in found] == [date(2025, 11, 20), date(2025, 11, 21)]


def test_long_form_dates():
    found = find_dates("Ngày 15 tháng 3 năm 2024 và ngày 2 tháng 9, hai bên gặp nhau.", date(2025, 9, 5))
    assert [d.value for d in found] == [date(2024, 3, 15), date(2025, 9, 2)]
