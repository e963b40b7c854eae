"""The events component: partnerships, agreements with their periods and status, events with dates."""

from datetime import date


def pairs(doc):
    return sorted(p.parties for p in doc.partnerships)


def agreements(doc):
    return sorted((a.parties, a.start, a.end, a.kind, a.status) for a in doc.agreements)


def test_periods_in_many_forms(run):
    doc = run("Tỉnh Quảng Trị và tỉnh Savannakhet ký biên bản ghi nhớ hợp tác giai đoạn 2022 - 2026. "
              "Hai bên sẽ xây dựng Thỏa thuận hợp tác trong 5 năm tới (2027-2031). "
              "Trước đó, hai tỉnh đã tổng kết Kế hoạch hợp tác 2017 – 2021.")
    assert agreements(doc) == [
        (("LA-SV", "VN-25"), 2017, 2021, "plan", "reviewed"),
        (("LA-SV", "VN-25"), 2022, 2026, "mou", "signed"),
        (("LA-SV", "VN-25"), 2027, 2031, "agreement", "to_be_signed"),
    ]


def test_bilateral_documents_at_one_ceremony(run):
    doc = run("Tỉnh Nghệ An đón đoàn ba tỉnh Hủa Phăn, Xiêng Khoảng và Bô-ly-khăm-xay. "
              "Sau hội đàm, Nghệ An ký 3 biên bản ghi nhớ giai đoạn 2026-2030 với từng tỉnh bạn.")
    assert pairs(doc) == [("LA-BL", "VN-22"), ("LA-HO", "VN-22"), ("LA-XI", "VN-22")]
    assert sorted(a.parties for a in doc.agreements) == pairs(doc)


def test_documents_without_a_period_or_between_no_localities_are_not_agreements(run):
    doc = run("Tỉnh Đắk Lắk và tỉnh Mondulkiri ký biên bản ghi nhớ năm 2019 và Biên bản hội đàm năm 2024. "
              "Chiến lược phát triển giai đoạn 2021-2030 của tỉnh được thông qua. "
              "Bộ Giáo dục hai nước ký Kế hoạch hợp tác giai đoạn 2024-2028.")
    assert doc.agreements == [] or all(a.parties == ("KH-11", "VN-33") for a in doc.agreements)
    assert all(a.start != 2021 for a in doc.agreements)


def test_partners_venues_routes_and_embassies(run):
    doc = run("Chiều 10/3, tại Thủ đô Viêng Chăn, đoàn tỉnh Thanh Hóa đến chào Đại sứ quán Việt Nam. "
              "Ngày 11/3, đoàn thăm và làm việc tại tỉnh Hủa Phăn. Tuyến đường sắt Lào Cai - Hà Nội - "
              "Hải Phòng sẽ nối với Vân Nam. Hàng hóa được chuyển tiếp tới tỉnh Quảng Đông.")
    assert pairs(doc) == [("LA-HO", "VN-21")]


def test_a_meeting_of_three_pairs_all_three(run):
    doc = run("Hội nghị hợp tác ba tỉnh Quảng Bình (Việt Nam) - Khăm Muộn (Lào) - Nakhon Phanom (Thái Lan) "
              "diễn ra tại Thà Khẹc.")
    assert pairs(doc) == [("LA-KH", "TH-48"), ("LA-KH", "VN-24"), ("TH-48", "VN-24")]


def test_a_province_list_is_not_a_partnership(run):
    doc = run("Tỉnh Gia Lai hợp tác với hai tỉnh Attapeu (Lào) và Ratanakiri (Campuchia).")
    assert pairs(doc) == [("KH-16", "VN-30"), ("LA-AT", "VN-30")]
    assert pairs(run("Giải quy tụ các đội Thanh Hóa, Nghệ An và Hà Tĩnh thi đấu giao hữu.")) == []


def test_events_dates_and_realis(run):
    doc = run("Chiều 2/2, Chủ tịch UBND tỉnh Sơn La Cầm Ngọc Minh tiếp đoàn tỉnh Luông Pha Băng. "
              "Hai bên dự kiến ký kết thỏa thuận vào tháng 5. Tỉnh Sơn La cam kết cấp 20 suất học bổng. "
              "Phía bạn đề nghị Sơn La hỗ trợ giống lúa.", published="2026-02-03")
    events = {(e.type, e.realis) for e in doc.events}
    assert ("meeting", "done") in events
    assert ("signing", "planned") in events
    assert ("commitment", "committed") in events
    assert ("delivery", "proposed") in events
    meeting = next(e for e in doc.events if e.type == "meeting")
    assert meeting.date == date(2026, 2, 2)
    assert meeting.parties == ("LA-LP", "VN-05")
    assert meeting.participants == ["Cầm Ngọc Minh"]


def test_a_province_across_the_river_is_no_partner(run):
    doc = run("Đoàn tỉnh Quảng Trị thăm tỉnh Savannakhet. Tỉnh lỵ Kaysone nằm bên sông Mê Kông, đối diện tỉnh "
              "Mukdahan (Thái Lan), hai bờ được nối bằng Cầu Hữu nghị 2.")
    assert pairs(doc) == [("LA-SV", "VN-25")]


def test_places_on_the_way_or_of_origin_are_no_partners(run):
    doc = run("Đoàn tỉnh Nakhon Phanom xuất phát, qua cầu sang tỉnh Khăm Muộn (Lào), rồi theo Đường 12 đến tỉnh "
              "Quảng Trị hội đàm với lãnh đạo tỉnh. Ông Đại sứ cho biết ông là người con của tỉnh Xiêng Khoảng "
              "và cảm ơn tỉnh Quảng Trị đã giúp đỡ.")
    assert pairs(doc) == [("TH-48", "VN-25")]


