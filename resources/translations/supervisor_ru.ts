<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru_RU">
<context>
    <name>AlertInbox</name>
    <message>
        <location filename="../../cati/ui/supervisor/alert_inbox.py" line="53"/>
        <source>Time</source>
        <translation>Время</translation>
    </message>
    <message>
        <location filename="../../cati/ui/supervisor/alert_inbox.py" line="54"/>
        <source>Kind</source>
        <translation>Тип</translation>
    </message>
    <message>
        <location filename="../../cati/ui/supervisor/alert_inbox.py" line="55"/>
        <source>Company</source>
        <translation>Компания</translation>
    </message>
    <message>
        <location filename="../../cati/ui/supervisor/alert_inbox.py" line="56"/>
        <source>Segment</source>
        <translation>Сегмент</translation>
    </message>
    <message>
        <location filename="../../cati/ui/supervisor/alert_inbox.py" line="57"/>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <location filename="../../cati/ui/supervisor/alert_inbox.py" line="58"/>
        <source>Delivery</source>
        <translation>Доставка</translation>
    </message>
    <message>
        <location filename="../../cati/ui/supervisor/alert_inbox.py" line="69"/>
        <source>Choose an alert to see the answers behind it.</source>
        <translation>Выберите оповещение, чтобы увидеть ответы, из-за которых оно появилось.</translation>
    </message>
    <message>
        <location filename="../../cati/ui/supervisor/alert_inbox.py" line="75"/>
        <source>Question</source>
        <translation>Вопрос</translation>
    </message>
    <message>
        <location filename="../../cati/ui/supervisor/alert_inbox.py" line="75"/>
        <source>Answer</source>
        <translation>Ответ</translation>
    </message>
    <message>
        <location filename="../../cati/ui/supervisor/alert_inbox.py" line="88"/>
        <source>What was done: who called the client, what was agreed…</source>
        <translation>Что сделано: кто позвонил клиенту, о чём договорились…</translation>
    </message>
    <message>
        <location filename="../../cati/ui/supervisor/alert_inbox.py" line="91"/>
        <source>Mark handled</source>
        <translation>Отметить как обработанное</translation>
    </message>
    <message>
        <location filename="../../cati/ui/supervisor/alert_inbox.py" line="95"/>
        <source>Send again</source>
        <translation>Отправить ещё раз</translation>
    </message>
    <message>
        <location filename="../../cati/ui/supervisor/alert_inbox.py" line="99"/>
        <source>Send the messages that are maybe sent or failed again. A maybe-sent message may have arrived: check with the recipient first, or they may get it twice.</source>
        <translation>Отправить ещё раз сообщения, которые, возможно, отправлены или не отправлены. Сообщение «возможно, отправлено» могло дойти: сначала уточните у получателя, иначе он может получить его дважды.</translation>
    </message>
    <message>
        <location filename="../../cati/ui/supervisor/alert_inbox.py" line="106"/>
        <source>Alert</source>
        <translation>Оповещение</translation>
    </message>
    <message>
        <location filename="../../cati/ui/supervisor/alert_inbox.py" line="111"/>
        <source>Note</source>
        <translation>Примечание</translation>
    </message>
    <message>
        <location filename="../../cati/ui/supervisor/alert_inbox.py" line="136"/>
        <source>Detractor</source>
        <translation>Критик</translation>
    </message>
    <message>
        <location filename="../../cati/ui/supervisor/alert_inbox.py" line="137"/>
        <source>Problem</source>
        <translation>Проблема</translation>
    </message>
    <message>
        <location filename="../../cati/ui/supervisor/alert_inbox.py" line="138"/>
        <source>Sales lead</source>
        <translation>Запрос на продажу</translation>
    </message>
    <message>
        <location filename="../../cati/ui/supervisor/alert_inbox.py" line="139"/>
        <source>Flag</source>
        <translation>Отметка</translation>
    </message>
    <message>
        <location filename="../../cati/ui/supervisor/alert_inbox.py" line="144"/>
        <source>not sent</source>
        <translation>не отправлено</translation>
    </message>
    <message>
        <location filename="../../cati/ui/supervisor/alert_inbox.py" line="145"/>
        <location filename="../../cati/ui/supervisor/alert_inbox.py" line="146"/>
        <source>sending</source>
        <translation>отправляется</translation>
    </message>
    <message>
        <location filename="../../cati/ui/supervisor/alert_inbox.py" line="147"/>
        <source>delivered</source>
        <translation>доставлено</translation>
    </message>
    <message>
        <location filename="../../cati/ui/supervisor/alert_inbox.py" line="148"/>
        <source>maybe sent</source>
        <translation>возможно, отправлено</translation>
    </message>
    <message>
        <location filename="../../cati/ui/supervisor/alert_inbox.py" line="149"/>
        <source>failed</source>
        <translation>не доставлено</translation>
    </message>
    <message numerus="yes">
        <location filename="../../cati/ui/supervisor/alert_inbox.py" line="167"/>
        <source>%n new alert(s)</source>
        <translation>
            <numerusform>%n новое оповещение</numerusform>
            <numerusform>%n новых оповещения</numerusform>
            <numerusform>%n новых оповещений</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../cati/ui/supervisor/alert_inbox.py" line="171"/>
        <source>new</source>
        <translation>новое</translation>
    </message>
    <message>
        <location filename="../../cati/ui/supervisor/alert_inbox.py" line="171"/>
        <source>handled</source>
        <translation>обработано</translation>
    </message>
    <message>
        <location filename="../../cati/ui/supervisor/alert_inbox.py" line="223"/>
        <source>Handled by {who} on {when}: {note}</source>
        <translation>Обработал(а) {who} {when}: {note}</translation>
    </message>
