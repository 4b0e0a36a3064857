"""Study setup for the research lead: choose or create a study, then its call list,
segments and quotas, fieldwork settings, script and open-answer themes, each on its own
tab."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from cati.studies import StudyOverview
from cati.supervision.setup import save_script_version, studies, study_script
from cati.ui.context import UiContext
from cati.ui.dialogs.background import Background
from cati.ui.dialogs.new_study_dialog import NewStudyDialog
from cati.ui.script_editor import ScriptEditor
from cati.ui.setup.import_panel import ImportPanel
from cati.ui.setup.segments_panel import SegmentsPanel
from cati.ui.setup.settings_panel import SettingsPanel
from cati.ui.setup.themes_panel import ThemesPanel

__all__ = ["ScriptPanel", "StudySetup"]


class ScriptPanel(QWidget):
    """The study's script in the editor (live check and preview); saving adds a version."""

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.background = Background(context, self)
        self.study_id: int | None = None
        self.version = 0
        self.editor = ScriptEditor(self, "script.yaml")
        self.label = QLabel()
        self.label.setObjectName("script_version")
        self.save_button = QPushButton(self.tr("Save as a new version"))
        self.save_button.setObjectName("save_script")
        self.save_button.clicked.connect(self.save)
        self.editor.checked.connect(lambda count: self.save_button.setEnabled(count == 0))
        row = QHBoxLayout()
        row.addWidget(self.label, 1)
        row.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.editor, 1)
        layout.addLayout(row)

    def load(self, study_id: int | None) -> None:
        self.study_id = study_id
        if study_id is None:
            return
        engine, actor = self.context.engine, self.context.actor
        self.background.run(lambda: study_script(engine, actor, study_id), self._loaded)

    def _loaded(self, loaded: tuple[int, str]) -> None:
        self.version, text = loaded
        self.label.setText(self.tr("Version {n} in use").replace("{n}", str(self.version)))
        self.editor.set_text(text)

    def save(self) -> None:
        if self.study_id is None:
            return
        engine, actor, clock = self.context.engine, self.context.actor, self.context.clock
        study_id, text = self.study_id, self.editor.editor.toPlainText()

        def done(result: tuple[int, bool]) -> None:
            self.version, created = result
            message = (
                self.tr("Saved as version {n}; new interviews use it.")
                if created
                else self.tr("No changes since version {n}.")
            )
            self.label.setText(message.replace("{n}", str(self.version)))

        self.background.run(lambda: save_script_version(engine, actor, study_id, text, clock), done)


class StudySetup(QWidget):
    """The research lead's screen; the study shown starts as ``context.study_id``."""

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.background = Background(context, self)
        self.study_id: int | None = context.study_id
        self.studies: list[StudyOverview] = []
        self.choice = QComboBox()
        self.choice.setObjectName("study_choice")
        self.choice.setMinimumWidth(320)
        self.choice.currentIndexChanged.connect(self._chosen)
        self.new_button = QPushButton(self.tr("New study from a script…"))
        self.new_button.setObjectName("new_study")
        self.new_button.clicked.connect(self.new_study)
        self.facts = QLabel()
        self.facts.setObjectName("study_facts")
        self.facts.setStyleSheet("color: #555;")
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Study:")))
        top.addWidget(self.choice)
        top.addWidget(self.new_button)
        top.addWidget(self.facts, 1)
        self.imports = ImportPanel(context)
        self.segments = SegmentsPanel(context)
        self.settings = SettingsPanel(context)
        self.script = ScriptPanel(context)
        self.themes = ThemesPanel(context)
        self.imports.imported.connect(lambda: self.segments.load(self.study_id))
        self.imports.imported.connect(self.reload_studies)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("setup_tabs")
        self.tabs.addTab(self.imports, self.tr("Call list"))
        self.tabs.addTab(self.segments, self.tr("Segments and quotas"))
        self.tabs.addTab(self.settings, self.tr("Fieldwork settings"))
        self.tabs.addTab(self.script, self.tr("Script"))
        self.tabs.addTab(self.themes, self.tr("Open-answer themes"))
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)
        self.dialog: NewStudyDialog | None = None
        self.reload_studies()

    def reload_studies(self) -> None:
        engine, actor = self.context.engine, self.context.actor
        self.background.run(lambda: studies(engine, actor), self._listed)

    def _listed(self, found: list[StudyOverview]) -> None:
        self.studies = found
        self.choice.blockSignals(True)
        self.choice.clear()
        for study in found:
            self.choice.addItem(study.name, study.id)
        self.choice.blockSignals(False)
        if self.study_id is None and found:
            self.study_id = found[0].id
        index = self.choice.findData(self.study_id)
        if index >= 0:
            self.choice.setCurrentIndex(index)
        self._show_facts()
        if self.imports.study_id != self.study_id:
            self.show_study(self.study_id)

    def _chosen(self) -> None:
        chosen = self.choice.currentData()
        if chosen is not None and chosen != self.study_id:
            self.show_study(int(chosen))

    def _show_facts(self) -> None:
        study = next((s for s in self.studies if s.id == self.study_id), None)
        if study is None:
            self.facts.setText(self.tr("Create a study to begin"))
            return
        self.facts.setText(
            self.tr("{client} · {contacts} contacts · script v{version}")
            .replace("{client}", study.client or "—")
            .replace("{contacts}", str(study.contacts))
            .replace("{version}", str(study.script_version or 0))
        )

    def show_study(self, study_id: int | None) -> None:
        self.study_id = study_id
        self.imports.study_id = study_id
        self.imports._mapping_changed()
        self.segments.load(study_id)
        self.settings.load(study_id)
        self.script.load(study_id)
        self.themes.load(study_id)
        self._show_facts()

    def new_study(self) -> NewStudyDialog:
        self.dialog = NewStudyDialog(self.context, self)
        self.dialog.accepted.connect(self._created)
        self.dialog.open()
        return self.dialog

    def _created(self) -> None:
        if self.dialog is not None and self.dialog.study_id is not None:
            self.study_id = self.dialog.study_id
            self.reload_studies()
