"""Every sentence and label of the client report, in Russian and English.

Sentences are templates filled from numbers by :mod:`reports.analysis`; numbers arrive
already formatted by :class:`reports.numbers.NumberFormat` (decimal comma in Russian).
Keeping the wording here, apart from the logic, lets an editor polish the language
without touching the statistics, and a test check that both languages have every key.
"""

from __future__ import annotations

from typing import Any

from reports.numbers import NumberFormat, plural_ru
from reports.texts_csi_only import CSI_ONLY

_T: dict[str, tuple[str, str]] = {
    # ---- title page and frame
    "report_kind": (
        "Отчёт об исследовании удовлетворённости и лояльности клиентов",
        "Customer satisfaction and loyalty study: report",
    ),
    "client": ("Заказчик", "Client"),
    "study": ("Исследование", "Study"),
    "fieldwork": ("Период опроса", "Fieldwork"),
    "interviews": ("Интервью", "Interviews"),
    "report_date": ("Дата отчёта", "Report date"),
    "agency": ("Исполнитель", "Prepared by"),
    "toc": ("Содержание", "Contents"),
    "page": ("Страница", "Page"),
    "figure": ("Рисунок", "Figure"),
    "table": ("Таблица", "Table"),
    # ---- section titles
    "sec_summary": ("Главное", "Executive summary"),
    "sec_method": ("Методология", "Methodology"),
    "sec_method_sample": ("Генеральная совокупность и выборка", "Population and sample"),
    "sec_method_outcomes": (
        "Результаты дозвона и показатели AAPOR",
        "Call outcomes and AAPOR rates",
    ),
    "sec_method_weighting": ("Взвешивание", "Weighting"),
    "sec_method_stats": ("Как читать цифры", "How to read the numbers"),
    "sec_method_questionnaire": ("Анкета", "Questionnaire"),
    "sec_nps": ("Индекс NPS", "Net Promoter Score"),
    "sec_nps_overall": ("NPS в целом", "Overall NPS"),
    "sec_nps_segments": ("NPS по сегментам", "NPS by segment"),
    "sec_nps_breakdowns": ("NPS по характеристикам клиентов", "NPS by client attributes"),
    "sec_csi": ("Удовлетворённость (CSI)", "Satisfaction (CSI)"),
    "sec_csi_aspects": ("Оценки отдельных сторон работы", "Satisfaction by aspect"),
    "sec_csi_segments": ("Удовлетворённость по сегментам", "Satisfaction by segment"),
    "sec_csi_importance": ("Удовлетворённость и важность", "Satisfaction and importance"),
    "sec_drivers": ("Что определяет лояльность", "What drives loyalty"),
    "sec_drivers_importance": ("Относительная важность факторов", "Relative importance"),
    "sec_drivers_ipa": ("Матрица «важность — исполнение»", "Importance-performance matrix"),
    "sec_segments": ("Портреты сегментов", "Segment profiles"),
    "sec_segment": ("Сегмент «{name}»", "Segment: {name}"),
    "sec_verbatims": ("Мнения клиентов", "What clients say"),
    "sec_themes": ("Темы открытых ответов", "Themes of open answers"),
    "sec_recommendations": ("Рекомендации", "Recommendations"),
    "sec_appendix_tables": (
        "Приложение А. Ответы на закрытые вопросы",
        "Appendix A. Answers to closed questions",
    ),
    "sec_appendix_questionnaire": ("Приложение Б. Анкета", "Appendix B. The questionnaire"),
    "sec_appendix_outcomes": ("Приложение В. Результаты дозвона", "Appendix C. Call outcomes"),
    # ---- column headers
    "col_segment": ("Сегмент", "Segment"),
    "col_group": ("Группа", "Group"),
    "col_n": ("n", "n"),
    "col_population": ("Клиентов в базе", "Clients in base"),
    "col_target": ("План", "Target"),
    "col_completes": ("Интервью", "Interviews"),
    "col_coverage": ("Доля опрошенных", "Share interviewed"),
    "col_margin": ("Погрешность, ±п. п.", "Margin, ± pts"),
    "col_weight": ("Вес", "Weight"),
    "col_promoters": ("Сторонники", "Promoters"),
    "col_passives": ("Нейтралы", "Passives"),
    "col_detractors": ("Критики", "Detractors"),
    "col_nps": ("NPS", "NPS"),
    "col_ci": ("95 % ДИ", "95% CI"),
    "col_aspect": ("Сторона работы", "Aspect"),
    "col_score": ("Оценка, 0–100", "Score, 0–100"),
    "col_mean_raw": ("Средний балл", "Mean rating"),
    "col_top2": ("Доля «4–5»", "Top-2 box"),
    "col_dk": ("Не знаю", "Don't know"),
    "col_index": ("Индекс CSI", "CSI"),
    "col_total": ("Все клиенты", "All clients"),
    "col_diff": ("Разница", "Difference"),
    "col_p": ("p (Холм)", "p (Holm)"),
    "col_significant": ("Значимо", "Significant"),
    "col_pair": ("Сравнение", "Comparison"),
    "col_satisfaction": ("Удовлетворённость", "Satisfaction"),
    "col_importance": ("Важность (заявленная)", "Stated importance"),
    "col_lmg": ("Доля в R² (LMG)", "Share of R² (LMG)"),
    "col_johnson": ("Доля в R² (Джонсон)", "Share of R² (Johnson)"),
    "col_r": ("Корреляция с NPS", "Correlation with NPS"),
    "col_quadrant": ("Квадрант", "Quadrant"),
    "col_rank": ("Очерёдность", "Priority"),
    "col_theme": ("Тема", "Theme"),
    "col_count": ("Упоминаний", "Mentions"),
    "col_complaints": ("Жалоб", "Complaints"),
    "col_praise": ("Похвал", "Praise"),
    "col_neutral": ("Нейтральных", "Neutral"),
    "col_share_verbatims": ("Доля ответов", "Share of answers"),
    "col_examples": ("Пример", "Example"),
    "col_answer": ("Ответ", "Answer"),
    "col_share": ("Доля", "Share"),
    "col_code": ("Код", "Code"),
    "col_outcome": ("Результат", "Outcome"),
    "col_cases": ("Контактов", "Cases"),
    "col_rate": ("Показатель", "Rate"),
    "col_value": ("Значение", "Value"),
    "col_meaning": ("Что означает", "Meaning"),
    "col_statistic": ("Показатель", "Statistic"),
    "col_mean": ("Среднее", "Mean"),
    "yes": ("да", "yes"),
    "no": ("нет", "no"),
    "total": ("Итого", "Total"),
    "all_clients": ("Все клиенты", "All clients"),
    "n_too_small": ("мало ответов", "n too small"),
    "dont_know": ("Затрудняюсь ответить", "Don't know"),
    "refused": ("Отказ от ответа", "Refused"),
    "mean": ("Среднее", "Mean"),
    "median": ("Медиана", "Median"),
    "minimum": ("Минимум", "Minimum"),
    "maximum": ("Максимум", "Maximum"),
    "promoter": ("сторонник", "promoter"),
    "passive": ("нейтрал", "passive"),
    "detractor": ("критик", "detractor"),
    "promoters": ("Сторонники", "Promoters"),
    "passives": ("Нейтралы", "Passives"),
    "detractors": ("Критики", "Detractors"),
    # ---- quadrants
    "concentrate here": ("Исправить в первую очередь", "Concentrate here"),
    "keep up the good work": ("Сильные стороны: сохранить", "Keep up the good work"),
    "low priority": ("Низкий приоритет", "Low priority"),
    "possible overkill": ("Возможно, избыточные усилия", "Possible overkill"),
    # ---- axis labels
    "ax_nps_answer": ("Оценка вероятности рекомендации (0–10)", "Likelihood to recommend (0–10)"),
    "ax_share": ("Доля ответов", "Share of answers"),
    "ax_nps": (
        "NPS, пункты (точка — оценка, полоса — 95 % ДИ)",
        "NPS, points (dot: estimate, bar: 95% CI)",
    ),
    "ax_score": ("Удовлетворённость, 0–100 (95 % ДИ)", "Satisfaction, 0–100 (95% CI)"),
    "ax_scale100": ("Шкала 0–100", "Scale 0–100"),
    "ax_lmg": (
        "Доля объяснённой дисперсии NPS (95 % бутстреп-ДИ)",
        "Share of explained variance of NPS (95% bootstrap CI)",
    ),
    "ax_importance": ("Важность (доля в R²)", "Importance (share of R²)"),
    "ax_performance": ("Удовлетворённость, 0–100", "Satisfaction, 0–100"),
    "ax_theme_share": (
        "Доля открытых ответов с упоминанием темы",
        "Share of open answers mentioning the theme",
    ),
    "legend_satisfaction": ("Удовлетворённость", "Satisfaction"),
    "legend_importance": ("Заявленная важность", "Stated importance"),
    "legend_segment": ("Сегмент", "Segment"),
    "legend_all": ("Все клиенты", "All clients"),
    "ref_total": ("все: {value}", "all: {value}"),
    # ---- captions
    "cap_nps_dist": (
        "Распределение оценок вероятности рекомендации (n = {n})",
        "Distribution of likelihood-to-recommend scores (n = {n})",
    ),
    "cap_nps_segments": (
        "NPS по сегментам с 95-процентными доверительными интервалами",
        "NPS by segment with 95% confidence intervals",
    ),
    "cap_nps_segment_table": (
        "NPS и состав ответов по сегментам",
        "NPS and its composition by segment",
    ),
    "cap_nps_pairs": (
        "Попарные сравнения NPS сегментов (поправка Холма)",
        "Pairwise comparisons of segment NPS (Holm-adjusted)",
    ),
    "cap_breakdown": ("NPS по признаку «{name}»", "NPS by {name}"),
    "cap_aspects": (
        "Удовлетворённость сторонами работы (шкала 0–100)",
        "Satisfaction with each aspect (0–100 scale)",
    ),
    "cap_aspects_table": (
        "Удовлетворённость сторонами работы: оценки и базы",
        "Satisfaction by aspect: scores and bases",
    ),
    "cap_csi_segments": (
        "Удовлетворённость по сегментам (шкала 0–100)",
        "Satisfaction by segment (0–100 scale)",
    ),
    "cap_sat_imp": (
        "Удовлетворённость и заявленная важность сторон работы (0–100)",
        "Satisfaction and stated importance of each aspect (0–100)",
    ),
    "cap_drivers": (
        "Относительная важность факторов NPS (метод LMG)",
        "Relative importance of NPS drivers (LMG)",
    ),
    "cap_drivers_table": (
        "Важность факторов NPS: три метода",
        "Importance of NPS drivers by three methods",
    ),
    "cap_ipa": (
        "Матрица «важность — исполнение» (номера точек — очерёдность улучшений в таблице ниже)",
        "Importance-performance matrix (point numbers are the fix-first order in the table below)",
    ),
    "cap_ipa_table": ("Квадранты и очерёдность улучшений", "Quadrants and fix-first order"),
    "cap_segment_profile": (
        "Сегмент «{name}» и все клиенты: удовлетворённость (0–100)",
        "Segment “{name}” against all clients: satisfaction (0–100)",
    ),
    "cap_segment_table": (
        "Сегмент «{name}»: оценки сторон работы",
        "Segment “{name}”: aspect scores",
    ),
    "cap_themes": ("Темы открытых ответов", "Themes in open answers"),
    "cap_themes_table": (
        "Темы открытых ответов: число упоминаний, из них жалоб, похвал и нейтральных",
        "Themes of open answers: mentions, of which complaints, praise and neutral",
    ),
    "cap_themes_groups": (
        "Темы по группам NPS (число ответов)",
        "Themes by NPS group (number of answers)",
    ),
    "cap_sample": (
        "Выборка и достигнутая точность по сегментам",
        "Sample and precision achieved by segment",
    ),
    "cap_rates": ("Показатели результативности опроса (AAPOR)", "Outcome rates (AAPOR)"),
    "cap_outcomes": (
        "Итоговые результаты по контактам (коды AAPOR)",
        "Final dispositions of all contacts (AAPOR codes)",
    ),
    "cap_outcomes_short": ("Результаты дозвона по группам", "Call outcomes by group"),
    "cap_question": ("Вопрос {number}. {text}", "Question {number}. {text}"),
    # ---- rate meanings
    "rate_RR": (
        "доля интервью среди всех подходящих контактов",
        "interviews among all eligible contacts",
    ),
    "rate_COOP": (
        "доля интервью среди тех, с кем удалось поговорить",
        "interviews among contacts who were reached",
    ),
    "rate_REF": ("доля отказов среди подходящих контактов", "refusals among eligible contacts"),
    "rate_CON": ("доля контактов, до которых удалось дозвониться", "contacts who were reached"),
    "outcome_group_1": ("Интервью", "Interviews"),
    "outcome_group_2": ("Подходящие, интервью не получено", "Eligible, no interview"),
    "outcome_group_3": ("Пригодность неизвестна", "Unknown eligibility"),
    "outcome_group_4": ("Не подходят", "Not eligible"),
}

