<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru_RU">
<context>
    <name>ImportPanel</name>
    <message>
        <location filename="../../cati/ui/setup/import_panel.py" line="64"/>
        <source>A CSV or XLSX file with the client&apos;s contacts</source>
        <translation>Файл CSV или XLSX с контактами клиента</translation>
    </message>
    <message>
        <location filename="../../cati/ui/setup/import_panel.py" line="65"/>
        <source>Choose…</source>
        <translation>Выбрать…</translation>
    </message>
    <message>
        <location filename="../../cati/ui/setup/import_panel.py" line="67"/>
        <source>Preview</source>
        <translation>Просмотр</translation>
    </message>
    <message>
        <location filename="../../cati/ui/setup/import_panel.py" line="71"/>
        <source>Call list:</source>
        <translation>База для обзвона:</translation>
    </message>
    <message>
        <location filename="../../cati/ui/setup/import_panel.py" line="85"/>
        <source>Column in the file</source>
        <translation>Столбец файла</translation>
    </message>
    <message>
        <location filename="../../cati/ui/setup/import_panel.py" line="85"/>
        <source>Field</source>
        <translation>Поле</translation>
    </message>
    <message>
        <location filename="../../cati/ui/setup/import_panel.py" line="92"/>
        <source>Column mapping (choose the field for each column)</source>
        <translation>Сопоставление столбцов (выберите поле для каждого)</translation>
    </message>
    <message>
        <location filename="../../cati/ui/setup/import_panel.py" line="95"/>
        <source>Saved as the mapping file:</source>
        <translation>Сохраняется как файл сопоставления:</translation>
    </message>
    <message>
        <location filename="../../cati/ui/setup/import_panel.py" line="97"/>
        <source>First rows</source>
        <translation>Первые строки</translation>
    </message>
    <message>
        <location filename="../../cati/ui/setup/import_panel.py" line="105"/>
        <source>Import</source>
        <translation>Загрузить</translation>
    </message>
    <message>
        <location filename="../../cati/ui/setup/import_panel.py" line="109"/>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
    <message>
        <location filename="../../cati/ui/setup/import_panel.py" line="126"/>
        <source>Row</source>
        <translation>Строка</translation>
    </message>
    <message>
        <location filename="../../cati/ui/setup/import_panel.py" line="126"/>
        <source>Reason</source>
        <translation>Причина</translation>
    </message>
    <message>
        <location filename="../../cati/ui/setup/import_panel.py" line="126"/>
        <source>Explanation</source>
        <translation>Пояснение</translation>
    </message>
    <message>
        <location filename="../../cati/ui/setup/import_panel.py" line="126"/>
        <source>Row as written</source>
        <translation>Строка в файле</translation>
    </message>
    <message>
        <location filename="../../cati/ui/setup/import_panel.py" line="133"/>
        <source>Rows not imported</source>
        <translation>Незагруженные строки</translation>
    </message>
    <message>
        <location filename="../../cati/ui/setup/import_panel.py" line="150"/>
        <source>Company</source>
        <translation>Компания</translation>
    </message>
    <message>
        <location filename="../../cati/ui/setup/import_panel.py" line="151"/>
        <source>Contact person</source>
        <translation>Контактное лицо</translation>
    </message>
    <message>
        <location filename="../../cati/ui/setup/import_panel.py" line="152"/>
        <source>Position</source>
        <translation>Должность</translation>
    </message>
    <message>
        <location filename="../../cati/ui/setup/import_panel.py" line="153"/>
        <source>Phone</source>
        <translation>Телефон</translation>
    </message>
    <message>
        <location filename="../../cati/ui/setup/import_panel.py" line="154"/>
        <source>Extension</source>
        <translation>Добавочный</translation>
    </message>
    <message>
        <location filename="../../cati/ui/setup/import_panel.py" line="155"/>
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <location filename="../../cati/ui/setup/import_panel.py" line="156"/>
        <source>Region</source>
        <translation>Регион</translation>
    </message>
    <message>
        <location filename="../../cati/ui/setup/import_panel.py" line="157"/>
        <source>City</source>
        <translation>Город</translation>
    </message>
    <message>
        <location filename="../../cati/ui/setup/import_panel.py" line="158"/>
        <source>Account manager</source>
        <translation>Менеджер клиента</translation>
    </message>
    <message>
        <location filename="../../cati/ui/setup/import_panel.py" line="159"/>
        <source>Do not import</source>
        <translation>Не загружать</translation>
    </message>
    <message>
        <location filename="../../cati/ui/setup/import_panel.py" line="164"/>
        <source>no phone</source>
        <translation>нет телефона</translation>
    </message>
    <message>
        <location filename="../../cati/ui/setup/import_panel.py" line="165"/>
        <source>invalid phone</source>
        <translation>неверный телефон</translation>
    </message>
    <message>
        <location filename="../../cati/ui/setup/import_panel.py" line="166"/>
        <source>duplicate in the file</source>
        <translation>дубль в файле</translation>
    </message>
    <message>
        <location filename="../../cati/ui/setup/import_panel.py" line="167"/>
        <source>already in the study</source>
        <translation>уже в исследовании</translation>
    </message>
    <message>
        <location filename="../../cati/ui/setup/import_panel.py" line="168"/>
        <source>do not call</source>
        <translation>запрет звонков</translation>
    </message>
    <message>
        <location filename="../../cati/ui/setup/import_panel.py" line="175"/>
        <source>Choose a call list</source>
        <translation>Выберите базу для обзвона</translation>
    </message>
    <message>
        <location filename="../../cati/ui/setup/import_panel.py" line="201"/>
        <source>encoding {e}</source>
        <translation>кодировка {e}</translation>
    </message>
    <message>
        <location filename="../../cati/ui/setup/import_panel.py" line="203"/>
        <source>delimiter «{d}»</source>
        <translation>разделитель «{d}»</translation>
    </message>
    <message>
        <location filename="../../cati/ui/setup/import_panel.py" line="204"/>
        <source>header in row {n}</source>
        <translation>заголовок в строке {n}</translation>
    </message>
    <message>
        <location filename="../../cati/ui/setup/import_panel.py" line="230"/>
        <source>A field of the contact, or any other name (latin, like last_order) to keep the column for segment rules</source>
        <translation>Поле контакта или любое другое имя (латиницей, например last_order), чтобы сохранить столбец для правил сегментов</translation>
    </message>
    <message>
        <location filename="../../cati/ui/setup/import_panel.py" line="293"/>
        <source>Importing…</source>
        <translation>Загрузка…</translation>
    </message>
    <message>
        <location filename="../../cati/ui/setup/import_panel.py" line="302"/>
        <source>Cancelling after the current batch…</source>
        <translation>Остановка после текущей порции…</translation>
    </message>
    <message>
        <location filename="../../cati/ui/setup/import_panel.py" line="315"/>
        <source>Cancelled.</source>
        <translation>Отменено.</translation>
    </message>
    <message>
        <location filename="../../cati/ui/setup/import_panel.py" line="328"/>
        <source>Read {read} rows: {imported} imported, {rejected} not imported.</source>
        <translation>Прочитано строк: {read}; загружено: {imported}; не загружено: {rejected}.</translation>
    </message>
    <message>
        <location filename="../../cati/ui/setup/import_panel.py" line="335"/>
        <source>By segment: {list}.</source>
        <translation>По сегментам: {list}.</translation>
    </message>
    <message>
        <location filename="../../cati/ui/setup/import_panel.py" line="339"/>
        <source>All rejected rows are in {file}</source>
        <translation>Все незагруженные строки — в файле {file}</translation>
    </message>
