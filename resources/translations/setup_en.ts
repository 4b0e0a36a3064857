<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>ThemesPanel</name>
    <message numerus="yes">
        <location filename="../../cati/ui/setup/themes_panel.py" line="199"/>
        <source>%n problem(s); fix them to save.</source>
        <translation>
            <numerusform>%n problem; fix it to save.</numerusform>
            <numerusform>%n problems; fix them to save.</numerusform>
        </translation>
    </message>
</context>
</TS>
