"""Which column of a call list is what: automatic from headers, or from a mapping file.

Automatic mapping
-----------------
Headers are compared after normalisation (case, spaces, punctuation, ``ё``/``е`` and a
trailing number ignored: ``Тел. 2`` matches ``тел``, ``E-mail`` matches ``email``) against
the Russian and English names in :data:`ROLE_HEADERS`. Several columns may be phones (kept
in column order); of the other roles the first column wins and later ones are kept as
attributes (``email_2``). ``city`` and ``manager`` are stored as attributes with those keys.

Attribute keys
--------------
Every other column is kept as a contact attribute under a stable key usable in segment
rules: first the alias table :data:`ATTRIBUTE_ALIASES` (``Дата последнего заказа`` and
``Last order`` -> ``last_order``), else the header transliterated to ASCII ``snake_case``
(``Сумма счёта, руб.`` -> ``summa_scheta_rub``); a remark after a comma or in brackets
does not hide an alias (``Выручка, руб.`` -> ``revenue``). Keys are ASCII on purpose: they
are typed in rules, CLI arguments and exports where a Cyrillic ``с`` and a Latin ``c`` look
the same. The original header is kept as the attribute's label. A column without a header gets
``column_<letter>`` (``column_f``); a key that would repeat gets ``_2``, ``_3``.

Mapping file
------------
A YAML file given with ``--map`` (all keys but ``columns`` optional)::

    columns:                     # header in the file -> what it is
      "Наименование клиента": company
      "Тел. моб.": phone         # several phone columns are allowed, kept in this order
      "Тел. раб.": phone
      "Доб.": extension
      "Дата посл. отгрузки": last_order   # not a role: an attribute with this key
      "Служебная отметка": ignore         # not imported at all
    auto: true        # guess the columns the mapping does not name (default true);
                      # false keeps them as attributes without guessing roles
    header_row: 3     # the header's row number as Excel shows it (default: found)
    sheet: Клиенты    # XLSX: the worksheet (default: the first)
    encoding: cp1251  # CSV: overrides detection
    delimiter: ";"    # CSV: overrides detection

The file is read within limits (:mod:`cati.sample.limits`: 256 KiB, no YAML anchors or
aliases, nesting of at most 16 levels), ``encoding`` must be a text encoding of a file
(``rot13`` or ``base64`` are not), and every problem is reported as ``FILE:LINE:COLUMN:``
where it has a place.

Roles: ``company``, ``name`` (the contact person), ``position``, ``phone``, ``extension``,
``email``, ``region``, ``city``, ``manager``, ``ignore``. Any other target must be an
identifier (``[a-z_][a-z0-9_]*``) and becomes the attribute key. Headers in the mapping are
matched with the same normalisation as automatic mapping.
"""

from __future__ import annotations

import re
import stat
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

import yaml

from cati.sample.errors import ColumnMappingError
from cati.sample.limits import DEFAULT_LIMITS, CallListLimits, size

__all__ = [
    "ATTRIBUTE_ALIASES",
    "ROLE_HEADERS",
    "Column",
    "ColumnPlan",
    "ColumnRole",
    "MappingSpec",
    "attribute_key",
    "column_letter",
    "has_phone_column",
    "load_mapping_file",
    "normalise_header",
    "parse_mapping_yaml",
    "plan_columns",
]


class ColumnRole(StrEnum):
    COMPANY = "company"
    NAME = "name"
    POSITION = "position"
    PHONE = "phone"
    EXTENSION = "extension"
    EMAIL = "email"
    REGION = "region"
    CITY = "city"
    MANAGER = "manager"
    ATTRIBUTE = "attribute"
    IGNORE = "ignore"


#: Roles stored as attributes under their own name rather than as contact fields.
ATTRIBUTE_ROLES = frozenset({ColumnRole.CITY, ColumnRole.MANAGER})
#: Roles a contact has one of; a second such column is kept as an attribute.
SINGLE_ROLES = frozenset(
    {
        ColumnRole.COMPANY,
        ColumnRole.NAME,
        ColumnRole.POSITION,
        ColumnRole.EXTENSION,
        ColumnRole.EMAIL,
        ColumnRole.REGION,
        ColumnRole.CITY,
        ColumnRole.MANAGER,
    }
)