</context>
<context>
    <name>ScriptPanel</name>
    <message>
        <location filename="../../cati/ui/setup/study_setup.py" line="43"/>
        <source>Save as a new version</source>
        <translation>Сохранить как новую версию</translation>
    </message>
    <message>
        <location filename="../../cati/ui/setup/study_setup.py" line="64"/>
        <source>Version {n} in use</source>
        <translation>Используется версия {n}</translation>
    </message>
    <message>
        <location filename="../../cati/ui/setup/study_setup.py" line="76"/>
        <source>Saved as version {n}; new interviews use it.</source>
        <translation>Сохранено как версия {n}; новые интервью пойдут по ней.</translation>
    </message>
    <message>
        <location filename="../../cati/ui/setup/study_setup.py" line="78"/>
        <source>No changes since version {n}.</source>
        <translation>Нет изменений после версии {n}.</translation>
    </message>
</context>
<context>
    <name>SegmentsPanel</name>
    <message>
        <location filename="../../cati/ui/setup/segments_panel.py" line="56"/>
        <source>Segment</source>
        <extracomment>Pause after the last keystroke before counting contacts again.</extracomment>
        <translation>Сегмент</translation>
    </message>
    <message>
        <location filename="../../cati/ui/setup/segments_panel.py" line="57"/>
        <source>Rule</source>
        <translation>Правило</translation>
    </message>
    <message>
        <location filename="../../cati/ui/setup/segments_panel.py" line="58"/>
        <source>Target</source>
        <translation>Цель</translation>
    </message>
    <message>
        <location filename="../../cati/ui/setup/segments_panel.py" line="59"/>
        <source>Population</source>
        <translation>Генеральная совокупность</translation>
    </message>
    <message>
        <location filename="../../cati/ui/setup/segments_panel.py" line="60"/>
        <source>Contacts</source>
        <translation>Контактов</translation>
    </message>
    <message>
        <location filename="../../cati/ui/setup/segments_panel.py" line="61"/>
        <source>Problem</source>
        <translation>Проблема</translation>
    </message>
    <message>
        <location filename="../../cati/ui/setup/segments_panel.py" line="79"/>
        <source>Add segment</source>
        <translation>Добавить сегмент</translation>
    </message>
    <message>
        <location filename="../../cati/ui/setup/segments_panel.py" line="82"/>
        <source>Remove</source>
        <translation>Удалить</translation>
    </message>
    <message>
        <location filename="../../cati/ui/setup/segments_panel.py" line="84"/>
        <source>Up</source>
        <translation>Выше</translation>
    </message>
    <message>
        <location filename="../../cati/ui/setup/segments_panel.py" line="86"/>
        <source>Down</source>
        <translation>Ниже</translation>
    </message>
    <message>
        <location filename="../../cati/ui/setup/segments_panel.py" line="88"/>
        <source>Save segments</source>
        <translation>Сохранить сегменты</translation>
    </message>
    <message>
        <location filename="../../cati/ui/setup/segments_panel.py" line="98"/>
        <source>Rules are checked top to bottom; a contact goes to the first segment whose rule holds, &apos;other&apos; takes the rest. Example: days_since(last_order) &gt; 365</source>
        <translation>Правила проверяются сверху вниз: контакт попадает в первый сегмент, чьё правило выполняется, остальные — в «other». Пример: days_since(last_order) &gt; 365</translation>
    </message>
    <message>
        <location filename="../../cati/ui/setup/segments_panel.py" line="132"/>
        <source>Fields for rules: {fields}</source>
        <translation>Поля для правил: {fields}</translation>
    </message>
    <message>
        <location filename="../../cati/ui/setup/segments_panel.py" line="203"/>
        <source>Give the segment a name</source>
        <translation>Задайте название сегмента</translation>
    </message>
    <message>
        <location filename="../../cati/ui/setup/segments_panel.py" line="205"/>
        <source>Write a rule, e.g. region == &quot;Москва&quot;</source>
        <translation>Напишите правило, например region == &quot;Москва&quot;</translation>
    </message>
    <message>
        <location filename="../../cati/ui/setup/segments_panel.py" line="208"/>
        <source>target</source>
        <translation>цель</translation>
    </message>
    <message>
        <location filename="../../cati/ui/setup/segments_panel.py" line="208"/>
        <source>population</source>
        <translation>генеральная совокупность</translation>
    </message>
    <message>
        <location filename="../../cati/ui/setup/segments_panel.py" line="211"/>
        <source>The {what} is a whole number</source>
        <translation>Поле «{what}» — целое число</translation>
    </message>
    <message>
        <location filename="../../cati/ui/setup/segments_panel.py" line="278"/>
        <source>Saved; contacts assigned: {list}</source>
        <translation>Сохранено; распределено контактов: {list}</translation>
    </message>
