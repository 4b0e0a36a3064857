"""Question roles: which question plays which part in the analysis.

A script declares them (``role: satisfaction`` on a question, see ``surveys/FORMAT.md``);
the report, the fieldwork digest and the exports read :attr:`Script.roles`, never question
ids. Scripts written before roles existed (``schema_version: 1``) are upgraded on load by
:func:`upgrade_v1`, the one place where roles are inferred; ``cati script check --roles``
shows the result.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from surveys.errors import ScriptProblem
from surveys.model import GridQuestion, QuestionBase, RatingQuestion

if TYPE_CHECKING:
    from surveys.model import Script
    from surveys.yamlsource import SourceMap


@dataclass(frozen=True)
class RoleRule:
    """What a role means and which questions may carry it."""

    kinds: tuple[str, ...]
    unique: bool
    meaning: str


ROLES: dict[str, RoleRule] = {
    "nps": RoleRule(("nps", "rating"), True, "the 0-10 recommendation question"),
    "csi_overall": RoleRule(("rating",), True, "overall satisfaction with the company"),
    "satisfaction": RoleRule(("grid",), True, "satisfaction with each aspect of service"),
    "importance": RoleRule(("grid",), True, "stated importance of the same aspects"),
    "checklist": RoleRule(
        ("single", "multi", "rating", "grid", "numeric"), False, "an item of a call checklist"
    ),
    "comment": RoleRule(("open",), False, "an open answer the report reads: reasons, comments"),
    "improvement": RoleRule(("open",), False, "an open answer saying what to improve"),
}
#: Fewest scale points an overall satisfaction rating needs to tell the dissatisfied apart.
MIN_OVERALL_POINTS = 3


@dataclass(frozen=True)
class ScriptRoles:
    """The declared roles of one script, by question id."""

    nps: str | None = None
    csi_overall: str | None = None
    satisfaction: str | None = None
    importance: str | None = None
    checklist: tuple[str, ...] = ()
    comment: tuple[str, ...] = ()
    improvement: tuple[str, ...] = ()
    #: comment and improvement questions, in script order: the open answers a report reads
    open_answers: tuple[str, ...] = ()

    @property
    def outcome(self) -> str | None:
        """The loyalty outcome the analysis explains: NPS, else overall satisfaction."""
        return self.nps or self.csi_overall

    def role_of(self, question_id: str) -> str | None:
        for role in ROLES:
            value = getattr(self, role)
            if value == question_id or (isinstance(value, tuple) and question_id in value):
                return role
        return None


def script_roles(questions: list[Any]) -> ScriptRoles:
    """The roles the questions declare (the first holder of a unique role wins; the
    loader refuses a script with two)."""
    found: dict[str, Any] = {}
    for q in questions:
        role = getattr(q, "role", None)
        rule = ROLES.get(role) if role else None
        if role is None or rule is None:
            continue
        if rule.unique:
            found.setdefault(role, q.id)
        else:
            found[role] = (*found.get(role, ()), q.id)
        if role in ("comment", "improvement"):
            found["open_answers"] = (*found.get("open_answers", ()), q.id)
    return ScriptRoles(**found)


def check_roles(script: Script, source: SourceMap) -> list[ScriptProblem]:
    """Every problem with the declared roles, located at the ``role:`` it concerns."""
    problems: list[ScriptProblem] = []
    holders: dict[str, tuple[int, QuestionBase]] = {}
    names = ", ".join(ROLES)
    for i, q in enumerate(script.questions):
        role = q.role
        if role is None:
            continue
        at = ("questions", i, "role")
        rule = ROLES.get(role)
        if rule is None:
            close = difflib.get_close_matches(role, list(ROLES), n=1, cutoff=0.6)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            problems.append(
                source.problem(
                    at, f"unknown role '{role}'{hint}; use one of {names}", at_value=True
                )
            )
            continue
        kind_problem = _kind_problem(role, rule, q)
        if kind_problem:
            problems.append(source.problem(at, kind_problem, at_value=True))
            continue
        if rule.unique and role in holders:
            first_index, first = holders[role]
            line = source.position(("questions", first_index, "role")).line
            problems.append(
                source.problem(
                    at,
                    f"role '{role}' is already given to question '{first.id}' (line {line}); "
                    f"a script has one {role} question",
                    at_value=True,
                )
            )
            continue
        holders.setdefault(role, (i, q))
    problems += _importance_problems(holders, source)
    return problems


def _kind_problem(role: str, rule: RoleRule, q: QuestionBase) -> str | None:
    kind = str(getattr(q, "type", ""))
    if kind not in rule.kinds:
        wanted = " or ".join(f"{k}" for k in rule.kinds)
        return f"role '{role}' needs a {wanted} question; '{q.id}' is a {kind} question"
    if role == "nps" and isinstance(q, RatingQuestion) and (q.scale.min, q.scale.max) != (0, 10):
        return (
            f"role 'nps' needs the 0-10 recommendation scale; '{q.id}' is rated "
            f"{q.scale.min}-{q.scale.max} (use role csi_overall for an overall rating)"
        )
    if (
        role == "csi_overall"
        and isinstance(q, RatingQuestion)
        and len(q.scale.points) < MIN_OVERALL_POINTS
    ):
        return (
            f"role 'csi_overall' needs a scale of at least {MIN_OVERALL_POINTS} points; "
            f"'{q.id}' is rated {q.scale.min}-{q.scale.max}"
        )
    return None


def _importance_problems(
    holders: dict[str, tuple[int, QuestionBase]], source: SourceMap
) -> list[ScriptProblem]:
    if "importance" not in holders:
        return []
    index, importance = holders["importance"]
    at = ("questions", index, "role")
    if "satisfaction" not in holders:
        return [
            source.problem(
                at,
                "role 'importance' rates the aspects of the satisfaction grid; give a grid "
                "role: satisfaction too",
                at_value=True,
            )
        ]
    sat_index, satisfaction = holders["satisfaction"]
    if not isinstance(importance, GridQuestion) or not isinstance(satisfaction, GridQuestion):
        return []
    if (importance.scale.min, importance.scale.max) != (
        satisfaction.scale.min,
        satisfaction.scale.max,
    ):
        return [
            source.problem(
                ("questions", index, "scale"),
                f"the importance grid '{importance.id}' must use the scale of the "
                f"satisfaction grid '{satisfaction.id}' "
                f"({satisfaction.scale.min}-{satisfaction.scale.max}), not "
                f"{importance.scale.min}-{importance.scale.max}",
            )
        ]
    sat_rows = [r.id for r in satisfaction.rows]
    imp_rows = [r.id for r in importance.rows]
    missing = [r for r in sat_rows if r not in imp_rows]
    extra = [r for r in imp_rows if r not in sat_rows]
    if not missing and not extra:
        return []
    line = source.position(("questions", sat_index)).line
    parts = []
    if missing:
        parts.append(f"missing {', '.join(missing)}")
    if extra:
        parts.append(f"not in the satisfaction grid: {', '.join(extra)}")
    return [
        source.problem(
            ("questions", index, "rows"),
            f"the importance grid '{importance.id}' must rate the rows of the satisfaction "
            f"grid '{satisfaction.id}' (line {line}): {'; '.join(parts)}",
        )
    ]


# --- upgrading schema_version 1: the one place where roles are inferred -------------------


def upgrade_v1(data: dict[str, Any]) -> dict[str, Any]:
    """Version 1 -> 2: give the questions of an old script the roles the report used to
    guess from types and ids.

    The NPS question is the first ``nps`` question; the satisfaction grid the first grid
    whose id mentions ``csi``/``sat``, else the first grid not about ``import``ance; the
    importance grid another grid with the same rows and scale (one whose id mentions
    ``import`` first); the overall rating a rating whose id mentions ``overall``; every
    open question is a comment. A version-1 script that already declares roles keeps its own.
    """
    questions = data.get("questions")
    if not isinstance(questions, list):
        return data
    items = [q for q in questions if isinstance(q, dict) and isinstance(q.get("id"), str)]
    if any("role" in q for q in items):
        return data

    def of_type(kind: str) -> list[dict[str, Any]]:
        return [q for q in items if q.get("type") == kind]

    grids = of_type("grid")
    sat = next((g for g in grids if any(k in g["id"] for k in ("csi", "sat"))), None)
    sat = sat or next((g for g in grids if "import" not in g["id"]), None)
    importance = None
    if sat is not None:
        rows = _row_ids(sat)
        same = [
            g
            for g in grids
            if g is not sat
            and _row_ids(g)
            and set(_row_ids(g)) == set(rows)
            and _ends(g) == _ends(sat)
        ]
        importance = next((g for g in same if "import" in g["id"]), None) or next(iter(same), None)
    roles: dict[int, str] = {}
    nps = next(iter(of_type("nps")), None)
    overall = next(
        (q for q in of_type("rating") if "overall" in q["id"] and _points(q) >= MIN_OVERALL_POINTS),
        None,
    )
    for question, role in ((nps, "nps"), (sat, "satisfaction"), (importance, "importance")):
        if question is not None:
            roles[id(question)] = role
    if overall is not None:
        roles[id(overall)] = "csi_overall"
    for q in of_type("open"):
        roles[id(q)] = "comment"
    data = dict(data)
    data["questions"] = [
        {**q, "role": roles[id(q)]} if isinstance(q, dict) and id(q) in roles else q
        for q in questions
    ]
    return data


def _ends(question: dict[str, Any]) -> tuple[Any, Any]:
    scale = question.get("scale")
    return (scale.get("min"), scale.get("max")) if isinstance(scale, dict) else (None, None)


def _points(question: dict[str, Any]) -> int:
    scale = question.get("scale")
    if not isinstance(scale, dict):
        return 0
    low, high = scale.get("min"), scale.get("max")
    return high - low + 1 if isinstance(low, int) and isinstance(high, int) else 0


def _row_ids(grid: dict[str, Any]) -> list[str]:
    rows = grid.get("rows")
    if not isinstance(rows, list):
        return []
    return [r["id"] for r in rows if isinstance(r, dict) and isinstance(r.get("id"), str)]


def describe_roles(script: Script) -> list[str]:
    """One line per question with a role, for ``cati script check --roles``."""
    lines = []
    for q in script.questions:
        if q.role is not None:
            lines.append(f"  {q.role:<13} {q.id}: {ROLES[q.role].meaning}")
    if not lines:
        lines.append("  no question has a role: the report needs role nps or csi_overall")
    return lines


__all__ = [
    "ROLES",
    "RoleRule",
    "ScriptRoles",
    "check_roles",
    "describe_roles",
    "script_roles",
    "upgrade_v1",
]
