"""reports: what the answers mean - pure, documented statistics for NPS/CSI studies.

The public API is re-exported here lazily (the first attribute access imports the
module), so ``import reports`` stays cheap for the CLI:

>>> from reports import compare_nps, relative_importance   # doctest: +SKIP

``reports.nps`` is the *module* (a function cannot share the name of a submodule of its
package); call ``reports.nps.nps(scores)`` or ``from reports.nps import nps``.

Modules: ``nps``, ``csi``, ``weighting``, ``sampling``, ``comparisons``, ``drivers``,
``ipa``, ``breakdowns``, ``themes``, ``errors``; the client's Word report:
``build_report`` (``report``, ``data``; ``findings``: every number and claim computed
once, typed, and written as JSON by ``findings.facts``; ``chapters``: findings into
words; ``analysis`` joins them into the report ``model``; ``charts``, ``docx_renderer``,
``texts``, ``numbers``, ``privacy``).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

_EXPORTS: dict[str, str] = {
    # nps
    "compare_nps": "reports.nps",
    "nps_group": "reports.nps",
    "NpsResult": "reports.nps",
    "NpsComparison": "reports.nps",
    # csi
    "Scale": "reports.csi",
    "rescale": "reports.csi",
    "aspect_score": "reports.csi",
    "aspect_table": "reports.csi",
    "csi_index": "reports.csi",
    "AspectScore": "reports.csi",
    "CsiIndex": "reports.csi",
    # weighting
    "poststratify": "reports.weighting",
    "rake": "reports.weighting",
    "RakeResult": "reports.weighting",
    "kish_design_effect": "reports.weighting",
    "effective_sample_size": "reports.weighting",
    # sampling
    "margin_of_error": "reports.sampling",
    "sample_size": "reports.sampling",
    # comparisons
    "holm": "reports.comparisons",
    "two_proportion_ztest": "reports.comparisons",
    "chi_square_test": "reports.comparisons",
    "welch_ttest": "reports.comparisons",
    "mann_whitney": "reports.comparisons",
    "compare_segments": "reports.comparisons",
    # drivers
    "relative_importance": "reports.drivers",
    # ipa
    "importance_performance": "reports.ipa",
    "fix_first": "reports.ipa",
    # breakdowns
    "breakdown": "reports.breakdowns",
    "bin_attribute": "reports.breakdowns",
    # themes
    "load_themes": "reports.themes",
    "default_themes": "reports.themes",
    "theme_counts": "reports.themes",
    "theme_crosstab": "reports.themes",
    "tag_themes": "reports.themes",
    "verbatims": "reports.themes",
    "ThemeDictionary": "reports.themes",
    # the Word report
    "build_report": "reports.report",
    "ReportData": "reports.data",
    "Fieldwork": "reports.data",
    "OutcomeCount": "reports.data",
    "QuestionRoles": "reports.data",
    # errors
    "ReportInputError": "reports.errors",
    "InsufficientDataError": "reports.errors",
    "InvalidScoreError": "reports.errors",
    "WeightsError": "reports.errors",
    "EmptyCellError": "reports.errors",
    "MarginsMismatchError": "reports.errors",
    "ConvergenceError": "reports.errors",
    "ConstantDriverError": "reports.errors",
    "CollinearityError": "reports.errors",
    "ThemeDictionaryError": "reports.errors",
}

__all__ = [
    "AspectScore",
    "CollinearityError",
    "ConstantDriverError",
    "ConvergenceError",
    "CsiIndex",
    "EmptyCellError",
    "Fieldwork",
    "InsufficientDataError",
    "InvalidScoreError",
    "MarginsMismatchError",
    "NpsComparison",
    "NpsResult",
    "OutcomeCount",
    "QuestionRoles",
    "RakeResult",
    "ReportData",
    "ReportInputError",
    "Scale",
    "ThemeDictionary",
    "ThemeDictionaryError",
    "WeightsError",
    "aspect_score",
    "aspect_table",
    "bin_attribute",
    "breakdown",
    "build_report",
    "chi_square_test",
    "compare_nps",
    "compare_segments",
    "csi_index",
    "default_themes",
    "effective_sample_size",
    "fix_first",
    "holm",
    "importance_performance",
    "kish_design_effect",
    "load_themes",
    "mann_whitney",
    "margin_of_error",
    "nps_group",
    "poststratify",
    "rake",
    "relative_importance",
    "rescale",
    "sample_size",
    "tag_themes",
    "theme_counts",
    "theme_crosstab",
    "two_proportion_ztest",
    "verbatims",
    "welch_ttest",
]


#: Modules reachable as attributes without importing them first: ``import reports`` at the
#: top of a module stays cheap, and ``reports.nps.nps(scores)`` loads the statistics when
#: it is first called.
_MODULES = frozenset(
    {"breakdowns", "comparisons", "csi", "drivers", "errors", "ipa", "nps", "sampling"}
    | {"themes", "weighting"}
)


def __getattr__(name: str) -> Any:
    if name in _MODULES:
        return importlib.import_module(f"reports.{name}")
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'reports' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


if TYPE_CHECKING:  # pragma: no cover - for type checkers and IDEs only
    from reports.breakdowns import bin_attribute, breakdown
    from reports.comparisons import (
        chi_square_test,
        compare_segments,
        holm,
        mann_whitney,
        two_proportion_ztest,
        welch_ttest,
    )
    from reports.csi import (
        AspectScore,
        CsiIndex,
        Scale,
        aspect_score,
        aspect_table,
        csi_index,
        rescale,
    )
    from reports.data import Fieldwork, OutcomeCount, QuestionRoles, ReportData
    from reports.drivers import relative_importance
    from reports.errors import (
        CollinearityError,
        ConstantDriverError,
        ConvergenceError,
        EmptyCellError,
        InsufficientDataError,
        InvalidScoreError,
        MarginsMismatchError,
        ReportInputError,
        ThemeDictionaryError,
        WeightsError,
    )
    from reports.ipa import fix_first, importance_performance
    from reports.nps import NpsComparison, NpsResult, compare_nps, nps_group
    from reports.report import build_report
    from reports.sampling import margin_of_error, sample_size
    from reports.themes import (
        ThemeDictionary,
        default_themes,
        load_themes,
        tag_themes,
        theme_counts,
        theme_crosstab,
        verbatims,
    )
    from reports.weighting import (
        RakeResult,
        effective_sample_size,
        kish_design_effect,
        poststratify,
        rake,
    )