</context>
<context>
    <name>CallReview</name>
    <message>
        <location filename="../../cati/ui/supervisor/call_review.py" line="59"/>
        <source>Time</source>
        <translation>Время</translation>
    </message>
    <message>
        <location filename="../../cati/ui/supervisor/call_review.py" line="60"/>
        <source>Interviewer</source>
        <translation>Интервьюер</translation>
    </message>
    <message>
        <location filename="../../cati/ui/supervisor/call_review.py" line="61"/>
        <source>Company</source>
        <translation>Компания</translation>
    </message>
    <message>
        <location filename="../../cati/ui/supervisor/call_review.py" line="62"/>
        <source>Segment</source>
        <translation>Сегмент</translation>
    </message>
    <message>
        <location filename="../../cati/ui/supervisor/call_review.py" line="63"/>
        <source>Outcome</source>
        <translation>Результат</translation>
    </message>
    <message>
        <location filename="../../cati/ui/supervisor/call_review.py" line="64"/>
        <source>Length</source>
        <translation>Длительность</translation>
    </message>
    <message>
        <location filename="../../cati/ui/supervisor/call_review.py" line="65"/>
        <source>Score</source>
        <translation>Оценка</translation>
    </message>
    <message>
        <location filename="../../cati/ui/supervisor/call_review.py" line="75"/>
        <source>Checklist (0 no, 1 partly, 2 yes)</source>
        <translation>Чек-лист (0 — нет, 1 — частично, 2 — да)</translation>
    </message>
    <message>
        <location filename="../../cati/ui/supervisor/call_review.py" line="79"/>
        <source>What was good, what to improve</source>
        <translation>Что было хорошо, что улучшить</translation>
    </message>
    <message>
        <location filename="../../cati/ui/supervisor/call_review.py" line="81"/>
        <source>Save review</source>
        <translation>Сохранить оценку</translation>
    </message>
    <message>
        <location filename="../../cati/ui/supervisor/call_review.py" line="84"/>
        <source>Correct an answer…</source>
        <translation>Исправить ответ…</translation>
    </message>
    <message>
        <location filename="../../cati/ui/supervisor/call_review.py" line="97"/>
        <source>Note</source>
        <translation>Примечание</translation>
    </message>
    <message>
        <location filename="../../cati/ui/supervisor/call_review.py" line="215"/>
        <source>Review saved</source>
        <translation>Оценка сохранена</translation>
    </message>