# Sentences: separate table, since they are long.
_S: dict[str, tuple[str, str]] = {
    "summary_lead": (
        "С {start} по {end} мы опросили по телефону {n} {clients} компании {client}. "
        "Ниже — главные выводы; подробности, методика и все таблицы — в следующих разделах.",
        "Between {start} and {end} we interviewed {n} clients of {client} by telephone. "
        "The main findings are below; details, methods and every table follow.",
    ),
    "summary_nps": (
        "Индекс NPS составляет {nps} (95 % доверительный интервал {ci}): сторонников {p}, "
        "нейтралов {pas}, критиков {d}.",
        "The Net Promoter Score is {nps} (95% confidence interval {ci}): {p} promoters, "
        "{pas} passives and {d} detractors.",
    ),
    "summary_csi": (
        "Индекс удовлетворённости CSI — {csi} из 100 (95 % ДИ {ci}).",
        "The customer satisfaction index (CSI) is {csi} out of 100 (95% CI {ci}).",
    ),
    "summary_strong": (
        "Выше всего клиенты оценивают {items}.",
        "Clients rate {items} highest.",
    ),
    "summary_weak": (
        "Слабее всего оценены {items}.",
        "The weakest ratings go to {items}.",
    ),
    "aspect_with_score": ("{name} ({score})", "{name} ({score})"),
    "nps_diff": (
        "NPS в сегменте «{a}» на {diff} {points} {direction}, чем в сегменте «{b}» ({p}).",
        "NPS in the “{a}” segment is {diff} {points} {direction} than in the “{b}” segment ({p}).",
    ),
    "lower": ("ниже", "lower"),
    "higher": ("выше", "higher"),
    "no_segment_diff": (
        "Статистически значимых различий NPS между сегментами нет: наблюдаемые расхождения "
        "укладываются в погрешность выборки.",
        "No segment differs significantly from another in NPS: the gaps observed are within "
        "sampling error.",
    ),
    "summary_drivers": (
        "Сильнее всего готовность рекомендовать связана с {items} (доли объяснённой "
        "дисперсии NPS).",
        "Willingness to recommend depends most on {items} (shares of the explained variance "
        "of NPS).",
    ),
    "summary_actions": ("Что сделать в первую очередь:", "What to do first:"),
    "summary_weighted": (
        "Общие показатели взвешены по численности сегментов в клиентской базе.",
        "Totals are weighted to the size of each segment in the client base.",
    ),
    "summary_unweighted": (
        "Общие показатели не взвешены: каждое интервью учитывается один раз.",
        "Totals are unweighted: every interview counts once.",
    ),
    # ---- methodology
    "method_population": (
        "Генеральная совокупность — {population} {clients} компании {client} из клиентской "
        "базы, разделённых на {k} {segments}. Опрос проводился по телефону {period}; "
        "завершено {n} {interviews}.",
        "The population is the {population} clients of {client} in its client base, divided "
        "into {k} segments. Interviews were conducted by telephone {period}; {n} were "
        "completed.",
    ),
    "method_population_unknown": (
        "Опрос проводился по телефону {period}; завершено {n} {interviews} в {k} {segments}.",
        "Interviews were conducted by telephone {period}; {n} were completed in {k} segments.",
    ),
    "method_margin": (
        "Погрешность — половина ширины 95-процентного доверительного интервала для доли 50 % "
        "с поправкой на конечность совокупности (Cochran, 1977). По всей выборке она "
        "составляет ±{margin} п. п.",
        "The margin of error is half the width of the 95% confidence interval of a 50% share, "
        "with the finite population correction (Cochran, 1977). For the whole sample it is "
        "±{margin} points.",
    ),
    "method_rates": (
        "Из {cases} {contacts} базы интервью получено с {completes}. Уровень ответа AAPOR "
        "RR{rr} — {rr_value}, уровень сотрудничества COOP{coop} — {coop_value}. Полная таблица "
        "результатов — в приложении В.",
        "Of the {cases} contacts in the base, {completes} gave an interview. The AAPOR "
        "response rate RR{rr} is {rr_value} and the cooperation rate COOP{coop} "
        "{coop_value}. The full outcome table is in Appendix C.",
    ),
    "method_rates_missing": (
        "Данные о результатах дозвона не переданы в отчёт.",
        "Call outcome data were not supplied to this report.",
    ),
    "method_weighting_none": (
        "Результаты не взвешивались: каждое из {n} интервью учитывается с весом 1. Сегменты "
        "представлены в общих цифрах в той пропорции, в какой они опрошены; если доли "
        "сегментов в выборке и в базе различаются, общие показатели ближе к опрошенным, чем "
        "ко всей базе.",
        "Results are unweighted: each of the {n} interviews has weight 1. Segments enter the "
        "totals in the proportion in which they were interviewed; where that differs from "
        "the client base, totals describe the sample rather than the whole base.",
    ),
    "method_weighting_population": (
        "Общие показатели взвешены по численности сегментов в базе (постстратификация, "
        "Kalton & Flores-Cervantes, 2003): каждый опрошенный представляет столько клиентов "
        "своего сегмента, сколько приходится на одно интервью. Невзвешенная база — {n} "
        "интервью, взвешенная — {wn} клиентов. Эффект дизайна из-за неравных весов (Kish) — "
        "{deff}, эффективный размер выборки — {neff}; доверительные интервалы рассчитаны "
        "по эффективной базе. Внутри сегмента веса равны, поэтому цифры по сегментам от "
        "взвешивания не меняются.",
        "Totals are weighted to the size of each segment in the base (post-stratification, "
        "Kalton & Flores-Cervantes, 2003): each respondent stands for as many clients of their "
        "segment as one interview covers. The unweighted base is {n} interviews, the weighted "
        "base {wn} clients. Kish's design effect of the unequal weights is {deff}, the "
        "effective sample size {neff}; confidence intervals use the effective base. Weights are "
        "equal within a segment, so segment figures do not change.",
    ),
    "method_stats": (
        "NPS — доля сторонников (оценки 9–10) минус доля критиков (0–6), в пунктах от −100 до "
        "+100. Доверительный интервал NPS — скорректированный интервал Вальда для "
        "мультиномиальной выборки (Rocks, 2016). Оценки сторон работы по шкале 1–5 переведены "
        "в шкалу 0–100; ответы «затрудняюсь ответить» в средние не входят. Индекс CSI — "
        "взвешенное среднее оценок сторон работы с весами {csi_weights}; его интервал — "
        "бутстреп по респондентам. Различия проверены z-критерием для NPS и критерием Уэлча "
        "для средних. Цифры по группам меньше {min_base} интервью не приводятся: они "
        "слишком неточны.",
        "NPS is the share of promoters (scores 9–10) minus the share of detractors (0–6), in "
        "points from −100 to +100, with the adjusted-Wald interval for a multinomial sample "
        "(Rocks, 2016). Aspect ratings on 1–5 are rescaled to 0–100; “don't know” answers "
        "never enter a mean. The CSI is the weighted mean of the aspect scores with "
        "{csi_weights}; its interval is a bootstrap over respondents. Differences are tested "
        "with a z test for NPS and Welch's t test for means. Figures for groups of fewer than "
        "{min_base} interviews are not shown: they are too imprecise.",
    ),
    "method_family_holm": (
        "Все сравнения, о которых может говорить отчёт, — сегменты между собой и с остальными "
        "клиентами, группы каждого признака разбивки, оценки сторон работы по сегментам — "
        "проверены как одно семейство: {k} {comparisons}. p-значения скорректированы на "
        "множественные сравнения методом Холма по всему семейству, поэтому вероятность "
        "назвать различием хотя бы одно случайное расхождение не превышает {alpha}. "
        "Различием мы называем только то, что осталось значимым после этой поправки "
        "(таких сравнений {stated}); приведённые p-значения — скорректированные.",
        "Every comparison the report may state (segments with each other and with the other "
        "clients, the groups of every breakdown attribute, aspect scores by segment) is tested "
        "as one family of {k} comparisons. Their p-values are adjusted with Holm's method over "
        "the whole family, so the chance of calling even one chance gap a difference is at "
        "most {alpha}. Only comparisons that remain significant after this correction are "
        "called differences ({stated} of them); the p-values quoted are the adjusted ones.",
    ),
    "csi_weights_stated": ("весами заявленной важности", "stated-importance weights"),
    "csi_weights_derived": ("весами производной важности (LMG)", "derived (LMG) weights"),
    "csi_weights_equal": ("равными весами", "equal weights"),
    "method_questionnaire_short": (
        "Анкета «{title}» содержит {n} {questions}: {kinds}. Полный текст, как он звучал в "
        "интервью, — в приложении Б.",
        "The questionnaire “{title}” has {n} questions: {kinds}. The full text as read to "
        "respondents is in Appendix B.",
    ),
    # ---- NPS chapter
    "nps_overall": (
        "Из {n} клиентов, ответивших на вопрос о рекомендации, {p} — сторонники (9–10 баллов), "
        "{pas} — нейтралы (7–8) и {d} — критики (0–6). NPS = {nps}; с вероятностью 95 % "
        "истинное значение лежит в интервале {ci}.",
        "Of the {n} clients who answered the recommendation question, {p} are promoters "
        "(9–10), {pas} passives (7–8) and {d} detractors (0–6). NPS = {nps}; the 95% "
        "confidence interval is {ci}.",
    ),
    "nps_missing": (
        "Ещё {k} {respondents} затруднились с оценкой или отказались отвечать; в расчёт NPS "
        "они не входят.",
        "Another {k} respondents did not give a score (don't know or refused) and are left out "
        "of the NPS.",
    ),
    "nps_segments_lead": (
        "Сегменты сравниваются попарно; в таблице и на рисунке показаны все сегменты, "
        "в тексте различиями названы только статистически значимые.",
        "Segments are compared pairwise; the table and chart show every segment, and only "
        "statistically significant gaps are called differences in the text.",
    ),
    "nps_pairs_only_significant": (
        "В таблице — только значимые пары из {k} сравнений.",
        "Only the significant pairs of the {k} comparisons are shown.",
    ),
    "small_segments": (
        "В сегментах {names} меньше {min_base} интервью; цифры по ним не приводятся.",
        "Segments {names} have fewer than {min_base} interviews; their figures are not shown.",
    ),
    "breakdown_best_worst": (
        "Выше всего NPS у группы «{best}» ({best_v}), ниже всего — у группы «{worst}» ({worst_v}).",
        "NPS is highest in the “{best}” group ({best_v}) and lowest in “{worst}” ({worst_v}).",
    ),
    "breakdown_sig": (
        "Группа «{name}» значимо отличается от остальных клиентов тех же сегментов: {diff} "
        "{points} ({p}).",
        "The “{name}” group differs significantly from the other clients of the same segments: "
        "{diff} points ({p}).",
    ),
    "breakdown_nosig": (
        "Различия между группами по этому признаку статистически незначимы.",
        "The differences between these groups are not statistically significant.",
    ),
    "breakdown_lead": (
        "Те же расчёты по характеристикам клиентов, выбранным для анализа: кто именно "
        "доволен и недоволен.",
        "The same figures by the client attributes chosen for analysis: who exactly is happy "
        "and who is not.",
    ),
    # ---- CSI chapter
    "csi_lead": (
        "Клиенты оценили {k} {aspects} работы по шкале от 1 до 5. Для сравнения оценки "
        "переведены в шкалу 0–100: 0 — все поставили «1», 100 — все поставили «5».",
        "Clients rated {k} aspects of the service on a 1 to 5 scale. For comparison the "
        "ratings are rescaled to 0–100: 0 means everyone gave 1, 100 that everyone gave 5.",
    ),
    "csi_index": (
        "Индекс удовлетворённости CSI, взвешенный по {weights_kind}, — {csi} (95 % ДИ {ci}). "
        "Лучше всего оценена сторона «{best}» ({best_v}), хуже всего — «{worst}» "
        "({worst_v}).",
        "The CSI, weighted by {weights_kind}, is {csi} (95% CI {ci}). The best-rated aspect "
        "is “{best}” ({best_v}), the weakest “{worst}” ({worst_v}).",
    ),
    "weights_kind_stated": ("заявленной важности", "stated importance"),
    "weights_kind_derived": ("производной важности", "derived importance"),
    "weights_kind_equal": ("равным весам", "equal weights"),
    "csi_segments_lead": (
        "Звёздочкой отмечены оценки, значимо отличающиеся от остальных клиентов "
        "(критерий Уэлча, поправка Холма по всем сравнениям отчёта, 5 %).",
        "An asterisk marks scores that differ significantly from the other clients (Welch "
        "test, Holm-adjusted over all the report's comparisons, 5%).",
    ),
    "sat_imp_lead": (
        "Там, где важность заметно выше удовлетворённости, клиенты ждут большего, чем "
        "получают. Самый большой разрыв — у стороны «{name}»: важность {imp}, "
        "удовлетворённость {sat}.",
        "Where importance clearly exceeds satisfaction, clients expect more than they get. "
        "The largest gap is for “{name}”: importance {imp}, satisfaction {sat}.",
    ),
    # ---- drivers
    "drivers_lead": (
        "Заявленная важность часто одинаково высока у всех сторон работы, поэтому мы "
        "оценили и производную важность: насколько каждая сторона связана с готовностью "
        "рекомендовать. Доля объяснённой дисперсии NPS разложена между сторонами методом "
        "LMG (вектор Шепли для R², Groemping, 2006); интервалы — бутстреп, {b} повторов. "
        "Модель объясняет {r2} дисперсии оценок рекомендации (n = {n}).",
        "Stated importance is often uniformly high, so we also estimated derived importance: "
        "how strongly each aspect is tied to willingness to recommend. The explained variance "
        "of the recommendation score is split among aspects with LMG (the Shapley value of R², "
        "Groemping, 2006); intervals come from {b} bootstrap resamples. The model explains "
        "{r2} of the variance of the recommendation score (n = {n}).",
    ),
    "drivers_top": (
        "Главный фактор — «{first}» ({first_share} объяснённой дисперсии), за ним — "
        "«{second}» ({second_share}).",
        "The leading driver is “{first}” ({first_share} of the explained variance), followed "
        "by “{second}” ({second_share}).",
    ),
    "drivers_failed": (
        "Важность факторов оценить не удалось: {reason}.",
        "Driver importance could not be estimated: {reason}.",
    ),
    "ipa_lead": (
        "Матрица сопоставляет важность стороны работы (доля в R²) с её оценкой. Линии — "
        "средние значения по всем сторонам. Правый верхний квадрант — сильные стороны, "
        "левый верхний — то, что важно, но оценено ниже среднего: здесь улучшения дадут "
        "наибольший эффект.",
        "The matrix sets each aspect's importance (share of R²) against its score; the lines "
        "are the averages over aspects. Top right: strengths to keep; top left: important but "
        "below-average aspects, where improvement pays most.",
    ),
    # ---- segments
    "segment_numbers": (
        "В сегменте «{name}» — {n} {interviews}{of_population}; погрешность ±{margin} п. п. "
        "NPS = {nps} (95 % ДИ {ci}){vs_total}. Индекс CSI — {csi}.",
        "The “{name}” segment has {n} interviews{of_population}; margin of error ±{margin} "
        "points. NPS = {nps} (95% CI {ci}){vs_total}. The CSI is {csi}.",
    ),
    "of_population": (" из {pop} клиентов базы", " out of {pop} clients in the base"),
    "vs_total_sig": (
        ", что значимо {direction} остальных клиентов ({p})",
        ", significantly {direction} than the other clients ({p})",
    ),
    "vs_total_nosig": (
        "; от остальных клиентов значимо не отличается",
        "; not significantly different from the other clients",
    ),
    "segment_small": (
        "В сегменте «{name}» всего {n} {interviews} — меньше порога {min_base}, поэтому "
        "цифры по нему не приводятся (n слишком мало). Ответы ниже — только для "
        "иллюстрации.",
        "The “{name}” segment has only {n} interviews, below the threshold of {min_base}, so "
        "its figures are not shown (n too small). The answers below are illustrations only.",
    ),
    "strengths": ("Сильные стороны: {items}.", "Strengths: {items}."),
    "pains": ("Болевые точки: {items}.", "Pain points: {items}."),
    "sig_above": ("значимо выше остальных", "significantly above the rest"),
    "sig_below": ("значимо ниже остальных", "significantly below the rest"),
    "segment_themes": (
        "Главные темы жалоб клиентов этого сегмента: {items}.",
        "What this segment's clients complain about most: {items}.",
    ),
    "segment_verbatims": ("Что говорят клиенты сегмента:", "In the clients' own words:"),
    # ---- verbatims
    "themes_lead": (
        "Открытые ответы ({n}) разобраны по темам с помощью словаря, который исследователь "
        "может дополнить; один ответ может относиться к нескольким темам. Каждое упоминание "
        "темы — жалоба, похвала или нейтральное: по словам-оценкам с учётом отрицаний "
        "(«не всегда вовремя» — жалоба), а где текст оценки не даёт — по оценке самого "
        "клиента. {unmatched}",
        "The {n} open answers were coded into themes with a dictionary the research lead can "
        "extend; an answer may belong to several themes. Each mention is a complaint, praise "
        "or neutral, judged by its evaluative words with negation taken into account "
        "(“not always on time” is a complaint) or, where the words do not say, by the "
        "client's own rating. {unmatched}",
    ),
    "themes_unmatched": (
        "Ещё {k} {answers} не попали ни в одну тему.",
        "{k} answers matched no theme.",
    ),
    "no_verbatims": ("Открытых ответов нет.", "There are no open answers."),
    "verbatims_lead": (
        "Ниже — типичные ответы по каждому открытому вопросу, по группам NPS. Ответы "
        "приводятся дословно; телефоны и адреса электронной почты скрыты.",
        "Typical answers to each open question follow, by NPS group. Answers are verbatim; "
        "phone numbers and e-mail addresses are removed.",
    ),
    "verbatim_group": ("{group} ({n} {answers})", "{group} ({n} answers)"),
    "attribution": ("{group}, {segment}", "{group}, {segment}"),
    # ---- recommendations
    "rec_lead": (
        "Рекомендации упорядочены по ожидаемому эффекту. Стороны работы ранжированы по "
        "произведению важности (доля в объяснённой дисперсии NPS) на запас роста оценки до "
        "100; действием становятся только стороны с важностью не ниже средней. Затем идут "
        "сегменты и группы клиентов, значимо отстающие по NPS, темы жалоб и звонки критикам.",
        "The recommendations are in order of expected effect. Aspects are ranked by importance "
        "(their share of the explained variance of NPS) times their room to improve up to "
        "100; only aspects of at least average importance become actions. Segments and groups "
        "significantly behind in NPS, complaint themes and calls to detractors follow.",
    ),
    "rec_no_concentrate": (
        "Ни одна сторона работы не сочетает высокую важность с оценкой ниже средней: "
        "квадрант «сосредоточиться» пуст.",
        "No aspect is both important and weak: the “concentrate here” quadrant is empty.",
    ),
    "rec_improve_weak": (
        "Повысить удовлетворённость клиентов по пункту «{name}»: это {lever} ({share} "
        "объяснённой дисперсии NPS), а оценка — {score} из 100, ниже средней{mentions}.",
        "Improve how clients rate “{name}”: it is {lever} ({share} of the explained variance "
        "of NPS) and scores {score} out of 100, below average{mentions}.",
    ),
    "rec_improve_strong": (
        "Развивать сильную сторону «{name}»: это {lever} ({share} объяснённой дисперсии "
        "NPS); оценка {score} из 100 выше средней, но запас роста остаётся{mentions}.",
        "Build on “{name}”: it is {lever} ({share} of the explained variance of NPS); it "
        "scores {score} out of 100, above average, with room still to grow{mentions}.",
    ),
    "lever_first": ("главный фактор лояльности", "the strongest driver of loyalty"),
    "lever_other": ("один из главных факторов лояльности", "a major driver of loyalty"),
    "rec_mentions": (
        "; жалоб на это в открытых ответах — {k}, например: «{quote}»",
        "; {k} open answers complain about it, e.g. “{quote}”",
    ),
    "rec_segment": (
        "Отдельно поработать с сегментом «{name}»: NPS {nps}, на {diff} {points} ниже, "
        "чем {other}. {themes}",
        "Work on the “{name}” segment separately: NPS {nps}, {diff} points below {other}. {themes}",
    ),
    "rec_versus_segment": ("в сегменте «{name}»", "“{name}”"),
    "rec_versus_rest": ("у остальных клиентов", "the other clients"),
    "rec_segment_themes": (
        "Главные темы жалоб там: {items}.",
        "Its main complaints: {items}.",
    ),
    "rec_theme": (
        "Разобраться с темой «{theme}»: на неё жалуются {share} критиков, например: «{quote}».",
        "Look into “{theme}”: {share} of detractors complain about it, e.g. “{quote}”.",
    ),
    "rec_breakdown": (
        "Разобрать с руководителями группу «{name}» ({attribute}): NPS значимо ниже "
        "остальных ({diff} {points}).",
        "Review the “{name}” group ({attribute}) with management: NPS is significantly below "
        "the rest ({diff} points).",
    ),
    "rec_detractors": (
        "Связаться с критиками ({k} {clients}), пока они не ушли: у каждого в открытых "
        "ответах названа конкретная причина недовольства.",
        "Contact the {k} detractors before they leave: each of them named a concrete reason "
        "in the open answers.",
    ),
    "rec_watch": (
        "Следить за оценкой «{name}» ({score} из 100, ниже средней), но не ставить её в "
        "приоритет: на готовность рекомендовать она влияет слабо ({share} объяснённой "
        "дисперсии NPS).",
        "Monitor how clients rate “{name}” ({score} out of 100, below average) without making "
        "it a priority: it moves willingness to recommend little ({share} of the explained "
        "variance of NPS).",
    ),
    "rec_hold": (
        "Удерживать нынешний уровень: {items} — оценены выше среднего, а дополнительные "
        "вложения сюда на лояльность почти не повлияют.",
        "Hold today's level on {items}: they score above average, and more effort there would "
        "hardly move loyalty.",
    ),
    # ---- appendix
    "appendix_tables_lead": (
        "Доли рассчитаны от числа тех, кому задавался вопрос{weighted}. Для вопросов с "
        "несколькими ответами сумма долей может превышать 100 %.",
        "Shares are of those asked the question{weighted}. For questions allowing several "
        "answers the shares can add up to more than 100%.",
    ),
    "weighted_suffix": (" (взвешенные)", " (weighted)"),
    "base": ("База: {n} {respondents}.", "Base: {n} respondents."),
    "asked_if": ("Задаётся, если: {condition}", "Asked if: {condition}"),
    "note_interviewer": ("Указание интервьюеру: {text}", "Interviewer note: {text}"),
    "intro": ("Вступление", "Introduction"),
    "consent": ("Согласие на интервью", "Consent"),
    "recording": ("Согласие на запись", "Consent to recording"),
    "scale_points": ("Шкала от {low} до {high}: {labels}", "Scale {low} to {high}: {labels}"),
    "rows": ("Пункты:", "Items:"),
    "special_codes": ("Особые ответы: {items}", "Special answers: {items}"),
    "kind_single": ("один ответ", "single choice"),
    "kind_multi": ("несколько ответов", "multiple choice"),
    "kind_nps": ("NPS 0–10", "NPS 0–10"),
    "kind_rating": ("шкала", "rating scale"),
    "kind_grid": ("блок оценок", "grid"),
    "kind_numeric": ("число", "number"),
    "kind_open": ("открытый", "open"),
    "kind_info": ("информация", "information"),
    "outcomes_lead": (
        "Итоговый результат по каждому контакту базы по стандартным кодам AAPOR "
        "(Standard Definitions, 2023).",
        "The final outcome of every contact in the base, by AAPOR standard codes (Standard "
        "Definitions, 2023).",
    ),
    "rates_e": (
        "Для показателей RR3, RR4, REF2 и CON2 доля подходящих среди контактов с неизвестной "
        "пригодностью принята равной e = {e}.",
        "RR3, RR4, REF2 and CON2 assume that a share e = {e} of the contacts of unknown "
        "eligibility are eligible.",
    ),
    # ---- weighting schemes and scorecards (issue 14, items 5 and 6)
    "method_weighting_raking": (
        "Общие показатели взвешены методом raking (итеративная пропорциональная подгонка, "
        "Deming & Stephan, 1940) по заданным распределениям: {margins}. Невзвешенная база — "
        "{n} интервью, взвешенная — {wn} клиентов. Эффект дизайна из-за неравных весов (Kish) "
        "— {deff}, эффективный размер выборки — {neff}; доверительные интервалы и проверки "
        "различий рассчитаны по эффективной базе.",
        "Totals are raked (iterative proportional fitting, Deming & Stephan, 1940) to the "
        "margins set for the study: {margins}. The unweighted base is {n} interviews, the "
        "weighted base {wn} clients. Kish's design effect of the unequal weights is {deff}, "
        "the effective sample size {neff}; confidence intervals and tests use the effective "
        "base.",
    ),
    "method_weighting_default_population": (
        "Взвешивание по численности сегментов применено по умолчанию: численность каждого "
        "сегмента в базе известна.",
        "Weighting to segment sizes is the default because the size of every segment in the "
        "base is known.",
    ),
    "method_weighting_default_none": (
        "Взвешивание не применено, потому что неизвестна численность сегментов: {segments}. "
        "Укажите её, и отчёт будет взвешен по умолчанию.",
        "No weighting was applied because the size of these segments in the base is "
        "unknown: {segments}. Give their sizes and the report is weighted by default.",
    ),
    "method_weighting_asked_none": (
        "Взвешивание отключено по решению руководителя исследования.",
        "Weighting was switched off by the research lead.",
    ),
    "method_weighting_effect": (
        "Без взвешивания NPS составил бы {unweighted}, со взвешиванием — {weighted}.",
        "Unweighted, the NPS would be {unweighted}; weighted, it is {weighted}.",
    ),
    "cap_weighting": ("Базы и цена взвешивания", "Bases and the cost of weighting"),
    "col_quantity": ("Показатель", "Measure"),
    "w_unweighted_base": ("Невзвешенная база, интервью", "Unweighted base, interviews"),
    "w_weighted_base": ("Взвешенная база, клиентов", "Weighted base, clients"),
    "w_effective_n": ("Эффективный размер выборки (Kish)", "Effective sample size (Kish)"),
    "w_deff": ("Эффект дизайна (Kish)", "Design effect (Kish)"),
    "w_nps_unweighted": ("NPS без взвешивания", "NPS, unweighted"),
    "w_nps_weighted": ("NPS со взвешиванием", "NPS, weighted"),
    "sec_scorecards": ("Карточки: {name}", "Scorecards: {name}"),
    "scorecards_intro": (
        "Клиенты достаются сотруднику вместе с их историей: у того, чья база состоит в "
        "основном из ушедших клиентов, NPS будет ниже при любой работе. Поэтому NPS каждой "
        "группы сравнивается с ожидаемым — тем NPS, который дали бы её клиенты, если бы "
        "каждый отвечал как средний клиент своего сегмента (косвенная стандартизация). "
        "Разница «факт − ожидание» в пунктах NPS и есть оценка с поправкой на состав "
        "клиентов; по ней группы упорядочены в таблице.",
        "A person inherits their clients: one whose book is mostly lost clients shows a lower "
        "NPS however well they work. Each group's NPS is therefore compared with the NPS "
        "expected from its clients - the NPS they would give if each answered like the "
        "average client of their segment (indirect standardisation). The difference, actual "
        "minus expected, in NPS points, is the figure adjusted for the client mix; the table "
        "is ordered by it.",
    ),
    "scorecards_leader": (
        "С поправкой на состав клиентов первое место занимает {name}: NPS {nps}, на {diff} "
        "{points} выше ожидаемого ({expected}) для её или его клиентов ({p} с поправкой на "
        "множественные сравнения).",
        "Adjusted for the client mix, {name} ranks first: NPS {nps}, {diff} {points} above "
        "the {expected} expected from their clients ({p} after the correction for "
        "multiple comparisons).",
    ),
    "scorecards_leader_raw": (
        "По NPS без поправки {name} — на {rank}-м месте: {share} интервью с её или его "
        "клиентами приходится на сегмент «{segment}».",
        "By raw NPS {name} is only number {rank}: {share} of the interviews with their "
        "clients are in the segment \u201c{segment}\u201d.",
    ),
    "scorecards_sig": (
        "{name}: NPS на {diff} {points} {direction} ожидаемого для её или его клиентов "
        "({p} с поправкой).",
        "{name}: NPS {diff} {points} {direction} what their clients' mix predicts "
        "({p} after the correction).",
    ),
    "scorecards_aspect_sig": (
        "{name}: оценка «{aspect}» — {score}, на {diff} {points} {direction} ожидаемой для её "
        "или его клиентов ({expected}; {p} с поправкой).",
        "{name}: “{aspect}” scores {score}, {diff} {points} {direction} the {expected} "
        "expected from their clients' mix ({p} after the correction).",
    ),
    "scorecards_above": ("выше", "above"),
    "scorecards_below": ("ниже", "below"),
    "scorecards_nosig": (
        "Ни у одной группы NPS не отличается от ожидаемого для её клиентов сильнее, чем "
        "допускает случайность (с поправкой на все {k} сравнений отчёта); порядок в таблице "
        "описательный.",
        "No group's NPS differs from what its clients' mix predicts by more than chance "
        "allows (after the correction for all {k} comparisons of the report); the order of "
        "the table is descriptive.",
    ),
    "scorecards_small": (
        "Группы, где меньше {min_base} интервью, показаны без проверки.",
        "Groups with fewer than {min_base} interviews are shown but not tested.",
    ),
    "col_expected": ("Ожидание", "Expected"),
    "col_adjusted": ("Факт − ожидание", "Actual − expected"),
    "cap_scorecards": (
        "{name}: NPS, ожидаемый по составу клиентов NPS, разница с 95% ДИ и число интервью "
        "по сегментам",
        "{name}: NPS, the NPS expected from the client mix, the difference with its 95% CI "
        "and the interviews by segment",
    ),
    "cap_scorecards_chart": (
        "{name}: NPS выше (правее нуля) или ниже ожидаемого для своих клиентов, "
        "с 95% доверительным интервалом",
        "{name}: NPS above (right of zero) or below what their clients predict, with 95% "
        "confidence intervals",
    ),
    "axis_adjusted": ("Факт − ожидание, пункты NPS", "Actual − expected, NPS points"),
    "cap_scorecard_aspects": (
        "{name}: оценки сторон работы (0–100), в скобках 95% ДИ и число ответов",
        "{name}: aspect scores (0-100), with the 95% CI and the number of answers in brackets",
    ),
    "scorecards_aspects_note": (
        "Оценки в таблице — фактические, без поправки. Оценка «{aspects}», за которую группа "
        "отвечает сама, сравнивалась с ожидаемой по составу её клиентов; различия, "
        "выдержавшие поправку на множественные сравнения, названы выше. Остальные оценки "
        "показаны для справки и не проверялись.",
        "The table gives the actual scores, unadjusted. The score the group answers for "
        "(“{aspects}”) was compared with the one expected from its client mix; differences "
        "that survive the correction for multiple comparisons are stated above. The other "
        "scores are shown for reference and were not tested.",
    ),
    "scorecards_aspects_untested": (
        "Оценки сторон работы даны без поправки на состав клиентов; различия в них не проверялись.",
        "Aspect scores are not adjusted for the client mix; differences between them were "
        "not tested.",
    ),
    "sec_scorecard_voices": ("Что говорят клиенты: {name}", "What clients say: {name}"),
    "scorecard_voices_lead": (
        "Сначала жалобы, затем остальные ответы.",
        "Complaints first, then other answers.",
    ),
    "single_value": ("{value}", "{value}"),
}

