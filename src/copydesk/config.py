"""Settings, layered like trafilatura's: packaged defaults, then the user's file, then the environment.

The file is TOML (``--config FILE`` or ``$COPYDESK_CONFIG``) with a ``[copydesk]`` table; an
environment variable ``COPYDESK_<NAME>`` (upper case) overrides a value. Settings are validated
once, here, and passed explicitly to the stages that need them.
"""

from __future__ import annotations

import dataclasses
import os
import tomllib
from dataclasses import dataclass, fields
from pathlib import Path

from copydesk.errors import ConfigError


@dataclass(frozen=True)
class Settings:
    """Every tunable of copydesk, with its packaged default."""

    max_input_bytes: int = 5_000_000
    """Inputs larger than this are refused (bytes, before decoding)."""
    max_derived_chars: int = 100_000
    """Derived texts longer than this are refused by ``check``."""
    min_english_ratio: float = 0.12
    """Share of common English function words below which a text is called non-English."""
    interview_turns: int = 9
    """Default number of question-answer pairs in a generated interview."""
    interview_max_share: float = 0.6
    """The largest share of a long article's sentences an interview uses by default."""
    interview_min_sentences: int = 24
    """An interview may use this many of an article's sentences whatever their share (so a
    short article is not cut to a few lines)."""
    outlet: str = "copydesk"
    """Default outlet name in generated interviews."""
    llm_timeout_s: float = 60.0
    """Timeout of one request to an LLM backend."""
    max_interview_turns: int = 40
    """The most question-answer pairs an interview may be asked for over HTTP."""
    serve_workers: int = 1
    """``copydesk serve``: worker processes, each holding its own models."""
    serve_queue: int = 32
    """``copydesk serve``: jobs that may wait for a worker; beyond them a request gets 503."""
    serve_job_timeout_s: float = 300.0
    """``copydesk serve``: the longest one job may run before its worker is stopped."""
    serve_async_bytes: int = 100_000
    """``copydesk serve``: API requests with a body larger than this run as jobs (202)."""
    serve_rate_per_minute: int = 600
    """``copydesk serve``: API and form posts one client may make per minute (0: no limit)."""


def load_settings(path: str | Path | None = None, env: dict[str, str] | None = None) -> Settings:
    """Builds settings from the defaults, an optional TOML file and the environment.

    Args:
        path: A TOML file with a ``[copydesk]`` table; defaults to ``$COPYDESK_CONFIG`` if set.
        env: The environment to read ``COPYDESK_*`` overrides from (``os.environ`` by default).

    Raises:
        ConfigError: The file cannot be read, or a key or value is invalid.
    """
    env = dict(os.environ) if env is None else env
    values: dict[str, object] = {}
    path = path or env.get("COPYDESK_CONFIG")
    if path:
        try:
            with open(path, "rb") as f:
                values.update(tomllib.load(f).get("copydesk", {}))
        except (OSError, tomllib.TOMLDecodeError) as e:
            raise ConfigError(f"cannot read configuration: {e}", source=str(path)) from e
    known = {f.name: f for f in fields(Settings)}
    for name in known:
        key = f"COPYDESK_{name.upper()}"
        if key in env:
            values[name] = env[key]
    unknown = set(values) - set(known)
    if unknown:
        raise ConfigError(
            f"unknown setting(s): {', '.join(sorted(unknown))}", source=str(path or "environment")
        )
    typed: dict[str, object] = {}
    for name, value in values.items():
        kind = type(getattr(Settings, name))
        try:
            typed[name] = kind(value)
        except (TypeError, ValueError) as e:
            raise ConfigError(f"setting {name}: cannot read {value!r} as {kind.__name__}") from e
    settings = dataclasses.replace(Settings(), **typed)  # type: ignore[arg-type]
    if settings.max_input_bytes <= 0 or settings.max_derived_chars <= 0 or settings.interview_turns <= 0:
        raise ConfigError("size limits and interview_turns must be positive")
    if min(settings.max_interview_turns, settings.serve_workers, settings.serve_job_timeout_s) <= 0:
        raise ConfigError("max_interview_turns, serve_workers and serve_job_timeout_s must be positive")
    if min(settings.serve_queue, settings.serve_async_bytes, settings.serve_rate_per_minute) < 0:
        raise ConfigError("serve_queue, serve_async_bytes and serve_rate_per_minute must not be negative")
    if not 0 < settings.interview_max_share <= 1 or settings.interview_min_sentences < 0:
        raise ConfigError("interview_max_share must be in (0, 1] and interview_min_sentences not negative")
    return settings
