"""The report's words for a study without NPS: overall satisfaction takes NPS's place.

:class:`reports.texts.Texts` made with ``outcome="csi_overall"`` takes a key from here
before the general table, so the chapters keep one code path and a CSI-only report never
speaks of NPS, promoters or detractors. The loyalty groups keep their keys (``detractor``,
``passive``, ``promoter``) and read as the dissatisfied, neutral and satisfied clients.
"""

from __future__ import annotations

CSI_ONLY: dict[str, tuple[str, str]] = {
    # ---- sections, axes, captions
    "sec_overall": ("Общая удовлетворённость", "Overall satisfaction"),
    "sec_overall_total": ("Удовлетворённость в целом", "Overall satisfaction of all clients"),
    "sec_overall_segments": ("Удовлетворённость по сегментам", "Overall satisfaction by segment"),
    "sec_nps_breakdowns": (
        "Удовлетворённость по характеристикам клиентов",
        "Overall satisfaction by client attributes",
    ),
    "sec_drivers": ("Что определяет удовлетворённость", "What drives satisfaction"),
    "col_nps": ("Оценка", "Score"),
    "col_satisfied": ("Удовлетворены", "Satisfied"),
    "col_neutral": ("Нейтральны", "Neutral"),
    "col_dissatisfied": ("Не удовлетворены", "Dissatisfied"),
    "col_r": ("Корреляция с общей оценкой", "Correlation with overall satisfaction"),
    "ax_overall_answer": ("Общая оценка", "Overall satisfaction rating"),
    "ax_overall": (
        "Общая удовлетворённость, 0–100 (точка — оценка, полоса — 95 % ДИ)",
        "Overall satisfaction, 0–100 (dot: estimate, bar: 95% CI)",
    ),
    "ax_lmg": (
        "Доля объяснённой дисперсии общей оценки (95 % бутстреп-ДИ)",
        "Share of explained variance of overall satisfaction (95% bootstrap CI)",
    ),
    "cap_overall_dist": (
        "Распределение общих оценок удовлетворённости (n = {n})",
        "Distribution of overall satisfaction ratings (n = {n})",
    ),
    "cap_overall_segments": (
        "Общая удовлетворённость по сегментам с 95-процентными доверительными интервалами",
        "Overall satisfaction by segment with 95% confidence intervals",
    ),
    "cap_overall_segment_table": (
        "Общая удовлетворённость и её состав по сегментам",
        "Overall satisfaction and its composition by segment",
    ),
    "cap_breakdown": (
        "Общая удовлетворённость по признаку «{name}»",
        "Overall satisfaction by {name}",
    ),
    "cap_drivers": (
        "Относительная важность факторов удовлетворённости (метод LMG)",
        "Relative importance of the drivers of satisfaction (LMG)",
    ),
    "cap_drivers_table": (
        "Важность факторов удовлетворённости: три метода",
        "Importance of the drivers of satisfaction by three methods",
    ),
    "cap_themes_groups": (
        "Темы по группам удовлетворённости (число ответов)",
        "Themes by satisfaction group (number of answers)",
    ),
    # ---- the loyalty groups
    "promoter": ("довольный клиент", "satisfied client"),
    "passive": ("нейтральный клиент", "neutral client"),
    "detractor": ("недовольный клиент", "dissatisfied client"),
    "promoters": ("Довольные", "Satisfied"),
    "passives": ("Нейтральные", "Neutral"),
    "detractors": ("Недовольные", "Dissatisfied"),
    # ---- sentences
    "summary_overall": (
        "Общая удовлетворённость — {score} из 100 (95 % доверительный интервал {ci}): "
        "удовлетворены {sat}, нейтральны {neu}, не удовлетворены {dis}.",
        "Overall satisfaction is {score} out of 100 (95% confidence interval {ci}): {sat} "
        "satisfied, {neu} neutral and {dis} dissatisfied.",
    ),
    "overall_total": (
        "Из {n} клиентов, оценивших сотрудничество в целом, {sat} удовлетворены ({high}), "
        "{neu} — нейтральны и {dis} не удовлетворены ({low}). Общая удовлетворённость — "
        "{score} из 100; с вероятностью 95 % истинное значение лежит в интервале {ci}.",
        "Of the {n} clients who rated the relationship overall, {sat} are satisfied "
        "({high}), {neu} neutral and {dis} dissatisfied ({low}). Overall satisfaction is "
        "{score} out of 100; the 95% confidence interval is {ci}.",
    ),
    "overall_missing": (
        "Ещё {k} {respondents} затруднились с общей оценкой или отказались отвечать; в расчёт "
        "они не входят.",
        "Another {k} respondents did not give an overall rating (don't know or refused) and "
        "are left out.",
    ),
    "overall_segments_lead": (
        "Общая удовлетворённость сегментов сравнивается на шкале 0–100 критерием Уэлча; "
        "значимыми названы только различия, устоявшие после поправки Холма на все "
        "сравнения отчёта.",
        "Overall satisfaction of the segments is compared on the 0–100 scale with Welch's "
        "t test; only differences that survive Holm's correction over all the report's "
        "comparisons are called significant.",
    ),
    "nps_diff": (
        "Общая удовлетворённость в сегменте «{a}» на {diff} {points} {direction}, чем в "
        "сегменте «{b}» ({p}).",
        "Overall satisfaction in the “{a}” segment is {diff} {points} {direction} than in "
        "the “{b}” segment ({p}).",
    ),
    "overall_vs_rest": (
        "Общая удовлетворённость в сегменте «{a}» на {diff} {points} {direction}, чем у "
        "остальных клиентов ({p}).",
        "Overall satisfaction in the “{a}” segment is {diff} {points} {direction} than among "
        "the other clients ({p}).",
    ),
    "no_segment_diff": (
        "Статистически значимых различий общей удовлетворённости между сегментами нет: "
        "наблюдаемые расхождения укладываются в погрешность выборки.",
        "No segment differs significantly from another in overall satisfaction: the gaps "
        "observed are within sampling error.",
    ),
    "summary_drivers": (
        "Сильнее всего общая удовлетворённость связана с {items} (доли объяснённой дисперсии "
        "общей оценки).",
        "Overall satisfaction depends most on {items} (shares of the explained variance of "
        "the overall rating).",
    ),
    "method_stats": (
        "Общая удовлетворённость и оценки сторон работы переведены в шкалу 0–100 (на шкале "
        "1–5: 1 — 0, 5 — 100); ответы «затрудняюсь ответить» в средние не входят. "
        "Удовлетворёнными считаются клиенты в верхней четверти шкалы (4–5 из 5), "
        "неудовлетворёнными — в нижней половине (1–2 из 5). Интервалы средних — по "
        "t-распределению. Индекс CSI — взвешенное среднее оценок сторон работы с весами "
        "{csi_weights}; его интервал — бутстреп по респондентам. Различия проверены "
        "критерием Уэлча. Цифры по группам меньше {min_base} интервью не приводятся: они "
        "слишком неточны.",
        "Overall satisfaction and the aspect ratings are rescaled to 0–100 (on a 1–5 scale "
        "1 is 0 and 5 is 100); “don't know” answers never enter a mean. Clients in the top "
        "quarter of the scale (4–5 of 5) count as satisfied, those in the lower half (1–2 "
        "of 5) as dissatisfied. Intervals of means use the t distribution. The CSI is the "
        "weighted mean of the aspect scores with {csi_weights}; its interval is a bootstrap "
        "over respondents. Differences are tested with Welch's t test. Figures for groups "
        "of fewer than {min_base} interviews are not shown: they are too imprecise.",
    ),
    "breakdown_best_worst": (
        "Выше всего общая удовлетворённость у группы «{best}» ({best_v}), ниже всего — у "
        "группы «{worst}» ({worst_v}).",
        "Overall satisfaction is highest in the “{best}” group ({best_v}) and lowest in "
        "“{worst}” ({worst_v}).",
    ),
    "drivers_lead": (
        "Заявленная важность часто одинаково высока у всех сторон работы, поэтому мы "
        "оценили и производную важность: насколько каждая сторона связана с общей "
        "удовлетворённостью. Доля объяснённой дисперсии общей оценки разложена между "
        "сторонами методом LMG (вектор Шепли для R², Groemping, 2006); интервалы — бутстреп, "
        "{b} повторов. Модель объясняет {r2} дисперсии общей оценки (n = {n}).",
        "Stated importance is often uniformly high, so we also estimated derived importance: "
        "how strongly each aspect is tied to overall satisfaction. The explained variance of "
        "the overall rating is split among aspects with LMG (the Shapley value of R², "
        "Groemping, 2006); intervals come from {b} bootstrap resamples. The model explains "
        "{r2} of the variance of the overall rating (n = {n}).",
    ),
    "segment_numbers": (
        "В сегменте «{name}» — {n} {interviews}{of_population}; погрешность ±{margin} п. п. "
        "Общая удовлетворённость — {nps} из 100 (95 % ДИ {ci}){vs_total}. Индекс CSI — {csi}.",
        "The “{name}” segment has {n} interviews{of_population}; margin of error ±{margin} "
        "points. Overall satisfaction is {nps} out of 100 (95% CI {ci}){vs_total}. The CSI "
        "is {csi}.",
    ),
    "verbatims_lead": (
        "Ниже — типичные ответы по каждому открытому вопросу, по группам удовлетворённости. "
        "Ответы приводятся дословно; телефоны и адреса электронной почты скрыты.",
        "Typical answers to each open question follow, by satisfaction group. Answers are "
        "verbatim; phone numbers and e-mail addresses are removed.",
    ),
    "rec_lead": (
        "Рекомендации упорядочены по ожидаемому эффекту. Стороны работы ранжированы по "
        "произведению важности (доля в объяснённой дисперсии общей удовлетворённости) на "
        "запас роста оценки до 100; действием становятся только стороны с важностью не ниже "
        "средней. Затем идут сегменты и группы клиентов, значимо отстающие по общей "
        "удовлетворённости, темы жалоб и звонки недовольным клиентам.",
        "The recommendations are in order of expected effect. Aspects are ranked by "
        "importance (their share of the explained variance of overall satisfaction) times "
        "their room to improve up to 100; only aspects of at least average importance become "
        "actions. Segments and groups significantly behind in overall satisfaction, "
        "complaint themes and calls to dissatisfied clients follow.",
    ),
    "rec_improve_weak": (
        "Повысить удовлетворённость клиентов по пункту «{name}»: это {lever} ({share} "
        "объяснённой дисперсии общей оценки), а оценка — {score} из 100, ниже средней"
        "{mentions}.",
        "Improve how clients rate “{name}”: it is {lever} ({share} of the explained variance "
        "of overall satisfaction) and scores {score} out of 100, below average{mentions}.",
    ),
    "rec_improve_strong": (
        "Развивать сильную сторону «{name}»: это {lever} ({share} объяснённой дисперсии "
        "общей оценки); оценка {score} из 100 выше средней, но запас роста остаётся"
        "{mentions}.",
        "Build on “{name}”: it is {lever} ({share} of the explained variance of overall "
        "satisfaction); it scores {score} out of 100, above average, with room still to grow"
        "{mentions}.",
    ),
    "lever_first": ("главный фактор удовлетворённости", "the strongest driver of satisfaction"),
    "lever_other": ("один из главных факторов удовлетворённости", "a major driver of satisfaction"),
    "rec_mentions": (
        "; об этом пишут недовольные и нейтральные клиенты (ответов: {k}), например: «{quote}»",
        "; {k} open answers of dissatisfied and neutral clients mention it, e.g. “{quote}”",
    ),
    "rec_segment": (
        "Отдельно поработать с сегментом «{name}»: общая удовлетворённость {nps} из 100, на "
        "{diff} {points} ниже, чем {other}. {themes}",
        "Work on the “{name}” segment separately: overall satisfaction {nps} out of 100, "
        "{diff} points below {other}. {themes}",
    ),
    "rec_theme": (
        "Разобраться с темой «{theme}»: её упоминают {share} недовольных клиентов, "
        "например: «{quote}».",
        "Look into “{theme}”: {share} of dissatisfied clients mention it, e.g. “{quote}”.",
    ),
    "rec_breakdown": (
        "Разобрать с руководителями группу «{name}» ({attribute}): общая удовлетворённость "
        "значимо ниже, чем у остальных ({diff} {points}).",
        "Review the “{name}” group ({attribute}) with management: overall satisfaction is "
        "significantly below the rest ({diff} points).",
    ),
    "rec_detractors": (
        "Связаться с недовольными клиентами ({k} {clients}), пока они не ушли: "
        "выяснить причину и договориться, что будет исправлено.",
        "Contact the {k} dissatisfied clients before they leave: find out what went wrong "
        "and agree what will be put right.",
    ),
    "rec_watch": (
        "Следить за оценкой «{name}» ({score} из 100, ниже средней), но не ставить её в "
        "приоритет: на общую удовлетворённость она влияет слабо ({share} объяснённой "
        "дисперсии общей оценки).",
        "Monitor how clients rate “{name}” ({score} out of 100, below average) without "
        "making it a priority: it moves overall satisfaction little ({share} of the "
        "explained variance of the overall rating).",
    ),
    "rec_hold": (
        "Удерживать нынешний уровень по пунктам {items}: их оценки выше средних, а "
        "дополнительные усилия почти не изменят общую удовлетворённость.",
        "Hold today's level on {items}: they score above average, and more effort there "
        "would hardly move overall satisfaction.",
    ),
    # ---- weighting and scorecards: overall satisfaction (0-100) in NPS's place
    "method_weighting_effect": (
        "Без взвешивания общая удовлетворённость составила бы {unweighted} из 100, "
        "со взвешиванием — {weighted}.",
        "Unweighted, overall satisfaction would be {unweighted} out of 100; weighted, it is "
        "{weighted}.",
    ),
    "w_nps_unweighted": (
        "Общая удовлетворённость без взвешивания",
        "Overall satisfaction, unweighted",
    ),
    "w_nps_weighted": ("Общая удовлетворённость со взвешиванием", "Overall satisfaction, weighted"),
    "scorecards_intro": (
        "Исследование объясняет общую удовлетворённость, поэтому карточки сравнивают её "
        "(0–100). Клиенты достаются сотруднику вместе с их историей: у того, чья база "
        "состоит в основном из ушедших клиентов, оценка будет ниже при любой работе. Поэтому "
        "удовлетворённость клиентов каждой группы сравнивается с ожидаемой — той, которую "
        "дали бы её клиенты, если бы каждый отвечал как средний клиент своего сегмента "
        "(косвенная стандартизация). Разница «факт − ожидание» в пунктах шкалы 0–100 и есть "
        "оценка с поправкой на состав клиентов; по ней группы упорядочены в таблице.",
        "The study explains overall satisfaction, so the scorecards compare it (0-100). "
        "A person inherits their clients: one whose book is mostly lost clients "
        "shows lower satisfaction however well they work. Each group's overall satisfaction "
        "is therefore compared with the one expected from its clients - what they would give "
        "if each answered like the average client of their segment (indirect "
        "standardisation). The difference, actual minus expected, in points of the 0-100 "
        "scale, is the figure adjusted for the client mix; the table is ordered by it.",
    ),
    "scorecards_leader": (
        "С поправкой на состав клиентов первое место занимает {name}: общая "
        "удовлетворённость {nps} из 100, на {diff} {points} выше ожидаемой ({expected}) для "
        "её или его клиентов ({p} с поправкой на множественные сравнения).",
        "Adjusted for the client mix, {name} ranks first: overall satisfaction {nps} out of "
        "100, {diff} {points} above the {expected} expected from their clients ({p} after "
        "the correction for multiple comparisons).",
    ),
    "scorecards_leader_raw": (
        "По удовлетворённости без поправки {name} — на {rank}-м месте: {share} интервью с "
        "её или его клиентами приходится на сегмент «{segment}».",
        "By raw overall satisfaction {name} is only number {rank}: {share} of the interviews "
        "with their clients are in the segment \u201c{segment}\u201d.",
    ),
    "scorecards_sig": (
        "{name}: общая удовлетворённость на {diff} {points} {direction} ожидаемой для её или "
        "его клиентов ({p} с поправкой).",
        "{name}: overall satisfaction {diff} {points} {direction} what their clients' mix "
        "predicts ({p} after the correction).",
    ),
    "scorecards_nosig": (
        "Ни у одной группы общая удовлетворённость не отличается от ожидаемой для её "
        "клиентов сильнее, чем допускает случайность (с поправкой на все {k} сравнений "
        "отчёта); порядок в таблице описательный.",
        "No group's overall satisfaction differs from what its clients' mix predicts by more "
        "than chance allows (after the correction for all {k} comparisons of the report); "
        "the order of the table is descriptive.",
    ),
    "cap_scorecards": (
        "{name}: общая удовлетворённость (0–100), ожидаемая по составу клиентов, разница с "
        "95% ДИ и число интервью по сегментам",
        "{name}: overall satisfaction (0-100), the score expected from the client mix, the "
        "difference with its 95% CI and the interviews by segment",
    ),
    "cap_scorecards_chart": (
        "{name}: общая удовлетворённость выше (правее нуля) или ниже ожидаемой для своих "
        "клиентов, с 95% доверительным интервалом",
        "{name}: overall satisfaction above (right of zero) or below what their clients "
        "predict, with 95% confidence intervals",
    ),
    "axis_adjusted": (
        "Факт − ожидание, пункты шкалы 0–100",
        "Actual − expected, points of the 0-100 scale",
    ),
}

__all__ = ["CSI_ONLY"]
