"""The demo's client base and simulated respondents: realistic, reproducible, checkable."""

from __future__ import annotations

import random
from datetime import date
from importlib import resources
from pathlib import Path

import pandas as pd
import pytest

from cati.demo.client_base import generate_rows, render_csv
from cati.demo.respondents import DRIVER_WEIGHTS, DemoRespondent, recency_of
from cati.sample import read_call_list
from reports.drivers import relative_importance
from surveys import Closing, InterviewState, answer, current_screen, load_script

BASE = Path(str(resources.files("resources.demo") / "client_base.csv"))
SCRIPT = Path(str(resources.files("resources.scripts") / "b2b_nps_csi.yaml"))


def test_the_shipped_base_is_what_the_generator_makes() -> None:
    assert BASE.read_bytes() == render_csv(generate_rows())


def test_the_base_reads_like_a_russian_crm_export_with_visible_rejects() -> None:
    raw = BASE.read_bytes()
    assert raw.decode("cp1251").splitlines()[0].startswith("Компания;ИНН;Контактное лицо")
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    with read_call_list(BASE) as calls:
        contacts = [item for item in calls if hasattr(item, "phones")]
        summary = calls.summary
    facts = summary.to_dict()
    assert (facts["encoding"], facts["delimiter"]) == ("cp1251", ";")
    assert facts["imported"] == 1500
    reasons = facts["rejected_by_reason"]
    assert reasons["duplicate_in_file"] == 25
    assert reasons["no_phone"] + reasons["invalid_phone"] == 18
    zones = {c.timezone for c in contacts}
    assert {
        "Europe/Kaliningrad",
        "Europe/Moscow",
        "Asia/Yekaterinburg",
        "Asia/Novosibirsk",
        "Asia/Vladivostok",
        "Asia/Almaty",
    } <= zones
    countries = {p.e164[:4] for c in contacts for p in c.phones}
    assert "+375" in countries  # Belarus
    assert any(p.extension for c in contacts for p in c.phones)
    assert {
        "manager",
        "revenue",
        "last_order",
        "first_order",
        "decision_role",
        "orders_per_year",
        "product",
    } <= set(contacts[0].attributes)


def _simulate(count: int) -> pd.DataFrame:
    script = load_script(SCRIPT)
    rng = random.Random(5)
    managers = ["Анна Котова", "Игорь Белов", "Марина Ершова", "Светлана Ким"]
    rows = []
    for seed in range(count):
        contact = {
            "company": "ООО «Тест»",
            "name": "Иван",
            "segment": rng.choice(["new", "regular", "regular", "lost"]),
            "manager": rng.choice(managers),
        }
        respondent = DemoRespondent.for_contact(contact, seed)
        state = InterviewState(contact=contact, seed=seed, today=date(2026, 11, 1))
        shown = current_screen(script, state)
        while not isinstance(shown, Closing):
            accepted = answer(
                script,
                state,
                shown.question_id,
                respondent.answer(script, script.question(shown.question_id)),
            )
            state, shown = accepted.state, accepted.next
        if shown.status != "complete" or state.answers["nps"].special:
            continue
        row = {
            "segment": contact["segment"],
            "account_manager": contact["manager"],
            "nps": state.answers["nps"].value,
        }
        for aspect, value in state.answers["csi"].value.items():
            row[aspect] = value if isinstance(value, int) else None
        rows.append(row)
    return pd.DataFrame(rows)


def test_simulated_answers_carry_the_documented_drivers_and_segment_gap() -> None:
    data = _simulate(700).dropna()
    ranking = relative_importance(
        data[["quality", "manager", "delivery", "documents", "price", "support"]],
        data["nps"],
        method="lmg",
    )
    top = list(ranking.sort_values(ascending=False).index[:3])
    assert top == sorted(DRIVER_WEIGHTS, key=DRIVER_WEIGHTS.__getitem__, reverse=True)[:3]

    def nps_of(group: pd.Series) -> float:
        return 100 * ((group >= 9).mean() - (group <= 6).mean())

    by_segment = data.groupby("segment")["nps"].apply(nps_of)
    assert by_segment["regular"] - by_segment["lost"] > 25
    by_manager = data.groupby("account_manager")["manager"].mean()
    assert by_manager.idxmin() == "Игорь Белов"


def test_recency_rule() -> None:
    today = date(2026, 11, 1)
    assert recency_of(date(2025, 10, 1), date(2019, 1, 1), today) == "lost"
    assert recency_of(date(2026, 10, 1), date(2026, 3, 1), today) == "new"
    assert recency_of(date(2026, 10, 1), date(2019, 3, 1), today) == "regular"
