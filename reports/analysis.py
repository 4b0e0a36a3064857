"""From answers to report content: computes every figure and writes the sentences.

:func:`build_model` turns :class:`reports.data.ReportData` into a :class:`reports.model
.Report`. All statistics come from the documented modules (``nps``, ``csi``,
``weighting``, ``sampling``, ``comparisons``, ``drivers``, ``ipa``, ``breakdowns``,
``themes``); this module decides what to show and how to say it:

* a figure for a group below ``min_base`` interviews is replaced by "n too small";
* a gap is called a *difference* only when its Holm-adjusted p-value is below 5 %;
* the CSI uses stated importance when the script has an importance grid, else LMG shares;
* the CSI interval is a percentile bootstrap over respondents (aspect means recomputed on
  each resample, index weights held fixed), because the index is a weighted sum of
  correlated means;
* every open answer passes :func:`reports.privacy.scrub_contacts` before it is used.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from reports import charts
from reports.breakdowns import breakdown
from reports.comparisons import compare_segments, holm
from reports.csi import aspect_table, csi_index
from reports.data import (
    SEGMENT,
    Fieldwork,
    QuestionRoles,
    ReportData,
    grid_columns,
    localized,
    multi_matrix,
    special_marker,
    validate,
)
from reports.drivers import relative_importance
from reports.errors import ReportInputError
from reports.ipa import CONCENTRATE_HERE, KEEP_UP, LOW_PRIORITY, importance_performance
from reports.model import Bullets, Column, Figure, Paragraph, Report, Section, Table
from reports.nps import NpsResult, compare_nps, nps, nps_group
from reports.privacy import scrub_contacts
from reports.sampling import margin_of_error
from reports.specials_codes import special_codes
from reports.texts import Texts
from reports.themes import (
    NO_THEME,
    ThemeDictionary,
    code_themes,
    default_themes,
    theme_counts,
    verbatims,
)
from reports.weighting import effective_sample_size, kish_design_effect, poststratify
from surveys.model import (
    GridQuestion,
    InfoScreen,
    MultipleChoice,
    NpsQuestion,
    NumericQuestion,
    OpenQuestion,
    QuestionBase,
    RatingQuestion,
    SingleChoice,
)

ALPHA = 0.05
BOOTSTRAP = 200
SEED = 20240601
VERBATIMS_PER_GROUP = 4
MAX_QUOTE = 220


@dataclass
class _Ctx:
    data: ReportData
    roles: QuestionRoles
    t: Texts
    df: pd.DataFrame
    w: np.ndarray | None
    weights_mode: str
    segments: list[str]
    seg_n: dict[str, int]
    codes: set[int]
    aspects: list[str]
    sat_cols: dict[str, str]
    imp_cols: dict[str, str]
    sat_scale: tuple[float, float]
    themes: ThemeDictionary
    min_base: int

    @property
    def nf(self) -> Any:
        return self.t.nf

    def seg_label(self, code: str) -> str:
        return localized(self.data.segment_labels.get(code), self.t.lang, str(code))

    def aspect_label(self, aspect: str) -> str:
        if self.roles.satisfaction is None:
            return aspect
        grid = self.data.script.by_id[self.roles.satisfaction]
        if isinstance(grid, GridQuestion):
            for r in grid.rows:
                if r.id == aspect:
                    text = r.label.get(self.t.lang) or next(iter(r.label.values()))
                    return _nominative(text, self.t.lang, aspect, self.data)
        return aspect

    def small(self, seg: str) -> bool:
        return self.seg_n.get(seg, 0) < self.min_base

    def weights_of(self, mask: np.ndarray) -> np.ndarray | None:
        return None if self.w is None else self.w[mask]


def _nominative(text: str, lang: str, aspect: str, data: ReportData) -> str:
    """Aspect labels in grids continue a sentence ("satisfied with ... prices"); the
    importance grid (when present) usually words them as nouns, which read better alone."""
    roles = find_roles_cached(data)
    if roles.importance is not None:
        imp = data.script.by_id[roles.importance]
        if isinstance(imp, GridQuestion):
            for r in imp.rows:
                if r.id == aspect:
                    text = r.label.get(lang) or text
    return text[:1].upper() + text[1:]


_ROLE_CACHE: dict[int, QuestionRoles] = {}


def find_roles_cached(data: ReportData) -> QuestionRoles:
    key = id(data)
    if key not in _ROLE_CACHE:
        _ROLE_CACHE.clear()
        _ROLE_CACHE[key] = validate(data)
    return _ROLE_CACHE[key]


# =========================================================================================
def build_model(data: ReportData, lang: str = "ru", weights: str = "none") -> Report:
    """Compute the study's figures and lay them out as a report model."""
    t = Texts(lang)
    if weights not in ("none", "population"):
        raise ReportInputError(f"weights must be 'none' or 'population', got {weights!r}")
    roles = find_roles_cached(data)
    ctx = _context(data, roles, t, weights)
    fw = data.fieldwork
    client = localized(fw.client, lang)
    study = localized(fw.study, lang)
    facts: dict[str, Any] = {}

    overall = _nps_of(ctx, np.ones(len(ctx.df), dtype=bool))
    facts["nps"] = overall
    aspects = _aspect_scores(ctx)
    facts["aspects"] = aspects
    drivers = _drivers(ctx)
    facts["drivers"] = drivers
    if drivers is not None:
        facts["driver_ranking"] = list(drivers.sort_values("share", ascending=False).index)
    csi = _csi(ctx, aspects, drivers)
    facts["csi"] = csi
    seg_nps = _segment_nps(ctx)
    pairs = _nps_pairs(ctx, seg_nps)
    facts["nps_pairs"] = pairs
    facts["segment_nps"] = seg_nps
    seg_aspects = _segment_aspects(ctx, csi)
    ipa = _ipa(ctx, drivers, aspects)
    facts["ipa"] = ipa
    texts = _verbatim_table(ctx)
    ratings = _theme_ratings(ctx, texts)
    theme_table = (
        theme_counts(texts["text"], ctx.themes, examples=1, ratings=ratings)
        if len(texts)
        else pd.DataFrame()
    )
    texts = _with_mentions(ctx, texts, ratings)
    breakdowns = _breakdowns(ctx)
    facts["breakdowns"] = breakdowns

    recs = _recommendations(ctx, aspects, drivers, ipa, pairs, seg_nps, texts, breakdowns)
    facts["recommendations"] = recs
    sections = [
        _summary(ctx, overall, csi, aspects, drivers, pairs, recs, client),
        _methodology(ctx, overall, csi),
        _nps_chapter(ctx, overall, seg_nps, pairs, breakdowns),
        _csi_chapter(ctx, aspects, csi, seg_aspects),
        _drivers_chapter(ctx, drivers, ipa, aspects),
        _segments_chapter(ctx, seg_nps, seg_aspects, csi, texts),
        _verbatims_chapter(ctx, texts, theme_table),
        _recommendations_chapter(ctx, recs),
        _appendix_tables(ctx),
        _appendix_questionnaire(ctx),
        _appendix_outcomes(ctx),
    ]
    n = len(ctx.df)
    title_facts = [
        (t("client"), client),
        (t("study"), study),
        (t("fieldwork"), t.nf.period(fw.fieldwork_start, fw.fieldwork_end)),
        (t("interviews"), t.nf.num(n)),
        (t("report_date"), t.nf.date(fw.report_date)),
    ]
    if fw.agency:
        title_facts.append((t("agency"), localized(fw.agency, lang)))
    return Report(
        lang=lang,
        title=study,
        subtitle=t("report_kind"),
        title_facts=title_facts,
        toc_title=t("toc"),
        sections=sections,
        page_label=t("page"),
        figure_label=t("figure"),
        table_label=t("table"),
        facts=facts,
    )


# =========================================================================================
# context and computations
def _context(data: ReportData, roles: QuestionRoles, t: Texts, weights: str) -> _Ctx:
    df = data.responses.copy()
    df[SEGMENT] = df[SEGMENT].astype(str)
    seg_counts = df[SEGMENT].value_counts()
    order = [s for s in list(data.population) + list(data.fieldwork.completes) if s in seg_counts]
    order = list(dict.fromkeys(order))
    order += [s for s in seg_counts.index if s not in order]
    w = None
    if weights == "population":
        missing = [s for s in order if s not in data.population]
        if missing:
            raise ReportInputError(
                f"weights='population' needs the population size of every segment; "
                f"missing: {missing}"
            )
        w = poststratify(df[SEGMENT], dict(data.population)).to_numpy(dtype=np.float64)
    sat_cols: dict[str, str] = {}
    imp_cols: dict[str, str] = {}
    scale = (1.0, 5.0)
    if roles.satisfaction:
        g = data.script.by_id[roles.satisfaction]
        if isinstance(g, GridQuestion):
            sat_cols = grid_columns(g)
            scale = (float(g.scale.min), float(g.scale.max))
    if roles.importance:
        g = data.script.by_id[roles.importance]
        if isinstance(g, GridQuestion):
            imp_cols = {k: v for k, v in grid_columns(g).items() if k in sat_cols}
    codes = special_codes(data.script)
    for col in [roles.nps, *sat_cols.values(), *imp_cols.values()]:
        df[col] = pd.to_numeric(df[col], errors="coerce")
        df.loc[df[col].isin(codes), col] = np.nan
    return _Ctx(
        data=data,
        roles=roles,
        t=t,
        df=df,
        w=w,
        weights_mode=weights,
        segments=order,
        seg_n={s: int(seg_counts[s]) for s in order},
        codes=codes,
        aspects=list(sat_cols),
        sat_cols=sat_cols,
        imp_cols=imp_cols,
        sat_scale=scale,
        themes=data.themes or default_themes(),
        min_base=data.min_base,
    )


