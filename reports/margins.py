"""Raking margins a research lead writes for a study: ``{attribute: {group: share or count}}``.

A margins file is YAML (or JSON, which is YAML too)::

    # clients in the base by segment and by region (counts or shares, per attribute)
    segment: {new: 120, regular: 2000, lost: 410}
    region: {Москва: 0.45, Санкт-Петербург: 0.2, Регионы: 0.35}

Each attribute is a column of the report's respondents (``segment`` or a contact attribute
such as ``region``); each group gets a positive target. Within one attribute the targets
are all counts or all shares; shares must sum to 1. The report rakes the interviews to
these margins (:func:`reports.weighting.rake`, ``cati report --weights raking``). When the
file does not give ``segment`` and every segment's population is known, the segment
populations are added as one more margin.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from reports.errors import ReportInputError
from surveys.errors import ScriptError
from surveys.yamlsource import load_yaml

Margins = Mapping[str, Mapping[str, float]]
#: A margins file larger than this is not a margins file.
MAX_BYTES = 1_000_000


def parse_margins(text: str, file: str = "margins") -> dict[str, dict[str, float]]:
    """Check and read margins from YAML ``text``; errors name the file, line and column."""
    if len(text.encode("utf-8")) > MAX_BYTES:
        raise ReportInputError(f"{file}: a margins file is at most {MAX_BYTES:,} bytes")
    try:
        raw, source = load_yaml(text, file)
    except ScriptError as error:
        raise ReportInputError(str(error).replace("a script needs", "margins need")) from None

    def fail(path: tuple[str | int, ...], message: str) -> ReportInputError:
        return ReportInputError(str(source.problem(path, message, at_value=True)))

    if not isinstance(raw, Mapping) or not raw:
        raise fail((), "margins must be a mapping {attribute: {group: share or count}}")
    out: dict[str, dict[str, float]] = {}
    for attr, groups in raw.items():
        if not isinstance(groups, Mapping) or not groups:
            raise fail((attr,), f"margin {attr!r} must map each group to a share or a count")
        targets: dict[str, float] = {}
        for group, value in groups.items():
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise fail((attr, group), f"{attr}.{group}: {value!r} is not a number")
            if not math.isfinite(float(value)) or value < 0:
                raise fail((attr, group), f"{attr}.{group}: a target must be 0 or more")
            targets[str(group)] = float(value)
        total = sum(targets.values())
        if total <= 0:
            raise fail((attr,), f"margin {attr!r}: the targets add up to nothing")
        if all(v <= 1 for v in targets.values()) and not math.isclose(total, 1.0, rel_tol=1e-6):
            raise fail((attr,), f"margin {attr!r}: the shares add up to {total:g}, not 1")
        out[str(attr)] = targets
    return out


def load_margins(path: str | Path) -> dict[str, dict[str, float]]:
    """Read a margins file (:func:`parse_margins`); a missing file is a clear error."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ReportInputError(f"margins file {p} does not exist") from None
    except UnicodeDecodeError:
        raise ReportInputError(f"margins file {p} is not UTF-8 text") from None
    return parse_margins(text, str(p))


def margins_from(value: Any, where: str) -> dict[str, dict[str, float]]:
    """Margins stored as plain data (a study's settings) checked like a file."""
    return parse_margins(json.dumps(value, ensure_ascii=False), where)


__all__ = ["MAX_BYTES", "Margins", "load_margins", "margins_from", "parse_margins"]