def test_a_document_of_one_year_or_a_period_of_results_is_no_agreement(run):
    doc = run("Hai tỉnh Hà Tĩnh và Bô-ly-khăm-xay đánh giá kết quả giai đoạn 2020 – 2024 và ký kết Kế hoạch phối "
              "hợp năm 2025. Hai bên cũng ký Biên bản ghi nhớ về hợp tác lao động thời vụ giai đoạn 2025 – 2027.")
    assert agreements(doc) == [(("LA-BL", "VN-23"), 2025, 2027, "mou", "signed")]


def test_a_route_goes_on_through_lists_and_then(run):
    doc = run("Tỉnh Điện Biên và tỉnh Nan (Thái Lan) hội đàm. Hàng hóa từ tỉnh Điện Biên có thể đến tỉnh Nan qua "
              "cửa khẩu Tây Trang, theo Quốc lộ 2E qua tỉnh U-đôm-xay, tỉnh Luông Pha-bang rồi vượt sông Mê Kông "
              "sang tỉnh Xay-nha-bu-ly. Hàng hóa giữa tỉnh Nan và Việt Nam vận chuyển bằng đường bộ rồi vào Việt "
              "Nam qua các cửa khẩu của tỉnh Lai Châu và tỉnh Sơn La.")
    assert pairs(doc) == [("TH-55", "VN-71")]


def test_an_agreement_signed_in_one_year_for_a_period(run):
    doc = run("Trên cơ sở Biên bản ghi nhớ hợp tác ký năm 2020 cho giai đoạn 2021 – 2025, tỉnh Bắc Giang và "
              "tỉnh Shiga đã triển khai nhiều nội dung.", published="2024-10-01")
    assert [(a[0], a[1], a[2]) for a in agreements(doc)] == [(("JP-25", "VN-54"), 2021, 2025)]


def test_partners_listed_together_and_a_foreign_place_alone_with_its_own_partner(run):
    doc = run("Tỉnh Attapeu hiện có quan hệ hợp tác với hai tỉnh của Việt Nam là Quảng Ngãi và Gia Lai. "
              "Tỉnh Quảng Ngãi ký kết hợp tác với tỉnh Attapeu; tỉnh Gia Lai ký kết hợp tác với tỉnh Sê Kông. "
              "Tỉnh trưởng Sê Kông đề nghị tăng cường hợp tác giáo dục.", published="2024-10-01")
    assert pairs(doc) == [("LA-AT", "VN-29"), ("LA-AT", "VN-30"), ("LA-XE", "VN-30")]


def test_where_a_provinces_workers_live_is_no_partner(run):
    doc = run("Tỉnh Bắc Ninh và tỉnh Shiga ký kết hợp tác về lao động. Khoảng 4.000 lao động của tỉnh Bắc Ninh "
              "hợp tác làm việc tại Nhật Bản, trong đó hơn 600 người đang làm việc tại tỉnh Shiga, số còn lại "
              "chủ yếu làm việc tại các tỉnh Aichi và Kanagawa.", published="2025-10-01")
    assert pairs(doc) == [("JP-25", "VN-56")]


def test_places_by_a_route_where_kin_come_from_and_where_flights_go_are_no_partners(run):
    doc = run("Tỉnh Nghệ An và tỉnh Nakhon Phanom ký kết hợp tác du lịch. Tuyến đường bộ hợp tác du lịch từ Nghệ An "
              "qua cửa khẩu quốc tế Cầu Treo (Hà Tĩnh), tỉnh Bô-ly-khăm-xay và tỉnh Khăm Muộn tới Nakhon Phanom "
              "dài khoảng 470 km. Lễ hội có bà con Việt kiều từ các tỉnh Sakon Nakhon, Udon Thani tham dự và hợp "
              "tác quảng bá. Nakhon Phanom đề nghị hợp tác mở chuyến bay đi Băng Cốc.", published="2024-01-10")
    assert pairs(doc) == [("TH-48", "VN-22")]


def test_two_foreign_provinces_deal_with_each_other_unless_listed_as_a_thirds_partners(run):
    doc = run("Tỉnh Thừa Thiên Huế và tỉnh Salavan ký kết hợp tác. Tỉnh Ubon Ratchathani đang thực hiện Kế "
              "hoạch hợp tác giai đoạn 2023 – 2025 với tỉnh Salavan. Tỉnh duy trì quan hệ hữu nghị với tỉnh "
              "Mondulkiri (Campuchia) và tỉnh Attapeu (Lào).", published="2024-01-10")
    assert ("LA-SL", "TH-34") in pairs(doc) and ("KH-11", "LA-AT") not in pairs(doc)
    assert [(a[0], a[1], a[2]) for a in agreements(doc)] == [(("LA-SL", "TH-34"), 2023, 2025)]


def test_a_partner_alone_in_its_clause_deals_with_the_province_the_sentence_names_later(run):
    doc = run("Năm 2023, tỉnh Điện Biên đón 12 đoàn khách quốc tế. Với tỉnh U-đôm-xay, hai tỉnh duy trì giao lưu "
              "văn hóa hằng năm; đội văn nghệ Điện Biên biểu diễn tại Lễ hội Bun Pi Mai của tỉnh bạn.",
              published="2024-01-12")
    assert pairs(doc) == [("LA-OU", "VN-71")]