_THEMES: dict[str, tuple[str, str]] = {
    "price": ("цены", "price"),
    "delivery": ("доставка", "delivery"),
    "quality": ("качество", "quality"),
    "account manager": ("работа менеджера", "account manager"),
    "documents": ("документы", "documents"),
    "support": ("поддержка", "support"),
    "communication": ("коммуникация", "communication"),
    "speed": ("скорость и сроки", "speed"),
    "range": ("ассортимент", "range"),
    "(no theme)": ("без темы", "no theme"),
}


class Texts:
    """Strings of one language with :class:`NumberFormat` attached (``t.nf``)."""

    def __init__(self, lang: str, outcome: str = "nps") -> None:
        if lang not in ("ru", "en"):
            raise ValueError(f"the report language must be 'ru' or 'en', got {lang!r}")
        if outcome not in ("nps", "csi_overall"):
            raise ValueError(f"the outcome must be 'nps' or 'csi_overall', got {outcome!r}")
        self.lang = lang
        self.outcome = outcome
        self.nf = NumberFormat(lang)
        self._i = 0 if lang == "ru" else 1
        # A study without NPS words its outcome, overall satisfaction, its own way.
        self._first: dict[str, tuple[str, str]] = CSI_ONLY if outcome == "csi_overall" else {}

    def __call__(self, key: str, **values: Any) -> str:
        entry = self._first.get(key) or _T.get(key) or _S.get(key)
        if entry is None:
            raise KeyError(f"no report text {key!r}")
        return entry[self._i].format(**values) if values else entry[self._i]

    def theme(self, name: str) -> str:
        entry = _THEMES.get(name)
        return entry[self._i] if entry else name

    def noun(self, n: float, one: str, few: str, many: str, en: str) -> str:
        """``клиент/клиента/клиентов`` for ``n`` in Russian, the given word in English."""
        if self.lang == "ru":
            return plural_ru(round(n), one, few, many)
        return en if n != 1 else en.rstrip("s")

    def clients(self, n: float) -> str:
        return self.noun(n, "клиент", "клиента", "клиентов", "clients")

    def interviews(self, n: float) -> str:
        return self.noun(n, "интервью", "интервью", "интервью", "interviews")

    def points(self, n: float) -> str:
        return self.noun(n, "пункт", "пункта", "пунктов", "points")

    def answers(self, n: float) -> str:
        return self.noun(n, "ответ", "ответа", "ответов", "answers")

    def respondents(self, n: float) -> str:
        return self.noun(n, "респондент", "респондента", "респондентов", "respondents")

    def join(self, items: list[str]) -> str:
        """``a, b и c`` / ``a, b and c``."""
        if not items:
            return ""
        if len(items) == 1:
            return items[0]
        last = " и " if self.lang == "ru" else " and "
        return ", ".join(items[:-1]) + last + items[-1]


def all_keys() -> set[str]:
    return set(_T) | set(_S) | set(CSI_ONLY)


__all__ = ["Texts", "all_keys"]