def _nps_of(ctx: _Ctx, mask: np.ndarray) -> NpsResult | None:
    try:
        return nps(ctx.df[ctx.roles.nps][mask], ctx.weights_of(mask), min_n=ctx.min_base)
    except ReportInputError:
        return None


def _aspect_scores(ctx: _Ctx, mask: np.ndarray | None = None) -> pd.DataFrame:
    if not ctx.sat_cols:
        return pd.DataFrame()
    df = ctx.df if mask is None else ctx.df[mask]
    w = ctx.w if mask is None else ctx.weights_of(mask)
    cols = {c: ctx.sat_scale for c in ctx.sat_cols.values()}
    usable = {c: s for c, s in cols.items() if df[c].notna().any()}
    if not usable:
        return pd.DataFrame()
    table = aspect_table(df, usable, weights=w, min_n=ctx.min_base)
    inverse = {v: k for k, v in ctx.sat_cols.items()}
    table.index = [inverse[c] for c in table.index]
    if ctx.imp_cols:
        imp = {ctx.imp_cols[a]: ctx.sat_scale for a in table.index if a in ctx.imp_cols}
        imp = {c: s for c, s in imp.items() if df[c].notna().any()}
        if imp:
            it = aspect_table(df, imp, weights=w, min_n=ctx.min_base)
            inv = {v: k for k, v in ctx.imp_cols.items()}
            table["importance"] = pd.Series(it["mean"].to_numpy(), index=[inv[c] for c in it.index])
    return table


def _drivers(ctx: _Ctx) -> pd.DataFrame | None:
    if len(ctx.sat_cols) < 2:
        return None
    X = ctx.df[list(ctx.sat_cols.values())].set_axis(list(ctx.sat_cols), axis=1)
    y = ctx.df[ctx.roles.nps]
    try:
        lmg = relative_importance(X, y, "lmg", bootstrap=BOOTSTRAP, seed=SEED, weights=ctx.w)
        assert isinstance(lmg, pd.DataFrame)
        john = relative_importance(X, y, "johnson", weights=ctx.w)
        corr = relative_importance(X, y, "correlation", weights=ctx.w)
    except ReportInputError as exc:
        out = pd.DataFrame()
        out.attrs["error"] = str(exc)
        return out
    r2 = float(lmg.attrs["r_squared"])
    out = pd.DataFrame(
        {
            "importance": lmg["importance"],
            "share": lmg["share"],
            "ci_low": lmg["ci_low"] / r2 if r2 > 0 else np.nan,
            "ci_high": lmg["ci_high"] / r2 if r2 > 0 else np.nan,
            "johnson": np.asarray(john) / r2 if r2 > 0 else np.nan,
            "r": np.asarray(corr),
        }
    )
    out.attrs.update(lmg.attrs)
    return out


def _csi(ctx: _Ctx, aspects: pd.DataFrame, drivers: pd.DataFrame | None) -> dict[str, Any]:
    if aspects.empty:
        return {}
    if "importance" in aspects and aspects["importance"].notna().all():
        weights, kind = aspects["importance"], "stated"
    elif drivers is not None and not drivers.empty:
        weights, kind = drivers["importance"].reindex(aspects.index).fillna(0.0), "derived"
    else:
        weights, kind = pd.Series(1.0, index=aspects.index), "equal"
    index = csi_index(aspects["mean"], weights)
    low, high = _csi_bootstrap(ctx, index.weights, np.ones(len(ctx.df), dtype=bool))
    return {"value": index.value, "weights": index.weights, "kind": kind, "low": low, "high": high}


def _csi_bootstrap(ctx: _Ctx, weights: pd.Series, mask: np.ndarray) -> tuple[float, float]:
    """Percentile bootstrap interval of the CSI: respondents resampled, weights fixed."""
    cols = [ctx.sat_cols[a] for a in weights.index]
    lo_s, hi_s = ctx.sat_scale
    x = (ctx.df.loc[mask, cols].to_numpy(dtype=np.float64) - lo_s) / (hi_s - lo_s) * 100.0
    n = x.shape[0]
    if n < 2:
        return math.nan, math.nan
    rw = np.ones(n) if ctx.w is None else ctx.w[mask]
    rng = np.random.default_rng(SEED)
    valid = np.isfinite(x)
    xz = np.where(valid, x, 0.0)
    stats_ = np.empty(BOOTSTRAP)
    wv = weights.to_numpy()
    for b in range(BOOTSTRAP):
        counts = np.bincount(rng.integers(0, n, size=n), minlength=n) * rw
        num = counts @ xz
        den = counts @ valid
        means = np.divide(num, den, out=np.full(num.shape, np.nan), where=den > 0)
        stats_[b] = float(np.nansum(means * wv) / wv[np.isfinite(means)].sum())
    low, high = np.quantile(stats_, [0.025, 0.975])
    return float(low), float(high)


def _segment_nps(ctx: _Ctx) -> dict[str, NpsResult | None]:
    seg = ctx.df[SEGMENT].to_numpy()
    return {s: (None if ctx.small(s) else _nps_of(ctx, seg == s)) for s in ctx.segments}


def _nps_pairs(ctx: _Ctx, seg_nps: dict[str, NpsResult | None]) -> pd.DataFrame:
    ok = [s for s in ctx.segments if seg_nps.get(s) is not None]
    rows = []
    for i, a in enumerate(ok):
        for b in ok[i + 1 :]:
            ra, rb = seg_nps[a], seg_nps[b]
            if ra is None or rb is None:
                continue
            c = compare_nps(ra, rb)
            rows.append({"a": a, "b": b, "difference": c.difference, "p_value": c.p_value})
    out = pd.DataFrame(rows, columns=["a", "b", "difference", "p_value"])
    out["p_adjusted"] = holm(out["p_value"].to_numpy()) if len(out) else []
    out["significant"] = out["p_adjusted"] < ALPHA
    return out


def _segment_aspects(ctx: _Ctx, csi: dict[str, Any]) -> dict[str, Any]:
    """Aspect scores and CSI per segment, with Welch tests against the rest (Holm)."""
    seg = ctx.df[SEGMENT].to_numpy()
    scores: dict[str, pd.DataFrame] = {}
    index: dict[str, float] = {}
    for s in ctx.segments:
        if ctx.small(s):
            continue
        table = _aspect_scores(ctx, seg == s)
        scores[s] = table
        if csi and not table.empty:
            w = csi["weights"].reindex(table.index).dropna()
            index[s] = csi_index(table["mean"].reindex(w.index), w).value
    tests: dict[str, pd.DataFrame] = {}
    big = ctx.df[[ctx.seg_n[s] >= ctx.min_base for s in ctx.df[SEGMENT]]]
    if big[SEGMENT].nunique() >= 2:
        for a, col in ctx.sat_cols.items():
            if big[col].notna().sum() < 4:
                continue
            tests[a] = compare_segments(big, SEGMENT, col, "mean", min_n=ctx.min_base).set_index(
                "segment"
            )
    return {"scores": scores, "index": index, "tests": tests}


def _ipa(ctx: _Ctx, drivers: pd.DataFrame | None, aspects: pd.DataFrame) -> pd.DataFrame | None:
    if drivers is None or drivers.empty or aspects.empty:
        return None
    return importance_performance(drivers["share"], aspects["mean"].reindex(drivers.index))


def _verbatim_table(ctx: _Ctx) -> pd.DataFrame:
    qs = [q for q in ctx.roles.verbatims if q in ctx.df.columns]
    if not qs:
        return pd.DataFrame(columns=["respondent", "question", "nps_group", "segment", "text"])
    v = verbatims(ctx.df, qs, nps_column=ctx.roles.nps, segment=SEGMENT)
    v["text"] = v["text"].map(lambda s: scrub_contacts(str(s), ctx.t.lang))
    return v


def _theme_ratings(ctx: _Ctx, texts: pd.DataFrame) -> list[dict[str, float]]:
    """Per verbatim, the respondent's own rating of each aspect that has a theme, on 0..1:
    the tie-breaker for mentions the text leaves neutral."""
    lo, hi = ctx.sat_scale
    theme_of = {a: _theme_for_aspect(ctx, a) for a in ctx.sat_cols}
    out: list[dict[str, float]] = []
    for respondent in texts["respondent"]:
        ratings: dict[str, float] = {}
        for aspect, col in ctx.sat_cols.items():
            theme = theme_of[aspect]
            value = pd.to_numeric(ctx.df.at[respondent, col], errors="coerce")
            if theme is not None and hi > lo and lo <= value <= hi:
                ratings[theme] = float((value - lo) / (hi - lo))
        out.append(ratings)
    return out


