"""Analyse: ``Document`` -> ``Analysis`` (sentences, actors, quotes, dates, references).

Public functions: ``analyse``, ``analyse_many``. spaCy loads lazily, once, and no spaCy object
leaves this package: every annotation is converted to character offsets here.

The steps, each in its own module, with what it reads and writes:

=================  ==============================================  ===========================
step               reads                                           writes
=================  ==============================================  ===========================
``nlp``            text                                            parsed ``Doc`` (lines are
                                                                   sentence boundaries)
``sentences``      sentence boundaries                             sentence spans
``quotemarks``     text                                            quotation regions, warnings
``quotes``         parse, quotation regions                        attributions (spans)
``actors``         entities, parse, attributions                   actors (with gender),
                                                                   resolved speakers
``references``     parse, actors, quotation regions, attributions  pronoun references
``dates``          text, publication date                          date mentions
``voice``          text, sentences, quotation regions              author-voice sentences,
                                                                   genre (when ingest had none)
``tokens``         parse                                           tokens (lemma, POS, entity,
                                                                   stop word)
=================  ==============================================  ===========================

Page furniture (``Document.furniture``) and the credit are left out of every step: no
sentence, attribution, actor, reference or date is made from them.

Token-to-character alignment: spans begin and end on token boundaries (``token.idx`` to
``token.idx + len(token)``); character positions found by scanning the text are mapped to
tokens with the "expand" policy (see ``nlp``).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from copydesk.errors import AnalysisError
from copydesk.model import Analysis, Document, Quote

if TYPE_CHECKING:
    from spacy.tokens import Doc


def analyse(doc: Document, *, published: dt.date | None = None) -> Analysis:
    """Analyses one document: sentences, actors, who said what, dates.

    Args:
        doc: The document.
        published: The date relative dates resolve against; overrides ``doc.published``.

    Raises:
        AnalysisError: The model cannot be loaded or the text is too long for it.
    """
    from copydesk.analyse.nlp import parse

    try:
        parsed = parse(doc.text)
    except AnalysisError as e:
        raise AnalysisError(e.message, doc_id=doc.id) from e
    return _build(doc, parsed, published)


def analyse_many(docs: Iterable[Document], *, published: dt.date | None = None) -> Iterator[Analysis]:
    """Analyses a stream of documents in order, parsing them with ``nlp.pipe`` (one model load).

    Args:
        docs: The documents.
        published: The date relative dates resolve against, for every document; when None, each
            document's own ``published`` is used.

    Raises:
        AnalysisError: A document is too long for the model (the ones before it have been
            yielded) or the model cannot be loaded.
    """
    from copydesk.analyse.nlp import MAX_CHARS, parse_many

    pending: list[Document] = []

    def texts() -> Iterator[str]:
        for d in docs:
            if len(d.text) > MAX_CHARS:
                raise AnalysisError(
                    f"text of {len(d.text)} characters is longer than the limit of {MAX_CHARS}", doc_id=d.id
                )
            pending.append(d)
            yield d.text

    for parsed in parse_many(texts()):
        yield _build(pending.pop(0), parsed, published)


def _build(doc: Document, parsed: Doc, published: dt.date | None) -> Analysis:
    from copydesk.analyse.actors import find_actors
    from copydesk.analyse.dates import find_dates
    from copydesk.analyse.nlp import DocIndex
    from copydesk.analyse.quotemarks import find_quote_regions
    from copydesk.analyse.quotes import find_quotes
    from copydesk.analyse.sentences import sentence_spans
    from copydesk.analyse.tokens import token_table
    from copydesk.analyse.voice import genre_from_voice, read_voice

    try:
        index = DocIndex(parsed)
        regions, warnings = find_quote_regions(doc.text)
        # the credit and the page furniture make no attribution, actor, reference or sentence
        excluded = [f.span for f in doc.furniture]
        if doc.credit_span is not None:
            excluded.append(doc.credit_span)
        raw = find_quotes(parsed, regions, exclude=excluded, index=index)
        actors, speakers, references = find_actors(
            parsed, raw, exclude=excluded, index=index, regions=regions
        )
        quotes = tuple(
            Quote(content=q.content, kind=q.kind, speaker=q.speaker, cue=q.cue, actor=actor, name=name)
            for q, (actor, name) in zip(raw, speakers, strict=True)
        )
        when = published if published is not None else doc.published
        dates = tuple(
            d
            for d in find_dates(doc.text, when)
            if not any(x.start <= d.span.start < x.end for x in excluded)
        )
        sentences = tuple(s for s in sentence_spans(parsed, index) if not doc.is_furniture(s))
        voice, counted = read_voice(doc.text, sentences, regions)
        if doc.genre is None and doc.text.strip():
            genre, evidence = genre_from_voice(len(voice), counted)
            doc = dataclasses.replace(doc, genre=genre, genre_evidence=(evidence,))
        return Analysis(
            document=doc,
            sentences=sentences,
            actors=actors,
            quotes=quotes,
            dates=dates,
            warnings=(*doc.warnings, *warnings),
            references=references,
            author_voice=tuple(voice),
            tokens=token_table(parsed),
        )
    except AnalysisError:
        raise
    except (ValueError, IndexError, KeyError) as e:
        raise AnalysisError(f"analysis failed: {e}", doc_id=doc.id) from e


__all__ = ["analyse", "analyse_many"]
