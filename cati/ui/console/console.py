"""The interviewer console: next contact, the card, the call, the script, the wrap-up.

Everything that touches the database or the dialer runs in a worker
(:func:`cati.ui.operations.run_in_background`); the dialer's status updates arrive on a
dialer thread and are handed to the GUI thread through a Qt signal. An answer is shown as
accepted only after the interview session has committed it.

The day of an interviewer, from the keyboard: F2 takes the next contact, F5 dials, the
script runs with digits and Enter, F6 hangs up, Ctrl+O opens the wrap-up (it opens by itself
after every call that ends), Enter records the outcome, F2 again. F10 raises a hot alert,
F11 passes on a sales lead, F4 gives an untouched contact back.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from cati.console_service import (
    CallFacts,
    ClaimedContact,
    ShiftStatistics,
    StudyFieldwork,
    WrapUp,
    give_back,
    keep_call_recordings,
    keep_holding,
    next_contact,
    open_interview,
    record_wrap_up,
    shift_statistics,
    study_fieldwork,
)
from cati.db import AlertKind
from cati.dispositions.outcomes import Outcome
from cati.interviewing.session import AnswerSaved, InterviewSession, QuotaFull
from cati.scheduler.outcomes import OutcomeRecorded
from cati.scheduler.queue import Claim, LeaseLostError, NoContact, NoContactReason
from cati.telephony.dialer import CallHandle, CallUpdate, Dialer
from cati.telephony.results import CallResult, CallStatus
from cati.ui.console.contact_card import ContactCardView, local_time
from cati.ui.console.outcome_panel import OutcomeChoice, OutcomePanel
from cati.ui.context import UiContext
from cati.ui.errors import describe_error
from cati.ui.operations import Operation, run_in_background
from cati.ui.script_pane import ScriptPane
from surveys import Answer, AnswerRejected, Closing, Screen
from surveys.model import CONSENT_YES, RECORDING_CONSENT

__all__ = ["InterviewerConsole", "make_dialer"]

ENDING_OUTCOMES = {"complete": "complete", "screened_out": "screened_out"}


def make_dialer(context: UiContext, fieldwork: StudyFieldwork) -> Dialer:
    """The study's dialer, built by the context's factory (the simulated one without it)."""
    factory = context.dialer_factory
    if factory is not None:
        return factory(fieldwork.dialer.kind, dict(fieldwork.dialer.options))
    from cati.telephony.factory import create_dialer

    return create_dialer("simulated", clock=context.clock)


class _CallBridge(QObject):
    """Carries the dialer's updates from its thread to the GUI thread."""

    updated = Signal(object)


def _button(text: str, name: str) -> QPushButton:
    button = QPushButton(text)
    button.setObjectName(name)
    button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    button.setMinimumHeight(34)
    return button