def _with_mentions(ctx: _Ctx, texts: pd.DataFrame, ratings: list[dict[str, float]]) -> pd.DataFrame:
    """Adds ``themes`` (the themes an answer mentions) and ``polarity`` (theme -> praise /
    complaint / neutral) to the verbatim table."""
    polarity: list[dict[str, str]] = [{} for _ in range(len(texts))]
    if len(texts):
        coded = code_themes(texts["text"].reset_index(drop=True), ctx.themes, ratings=ratings)
        for answer, theme, pol in zip(
            coded["answer"], coded["theme"], coded["polarity"], strict=True
        ):
            polarity[int(answer)][str(theme)] = str(pol)
    return texts.assign(
        themes=[list(p) for p in polarity], polarity=pd.Series(polarity, index=texts.index)
    )


def _complaining(texts: pd.DataFrame, theme: str) -> pd.DataFrame:
    """The verbatims that complain about ``theme`` (praise is never a complaint's evidence)."""
    if texts.empty:
        return texts
    return texts[texts["polarity"].map(lambda p: p.get(theme) == "complaint")]


def _breakdowns(ctx: _Ctx) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for attr in ctx.data.breakdowns:
        df = ctx.df[ctx.df[attr].notna()]
        if df.empty:
            continue
        table = breakdown(
            df,
            attr,
            ctx.roles.nps,
            "nps",
            weights=ctx.weights_of(ctx.df[attr].notna().to_numpy()),
            min_n=ctx.min_base,
            include_total=False,
        )
        table = table.sort_values("value", ascending=False, na_position="last")
        tests = None
        if df[attr].nunique() >= 2:
            tests = compare_segments(df, attr, ctx.roles.nps, "nps", min_n=ctx.min_base)
        out[attr] = {"table": table, "tests": tests}
    return out


# =========================================================================================
# wording helpers
def _ci(ctx: _Ctx, low: float, high: float, signed: bool = False) -> str:
    return ctx.nf.range(low, high, 0, signed=signed)


def _shorten(text: str, limit: int = MAX_QUOTE, *, inline: bool = False) -> str:
    """Collapse spaces and cut at a word boundary; ``inline`` quotes lose their final full
    stop, since the sentence around them supplies one."""
    text = re.sub(r"\s+", " ", text).strip()
    if len(text) > limit:
        text = text[:limit].rsplit(" ", 1)[0].rstrip(",;:—-. ") + "…"
    return text.rstrip(".") if inline else text


def _theme_for_aspect(ctx: _Ctx, aspect: str) -> str | None:
    if aspect in ctx.themes.names:
        return aspect
    for name in ctx.themes.names:
        if aspect in name.split():
            return name
    hits = ctx.themes.match(ctx.aspect_label(aspect))
    return hits[0] if hits else None


def _pick_quotes(texts: pd.DataFrame, k: int) -> list[pd.Series]:
    """Informative answers first: more themes, then longer (but not rambling)."""
    if texts.empty:
        return []
    t = texts.assign(_len=texts["text"].str.len())
    t = t[(t["_len"] >= 12)].drop_duplicates("text")
    t = t.assign(_th=t["themes"].map(len) if "themes" in t else 0)
    t = t.assign(_fit=-(t["_len"] - 140).abs())
    t = t.sort_values(["_th", "_fit"], ascending=[False, False], kind="stable")
    return [row for _, row in t.head(k).iterrows()]


def _sig_word(ctx: _Ctx, diff: float) -> str:
    return ctx.t("higher") if diff > 0 else ctx.t("lower")


# =========================================================================================
# recommendations
@dataclass
class Recommendation:
    kind: str
    text: str
    subject: str


def _recommendations(
    ctx: _Ctx,
    aspects: pd.DataFrame,
    drivers: pd.DataFrame | None,
    ipa: pd.DataFrame | None,
    pairs: pd.DataFrame,
    seg_nps: dict[str, NpsResult | None],
    texts: pd.DataFrame,
    breakdowns: dict[str, dict[str, Any]],
) -> list[Recommendation]:
    t, nf = ctx.t, ctx.nf
    recs: list[Recommendation] = []
    covered: set[str] = set()
    if ipa is not None:
        fix = ipa[ipa["quadrant"] == CONCENTRATE_HERE]
        if len(fix) < 2:
            fix = pd.concat([fix, ipa[ipa["quadrant"] == LOW_PRIORITY].head(2 - len(fix))])
        for aspect, row in fix.iterrows():
            theme = _theme_for_aspect(ctx, str(aspect))
            mentions = ""
            if theme is not None and len(texts):
                hit = _complaining(texts, theme)
                neg = hit[hit["nps_group"] != "promoter"]
                quotes = _pick_quotes(neg if len(neg) else hit, 1)
                if quotes:
                    covered.add(theme)
                    mentions = t(
                        "rec_mentions",
                        k=nf.num(len(hit)),
                        answers=t.answers(len(hit)),
                        quote=_shorten(str(quotes[0]["text"]), 160, inline=True),
                    )
            recs.append(
                Recommendation(
                    "fix",
                    t(
                        "rec_fix" if row["quadrant"] == CONCENTRATE_HERE else "rec_fix_low",
                        name=ctx.aspect_label(str(aspect)),
                        score=nf.num(row["performance"]),
                        share=nf.pct(row["importance"]),
                        mentions=mentions,
                    ),
                    str(aspect),
                )
            )
    sig = pairs[pairs["significant"]] if len(pairs) else pairs
    done_segments: set[str] = set()
    for _, row in sig.sort_values("difference", key=abs, ascending=False).iterrows():
        low, high = (row["a"], row["b"]) if row["difference"] < 0 else (row["b"], row["a"])
        if low in done_segments:
            continue
        done_segments.add(low)
        seg_texts = texts[(texts["segment"] == low) & (texts["nps_group"] != "promoter")]
        themes = _top_themes(ctx, seg_texts, 3)
        r = seg_nps[low]
        recs.append(
            Recommendation(
                "segment",
                t(
                    "rec_segment",
                    name=ctx.seg_label(low),
                    nps=nf.signed(r.score if r else math.nan),
                    diff=nf.num(abs(row["difference"])),
                    points=t.points(abs(row["difference"])),
                    other=ctx.seg_label(high),
                    themes=t("rec_segment_themes", items=t.join(themes)) if themes else "",
                ).strip(),
                low,
            )
        )
    for attr, b in breakdowns.items():
        tests = b["tests"]
        if tests is None:
            continue
        for _, row in tests[tests["significant"] & (tests["difference"] < 0)].iterrows():
            recs.append(
                Recommendation(
                    "breakdown",
                    t(
                        "rec_breakdown",
                        name=str(row["segment"]),
                        attribute=_attr_label(ctx, attr),
                        diff=nf.signed(row["difference"]),
                        points=t.points(abs(row["difference"])),
                    ),
                    f"{attr}={row['segment']}",
                )
            )
    det = texts[texts["nps_group"] == "detractor"] if len(texts) else texts
    if len(det):
        n_det = det["respondent"].nunique()
        for theme in _top_themes_raw(ctx, det, 3):
            if theme in covered:
                continue
            hit = _complaining(det, theme)
            share = hit["respondent"].nunique() / n_det
            if share < 0.15:
                continue
            quote = _pick_quotes(hit, 1)
            if not quote:
                continue
            recs.append(
                Recommendation(
                    "theme",
                    t(
                        "rec_theme",
                        theme=t.theme(theme),
                        share=nf.pct(share),
                        quote=_shorten(str(quote[0]["text"]), 160, inline=True),
                    ),
                    theme,
                )
            )
            covered.add(theme)
    if ipa is not None:
        keep = [ctx.aspect_label(str(a)) for a in ipa.index[ipa["quadrant"] == KEEP_UP]]
        if keep:
            items = t.join([f"«{k}»" if t.lang == "ru" else f"“{k}”" for k in keep])
            recs.append(Recommendation("keep", t("rec_keep", items=items), "keep"))
    overall_det = ctx.df[ctx.roles.nps].le(6).sum() if ctx.roles.nps in ctx.df.columns else 0
    if overall_det:
        k = int(overall_det)
        recs.append(
            Recommendation(
                "detractors", t("rec_detractors", k=nf.num(k), clients=t.clients(k)), "detractors"
            )
        )
    return recs


def _top_themes_raw(ctx: _Ctx, texts: pd.DataFrame, k: int) -> list[str]:
    """The themes most complained about in ``texts``."""
    if texts.empty:
        return []
    counts: dict[str, int] = {}
    for pols in texts["polarity"]:
        for th, pol in pols.items():
            if pol == "complaint":
                counts[th] = counts.get(th, 0) + 1
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], ctx.themes.names.index(kv[0])))
    return [name for name, _ in ranked[:k]]


def _top_themes(ctx: _Ctx, texts: pd.DataFrame, k: int) -> list[str]:
    return [ctx.t.theme(n) for n in _top_themes_raw(ctx, texts, k)]


def _attr_label(ctx: _Ctx, attr: str) -> str:
    return localized(ctx.data.attribute_labels.get(attr), ctx.t.lang, attr)


