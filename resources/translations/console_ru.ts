<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru_RU">
<context>
    <name>ContactCardView</name>
    <message>
        <location filename="../../cati/ui/console/contact_card.py" line="74"/>
        <source>Earlier calls</source>
        <translation>Прошлые звонки</translation>
    </message>
    <message>
        <location filename="../../cati/ui/console/contact_card.py" line="97"/>
        <source>No contact</source>
        <translation>Нет контакта</translation>
    </message>
    <message>
        <location filename="../../cati/ui/console/contact_card.py" line="98"/>
        <source>Press “Next contact” (F2) to get one.</source>
        <translation>Нажмите «Следующий контакт» (F2), чтобы получить его.</translation>
    </message>
    <message>
        <location filename="../../cati/ui/console/contact_card.py" line="106"/>
        <source>(company not given)</source>
        <translation>(компания не указана)</translation>
    </message>
    <message>
        <location filename="../../cati/ui/console/contact_card.py" line="107"/>
        <source>(name not given)</source>
        <translation>(имя не указано)</translation>
    </message>
    <message>
        <location filename="../../cati/ui/console/contact_card.py" line="113"/>
        <source>Segment: {segment}</source>
        <translation>Сегмент: {segment}</translation>
    </message>
    <message>
        <location filename="../../cati/ui/console/contact_card.py" line="115"/>
        <source>Region: {region}</source>
        <translation>Регион: {region}</translation>
    </message>
    <message>
        <location filename="../../cati/ui/console/contact_card.py" line="118"/>
        <source>Phone: {number}</source>
        <translation>Телефон: {number}</translation>
    </message>
    <message>
        <location filename="../../cati/ui/console/contact_card.py" line="130"/>
        <source>Their time: {time} ({zone})</source>
        <translation>У них сейчас: {time} ({zone})</translation>
    </message>
    <message>
        <location filename="../../cati/ui/console/contact_card.py" line="144"/>
        <source>Call-back booked for {when} their time</source>
        <translation>Назначен перезвон на {when} по их времени</translation>
    </message>
    <message>
        <location filename="../../cati/ui/console/contact_card.py" line="146"/>
        <source>Booked by {name}</source>
        <translation>Назначил(а): {name}</translation>
    </message>
    <message>
        <location filename="../../cati/ui/console/contact_card.py" line="148"/>
        <source>Open to every interviewer</source>
        <translation>Может позвонить любой интервьюер</translation>
    </message>
    <message>
        <location filename="../../cati/ui/console/contact_card.py" line="158"/>
        <source>Not called before.</source>
        <translation>Раньше не звонили.</translation>
    </message>
