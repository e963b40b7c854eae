"""Scoring: the sets compared per key, and precision, recall, F1 summed over articles."""

from hoptac.evaluate import evaluate, scored_sets


def test_normalisation_of_names_codes_and_numbers():
    gold = {"people": [{"name": "Sổm-phết Vông-xay", "roles": [{"role": "vice_governor", "of": "la-sv"},
                                                               {"role": "other", "of": "LA"}]}],
            "figures": [{"value": 7753000000000, "class": "money_vnd"}],
            "partnerships": [["VN-44", "LA-CH"]]}
    sets = scored_sets(gold)
    assert sets["people"] == {"sổm phết vông xay"}
    assert sets["roles"] == {("sổm phết vông xay", "vice_governor", "LA-SV")}
    assert sets["figures"] == {("7.753e+12", "money_vnd")}
    assert sets["partnerships"] == {("LA-CH", "VN-44")}


def test_precision_recall_and_missing_predictions():
    gold = {"a": {"gold": {"localities": ["VN-44", "LA-CH"], "fields": []}},
            "b": {"gold": {"localities": ["VN-26"]}}}
    predicted = {"a": {"id": "a", "localities": [{"code": "VN-44"}, {"code": "KH-7"}], "fields": ["trade"]}}
    report = evaluate(gold, predicted)
    loc = report.keys["localities"]
    assert (loc.tp, loc.fp, loc.fn) == (1, 1, 2)
    assert report.keys["fields"].precision == 0.0
    assert report.missing == ["b"]
    assert ("a", "localities", "wrong", "KH-7") in report.differences
    assert "mean F1" in report.table()
