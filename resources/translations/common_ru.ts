<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru_RU">
<context>
    <name>ErrorPresenter</name>
    <message>
        <location filename="../../cati/ui/errors.py" line="27"/>
        <source>Something went wrong ({name}). The details were written to the log; please report it.</source>
        <translation>Что-то пошло не так ({name}). Подробности записаны в журнал; пожалуйста, сообщите о проблеме.</translation>
    </message>
    <message>
        <location filename="../../cati/ui/errors.py" line="50"/>
        <source>cati</source>
        <translation>cati</translation>
    </message>
</context>
<context>
    <name>ScriptEditor</name>
    <message>
        <location filename="../../cati/ui/script_editor.py" line="159"/>
        <source>Checking…</source>
        <translation>Проверка…</translation>
    </message>
    <message>
        <location filename="../../cati/ui/script_editor.py" line="175"/>
        <source>No problems: the preview runs this version.</source>
        <translation>Ошибок нет: предпросмотр показывает эту версию.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../cati/ui/script_editor.py" line="182"/>
        <source>%n problem(s); the preview shows the last good version.</source>
        <translation>
            <numerusform>%n ошибка; предпросмотр показывает последнюю верную версию.</numerusform>
            <numerusform>%n ошибки; предпросмотр показывает последнюю верную версию.</numerusform>
            <numerusform>%n ошибок; предпросмотр показывает последнюю верную версию.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ScriptPane</name>
    <message>
        <location filename="../../cati/ui/script_pane.py" line="517"/>
        <source>%p% of the interview</source>
        <translation>Пройдено %p% интервью</translation>
    </message>
    <message>
        <location filename="../../cati/ui/script_pane.py" line="545"/>
        <source>← Back (Backspace)</source>
        <translation>← Назад (Backspace)</translation>
    </message>
    <message>
        <location filename="../../cati/ui/script_pane.py" line="546"/>
        <location filename="../../cati/ui/script_pane.py" line="590"/>
        <source>Next (Enter) →</source>
        <translation>Далее (Enter) →</translation>
    </message>
    <message>
        <location filename="../../cati/ui/script_pane.py" line="574"/>
        <source>Interviewer: </source>
        <translation>Интервьюеру: </translation>
    </message>
    <message>
        <location filename="../../cati/ui/script_pane.py" line="605"/>
        <source>Interview complete.</source>
        <translation>Интервью завершено.</translation>
    </message>
    <message>
        <location filename="../../cati/ui/script_pane.py" line="606"/>
        <source>Not eligible: the interview ends here.</source>
        <translation>Респондент не подходит: интервью заканчивается.</translation>
    </message>
    <message>
        <location filename="../../cati/ui/script_pane.py" line="607"/>
        <source>The respondent refused the interview.</source>
        <translation>Респондент отказался от интервью.</translation>
    </message>
</context>
<context>
    <name>ScriptPreview</name>
    <message>
        <location filename="../../cati/ui/preview.py" line="76"/>
        <source>Start again</source>
        <translation>Начать заново</translation>
    </message>
    <message>
        <location filename="../../cati/ui/preview.py" line="78"/>
        <source>Preview language:</source>
        <translation>Язык предпросмотра:</translation>
    </message>
    <message>
        <location filename="../../cati/ui/preview.py" line="89"/>
        <source>The preview appears here once the script has no problems.</source>
        <translation>Предпросмотр появится здесь, когда в сценарии не останется ошибок.</translation>
    </message>
</context>
<context>
    <name>_ChoiceInput</name>
    <message>
        <location filename="../../cati/ui/script_pane.py" line="88"/>
        <source>Specify the answer</source>
        <translation>Уточните ответ</translation>
    </message>
</context>
</TS>
