<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru_RU">
<context>
    <name>AnswerCorrectionDialog</name>
    <message>
        <location filename="../../cati/ui/dialogs/correction_dialog.py" line="74"/>
        <source>Correct an answer — interview {id}</source>
        <translation>Исправление ответа — интервью {id}</translation>
    </message>
    <message>
        <location filename="../../cati/ui/dialogs/correction_dialog.py" line="87"/>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <location filename="../../cati/ui/dialogs/correction_dialog.py" line="88"/>
        <source>Don&apos;t know</source>
        <translation>Затрудняюсь ответить</translation>
    </message>
    <message>
        <location filename="../../cati/ui/dialogs/correction_dialog.py" line="89"/>
        <source>Refused</source>
        <translation>Отказ от ответа</translation>
    </message>
    <message>
        <location filename="../../cati/ui/dialogs/correction_dialog.py" line="92"/>
        <source>Why: e.g. the respondent corrected the score</source>
        <translation>Почему: например, респондент уточнил оценку</translation>
    </message>
    <message>
        <location filename="../../cati/ui/dialogs/correction_dialog.py" line="100"/>
        <source>When</source>
        <translation>Когда</translation>
    </message>
    <message>
        <location filename="../../cati/ui/dialogs/correction_dialog.py" line="101"/>
        <source>Who</source>
        <translation>Кто</translation>
    </message>
    <message>
        <location filename="../../cati/ui/dialogs/correction_dialog.py" line="102"/>
        <location filename="../../cati/ui/dialogs/correction_dialog.py" line="118"/>
        <source>Question</source>
        <translation>Вопрос</translation>
    </message>
    <message>
        <location filename="../../cati/ui/dialogs/correction_dialog.py" line="103"/>
        <source>Change</source>
        <translation>Изменение</translation>
    </message>
    <message>
        <location filename="../../cati/ui/dialogs/correction_dialog.py" line="104"/>
        <location filename="../../cati/ui/dialogs/correction_dialog.py" line="122"/>
        <source>Reason</source>
        <translation>Причина</translation>
    </message>
    <message>
        <location filename="../../cati/ui/dialogs/correction_dialog.py" line="113"/>
        <source>Save the correction</source>
        <translation>Сохранить исправление</translation>
    </message>
    <message>
        <location filename="../../cati/ui/dialogs/correction_dialog.py" line="119"/>
        <source>Now</source>
        <translation>Сейчас</translation>
    </message>
    <message>
        <location filename="../../cati/ui/dialogs/correction_dialog.py" line="120"/>
        <source>New value</source>
        <translation>Новое значение</translation>
    </message>
    <message>
        <location filename="../../cati/ui/dialogs/correction_dialog.py" line="121"/>
        <source>Or</source>
        <translation>Или</translation>
    </message>
    <message>
        <location filename="../../cati/ui/dialogs/correction_dialog.py" line="129"/>
        <source>Changes of this interview&apos;s answers</source>
        <translation>Изменения ответов этого интервью</translation>
    </message>
    <message>
        <location filename="../../cati/ui/dialogs/correction_dialog.py" line="204"/>
        <source>Type a number (or the option codes, separated by commas).</source>
        <translation>Введите число (или коды вариантов через запятую).</translation>
    </message>
    <message>
        <location filename="../../cati/ui/dialogs/correction_dialog.py" line="212"/>
        <source>Saved.</source>
        <translation>Сохранено.</translation>
    </message>
    <message>
        <location filename="../../cati/ui/dialogs/correction_dialog.py" line="214"/>
        <source>Removed as no longer asked: {ids}</source>
        <translation>Удалены, так как больше не задаются: {ids}</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../../cati/ui/dialogs/export_dialog.py" line="32"/>
        <source>Export the results</source>
        <translation>Выгрузка результатов</translation>
    </message>
    <message>
        <location filename="../../cati/ui/dialogs/export_dialog.py" line="37"/>
        <source>Excel workbook (.xlsx)</source>
        <translation>Книга Excel (.xlsx)</translation>
    </message>
    <message>
        <location filename="../../cati/ui/dialogs/export_dialog.py" line="38"/>
        <source>CSV for Russian Excel (.csv)</source>
        <translation>CSV для русского Excel (.csv)</translation>
    </message>
    <message>
        <location filename="../../cati/ui/dialogs/export_dialog.py" line="39"/>
        <source>SPSS (.sav)</source>
        <translation>SPSS (.sav)</translation>
    </message>
    <message>
        <location filename="../../cati/ui/dialogs/export_dialog.py" line="40"/>
        <source>Triple-S (.sss + .csv)</source>
        <translation>Triple-S (.sss + .csv)</translation>
    </message>
    <message>
        <location filename="../../cati/ui/dialogs/export_dialog.py" line="46"/>
        <source>Choose…</source>
        <translation>Выбрать…</translation>
    </message>
    <message>
        <location filename="../../cati/ui/dialogs/export_dialog.py" line="51"/>
        <source>Include names, phones and companies (personal data)</source>
        <translation>Включить имена, телефоны и компании (персональные данные)</translation>
    </message>
    <message>
        <location filename="../../cati/ui/dialogs/export_dialog.py" line="53"/>
        <source>Add weights to the segments&apos; populations</source>
        <translation>Добавить веса по численности сегментов</translation>
    </message>
    <message>
        <location filename="../../cati/ui/dialogs/export_dialog.py" line="56"/>
        <source>Format</source>
        <translation>Формат</translation>
    </message>
    <message>
        <location filename="../../cati/ui/dialogs/export_dialog.py" line="57"/>
        <source>File</source>
        <translation>Файл</translation>
    </message>
    <message>
        <location filename="../../cati/ui/dialogs/export_dialog.py" line="68"/>
        <source>Export to</source>
        <translation>Куда выгрузить</translation>
    </message>
    <message>
        <location filename="../../cati/ui/dialogs/export_dialog.py" line="93"/>
        <source>Exporting…</source>
        <translation>Выгрузка…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../cati/ui/dialogs/export_dialog.py" line="97"/>
        <source>%n interview(s) exported to:</source>
        <translation>
            <numerusform>%n интервью выгружено в:</numerusform>
            <numerusform>%n интервью выгружены в:</numerusform>
            <numerusform>%n интервью выгружено в:</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>NewStudyDialog</name>
    <message>
        <location filename="../../cati/ui/dialogs/new_study_dialog.py" line="36"/>
        <source>New study</source>
        <translation>Новое исследование</translation>
    </message>
    <message>
        <location filename="../../cati/ui/dialogs/new_study_dialog.py" line="47"/>
        <source>Choose…</source>
        <translation>Выбрать…</translation>
    </message>
    <message>
        <location filename="../../cati/ui/dialogs/new_study_dialog.py" line="57"/>
        <source>Study name</source>
        <translation>Название исследования</translation>
    </message>
    <message>
        <location filename="../../cati/ui/dialogs/new_study_dialog.py" line="58"/>
        <source>Client</source>
        <translation>Заказчик</translation>
    </message>
    <message>
        <location filename="../../cati/ui/dialogs/new_study_dialog.py" line="59"/>
        <source>Phone region</source>
        <translation>Страна номеров</translation>
    </message>
    <message>
        <location filename="../../cati/ui/dialogs/new_study_dialog.py" line="60"/>
        <source>Script (YAML)</source>
        <translation>Сценарий (YAML)</translation>
    </message>
    <message>
        <location filename="../../cati/ui/dialogs/new_study_dialog.py" line="64"/>
        <source>Create</source>
        <translation>Создать</translation>
    </message>
    <message>
        <location filename="../../cati/ui/dialogs/new_study_dialog.py" line="74"/>
        <source>Choose a script</source>
        <translation>Выберите сценарий</translation>
    </message>
    <message>
        <location filename="../../cati/ui/dialogs/new_study_dialog.py" line="84"/>
        <source>Choose the script file</source>
        <translation>Выберите файл сценария</translation>
    </message>
