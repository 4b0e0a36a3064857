"""Call outcomes, AAPOR disposition codes and outcome rates (pure Python: no database, no Qt).

- :mod:`~cati.dispositions.codes`: the AAPOR codes (final and temporary) with ru/en labels;
- :mod:`~cati.dispositions.categories`: which category (I, P, R, NC, O, UH, UO, NE) a code
  counts in, overridable per study;
- :mod:`~cati.dispositions.outcomes`: the outcome table (what follows each call) and the
  mapping of dialer results to outcomes;
- :mod:`~cati.dispositions.history`: a contact's disposition from its whole attempt history;
- :mod:`~cati.dispositions.rates`: RR1-RR6, COOP1-4, REF1-3, CON1-3;
- :mod:`~cati.dispositions.report`: the tables behind ``cati rates``.
"""

from cati.dispositions.categories import CategoryMap, InvalidCategoryMap
from cati.dispositions.codes import Category, Disposition
from cati.dispositions.errors import (
    DispositionError,
    OutcomeSettingsError,
    RateInputError,
    UnknownCategory,
    UnknownDispositionCode,
)
from cati.dispositions.history import Attempt, CaseDisposition, derive_disposition
from cati.dispositions.outcomes import Outcome, OutcomeTable, UnknownOutcome
from cati.dispositions.rates import (
    DispositionCounts,
    OutcomeRates,
    Rate,
    counts_from_dispositions,
    estimate_e,
    response_rates,
)
from cati.dispositions.report import RatesReport, format_rates_text, rates_report, report_to_dict

__all__ = [
    "Attempt",
    "CaseDisposition",
    "Category",
    "CategoryMap",
    "Disposition",
    "DispositionCounts",
    "DispositionError",
    "InvalidCategoryMap",
    "Outcome",
    "OutcomeRates",
    "OutcomeSettingsError",
    "OutcomeTable",
    "Rate",
    "RateInputError",
    "RatesReport",
    "UnknownCategory",
    "UnknownDispositionCode",
    "UnknownOutcome",
    "counts_from_dispositions",
    "derive_disposition",
    "estimate_e",
    "format_rates_text",
    "rates_report",
    "report_to_dict",
    "response_rates",
]
