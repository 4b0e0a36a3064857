"""Is a segment different from the rest? Significance tests with Holm's correction.

Each segment is compared with all other respondents ("the rest"), one test per segment,
and the p-values of the family are adjusted with Holm's (1979) step-down method, which
controls the family-wise error rate without Bonferroni's loss of power. Only rows with
``significant == True`` may be called differences in a report.

Tests
-----
* shares (top-2-box, "yes" answers): two-proportion z test with pooled variance,
  ``z = (p1 - p2) / sqrt(p (1-p) (1/n1 + 1/n2))`` - equal to Pearson's chi-square on the
  2x2 table without continuity correction, ``z^2 = X^2`` (R ``prop.test(correct=FALSE)``);
  an r x c table uses :func:`scipy.stats.chi2_contingency`;
* ratings: Welch's t test (unequal variances; R ``t.test``) or the Mann-Whitney U /
  Wilcoxon rank-sum test (R ``wilcox.test``);
* NPS: :func:`reports.nps.compare_nps`.

References
----------
Holm, S. (1979). A simple sequentially rejective multiple test procedure. Scandinavian
    Journal of Statistics 6(2), 65-70.
Welch, B. L. (1947). The generalization of "Student's" problem when several different
    population variances are involved. Biometrika 34, 28-35.
Mann, H. B. & Whitney, D. R. (1947). On a test of whether one of two random variables is
    stochastically larger than the other. Ann. Math. Statist. 18, 50-60.
Agresti, A. (2013). Categorical Data Analysis, 3rd ed. Wiley. Section 3.1.
R Core Team. ``p.adjust``, ``prop.test``, ``t.test``, ``wilcox.test`` (package stats).
"""

from __future__ import annotations

import math
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
import pandas as pd
from scipy import stats

from reports._common import clean_answers
from reports.errors import InsufficientDataError, ReportInputError
from reports.nps import compare_nps, nps

Kind = Literal["proportion", "mean", "rank", "nps"]


@dataclass(frozen=True)
class TestResult:
    """Outcome of one two-group test: the statistic, its p-value and the test's name."""

    statistic: float
    p_value: float
    test: str
    df: float = math.nan


def holm(pvalues: Any) -> np.ndarray:
    """Holm (1979) step-down adjusted p-values, as R's ``p.adjust(p, "holm")``.

    ``p_(i)`` sorted ascending (``i = 1..m``) becomes ``max_{j<=i} min(1, (m - j + 1) p_(j))``.
    NaN p-values are ignored (returned as NaN and not counted in ``m``), as in R.

    Examples
    --------
    >>> holm([0.01, 0.04, 0.03, 0.005]).tolist()
    [0.03, 0.06, 0.06, 0.02]
    """
    p = np.asarray(pvalues, dtype=np.float64)
    if p.ndim != 1:
        raise ReportInputError("holm expects a one-dimensional list of p-values")
    ok = ~np.isnan(p)
    if np.any((p[ok] < 0) | (p[ok] > 1)):
        raise ReportInputError("p-values must lie between 0 and 1")
    out = np.full(p.shape, np.nan)
    q = p[ok]
    m = q.size
    if m == 0:
        return out
    order = np.argsort(q, kind="stable")
    adj = np.minimum(1.0, np.maximum.accumulate((m - np.arange(m)) * q[order]))
    res = np.empty(m)
    res[order] = adj
    out[ok] = res
    return out


def two_proportion_ztest(x1: float, n1: float, x2: float, n2: float) -> TestResult:
    """Two-sided pooled z test of ``x1/n1`` against ``x2/n2``.

    Examples
    --------
    >>> r = two_proportion_ztest(30, 50, 20, 50)
    >>> round(r.statistic, 4), round(r.p_value, 4)
    (2.0, 0.0455)
    """
    if n1 <= 0 or n2 <= 0:
        raise InsufficientDataError("a proportion test needs at least one answer in each group")
    if not (0 <= x1 <= n1 and 0 <= x2 <= n2):
        raise ReportInputError("successes must lie between 0 and the group size")
    p1, p2 = x1 / n1, x2 / n2
    pooled = (x1 + x2) / (n1 + n2)
    var = pooled * (1.0 - pooled) * (1.0 / n1 + 1.0 / n2)
    if var == 0.0:
        return TestResult(0.0, 1.0, "two-proportion z")
    z = (p1 - p2) / math.sqrt(var)
    return TestResult(z, float(2.0 * stats.norm.sf(abs(z))), "two-proportion z")


def chi_square_test(table: Any) -> TestResult:
    """Pearson's chi-square test of independence on an r x c table of counts (no Yates).

    Examples
    --------
    >>> r = chi_square_test([[83, 3], [90, 3], [129, 7], [70, 12]])
    >>> round(r.statistic, 1), r.df
    (12.6, 3.0)
    """
    t = np.asarray(table, dtype=np.float64)
    if t.ndim != 2 or min(t.shape) < 2:
        raise ReportInputError("a chi-square test needs a table with at least 2 rows and 2 columns")
    t = t[t.sum(axis=1) > 0][:, t.sum(axis=0) > 0]
    if min(t.shape) < 2:
        raise InsufficientDataError("the table has fewer than 2 non-empty rows or columns")
    res = stats.chi2_contingency(t, correction=False)
    return TestResult(float(res.statistic), float(res.pvalue), "chi-square", float(res.dof))