class InterviewerConsole(QWidget):
    """The interviewer's screen for the study in ``context.study_id``."""

    idle = Signal()  # no background call is running any more (tests wait for it)
    recorded = Signal(object)  # OutcomeRecorded, after the wrap-up was saved

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.running: list[Operation] = []
        self.downloads: list[Operation] = []  # recordings being saved after a call
        self.fieldwork: StudyFieldwork | None = None
        self.claimed: ClaimedContact | None = None
        self.session: InterviewSession | None = None
        self.dialer: Dialer | None = None
        self.handle: CallHandle | None = None
        self.call_started: datetime | None = None
        self.call_ended: datetime | None = None
        self.connected = False
        self.opening = False
        self.wrapping_up = False
        self.shift_started = context.clock.now()
        self.statistics: ShiftStatistics | None = None
        self.bridge = _CallBridge(self)
        self.bridge.updated.connect(self._call_update)
        self._build()
        self.tick_timer = QTimer(self)
        self.tick_timer.setInterval(1000)
        self.tick_timer.timeout.connect(self._tick)
        self.tick_timer.start()
        self.lease_timer = QTimer(self)
        self.lease_timer.timeout.connect(self._renew_lease)
        self._update_buttons()
        self.watching_focus = False
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_moved)
            self.watching_focus = True
        self.load()

    # -- layout ---------------------------------------------------------------------------

    def _build(self) -> None:
        self.next_button = _button(self.tr("Next contact (F2)"), "next_contact")
        self.give_back_button = _button(self.tr("Give back (F4)"), "give_back")
        self.status = QLabel()
        self.status.setObjectName("console_status")
        self.status.setWordWrap(True)
        self.stats = QLabel()
        self.stats.setObjectName("shift_statistics")
        self.stats.setStyleSheet("color: #333; font-weight: 600;")
        top = QHBoxLayout()
        top.addWidget(self.next_button)
        top.addWidget(self.give_back_button)
        top.addWidget(self.status, 1)
        top.addWidget(self.stats)

        self.card = ContactCardView()
        self.dial_button = _button(self.tr("Dial (F5)"), "dial")
        self.answered_button = _button(self.tr("Answered (F7)"), "answered")
        self.hang_up_button = _button(self.tr("Hang up (F6)"), "hang_up")
        self.call_state = QLabel()
        self.call_state.setObjectName("call_status")
        self.call_state.setWordWrap(True)
        self.call_timer = QLabel("00:00")
        self.call_timer.setObjectName("call_timer")
        self.call_timer.setStyleSheet("font-size: 22px; font-family: monospace;")
        self.outcome_button = _button(self.tr("Outcome… (Ctrl+O)"), "outcome")
        self.alert_button = _button(self.tr("Hot alert (F10)"), "hot_alert")
        self.lead_button = _button(self.tr("Sales lead (F11)"), "sales_lead")
        # Red only while it can be pressed: a disabled button keeps the grey of the others.
        self.alert_button.setStyleSheet("QPushButton:enabled { color: #b00020; }")
        call_box = QFrame()
        call_box.setFrameShape(QFrame.Shape.StyledPanel)
        call_layout = QVBoxLayout(call_box)
        dial_row = QHBoxLayout()
        dial_row.addWidget(self.dial_button)
        dial_row.addWidget(self.answered_button)
        dial_row.addWidget(self.hang_up_button)
        call_layout.addLayout(dial_row)
        timer_row = QHBoxLayout()
        timer_row.addWidget(self.call_timer)
        timer_row.addWidget(self.call_state, 1)
        call_layout.addLayout(timer_row)
        call_layout.addWidget(self.outcome_button)
        flag_row = QHBoxLayout()
        flag_row.addWidget(self.alert_button)
        flag_row.addWidget(self.lead_button)
        call_layout.addLayout(flag_row)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(call_box)
        left_layout.addWidget(self.card, 1)

        self.pane = ScriptPane()
        self.pane.installEventFilter(self)
        self.outcome_panel = OutcomePanel(self.context.language)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.pane)
        self.stack.addWidget(self.outcome_panel)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.stack)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([340, 760])

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)

        self.next_button.clicked.connect(self.take_next_contact)
        self.give_back_button.clicked.connect(self.give_contact_back)
        self.dial_button.clicked.connect(self.dial)
        self.answered_button.clicked.connect(self.report_answered)
        self.hang_up_button.clicked.connect(self.hang_up)
        self.outcome_button.clicked.connect(lambda: self.open_wrap_up())
        self.alert_button.clicked.connect(lambda: self.flag(AlertKind.PROBLEM))
        self.lead_button.clicked.connect(lambda: self.flag(AlertKind.SALES_LEAD))
        self.pane.submitted.connect(self._submit)
        self.pane.next_button.clicked.connect(self._next_clicked)
        self.pane.back_requested.connect(self._back)
        self.outcome_panel.confirmed.connect(self._record)
        self.outcome_panel.dismissed.connect(self._back_to_script)
        keys: list[tuple[str, Callable[[], None]]] = [
            ("F2", self.take_next_contact),
            ("F4", self.give_contact_back),
            ("F5", self.dial),
            ("F6", self.hang_up),
            ("F7", self.report_answered),
            ("Ctrl+O", lambda: self.open_wrap_up()),
            ("F10", lambda: self.flag(AlertKind.PROBLEM)),
            ("F11", lambda: self.flag(AlertKind.SALES_LEAD)),
        ]
        for sequence, action in keys:
            shortcut = QShortcut(QKeySequence(sequence), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(action)
        self.pane.show_message(self.tr("Press “Next contact” (F2) to start."))

    # -- the keyboard ---------------------------------------------------------------------
    # F2, F5 and the rest work while the keyboard focus is inside the console, so the console
    # takes it whenever it is shown, and takes it back from a widget that is not on screen
    # (another tab's screen that set its own focus while hidden).

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        QTimer.singleShot(0, self, self.take_keyboard)

    def take_keyboard(self) -> None:
        """Give the keyboard to what the interviewer works with now, if it is elsewhere."""
        if not isValid(self) or not self.isVisible():
            return
        focus = QApplication.focusWidget()
        if focus is not None and focus.isVisible() and self.isAncestorOf(focus):
            return  # already here (the note field, an "other, specify" answer...)
        if self.stack.currentWidget() is self.outcome_panel:
            self.outcome_panel.list.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self.pane.take_focus()

    def _focus_moved(self, _old: QWidget | None, now: QWidget | None) -> None:
        if not isValid(self) or (now is not None and now.isVisible()):
            return
        if self.isVisible() and self.isActiveWindow():
            QTimer.singleShot(0, self, self.take_keyboard)

    # -- background calls -----------------------------------------------------------------

    @property
    def busy(self) -> bool:
        return bool(self.running)

    def _run(
        self,
        function: Callable[[], Any],
        on_success: Callable[[Any], None],
        on_failure: Callable[[BaseException], None] | None = None,
    ) -> Operation:
        failure = on_failure or self.context.errors

        def finished() -> None:
            if not isValid(self):
                return
            if operation in self.running:
                self.running.remove(operation)
            self._update_buttons()
            if not self.running:
                self.idle.emit()

        # The console may be closed while a call still runs: its result is then dropped.
        operation = run_in_background(function, on_success, failure, parent=self)
        self.running.append(operation)
        operation.when_finished(finished)
        self._update_buttons()
        return operation

    # -- loading --------------------------------------------------------------------------

    def load(self) -> None:
        study_id = self.context.study_id
        if study_id is None:
            self.status.setText(self.tr("No study chosen."))
            return
        engine, actor, language = self.context.engine, self.context.actor, self.context.language

        def loaded(fieldwork: StudyFieldwork) -> None:
            self.fieldwork = fieldwork
            self.outcome_panel.set_outcomes(fieldwork.outcomes)
            self._update_buttons()

        self._run(lambda: study_fieldwork(engine, actor, study_id, language), loaded)
        self.refresh_statistics()

    def refresh_statistics(self) -> None:
        study_id = self.context.study_id
        if study_id is None:
            return
        engine, actor, clock = self.context.engine, self.context.actor, self.context.clock
        since = self.shift_started
        self._run(
            lambda: shift_statistics(engine, actor, study_id, since, clock),
            self._show_statistics,
        )

    def _show_statistics(self, statistics: ShiftStatistics) -> None:
        self.statistics = statistics
        rate = statistics.calls_per_hour
        self.stats.setText(
            self.tr("This shift: {calls} calls · {completes} completes · {rate} calls/h").format(
                calls=statistics.calls,
                completes=statistics.completes,
                rate="—" if rate is None else f"{rate:.1f}",
            )
        )

    # -- the contact ----------------------------------------------------------------------

    @property
    def claim(self) -> Claim | None:
        return self.claimed.claim if self.claimed else None

    def take_next_contact(self) -> None:
        if self.claimed is not None or self.busy or self.context.study_id is None:
            return
        engine, actor, clock = self.context.engine, self.context.actor, self.context.clock
        study_id, language = self.context.study_id, self.context.language
        self.status.setText(self.tr("Looking for the next contact…"))
        self._run(
            lambda: next_contact(engine, actor, study_id, clock, language),
            self._got_contact,
            self._failed,
        )

    def _got_contact(self, got: ClaimedContact | NoContact) -> None:
        if isinstance(got, NoContact):
            self.status.setText(self._no_contact_text(got))
            return
        self.claimed = got
        self.card.show_card(got.card, self.context.clock.now())
        self.status.setText(self.tr("Contact held for you. Dial when ready (F5)."))
        self.pane.show_message(
            self.tr("Press “Dial” (F5) to call {company}.").format(
                company=got.card.company or got.card.name
            )
        )
        self._start_lease_timer(got.claim)
        self._update_buttons()

    def _no_contact_text(self, none: NoContact) -> str:
        texts = {
            NoContactReason.STUDY_NOT_OPEN: self.tr(
                "The study is paused or closed: no calls are made."
            ),
            NoContactReason.OUTSIDE_CALLING_HOURS: self.tr(
                "Contacts are waiting, but it is outside calling hours where they are."
            ),
            NoContactReason.NOTHING_DUE: self.tr(
                "Nobody is due now; the next call-back or retry is later."
            ),
            NoContactReason.QUOTAS_FULL: self.tr(
                "Every segment with contacts left has reached its quota."
            ),
            NoContactReason.NOTHING_LEFT: self.tr(
                "Every contact of the study has a final outcome."
            ),
        }
        text = texts[none.reason]
        if none.next_at is not None:
            text += " " + self.tr("Next one at {time}.").format(
                time=none.next_at.astimezone().strftime("%d.%m %H:%M")
            )
        return text

    def give_contact_back(self) -> None:
        claim = self.claim
        if claim is None or self.handle is not None or self.busy:
            return
        engine, actor, clock = self.context.engine, self.context.actor, self.context.clock

        def given(_result: object) -> None:
            self._reset(self.tr("The contact went back to the queue."))

        self._run(lambda: give_back(engine, actor, claim, clock), given, self._failed)

    def _start_lease_timer(self, claim: Claim) -> None:
        left = (claim.expires_at - self.context.clock.now()).total_seconds()
        self.lease_timer.start(int(max(60.0, left / 2) * 1000))

    def _renew_lease(self) -> None:
        claim = self.claim
        if claim is None:
            self.lease_timer.stop()
            return
        engine, actor, clock = self.context.engine, self.context.actor, self.context.clock

        def renewed(new: Claim) -> None:
            if self.claimed is not None and self.claimed.claim.token == new.token:
                self.claimed = ClaimedContact(new, self.claimed.card)
                if self.session is not None:
                    self.session.claim = new

        self._run(lambda: keep_holding(engine, actor, claim, clock), renewed, self._failed)

    # -- the call -------------------------------------------------------------------------

    def dial(self) -> None:
        claimed, fieldwork = self.claimed, self.fieldwork
        if claimed is None or fieldwork is None or self.handle is not None or self.busy:
            return
        if self.wrapping_up:
            return
        context, bridge = self.context, self.bridge
        dialer = self.dialer
        claim = claimed.claim

        def place() -> tuple[Dialer, CallHandle]:
            used = dialer or make_dialer(context, fieldwork)
            handle = used.dial(
                claim.phone_e164, extension=claim.extension or "", listener=bridge.updated.emit
            )
            return used, handle

        def placed(result: tuple[Dialer, CallHandle]) -> None:
            self.dialer, self.handle = result
            self._update_buttons()
            latest = self.handle.latest()
            if latest is not None:
                self._call_update(latest)

        self.call_started = self.context.clock.now()
        self.call_ended = None
        self.connected = False
        self.call_state.setText(self.tr("Dialling…"))
        self.status.setText(self.tr("Calling {company}…").format(company=claimed.card.company))
        self._run(place, placed, self._failed)

    def report_answered(self) -> None:
        dialer, handle = self.dialer, self.handle
        report = getattr(dialer, "report_answered", None)
        if handle is None or report is None or handle.is_final:
            return
        self._run(lambda: report(handle), lambda _r: None)

    def hang_up(self) -> None:
        dialer, handle = self.dialer, self.handle
        if dialer is None or handle is None or handle.is_final:
            return
        self._run(lambda: dialer.hang_up(handle), lambda _r: None)

    def _call_update(self, update: object) -> None:
        if not isinstance(update, CallUpdate) or self.handle is None:
            return
        if update.call_id != self.handle.call_id:
            return
        self.call_state.setText(self._status_text(update))
        person = update.status is CallStatus.IN_PROGRESS and "machine" not in update.reason
        if person and not self.connected:
            self.connected = True
            self.status.setText(self.tr("On the call. Read the script aloud."))
            self._open_interview()
        if update.is_final:
            self.call_ended = update.at
            self._call_finished(update)
        self._update_buttons()

    def _status_text(self, update: CallUpdate) -> str:
        statuses = {
            CallStatus.QUEUED: self.tr("Placing the call…"),
            CallStatus.DIALING: self.tr("Dialling…"),
            CallStatus.RINGING: self.tr("Ringing…"),
            CallStatus.IN_PROGRESS: self.tr("Connected"),
            CallStatus.ENDED: self.tr("Call ended"),
        }
        text = statuses[update.status]
        if update.result is not None:
            text += ": " + self._result_text(update.result)
        if update.recording:
            text += " · ● " + self.tr("recording")
        return text

    def _result_text(self, result: CallResult) -> str:
        return {
            CallResult.ANSWERED: self.tr("answered"),
            CallResult.NO_ANSWER: self.tr("no answer"),
            CallResult.BUSY: self.tr("busy"),
            CallResult.ANSWERING_MACHINE: self.tr("answering machine"),
            CallResult.INVALID_NUMBER: self.tr("the number does not exist"),
            CallResult.UNREACHABLE: self.tr("the network could not connect"),
            CallResult.FAILED: self.tr("the call could not be placed"),
            CallResult.CANCELED: self.tr("hung up before an answer"),
        }[result]

    def _call_finished(self, update: CallUpdate) -> None:
        result = update.result
        if result is CallResult.FAILED:
            # Our side's fault: nothing is recorded; the interviewer may dial again.
            self.handle = None
            self.context.errors.show(
                self.tr("The call could not be placed: {reason}").format(reason=update.reason)
            )
            return
        if self.wrapping_up:
            return
        suggested = None
        if result is not CallResult.ANSWERED and result is not None and self.fieldwork:
            found = self.fieldwork.table.for_call_result(result)
            suggested = found.key if found is not None else None
        elif self.session is not None and not self.session.finished:
            suggested = "interrupted"
        self.open_wrap_up(suggested=suggested, forced=True)

    def _tick(self) -> None:
        now = self.context.clock.now()
        self.card.tick(now)
        if self.call_started is not None:
            end = self.call_ended or now
            seconds = max(0, int((end - self.call_started).total_seconds()))
            self.call_timer.setText(f"{seconds // 60:02d}:{seconds % 60:02d}")

    # -- the interview --------------------------------------------------------------------

    def _open_interview(self) -> None:
        claim = self.claim
        if claim is None or self.session is not None or self.opening:
            return
        self.opening = True
        engine, actor, clock = self.context.engine, self.context.actor, self.context.clock
        language = self.context.language

        def opened(session: InterviewSession) -> None:
            self.opening = False
            if self.claim is None or self.claim.token != claim.token:
                return
            self.session = session
            if not self.wrapping_up:
                self._show(session.screen())
            self._update_buttons()

        def failed(error: BaseException) -> None:
            self.opening = False
            if isinstance(error, QuotaFull):
                self.pane.show_message(str(error))
                self.open_wrap_up(fixed_key="quota_filled", forced=True)
                return
            self._failed(error)

        self._run(lambda: open_interview(engine, actor, claim, clock, language), opened, failed)

    def _show(self, shown: Screen | Closing) -> None:
        self.stack.setCurrentWidget(self.pane)
        if isinstance(shown, Closing):
            self.pane.show_closing(shown)
            self.pane.next_button.setEnabled(True)
            self.pane.next_button.setText(self.tr("Wrap up (Enter) →"))
            self.pane.setFocus()
        else:
            self.pane.show_screen(shown)

    def _submit(self, question_id: str, given: object) -> None:
        session = self.session
        if session is None or not isinstance(given, Answer):
            self.pane.show_rejection("")
            return

        def saved(result: AnswerSaved) -> None:
            if self.session is not session:
                return
            if result.question_id == RECORDING_CONSENT and given.value == CONSENT_YES:
                self._start_recording()
            if result.alerts:
                self.status.setText(self.tr("A hot alert was raised for the client."))
            if not self.wrapping_up:
                self._show(result.next)

        def failed(error: BaseException) -> None:
            if isinstance(error, AnswerRejected):
                self.pane.show_rejection(error.message)
                return
            self.pane.show_rejection(describe_error(error) or "")
            self._failed(error)

        self._run(lambda: session.answer(question_id, given), saved, failed)

    def _next_clicked(self) -> None:
        if self.pane.closing is not None:
            self.open_wrap_up()

    def _back(self, _question_id: str) -> None:
        if self.session is None or self.busy:
            return
        shown = self.session.back()
        if shown is not None:
            self._show(shown)

    def _start_recording(self) -> None:
        dialer, handle = self.dialer, self.handle
        if dialer is None or handle is None or handle.is_final or not dialer.supports_recording:
            return

        def failed(error: BaseException) -> None:
            self.status.setText(
                self.tr("Recording did not start: {reason}").format(reason=describe_error(error))
            )

        self._run(
            lambda: dialer.start_recording(handle, consent_given=True), lambda _r: None, failed
        )

    def flag(self, kind: AlertKind) -> None:
        session = self.session
        if session is None:
            return
        done = {
            AlertKind.PROBLEM: self.tr("Hot alert sent to the supervisor."),
            AlertKind.SALES_LEAD: self.tr("Sales lead passed on."),
        }
        already = self.tr("This interview has that flag already.")

        def flagged(alert_id: int | None) -> None:
            self.status.setText(done.get(kind, "") if alert_id is not None else already)

        self._run(lambda: session.flag(kind), flagged)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Enter on the closing screen leads to the wrap-up.
        if (
            watched is self.pane
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and self.pane.closing is not None
        ):
            self.open_wrap_up()
            return True
        return super().eventFilter(watched, event)

    def _keep_recordings(self, attempt_id: int, dialer: Dialer, handle: CallHandle) -> None:
        """Download the call's recording for the supervisors, after the wrap-up. Not counted
        as busy: Twilio may take a while to process it, and the next call need not wait."""
        fieldwork = self.fieldwork
        if fieldwork is None:
            return
        engine, actor, folder = self.context.engine, self.context.actor, fieldwork.recordings_folder

        def failed(error: BaseException) -> None:
            self.status.setText(
                self.tr("The call's recording could not be saved: {reason}").format(
                    reason=describe_error(error)
                )
            )

        download = run_in_background(
            lambda: keep_call_recordings(engine, actor, attempt_id, dialer, handle, folder),
            lambda _path: None,
            failed,
            parent=self,
        )
        self.downloads.append(download)
        download.when_finished(lambda: self.downloads.remove(download) if isValid(self) else None)

    # -- the wrap-up ----------------------------------------------------------------------

    def open_wrap_up(
        self, suggested: str | None = None, *, fixed_key: str | None = None, forced: bool = False
    ) -> None:
        claimed, fieldwork = self.claimed, self.fieldwork
        if claimed is None or fieldwork is None:
            return
        if self.handle is None and self.session is None and not forced:
            return  # nothing happened yet: dial, or give the contact back (F4)
        fixed: Outcome | None = None
        session = self.session
        if fixed_key is not None:
            fixed = fieldwork.table[fixed_key]
        elif session is not None and session.finished:
            shown = session.screen()
            status = shown.status if isinstance(shown, Closing) else "complete"
            key = ENDING_OUTCOMES.get(status, "refusal_respondent")
            fixed = fieldwork.table[key]
        call_over = self.handle is None or self.handle.is_final
        self.wrapping_up = True
        reason = ""
        if self.handle is not None and self.handle.is_final and self.handle.result is not None:
            reason = self.tr("The dialer says: {result}.").format(
                result=self._result_text(self.handle.result)
            )
        self.outcome_panel.begin(
            timezone=claimed.claim.timezone,
            now=self.context.clock.now(),
            suggested=suggested,
            fixed=fixed,
            reason=reason,
            can_dismiss=not (forced or call_over),
        )
        self.stack.setCurrentWidget(self.outcome_panel)
        self.outcome_panel.list.setFocus()
        if call_over:
            self.status.setText(
                self.tr("The call is over: choose how it ended (Enter records it).")
            )
        self._update_buttons()

    def _back_to_script(self) -> None:
        self.wrapping_up = False
        if self.session is not None:
            self._show(self.session.screen())
        else:
            self.stack.setCurrentWidget(self.pane)
        self._update_buttons()

    def _record(self, choice: object) -> None:
        claimed = self.claimed
        if not isinstance(choice, OutcomeChoice) or claimed is None:
            return
        engine, actor, clock = self.context.engine, self.context.actor, self.context.clock
        dialer, handle, session = self.dialer, self.handle, self.session
        started, connected = self.call_started, self.connected

        def save() -> OutcomeRecorded:
            if dialer is not None and handle is not None and not handle.is_final:
                dialer.hang_up(handle)
                handle.wait(timeout=5)
            facts = CallFacts()
            if handle is not None:
                result = handle.result
                if result in (None, CallResult.CANCELED) and connected:
                    result = CallResult.ANSWERED
                ended = clock.now()
                facts = CallFacts(
                    call_result=result,
                    reason=handle.reason,
                    started_at=started,
                    duration_seconds=(ended - started).total_seconds() if started else None,
                    dialer=dialer.name if dialer is not None else "",
                    external_call_id=handle.call_id,
                )
            wrap_up = WrapUp(
                choice.outcome_key,
                choice.note,
                choice.appointment,
                choice.do_not_call,
                facts,
            )
            return record_wrap_up(engine, actor, claimed.claim, clock, wrap_up, session)

        def saved(result: OutcomeRecorded) -> None:
            label = self.outcome_panel.selected()
            name = label.label(self.context.language) if label else result.outcome
            text = self.tr("Recorded: {outcome}.").format(outcome=name)
            if result.next_call_at is not None and not result.closed:
                local = local_time(result.next_call_at, claimed.claim.timezone)
                text += " " + self.tr("Next call {time} their time.").format(
                    time=local.strftime("%d.%m %H:%M")
                )
            self._reset(text)
            self.recorded.emit(result)
            self.refresh_statistics()
            if dialer is not None and handle is not None and handle.was_recorded:
                self._keep_recordings(result.attempt_id, dialer, handle)

        def failed(error: BaseException) -> None:
            if isinstance(error, LeaseLostError):
                self._reset(str(error))
                self.context.errors(error)
                return
            self.outcome_panel.show_message(describe_error(error) or "")

        self._run(save, saved, failed)

    def _reset(self, message: str) -> None:
        """Forget the contact: ready for the next one."""
        self.claimed = None
        self.session = None
        self.handle = None
        self.call_started = self.call_ended = None
        self.connected = self.opening = self.wrapping_up = False
        self.lease_timer.stop()
        self.card.clear()
        self.call_state.clear()
        self.call_timer.setText("00:00")
        self.status.setText(message)
        self.stack.setCurrentWidget(self.pane)
        self.pane.show_message(self.tr("Press “Next contact” (F2) for the next call."))
        self.pane.setFocus()
        self._update_buttons()

    def _failed(self, error: BaseException) -> None:
        if isinstance(error, LeaseLostError):
            self._reset(str(error))
        self.context.errors(error)

    # -- state ----------------------------------------------------------------------------

    def _update_buttons(self) -> None:
        held = self.claimed is not None
        live = self.handle is not None and not self.handle.is_final
        ready = self.fieldwork is not None
        self.next_button.setEnabled(ready and not held)
        self.give_back_button.setEnabled(held and self.handle is None and not self.wrapping_up)
        self.dial_button.setEnabled(ready and held and self.handle is None and not self.wrapping_up)
        self.hang_up_button.setEnabled(live)
        manual = self.dialer is not None and hasattr(self.dialer, "report_answered")
        self.answered_button.setVisible(manual)
        self.answered_button.setEnabled(live and not self.connected)
        self.outcome_button.setEnabled(
            held and (self.handle is not None or self.session is not None)
        )
        flaggable = self.session is not None
        self.alert_button.setEnabled(flaggable)
        self.lead_button.setEnabled(flaggable)

    def shutdown(self) -> None:
        """Stop timers and the dialer (the window is closing)."""
        app = QApplication.instance()
        if self.watching_focus and isinstance(app, QApplication):
            app.focusChanged.disconnect(self._focus_moved)
            self.watching_focus = False
        self.tick_timer.stop()
        self.lease_timer.stop()
        dialer = self.dialer
        if dialer is not None:
            self._run(dialer.close, lambda _r: None, lambda _e: None)

    def shift_elapsed(self) -> timedelta:
        return self.context.clock.now() - self.shift_started
