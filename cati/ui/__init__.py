"""The Qt widgets layer: the only part of cati that imports PySide6."""
