"""The Word template of the client report (``template.docx``) and the script that makes it.

``template.docx`` owns the look of the report: fonts, heading and caption styles, page
size and margins, the page-number footer. Regenerate it with
``python -m resources.report.make_template`` after changing ``make_template.py``.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

TEMPLATE_NAME = "template.docx"


def template_path() -> Path:
    """Path of the shipped report template."""
    return Path(str(resources.files(__name__).joinpath(TEMPLATE_NAME)))
