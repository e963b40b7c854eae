"""The evaluation gate: extraction on the bundled sample articles (written for the project, each with
its gold) must not score below these pinned floors. Raise a floor when a change lifts the score for
good; never lower one to let a change pass."""

from datetime import date

from hoptac.evaluate import evaluate, load_gold

from .conftest import SAMPLES

FLOORS = {
    "localities": 0.99,
    "partnerships": 0.99,
    "agreements": 0.985,
    "people": 0.99,
    "roles": 0.99,
    "figures": 0.99,
    "fields": 0.965,
}
MEAN_FLOOR = 0.99


def test_sample_articles_score_above_the_floors(nlp):
    gold = load_gold(SAMPLES)
    assert len(gold) >= 108
    predicted = {}
    for article_id, article in gold.items():
        published = article.get("published")
        facts = nlp.extract(article["text"], published=date.fromisoformat(published),
                            id=article_id)
        predicted[article_id] = facts.to_dict(with_text=False)
    report = evaluate(gold, predicted)
    scores = {key: round(score.f1, 4) for key, score in report.keys.items()}
    below = {k: (scores.get(k), floor) for k, floor in FLOORS.items() if scores.get(k, 0) < floor}
    assert not below, f"below the floor: {below}\n{report.table()}"
    assert report.mean_f1 >= MEAN_FLOOR, report.table()
