"""The fields component."""


def fields(doc):
    return [f.field for f in doc.fields]


def test_fields_of_cooperation(run):
    doc = run("Tỉnh Cao Bằng và Quảng Tây thống nhất hợp tác trong các lĩnh vực giáo dục, y tế, du lịch, "
              "thương mại; phối hợp quản lý đường biên, mốc giới và đấu tranh với tội phạm ma túy.")
    assert fields(doc) == ["defense_security", "trade", "tourism", "education", "health", "border"]


def test_own_news_names_and_set_phrases_are_not_fields(run):
    doc = run("Lãnh đạo tỉnh Lạng Sơn thông tin về tình hình kinh tế, chính trị, xã hội của tỉnh; tăng trưởng "
              "kinh tế đạt 7%. Giám đốc Sở Văn hóa, Thể thao và Du lịch tham dự buổi tiếp đoàn Quảng Tây. "
              "Quảng Tây trao Huân chương Lao động cho tỉnh Lạng Sơn.")
    assert fields(doc) == []


def test_no_fields_without_dealings_abroad(run):
    assert fields(run("Tỉnh Hà Tĩnh đẩy mạnh du lịch, giáo dục và y tế trong năm 2024.")) == []
    assert fields(run("Hàng hóa của tỉnh Hà Tĩnh xuất khẩu sang Nhật Bản tăng mạnh.")) == []


def test_fields_of_two_countries_without_localities(run):
    doc = run("Bộ Y tế Việt Nam và Bộ Y tế Lào ký kế hoạch hợp tác y tế, đào tạo bác sĩ cho bạn Lào, vun đắp "
              "quan hệ hai nước.")
    assert fields(doc) == ["education", "health"]


def test_jobs_created_and_portfolios_are_no_fields(run):
    doc = run("Tỉnh Kon Tum hợp tác với tỉnh Attapeu; doanh nghiệp của tỉnh tạo việc làm cho 2.100 lao động "
              "địa phương. Ông Xổm-phết, Phó Tỉnh trưởng phụ trách văn hóa – xã hội tỉnh Attapeu, tiếp đoàn.")
    assert fields(doc) == []
    doc = run("Tỉnh Kon Tum hợp tác với tỉnh Attapeu, tiếp nhận 300 lao động Attapeu sang làm việc.")
    assert fields(doc) == ["labor"]


def test_a_provinces_exports_abroad_are_no_dealing_of_two_countries(run):
    assert fields(run("Năm 2024, xuất khẩu của Lào Cai sang Trung Quốc và Lào tăng mạnh, tỉnh hỗ trợ doanh "
                      "nghiệp thương mại.")) == []


def test_a_capitalised_keyword_naming_a_team_is_no_field(run):
    doc = run("Tỉnh Tây Ninh và tỉnh Svay Rieng phối hợp tổ chức giải bóng đá; Biên phòng Tây Ninh thắng 2 – 0.")
    assert fields(doc) == ["sports"]


def test_a_sentence_on_the_document_lists_its_fields(run):
    doc = run("Tỉnh Bình Định và tỉnh Át-tạ-pư ký Biên bản ghi nhớ giai đoạn 2026 – 2030. Văn kiện xác định "
              "ba lĩnh vực ưu tiên: nông nghiệp; giáo dục – đào tạo; y tế.")
    assert fields(doc) == ["agriculture", "education", "health"]


def test_a_border_gate_on_a_route_is_no_border_cooperation(run):
    doc = run("Tỉnh Gia Lai và tỉnh Chăm-pa-xắc thống nhất hợp tác hình thành tuyến vận tải hàng hóa Pắc-xế - "
              "Quy Nhơn qua cửa khẩu quốc tế Bờ Y.")
    assert "border" not in fields(doc)
