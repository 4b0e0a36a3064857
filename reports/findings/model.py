"""The report's findings: every number and every claim, typed, computed once.

:func:`reports.findings.compute_findings` fills a :class:`Findings` from the answers; the
chapters (:mod:`reports.chapters`) only put findings into words, and
:mod:`reports.findings.facts` writes them as JSON. A claim - "this group differs", "fix
this first" - is a finding with its test and its evidence, so a test can hold it against
a known truth. Tables that are only shown (aspect scores, breakdown tables, verbatims)
stay DataFrames at full precision.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

import numpy as np
import pandas as pd

from reports.csi import AspectScore
from reports.data import QuestionRoles, ReportData
from reports.findings.weights import Weighting
from reports.nps import NpsResult
from reports.themes import Polarity, ThemeDictionary

#: What a difference compares: two segments; a segment, or a group of a breakdown
#: attribute, against all other respondents; an aspect's score in a segment against the rest;
#: a scorecard group's NPS against the NPS its segment mix predicts (``versus="expected"``).
ComparisonKind = Literal[
    "segment_pair", "segment_vs_rest", "group_vs_rest", "aspect_by_segment", "group_adjusted"
]
RecommendationKind = Literal["improve", "segment", "group", "theme", "detractors", "watch", "hold"]
#: ``loyalty_index``: driver share x room to improve (0..1); ``nps_points``: points the
#: total NPS would gain if the group matched the other clients.
GainUnit = Literal["loyalty_index", "nps_points", "score_points"]
#: What the study explains: the NPS answer, or (a study without NPS) overall satisfaction.
OutcomeKind = Literal["nps", "csi_overall"]
#: The respondents' loyalty groups, lowest first. In a study without NPS they are the
#: dissatisfied, neutral and satisfied clients (see :func:`reports.findings.prepare
#: .loyalty_groups`); the report words them so.
LOYALTY_GROUPS = ("detractor", "passive", "promoter")
MultiplicityMethod = Literal["holm", "bh"]


@dataclass(frozen=True, eq=False)  # holds tables: compared by identity
class PreparedStudy:
    """The answers ready for analysis: special codes removed, segments ordered, weights set."""

    data: ReportData
    roles: QuestionRoles
    df: pd.DataFrame
    weights: np.ndarray | None
    segments: tuple[str, ...]
    seg_n: Mapping[str, int]
    codes: frozenset[int]
    sat_cols: Mapping[str, str]
    imp_cols: Mapping[str, str]
    sat_scale: tuple[float, float]
    themes: ThemeDictionary
    min_base: int
    outcome: str
    outcome_kind: OutcomeKind
    outcome_scale: tuple[float, float]
    groups: pd.Series  # each respondent's loyalty group (LOYALTY_GROUPS) or NaN
    weighting: Weighting

    @property
    def aspects(self) -> list[str]:
        return list(self.sat_cols)

    @property
    def n(self) -> int:
        return len(self.df)

    def small(self, segment: str) -> bool:
        return self.seg_n.get(segment, 0) < self.min_base

    def weights_of(self, mask: np.ndarray) -> np.ndarray | None:
        return None if self.weights is None else self.weights[mask]


@dataclass(frozen=True)
class Driver:
    """One aspect's share of the explained variance of the outcome (the NPS answer, or
    overall satisfaction in a study without NPS) by LMG, with its
    bootstrap interval, Johnson's relative weight (as a share) and the plain correlation."""

    aspect: str
    share: float
    ci_low: float
    ci_high: float
    johnson: float
    r: float


@dataclass(frozen=True)
class DriverAnalysis:
    """Drivers sorted by share, strongest first; ``error`` says why none could be computed."""

    drivers: tuple[Driver, ...] = ()
    r_squared: float = float("nan")
    n: int = 0
    bootstrap: int = 0
    error: str | None = None

    @property
    def ranking(self) -> list[str]:
        return [d.aspect for d in self.drivers]

    def share(self, aspect: str) -> float:
        return next((d.share for d in self.drivers if d.aspect == aspect), float("nan"))

    def frame(self) -> pd.DataFrame:
        return pd.DataFrame(
            [vars(d) for d in self.drivers],
            columns=["aspect", "share", "ci_low", "ci_high", "johnson", "r"],
        ).set_index("aspect")


