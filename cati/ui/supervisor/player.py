"""Playing a call recording with QtMultimedia, or saying clearly why it cannot play here.

QtMultimedia needs the system's audio libraries (PulseAudio's ``libpulse`` on Linux); where
they are missing (a bare server, CI) the player still takes the recording, shows it and
offers to open it in the system's own player instead.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSlider, QWidget

__all__ = ["RecordingPlayer", "multimedia"]


def multimedia() -> Any | None:
    """The QtMultimedia module, or None when it cannot load on this computer."""
    try:
        return importlib.import_module("PySide6.QtMultimedia")
    except ImportError:
        return None


def _clock(ms: int) -> str:
    seconds = max(ms, 0) // 1000
    return f"{seconds // 60}:{seconds % 60:02d}"


class RecordingPlayer(QWidget):
    """Play/pause, a position slider and the time; :attr:`source` is the loaded file."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.source: Path | None = None
        self.player: Any = None
        self.audio: Any = None
        module = multimedia()
        if module is not None:
            self.player = module.QMediaPlayer(self)
            self.audio = module.QAudioOutput(self)
            self.player.setAudioOutput(self.audio)
            self.player.positionChanged.connect(self._position)
            self.player.durationChanged.connect(self._duration)
            self.player.playbackStateChanged.connect(self._state)
        self.play_button = QPushButton(self.tr("Play"))
        self.play_button.setObjectName("play")
        self.play_button.setEnabled(False)
        self.play_button.clicked.connect(self.toggle)
        self.external = QPushButton(self.tr("Open in the system player"))
        self.external.setObjectName("open_external")
        self.external.setEnabled(False)
        self.external.clicked.connect(self.open_external)
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setObjectName("position")
        self.slider.setEnabled(False)
        self.slider.sliderMoved.connect(self._seek)
        self.time = QLabel("0:00 / 0:00")
        self.label = QLabel(self.tr("No recording chosen"))
        self.label.setObjectName("recording_label")
        self.label.setWordWrap(True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.play_button)
        layout.addWidget(self.slider, 1)
        layout.addWidget(self.time)
        layout.addWidget(self.external)

    @property
    def available(self) -> bool:
        return self.player is not None

    def load(self, path: Path) -> None:
        self.stop()
        self.source = path
        self.external.setEnabled(True)
        if self.player is not None:
            self.player.setSource(QUrl.fromLocalFile(str(path)))
            self.play_button.setEnabled(True)
            self.slider.setEnabled(True)
            self.label.setText(path.name)
        else:
            self.play_button.setEnabled(False)
            self.label.setText(
                self.tr(
                    "{file}: sound cannot be played in cati on this computer (audio "
                    "libraries missing); open it in the system player."
                ).replace("{file}", path.name)
            )

    def clear(self) -> None:
        self.stop()
        self.source = None
        if self.player is not None:
            self.player.setSource(QUrl())
        self.play_button.setEnabled(False)
        self.external.setEnabled(False)
        self.slider.setEnabled(False)
        self.label.setText(self.tr("No recording chosen"))

    def toggle(self) -> None:
        if self.player is None:
            return
        module = multimedia()
        playing = module is not None and (
            self.player.playbackState() == module.QMediaPlayer.PlaybackState.PlayingState
        )
        if playing:
            self.player.pause()
        else:
            self.player.play()

    def stop(self) -> None:
        if self.player is not None:
            self.player.stop()

    def open_external(self) -> None:
        if self.source is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.source)))

    def _position(self, ms: int) -> None:
        if not self.slider.isSliderDown():
            self.slider.setValue(ms)
        self.time.setText(f"{_clock(ms)} / {_clock(self.slider.maximum())}")

    def _duration(self, ms: int) -> None:
        self.slider.setRange(0, ms)
        self.time.setText(f"{_clock(self.slider.value())} / {_clock(ms)}")

    def _state(self, state: Any) -> None:
        module = multimedia()
        playing = module is not None and state == module.QMediaPlayer.PlaybackState.PlayingState
        self.play_button.setText(self.tr("Pause") if playing else self.tr("Play"))

    def _seek(self, ms: int) -> None:
        if self.player is not None:
            self.player.setPosition(ms)
