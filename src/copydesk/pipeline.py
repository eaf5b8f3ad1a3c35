"""The one module that composes the stages: ingest -> analyse -> (generate) -> check -> report.

The CLI and the HTTP service call only this module. Each stage is imported inside the function
that needs it, so importing copydesk stays fast and loads no model.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from typing import Any

from copydesk.config import Settings
from copydesk.errors import CopydeskError
from copydesk.model import Analysis, Audit, Document, Interview

DocLike = str | Document


def to_document(item: DocLike, *, settings: Settings | None = None, name: str = "<text>") -> Document:
    """Takes a ``Document`` as it is, or ingests a string as a plain-text article."""
    if isinstance(item, Document):
        return item
    from copydesk.ingest import read_text

    return read_text(item, name=name, settings=settings or Settings())


def analyse(item: DocLike, *, published: dt.date | None = None, settings: Settings | None = None) -> Analysis:
    """Analyses one article: sentences, actors, quotes (who said what) and dates.

    Args:
        item: The article, as a ``Document`` or as plain text.
        published: The publication date that relative dates resolve against; overrides the
            document's own.
        settings: Settings (packaged defaults when omitted).
    """
    from copydesk.analyse import analyse as run

    return run(to_document(item, settings=settings), published=published)


def analyse_many(docs: Iterable[Document], *, published: dt.date | None = None) -> Iterator[Analysis]:
    """Analyses a stream of documents with one model load, in order."""
    from copydesk.analyse import analyse_many as run

    return run(docs, published=published)


def check(
    source: DocLike,
    derived: DocLike,
    *,
    published: dt.date | None = None,
    settings: Settings | None = None,
) -> Audit:
    """Audits a derived text (summary, rewrite, interview) against its source, claim by claim."""
    from copydesk.check import audit

    settings = settings or Settings()
    src = to_document(source, settings=settings, name="source")
    der = to_document(derived, settings=settings, name="derived")
    return audit(analyse(src, published=published), analyse(der, published=published), settings=settings)


def interview(
    article: DocLike,
    *,
    outlet: str | None = None,
    guest: str | None = None,
    turns: int | None = None,
    focus: str | None = None,
    published: dt.date | None = None,
    llm: Any = None,
    settings: Settings | None = None,
) -> Interview:
    """Generates a grounded editor-guest interview from an article, audited before it returns."""
    from copydesk.generate import build_interview

    settings = settings or Settings()
    analysis = analyse(article, published=published, settings=settings)

    def verify(text: str) -> Audit:
        from copydesk.check import audit

        derived = to_document(text, settings=settings, name="interview")
        return audit(analysis, analyse(derived, published=published), settings=settings)

    return build_interview(
        analysis,
        outlet=outlet or settings.outlet,
        guest=guest,
        turns=turns or settings.interview_turns,
        focus=focus,
        verify=verify,
        llm=llm,
        settings=settings,
    )


__all__ = ["analyse", "analyse_many", "check", "interview", "to_document", "CopydeskError"]
