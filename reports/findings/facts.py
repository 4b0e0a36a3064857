"""The findings as JSON (``cati report --facts F.json``), versioned by ``schema_version``.

The layout is documented, field by field, in ``reports/facts_schema.json`` (a JSON Schema,
draft 2020-12) and in prose in ``reports/FACTS.md``. Numbers are at full precision;
shares are 0..1, NPS and scores are points; a number that could not be computed is
``null``. Identifiers are the script's and the data's (aspect ids, segment codes, group
values), not the report's translated labels, so the facts of the Russian and the English
report are the same.

Versions: 1 - the first layout.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import asdict
from pathlib import Path
from typing import Any

from reports.data import localized
from reports.findings.model import Findings
from reports.nps import NpsResult

SCHEMA_VERSION = 1
SCHEMA_PATH = Path(__file__).resolve().parents[1] / "facts_schema.json"

JsonValue = None | bool | int | float | str | list["JsonValue"] | dict[str, "JsonValue"]


def _num(x: Any) -> float | None:
    if x is None:
        return None
    v = float(x)
    return v if math.isfinite(v) else None


def _nps(r: NpsResult | None, weighted: bool) -> dict[str, JsonValue] | None:
    if r is None:
        return None
    return {
        "score": _num(r.score),
        "ci_low": _num(r.ci_low),
        "ci_high": _num(r.ci_high),
        "n": int(r.n),
        "weighted": weighted,
        "confidence": _num(r.confidence),
        "promoters": _num(r.promoters),
        "passives": _num(r.passives),
        "detractors": _num(r.detractors),
    }


def _clean(value: Any) -> JsonValue:
    if isinstance(value, Mapping):
        return {str(k): _clean(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_clean(v) for v in value]
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return value
    if isinstance(value, int):
        return value
    return _num(value)


def findings_facts(findings: Findings, lang: str = "ru") -> dict[str, JsonValue]:
    """The findings as a JSON-ready dict that validates against ``facts_schema.json``."""
    study = findings.study
    fw = study.data.fieldwork
    weighted = findings.weighted
    aspects = findings.aspects
    csi = findings.csi
    drivers = findings.drivers
    facts: dict[str, JsonValue] = {
        "schema_version": SCHEMA_VERSION,
        "study": {
            "title": localized(fw.study, lang),
            "client": localized(fw.client, lang),
            "fieldwork_start": fw.fieldwork_start.isoformat(),
            "fieldwork_end": fw.fieldwork_end.isoformat(),
            "interviews": study.n,
            "weighted": weighted,
            "weighting": {
                "scheme": study.weighting.scheme,
                "chosen": study.weighting.chosen,
                "unweighted_base": study.weighting.n,
                "weighted_base": study.weighting.weighted_base,
                "n_eff": study.weighting.n_effective,
                "deff": study.weighting.design_effect,
                "margins": list(study.weighting.margins),
            },
            "min_base": study.min_base,
            "segments": [
                {"segment": s, "interviews": int(study.seg_n[s]), "reported": not study.small(s)}
                for s in study.segments
            ],
        },
        "nps": {
            "overall": _nps(findings.nps, weighted),
            "by_segment": [
                {"segment": s, "result": _nps(r, weighted)}
                for s, r in findings.nps_by_segment.items()
            ],
        },
        "csi": None
        if csi is None
        else {
            "value": _num(csi.value),
            "ci_low": _num(csi.low),
            "ci_high": _num(csi.high),
            "weights": csi.kind,
        },
        "aspects": []
        if aspects.empty
        else [
            {
                "aspect": str(a),
                "score": _num(row["mean"]),
                "ci_low": _num(row["ci_low"]),
                "ci_high": _num(row["ci_high"]),
                "n": int(row["n"]),
                "importance": _num(row["importance"]) if "importance" in row else None,
            }
            for a, row in aspects.iterrows()
        ],
        "driver_model": None
        if drivers is None or drivers.error
        else {"r_squared": _num(drivers.r_squared), "n": drivers.n, "bootstrap": drivers.bootstrap},
        "drivers": []
        if drivers is None
        else [
            {
                "aspect": d.aspect,
                "share": _num(d.share),
                "ci_low": _num(d.ci_low),
                "ci_high": _num(d.ci_high),
            }
            for d in drivers.drivers
        ],
        "quadrants": []
        if findings.ipa is None
        else [
            {
                "aspect": str(a),
                "importance": _num(row["importance"]),
                "performance": _num(row["performance"]),
                "quadrant": str(row["quadrant"]),
            }
            for a, row in findings.ipa.iterrows()
        ],
        "multiplicity": {
            "method": findings.comparisons.method,
            "alpha": findings.comparisons.alpha,
            "family_size": len(findings.comparisons.family),
        },
        "differences": [
            {
                "kind": d.kind,
                "attribute": d.attribute,
                "group": d.group,
                "versus": d.versus,
                "metric": d.metric,
                "difference": _num(d.difference),
                "p": _num(d.p),
                "p_adjusted": _num(d.p_adjusted),
                "significant": d.significant,
            }
            for d in findings.comparisons.family
        ],
        "recommendations": [
            {
                "rank": r.rank,
                "kind": r.kind,
                "subject": r.subject,
                "expected_gain": _num(r.expected_gain),
                "gain_unit": r.gain_unit,
                "evidence": {
                    k: _clean(v) for k, v in asdict(r.evidence).items() if v not in (None, ())
                },
            }
            for r in findings.recommendations
        ],
        "themes": [
            {
                "question": th.question,
                "theme": th.theme,
                "polarity": th.polarity,
                "mentions": th.mentions,
                "by_group": {k: int(v) for k, v in th.by_group.items()},
            }
            for th in findings.themes
        ],
        "scorecards": _scorecards(findings, weighted),
    }
    return facts


def _scorecards(findings: Findings, weighted: bool) -> JsonValue:
    cards = findings.scorecards
    if cards is None:
        return None
    return {
        "attribute": cards.attribute,
        "chosen": cards.chosen,
        "cards": [
            {
                "group": c.group,
                "n": c.n,
                "nps": _nps(c.nps, weighted),
                "expected": _num(c.expected),
                "adjusted": _num(c.adjusted),
                "ci_low": _num(c.ci_low),
                "ci_high": _num(c.ci_high),
                "p": _num(c.p),
                "mix": {k: int(v) for k, v in c.mix.items()},
                "aspects": [
                    {
                        "aspect": str(a),
                        "n": int(row["n"]),
                        "expected": _num(row["expected"]),
                        "adjusted": _num(row["adjusted"]),
                        "ci_low": _num(row["ci_low"]),
                        "ci_high": _num(row["ci_high"]),
                        "p": _num(row["p"]),
                    }
                    for a, row in c.aspects_adjusted.iterrows()
                ],
            }
            for c in cards.cards
        ],
    }


def write_facts(findings: Findings, path: str | Path, lang: str = "ru") -> Path:
    """Write :func:`findings_facts` to ``path`` (UTF-8 JSON) and return the path."""
    out = Path(path)
    text = json.dumps(findings_facts(findings, lang), ensure_ascii=False, indent=2)
    out.write_text(text + "\n", encoding="utf-8")
    return out


def facts_schema() -> dict[str, Any]:
    """The JSON Schema the facts file follows."""
    schema: dict[str, Any] = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return schema


__all__ = ["SCHEMA_PATH", "SCHEMA_VERSION", "facts_schema", "findings_facts", "write_facts"]
