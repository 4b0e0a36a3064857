"""The typed, immutable model of an interview script (see ``surveys/FORMAT.md``)."""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING, Annotated, Any, Literal, Union, cast

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, StringConstraints

from surveys.limits import MAX_NUMBER_DIGITS
from surveys.texts import Text

if TYPE_CHECKING:
    from surveys.roles import ScriptRoles
    from surveys.rules import Rules

SCHEMA_VERSION = 2  # 2: questions declare their roles (surveys/roles.py)
# The opening steps every script has; their ids cannot clash with question ids, which must
# start with a letter.
INTRO, CONSENT, RECORDING_CONSENT = "_intro", "_consent", "_recording_consent"
CONSENT_YES, CONSENT_NO = 1, 2
END = "end"  # a skip target that finishes the interview as complete

NUMBER_BOUND = 10**MAX_NUMBER_DIGITS
# Numbers in a script stay exact in exports, databases and conditions (surveys.limits).
Whole = Annotated[int, Field(gt=-NUMBER_BOUND, lt=NUMBER_BOUND)]
Number = Annotated[float, Field(gt=-NUMBER_BOUND, lt=NUMBER_BOUND, allow_inf_nan=False)]
Identifier = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$", max_length=64)]
SpecialKey = Literal["dont_know", "refused"]
QUESTION_TYPES = ("single", "multi", "nps", "rating", "grid", "numeric", "open", "info")


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Option(Model):
    """One answer option; ``code`` is what exports carry, ``key`` what conditions may use."""

    code: Whole
    label: Text
    key: Identifier | None = None
    other: bool = False  # "other, specify": choosing it asks for a text
    exclusive: bool = False  # multiple choice: cannot be combined with others ("none")
    anchor: bool = False  # keeps its place when the options are shuffled


class SpecialCode(Model):
    code: Whole
    label: Text


class Scale(Model):
    """A rating scale such as 1-5 or 0-10; ``labels`` name some points (usually the ends)."""

    min: Whole
    max: Whole
    labels: dict[Whole, Text] = Field(default_factory=dict)

    @property
    def points(self) -> range:
        return range(self.min, self.max + 1)


class Row(Model):
    """One aspect of a grid, such as "delivery" in a satisfaction grid."""

    id: Identifier
    label: Text
    anchor: bool = False


class SkipRule(Model):
    """After the question is answered: when ``if`` holds, continue at ``to`` (or ``end``)."""

    when: str = Field(alias="if")
    to: str


class ScreenOut(Model):
    """After the question is answered: when ``if`` holds, end as not eligible."""

    when: str = Field(alias="if")
    reason: Text | None = None


class QuestionBase(Model):
    id: Identifier
    text: Text
    note: Text | None = None  # interviewer instruction: shown apart, never read aloud
    show_if: str | None = None
    skip: list[SkipRule] = Field(default_factory=list)
    screen_out: list[ScreenOut] = Field(default_factory=list)
    required: bool = True
    special: list[SpecialKey] = Field(default_factory=list)
    role: str | None = None  # what the question is for in the analysis: surveys/roles.py

    @property
    def answerable(self) -> bool:
        return True


class SingleChoice(QuestionBase):
    type: Literal["single"]
    options: list[Option] = Field(min_length=2)
    randomize: bool = False


class MultipleChoice(QuestionBase):
    type: Literal["multi"]
    options: list[Option] = Field(min_length=2)
    randomize: bool = False
    min_choices: Whole = Field(default=1, ge=0)
    max_choices: Whole | None = Field(default=None, ge=1)


class NpsQuestion(QuestionBase):
    """Net Promoter Score: 0-10, promoters 9-10, detractors 0-6 (Reichheld, 2003)."""

    type: Literal["nps"]
    low_label: Text | None = None
    high_label: Text | None = None

    @property
    def scale(self) -> Scale:
        return Scale(min=0, max=10)


class RatingQuestion(QuestionBase):
    type: Literal["rating"]
    scale: Scale


class GridQuestion(QuestionBase):
    """Several aspects rated on one scale (CSI satisfaction, importance)."""

    type: Literal["grid"]
    scale: Scale
    rows: list[Row] = Field(min_length=1)
    randomize: bool = False


class NumericQuestion(QuestionBase):
    type: Literal["numeric"]
    min: Number | None = None
    max: Number | None = None
    integer: bool = True
    unit: Text | None = None


class OpenQuestion(QuestionBase):
    type: Literal["open"]
    max_length: Whole = Field(default=4000, ge=1)


class InfoScreen(QuestionBase):
    """Something the interviewer reads or does; acknowledged, not answered."""

    type: Literal["info"]

    @property
    def answerable(self) -> bool:
        return False


