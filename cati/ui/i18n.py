"""The interface language: Russian or English, from the settings or the system locale.

Translations are Qt's ``.ts`` files in ``resources/translations``, one pair per area of the
interface (``common`` for the modules directly in ``cati/ui``, and one per subpackage:
``console``, ``supervisor``, ``setup``, ``shell``): ``AREA_ru.ts`` holds the Russian
translations, ``AREA_en.ts`` only the English plural forms. Edit them with
``pyside6-linguist`` or by hand; ``make translations`` refreshes them from the sources and
compiles the ``.qm`` files the app loads.
"""

from __future__ import annotations

from importlib import resources

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

LANGUAGES = ("ru", "en")


def choose_language(setting: str | None = None) -> str:
    """The language to use: the setting if it names one we have, else the system's."""
    if setting in LANGUAGES:
        return setting
    system = QLocale.system().name()[:2]
    return system if system in LANGUAGES else "en"


def install_translations(app: QCoreApplication, language: str) -> list[QTranslator]:
    """Load cati's own and Qt's translations for ``language`` into ``app``."""
    installed: list[QTranslator] = []
    folder = resources.files("resources.translations")
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(f"_{language}.qm"):
            continue
        translator = QTranslator(app)
        with resources.as_file(entry) as path:
            if translator.load(str(path)):
                app.installTranslator(translator)
                installed.append(translator)
    qt = QTranslator(app)
    qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if qt.load(f"qtbase_{language}", qt_folder):
        app.installTranslator(qt)
        installed.append(qt)
    return installed


def remove_translations(app: QCoreApplication, translators: list[QTranslator]) -> None:
    for translator in translators:
        app.removeTranslator(translator)
