"""The figures component: notation, units, ranges, qualifiers; what is not a figure."""

import pytest


def figures(doc):
    return sorted((f.value, f.cls) for f in doc.figures)


@pytest.mark.parametrize(("text", "expected"), [
    ("thu ngân sách đạt 7.753 tỷ đồng", [(7753e9, "money_vnd")]),
    ("tăng 6,1% so với cùng kỳ", [(6.1, "percent")]),
    ("kim ngạch đạt 410 triệu USD", [(410e6, "money_usd")]),
    ("dành 500 triệu kíp sửa ký túc xá", [(500e6, "money_lak")]),
    ("tặng 1 triệu nhân dân tệ và 50 triệu riel", [(1e6, "money_other"), (50e6, "money_other")]),
    ("cấp 30 suất học bổng/năm", [(30, "scholarships")]),
    ("tiếp nhận 640 học viên và 86 em", [(86, "people"), (640, "people")]),
    ("khoảng 45.000 lượt, tăng nhẹ", [(45000, "people")]),
    ("tổ chức 24 lượt tuần tra song phương", [(24, "other_count")]),
    ("trồng 200 ha cà phê, 3 trường học, 9.800 km2", [(3, "other_count"), (200, "other_count"),
                                                      (9800, "other_count")]),
    ("1,2 triệu tấn hàng và 4,9 triệu người", [(1.2e6, "other_count"), (4.9e6, "people")]),
    ("dựa trên 3 trụ cột", [(3, "other_count")]),
])
def test_figures_and_their_class(run, text, expected):
    assert figures(run(text + ".")) == expected


def test_ranges_share_their_unit(run):
    doc = run("Mỗi ngày có 800 - 1.000 lượt người qua lại; GRDP tăng 7 - 7,5%; từ 3 đến 5 tỷ đồng.")
    assert set(figures(doc)) == {(3e9, "money_vnd"), (5e9, "money_vnd"), (7, "percent"), (7.5, "percent"),
                                 (800, "people"), (1000, "people")}


def test_qualifiers_are_kept_apart(run):
    doc = run("Tỉnh tiếp nhận hơn 1.250 lưu học sinh, gần 2.000 khán giả và ước đạt 61%.")
    assert figures(doc) == [(61, "percent"), (1250, "people"), (2000, "people")]
    assert [f.qualifier for f in doc.figures] == ["hơn", "gần", "ước đạt"]


def test_what_is_not_a_figure(run):
    doc = run("Kỷ niệm 60 năm Ngày thiết lập quan hệ (5/9/1962 - 5/9/2022), năm 2024, giai đoạn 2021-2025, "
              "sau 8 tháng, trong 3 ngày, 30 phút, hội nghị lần thứ 5, đứng thứ 4, Quốc lộ 9, mốc 1119 - 1120, "
              "báo động 3, bão số 3, khóa XV, dịch COVID-19, Nghị quyết số 202/2025/QH15, Quốc lộ 4E, "
              "cầu Bắc Luân 2 được thông xe, phường Hà Giang 1, lúc 15h30, hai tỉnh.")
    assert figures(doc) == []


def test_a_number_after_a_place_is_an_amount(run):
    doc = run("Hà Nội hỗ trợ Viêng Chăn 45 tỷ đồng và trao tặng tỉnh Kampot 200 suất quà.")
    assert figures(doc) == [(200, "other_count"), (45e9, "money_vnd")]


def test_each_value_and_class_once_with_all_its_evidence(run):
    doc = run("Tỉnh cấp 15 suất học bổng. Năm sau tỉnh lại cấp 15 suất học bổng.")
    assert figures(doc) == [(15, "scholarships")]
    assert len(doc.figures[0].evidence) == 2


def test_attached_currency_multiples_and_long_dates(run):
    doc = run("Mỗi suất quà trị giá 500.000đ; kim ngạch tăng 2 lần; ngày 15 tháng 3 năm 2024 có 12 lần tuần tra.")
    assert figures(doc) == [(12, "other_count"), (500000, "money_vnd")]


def test_amounts_after_identifier_words_ranges_with_len_and_counted_people(run):
    doc = run("Thu ngân sách vượt mốc 21.000 tỷ đồng; số chuyến tăng từ 40 lên 90 xe mỗi tuần; "
              "đường dây 500 kV; có khoảng 1.800 bà con kiều bào và 250.000 dân; Bộ Giáo dục Lào 300 bộ sách.")
    assert figures(doc) == [(40, "other_count"), (90, "other_count"), (300, "other_count"),
                            (1800, "people"), (250000, "people"), (21000e9, "money_vnd")]


def test_counts_of_supporters_and_players_and_a_rail_gauge(run):
    doc = run("Có hơn 400 cổ động viên, 96 cầu thủ và gia đình 5 anh chị em; đường sắt khổ 1.435 mm.")
    assert figures(doc) == [(5, "people"), (96, "people"), (400, "people")]


def test_a_part_and_its_whole_are_counted_alike(run):
    assert figures(run("Hai bên đã hoàn thành 14 trong tổng số 16 nội dung hợp tác.")) == [
        (14, "other_count"), (16, "other_count")]
    assert figures(run("Tỉnh đứng thứ 4 trong 13 tỉnh của vùng.")) == [(13, "other_count")]
