"""The one exception tree of copydesk.

    CopydeskError            base: anything copydesk raises on purpose
    +-- InputError           the input cannot be read or is not an English article
    +-- AnalysisError        the analyser failed on a document
    +-- CheckError           an audit could not be carried out
    +-- GenerationError      an interview could not be generated
    +-- ConfigError          a configuration file or value is invalid

Every error carries its context: the file (``source``), the document id and, where it
applies, the character offsets involved. ``str(error)`` is one line a person can act on.
"""

from __future__ import annotations


class CopydeskError(Exception):
    """Base class of every error copydesk raises on purpose."""

    def __init__(
        self,
        message: str,
        *,
        source: str | None = None,
        doc_id: str | None = None,
        start: int | None = None,
        end: int | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.source = source
        self.doc_id = doc_id
        self.start = start
        self.end = end

    def __str__(self) -> str:
        where = []
        if self.source:
            where.append(self.source)
        if self.doc_id:
            where.append(f"id={self.doc_id}")
        if self.start is not None:
            where.append(f"[{self.start}:{self.end}]")
        prefix = " ".join(where)
        return f"{prefix}: {self.message}" if prefix else self.message


class InputError(CopydeskError):
    """The input is empty, binary, undecodable, too large, not English or has no article."""


class AnalysisError(CopydeskError):
    """The analyser could not process a document."""


class CheckError(CopydeskError):
    """An audit of a derived text against its source could not be carried out."""


class GenerationError(CopydeskError):
    """An interview could not be generated."""


class ConfigError(CopydeskError):
    """A configuration file or value is invalid."""