ROLE_HEADERS: dict[ColumnRole, tuple[str, ...]] = {
    ColumnRole.COMPANY: (
        "Компания", "Организация", "Наименование организации", "Название компании",
        "Наименование", "Клиент", "Контрагент", "Юрлицо", "Юр. лицо",
        "Company", "Company name", "Organization", "Organisation", "Account", "Account name",
        "Client", "Customer",
    ),
    ColumnRole.NAME: (
        "ФИО", "Контактное лицо", "Контакт", "Имя", "ФИО контактного лица",
        "Контактное лицо (ФИО)", "Contact", "Contact name", "Contact person", "Name",
        "Full name", "Person",
    ),
    ColumnRole.POSITION: ("Должность", "Position", "Title", "Job title"),
    ColumnRole.PHONE: (
        "Телефон", "Тел.", "Телефоны", "Номер телефона", "Контактный телефон",
        "Рабочий телефон", "Мобильный телефон", "Мобильный", "Моб.", "Моб. тел.",
        "Моб. телефон", "Сотовый", "Сотовый телефон", "Phone", "Phones", "Phone number",
        "Telephone", "Tel", "Mobile", "Mobile phone", "Cell", "Cell phone", "Work phone",
        "Business phone",
    ),
    ColumnRole.EXTENSION: (
        "Доб.", "Добавочный", "Добавочный номер", "Внутренний", "Вн.", "Ext", "Extension",
        "Phone ext",
    ),
    ColumnRole.EMAIL: (
        "E-mail", "Email", "Почта", "Эл. почта", "Электронная почта", "Емейл", "Mail",
        "Email address",
    ),
    ColumnRole.REGION: ("Регион", "Область", "Субъект РФ", "Субъект", "Region", "State"),
    ColumnRole.CITY: ("Город", "Населённый пункт", "City", "Town"),
    ColumnRole.MANAGER: (
        "Менеджер", "Ответственный", "Ответственный менеджер", "Менеджер клиента",
        "Manager", "Account manager", "Sales manager",
    ),
}  # fmt: skip

ATTRIBUTE_ALIASES: dict[str, tuple[str, ...]] = {
    "last_order": (
        "Дата последнего заказа", "Последний заказ", "Дата последней покупки",
        "Последняя покупка", "Дата последней отгрузки", "Last order", "Last order date",
        "Last purchase", "Last purchase date", "Date of last order",
    ),
    "first_order": (
        "Дата первого заказа", "Первый заказ", "Клиент с", "First order", "First order date",
        "Customer since",
    ),
    "orders_per_year": (
        "Заказов в год", "Количество заказов в год", "Кол-во заказов в год", "Orders per year",
        "Orders/year", "Annual orders",
    ),
    "revenue": (
        "Выручка", "Выручка за год", "Годовая выручка", "Оборот", "Оборот за год",
        "Сумма закупок", "Объём закупок", "Revenue", "Annual revenue", "Turnover", "Sales",
        "Sales volume",
    ),
    "product": ("Продукт", "Товар", "Продукция", "Продукт/услуга", "Product", "Products"),
    "decision_role": (
        "Роль в закупке", "Роль в принятии решения", "Роль в принятии решений", "Роль",
        "Decision role", "Role in purchase", "Buying role", "Purchase role",
    ),
    "segment": ("Сегмент", "Segment"),
    "industry": ("Отрасль", "Сфера деятельности", "Industry"),
    "inn": ("ИНН", "INN", "Tax ID"),
    "comment": ("Комментарий", "Примечание", "Comment", "Comments", "Note", "Notes"),
}  # fmt: skip

_TRANSLIT = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh",
    "з": "z", "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu",
    "я": "ya", "і": "i", "ї": "yi", "є": "ye", "ґ": "g", "ә": "a", "ғ": "g", "қ": "q",
    "ң": "n", "ө": "o", "ұ": "u", "ү": "u", "һ": "h", "ў": "u", "№": "no", "%": "pct",
}  # fmt: skip

_ROLE_VALUES = frozenset(role.value for role in ColumnRole)
_IDENTIFIER = re.compile(r"[a-z_][a-z0-9_]*")
_TRAILING_NUMBER = re.compile(r"\d+$")
_REMARK = re.compile(r"[,(\[]")
_MAX_KEY_LENGTH = 48


