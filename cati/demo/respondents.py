"""Simulated respondents with known opinions, so the demo report's findings can be checked.

The demo study fields ``resources/scripts/b2b_nps_csi.yaml``. Each simulated respondent has
a latent satisfaction with six aspects of service, drawn once per interview from the
contact's own data; every answer follows from it. The model, with its true numbers:

Satisfaction with aspect *a* (latent, standard-normal scale)::

    z_a = mu_a + recency_shift + manager_shift_a + e_a,     e_a ~ N(0, 1)

    mu: quality +0.3, documents +0.3, manager +0.2, support +0.2, delivery -0.1, price -0.4
    recency_shift: lost clients -0.5, new clients +0.2, regular clients 0
    manager_shift on the "manager" aspect: Игорь Белов -1.0, Светлана Ким +0.5

The CSI grid rating of aspect *a* is ``round(3 + 0.9 z_a)`` clipped to 1-5 ("don't know"
with probability 0.04). The likelihood to recommend is driven by four aspects with known
weights (the drivers analysis must recover this order)::

    L = 0.45 z_manager + 0.30 z_quality + 0.15 z_delivery + 0.10 z_price
        + lost_shift + u,        lost_shift = -0.35 for lost clients,  u ~ N(0, 0.6)
    NPS answer = round(7 + 2 L) clipped to 0-10 ("don't know" with probability 0.02)

So NPS among lost clients is markedly lower than among regular clients (both through the
aspects and directly), which the report must call a significant difference. Stated
importance is drawn around quality 4.6, price 4.5, delivery 4.4, manager 4.0, support 3.6,
documents 3.4: what clients say matters differs from what drives their loyalty, as it does
in real studies. Open answers are taken from Russian phrases about the respondent's best
aspect (promoters, passives) or worst aspect (detractors).
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from surveys import Answer, Script
from surveys.model import CONSENT, INTRO, RECORDING_CONSENT, QuestionBase
from surveys.simulate import random_answer

ASPECTS = ("quality", "manager", "delivery", "documents", "price", "support")
ASPECT_MEANS = {
    "quality": 0.6,
    "manager": 0.4,
    "documents": 0.3,
    "support": 0.2,
    "delivery": -0.1,
    "price": -0.4,
}
RECENCY_SHIFT = {"lost": -0.5, "new": 0.2, "regular": 0.0}
MANAGER_SHIFT = {"Игорь Белов": -1.0, "Светлана Ким": 0.5}
DRIVER_WEIGHTS = {"manager": 0.45, "quality": 0.30, "delivery": 0.15, "price": 0.10}
LOST_NPS_SHIFT = -0.35
STATED_IMPORTANCE = {
    "quality": 4.6,
    "price": 4.5,
    "delivery": 4.4,
    "manager": 4.0,
    "support": 3.6,
    "documents": 3.4,
}

PRAISE = {
    "quality": (
        "Качество продукции стабильно хорошее, брака почти нет.",
        "Продукция всегда соответствует сертификатам, претензий нет.",
    ),
    "manager": (
        "Менеджер всегда на связи и быстро решает вопросы.",
        "Очень внимательный менеджер, знает наши потребности.",
    ),
    "delivery": (
        "Привозят точно в срок, даже срочные заказы.",
        "Доставка быстрая, удобно, что можно забрать со склада.",
    ),
    "documents": ("Документы всегда в порядке, закрывающие приходят вовремя.",),
    "price": ("Цены адекватные, есть скидки для постоянных клиентов.",),
    "support": ("Технические специалисты грамотно консультируют по подбору.",),
}
COMPLAINTS = {
    "quality": (
        "Были партии с браком, возврат оформляли долго.",
        "Качество стало хуже, чем пару лет назад.",
    ),
    "manager": (
        "Менеджер не перезванивает, приходится по несколько раз напоминать.",
        "Сменился менеджер, новый не знает нашу специфику.",
    ),
    "delivery": (
        "Постоянно срывают сроки поставки, страдает производство.",
        "Доставка задерживается на неделю и больше.",
    ),
    "documents": ("Счета и накладные приходят с ошибками, бухгалтерия недовольна.",),
    "price": (
        "Цены выше, чем у конкурентов, скидок не дождаться.",
        "Подняли цены без предупреждения.",
    ),
    "support": ("Не смогли получить консультацию по монтажу.",),
}


@dataclass
class DemoRespondent:
    """One simulated respondent: latent opinions drawn once, answers derived from them."""

    satisfaction: dict[str, float]
    nps_latent: float
    recency: str
    rng: random.Random

    @classmethod
    def for_contact(cls, contact: Mapping[str, Any], seed: int) -> DemoRespondent:
        rng = random.Random(f"demo-respondent:{seed}")
        recency = str(contact.get("segment") or "regular")
        recency = recency if recency in RECENCY_SHIFT else "regular"
        manager = str(contact.get("manager") or "")
        satisfaction = {}
        for aspect in ASPECTS:
            shift = RECENCY_SHIFT[recency]
            if aspect == "manager":
                shift += MANAGER_SHIFT.get(manager, 0.0)
            satisfaction[aspect] = ASPECT_MEANS[aspect] + shift + rng.gauss(0, 1)
        latent = sum(w * satisfaction[a] for a, w in DRIVER_WEIGHTS.items())
        latent += (LOST_NPS_SHIFT if recency == "lost" else 0.0) + rng.gauss(0, 0.6)
        return cls(satisfaction, latent, recency, rng)

    @property
    def nps(self) -> int:
        return max(0, min(10, round(7 + 2 * self.nps_latent)))

    def best(self) -> str:
        return max(self.satisfaction, key=self.satisfaction.__getitem__)

    def worst(self) -> str:
        return min(self.satisfaction, key=self.satisfaction.__getitem__)

    def answer(self, script: Script, question: QuestionBase) -> Answer:
        """This respondent's answer to ``question`` (a valid one for any script)."""
        rng = self.rng
        qid = question.id
        handler = getattr(self, f"_answer_{qid}", None)
        if qid in (INTRO,):
            return Answer()
        if qid in (CONSENT, RECORDING_CONSENT):
            return Answer(1 if rng.random() < 0.93 else 2)
        if handler is not None and script.id == "b2b_nps_csi":
            return handler(question)
        return random_answer(script, question, rng)

    # -- the b2b_nps_csi questions ----------------------------------------------------------

    def _answer_role(self, question: QuestionBase) -> Answer:
        return Answer(self.rng.choices((1, 2, 3, 4), (35, 35, 26, 4))[0])

    def _answer_tenure(self, question: QuestionBase) -> Answer:
        if self.recency == "new":
            return Answer(1)
        return Answer(self.rng.choices((2, 3, 4), (35, 30, 35))[0])

    def _answer_new_choice_reason(self, question: QuestionBase) -> Answer:
        return Answer(
            self.rng.choice(
                (
                    "Порекомендовали партнёры.",
                    "Нашли в интернете, понравились цены.",
                    "Был нужный товар в наличии.",
                )
            )
        )

    def _answer_lost_reasons(self, question: QuestionBase) -> Answer:
        codes = {"price": 1, "quality": 2, "delivery": 3, "manager": 4}
        worst = sorted(codes, key=self.satisfaction.__getitem__)[:2]
        chosen = {codes[worst[0]]}
        if self.rng.random() < 0.5:
            chosen.add(codes[worst[1]])
        if self.rng.random() < 0.4:
            chosen.add(5)  # moved to a competitor
        return Answer(tuple(sorted(chosen)))

    def _answer_lost_return(self, question: QuestionBase) -> Answer:
        worst = self.worst()
        wishes = {
            "price": "Снизить цены или дать скидку на объём.",
            "delivery": "Гарантировать сроки поставки.",
            "manager": "Назначить ответственного менеджера.",
            "quality": "Решить вопрос с качеством продукции.",
        }
        return Answer(wishes.get(worst, "Сделать индивидуальное предложение."))

    def _answer_nps(self, question: QuestionBase) -> Answer:
        if self.rng.random() < 0.02:
            return Answer(special="dont_know")
        return Answer(self.nps)

    def _answer_nps_promoter_why(self, question: QuestionBase) -> Answer:
        return Answer(self.rng.choice(PRAISE[self.best()]))

    def _answer_nps_passive_why(self, question: QuestionBase) -> Answer:
        return Answer(self.rng.choice(COMPLAINTS[self.worst()]))

    def _answer_nps_detractor_why(self, question: QuestionBase) -> Answer:
        return Answer(self.rng.choice(COMPLAINTS[self.worst()]))

    def _answer_csi(self, question: QuestionBase) -> Answer:
        rows: dict[str, int | str] = {}
        for aspect in ASPECTS:
            if self.rng.random() < 0.04:
                rows[aspect] = "dont_know"
            else:
                rows[aspect] = max(1, min(5, round(3 + 0.9 * self.satisfaction[aspect])))
        return Answer(rows)

    def _answer_csi_pain(self, question: QuestionBase) -> Answer:
        return Answer(self.rng.choice(COMPLAINTS[self.worst()]))

    def _answer_importance(self, question: QuestionBase) -> Answer:
        return Answer(
            {
                aspect: max(1, min(5, round(STATED_IMPORTANCE[aspect] + self.rng.gauss(0, 0.6))))
                for aspect in ASPECTS
            }
        )

    def _answer_overall(self, question: QuestionBase) -> Answer:
        mean = sum(self.satisfaction.values()) / len(ASPECTS)
        return Answer(max(1, min(5, round(3 + 0.8 * mean + self.rng.gauss(0, 0.4)))))

    def _answer_competitors(self, question: QuestionBase) -> Answer:
        if self.rng.random() < 0.25:
            return Answer((96,))
        chosen = sorted(set(self.rng.sample((1, 2, 3, 4), self.rng.randint(1, 2))))
        return Answer(tuple(chosen))

    def _answer_share(self, question: QuestionBase) -> Answer:
        weights = (10, 25, 35, 30) if self.nps >= 7 else (35, 35, 20, 10)
        return Answer(self.rng.choices((1, 2, 3, 4), weights)[0])

    def _answer_interest(self, question: QuestionBase) -> Answer:
        return Answer(self.rng.choices((1, 2, 3, 4), (10, 5, 35, 50))[0])

    def _answer_problem_contact(self, question: QuestionBase) -> Answer:
        wants = self.nps <= 4 and self.rng.random() < 0.5
        return Answer(1 if wants else 2)

    def _answer_problem_text(self, question: QuestionBase) -> Answer:
        return Answer(self.rng.choice(COMPLAINTS[self.worst()]))

    def _answer_contact_channel(self, question: QuestionBase) -> Answer:
        return Answer(1)

    def _answer_source(self, question: QuestionBase) -> Answer:
        return Answer(tuple(sorted(self.rng.sample((1, 2, 3, 4, 5, 6), self.rng.randint(1, 2)))))

    def _answer_comment(self, question: QuestionBase) -> Answer:
        if self.rng.random() < 0.6:
            return Answer(None)
        return Answer(self.rng.choice(PRAISE[self.best()] + COMPLAINTS[self.worst()]))


def recency_of(last_order: date | None, first_order: date | None, today: date) -> str:
    """The recency segment the demo uses: lost after a year without orders, new within a
    year of the first order, regular otherwise."""
    if last_order is not None and (today - last_order).days > 365:
        return "lost"
    if first_order is not None and (today - first_order).days <= 365:
        return "new"
    return "regular"