Question = Annotated[
    Union[  # noqa: UP007 - a discriminated union reads better spelled out
        SingleChoice,
        MultipleChoice,
        NpsQuestion,
        RatingQuestion,
        GridQuestion,
        NumericQuestion,
        OpenQuestion,
        InfoScreen,
    ],
    Field(discriminator="type"),
]
ChoiceQuestion = SingleChoice | MultipleChoice
ScaleQuestion = NpsQuestion | RatingQuestion


class Intro(Model):
    text: Text
    note: Text | None = None


class Consent(Model):
    """Consent to the interview and, optionally, to recording the call."""

    text: Text
    note: Text | None = None
    recording: Text | None = None
    recording_note: Text | None = None
    yes: Text | None = None
    no: Text | None = None


class Closing(Model):
    complete: Text
    screened_out: Text
    refused: Text


class ContactField(Model):
    type: Literal["text", "number", "date", "bool"] = "text"
    values: list[str] = Field(default_factory=list)


class AlertRule(Model):
    """A hot alert raised when ``if`` becomes true (detractor, problem, sales lead)."""

    kind: Identifier
    when: str = Field(alias="if")
    message: Text | None = None


class SpecialCodes(Model):
    dont_know: SpecialCode | None = None
    refused: SpecialCode | None = None


BUILTIN_CONTACT_FIELDS = ("company", "name", "position", "segment", "region")


class Script(Model):
    schema_version: int
    id: Identifier
    title: Text
    languages: list[Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}$")]] = Field(
        min_length=1
    )
    description: Text | None = None
    contact_fields: dict[Identifier, ContactField] = Field(default_factory=dict)
    special_codes: SpecialCodes = Field(default_factory=SpecialCodes)
    intro: Intro
    consent: Consent
    closing: Closing
    questions: list[Question] = Field(min_length=1)
    alerts: list[AlertRule] = Field(default_factory=list)

    # Set by the loader once the script's logic is checked (surveys.loader).
    _rules: Any = PrivateAttr(default=None)
    _source_text: str = PrivateAttr(default="")
    _file: str = PrivateAttr(default="<script>")
    _written_as: int = PrivateAttr(default=SCHEMA_VERSION)

    @property
    def rules(self) -> Rules:
        if self._rules is None:
            raise ValueError("this script was not loaded through surveys.load_script")
        return cast("Rules", self._rules)

    @property
    def source_text(self) -> str:
        """The YAML the script was loaded from (stored with each study version)."""
        return self._source_text

    @property
    def file(self) -> str:
        return self._file

    @property
    def written_as(self) -> int:
        """The schema_version of the file; older versions were upgraded on load."""
        return self._written_as

    @cached_property
    def roles(self) -> ScriptRoles:
        """The declared question roles (see ``surveys/roles.py``)."""
        from surveys.roles import script_roles

        return script_roles(self.questions)

    @cached_property
    def by_id(self) -> dict[str, QuestionBase]:
        return {q.id: q for q in self.questions}

    @cached_property
    def index(self) -> dict[str, int]:
        return {q.id: i for i, q in enumerate(self.questions)}

    def question(self, question_id: str) -> QuestionBase:
        return self.flow_by_id[question_id]

    @cached_property
    def flow(self) -> tuple[QuestionBase, ...]:
        """Every screen in order: introduction, consent, recording consent, the questions."""
        return (*self._opening_steps(), *self.questions)

    @cached_property
    def flow_by_id(self) -> dict[str, QuestionBase]:
        return {step.id: step for step in self.flow}

    @cached_property
    def flow_index(self) -> dict[str, int]:
        return {step.id: i for i, step in enumerate(self.flow)}

    def _opening_steps(self) -> list[QuestionBase]:
        from surveys.texts import builtin

        langs = self.languages
        yes = self.consent.yes or builtin("yes", langs) or {}
        no = self.consent.no or builtin("no", langs) or {}
        answers = [Option(code=CONSENT_YES, label=yes), Option(code=CONSENT_NO, label=no)]
        steps: list[QuestionBase] = [
            InfoScreen.model_construct(
                id=INTRO, type="info", text=self.intro.text, note=self.intro.note
            ),
            SingleChoice.model_construct(
                id=CONSENT,
                type="single",
                text=self.consent.text,
                note=self.consent.note,
                options=answers,
            ),
        ]
        if self.consent.recording is not None:
            steps.append(
                SingleChoice.model_construct(
                    id=RECORDING_CONSENT,
                    type="single",
                    text=self.consent.recording,
                    note=self.consent.recording_note,
                    options=answers,
                )
            )
        return steps

    def contact_field_type(self, name: str) -> ContactField | None:
        if name in self.contact_fields:
            return self.contact_fields[name]
        if name in BUILTIN_CONTACT_FIELDS:
            return ContactField()
        return None