@dataclass(frozen=True, eq=False)  # holds tables: compared by identity
class Csi:
    """The satisfaction index (0-100) with its bootstrap interval and aspect weights."""

    value: float
    low: float
    high: float
    kind: Literal["stated", "derived", "equal"]
    weights: pd.Series


@dataclass(frozen=True, eq=False)  # holds tables: compared by identity
class SegmentAspects:
    """Aspect scores and the CSI of each segment large enough to report."""

    scores: Mapping[str, pd.DataFrame]
    index: Mapping[str, float]


@dataclass(frozen=True, eq=False)  # holds tables: compared by identity
class Breakdown:
    """NPS by the groups of one breakdown attribute (e.g. account manager)."""

    attribute: str
    table: pd.DataFrame


@dataclass(frozen=True)
class Difference:
    """One comparison the report may state; ``significant`` after the report-wide correction.

    ``attribute`` is ``"segment"`` or a breakdown attribute; ``group`` is compared with
    ``versus`` (another segment, or ``"rest"``: all other respondents). ``metric`` is
    ``"nps"``, ``"csi_overall"`` (overall satisfaction, a study without NPS) or the id of
    a satisfaction aspect. ``difference`` is group minus versus, in NPS points or 0-100
    score points.
    """

    kind: ComparisonKind
    attribute: str
    group: str
    versus: str
    metric: str
    difference: float
    p: float
    p_adjusted: float
    significant: bool
    test: str


@dataclass(frozen=True)
class Comparisons:
    """Every difference the report may state: one family, one error rate."""

    family: tuple[Difference, ...]
    method: MultiplicityMethod
    alpha: float

    @property
    def stated(self) -> list[Difference]:
        return [d for d in self.family if d.significant]

    def of_kind(self, kind: ComparisonKind) -> list[Difference]:
        return [d for d in self.family if d.kind == kind]

    def find(
        self, kind: ComparisonKind, group: str, metric: str = "nps", attribute: str | None = None
    ) -> Difference | None:
        return next(
            (
                d
                for d in self.family
                if d.kind == kind
                and d.group == group
                and d.metric == metric
                and (attribute is None or d.attribute == attribute)
            ),
            None,
        )


@dataclass(frozen=True)
class Evidence:
    """What a recommendation rests on; only the fields that apply are set."""

    driver_share: float | None = None
    performance: float | None = None
    quadrant: str | None = None
    nps: float | None = None
    difference: float | None = None
    p_adjusted: float | None = None
    versus: str | None = None
    #: open answers that complain about the subject's theme (praise never counts)
    mentions: int | None = None
    #: of the detractors who gave an open answer, the share complaining about the theme
    share_of_detractors: float | None = None
    #: one of those complaints, a detractor's when there is one
    quote: str | None = None
    #: a segment's most complained-about themes
    themes: tuple[str, ...] = ()
    aspects: tuple[str, ...] = ()
    clients: int | None = None
    score: float | None = None  # a segment's overall satisfaction (0-100), no-NPS studies


@dataclass(frozen=True)
class Recommendation:
    """One action, ranked; ``subject`` is an aspect, segment, ``attribute=group``, theme,
    ``"hold"`` or ``"detractors"``."""

    rank: int
    kind: RecommendationKind
    subject: str
    expected_gain: float | None
    gain_unit: GainUnit | None
    evidence: Evidence


@dataclass(frozen=True)
class ThemeFinding:
    """How often a theme is raised with one polarity (a complaint, praise or neutral) in
    one open question, by NPS group of the respondents who raised it."""

    question: str
    theme: str
    polarity: Polarity
    mentions: int
    by_group: Mapping[str, int] = field(default_factory=dict)