def welch_ttest(a: Any, b: Any) -> TestResult:
    """Welch's two-sample t test (unequal variances), two-sided, as R ``t.test(a, b)``."""
    x = np.asarray(a, dtype=np.float64)
    y = np.asarray(b, dtype=np.float64)
    if x.size < 2 or y.size < 2:
        raise InsufficientDataError("Welch's t test needs at least 2 answers in each group")
    res = stats.ttest_ind(x, y, equal_var=False)
    return TestResult(float(res.statistic), float(res.pvalue), "Welch t", float(res.df))


def mann_whitney(a: Any, b: Any) -> TestResult:
    """Mann-Whitney U (Wilcoxon rank-sum) test, two-sided; U equals R's ``W``.

    Exact p-values for small samples without ties, normal approximation with tie and
    continuity correction otherwise (SciPy ``method="auto"``, like R's default).
    """
    x = np.asarray(a, dtype=np.float64)
    y = np.asarray(b, dtype=np.float64)
    if x.size < 1 or y.size < 1:
        raise InsufficientDataError("the rank test needs at least 1 answer in each group")
    res = stats.mannwhitneyu(x, y, alternative="two-sided", method="auto")
    return TestResult(float(res.statistic), float(res.pvalue), "Mann-Whitney U")


def compare_segments(
    data: pd.DataFrame,
    segment: str,
    value: str,
    kind: Kind = "mean",
    *,
    success: Collection[Any] | None = None,
    dont_know: Collection[Any] = (),
    alpha: float = 0.05,
    min_n: int = 2,
) -> pd.DataFrame:
    """Compare every segment with the rest of the sample on one question.

    Parameters
    ----------
    data : DataFrame
        One row per respondent.
    segment : str
        Column holding the segment (or any attribute) of each respondent.
    value : str
        Column with the answer to compare.
    kind : {"proportion", "mean", "rank", "nps"}
        ``"proportion"``: share of answers in ``success`` (two-proportion z test);
        ``"mean"``: mean rating (Welch t); ``"rank"``: Mann-Whitney; ``"nps"``: NPS
        (:func:`reports.nps.compare_nps`).
    success : collection, optional
        Answer codes that count as a "success" for ``kind="proportion"`` (e.g. ``{4, 5}``).
    dont_know : collection
        Codes removed before testing.
    alpha : float
        Family-wise error rate for the ``significant`` column (after Holm).
    min_n : int
        Segments (or rests) with fewer usable answers are reported with NaN p-values and
        ``small_n=True`` instead of being tested.

    Returns
    -------
    DataFrame
        Columns ``segment, n_segment, n_rest, value_segment, value_rest, difference,
        statistic, p_value, p_adjusted, significant, small_n, test``. ``value_*`` are means,
        shares (0..1) or NPS points depending on ``kind``.

    Unweighted: significance tests here assume simple random samples within segments.
    """
    if kind not in ("proportion", "mean", "rank", "nps"):
        raise ReportInputError(f"kind must be proportion, mean, rank or nps, got {kind!r}")
    if not 0 < alpha < 1:
        raise ReportInputError(f"alpha must lie between 0 and 1, got {alpha!r}")
    for col in (segment, value):
        if col not in data.columns:
            raise ReportInputError(f"column {col!r} is not in the data")
    if kind == "proportion" and not success:
        raise ReportInputError("kind='proportion' needs the success codes, e.g. success={4, 5}")
    clean = clean_answers(data[value], dont_know=dont_know, name=value)
    keep = ~(data[value].isna().to_numpy() | data[value].isin(list(dont_know)).to_numpy())
    seg = data[segment].to_numpy()[keep]
    vals = clean.values
    rows = []
    for name in pd.unique(seg):
        if pd.isna(name):
            continue
        inside = seg == name
        a, b = vals[inside], vals[~inside]
        row: dict[str, Any] = {"segment": name, "n_segment": int(a.size), "n_rest": int(b.size)}
        small = a.size < min_n or b.size < min_n
        row["small_n"] = bool(small)
        if kind == "proportion":
            succ = np.isin(a, list(success or ())), np.isin(b, list(success or ()))
            va = float(succ[0].mean()) if a.size else math.nan
            vb = float(succ[1].mean()) if b.size else math.nan
            res = (
                None
                if small
                else two_proportion_ztest(succ[0].sum(), a.size, succ[1].sum(), b.size)
            )
        elif kind == "nps":
            va = nps(a).score if a.size else math.nan
            vb = nps(b).score if b.size else math.nan
            if small:
                res = None
            else:
                c = compare_nps(a, b)
                res = TestResult(c.z, c.p_value, "NPS z (adjusted Wald)")
        else:
            va = float(a.mean()) if a.size else math.nan
            vb = float(b.mean()) if b.size else math.nan
            res = None if small else (welch_ttest(a, b) if kind == "mean" else mann_whitney(a, b))
        row.update(
            value_segment=va,
            value_rest=vb,
            difference=va - vb,
            statistic=res.statistic if res else math.nan,
            p_value=res.p_value if res else math.nan,
            test=res.test if res else "not tested (n too small)",
        )
        rows.append(row)
    out = pd.DataFrame(rows)
    if out.empty:
        raise InsufficientDataError(f"no respondent has both {segment!r} and {value!r}")
    out["p_adjusted"] = holm(out["p_value"].to_numpy())
    out["significant"] = (out["p_adjusted"] < alpha).fillna(False).astype(bool)
    cols = [
        "segment",
        "n_segment",
        "n_rest",
        "value_segment",
        "value_rest",
        "difference",
        "statistic",
        "p_value",
        "p_adjusted",
        "significant",
        "small_n",
        "test",
    ]
    return out[cols]


__all__ = [
    "TestResult",
    "chi_square_test",
    "compare_segments",
    "holm",
    "mann_whitney",
    "two_proportion_ztest",
    "welch_ttest",
]
