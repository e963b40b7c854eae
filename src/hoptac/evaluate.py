"""Scoring extraction output against gold articles, key by key, as FACTS.md defines the score.

Each article's gold and prediction become sets per key (normalised codes, names folded to NFC, case
folded, hyphens and repeated spaces folded); precision, recall and F1 are summed over articles.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

SCORED_KEYS = ("localities", "partnerships", "agreements", "people", "roles", "figures", "fields")


def _name(value: Any) -> str:
    folded = unicodedata.normalize("NFC", str(value)).casefold()
    for hyphen in ("-", "\u2010"):
        folded = folded.replace(hyphen, " ")
    return " ".join(folded.split())


def _code(value: Any) -> str:
    return str(value).strip().upper()


def _number(value: Any) -> str:
    return f"{float(value):.9g}"


def scored_sets(article: Mapping[str, Any]) -> dict[str, set]:
    """The sets that are compared for one article (gold or prediction); keys absent stay absent."""
    out: dict[str, set] = {}
    if "localities" in article:
        out["localities"] = {_code(x["code"] if isinstance(x, Mapping) else x) for x in article["localities"]}
    if "partnerships" in article:
        out["partnerships"] = {tuple(sorted(_code(c) for c in pair)) for pair in article["partnerships"]}
    if "agreements" in article:
        out["agreements"] = {(tuple(sorted(_code(c) for c in a["parties"])), int(a["start"]), int(a["end"]))
                             for a in article["agreements"]}
    if "people" in article:
        out["people"] = {_name(p["name"]) for p in article["people"]}
        out["roles"] = {(_name(p["name"]), r["role"], _code(r["of"])) for p in article["people"]
                        for r in p.get("roles", []) if r.get("role") and r["role"] != "other" and r.get("of")}
    if "figures" in article:
        out["figures"] = {(_number(f["value"]), f["class"]) for f in article["figures"]}
    if "fields" in article:
        out["fields"] = {str(f) for f in article["fields"]}
    return out


@dataclass
class KeyScore:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Report:
    keys: dict[str, KeyScore]
    articles: int
    missing: list[str]
    differences: list[tuple[str, str, str, str]]  # (article, key, "missed" | "wrong", fact)

    @property
    def mean_f1(self) -> float:
        return sum(k.f1 for k in self.keys.values()) / len(self.keys) if self.keys else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "keys": {k: {"precision": v.precision, "recall": v.recall, "f1": v.f1, "tp": v.tp, "fp": v.fp,
                         "fn": v.fn} for k, v in self.keys.items()},
            "mean_f1": self.mean_f1, "articles": self.articles, "missing": self.missing,
        }

    def table(self) -> str:
        lines = []
        if self.missing:
            shown = ", ".join(self.missing[:10])
            lines.append(f"no prediction for {len(self.missing)} of {self.articles} articles: {shown}")
        lines.append(f"{'key':<14}{'P':>7}{'R':>7}{'F1':>7}{'tp':>6}{'fp':>6}{'fn':>6}")
        for key, v in self.keys.items():
            lines.append(f"{key:<14}{v.precision:7.3f}{v.recall:7.3f}{v.f1:7.3f}{v.tp:6d}{v.fp:6d}{v.fn:6d}")
        lines.append(f"mean F1 {self.mean_f1:.3f} over {self.articles} articles")
        return "\n".join(lines)


def score(gold: Mapping[str, Mapping[str, set]], predicted: Mapping[str, Mapping[str, set]]) -> Report:
    counts = {k: KeyScore() for k in SCORED_KEYS}
    differences = []
    for article_id, gold_sets in gold.items():
        pred_sets = predicted.get(article_id, {})
        for key, g in gold_sets.items():
            p = pred_sets.get(key, set())
            c = counts[key]
            c.tp += len(g & p)
            c.fp += len(p - g)
            c.fn += len(g - p)
            differences += [(article_id, key, "missed", str(x)) for x in sorted(map(str, g - p))]
            differences += [(article_id, key, "wrong", str(x)) for x in sorted(map(str, p - g))]
    keys = {k: v for k, v in counts.items() if v.tp + v.fp + v.fn}
    return Report(keys, len(gold), sorted(set(gold) - set(predicted)), differences)


def load_gold(folder: str | Path) -> dict[str, dict[str, Any]]:
    """Gold articles of a folder: {id: article} where each article has "text" and "gold"."""
    articles = {}
    for path in sorted(Path(folder).glob("*.json")):
        doc = json.loads(path.read_text(encoding="utf-8"))
        articles[str(doc.get("id") or path.stem)] = doc
    return articles


def load_predictions(lines: Iterable[str]) -> dict[str, dict[str, Any]]:
    out = {}
    for number, line in enumerate(lines, 1):
        if line.strip():
            obj = json.loads(line)
            if "id" not in obj:
                raise ValueError(f"line {number}: object has no 'id'")
            out[str(obj["id"])] = obj
    return out


def evaluate(gold_articles: Mapping[str, Mapping[str, Any]], predictions: Mapping[str, Mapping[str, Any]]) -> Report:
    return score({k: scored_sets(v["gold"]) for k, v in gold_articles.items()},
                 {k: scored_sets(v) for k, v in predictions.items()})