</context>
<context>
    <name>InterviewerConsole</name>
    <message>
        <location filename="../../cati/ui/console/console.py" line="138"/>
        <source>Next contact (F2)</source>
        <translation>Следующий контакт (F2)</translation>
    </message>
    <message>
        <location filename="../../cati/ui/console/console.py" line="139"/>
        <source>Give back (F4)</source>
        <translation>Вернуть (F4)</translation>
    </message>
    <message>
        <location filename="../../cati/ui/console/console.py" line="153"/>
        <source>Dial (F5)</source>
        <translation>Позвонить (F5)</translation>
    </message>
    <message>
        <location filename="../../cati/ui/console/console.py" line="154"/>
        <source>Answered (F7)</source>
        <translation>Ответили (F7)</translation>
    </message>
    <message>
        <location filename="../../cati/ui/console/console.py" line="155"/>
        <source>Hang up (F6)</source>
        <translation>Положить трубку (F6)</translation>
    </message>
    <message>
        <location filename="../../cati/ui/console/console.py" line="162"/>
        <source>Outcome… (Ctrl+O)</source>
        <translation>Результат… (Ctrl+O)</translation>
    </message>
    <message>
        <location filename="../../cati/ui/console/console.py" line="163"/>
        <source>Hot alert (F10)</source>
        <translation>Срочный сигнал (F10)</translation>
    </message>
    <message>
        <location filename="../../cati/ui/console/console.py" line="164"/>
        <source>Sales lead (F11)</source>
        <translation>Запрос клиента (F11)</translation>
    </message>
    <message>
        <location filename="../../cati/ui/console/console.py" line="235"/>
        <source>Press “Next contact” (F2) to start.</source>
        <translation>Нажмите «Следующий контакт» (F2), чтобы начать.</translation>
    </message>
    <message>
        <location filename="../../cati/ui/console/console.py" line="299"/>
        <source>No study chosen.</source>
        <translation>Исследование не выбрано.</translation>
    </message>
    <message>
        <location filename="../../cati/ui/console/console.py" line="326"/>
        <source>This shift: {calls} calls · {completes} completes · {rate} calls/h</source>
        <translation>За смену: звонков {calls} · интервью {completes} · {rate} звонков/ч</translation>
    </message>
    <message>
        <location filename="../../cati/ui/console/console.py" line="344"/>
        <source>Looking for the next contact…</source>
        <translation>Ищу следующий контакт…</translation>
    </message>
    <message>
        <location filename="../../cati/ui/console/console.py" line="357"/>
        <source>Contact held for you. Dial when ready (F5).</source>
        <translation>Контакт закреплён за вами. Звоните, когда будете готовы (F5).</translation>
    </message>
    <message>
        <location filename="../../cati/ui/console/console.py" line="359"/>
        <source>Press “Dial” (F5) to call {company}.</source>
        <translation>Нажмите «Позвонить» (F5), чтобы позвонить в {company}.</translation>
    </message>
    <message>
        <location filename="../../cati/ui/console/console.py" line="369"/>
        <source>The study is paused or closed: no calls are made.</source>
        <translation>Исследование приостановлено или закрыто: звонки не совершаются.</translation>
    </message>
    <message>
        <location filename="../../cati/ui/console/console.py" line="372"/>
        <source>Contacts are waiting, but it is outside calling hours where they are.</source>
        <translation>Контакты ждут, но у них сейчас нерабочее для звонков время.</translation>
    </message>
    <message>
        <location filename="../../cati/ui/console/console.py" line="375"/>
        <source>Nobody is due now; the next call-back or retry is later.</source>
        <translation>Сейчас звонить некому; следующий перезвон или повтор позже.</translation>
    </message>
    <message>
        <location filename="../../cati/ui/console/console.py" line="378"/>
        <source>Every segment with contacts left has reached its quota.</source>
        <translation>Во всех сегментах, где остались контакты, квота выполнена.</translation>
    </message>
    <message>
        <location filename="../../cati/ui/console/console.py" line="381"/>
        <source>Every contact of the study has a final outcome.</source>
        <translation>У всех контактов исследования окончательный результат.</translation>
    </message>
    <message>
        <location filename="../../cati/ui/console/console.py" line="386"/>
        <source>Next one at {time}.</source>
        <translation>Следующий — в {time}.</translation>
    </message>
    <message>
        <location filename="../../cati/ui/console/console.py" line="398"/>
        <source>The contact went back to the queue.</source>
        <translation>Контакт возвращён в очередь.</translation>
    </message>
    <message>
        <location filename="../../cati/ui/console/console.py" line="450"/>
        <location filename="../../cati/ui/console/console.py" line="486"/>
        <source>Dialling…</source>
        <translation>Набираю номер…</translation>
    </message>
    <message>
        <location filename="../../cati/ui/console/console.py" line="451"/>
        <source>Calling {company}…</source>
        <translation>Звоню в {company}…</translation>
    </message>
    <message>
        <location filename="../../cati/ui/console/console.py" line="476"/>
        <source>On the call. Read the script aloud.</source>
        <translation>Идёт разговор. Читайте текст вслух.</translation>
    </message>
    <message>
        <location filename="../../cati/ui/console/console.py" line="485"/>
        <source>Placing the call…</source>
        <translation>Соединяю…</translation>
    </message>
    <message>
        <location filename="../../cati/ui/console/console.py" line="487"/>
        <source>Ringing…</source>
        <translation>Идут гудки…</translation>
    </message>
    <message>
        <location filename="../../cati/ui/console/console.py" line="488"/>
        <source>Connected</source>
        <translation>Соединено</translation>
    </message>
    <message>
        <location filename="../../cati/ui/console/console.py" line="489"/>
        <source>Call ended</source>
        <translation>Звонок завершён</translation>
    </message>
    <message>
        <location filename="../../cati/ui/console/console.py" line="495"/>
        <source>recording</source>
        <translation>идёт запись</translation>
    </message>
    <message>
        <location filename="../../cati/ui/console/console.py" line="500"/>
        <source>answered</source>
        <translation>ответили</translation>
    </message>
    <message>
        <location filename="../../cati/ui/console/console.py" line="501"/>
        <source>no answer</source>
        <translation>не отвечают</translation>
    </message>
    <message>
        <location filename="../../cati/ui/console/console.py" line="502"/>
        <source>busy</source>
        <translation>занято</translation>
    </message>
    <message>
        <location filename="../../cati/ui/console/console.py" line="503"/>
        <source>answering machine</source>
        <translation>автоответчик</translation>
    </message>
    <message>
        <location filename="../../cati/ui/console/console.py" line="504"/>
        <source>the number does not exist</source>
        <translation>номер не существует</translation>
    </message>
    <message>
        <location filename="../../cati/ui/console/console.py" line="505"/>
        <source>the network could not connect</source>
        <translation>сеть не смогла соединить</translation>
    </message>
    <message>
        <location filename="../../cati/ui/console/console.py" line="506"/>
        <source>the call could not be placed</source>
        <translation>звонок не удалось совершить</translation>
    </message>
    <message>
        <location filename="../../cati/ui/console/console.py" line="507"/>
        <source>hung up before an answer</source>
        <translation>трубку положили до ответа</translation>
    </message>
    <message>
        <location filename="../../cati/ui/console/console.py" line="516"/>
        <source>The call could not be placed: {reason}</source>
        <translation>Звонок не удалось совершить: {reason}</translation>
    </message>
    <message>
        <location filename="../../cati/ui/console/console.py" line="571"/>
        <source>Wrap up (Enter) →</source>
        <translation>Завершить (Enter) →</translation>
    </message>
    <message>
        <location filename="../../cati/ui/console/console.py" line="588"/>
        <source>A hot alert was raised for the client.</source>
        <translation>Для заказчика создан срочный сигнал.</translation>
    </message>
    <message>
        <location filename="../../cati/ui/console/console.py" line="619"/>
        <source>Recording did not start: {reason}</source>
        <translation>Запись не началась: {reason}</translation>
    </message>
    <message>
        <location filename="../../cati/ui/console/console.py" line="631"/>
        <source>Hot alert sent to the supervisor.</source>
        <translation>Срочный сигнал отправлен супервайзеру.</translation>
    </message>
    <message>
        <location filename="../../cati/ui/console/console.py" line="632"/>
        <source>Sales lead passed on.</source>
        <translation>Запрос клиента передан.</translation>
    </message>
    <message>
        <location filename="../../cati/ui/console/console.py" line="634"/>
        <source>This interview has that flag already.</source>
        <translation>У этого интервью такая отметка уже есть.</translation>
    </message>
    <message>
        <location filename="../../cati/ui/console/console.py" line="664"/>
        <source>The call&apos;s recording could not be saved: {reason}</source>
        <translation>Запись звонка не сохранена: {reason}</translation>
    </message>
    <message>
        <location filename="../../cati/ui/console/console.py" line="701"/>
        <source>The dialer says: {result}.</source>
        <translation>Результат набора: {result}.</translation>
    </message>
    <message>
        <location filename="../../cati/ui/console/console.py" line="716"/>
        <source>The call is over: choose how it ended (Enter records it).</source>
        <translation>Звонок окончен: выберите, чем он закончился (Enter — записать).</translation>
    </message>
    <message>
        <location filename="../../cati/ui/console/console.py" line="766"/>
        <source>Recorded: {outcome}.</source>
        <translation>Записано: {outcome}.</translation>
    </message>
    <message>
        <location filename="../../cati/ui/console/console.py" line="769"/>
        <source>Next call {time} their time.</source>
        <translation>Следующий звонок — {time} по их времени.</translation>
    </message>
    <message>
        <location filename="../../cati/ui/console/console.py" line="800"/>
        <source>Press “Next contact” (F2) for the next call.</source>
        <translation>Нажмите «Следующий контакт» (F2) для следующего звонка.</translation>
    </message>
