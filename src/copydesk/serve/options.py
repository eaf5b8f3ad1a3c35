"""The options of one ``copydesk serve`` process, validated once.

Tunables that belong in a configuration file (workers, queue, time limits, rate limit) come
from ``copydesk.config.Settings``; what only the command line says (address, token, database,
allowed hosts, CORS origins) is added here.
"""

from __future__ import annotations

import dataclasses
import ipaddress
from dataclasses import dataclass, field
from pathlib import Path

from copydesk.config import Settings
from copydesk.errors import ConfigError

DEFAULT_RUNNER = "copydesk.serve.workers:run_job"
"""The function a worker calls for each job (``module:function``); tests inject another."""

LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1")


def is_loopback(host: str) -> bool:
    """True for ``localhost`` and any address in 127.0.0.0/8 or ``::1``."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def default_db_url() -> str:
    """SQLite under the user's data directory (``$XDG_DATA_HOME/copydesk`` on Linux)."""
    import platformdirs

    folder = Path(platformdirs.user_data_dir("copydesk", appauthor=False))
    return f"sqlite:///{folder / 'copydesk.db'}"


def max_request_bytes(settings: Settings) -> int:
    """The one size limit of a request body, checked before the body is read.

    It agrees with the CLI's limits: the largest input file (``max_input_bytes``) plus the
    largest derived text (``max_derived_chars``, four UTF-8 bytes a character at most), plus
    64 KiB for JSON syntax and the other fields. A text field over the CLI's own limit is
    refused too (413), so the API accepts nothing the CLI would refuse for size.
    """
    return settings.max_input_bytes + 4 * settings.max_derived_chars + 65_536


@dataclass(frozen=True)
class ServeOptions:
    """Everything one server process needs; build it with ``ServeOptions.build``."""

    settings: Settings = field(default_factory=Settings)
    host: str = "127.0.0.1"
    port: int = 8000
    token: str | None = None
    db: str = ""
    allowed_hosts: tuple[str, ...] = ()
    cors_origins: tuple[str, ...] = ()
    header_timeout_s: float = 10.0
    body_timeout_s: float = 30.0
    runner: str = DEFAULT_RUNNER
    warm_up: bool = True

    @property
    def workers(self) -> int:
        return self.settings.serve_workers

    @classmethod
    def build(
        cls,
        settings: Settings | None = None,
        *,
        host: str = "127.0.0.1",
        port: int = 8000,
        token: str | None = None,
        db: str | None = None,
        allowed_hosts: tuple[str, ...] = (),
        cors_origins: tuple[str, ...] = (),
        **extra: object,
    ) -> ServeOptions:
        """Validated options.

        Raises:
            ConfigError: a non-loopback address without a token, a bad port or database URL.
        """
        token = token or None
        if not is_loopback(host) and not token:
            raise ConfigError(f"serving on {host} (not loopback) needs a token: --token or COPYDESK_TOKEN")
        if token is not None and len(token) < 16:
            raise ConfigError("the token must be at least 16 characters long")
        if not 0 <= port <= 65535:
            raise ConfigError(f"not a port number: {port}")
        url = db or default_db_url()
        if not url.startswith(("sqlite://", "postgresql://", "postgresql+psycopg://")):
            raise ConfigError(f"--db takes sqlite:///PATH or postgresql://..., not {url!r}")
        options = cls(
            settings=settings or Settings(),
            host=host,
            port=port,
            token=token,
            db=url,
            allowed_hosts=tuple(h.lower() for h in allowed_hosts),
            cors_origins=cors_origins,
        )
        return dataclasses.replace(options, **extra)  # type: ignore[arg-type]

    def host_allowed(self, host_header: str) -> bool:
        """The Host allow-list: loopback names, the bound address and ``--allow-host`` names.

        A server bound to every address (``0.0.0.0`` or ``::``) with no ``--allow-host``
        accepts any Host (it has a token, which DNS rebinding cannot supply).
        """
        name = host_header.strip().lower()
        if name.startswith("["):
            name = name[1 : name.find("]")] if "]" in name else name
        elif name.count(":") == 1:
            name = name.split(":", 1)[0]
        if not name:
            return False
        if name in LOOPBACK_NAMES or name in self.allowed_hosts or name == self.host.strip("[]").lower():
            return True
        return self.host in ("0.0.0.0", "::") and not self.allowed_hosts
