<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>ScriptEditor</name>
    <message numerus="yes">
        <location filename="../../cati/ui/script_editor.py" line="182"/>
        <source>%n problem(s); the preview shows the last good version.</source>
        <translation>
            <numerusform>%n problem; the preview shows the last good version.</numerusform>
            <numerusform>%n problems; the preview shows the last good version.</numerusform>
        </translation>
    </message>
</context>
</TS>