</context>
<context>
    <name>ProgressPanel</name>
    <message>
        <location filename="../../cati/ui/supervisor/progress_panel.py" line="56"/>
        <source>Segment</source>
        <extracomment>The rates shown on the dashboard (all of them are in the report and ``cati rates``).</extracomment>
        <translation>Сегмент</translation>
    </message>
    <message>
        <location filename="../../cati/ui/supervisor/progress_panel.py" line="57"/>
        <location filename="../../cati/ui/supervisor/progress_panel.py" line="77"/>
        <source>Completes</source>
        <translation>Анкет</translation>
    </message>
    <message>
        <location filename="../../cati/ui/supervisor/progress_panel.py" line="58"/>
        <source>Target</source>
        <translation>Цель</translation>
    </message>
    <message>
        <location filename="../../cati/ui/supervisor/progress_panel.py" line="59"/>
        <source>Progress</source>
        <translation>Ход работ</translation>
    </message>
    <message>
        <location filename="../../cati/ui/supervisor/progress_panel.py" line="60"/>
        <source>In progress</source>
        <translation>Идут сейчас</translation>
    </message>
    <message>
        <location filename="../../cati/ui/supervisor/progress_panel.py" line="61"/>
        <source>Reachable left</source>
        <translation>Осталось доступных</translation>
    </message>
    <message>
        <location filename="../../cati/ui/supervisor/progress_panel.py" line="62"/>
        <source>Contacts</source>
        <translation>Контактов</translation>
    </message>
    <message>
        <location filename="../../cati/ui/supervisor/progress_panel.py" line="67"/>
        <location filename="../../cati/ui/supervisor/progress_panel.py" line="160"/>
        <source>Rate</source>
        <translation>Показатель</translation>
    </message>
    <message>
        <location filename="../../cati/ui/supervisor/progress_panel.py" line="67"/>
        <location filename="../../cati/ui/supervisor/progress_panel.py" line="160"/>
        <source>All</source>
        <translation>Все</translation>
    </message>
    <message>
        <location filename="../../cati/ui/supervisor/progress_panel.py" line="69"/>
        <source>Outcome</source>
        <translation>Результат</translation>
    </message>
    <message>
        <location filename="../../cati/ui/supervisor/progress_panel.py" line="69"/>
        <source>AAPOR</source>
        <translation>AAPOR</translation>
    </message>
    <message>
        <location filename="../../cati/ui/supervisor/progress_panel.py" line="69"/>
        <location filename="../../cati/ui/supervisor/progress_panel.py" line="74"/>
        <source>Calls</source>
        <translation>Звонков</translation>
    </message>
    <message>
        <location filename="../../cati/ui/supervisor/progress_panel.py" line="73"/>
        <source>Interviewer</source>
        <translation>Интервьюер</translation>
    </message>
    <message>
        <location filename="../../cati/ui/supervisor/progress_panel.py" line="75"/>
        <source>Hours</source>
        <translation>Часов</translation>
    </message>
    <message>
        <location filename="../../cati/ui/supervisor/progress_panel.py" line="76"/>
        <source>Calls / hour</source>
        <translation>Звонков в час</translation>
    </message>
    <message>
        <location filename="../../cati/ui/supervisor/progress_panel.py" line="78"/>
        <source>Completes / hour</source>
        <translation>Анкет в час</translation>
    </message>
    <message>
        <location filename="../../cati/ui/supervisor/progress_panel.py" line="79"/>
        <source>Mean length, min</source>
        <translation>Ср. длительность, мин</translation>
    </message>
    <message>
        <location filename="../../cati/ui/supervisor/progress_panel.py" line="80"/>
        <source>Refusal rate</source>
        <translation>Доля отказов</translation>
    </message>
    <message>
        <location filename="../../cati/ui/supervisor/progress_panel.py" line="86"/>
        <source>Hours run from the first call to the end of the last one each day, breaks over 30 minutes left out. Refusal rate: refusals among the calls in which somebody was spoken to.</source>
        <translation>Часы считаются от первого звонка до конца последнего за каждый день, перерывы дольше 30 минут не учитываются. Доля отказов — отказы среди звонков, в которых удалось с кем-то поговорить.</translation>
    </message>
    <message>
        <location filename="../../cati/ui/supervisor/progress_panel.py" line="92"/>
        <source>Quotas by segment</source>
        <translation>Квоты по сегментам</translation>
    </message>
    <message>
        <location filename="../../cati/ui/supervisor/progress_panel.py" line="93"/>
        <source>AAPOR rates</source>
        <translation>Показатели AAPOR</translation>
    </message>
    <message>
        <location filename="../../cati/ui/supervisor/progress_panel.py" line="94"/>
        <source>Call outcomes in the period</source>
        <translation>Результаты звонков за период</translation>
    </message>
    <message>
        <location filename="../../cati/ui/supervisor/progress_panel.py" line="96"/>
        <source>Interviewer productivity in the period</source>
        <translation>Производительность интервьюеров за период</translation>
    </message>
    <message>
        <location filename="../../cati/ui/supervisor/progress_panel.py" line="120"/>
        <source>{study}: {done} of {target} interviews ({share}), {calls} calls in the period</source>
        <translation>{study}: {done} из {target} анкет ({share}), звонков за период: {calls}</translation>
    </message>
    <message>
        <location filename="../../cati/ui/supervisor/progress_panel.py" line="129"/>
        <source>(no segment)</source>
        <translation>(без сегмента)</translation>
    </message>
    <message>
        <location filename="../../cati/ui/supervisor/progress_panel.py" line="145"/>
        <source>Not enough reachable contacts left to reach the target</source>
        <translation>Доступных контактов не хватит, чтобы выполнить квоту</translation>
    </message>
    <message>
        <location filename="../../cati/ui/supervisor/progress_panel.py" line="164"/>
        <source>Response RR1</source>
        <translation>Отклик RR1</translation>
    </message>
    <message>
        <location filename="../../cati/ui/supervisor/progress_panel.py" line="165"/>
        <source>Response RR3</source>
        <translation>Отклик RR3</translation>
    </message>
    <message>
        <location filename="../../cati/ui/supervisor/progress_panel.py" line="166"/>
        <source>Cooperation COOP1</source>
        <translation>Кооперация COOP1</translation>
    </message>
    <message>
        <location filename="../../cati/ui/supervisor/progress_panel.py" line="167"/>
        <source>Refusal REF1</source>
        <translation>Отказы REF1</translation>
    </message>
    <message>
        <location filename="../../cati/ui/supervisor/progress_panel.py" line="168"/>
        <source>Contact CON1</source>
        <translation>Контакт CON1</translation>
    </message>
    <message>
        <location filename="../../cati/ui/supervisor/progress_panel.py" line="176"/>
        <source>Cases</source>
        <translation>Случаев</translation>
    </message>
