"""The HTTP API's request and response models (pydantic lives here, at the edge, only).

Strings are strict (a number or object where a string belongs is a 422), must encode as
UTF-8 (a lone surrogate is a 422), and dates are ``YYYY-MM-DD``.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StrictInt, StrictStr, model_validator

Kind = Literal["analysis", "audit", "interview"]
JobState = Literal["queued", "running", "done", "failed"]


def _encodable(value: str) -> str:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as e:
        raise ValueError(f"the text holds a lone surrogate at character {e.start}") from None
    return value


def _date(value: str) -> str:
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"not a YYYY-MM-DD date: {value!r}") from None
    return value


Text = Annotated[StrictStr, AfterValidator(_encodable)]
Label = Annotated[StrictStr, Field(max_length=200), AfterValidator(_encodable)]
Published = Annotated[
    StrictStr,
    Field(pattern=r"^\d{4}-\d{2}-\d{2}$", json_schema_extra={"format": "date"}),
    AfterValidator(_date),
]


class _Request(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ArticleFields(_Request):
    """An article as ``text`` (plain text, read verbatim) or ``html`` (its main text is read)."""

    text: Text | None = None
    html: Text | None = None
    published: Published | None = Field(None, description="publication date for relative dates")
    id: Label | None = None
    title: Label | None = None
    url: Label | None = None
    byline: Label | None = None
    source_credit: Label | None = None

    @model_validator(mode="after")
    def _one_text(self) -> ArticleFields:
        if (self.text is None) == (self.html is None):
            raise ValueError('give the article as exactly one of "text" and "html"')
        return self


class AnalyseRequest(ArticleFields):
    """``POST /api/analyse``."""


class InterviewRequest(ArticleFields):
    """``POST /api/interview``: turns, outlet, guest and focus as ``copydesk interview`` takes them."""

    turns: StrictInt | None = Field(
        None, ge=1, description="question-answer pairs (1 to max_interview_turns)"
    )
    outlet: Label | None = None
    guest: Label | None = None
    focus: Label | None = None


class CheckRequest(_Request):
    """``POST /api/check``: a derived text audited against its source."""

    source: Text
    derived: Text
    published: Published | None = Field(None, description="the source's publication date")


class ResultFields(BaseModel):
    """Added to every stored result: its id and the address of its review page."""

    model_config = ConfigDict(extra="allow")
    schema_version: str
    result_id: str
    permalink: str = Field(description="the review page of this result, e.g. /r/abc123")


class DocumentFields(BaseModel):
    """What ingest read about an article (``Document.to_dict``): its metadata, the page
    furniture it marked (bylines, captions, sign-up lines ..., by offsets) and its genre."""

    model_config = ConfigDict(extra="allow")
    id: str | None = None
    title: str | None = None
    url: str | None = None
    published: str | None = Field(None, description="YYYY-MM-DD")
    byline: str | None = None
    source_credit: str | None = None
    genre: str | None = Field(None, description='e.g. "opinion", with genre_evidence')
    genre_evidence: list[str] = []
    furniture: list[dict[str, Any]] = Field([], description="page furniture spans with their kind")
    language: str | None = None


class AnalysisResult(ResultFields, DocumentFields):
    """An analysis, as ``copydesk analyse --format json`` writes it, with the result's id."""

    text: str
    sentences: list[dict[str, Any]]
    actors: list[dict[str, Any]]
    quotes: list[dict[str, Any]]
    dates: list[dict[str, Any]]
    references: list[dict[str, Any]] = Field([], description="every third-person pronoun, resolved or not")
    author_voice: list[dict[str, Any]] = Field([], description="the author's first-person sentences")
    warnings: list[str]


class AuditResult(ResultFields):
    """An audit, as ``copydesk check --format json`` writes it, with the result's id."""

    consistent: bool
    score: float
    source: DocumentFields
    derived: DocumentFields
    sentences: list[dict[str, Any]]
    warnings: list[str]


class InterviewResult(ResultFields):
    """An interview, as ``copydesk interview --format json`` writes it, with the result's id."""

    title: str
    outlet: str | None = None
    guest: str | None = None
    disclosure: str | None = None
    article: DocumentFields
    turns: list[dict[str, Any]]
    audit: dict[str, Any] | None = Field(None, description="the interview's own audit against the article")
    notes: list[str] = []
    left_out: list[dict[str, Any]] = Field([], description="article passages the interview leaves out")
    warnings: list[str]


class JobAccepted(BaseModel):
    """202: the input is large, so it runs as a job; poll ``status_url``."""

    job_id: str
    status: JobState
    status_url: str
    result_url: str
    permalink: str


class JobStatus(BaseModel):
    """``GET /api/jobs/{id}``."""

    job_id: str
    kind: Kind
    status: JobState
    queue_position: int | None = Field(None, description="jobs ahead of this one (while queued)")
    created: dt.datetime
    started: dt.datetime | None = None
    finished: dt.datetime | None = None
    elapsed_s: float | None = Field(None, description="seconds running so far, or in all when finished")
    error: str | None = None
    result_url: str | None = None
    permalink: str


class ResultSummary(BaseModel):
    """One line of ``GET /api/results`` (newest first)."""

    id: str
    kind: Kind
    status: JobState
    title: str
    created: dt.datetime
    permalink: str


class Health(BaseModel):
    status: Literal["ok"]
    version: str


class Ready(BaseModel):
    ready: bool
    workers: int
    loaded: int


class ErrorBody(BaseModel):
    """Every 4xx and 5xx answer of the API."""

    error: str
    type: str
    detail: list[dict[str, Any]] | None = None