</context>
<context>
    <name>ReportDialog</name>
    <message>
        <location filename="../../cati/ui/dialogs/report_dialog.py" line="31"/>
        <source>Client report</source>
        <translation>Отчёт для заказчика</translation>
    </message>
    <message>
        <location filename="../../cati/ui/dialogs/report_dialog.py" line="35"/>
        <source>Choose…</source>
        <translation>Выбрать…</translation>
    </message>
    <message>
        <location filename="../../cati/ui/dialogs/report_dialog.py" line="42"/>
        <source>Russian</source>
        <translation>Русский</translation>
    </message>
    <message>
        <location filename="../../cati/ui/dialogs/report_dialog.py" line="43"/>
        <source>English</source>
        <translation>Английский</translation>
    </message>
    <message>
        <location filename="../../cati/ui/dialogs/report_dialog.py" line="48"/>
        <source>Unweighted</source>
        <translation>Без взвешивания</translation>
    </message>
    <message>
        <location filename="../../cati/ui/dialogs/report_dialog.py" line="46"/>
        <source>Weighted to segment populations</source>
        <translation>Взвешено по численности сегментов</translation>
    </message>
    <message>
        <location filename="../../cati/ui/dialogs/report_dialog.py" line="47"/>
        <source>Raked to the study&apos;s margins</source>
        <translation>Raking по заданным распределениям исследования</translation>
    </message>
    <message>
        <location filename="../../cati/ui/dialogs/report_dialog.py" line="51"/>
        <source>Weighting to segment populations needs every segment&apos;s number of clients; raking needs margins stored with the study.</source>
        <translation>Для взвешивания по численности сегментов нужно число клиентов каждого сегмента; для raking — распределения, сохранённые в настройках исследования.</translation>
    </message>
    <message>
        <location filename="../../cati/ui/dialogs/report_dialog.py" line="56"/>
        <source>File</source>
        <translation>Файл</translation>
    </message>
    <message>
        <location filename="../../cati/ui/dialogs/report_dialog.py" line="57"/>
        <source>Language</source>
        <translation>Язык</translation>
    </message>
    <message>
        <location filename="../../cati/ui/dialogs/report_dialog.py" line="58"/>
        <source>Weights</source>
        <translation>Веса</translation>
    </message>
    <message>
        <location filename="../../cati/ui/dialogs/report_dialog.py" line="60"/>
        <source>Open the report</source>
        <translation>Открыть отчёт</translation>
    </message>
    <message>
        <location filename="../../cati/ui/dialogs/report_dialog.py" line="68"/>
        <source>Save the report as</source>
        <translation>Сохранить отчёт как</translation>
    </message>
    <message>
        <location filename="../../cati/ui/dialogs/report_dialog.py" line="92"/>
        <source>Writing the report: statistics, charts, document…</source>
        <translation>Отчёт готовится: статистика, графики, документ…</translation>
    </message>
    <message>
        <location filename="../../cati/ui/dialogs/report_dialog.py" line="96"/>
        <source>The report is ready: {path}</source>
        <translation>Отчёт готов: {path}</translation>
    </message>
</context>
<context>
    <name>TaskDialog</name>
    <message>
        <location filename="../../cati/ui/dialogs/task_dialog.py" line="46"/>
        <source>Start</source>
        <translation>Начать</translation>
    </message>
    <message>
        <location filename="../../cati/ui/dialogs/task_dialog.py" line="49"/>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
    <message>
        <location filename="../../cati/ui/dialogs/task_dialog.py" line="51"/>
        <source>Close</source>
        <translation>Закрыть</translation>
    </message>
    <message>
        <location filename="../../cati/ui/dialogs/task_dialog.py" line="89"/>
        <source>Cancelling…</source>
        <translation>Отмена…</translation>
    </message>
    <message>
        <location filename="../../cati/ui/dialogs/task_dialog.py" line="117"/>
        <source>Cancelled.</source>
        <translation>Отменено.</translation>
    </message>
    <message>
        <location filename="../../cati/ui/dialogs/task_dialog.py" line="124"/>
        <source>Done.</source>
        <translation>Готово.</translation>
    </message>
</context>
</TS>