def normalise_header(text: str) -> str:
    """A header reduced for comparison: lower case, letters and digits only, no accents."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if ch.isalnum())


def _lookup(
    table: Mapping[str, Iterable[str]] | Mapping[ColumnRole, Iterable[str]],
) -> dict[str, str]:
    return {
        normalise_header(header): target for target, headers in table.items() for header in headers
    }


_ROLE_BY_HEADER: dict[str, str] = _lookup(ROLE_HEADERS)
_ALIAS_BY_HEADER: dict[str, str] = _lookup(ATTRIBUTE_ALIASES)


def guess_role(header: str) -> ColumnRole:
    """The role a header names, or ``ATTRIBUTE``; ``Телефон 2`` is a phone like ``Телефон``."""
    norm = normalise_header(header)
    for candidate in (norm, _TRAILING_NUMBER.sub("", norm)):
        role = _ROLE_BY_HEADER.get(candidate)
        if role:
            return ColumnRole(role)
    return ColumnRole.ATTRIBUTE


def attribute_key(header: str) -> str:
    """The stable key of an attribute column: an alias, or the header transliterated.

    Returns ``""`` when the header has nothing to make a key of (empty, only punctuation).
    """
    norm = normalise_header(header)
    for candidate in (norm, _TRAILING_NUMBER.sub("", norm)):
        alias = _ALIAS_BY_HEADER.get(candidate)
        if alias:
            return alias if candidate == norm else f"{alias}_{norm[len(candidate) :]}"
    # "Выручка, руб." and "Revenue (USD)" are still revenue: the unit is a remark.
    alias = _ALIAS_BY_HEADER.get(normalise_header(_REMARK.split(header, maxsplit=1)[0]))
    if alias:
        return alias
    text = unicodedata.normalize("NFC", header.casefold())
    ascii_text = "".join(_TRANSLIT.get(ch, ch) for ch in text)
    ascii_text = unicodedata.normalize("NFKD", ascii_text).encode("ascii", "ignore").decode()
    key = re.sub(r"[^a-z0-9]+", "_", ascii_text).strip("_")[:_MAX_KEY_LENGTH].rstrip("_")
    if key and key[0].isdigit():
        key = f"c_{key}"
    return key


def column_letter(index: int) -> str:
    """Excel's letter for a 0-based column index: 0 -> ``A``, 26 -> ``AA``."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


@dataclass(frozen=True, slots=True)
class Column:
    """One column of the file: where it is, its header, its role and (attributes) its key."""

    index: int
    header: str
    role: ColumnRole
    key: str  # the attribute key for ATTRIBUTE, CITY, MANAGER; the role's name otherwise


@dataclass(frozen=True)
class MappingSpec:
    """A column mapping file, read (see the module docstring for the format)."""

    columns: Mapping[str, str]  # normalised header -> role name or attribute key
    headers: Mapping[str, str] = field(default_factory=dict)  # normalised -> as written
    auto: bool = True
    header_row: int | None = None
    sheet: str | None = None
    encoding: str | None = None
    delimiter: str | None = None
    source: str = "<mapping>"

    @classmethod
    def from_dict(
        cls,
        data: object,
        source: str = "<mapping>",
        places: Mapping[object, tuple[int, int]] | None = None,
    ) -> MappingSpec:
        """Check and build a mapping from parsed YAML (or a dict written in code).

        ``places`` (from :func:`load_mapping_file`) gives the line and column of each
        setting and column header, so an error points at the line to fix.
        """
        places = places or {}

        def fail(message: str, at: object = None) -> ColumnMappingError:
            # YAML keys may be read as numbers (2024: phone); their place is under the text
            place = places.get(at) or places.get(str(at)) if at is not None else None
            line, column = place or (None, None)
            return ColumnMappingError(source, message, line=line, column=column)

        if not isinstance(data, dict):
            raise fail("a column mapping must be a YAML mapping with a 'columns:' section")
        unknown = set(data) - {"columns", "auto", "header_row", "sheet", "encoding", "delimiter"}
        if unknown:
            raise fail(
                f"unknown settings {sorted(map(str, unknown))}; allowed: columns, auto, "
                "header_row, sheet, encoding, delimiter",
                next(iter(unknown)),
            )
        columns = data.get("columns")
        if not isinstance(columns, dict) or not columns:
            raise fail("'columns:' must map file headers to roles, like  Телефон: phone", "columns")
        mapped: dict[str, str] = {}
        headers: dict[str, str] = {}
        for header, target in columns.items():
            target_text = target.strip().lower() if isinstance(target, str) else ""
            if not target_text or not _IDENTIFIER.fullmatch(target_text):
                shown = target if isinstance(target, str | int | float | None) else "a list"
                raise fail(
                    f"column {str(header)[:80]!r}: {shown!r} is neither a role ("
                    f"{', '.join(r.value for r in ColumnRole if r != ColumnRole.ATTRIBUTE)})"
                    " nor an attribute key like last_order",
                    header,
                )
            if target_text == ColumnRole.ATTRIBUTE.value:
                raise fail(f"column {header!r}: write the attribute's key, e.g. last_order", header)
            norm = normalise_header(str(header))
            if not norm:
                raise fail(f"column {header!r}: a header needs letters or digits", header)
            mapped[norm] = target_text
            headers[norm] = str(header)
        auto = data.get("auto", True)
        if not isinstance(auto, bool):
            raise fail("'auto:' must be true or false", "auto")
        header_row = data.get("header_row")
        if header_row is not None and (
            isinstance(header_row, bool) or not isinstance(header_row, int) or header_row < 1
        ):
            raise fail("'header_row:' must be a row number, 1 or more", "header_row")
        delimiter = data.get("delimiter")
        if delimiter is not None and (
            not isinstance(delimiter, str)
            or len(delimiter) != 1
            or delimiter in '"\r\n'
            or delimiter.isalnum()
        ):
            raise fail(
                "'delimiter:' must be one character other than a quote, a letter, a digit or "
                'a line break, like ";"',
                "delimiter",
            )
        encoding = data.get("encoding")
        if encoding is not None:
            from cati.sample.encodings import text_encoding

            if not isinstance(encoding, str) or text_encoding(encoding) is None:
                raise fail(
                    f"'encoding: {encoding}' is not a text encoding of a file; use e.g. "
                    "utf-8 or cp1251",
                    "encoding",
                )
        sheet = data.get("sheet")
        if sheet is not None and not isinstance(sheet, str | int | float):
            raise fail("'sheet:' must be the name of a worksheet", "sheet")
        return cls(
            columns=mapped,
            headers=headers,
            auto=auto,
            header_row=header_row,
            sheet=None if sheet is None else str(sheet),
            encoding=None if encoding is None else str(encoding),
            delimiter=delimiter,
            source=source,
        )