</context>
<context>
    <name>SettingsPanel</name>
    <message>
        <location filename="../../cati/ui/setup/settings_panel.py" line="59"/>
        <source>Monday</source>
        <translation>Понедельник</translation>
    </message>
    <message>
        <location filename="../../cati/ui/setup/settings_panel.py" line="60"/>
        <source>Tuesday</source>
        <translation>Вторник</translation>
    </message>
    <message>
        <location filename="../../cati/ui/setup/settings_panel.py" line="61"/>
        <source>Wednesday</source>
        <translation>Среда</translation>
    </message>
    <message>
        <location filename="../../cati/ui/setup/settings_panel.py" line="62"/>
        <source>Thursday</source>
        <translation>Четверг</translation>
    </message>
    <message>
        <location filename="../../cati/ui/setup/settings_panel.py" line="63"/>
        <source>Friday</source>
        <translation>Пятница</translation>
    </message>
    <message>
        <location filename="../../cati/ui/setup/settings_panel.py" line="64"/>
        <source>Saturday</source>
        <translation>Суббота</translation>
    </message>
    <message>
        <location filename="../../cati/ui/setup/settings_panel.py" line="65"/>
        <source>Sunday</source>
        <translation>Воскресенье</translation>
    </message>
    <message>
        <location filename="../../cati/ui/setup/settings_panel.py" line="67"/>
        <source>Calling hours (the contact&apos;s local time)</source>
        <translation>Часы обзвона (местное время контакта)</translation>
    </message>
    <message>
        <location filename="../../cati/ui/setup/settings_panel.py" line="85"/>
        <source>One date per line, e.g. 01.05.2025</source>
        <translation>По одной дате в строке, например 01.05.2025</translation>
    </message>
    <message>
        <location filename="../../cati/ui/setup/settings_panel.py" line="92"/>
        <source> min</source>
        <translation> мин</translation>
    </message>
    <message>
        <location filename="../../cati/ui/setup/settings_panel.py" line="93"/>
        <source>Call soft refusals again</source>
        <translation>Перезванивать после мягких отказов</translation>
    </message>
    <message>
        <location filename="../../cati/ui/setup/settings_panel.py" line="99"/>
        <source>Draft: being set up, test calls</source>
        <translation>Черновик: настройка, пробные звонки</translation>
    </message>
    <message>
        <location filename="../../cati/ui/setup/settings_panel.py" line="100"/>
        <source>Active: interviewers call</source>
        <translation>Идёт: интервьюеры звонят</translation>
    </message>
    <message>
        <location filename="../../cati/ui/setup/settings_panel.py" line="101"/>
        <source>Paused: no new contacts</source>
        <translation>Приостановлено: новых контактов нет</translation>
    </message>
    <message>
        <location filename="../../cati/ui/setup/settings_panel.py" line="102"/>
        <source>Closed: fieldwork over</source>
        <translation>Закрыто: полевой этап завершён</translation>
    </message>
    <message>
        <location filename="../../cati/ui/setup/settings_panel.py" line="107"/>
        <source>Simulated (training, demo)</source>
        <translation>Имитация (обучение, демо)</translation>
    </message>
    <message>
        <location filename="../../cati/ui/setup/settings_panel.py" line="108"/>
        <source>Manual (desk phone)</source>
        <translation>Вручную (настольный телефон)</translation>
    </message>
    <message>
        <location filename="../../cati/ui/setup/settings_panel.py" line="109"/>
        <source>Twilio</source>
        <translation>Twilio</translation>
    </message>
    <message>
        <location filename="../../cati/ui/setup/settings_panel.py" line="115"/>
        <source>beside the database</source>
        <translation>рядом с базой данных</translation>
    </message>
    <message>
        <location filename="../../cati/ui/setup/settings_panel.py" line="118"/>
        <source>Where workstations keep call recordings. Empty: the database&apos;s data folder (beside a SQLite file; for a server database, on each computer). With several workstations, a shared folder that supervisors can open too.</source>
        <translation>Куда рабочие места сохраняют записи звонков. Если пусто — папка данных базы (рядом с файлом SQLite; для серверной базы — на каждом компьютере). Если рабочих мест несколько — общая папка, которую могут открыть и супервизоры.</translation>
    </message>
    <message>
        <location filename="../../cati/ui/setup/settings_panel.py" line="124"/>
        <source>Fieldwork</source>
        <translation>Полевой этап</translation>
    </message>
    <message>
        <location filename="../../cati/ui/setup/settings_panel.py" line="125"/>
        <source>Days off</source>
        <translation>Нерабочие дни</translation>
    </message>
    <message>
        <location filename="../../cati/ui/setup/settings_panel.py" line="126"/>
        <source>Attempts per contact, at most</source>
        <translation>Попыток на контакт, не больше</translation>
    </message>
    <message>
        <location filename="../../cati/ui/setup/settings_panel.py" line="127"/>
        <source>A contact is held for</source>
        <translation>Контакт закреплён за интервьюером на</translation>
    </message>
    <message>
        <location filename="../../cati/ui/setup/settings_panel.py" line="129"/>
        <source>Detractor alert at NPS up to</source>
        <translation>Оповещение о критике при NPS не выше</translation>
    </message>
    <message>
        <location filename="../../cati/ui/setup/settings_panel.py" line="130"/>
        <source>Dialer</source>
        <translation>Способ дозвона</translation>
    </message>
    <message>
        <location filename="../../cati/ui/setup/settings_panel.py" line="131"/>
        <source>Caller ID</source>
        <translation>Номер для определителя</translation>
    </message>
    <message>
        <location filename="../../cati/ui/setup/settings_panel.py" line="132"/>
        <source>Recordings folder</source>
        <translation>Папка записей</translation>
    </message>
    <message>
        <location filename="../../cati/ui/setup/settings_panel.py" line="136"/>
        <source>Save settings</source>
        <translation>Сохранить настройки</translation>
    </message>
    <message>
        <location filename="../../cati/ui/setup/settings_panel.py" line="212"/>
        <source>{text} is not a date; write dates like 01.05.2025</source>
        <translation>«{text}» — не дата; пишите даты так: 01.05.2025</translation>
    </message>
    <message>
        <location filename="../../cati/ui/setup/settings_panel.py" line="228"/>
        <source>Settings saved</source>
        <translation>Настройки сохранены</translation>
    </message>
