<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>AlertInbox</name>
    <message numerus="yes">
        <location filename="../../cati/ui/supervisor/alert_inbox.py" line="167"/>
        <source>%n new alert(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
</TS>