def load_mapping_file(path: str | Path, limits: CallListLimits = DEFAULT_LIMITS) -> MappingSpec:
    """Read a column mapping YAML file; every problem is a :class:`ColumnMappingError`,
    located (``FILE:LINE:COLUMN``) when it is at a place in the file."""
    path = Path(path)
    try:
        status = path.stat()
        if not stat.S_ISREG(status.st_mode):
            raise ColumnMappingError(path, "the mapping file is not a regular file")
        if status.st_size > limits.mapping_bytes:
            raise ColumnMappingError(
                path,
                f"the mapping file is {size(status.st_size)}, more than the "
                f"{size(limits.mapping_bytes)} a mapping file may be",
            )
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise ColumnMappingError(
            path, f"cannot read the mapping file ({error}); save it as UTF-8 text"
        ) from None
    data, places = parse_mapping_yaml(text, str(path), limits)
    return MappingSpec.from_dict(data, source=str(path), places=places)


def parse_mapping_yaml(
    text: str, source: str = "<mapping>", limits: CallListLimits = DEFAULT_LIMITS
) -> tuple[object, dict[object, tuple[int, int]]]:
    """The YAML of a mapping file, read within limits (no anchors or aliases, bounded
    nesting and size), and the line and column of each top-level setting and column header.
    """
    if len(text) > limits.mapping_bytes:
        raise ColumnMappingError(source, f"the mapping is longer than {size(limits.mapping_bytes)}")
    try:
        loader = yaml.SafeLoader(text)
    except yaml.YAMLError as error:  # a character YAML does not allow (NUL, control codes)
        raise _yaml_error(source, error, text) from None
    try:
        depth = nodes = 0
        while loader.check_event():
            event = loader.peek_event()
            mark = event.start_mark
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                raise ColumnMappingError(
                    source,
                    "anchors and aliases (& and *) are not used in a mapping file; "
                    "write each column out",
                    line=mark.line + 1,
                    column=mark.column + 1,
                )
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
            if isinstance(event, yaml.NodeEvent):
                nodes += 1
            if depth > limits.mapping_depth or nodes > limits.mapping_nodes:
                raise ColumnMappingError(
                    source,
                    "the mapping is nested deeper or holds more entries than a mapping file needs",
                    line=mark.line + 1,
                    column=mark.column + 1,
                )
            loader.get_event()
    except yaml.YAMLError as error:
        raise _yaml_error(source, error, text) from None
    finally:
        loader.dispose()
    loader = yaml.SafeLoader(text)
    try:
        root = loader.get_single_node()
        data = loader.construct_document(root) if root is not None else None
    except (yaml.YAMLError, RecursionError) as error:
        raise _yaml_error(source, error, text) from None
    finally:
        loader.dispose()
    return data, _places(root)


def _places(root: yaml.Node | None) -> dict[object, tuple[int, int]]:
    places: dict[object, tuple[int, int]] = {}
    if not isinstance(root, yaml.MappingNode):
        return places
    for key, value in root.value:
        if not isinstance(key, yaml.ScalarNode):
            continue
        places[key.value] = (key.start_mark.line + 1, key.start_mark.column + 1)
        if key.value == "columns" and isinstance(value, yaml.MappingNode):
            for header, _target in value.value:
                if isinstance(header, yaml.ScalarNode):
                    mark = header.start_mark
                    places.setdefault(header.value, (mark.line + 1, mark.column + 1))
    return places