</context>
<context>
    <name>StudySetup</name>
    <message>
        <location filename="../../cati/ui/setup/study_setup.py" line="98"/>
        <source>New study from a script…</source>
        <translation>Новое исследование по сценарию…</translation>
    </message>
    <message>
        <location filename="../../cati/ui/setup/study_setup.py" line="105"/>
        <source>Study:</source>
        <translation>Исследование:</translation>
    </message>
    <message>
        <location filename="../../cati/ui/setup/study_setup.py" line="118"/>
        <source>Call list</source>
        <translation>База</translation>
    </message>
    <message>
        <location filename="../../cati/ui/setup/study_setup.py" line="119"/>
        <source>Segments and quotas</source>
        <translation>Сегменты и квоты</translation>
    </message>
    <message>
        <location filename="../../cati/ui/setup/study_setup.py" line="120"/>
        <source>Fieldwork settings</source>
        <translation>Настройки обзвона</translation>
    </message>
    <message>
        <location filename="../../cati/ui/setup/study_setup.py" line="121"/>
        <source>Script</source>
        <translation>Сценарий</translation>
    </message>
    <message>
        <location filename="../../cati/ui/setup/study_setup.py" line="122"/>
        <source>Open-answer themes</source>
        <translation>Темы открытых ответов</translation>
    </message>
    <message>
        <location filename="../../cati/ui/setup/study_setup.py" line="157"/>
        <source>Create a study to begin</source>
        <translation>Создайте исследование, чтобы начать</translation>
    </message>
    <message>
        <location filename="../../cati/ui/setup/study_setup.py" line="160"/>
        <source>{client} · {contacts} contacts · script v{version}</source>
        <translation>{client} · контактов: {contacts} · сценарий v{version}</translation>
    </message>
