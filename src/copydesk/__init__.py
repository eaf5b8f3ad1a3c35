"""copydesk: analyse news articles, generate grounded interviews from them, and audit derived texts.

    >>> import copydesk
    >>> analysis = copydesk.analyse(text, published=datetime.date(2024, 11, 8))
    >>> audit = copydesk.check(source_text, derived_text)

Importing copydesk loads no model and touches no network; models load on first use.
"""

from __future__ import annotations

# The stages copydesk.analyse and copydesk.check share their names with the functions below.
# Importing a subpackage for the first time sets it as an attribute of this package, so they
# are imported here (cheaply: they load no model), before the functions take those names.
import copydesk.analyse  # noqa: F401
import copydesk.check  # noqa: F401
from copydesk.errors import (
    AnalysisError,
    CheckError,
    ConfigError,
    CopydeskError,
    GenerationError,
    InputError,
)
from copydesk.model import Analysis, Audit, Document, Interview, Span
from copydesk.pipeline import analyse, check, interview

__version__ = "0.1.0"

__all__ = [
    "__version__",
    "analyse",
    "check",
    "interview",
    "Document",
    "Analysis",
    "Audit",
    "Interview",
    "Span",
    "CopydeskError",
    "InputError",
    "AnalysisError",
    "CheckError",
    "GenerationError",
    "ConfigError",
]