</context>
<context>
    <name>RecordingPlayer</name>
    <message>
        <location filename="../../cati/ui/supervisor/player.py" line="50"/>
        <location filename="../../cati/ui/supervisor/player.py" line="137"/>
        <source>Play</source>
        <translation>Слушать</translation>
    </message>
    <message>
        <location filename="../../cati/ui/supervisor/player.py" line="54"/>
        <source>Open in the system player</source>
        <translation>Открыть в системном проигрывателе</translation>
    </message>
    <message>
        <location filename="../../cati/ui/supervisor/player.py" line="63"/>
        <location filename="../../cati/ui/supervisor/player.py" line="103"/>
        <source>No recording chosen</source>
        <translation>Запись не выбрана</translation>
    </message>
    <message>
        <location filename="../../cati/ui/supervisor/player.py" line="90"/>
        <source>{file}: sound cannot be played in cati on this computer (audio libraries missing); open it in the system player.</source>
        <translation>{file}: на этом компьютере cati не может воспроизвести звук (нет аудиобиблиотек); откройте запись в системном проигрывателе.</translation>
    </message>
    <message>
        <location filename="../../cati/ui/supervisor/player.py" line="137"/>
        <source>Pause</source>
        <translation>Пауза</translation>
    </message>
</context>
<context>
    <name>SupervisorDashboard</name>
    <message>
        <location filename="../../cati/ui/supervisor/dashboard.py" line="69"/>
        <source>Today</source>
        <translation>Сегодня</translation>
    </message>
    <message>
        <location filename="../../cati/ui/supervisor/dashboard.py" line="70"/>
        <source>Last 7 days</source>
        <translation>Последние 7 дней</translation>
    </message>
    <message>
        <location filename="../../cati/ui/supervisor/dashboard.py" line="71"/>
        <source>Whole fieldwork</source>
        <translation>Всё время</translation>
    </message>
    <message>
        <location filename="../../cati/ui/supervisor/dashboard.py" line="77"/>
        <source>Refresh</source>
        <translation>Обновить</translation>
    </message>
    <message>
        <location filename="../../cati/ui/supervisor/dashboard.py" line="80"/>
        <source>Report…</source>
        <translation>Отчёт…</translation>
    </message>
    <message>
        <location filename="../../cati/ui/supervisor/dashboard.py" line="83"/>
        <source>Export…</source>
        <translation>Выгрузка…</translation>
    </message>
    <message>
        <location filename="../../cati/ui/supervisor/dashboard.py" line="91"/>
        <source>Period:</source>
        <translation>Период:</translation>
    </message>
    <message>
        <location filename="../../cati/ui/supervisor/dashboard.py" line="105"/>
        <source>Progress</source>
        <translation>Ход работ</translation>
    </message>
    <message>
        <location filename="../../cati/ui/supervisor/dashboard.py" line="106"/>
        <location filename="../../cati/ui/supervisor/dashboard.py" line="162"/>
        <source>Alerts</source>
        <translation>Оповещения</translation>
    </message>
    <message>
        <location filename="../../cati/ui/supervisor/dashboard.py" line="107"/>
        <source>Call review</source>
        <translation>Прослушка звонков</translation>
    </message>
    <message>
        <location filename="../../cati/ui/supervisor/dashboard.py" line="131"/>
        <source>No study chosen</source>
        <translation>Исследование не выбрано</translation>
    </message>
    <message>
        <location filename="../../cati/ui/supervisor/dashboard.py" line="162"/>
        <source>Alerts ({n})</source>
        <translation>Оповещения ({n})</translation>
    </message>
    <message>
        <location filename="../../cati/ui/supervisor/dashboard.py" line="168"/>
        <source>updated {time}</source>
        <translation>обновлено в {time}</translation>
    </message>
</context>
</TS>