# =========================================================================================
# sections
def _summary(
    ctx: _Ctx,
    overall: NpsResult | None,
    csi: dict[str, Any],
    aspects: pd.DataFrame,
    drivers: pd.DataFrame | None,
    pairs: pd.DataFrame,
    recs: list[Recommendation],
    client: str,
) -> Section:
    t, nf = ctx.t, ctx.nf
    fw = ctx.data.fieldwork
    sec = Section(t("sec_summary"), "summary", new_page=True)
    n = len(ctx.df)
    sec.add(
        Paragraph(
            t(
                "summary_lead",
                start=nf.date(fw.fieldwork_start),
                end=nf.date(fw.fieldwork_end),
                n=nf.num(n),
                clients=t.clients(n),
                client=client,
            ),
            "lead",
        )
    )
    findings: list[str] = []
    if overall is not None:
        findings.append(
            t(
                "summary_nps",
                nps=nf.signed(overall.score),
                ci=_ci(ctx, overall.ci_low, overall.ci_high, True),
                p=nf.pct(overall.promoters),
                pas=nf.pct(overall.passives),
                d=nf.pct(overall.detractors),
            )
        )
    if csi:
        findings.append(
            t("summary_csi", csi=nf.num(csi["value"]), ci=_ci(ctx, csi["low"], csi["high"]))
        )
    if not aspects.empty:
        ranked = aspects["mean"].sort_values(ascending=False)
        k = min(3, len(ranked) // 2) or 1
        strong = [
            t("aspect_with_score", name=_quote(ctx, ctx.aspect_label(a)), score=nf.num(v))
            for a, v in ranked.head(k).items()
        ]
        weak = [
            t("aspect_with_score", name=_quote(ctx, ctx.aspect_label(a)), score=nf.num(v))
            for a, v in ranked.tail(k)[::-1].items()
        ]
        findings.append(
            t("summary_strong", items=t.join(strong)) + " " + t("summary_weak", items=t.join(weak))
        )
    findings.extend(_pair_sentences(ctx, pairs, 3))
    if drivers is not None and not drivers.empty:
        top = drivers.sort_values("share", ascending=False).head(2)
        findings.append(
            t(
                "summary_drivers",
                items=t.join([_quote(ctx, ctx.aspect_label(str(a))) for a in top.index]),
                share=nf.pct(top["share"].sum()),
            )
        )
    findings.append(t("summary_weighted" if ctx.w is not None else "summary_unweighted"))
    sec.add(Bullets(findings))
    if recs:
        sec.add(Paragraph(t("summary_actions")), Bullets([r.text for r in recs[:3]], True))
    return sec


def _quote(ctx: _Ctx, text: str) -> str:
    return f"«{text}»" if ctx.t.lang == "ru" else f"“{text}”"


def _pair_sentences(ctx: _Ctx, pairs: pd.DataFrame, limit: int) -> list[str]:
    t, nf = ctx.t, ctx.nf
    if pairs.empty:
        return []
    sig = pairs[pairs["significant"]]
    if sig.empty:
        return [t("no_segment_diff")]
    out = []
    for _, row in (
        sig.reindex(sig["difference"].abs().sort_values(ascending=False).index)
        .head(limit)
        .iterrows()
    ):
        # Say it from the lower segment's side, as clients read "who is worse".
        a, b, diff = row["a"], row["b"], float(row["difference"])
        if diff > 0:
            a, b, diff = b, a, -diff
        out.append(
            t(
                "nps_diff",
                a=ctx.seg_label(a),
                b=ctx.seg_label(b),
                diff=nf.num(abs(diff)),
                points=t.points(abs(diff)),
                direction=_sig_word(ctx, diff),
                p=nf.p_value(row["p_adjusted"]),
            )
        )
    return out


def _methodology(ctx: _Ctx, overall: NpsResult | None, csi: dict[str, Any]) -> Section:
    t, nf = ctx.t, ctx.nf
    fw = ctx.data.fieldwork
    pop = ctx.data.population
    n = len(ctx.df)
    k = len(ctx.segments)
    sec = Section(t("sec_method"), "method", new_page=True)
    s1 = sec.child(t("sec_method_sample"), "method.sample")
    period = nf.period(fw.fieldwork_start, fw.fieldwork_end)
    segs_word = t.noun(k, "сегмент", "сегмента", "сегментов", "segments")
    total_pop = float(sum(pop.values())) if pop else None
    if total_pop:
        s1.add(
            Paragraph(
                t(
                    "method_population",
                    population=nf.num(total_pop),
                    clients=t.clients(total_pop),
                    client=localized(fw.client, t.lang),
                    k=nf.num(k),
                    segments=segs_word,
                    period=period,
                    n=nf.num(n),
                    interviews=t.interviews(n),
                )
            )
        )
    else:
        s1.add(
            Paragraph(
                t(
                    "method_population_unknown",
                    period=period,
                    n=nf.num(n),
                    interviews=t.interviews(n),
                    k=nf.num(k),
                    segments=segs_word,
                )
            )
        )
    rows = []
    for s in ctx.segments:
        n_s = ctx.seg_n[s]
        p_s = pop.get(s)
        moe = margin_of_error(n_s, 0.95, population=p_s if p_s and p_s >= n_s else None)
        w_s = float(ctx.w[(ctx.df[SEGMENT] == s).to_numpy()][0]) if ctx.w is not None else 1.0
        rows.append(
            {
                "segment": ctx.seg_label(s),
                "population": p_s,
                "target": fw.targets.get(s),
                "completes": n_s,
                "coverage": n_s / p_s if p_s else np.nan,
                "margin": 100 * moe,
                "weight": w_s,
            }
        )
    moe_all = margin_of_error(
        n, 0.95, population=total_pop if total_pop and total_pop >= n else None
    )
    rows.append(
        {
            "segment": t("total"),
            "population": total_pop,
            "target": sum(fw.targets.values()) or None,
            "completes": n,
            "coverage": n / total_pop if total_pop else np.nan,
            "margin": 100 * moe_all,
            "weight": np.nan,
        }
    )
    cols = [
        Column("segment", t("col_segment")),
        Column("population", t("col_population"), "int"),
        Column("target", t("col_target"), "int"),
        Column("completes", t("col_completes"), "int"),
        Column("coverage", t("col_coverage"), "pct0"),
        Column("margin", t("col_margin"), "num1"),
    ]
    if ctx.w is not None:
        cols.append(Column("weight", t("col_weight"), "num1"))
    s1.add(
        Table(pd.DataFrame(rows), cols, t("cap_sample"), bold_last_row=True),
        Paragraph(t("method_margin", margin=nf.num(100 * moe_all, 1))),
    )
    s2 = sec.child(t("sec_method_outcomes"), "method.outcomes")
    s2.add(*_rates_blocks(ctx, fw, short=True))
    s3 = sec.child(t("sec_method_weighting"), "method.weighting")
    if ctx.w is None:
        s3.add(Paragraph(t("method_weighting_none", n=nf.num(n))))
    else:
        s3.add(
            Paragraph(
                t(
                    "method_weighting_population",
                    n=nf.num(n),
                    wn=nf.num(ctx.w.sum()),
                    deff=nf.num(kish_design_effect(ctx.w), 2),
                    neff=nf.num(effective_sample_size(ctx.w)),
                )
            )
        )
    s4 = sec.child(t("sec_method_stats"), "method.stats")
    kind = csi.get("kind", "equal") if csi else "equal"
    s4.add(
        Paragraph(t("method_stats", csi_weights=t(f"csi_weights_{kind}"), min_base=ctx.min_base))
    )
    s5 = sec.child(t("sec_method_questionnaire"), "method.questionnaire")
    qs = [q for q in ctx.data.script.questions if not isinstance(q, InfoScreen)]
    kinds: dict[str, int] = {}
    for q in qs:
        kinds[q.type] = kinds.get(q.type, 0) + 1
    kinds_text = ", ".join(
        f"{t('kind_' + k)} — {nf.num(v)}" if t.lang == "ru" else f"{nf.num(v)} {t('kind_' + k)}"
        for k, v in kinds.items()
    )
    s5.add(
        Paragraph(
            t(
                "method_questionnaire_short",
                title=localized(ctx.data.script.title, t.lang),
                n=nf.num(len(qs)),
                questions=t.noun(len(qs), "вопрос", "вопроса", "вопросов", "questions"),
                kinds=kinds_text,
            )
        )
    )
    return sec


def _rates_blocks(ctx: _Ctx, fw: Fieldwork, short: bool) -> list[Any]:
    t, nf = ctx.t, ctx.nf
    blocks: list[Any] = []
    if not fw.outcomes and not fw.rates:
        return [Paragraph(t("method_rates_missing"))]
    cases = sum(o.count for o in fw.outcomes)
    completes = sum(o.count for o in fw.outcomes if o.code.startswith("1.1"))
    completes = completes or len(ctx.df)
    rr = next((r for r in ("RR1", "RR2", "RR3", "RR4") if fw.rates.get(r) is not None), None)
    coop = next(
        (r for r in ("COOP1", "COOP2", "COOP3", "COOP4") if fw.rates.get(r) is not None), None
    )
    if short and rr and coop and cases:
        blocks.append(
            Paragraph(
                t(
                    "method_rates",
                    cases=nf.num(cases),
                    contacts=t.noun(cases, "контакта", "контактов", "контактов", "contacts"),
                    completes=nf.num(completes),
                    rr=rr[2:],
                    rr_value=nf.pct(fw.rates[rr], 1),
                    coop=coop[4:],
                    coop_value=nf.pct(fw.rates[coop], 1),
                )
            )
        )
    if short and fw.outcomes:
        groups: dict[str, int] = {}
        for o in fw.outcomes:
            g = o.code.split(".")[0]
            groups[g] = groups.get(g, 0) + o.count
        df = pd.DataFrame(
            [
                {
                    "group": t(f"outcome_group_{g}") if g in "1234" and len(g) == 1 else g,
                    "count": c,
                    "share": c / cases if cases else np.nan,
                }
                for g, c in sorted(groups.items())
            ]
            + [{"group": t("total"), "count": cases, "share": 1.0}]
        )
        blocks.append(
            Table(
                df,
                [
                    Column("group", t("col_outcome")),
                    Column("count", t("col_cases"), "int"),
                    Column("share", t("col_share"), "pct1"),
                ],
                t("cap_outcomes_short"),
                bold_last_row=True,
            )
        )
    if fw.rates:
        rows = []
        for name, value in fw.rates.items():
            family = re.sub(r"\d+$", "", name)
            meaning = t(f"rate_{family}") if family in ("RR", "COOP", "REF", "CON") else ""
            rows.append({"rate": name, "meaning": meaning, "value": value})
        blocks.append(
            Table(
                pd.DataFrame(rows),
                [
                    Column("rate", t("col_rate")),
                    Column("meaning", t("col_meaning")),
                    Column("value", t("col_value"), "pct1"),
                ],
                t("cap_rates"),
                compact=True,
            )
        )
        if fw.e is not None:
            blocks.append(Paragraph(t("rates_e", e=nf.num(fw.e, 2)), "note"))
    return blocks


def _nps_table(ctx: _Ctx, seg_nps: dict[str, NpsResult | None], overall: NpsResult | None) -> Table:
    t = ctx.t
    rows = []
    too_small = t("n_too_small")
    for s in ctx.segments:
        r = seg_nps.get(s)
        if r is None:
            rows.append(
                {
                    "segment": ctx.seg_label(s),
                    "n": ctx.seg_n[s],
                    "p": too_small,
                    "pas": np.nan,
                    "d": np.nan,
                    "nps": np.nan,
                    "ci": "",
                }
            )
        else:
            rows.append(
                {
                    "segment": ctx.seg_label(s),
                    "n": r.n,
                    "p": r.promoters,
                    "pas": r.passives,
                    "d": r.detractors,
                    "nps": r.score,
                    "ci": _ci(ctx, r.ci_low, r.ci_high, True),
                }
            )
    if overall is not None:
        rows.append(
            {
                "segment": t("all_clients"),
                "n": overall.n,
                "p": overall.promoters,
                "pas": overall.passives,
                "d": overall.detractors,
                "nps": overall.score,
                "ci": _ci(ctx, overall.ci_low, overall.ci_high, True),
            }
        )
    return Table(
        pd.DataFrame(rows),
        [
            Column("segment", t("col_segment")),
            Column("n", t("col_n"), "int"),
            Column("p", t("col_promoters"), "pct0"),
            Column("pas", t("col_passives"), "pct0"),
            Column("d", t("col_detractors"), "pct0"),
            Column("nps", t("col_nps"), "signed0"),
            Column("ci", t("col_ci")),
        ],
        t("cap_nps_segment_table"),
        bold_last_row=overall is not None,
    )


def _nps_chapter(
    ctx: _Ctx,
    overall: NpsResult | None,
    seg_nps: dict[str, NpsResult | None],
    pairs: pd.DataFrame,
    breakdowns: dict[str, dict[str, Any]],
) -> Section:
    t, nf = ctx.t, ctx.nf
    sec = Section(t("sec_nps"), "nps", new_page=True)
    s1 = sec.child(t("sec_nps_overall"), "nps.overall")
    scores = ctx.df[ctx.roles.nps]
    if overall is not None:
        s1.add(
            Paragraph(
                t(
                    "nps_overall",
                    n=nf.num(overall.n),
                    p=nf.pct(overall.promoters),
                    pas=nf.pct(overall.passives),
                    d=nf.pct(overall.detractors),
                    nps=nf.signed(overall.score),
                    ci=_ci(ctx, overall.ci_low, overall.ci_high, True),
                )
            )
        )
        missing = int(scores.isna().sum())
        if missing:
            s1.add(
                Paragraph(t("nps_missing", k=nf.num(missing), respondents=t.respondents(missing)))
            )
        valid = scores.notna().to_numpy()
        w = np.ones(valid.sum()) if ctx.w is None else ctx.w[valid]
        vals = scores[valid].to_numpy()
        shares = [float(w[vals == k].sum() / w.sum()) for k in range(11)]
        s1.add(
            Figure(
                charts.nps_distribution(shares, nf, t("ax_nps_answer"), t("ax_share")),
                t("cap_nps_dist", n=nf.num(overall.n)),
            )
        )
    s2 = sec.child(t("sec_nps_segments"), "nps.segments")
    s2.add(Paragraph(t("nps_segments_lead")))
    s2.add(*[Paragraph(s) for s in _pair_sentences(ctx, pairs, 5)])
    small = [ctx.seg_label(s) for s in ctx.segments if seg_nps.get(s) is None]
    if small:
        s2.add(
            Paragraph(
                t(
                    "small_segments",
                    names=t.join([_quote(ctx, s) for s in small]),
                    min_base=ctx.min_base,
                ),
                "small_n",
            )
        )
    s2.add(_nps_table(ctx, seg_nps, overall))
    shown = [s for s in ctx.segments if seg_nps.get(s) is not None]
    if shown:
        res = [seg_nps[s] for s in shown]
        s2.add(
            Figure(
                charts.intervals(
                    [ctx.seg_label(s) for s in shown],
                    [r.score for r in res if r],
                    [r.ci_low for r in res if r],
                    [r.ci_high for r in res if r],
                    nf,
                    t("ax_nps"),
                    signed=True,
                    reference=overall.score if overall else None,
                    reference_label=t("ref_total", value=nf.signed(overall.score))
                    if overall
                    else None,
                    limits=(-100, 100),
                    annotations=[f"n = {nf.num(r.n)}" for r in res if r],
                ),
                t("cap_nps_segments"),
            )
        )
    if len(pairs):
        only_sig = len(pairs) > 10
        shown_pairs = pairs[pairs["significant"]] if only_sig else pairs
        if len(shown_pairs):
            df = shown_pairs.assign(
                pair=[
                    f"{ctx.seg_label(a)} — {ctx.seg_label(b)}"
                    for a, b in zip(shown_pairs["a"], shown_pairs["b"], strict=True)
                ],
                sig=[t("yes") if s else t("no") for s in shown_pairs["significant"]],
            )
            s2.add(
                Table(
                    df,
                    [
                        Column("pair", t("col_pair")),
                        Column("difference", t("col_diff"), "signed0"),
                        Column("p_adjusted", t("col_p"), "p"),
                        Column("sig", t("col_significant")),
                    ],
                    t("cap_nps_pairs"),
                    note=t("nps_pairs_only_significant", k=nf.num(len(pairs)))
                    if only_sig
                    else None,
                    compact=True,
                )
            )
    if breakdowns:
        s3 = sec.child(t("sec_nps_breakdowns"), "nps.breakdowns")
        s3.add(Paragraph(t("breakdown_lead")))
        for attr, b in breakdowns.items():
            s3.add(*_breakdown_blocks(ctx, attr, b))
    return sec


def _breakdown_blocks(ctx: _Ctx, attr: str, b: dict[str, Any]) -> list[Any]:
    t, nf = ctx.t, ctx.nf
    table: pd.DataFrame = b["table"]
    ok = table[~table["small_n"] & table["value"].notna()]
    blocks: list[Any] = []
    if len(ok) >= 2:
        best, worst = ok.iloc[0], ok.iloc[-1]
        blocks.append(
            Paragraph(
                t(
                    "breakdown_best_worst",
                    best=best["group"],
                    best_v=nf.signed(best["value"]),
                    worst=worst["group"],
                    worst_v=nf.signed(worst["value"]),
                )
            )
        )
    tests = b["tests"]
    if tests is not None:
        sig = tests[tests["significant"]]
        if len(sig):
            for _, row in sig.iterrows():
                blocks.append(
                    Paragraph(
                        t(
                            "breakdown_sig",
                            name=row["segment"],
                            diff=nf.signed(row["difference"]),
                            points=t.points(abs(row["difference"])),
                            p=nf.p_value(row["p_adjusted"]),
                        )
                    )
                )
        else:
            blocks.append(Paragraph(t("breakdown_nosig")))
    df = table.copy()
    small = df["small_n"] | df["value"].isna()
    df["value"] = df["value"].astype(object)
    df.loc[small, "value"] = t("n_too_small")
    df["ci"] = [
        "" if s else _ci(ctx, lo, hi, True)
        for s, lo, hi in zip(small, df["ci_low"], df["ci_high"], strict=True)
    ]
    blocks.append(
        Table(
            df,
            [
                Column("group", _attr_label(ctx, attr)),
                Column("n", t("col_n"), "int"),
                Column("value", t("col_nps"), "signed0"),
                Column("ci", t("col_ci")),
            ],
            t("cap_breakdown", name=_attr_label(ctx, attr)),
            compact=True,
        )
    )
    return blocks


def _csi_chapter(
    ctx: _Ctx, aspects: pd.DataFrame, csi: dict[str, Any], seg_aspects: dict[str, Any]
) -> Section:
    t, nf = ctx.t, ctx.nf
    sec = Section(t("sec_csi"), "csi", new_page=True)
    if aspects.empty:
        return sec.add(Paragraph(t("drivers_failed", reason="—")))
    s1 = sec.child(t("sec_csi_aspects"), "csi.aspects")
    k = len(aspects)
    s1.add(
        Paragraph(
            t("csi_lead", k=nf.num(k), aspects=t.noun(k, "сторону", "стороны", "сторон", "aspects"))
        )
    )
    ranked = aspects.sort_values("mean", ascending=False)
    best, worst = ranked.index[0], ranked.index[-1]
    s1.add(
        Paragraph(
            t(
                "csi_index",
                weights_kind=t(f"weights_kind_{csi['kind']}"),
                csi=nf.num(csi["value"]),
                ci=_ci(ctx, csi["low"], csi["high"]),
                best=ctx.aspect_label(best),
                best_v=nf.num(ranked["mean"].iloc[0]),
                worst=ctx.aspect_label(worst),
                worst_v=nf.num(ranked["mean"].iloc[-1]),
            )
        )
    )
    labels = [ctx.aspect_label(a) for a in ranked.index]
    s1.add(
        Figure(
            charts.aspect_bars(
                labels, ranked["mean"], ranked["ci_low"], ranked["ci_high"], nf, t("ax_score")
            ),
            t("cap_aspects"),
        )
    )
    df = ranked.assign(label=labels)
    top_k_label = t("col_top2")
    s1.add(
        Table(
            df,
            [
                Column("label", t("col_aspect")),
                Column("mean", t("col_score"), "num0"),
                Column("mean_raw", t("col_mean_raw"), "num2"),
                Column("top_box", top_k_label, "pct0"),
                Column("n", t("col_n"), "int"),
                Column("n_dont_know", t("col_dk"), "int"),
            ],
            t("cap_aspects_table"),
        )
    )
    s2 = sec.child(t("sec_csi_segments"), "csi.segments")
    s2.add(Paragraph(t("csi_segments_lead")))
    # Aspects as rows and segments as columns: the aspect labels are long, segment names short.
    tests = seg_aspects["tests"]
    shown = [s for s in ctx.segments if not ctx.small(s)]
    rows: list[dict[str, Any]] = []
    for a in ranked.index:
        row: dict[str, Any] = {"label": ctx.aspect_label(a)}
        for s in shown:
            sc = seg_aspects["scores"].get(s, pd.DataFrame())
            v = sc["mean"].get(a, np.nan) if not sc.empty else np.nan
            sig = a in tests and s in tests[a].index and bool(tests[a].loc[s, "significant"])
            row[s] = (nf.num(v) + "*") if sig and np.isfinite(v) else v
        row["all"] = ranked["mean"][a]
        rows.append(row)
    rows.append(
        {
            "label": t("col_index"),
            **{s: seg_aspects["index"].get(s, np.nan) for s in shown},
            "all": csi["value"],
        }
    )
    rows.append({"label": t("col_n"), **{s: ctx.seg_n[s] for s in shown}, "all": len(ctx.df)})
    cols = [Column("label", t("col_aspect"))]
    cols += [Column(s, ctx.seg_label(s), "num0") for s in shown]
    cols.append(Column("all", t("all_clients"), "num0"))
    small = [ctx.seg_label(s) for s in ctx.segments if ctx.small(s)]
    note = (
        t("small_segments", names=t.join([_quote(ctx, x) for x in small]), min_base=ctx.min_base)
        if small
        else None
    )
    s2.add(Table(pd.DataFrame(rows), cols, t("cap_csi_segments"), note=note, compact=True))
    if "importance" in aspects and aspects["importance"].notna().any():
        s3 = sec.child(t("sec_csi_importance"), "csi.importance")
        gap = (aspects["importance"] - aspects["mean"]).sort_values(ascending=False)
        g = gap.index[0]
        s3.add(
            Paragraph(
                t(
                    "sat_imp_lead",
                    name=ctx.aspect_label(g),
                    imp=nf.num(aspects.loc[g, "importance"]),
                    sat=nf.num(aspects.loc[g, "mean"]),
                )
            )
        )
        order = aspects.sort_values("importance", ascending=False)
        s3.add(
            Figure(
                charts.dumbbell(
                    [ctx.aspect_label(a) for a in order.index],
                    order["mean"],
                    order["importance"],
                    nf,
                    t("legend_satisfaction"),
                    t("legend_importance"),
                    t("ax_scale100"),
                ),
                t("cap_sat_imp"),
            )
        )
    return sec


def _drivers_chapter(
    ctx: _Ctx, drivers: pd.DataFrame | None, ipa: pd.DataFrame | None, aspects: pd.DataFrame
) -> Section:
    t, nf = ctx.t, ctx.nf
    sec = Section(t("sec_drivers"), "drivers", new_page=True)
    if drivers is None:
        return sec.add(Paragraph(t("drivers_failed", reason="—")))
    if drivers.empty:
        return sec.add(Paragraph(t("drivers_failed", reason=drivers.attrs.get("error", "—"))))
    s1 = sec.child(t("sec_drivers_importance"), "drivers.importance")
    d = drivers.sort_values("share", ascending=False)
    s1.add(
        Paragraph(
            t(
                "drivers_lead",
                b=nf.num(drivers.attrs.get("bootstrap", BOOTSTRAP)),
                r2=nf.pct(drivers.attrs["r_squared"]),
                n=nf.num(drivers.attrs["n"]),
            )
        )
    )
    if len(d) >= 2:
        s1.add(
            Paragraph(
                t(
                    "drivers_top",
                    first=ctx.aspect_label(d.index[0]),
                    first_share=nf.pct(d["share"].iloc[0]),
                    second=ctx.aspect_label(d.index[1]),
                    second_share=nf.pct(d["share"].iloc[1]),
                )
            )
        )
    labels = [ctx.aspect_label(a) for a in d.index]
    s1.add(
        Figure(
            charts.driver_bars(labels, d["share"], d["ci_low"], d["ci_high"], nf, t("ax_lmg")),
            t("cap_drivers"),
        )
    )
    s1.add(
        Table(
            d.assign(label=labels),
            [
                Column("label", t("col_aspect")),
                Column("share", t("col_lmg"), "pct0"),
                Column("johnson", t("col_johnson"), "pct0"),
                Column("r", t("col_r"), "num2"),
            ],
            t("cap_drivers_table"),
        )
    )
    if ipa is not None:
        s2 = sec.child(t("sec_drivers_ipa"), "drivers.ipa")
        s2.add(Paragraph(t("ipa_lead")))
        names = {
            q: t(q)
            for q in (
                "concentrate here",
                "keep up the good work",
                "low priority",
                "possible overkill",
            )
        }
        s2.add(
            Figure(
                charts.ipa_matrix(
                    [str(int(rank)) for rank in ipa["fix_first_rank"]],
                    ipa["importance"],
                    ipa["performance"],
                    list(ipa["quadrant"]),
                    names,
                    ipa.attrs["importance_cut"],
                    ipa.attrs["performance_cut"],
                    nf,
                    t("ax_importance"),
                    t("ax_performance"),
                ),
                t("cap_ipa"),
            )
        )
        df = ipa.assign(
            label=[ctx.aspect_label(a) for a in ipa.index],
            quadrant_name=[names[q] for q in ipa["quadrant"]],
        )
        s2.add(
            Table(
                df,
                [
                    Column("fix_first_rank", t("col_rank"), "int"),
                    Column("label", t("col_aspect")),
                    Column("importance", t("col_lmg"), "pct0"),
                    Column("performance", t("col_score"), "num0"),
                    Column("quadrant_name", t("col_quadrant")),
                ],
                t("cap_ipa_table"),
            )
        )
    return sec


def _segments_chapter(
    ctx: _Ctx,
    seg_nps: dict[str, NpsResult | None],
    seg_aspects: dict[str, Any],
    csi: dict[str, Any],
    texts: pd.DataFrame,
) -> Section:
    t, nf = ctx.t, ctx.nf
    sec = Section(t("sec_segments"), "segments", new_page=True)
    seg_arr = ctx.df[SEGMENT].to_numpy()
    overall_scores = _aspect_scores(ctx)
    for i, s in enumerate(ctx.segments):
        name = ctx.seg_label(s)
        child = sec.child(t("sec_segment", name=name), f"segment.{s}")
        child.new_page = i > 0
        n = ctx.seg_n[s]
        seg_texts = texts[texts["segment"] == s] if len(texts) else texts
        if ctx.small(s) or seg_nps.get(s) is None:
            child.add(
                Paragraph(
                    t(
                        "segment_small",
                        name=name,
                        n=nf.num(n),
                        interviews=t.interviews(n),
                        min_base=ctx.min_base,
                    ),
                    "small_n",
                )
            )
            child.add(*_quote_blocks(ctx, seg_texts, 3, with_segment=False))
            continue
        r = seg_nps[s]
        assert r is not None
        pop = ctx.data.population.get(s)
        moe = margin_of_error(n, 0.95, population=pop if pop and pop >= n else None)
        rest = ~(seg_arr == s)
        vs_total = ""
        rest_r = _nps_of(ctx, rest)
        if rest_r is not None and rest_r.n >= 2:
            c = compare_nps(r, rest_r)
            p_adj = min(1.0, c.p_value * len([x for x in seg_nps.values() if x is not None]))
            if p_adj < ALPHA:
                vs_total = t(
                    "vs_total_sig", direction=_sig_word(ctx, c.difference), p=nf.p_value(p_adj)
                )
            else:
                vs_total = t("vs_total_nosig")
        child.add(
            Paragraph(
                t(
                    "segment_numbers",
                    name=name,
                    n=nf.num(n),
                    interviews=t.interviews(n),
                    of_population=t("of_population", pop=nf.num(pop)) if pop else "",
                    margin=nf.num(100 * moe, 1),
                    nps=nf.signed(r.score),
                    ci=_ci(ctx, r.ci_low, r.ci_high, True),
                    vs_total=vs_total,
                    csi=nf.num(seg_aspects["index"].get(s, np.nan)),
                )
            )
        )
        sc = seg_aspects["scores"].get(s, pd.DataFrame())
        if not sc.empty:
            tests = seg_aspects["tests"]
            ranked = sc["mean"].sort_values(ascending=False)
            k = min(2, len(ranked) // 2) or 1

            def describe(
                a: str,
                tests: dict[str, pd.DataFrame] = tests,
                s: str = s,
                sc: pd.DataFrame = sc,
            ) -> str:
                text = f"{_quote(ctx, ctx.aspect_label(a))} ({nf.num(sc.loc[a, 'mean'])}"
                tt = tests.get(a)
                if tt is not None and s in tt.index and bool(tt.loc[s, "significant"]):
                    word = "sig_above" if tt.loc[s, "difference"] > 0 else "sig_below"
                    text += ", " + t(word) + ", " + nf.p_value(tt.loc[s, "p_adjusted"])
                return text + ")"

            child.add(
                Paragraph(t("strengths", items=t.join([describe(a) for a in ranked.index[:k]]))),
                Paragraph(t("pains", items=t.join([describe(a) for a in ranked.index[::-1][:k]]))),
            )
            order = overall_scores["mean"].sort_values(ascending=False).index
            child.add(
                Figure(
                    charts.dumbbell(
                        [ctx.aspect_label(a) for a in order],
                        sc["mean"].reindex(order),
                        overall_scores["mean"][order],
                        nf,
                        name,
                        t("legend_all"),
                        t("ax_scale100"),
                    ),
                    t("cap_segment_profile", name=name),
                )
            )
        themes = _top_themes(ctx, seg_texts[seg_texts["nps_group"] != "promoter"], 3)
        if themes:
            child.add(Paragraph(t("segment_themes", items=t.join(themes))))
        child.add(*_quote_blocks(ctx, seg_texts, 4, with_segment=False))
    return sec


def _quote_blocks(ctx: _Ctx, texts: pd.DataFrame, k: int, with_segment: bool) -> list[Any]:
    t = ctx.t
    if texts.empty:
        return []
    picked: list[pd.Series] = []
    for group in ("detractor", "passive", "promoter"):
        picked += _pick_quotes(texts[texts["nps_group"] == group], max(1, k // 2))
        if len(picked) >= k:
            break
    if not picked:
        return []
    blocks: list[Any] = [Paragraph(t("segment_verbatims"))]
    for row in picked[:k]:
        blocks.append(Paragraph(_verbatim_line(ctx, row, with_segment), "verbatim"))
    return blocks


def _verbatim_line(ctx: _Ctx, row: pd.Series, with_segment: bool) -> str:
    t = ctx.t
    group = t(row["nps_group"]) if isinstance(row["nps_group"], str) else ""
    who = group
    if with_segment and isinstance(row["segment"], str):
        who = t("attribution", group=group, segment=ctx.seg_label(row["segment"]))
    text = _shorten(str(row["text"]), 400)
    quote = f"«{text}»" if t.lang == "ru" else f"“{text}”"
    return f"{quote} — {who}" if who else quote


def _verbatims_chapter(ctx: _Ctx, texts: pd.DataFrame, theme_table: pd.DataFrame) -> Section:
    t, nf = ctx.t, ctx.nf
    sec = Section(t("sec_verbatims"), "verbatims", new_page=True)
    if texts.empty:
        return sec.add(Paragraph(t("no_verbatims")))
    s1 = sec.child(t("sec_themes"), "verbatims.themes")
    n = int(theme_table.attrs.get("n_verbatims", len(texts)))
    unmatched = int(theme_table["count"].get(NO_THEME, 0))
    s1.add(
        Paragraph(
            t(
                "themes_lead",
                n=nf.num(n),
                unmatched=t("themes_unmatched", k=nf.num(unmatched), answers=t.answers(unmatched))
                if unmatched
                else "",
            )
        )
    )
    themed = theme_table.drop(index=NO_THEME, errors="ignore")
    themed = themed[themed["count"] > 0]
    if len(themed):
        s1.add(
            Figure(
                charts.count_bars(
                    [t.theme(x) for x in themed.index], themed["share"], nf, t("ax_theme_share")
                ),
                t("cap_themes"),
            )
        )
        df = themed.assign(label=[t.theme(x) for x in themed.index])
        s1.add(
            Table(
                df,
                [
                    Column("label", t("col_theme")),
                    Column("count", t("col_count"), "int"),
                    Column("share", t("col_share_verbatims"), "pct0"),
                    Column("complaint", t("col_complaints"), "int"),
                    Column("praise", t("col_praise"), "int"),
                    Column("neutral", t("col_neutral"), "int"),
                ],
                t("cap_themes_table"),
                compact=True,
            )
        )
    sec.add(Paragraph(t("verbatims_lead")))
    for qid in dict.fromkeys(texts["question"]):
        q = ctx.data.script.by_id.get(str(qid))
        qtext = _headline(q.text.get(t.lang, "") if q else str(qid), t.lang)
        child = sec.child(_shorten(qtext, 150), f"verbatims.{qid}")
        sub = texts[texts["question"] == qid]
        for g in ("detractor", "passive", "promoter"):
            part = sub[sub["nps_group"] == g]
            if part.empty:
                continue
            child.add(
                Paragraph(
                    t(
                        "verbatim_group",
                        group=t(g + "s"),
                        n=nf.num(len(part)),
                        answers=t.answers(len(part)),
                    ),
                    "lead",
                )
            )
            for row in _pick_quotes(part, VERBATIMS_PER_GROUP):
                child.add(Paragraph(_verbatim_line(ctx, row, True), "verbatim"))
    return sec


def _recommendations_chapter(ctx: _Ctx, recs: list[Recommendation]) -> Section:
    t = ctx.t
    sec = Section(t("sec_recommendations"), "recommendations", new_page=True)
    sec.add(Paragraph(t("rec_lead")), Bullets([r.text for r in recs], checklist=True))
    return sec


# =========================================================================================
# appendices
_PIPE = re.compile(r"\{([^{}]*)\}")


def _plain(text: str) -> str:
    """Script text for print: piping placeholders ``{contact.name}`` become ``[contact.name]``."""
    return re.sub(r"\s+", " ", _PIPE.sub(r"[\1]", text)).strip()


_CONTACT_WORDS = {
    "company": ("компания", "company"),
    "name": ("имя", "name"),
    "position": ("должность", "position"),
    "segment": ("сегмент", "segment"),
    "region": ("регион", "region"),
}


def _headline(text: str, lang: str) -> str:
    """Script text as a heading or caption: what was piped in reads as "…" (an answer) or as
    the contact field's name, since each respondent heard their own."""

    def word(match: re.Match[str]) -> str:
        name = match.group(1).strip()
        if name.startswith("contact."):
            field = name.split(".", 1)[1]
            words = _CONTACT_WORDS.get(field)
            return f"[{words[0 if lang == 'ru' else 1] if words else field}]"
        return "…"

    return re.sub(r"\s+", " ", _PIPE.sub(word, text)).strip()


def _base_mask(ctx: _Ctx, cols: Sequence[str]) -> np.ndarray:
    asked = np.zeros(len(ctx.df), dtype=bool)
    for c in cols:
        if c in ctx.df.columns:
            asked |= ctx.df[c].map(_answered).to_numpy(dtype=bool)
        asked |= special_marker(ctx.df, c).notna().to_numpy()
    return asked


def _answered(v: Any) -> bool:
    if isinstance(v, list | tuple | set | np.ndarray):
        return True
    return not pd.isna(v)


def _wshare(w: np.ndarray, mask: np.ndarray, base: np.ndarray) -> float:
    den = float(w[base].sum())
    return float(w[mask & base].sum()) / den if den > 0 else math.nan


def _appendix_tables(ctx: _Ctx) -> Section:
    t, _nf = ctx.t, ctx.nf
    sec = Section(t("sec_appendix_tables"), "appendix.tables", new_page=True)
    sec.add(
        Paragraph(
            t("appendix_tables_lead", weighted=t("weighted_suffix") if ctx.w is not None else "")
        )
    )
    w = np.ones(len(ctx.df)) if ctx.w is None else ctx.w
    for number, q in enumerate(ctx.data.script.questions, start=1):
        if isinstance(q, OpenQuestion | InfoScreen):
            continue
        text = _shorten(_headline(q.text.get(t.lang, ""), t.lang), 160)
        title = t("cap_question", number=number, text=text)
        table = _question_table(ctx, q, w, title)
        if table is not None:
            sec.add(table)
    return sec


def _specials_rows(ctx: _Ctx, col: str, base: np.ndarray, w: np.ndarray) -> list[dict[str, Any]]:
    marker = special_marker(ctx.df, col)
    rows = []
    for key in ("dont_know", "refused"):
        m = (marker == key).to_numpy()
        if m.any():
            rows.append({"label": ctx.t(key), "n": int(m.sum()), "share": _wshare(w, m, base)})
    return rows


def _question_table(ctx: _Ctx, q: QuestionBase, w: np.ndarray, title: str) -> Table | None:
    t, nf = ctx.t, ctx.nf
    df = ctx.df
    cols3 = [
        Column("label", t("col_answer")),
        Column("n", t("col_n"), "int"),
        Column("share", t("col_share"), "pct1"),
    ]
    if isinstance(q, SingleChoice):
        if q.id not in df.columns:
            return None
        base = _base_mask(ctx, [q.id])
        vals = pd.to_numeric(df[q.id], errors="coerce").to_numpy()
        rows = [
            {
                "label": o.label.get(t.lang, ""),
                "n": int((vals == o.code).sum()),
                "share": _wshare(w, vals == o.code, base),
            }
            for o in q.options
        ]
        rows += _specials_rows(ctx, q.id, base, w)
        note = t("base", n=nf.num(base.sum()), respondents=t.respondents(base.sum()))
        return Table(pd.DataFrame(rows), cols3, title, note=note, compact=True)
    if isinstance(q, MultipleChoice):
        m = multi_matrix(df, q)
        if m is None:
            return None
        base = m.notna().any(axis=1).to_numpy() | special_marker(df, q.id).notna().to_numpy()
        rows = [
            {
                "label": o.label.get(t.lang, ""),
                "n": int((m[o.code] == 1).sum()),
                "share": _wshare(w, (m[o.code] == 1).to_numpy(), base),
            }
            for o in q.options
        ]
        rows += _specials_rows(ctx, q.id, base, w)
        note = t("base", n=nf.num(base.sum()), respondents=t.respondents(base.sum()))
        return Table(pd.DataFrame(rows), cols3, title, note=note, compact=True)
    if isinstance(q, NpsQuestion | RatingQuestion):
        if q.id not in df.columns:
            return None
        sc = q.scale
        base = _base_mask(ctx, [q.id])
        vals = pd.to_numeric(df[q.id], errors="coerce").to_numpy()
        rows = []
        for p in sc.points:
            label = str(p)
            if p in sc.labels:
                label += " — " + sc.labels[p].get(t.lang, "")
            rows.append(
                {"label": label, "n": int((vals == p).sum()), "share": _wshare(w, vals == p, base)}
            )
        rows += _specials_rows(ctx, q.id, base, w)
        ok = np.isin(vals, list(sc.points))
        mean = float(np.average(vals[ok], weights=w[ok])) if ok.any() else math.nan
        rows.append({"label": t("mean"), "n": int(ok.sum()), "share": nf.num(mean, 2)})
        note = t("base", n=nf.num(base.sum()), respondents=t.respondents(base.sum()))
        return Table(pd.DataFrame(rows), cols3, title, note=note, compact=True, bold_last_row=True)
    if isinstance(q, GridQuestion):
        sc = q.scale
        rows = []
        for r in q.rows:
            col = f"{q.id}.{r.id}"
            if col not in df.columns:
                continue
            base = _base_mask(ctx, [col])
            vals = pd.to_numeric(df[col], errors="coerce").to_numpy()
            row: dict[str, Any] = {"label": r.label.get(t.lang, ""), "n": int(base.sum())}
            for p in sc.points:
                row[f"p{p}"] = _wshare(w, vals == p, base)
            marker = special_marker(df, col)
            row["dk"] = _wshare(w, marker.notna().to_numpy(), base)
            ok = np.isin(vals, list(sc.points))
            row["mean"] = float(np.average(vals[ok], weights=w[ok])) if ok.any() else math.nan
            rows.append(row)
        if not rows:
            return None
        cols = [Column("label", t("col_aspect")), Column("n", t("col_n"), "int")]
        cols += [Column(f"p{p}", str(p), "pct0") for p in sc.points]
        cols += [Column("dk", t("col_dk"), "pct0"), Column("mean", t("col_mean"), "num2")]
        return Table(pd.DataFrame(rows), cols, title, compact=True)
    if isinstance(q, NumericQuestion):
        if q.id not in df.columns:
            return None
        vals = pd.to_numeric(df[q.id], errors="coerce").dropna()
        if vals.empty:
            return None
        rows = [
            {"label": t("col_n"), "value": float(len(vals))},
            {"label": t("mean"), "value": float(vals.mean())},
            {"label": t("median"), "value": float(vals.median())},
            {"label": t("minimum"), "value": float(vals.min())},
            {"label": t("maximum"), "value": float(vals.max())},
        ]
        return Table(
            pd.DataFrame(rows),
            [Column("label", t("col_statistic")), Column("value", t("col_value"), "num1")],
            title,
            compact=True,
        )
    return None


def _appendix_questionnaire(ctx: _Ctx) -> Section:
    t = ctx.t
    script = ctx.data.script
    lang = t.lang if t.lang in script.languages else script.languages[0]
    sec = Section(t("sec_appendix_questionnaire"), "appendix.questionnaire", new_page=True)
    sec.add(Paragraph(t("intro"), "lead"), Paragraph(_plain(script.intro.text[lang])))
    sec.add(Paragraph(t("consent"), "lead"), Paragraph(_plain(script.consent.text[lang])))
    if script.consent.recording:
        sec.add(
            Paragraph(t("recording"), "lead"), Paragraph(_plain(script.consent.recording[lang]))
        )
    from reports.specials_codes import special_label

    for number, q in enumerate(script.questions, start=1):
        kind = t(f"kind_{q.type}")
        sec.add(Paragraph(f"{number}. [{q.id}; {kind}] {_plain(q.text[lang])}", "lead"))
        if q.show_if:
            sec.add(Paragraph(t("asked_if", condition=_plain(q.show_if)), "note"))
        if q.note:
            sec.add(Paragraph(t("note_interviewer", text=_plain(q.note[lang])), "note"))
        items: list[str] = []
        if isinstance(q, SingleChoice | MultipleChoice):
            items = [f"{o.code} — {_plain(o.label[lang])}" for o in q.options]
        elif isinstance(q, GridQuestion | RatingQuestion | NpsQuestion):
            sc = q.scale
            labels = "; ".join(f"{p} — {_plain(v[lang])}" for p, v in sorted(sc.labels.items()))
            if isinstance(q, NpsQuestion):
                ends = [(0, q.low_label), (10, q.high_label)]
                labels = "; ".join(f"{p} — {_plain(v[lang])}" for p, v in ends if v)
            sec.add(Paragraph(t("scale_points", low=sc.min, high=sc.max, labels=labels or "—")))
            if isinstance(q, GridQuestion):
                items = [_plain(r.label[lang]) for r in q.rows]
        if items:
            sec.add(Bullets(items))
        if q.special:
            sec.add(
                Paragraph(
                    t(
                        "special_codes",
                        items="; ".join(special_label(script, k, lang) for k in q.special),
                    ),
                    "note",
                )
            )
    return sec


def _appendix_outcomes(ctx: _Ctx) -> Section:
    t = ctx.t
    fw = ctx.data.fieldwork
    sec = Section(t("sec_appendix_outcomes"), "appendix.outcomes", new_page=True)
    if not fw.outcomes:
        return sec.add(Paragraph(t("method_rates_missing")))
    total = sum(o.count for o in fw.outcomes)
    rows = [
        {
            "code": o.code,
            "label": localized(o.label, t.lang),
            "count": o.count,
            "share": o.count / total if total else np.nan,
        }
        for o in fw.outcomes
    ]
    rows.append({"code": "", "label": t("total"), "count": total, "share": 1.0})
    sec.add(
        Paragraph(t("outcomes_lead")),
        Table(
            pd.DataFrame(rows),
            [
                Column("code", t("col_code")),
                Column("label", t("col_outcome")),
                Column("count", t("col_cases"), "int"),
                Column("share", t("col_share"), "pct1"),
            ],
            t("cap_outcomes"),
            bold_last_row=True,
            compact=True,
        ),
    )
    sec.add(*[b for b in _rates_blocks(ctx, fw, short=False)])
    return sec


__all__ = ["Recommendation", "build_model", "nps_group"]