</context>
<context>
    <name>ThemesPanel</name>
    <message>
        <location filename="../../cati/ui/setup/themes_panel.py" line="93"/>
        <source>An answer, e.g. «Цены высокие, но менеджер отличный»</source>
        <translation>Ответ клиента, например «Цены высокие, но менеджер отличный»</translation>
    </message>
    <message>
        <location filename="../../cati/ui/setup/themes_panel.py" line="101"/>
        <source>Try an answer:</source>
        <translation>Проверить на ответе:</translation>
    </message>
    <message>
        <location filename="../../cati/ui/setup/themes_panel.py" line="108"/>
        <source>Save for this study</source>
        <translation>Сохранить для этого исследования</translation>
    </message>
    <message>
        <location filename="../../cati/ui/setup/themes_panel.py" line="111"/>
        <source>Back to the shipped dictionary</source>
        <translation>Вернуть стандартный словарь</translation>
    </message>
    <message>
        <location filename="../../cati/ui/setup/themes_panel.py" line="147"/>
        <source>This study&apos;s own dictionary, saved {when}.</source>
        <translation>Собственный словарь исследования, сохранён {when}.</translation>
    </message>
    <message>
        <location filename="../../cati/ui/setup/themes_panel.py" line="149"/>
        <source>The shipped dictionary; saving makes it this study&apos;s own.</source>
        <translation>Стандартный словарь; после сохранения он станет собственным словарём исследования.</translation>
    </message>
    <message>
        <location filename="../../cati/ui/setup/themes_panel.py" line="183"/>
        <source>Checking…</source>
        <translation>Проверка…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../cati/ui/setup/themes_panel.py" line="199"/>
        <source>%n problem(s); fix them to save.</source>
        <translation>
            <numerusform>%n ошибка; исправьте, чтобы сохранить.</numerusform>
            <numerusform>%n ошибки; исправьте, чтобы сохранить.</numerusform>
            <numerusform>%n ошибок; исправьте, чтобы сохранить.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../cati/ui/setup/themes_panel.py" line="204"/>
        <source>No problems. Themes: {names}.</source>
        <translation>Ошибок нет. Темы: {names}.</translation>
    </message>
    <message>
        <location filename="../../cati/ui/setup/themes_panel.py" line="226"/>
        <source>No theme</source>
        <translation>Без темы</translation>
    </message>
    <message>
        <location filename="../../cati/ui/setup/themes_panel.py" line="243"/>
        <source>no judgement in the text</source>
        <translation>в тексте нет оценки</translation>
    </message>
    <message>
        <location filename="../../cati/ui/setup/themes_panel.py" line="239"/>
        <source>praise</source>
        <translation>похвала</translation>
    </message>
    <message>
        <location filename="../../cati/ui/setup/themes_panel.py" line="240"/>
        <source>complaint</source>
        <translation>жалоба</translation>
    </message>
    <message>
        <location filename="../../cati/ui/setup/themes_panel.py" line="241"/>
        <source>neutral</source>
        <translation>нейтрально</translation>
    </message>
    <message>
        <location filename="../../cati/ui/setup/themes_panel.py" line="245"/>
        <source>decided by the rating</source>
        <translation>по оценке клиента</translation>
    </message>
</context>
</TS>