@dataclass(frozen=True, eq=False)  # holds tables: compared by identity
class Scorecard:
    """One group of the scorecard attribute (one account manager).

    ``nps`` is the group's own (weighted) NPS; ``expected`` the NPS its clients would give
    if each answered like the average client of their segment; ``adjusted = nps -
    expected`` (points) with its interval and p-value (None: fewer than ``min_base``
    interviews, not tested). ``mix`` counts the group's interviews by segment; ``aspects``
    are its aspect scores (0-100, with n and intervals); ``verbatims`` its open answers,
    complaints first; ``aspects_adjusted`` each aspect's score against what the group's
    segment mix predicts (columns ``n, expected, adjusted, ci_low, ci_high, p``).
    """

    group: str
    n: int
    nps: NpsResult | None
    expected: float
    adjusted: float
    ci_low: float
    ci_high: float
    p: float | None
    mix: Mapping[str, int]
    aspects: pd.DataFrame
    verbatims: pd.DataFrame
    aspects_adjusted: pd.DataFrame = field(default_factory=pd.DataFrame)
    #: the group's overall satisfaction (0-100) when the study's outcome is csi_overall
    #: (``nps`` is then None and ``expected``/``adjusted`` are on the 0-100 scale)
    overall: AspectScore | None = None


@dataclass(frozen=True, eq=False)  # holds tables: compared by identity
class Scorecards:
    """Scorecards of every group of ``attribute``, best adjusted figure first.

    ``chosen`` is ``"asked"`` (``--scorecards ATTR``) or ``"default"`` (the attribute
    named like an account manager). ``owned`` are the aspects named like the attribute
    (the "manager" aspect for account managers): the aspects each group answers for,
    tested against the mix; the other aspects are shown, not tested.
    """

    attribute: str
    chosen: Literal["asked", "default"]
    cards: tuple[Scorecard, ...]
    owned: tuple[str, ...] = ()

    @property
    def ranking(self) -> list[str]:
        return [c.group for c in self.cards]


@dataclass(frozen=True, eq=False)  # holds tables: compared by identity
class Findings:
    """Everything the report states, computed once from :class:`reports.data.ReportData`."""

    study: PreparedStudy
    weighted: bool
    nps: NpsResult | None
    nps_by_segment: Mapping[str, NpsResult | None]
    #: overall satisfaction (0-100), when the script has a csi_overall question
    overall: AspectScore | None
    overall_by_segment: Mapping[str, AspectScore | None]
    aspects: pd.DataFrame
    csi: Csi | None
    drivers: DriverAnalysis | None
    ipa: pd.DataFrame | None
    segment_aspects: SegmentAspects
    breakdowns: tuple[Breakdown, ...]
    comparisons: Comparisons
    recommendations: tuple[Recommendation, ...]
    verbatims: pd.DataFrame
    theme_table: pd.DataFrame
    themes: tuple[ThemeFinding, ...]
    scorecards: Scorecards | None = None
    #: The headline NPS without weights, when the report is weighted (for the methodology).
    nps_unweighted: NpsResult | None = None
    #: overall satisfaction with every interview counted once (weighted reports with a
    #: csi_overall question), what the methodology compares without NPS
    overall_unweighted: AspectScore | None = None

    @property
    def n(self) -> int:
        return self.study.n

    @property
    def outcome_kind(self) -> OutcomeKind:
        return self.study.outcome_kind

    @property
    def driver_ranking(self) -> list[str]:
        return [] if self.drivers is None else self.drivers.ranking


__all__ = [
    "LOYALTY_GROUPS",
    "Breakdown",
    "Comparisons",
    "Csi",
    "Difference",
    "Driver",
    "DriverAnalysis",
    "Evidence",
    "Findings",
    "OutcomeKind",
    "PreparedStudy",
    "Recommendation",
    "Scorecard",
    "Scorecards",
    "SegmentAspects",
    "ThemeFinding",
]
