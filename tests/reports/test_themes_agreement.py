"""Automatic theme coding against hand-coded answers (tests/reports/data/themes_sample_*.yaml).

The samples were written and coded by hand before the dictionaries. Metrics, over
(comment, theme) pairs:

* theme recall    = pairs the coder found / pairs in the hand codes
* theme precision = pairs the coder found that are in the hand codes / pairs it found
* polarity agreement = pairs found by both with the same polarity / pairs found by both
* pair F1 (strict) = F1 of (comment, theme, polarity) triples

Each of the first three must reach 85 %; the figures are printed (``pytest -s``).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from reports.themes import code_text, default_themes

DATA = Path(__file__).parent / "data"
THRESHOLD = 0.85


@dataclass(frozen=True)
class Agreement:
    comments: int
    gold_pairs: int
    found_pairs: int
    recall: float
    precision: float
    polarity: float
    strict_f1: float
    misses: tuple[str, ...]

    def report(self, lang: str) -> str:
        return (
            f"[{lang}] {self.comments} comments, {self.gold_pairs} hand-coded (comment, theme) "
            f"pairs, {self.found_pairs} found: theme recall {self.recall:.1%}, "
            f"precision {self.precision:.1%}, polarity agreement {self.polarity:.1%}, "
            f"strict (theme, polarity) F1 {self.strict_f1:.1%}"
        )


def agreement(lang: str) -> Agreement:
    sample = yaml.safe_load((DATA / f"themes_sample_{lang}.yaml").read_text(encoding="utf-8"))
    d = default_themes()
    gold_n = found_n = both = same = 0
    misses: list[str] = []
    for item in sample["comments"]:
        gold: dict[str, str] = item["codes"]
        found = {m.theme: m.polarity for m in code_text(item["text"], d, lang=lang)}
        gold_n += len(gold)
        found_n += len(found)
        for theme in gold.keys() & found.keys():
            both += 1
            same += gold[theme] == found[theme]
        if gold != found:
            misses.append(f"{item['text']}\n    hand {gold}\n    auto {found}")
    recall = both / gold_n
    precision = both / found_n if found_n else 0.0
    strict_p = same / found_n if found_n else 0.0
    strict_r = same / gold_n
    f1 = 2 * strict_p * strict_r / (strict_p + strict_r) if same else 0.0
    return Agreement(
        len(sample["comments"]), gold_n, found_n, recall, precision, same / both, f1, tuple(misses)
    )


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_coding_agrees_with_hand_codes(lang: str) -> None:
    a = agreement(lang)
    print("\n" + a.report(lang))
    assert a.comments >= (200 if lang == "ru" else 50)
    assert a.recall >= THRESHOLD, a.report(lang)
    assert a.precision >= THRESHOLD, a.report(lang)
    assert a.polarity >= THRESHOLD, a.report(lang)


if __name__ == "__main__":  # python tests/reports/test_themes_agreement.py: list disagreements
    import sys

    for lang in sys.argv[1:] or ["ru", "en"]:
        a = agreement(lang)
        print("\n".join(a.misses))
        print(a.report(lang))
