"""The HTTP service: an ASGI app (FastAPI on uvicorn) over worker processes and a result store.

    app        the routes (JSON API, review pages, OpenAPI)
    guard      what a request must be before a route sees it (host, token, size, type, rate)
    workers    worker processes holding the models, a bounded queue, a time limit per job
    service    a request stored, run and its outcome stored
    store      SQLAlchemy models and the Alembic migrations (``migrations/``)
    pages      the review pages' templates and their Content-Security-Policy
    server     uvicorn, with a time limit on request heads

The service calls only ``copydesk.pipeline`` (in the workers) and ``copydesk.report`` (to
render stored results).
"""

from __future__ import annotations

from copydesk.serve.options import ServeOptions

__all__ = ["ServeOptions", "create_app", "run"]


def create_app(options: ServeOptions):  # type: ignore[no-untyped-def]
    """The ASGI app (imported lazily: importing copydesk.serve loads no web framework)."""
    from copydesk.serve.app import create_app as make

    return make(options)


def run(options: ServeOptions) -> None:
    """Binds ``options.host:options.port`` and serves until interrupted."""
    from copydesk.serve.server import bind, serve

    serve(options, bind(options.host, options.port))
