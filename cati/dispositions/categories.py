"""Which AAPOR category (I, P, R, NC, O, UH, UO, NE) each disposition code counts in.

AAPOR's grouping is the default. A study may override it for its population: the usual case
is B2B, where the sampled unit *is* an organisation, so reaching a business number does not
make a case ineligible (AAPOR 4.51 would otherwise put it in NE). An override is a plain dict
``{code: category}`` kept in the study's settings; it is validated here so a typo is reported
with what to write instead, not silently counted in the wrong place.

Lookup order for a code: an override for the code itself, then an override for the final code
a temporary code closes as (overriding "2.21" also moves the temporary "2.21a" and "2.21b"),
then AAPOR's default.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from cati.dispositions.codes import Category, Disposition
from cati.dispositions.errors import DispositionError, UnknownDispositionCode

# Reaching an organisation is what a B2B study wants: a business number is in scope. Without
# anything more known, such a case's eligibility is unknown (the contact person may have left),
# so it is counted with the unknowns and the estimate e rather than as ineligible.
B2B_OVERRIDES: Mapping[str, Category] = MappingProxyType(
    {
        Disposition.NON_RESIDENCE.value: Category.UO,
        Disposition.BUSINESS.value: Category.UO,
    }
)


@dataclass(frozen=True)
class CategoryMap(Mapping[Disposition, Category]):
    """AAPOR's default categories with a study's validated overrides applied.

    It is a read-only mapping from every :class:`Disposition` to its :class:`Category`.
    """

    overrides: Mapping[Disposition, Category] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "overrides", MappingProxyType(dict(self.overrides)))

    # ---- construction -----------------------------------------------------------------------

    @classmethod
    def default(cls) -> CategoryMap:
        """AAPOR's grouping, no overrides."""
        return cls()

    @classmethod
    def b2b(cls) -> CategoryMap:
        """AAPOR's grouping with business numbers in scope (see :data:`B2B_OVERRIDES`)."""
        return cls.from_settings(dict(B2B_OVERRIDES))

    @classmethod
    def from_settings(cls, settings: Mapping[str, object] | None) -> CategoryMap:
        """Build from a study's ``{code: category}`` dict, validating every entry.

        Raises :class:`InvalidCategoryMap` listing every bad entry (unknown code, unknown
        category, an interview code moved out of I/P), so a research lead fixes them at once.
        """
        if settings is None:
            return cls()
        if not isinstance(settings, Mapping):
            raise InvalidCategoryMap(
                [
                    "category overrides must be a mapping of disposition code to category, "
                    f"e.g. {{'4.51': 'UO'}}; got {type(settings).__name__}"
                ]
            )
        problems: list[str] = []
        overrides: dict[Disposition, Category] = {}
        for raw_code, raw_category in settings.items():
            try:
                disposition = Disposition.from_code(raw_code)
            except UnknownDispositionCode as error:
                problems.append(str(error))
                continue
            try:
                category = Category.parse(raw_category)
            except DispositionError as error:
                problems.append(f"code {disposition.value}: {error}")
                continue
            if disposition.closes_as in _INTERVIEWS and category not in (Category.I, Category.P):
                problems.append(
                    f"code {disposition.value} is an interview; it can only count as I or P, "
                    f"not {category.value}"
                )
                continue
            overrides[disposition] = category
        if problems:
            raise InvalidCategoryMap(problems)
        return cls(overrides)

    def to_settings(self) -> dict[str, str]:
        """The overrides as a plain JSON-able dict (what :meth:`from_settings` reads)."""
        return {d.value: c.value for d, c in sorted(self.overrides.items())}

    def with_overrides(self, settings: Mapping[str, object]) -> CategoryMap:
        """A new map with ``settings`` applied on top of this one's overrides."""
        merged: dict[str, object] = dict(self.to_settings())
        merged.update(settings)
        return CategoryMap.from_settings(merged)

    # ---- lookup -----------------------------------------------------------------------------

    def category_of(self, code: Disposition | str) -> Category:
        """The category ``code`` counts in under this study's map."""
        disposition = Disposition.from_code(code)
        if disposition in self.overrides:
            return self.overrides[disposition]
        final = disposition.closes_as
        if final in self.overrides:
            return self.overrides[final]
        return disposition.category

    def __getitem__(self, key: Disposition) -> Category:
        return self.category_of(key)

    def __iter__(self) -> Iterator[Disposition]:
        return iter(Disposition)

    def __len__(self) -> int:
        return len(Disposition)


_INTERVIEWS = frozenset({Disposition.COMPLETE, Disposition.PARTIAL})


class InvalidCategoryMap(DispositionError):
    """A study's category overrides have problems; ``problems`` lists each one."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__(
            "The study's AAPOR category overrides are invalid:\n"
            + "\n".join(f"- {p}" for p in problems)
        )