def _yaml_error(source: str, error: BaseException, text: str) -> ColumnMappingError:
    if isinstance(error, yaml.reader.ReaderError):
        at = min(max(error.position, 0), len(text))
        line = text.count("\n", 0, at) + 1
        column = at - (text.rfind("\n", 0, at) + 1) + 1
        return ColumnMappingError(
            source,
            f"not valid YAML: the character U+{error.character:04X} is not allowed",
            line=line,
            column=column,
        )
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    problem = getattr(error, "problem", None) or str(error) or type(error).__name__
    if mark is None:
        return ColumnMappingError(source, f"not valid YAML: {problem}")
    return ColumnMappingError(
        source, f"not valid YAML: {problem}", line=mark.line + 1, column=mark.column + 1
    )


@dataclass(frozen=True)
class ColumnPlan:
    """The resolved meaning of every column of one file's header."""

    columns: tuple[Column, ...]
    unmatched: tuple[str, ...] = ()  # mapping-file headers not found in the file

    @property
    def phone_columns(self) -> tuple[Column, ...]:
        return tuple(c for c in self.columns if c.role is ColumnRole.PHONE)

    def first(self, role: ColumnRole) -> Column | None:
        return next((c for c in self.columns if c.role is role), None)

    @property
    def attribute_columns(self) -> tuple[Column, ...]:
        keep = {ColumnRole.ATTRIBUTE, *ATTRIBUTE_ROLES}
        return tuple(c for c in self.columns if c.role in keep)

    @property
    def attribute_labels(self) -> dict[str, str]:
        """Attribute key -> the header it came from, for display and the segment editor."""
        return {
            c.key: c.header or f"Column {column_letter(c.index)}" for c in self.attribute_columns
        }


def has_phone_column(header: Sequence[str], spec: MappingSpec | None = None) -> bool:
    """Whether :func:`plan_columns` would find a phone column, without planning the rest
    (the header search asks this of up to 20 rows, each up to 16,384 cells wide)."""
    for raw in header:
        text = raw.strip()
        norm = normalise_header(text)
        if spec is not None and norm in spec.columns:
            if spec.columns[norm] == ColumnRole.PHONE.value:
                return True
        elif norm and (spec is None or spec.auto) and guess_role(text) is ColumnRole.PHONE:
            return True
    return False


def plan_columns(header: Sequence[str], spec: MappingSpec | None = None) -> ColumnPlan:
    """Decide each column's role and key from the header row (and a mapping, if given)."""
    taken: set[str] = set(_ROLE_VALUES)
    single_seen: set[ColumnRole] = set()
    columns: list[Column] = []
    found: set[str] = set()

    next_number: dict[str, int] = {}  # key -> the next suffix to try: linear, not quadratic

    def unique(key: str) -> str:
        candidate, n = key, next_number.get(key, 2)
        if candidate in taken:
            candidate = f"{key}_{n}"
            while candidate in taken:
                n += 1
                candidate = f"{key}_{n}"
            next_number[key] = n + 1
        taken.add(candidate)
        return candidate

    for index, raw in enumerate(header):
        text = raw.strip()
        norm = normalise_header(text)
        target: str | None = None
        if spec is not None and norm in spec.columns:
            target = spec.columns[norm]
            found.add(norm)
        role: ColumnRole
        if target is not None:
            role = ColumnRole(target) if target in _ROLE_VALUES else ColumnRole.ATTRIBUTE
        elif spec is None or spec.auto:
            role = guess_role(text) if norm else ColumnRole.ATTRIBUTE
        else:
            role = ColumnRole.ATTRIBUTE
        if role in SINGLE_ROLES:
            if role in single_seen:
                role, target = ColumnRole.ATTRIBUTE, role.value
            else:
                single_seen.add(role)
        if role is ColumnRole.ATTRIBUTE:
            base = target or attribute_key(text) or f"column_{column_letter(index).lower()}"
            key = unique(base)
        elif role in ATTRIBUTE_ROLES:
            key = role.value  # reserved in ``taken`` from the start
        else:
            key = role.value
        columns.append(Column(index=index, header=text, role=role, key=key))
    unmatched = (
        ()
        if spec is None
        else tuple(spec.headers[norm] for norm in spec.columns if norm not in found)
    )
    return ColumnPlan(columns=tuple(columns), unmatched=unmatched)