</context>
<context>
    <name>OutcomePanel</name>
    <message>
        <location filename="../../cati/ui/console/outcome_panel.py" line="74"/>
        <source>Wrap-up: how did the call end?</source>
        <translation>Итог звонка: чем он закончился?</translation>
    </message>
    <message>
        <location filename="../../cati/ui/console/outcome_panel.py" line="93"/>
        <source>↑/↓ choose · Enter records · Ctrl+Enter records from any field · Esc back · ✎ needs a note</source>
        <translation>↑/↓ выбор · Enter записать · Ctrl+Enter записать из любого поля · Esc назад · ✎ нужен комментарий</translation>
    </message>
    <message>
        <location filename="../../cati/ui/console/outcome_panel.py" line="100"/>
        <location filename="../../cati/ui/console/outcome_panel.py" line="241"/>
        <source>Note</source>
        <translation>Комментарий</translation>
    </message>
    <message>
        <location filename="../../cati/ui/console/outcome_panel.py" line="105"/>
        <source>What did the person say? (Tab: next field)</source>
        <translation>Что сказал собеседник? (Tab — следующее поле)</translation>
    </message>
    <message>
        <location filename="../../cati/ui/console/outcome_panel.py" line="119"/>
        <source>A window, until</source>
        <translation>Интервал, до</translation>
    </message>
    <message>
        <location filename="../../cati/ui/console/outcome_panel.py" line="129"/>
        <source>Any interviewer may make the call</source>
        <translation>Может позвонить любой интервьюер</translation>
    </message>
    <message>
        <location filename="../../cati/ui/console/outcome_panel.py" line="133"/>
        <source>Date</source>
        <translation>Дата</translation>
    </message>
    <message>
        <location filename="../../cati/ui/console/outcome_panel.py" line="134"/>
        <source>Time</source>
        <translation>Время</translation>
    </message>
    <message>
        <location filename="../../cati/ui/console/outcome_panel.py" line="139"/>
        <source>Never call this person again (they asked)</source>
        <translation>Больше никогда не звонить (по просьбе собеседника)</translation>
    </message>
    <message>
        <location filename="../../cati/ui/console/outcome_panel.py" line="150"/>
        <source>Back to the interview (Esc)</source>
        <translation>Вернуться к интервью (Esc)</translation>
    </message>
    <message>
        <location filename="../../cati/ui/console/outcome_panel.py" line="152"/>
        <source>Record outcome (Enter)</source>
        <translation>Записать результат (Enter)</translation>
    </message>
    <message>
        <location filename="../../cati/ui/console/outcome_panel.py" line="216"/>
        <source>Call back — the respondent&apos;s local time ({zone}, now {time})</source>
        <translation>Перезвон — по местному времени респондента ({zone}, сейчас {time})</translation>
    </message>
    <message>
        <location filename="../../cati/ui/console/outcome_panel.py" line="241"/>
        <source>Note (required for this outcome)</source>
        <translation>Комментарий (обязателен для этого результата)</translation>
    </message>
    <message>
        <location filename="../../cati/ui/console/outcome_panel.py" line="275"/>
        <source>Choose how the call ended.</source>
        <translation>Выберите, чем закончился звонок.</translation>
    </message>
    <message>
        <location filename="../../cati/ui/console/outcome_panel.py" line="281"/>
        <source>“{outcome}” needs a note: write in a few words what the person said.</source>
        <translation>Для результата «{outcome}» нужен комментарий: напишите в двух словах, что сказал собеседник.</translation>
    </message>
</context>
</TS>
