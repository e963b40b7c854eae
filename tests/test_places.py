"""The places component: spellings, ambiguity, and names that contain a province's letters."""

import pytest


def codes(doc):
    return [p.code for p in doc.places]


@pytest.mark.parametrize("spelling", ["Champasak", "Chăm-pa-sắc", "Chămpasắc", "Chăm Pa Sắc", "Champassak",
                                      "Chăm-pa-xắc", "CHAMPASAK"])
def test_every_spelling_of_champasak(run, spelling):
    assert codes(run(f"Đoàn tỉnh {spelling} sang thăm An Giang.")) == ["LA-CH", "VN-44"]


def test_vientiane_capital_and_province(run):
    doc = run("Đoàn đến Thủ đô Viêng Chăn, sau đó thăm tỉnh Viêng Chăn. Tại Viêng Chăn, hai bên ký kết.")
    assert codes(doc) == ["LA-VT", "LA-VI", "LA-VI"]
    assert codes(run("Hà Nội hỗ trợ Viêng Chăn 45 tỷ đồng.")) == ["VN-HN", "LA-VT"]


def test_old_names_keep_old_codes_and_hue(run):
    doc = run("Tỉnh Kiên Giang (cũ) nay thuộc tỉnh An Giang; thành phố Huế và tỉnh Thừa Thiên Huế.")
    assert codes(doc) == ["VN-47", "VN-44", "VN-26", "VN-26"]


def test_a_district_with_the_letters_but_not_the_marks(run):
    assert codes(run("Lũ quét ở huyện Quang Bình, tỉnh Hà Giang.")) == ["VN-03"]
    assert codes(run("Đoàn Quang Bình đến thăm.")) == []
    assert codes(run("Đoàn Quảng Bình đến thăm.")) == ["VN-24"]
    assert codes(run("Doan cong tac tinh Quang Binh sang Lao.")) == ["VN-24"]


def test_regions_and_rivers_are_not_provinces(run):
    doc = run("Các tỉnh Tây Nguyên, Nam Lào và Bắc Trung Bộ; sông Sê Kông chảy qua tỉnh Sê Kông.")
    assert codes(doc) == ["LA-XE"]


def test_places_inside_names_of_people_and_companies(run):
    doc = run("Ông Nguyễn Thái Bình, Giám đốc Tập đoàn Hoàng Anh Gia Lai, làm việc tại tỉnh Attapeu.")
    assert codes(doc) == ["LA-AT"]
    assert [p.name for p in doc.people] == ["Nguyễn Thái Bình"]


def test_foreign_provinces_and_countries(run):
    doc = run("Quảng Tây (Trung Quốc), Vân Nam, Gyeonggi (Hàn Quốc), Fukuoka (Nhật Bản), Nakhon Phanom "
              "(Thái Lan) và Ratanakiri (Campuchia).")
    assert codes(doc) == ["CN-GX", "CN-YN", "KR-41", "JP-40", "TH-48", "KH-16"]
    assert [c.code for c in doc.countries] == ["CN", "KR", "JP", "TH", "KH"]


def test_context_words_for_short_names(run):
    assert codes(run("Đoàn tỉnh Kep (Campuchia) thăm Kiên Giang.")) == ["KH-23", "VN-47"]
    assert codes(run("Anh Kép mời khách.")) == []


def test_dien_bien_phu_and_the_pacific(run):
    doc = run("Chiến thắng Điện Biên Phủ; châu Á - Thái Bình Dương; tỉnh Điện Biên và tỉnh Thái Bình.")
    assert codes(doc) == ["VN-71", "VN-20"]


def test_a_country_inside_a_province_name_is_no_country(run):
    doc = run("Tỉnh Lào Cai hợp tác với Lào và Trung Quốc.")
    assert codes(doc) == ["VN-02"]
    assert [c.code for c in doc.countries] == ["LA", "CN"]


def test_a_province_inside_a_company_name_is_no_place(run):
    doc = run("Công ty TNHH Thương mại Quốc tế Vân Nam – Hà Khẩu ký hợp đồng với Công ty Cổ phần Cao su "
              "Sơn La. Tập đoàn Mai Linh tại Nghệ An tuyển thêm lao động.")
    assert codes(doc) == ["VN-22"]


def test_a_company_name_in_lower_case_words_that_goes_on_after_the_province(run):
    doc = run("Đoàn thăm nhà máy của Công ty cổ phần Nông nghiệp công nghệ cao Yên Bái Xanh tại tỉnh Hòa Bình.")
    assert codes(doc) == ["VN-14"]


def test_lao_provinces_as_the_press_hyphenates_them(run):
    doc = run("Tỉnh Điện Biên và tỉnh Luông Pha-bang ký kết hợp tác.")
    assert "LA-LP" in {loc.code for loc in doc.localities}
    assert "LA-XE" in {loc.code for loc in run("Tỉnh Kon Tum và tỉnh Sê-kông ký kết hợp tác.").localities}
