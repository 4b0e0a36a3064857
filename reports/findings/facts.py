"""The findings as JSON (``cati report --facts F.json``), versioned by ``schema_version``.

The layout is documented, field by field, in ``reports/facts_schema.json`` (a JSON Schema,
draft 2020-12) and in prose in ``reports/FACTS.md``. Numbers are at full precision;
shares are 0..1, NPS and scores are points; a number that could not be computed is
``null``. Identifiers are the script's and the data's (aspect ids, segment codes, group
values), not the report's translated labels, so the facts of the Russian and the English
report are the same.

Versions: 1 - the first layout; 2 - ``outcome`` (``nps`` or ``csi_overall``), ``nps`` is
null in a study without NPS, ``csi.overall`` (overall satisfaction), ``csi.value`` may be
null (no satisfaction grid), ``score_points`` gains and ``evidence.score``, and the
loyalty groups of a study without NPS named ``dissatisfied``/``neutral``/``satisfied``;
``study.weighting`` (scheme, bases, Kish's n_eff and deff) and ``scorecards`` (of the
study's outcome: ``nps``, or ``overall`` without NPS), and ``group_adjusted`` differences.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import asdict
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from reports.csi import AspectScore
from reports.data import localized
from reports.findings.model import LOYALTY_GROUPS, Findings
from reports.findings.prepare import loyalty_groups
from reports.nps import NpsResult

SCHEMA_VERSION = 2
#: How the loyalty groups are named in the facts of a study without NPS.
CSI_GROUPS = {"detractor": "dissatisfied", "passive": "neutral", "promoter": "satisfied"}
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
        "outcome": study.outcome_kind,
        "nps": None
        if study.roles.nps is None
        else {
            "overall": _nps(findings.nps, weighted),
            "by_segment": [
                {"segment": s, "result": _nps(r, weighted)}
                for s, r in findings.nps_by_segment.items()
            ],
        },
        "csi": None
        if csi is None and study.roles.csi_overall is None
        else {
            "value": _num(csi.value) if csi else None,
            "ci_low": _num(csi.low) if csi else None,
            "ci_high": _num(csi.high) if csi else None,
            "weights": csi.kind if csi else None,
            "overall": _overall(findings),
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
                "by_group": {
                    group_name(k, study.outcome_kind): int(v) for k, v in th.by_group.items()
                },
            }
            for th in findings.themes
        ],
        "scorecards": _scorecards(findings, weighted),
    }
    return facts


def _overall(findings: Findings) -> dict[str, JsonValue] | None:
    """Overall satisfaction (0-100) in total and by segment, with the group shares."""
    study = findings.study
    if study.roles.csi_overall is None:
        return None
    seg = study.df["segment"].to_numpy()
    return {
        "question": study.roles.csi_overall,
        "result": _overall_result(findings, findings.overall, seg == seg),
        "by_segment": [
            {
                "segment": s,
                "result": _overall_result(findings, findings.overall_by_segment.get(s), seg == s),
            }
            for s in study.segments
        ],
    }


def _overall_result(
    findings: Findings, score: AspectScore | None, mask: Any
) -> dict[str, JsonValue] | None:
    """One overall satisfaction result (0-100) with the shares of its groups in ``mask``."""
    if score is None:
        return None
    shares = _group_shares(findings, mask)
    return {
        "score": _num(score.mean),
        "ci_low": _num(score.ci_low),
        "ci_high": _num(score.ci_high),
        "n": int(score.n),
        **{CSI_GROUPS[g]: _num(shares[g]) for g in LOYALTY_GROUPS},
    }


def _scorecards(findings: Findings, weighted: bool) -> JsonValue:
    """The scorecards of the study's outcome: ``nps`` per group, or (a study without NPS)
    ``overall`` with ``expected``/``adjusted`` on 0-100."""
    cards = findings.scorecards
    if cards is None:
        return None
    study = findings.study
    attr = study.df[cards.attribute]
    named = attr.notna().to_numpy()
    text = attr.astype(str).to_numpy()
    return {
        "attribute": cards.attribute,
        "chosen": cards.chosen,
        "cards": [
            {
                "group": c.group,
                "n": c.n,
                "nps": _nps(c.nps, weighted),
                "overall": _overall_result(findings, c.overall, named & (text == c.group)),
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


def _group_shares(findings: Findings, mask: Any) -> dict[str, float]:
    """Weighted shares of the overall satisfaction groups (not the NPS groups)."""
    study = findings.study
    values = study.df[study.roles.csi_overall]
    groups = loyalty_groups(values, "csi_overall", _scale(findings)).to_numpy()
    w = np.ones(len(groups)) if study.weights is None else study.weights
    valid = mask & pd.notna(groups)
    total = float(w[valid].sum())
    return {
        g: (float(w[valid & (groups == g)].sum()) / total if total > 0 else math.nan)
        for g in LOYALTY_GROUPS
    }


def _scale(findings: Findings) -> tuple[float, float]:
    q = findings.study.data.script.by_id[findings.study.roles.csi_overall or ""]
    points = getattr(q, "scale", None)
    return (float(points.min), float(points.max)) if points else (1.0, 5.0)


def group_name(group: str, outcome: str = "nps") -> str:
    """A loyalty group as the facts name it (``dissatisfied`` ... without NPS)."""
    return CSI_GROUPS.get(group, group) if outcome == "csi_overall" else group


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


__all__ = [
    "CSI_GROUPS",
    "SCHEMA_PATH",
    "SCHEMA_VERSION",
    "facts_schema",
    "findings_facts",
    "group_name",
    "write_facts",
]
