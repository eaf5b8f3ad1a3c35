"""The routes: the JSON API under ``/api``, the review pages, and the API's description.

    GET  /api/health, /api/ready          liveness; 200 only once every worker has its models
    POST /api/analyse, /api/check, /api/interview
                                          200 with the result (small input) or 202 with a job
    GET  /api/jobs/{id}                   a job's status and progress
    GET  /api/results/{id}, /api/results  a stored result; the newest ones
    GET  /, POST /review                  the review form (form posts carry a CSRF token)
    GET  /r/{id} (.json, .html)           a result's page, with downloads and a share link
    GET  /history, /docs, /openapi.json, /login

What a request must be before it gets here is checked by ``guard.Guard``; the work happens in
worker processes (``workers``), recorded in the store (``store``) by ``service``.
"""

from __future__ import annotations

import json
import logging
import secrets
import time
import urllib.parse
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Annotated, Any

from anyio import to_thread
from fastapi import FastAPI, Query, Request
from fastapi import Path as PathParam
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from pydantic import ValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException

from copydesk import __version__
from copydesk.serve import pages
from copydesk.serve.guard import SESSION_COOKIE, Guard, session_value
from copydesk.serve.options import ServeOptions
from copydesk.serve.schemas import (
    AnalyseRequest,
    AnalysisResult,
    AuditResult,
    CheckRequest,
    ErrorBody,
    Health,
    InterviewRequest,
    InterviewResult,
    JobAccepted,
    JobStatus,
    Ready,
    ResultSummary,
)
from copydesk.serve.service import Outcome, Service, TooLarge, field_limits
from copydesk.serve.store import StoredResult
from copydesk.serve.workers import QueueFull, WorkerPool

log = logging.getLogger("copydesk.serve")

STATIC = Path(__file__).parent / "static"
CSRF_COOKIE = "copydesk_csrf"
RID = Annotated[str, PathParam(pattern=r"^[A-Za-z0-9_-]{1,32}$", description="a result's id")]
ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorBody} for code in (400, 401, 404, 408, 413, 415, 422, 429, 500, 503, 504)
}
FORM_FIELDS = ("source", "derived", "published", "turns", "outlet", "guest", "focus")
KINDS = {"analysis": "analyse", "audit": "check", "interview": "interview"}


def swagger_dir() -> Path:
    """Swagger UI's files as the swagger-ui-bundle package ships them (no CDN)."""
    import swagger_ui_bundle

    return Path(swagger_ui_bundle.swagger_ui_path)


def error(status: int, message: str, kind: str, **headers: str) -> JSONResponse:
    return JSONResponse({"error": message, "type": kind}, status_code=status, headers=headers or None)


def describe(errors: list[Any]) -> str:
    """A validation error list as one readable line."""
    parts = []
    for e in errors:
        where = ".".join(str(p) for p in e.get("loc", ()) if p != "body")
        parts.append(f"{where}: {e.get('msg')}" if where else str(e.get("msg")))
    return "; ".join(parts)


def with_id(result: str, rid: str) -> str:
    """The stored JSON object with ``result_id`` and ``permalink`` first (no re-parsing)."""
    head = json.dumps({"result_id": rid, "permalink": f"/r/{rid}"})
    return head[:-1] + ", " + result.lstrip()[1:]


def job_status(row: StoredResult, position: int | None) -> JobStatus:
    end = row.finished_at.timestamp() if row.finished_at else time.time()
    elapsed = round(end - row.started_at.timestamp(), 3) if row.started_at else None
    return JobStatus(
        job_id=row.id,
        kind=row.kind,  # type: ignore[arg-type]
        status=row.status,  # type: ignore[arg-type]
        queue_position=position if row.status == "queued" else None,
        created=row.created_at,
        started=row.started_at,
        finished=row.finished_at,
        elapsed_s=elapsed,
        error=row.error,
        result_url=f"/api/results/{row.id}" if row.status == "done" else None,
        permalink=f"/r/{row.id}",
    )


def head_routes(app: FastAPI) -> None:
    """HEAD beside every GET route, each its own operation (FastAPI adds none by itself)."""
    from fastapi.routing import APIRoute

    for route in list(app.routes):
        if isinstance(route, APIRoute) and route.methods and "GET" in route.methods:
            app.add_api_route(
                route.path,
                route.endpoint,
                methods=["HEAD"],
                name=f"{route.name}_head",
                response_model=route.response_model,
                responses=route.responses,
                tags=route.tags,
                summary=f"{route.summary or route.name.replace('_', ' ').title()} (headers only)",
                include_in_schema=route.include_in_schema,
            )


def create_app(options: ServeOptions) -> FastAPI:
    """The ASGI app for these options; its lifespan opens the store and starts the workers."""
    settings = options.settings

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        from copydesk.serve.store import Store

        store = await to_thread.run_sync(Store.open, options.db)
        stale = await to_thread.run_sync(store.interrupt_unfinished)
        if stale:
            log.warning("%d job(s) left unfinished by an earlier run were marked failed", stale)
        pool = WorkerPool(
            size=settings.serve_workers,
            queue_limit=settings.serve_queue,
            timeout_s=settings.serve_job_timeout_s,
            runner=options.runner,
            warm=options.warm_up,
            settings=settings,
        )
        pool.start()
        app.state.service = Service(store, pool, settings)
        try:
            yield
        finally:
            await pool.close()
            store.close()

    app = FastAPI(
        title="copydesk",
        version=__version__,
        summary="Analyse news articles, generate grounded interviews, audit derived texts.",
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
        redirect_slashes=False,
    )

    def service(request: Request) -> Service:
        svc: Service = request.app.state.service
        return svc

    # ---------------------------------------------------------------- errors

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = [{k: v for k, v in e.items() if k in ("loc", "msg", "type")} for e in exc.errors()]
        body = {"error": describe(errors), "type": "ValidationError", "detail": errors}
        return JSONResponse(body, status_code=422)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        message = str(exc.detail)
        if exc.status_code == 404 and message == "Not Found":
            message = f"no such page or endpoint: {request.url.path}"
        if request.url.path.startswith("/api/"):
            return error(exc.status_code, message, "HTTPError", **(exc.headers or {}))
        return HTMLResponse(pages.error_page(exc.status_code, message), exc.status_code, headers=exc.headers)

    # ---------------------------------------------------------------- API

    async def submit(kind: str, payload: dict[str, Any], request: Request) -> Response:
        if kind == "interview" and payload.get("turns", 0) > settings.max_interview_turns:
            message = f"turns: at most {settings.max_interview_turns} (setting max_interview_turns)"
            return JSONResponse({"error": message, "type": "ValidationError"}, status_code=422)
        try:
            field_limits(kind, payload, settings)
            rid = await service(request).submit(kind, payload)
        except TooLarge as e:
            return error(413, str(e), "TooLarge")
        except QueueFull as e:
            return error(503, str(e), "QueueFull", **{"Retry-After": "5"})
        if getattr(request.state, "body_bytes", 0) > settings.serve_async_bytes:
            accepted = JobAccepted(
                job_id=rid,
                status="queued",
                status_url=f"/api/jobs/{rid}",
                result_url=f"/api/results/{rid}",
                permalink=f"/r/{rid}",
            )
            return JSONResponse(
                accepted.model_dump(), status_code=202, headers={"Location": accepted.status_url}
            )
        return outcome_response(await service(request).wait(rid), rid)

    def outcome_response(outcome: Outcome, rid: str) -> Response:
        if outcome.result is None:
            message = outcome.error or "failed"
            if outcome.status >= 500 and outcome.status not in (503, 504):
                message = f"internal error ({outcome.error_type}); the server's log has the details"
            return error(outcome.status, message, outcome.error_type)
        return Response(
            with_id(outcome.result, rid),
            media_type="application/json",
            headers={
                "Location": f"/api/results/{rid}",
                "Link": f'</r/{rid}>; rel="alternate"; type="text/html"',
            },
        )

    @app.get("/api/health", response_model=Health, tags=["service"])
    async def health() -> Health:
        """Answers while the server runs."""
        return Health(status="ok", version=__version__)

    @app.get(
        "/api/ready",
        response_model=Ready,
        tags=["service"],
        responses={503: {"model": Ready}},
    )
    async def ready(request: Request) -> JSONResponse:
        """200 once every worker has loaded its models, 503 before."""
        pool = service(request).pool
        body = Ready(ready=pool.loaded == pool.size, workers=pool.size, loaded=pool.loaded)
        return JSONResponse(body.model_dump(), status_code=200 if body.ready else 503)

    @app.post(
        "/api/analyse",
        response_model=AnalysisResult,
        responses={202: {"model": JobAccepted}, **ERRORS},
        tags=["analyse"],
    )
    async def analyse(body: AnalyseRequest, request: Request) -> Response:
        """Actors, who said what, and dates of one article (``text`` or ``html``)."""
        return await submit("analysis", body.model_dump(exclude_none=True), request)

    @app.post(
        "/api/check",
        response_model=AuditResult,
        responses={202: {"model": JobAccepted}, **ERRORS},
        tags=["check"],
    )
    async def check(body: CheckRequest, request: Request) -> Response:
        """Audits ``derived`` against ``source``, sentence by sentence."""
        return await submit("audit", body.model_dump(exclude_none=True), request)

    @app.post(
        "/api/interview",
        response_model=InterviewResult,
        responses={202: {"model": JobAccepted}, **ERRORS},
        tags=["interview"],
    )
    async def interview(body: InterviewRequest, request: Request) -> Response:
        """An editor-guest interview grounded in the article, every answer sentence cited."""
        return await submit("interview", body.model_dump(exclude_none=True), request)

    @app.get(
        "/api/jobs/{rid}",
        response_model=JobStatus,
        responses=ERRORS,
        tags=["results"],
    )
    async def job(rid: RID, request: Request) -> JobStatus:
        """A job's status: queued (with its place in the queue), running, done or failed."""
        row = await service(request).get(rid)
        if row is None:
            raise StarletteHTTPException(404, f"no job {rid}")
        return job_status(row, service(request).queue_position(rid))

    @app.get(
        "/api/results",
        response_model=list[ResultSummary],
        tags=["results"],
        responses=ERRORS,
    )
    async def results(
        request: Request, limit: Annotated[int, Query(ge=1, le=500)] = 50
    ) -> list[ResultSummary]:
        """The newest stored results first."""
        rows = await service(request).recent(limit)
        return [
            ResultSummary.model_validate(
                {
                    "id": r.id,
                    "kind": r.kind,
                    "status": r.status,
                    "title": r.title,
                    "created": r.created_at,
                    "permalink": f"/r/{r.id}",
                }
            )
            for r in rows
        ]

    @app.get(
        "/api/results/{rid}",
        responses={202: {"model": JobStatus}, **ERRORS},
        tags=["results"],
    )
    async def result(rid: RID, request: Request) -> Response:
        """The stored result as its endpoint returned it; 202 with the job's status while it runs."""
        row = await service(request).get(rid)
        if row is None:
            raise StarletteHTTPException(404, f"no result {rid}")
        if row.status == "done" and row.result is not None:
            return outcome_response(Outcome(result=row.result), rid)
        if row.status == "failed":
            return error(row.error_status or 500, row.error or "failed", "JobFailed")
        status = job_status(row, service(request).queue_position(rid))
        return JSONResponse(status.model_dump(mode="json"), status_code=202)

    # ---------------------------------------------------------------- pages

    def page(html: str, status: int = 200, policy: str | None = None) -> HTMLResponse:
        return HTMLResponse(html, status, headers={"Content-Security-Policy": policy or pages.csp()})

    def form_page(
        request: Request,
        values: dict[str, str],
        *,
        error_text: str = "",
        error_title: str = "",
        status: int = 200,
    ) -> HTMLResponse:
        token = request.cookies.get(CSRF_COOKIE) or secrets.token_urlsafe(24)
        values = {k: values.get(k, "") for k in FORM_FIELDS}
        html = pages.render(
            "form.html",
            title="Review",
            values=values,
            csrf=token,
            error=error_text,
            error_title=error_title,
            max_turns=settings.max_interview_turns,
            default_turns=settings.interview_turns,
            default_outlet=settings.outlet,
        )
        response = page(html, status)
        response.set_cookie(CSRF_COOKIE, token, httponly=True, samesite="strict", path="/")
        return response

    @app.get("/", include_in_schema=False)
    async def index(request: Request) -> HTMLResponse:
        return form_page(request, {})

    @app.post("/review", include_in_schema=False)
    async def review(request: Request) -> Response:
        form = {
            k: v[-1]
            for k, v in urllib.parse.parse_qs(
                (await request.body()).decode("utf-8", "replace"), keep_blank_values=True
            ).items()
        }
        values = {
            k: form.get(k, "")
            for k in ("source", "derived", "published", "turns", "outlet", "guest", "focus")
        }
        cookie = request.cookies.get(CSRF_COOKIE, "")
        if not cookie or not secrets.compare_digest(cookie, form.get("csrf", "")):
            return form_page(
                request,
                values,
                status=403,
                error_title="The form expired.",
                error_text="Send it again: this page now carries a fresh form token.",
            )
        action = form.get("action", "check")
        kind = {"check": "audit", "interview": "interview", "analyse": "analysis"}.get(action)
        if kind is None:
            return form_page(request, values, status=400, error_title="Unknown action.", error_text=action)
        payload: dict[str, Any] = {k: v for k, v in values.items() if v.strip()}
        if kind == "audit":
            payload = {k: payload[k] for k in ("source", "derived", "published") if k in payload}
            payload.setdefault("derived", "")
            model: type[Any] = CheckRequest
        else:
            payload["text"] = payload.pop("source", "")
            payload.pop("derived", None)
            if kind == "analysis":
                payload = {k: payload[k] for k in ("text", "published") if k in payload}
                model = AnalyseRequest
            else:
                model = InterviewRequest
                if "turns" in payload:
                    payload["turns"] = (
                        int(payload["turns"]) if payload["turns"].isdigit() else payload["turns"]
                    )
        try:
            payload = model.model_validate(payload).model_dump(exclude_none=True)
        except ValidationError as e:
            return form_page(
                request,
                values,
                status=400,
                error_title="Please correct the form.",
                error_text=describe(e.errors()),
            )
        if kind == "interview" and payload.get("turns", 0) > settings.max_interview_turns:
            return form_page(
                request,
                values,
                status=400,
                error_title="Please correct the form.",
                error_text=f"turns: at most {settings.max_interview_turns}",
            )
        try:
            field_limits(kind, payload, settings)
            rid = await service(request).submit(kind, payload)
        except TooLarge as e:
            return form_page(
                request, values, status=413, error_title="The text is too long.", error_text=str(e)
            )
        except QueueFull:
            return form_page(
                request,
                values,
                status=503,
                error_title="The server is busy.",
                error_text="Every worker is busy and the queue is full; try again in a minute.",
            )
        if getattr(request.state, "body_bytes", 0) <= settings.serve_async_bytes:
            outcome = await service(request).wait(rid)
            if outcome.result is None and outcome.status < 500:
                return form_page(
                    request,
                    values,
                    status=outcome.status,
                    error_title="The text could not be read.",
                    error_text=outcome.error or "",
                )
        return RedirectResponse(f"/r/{rid}", status_code=303)

    async def stored(request: Request, rid: str) -> StoredResult:
        row = await service(request).get(rid)
        if row is None:
            raise StarletteHTTPException(404, f"There is no result {rid} on this server.")
        return row

    @app.get("/r/{rid}.json", include_in_schema=False)
    async def download_json(rid: RID, request: Request) -> Response:
        row = await stored(request, rid)
        if row.result is None:
            raise StarletteHTTPException(404, f"Result {rid} is {row.status}: there is nothing to download.")
        return Response(
            with_id(row.result, rid),
            media_type="application/json",
            headers={"Content-Disposition": f'attachment; filename="copydesk-{rid}.json"'},
        )

    @app.get("/r/{rid}.html", include_in_schema=False)
    async def download_html(rid: RID, request: Request) -> Response:
        row = await stored(request, rid)
        if row.result is None:
            raise StarletteHTTPException(404, f"Result {rid} is {row.status}: there is nothing to download.")
        html = await to_thread.run_sync(pages.report_html, row.kind, json.loads(row.result))
        return HTMLResponse(
            html,
            headers={
                "Content-Disposition": f'attachment; filename="copydesk-{rid}.html"',
                "Content-Security-Policy": pages.csp_for_document(html),
            },
        )

    @app.get("/r/{rid}", include_in_schema=False)
    async def result_page(rid: RID, request: Request) -> HTMLResponse:
        row = await stored(request, rid)
        share = str(request.base_url).rstrip("/") + f"/r/{rid}"
        if row.status == "done" and row.result is not None:
            report = await to_thread.run_sync(pages.stored_report, row.kind, row.result)
            html = pages.render(
                "result.html",
                title=f"{KINDS[row.kind]} {rid}",
                row=row,
                report=report,
                share_url=share,
                refresh=0,
                position=None,
                elapsed=0,
            )
            return page(html, policy=report.policy)
        status = job_status(row, service(request).queue_position(rid))
        html = pages.render(
            "result.html",
            title=f"{KINDS[row.kind]} {rid}",
            row=row,
            report=None,
            share_url=share,
            refresh=2 if row.status in ("queued", "running") else 0,
            position=status.queue_position,
            elapsed=round(status.elapsed_s or 0),
        )
        return page(html)

    @app.get("/history", include_in_schema=False)
    async def history(request: Request) -> HTMLResponse:
        rows = await service(request).recent(100)
        return page(pages.render("history.html", title="History", rows=rows))

    @app.get("/docs", include_in_schema=False)
    async def docs() -> HTMLResponse:
        return page(pages.render("docs.html"))

    @app.get("/favicon.ico", include_in_schema=False)
    async def favicon() -> Response:
        return Response(status_code=204)

    @app.get("/login", include_in_schema=False)
    async def login_form() -> HTMLResponse:
        return page(pages.render("login.html", title="Log in", error=""))

    @app.post("/login", include_in_schema=False)
    async def login(request: Request) -> Response:
        form = urllib.parse.parse_qs((await request.body()).decode("utf-8", "replace"))
        given = (form.get("token") or [""])[-1]
        if options.token is None:
            return RedirectResponse("/", status_code=303)
        if not secrets.compare_digest(given.encode(), options.token.encode()):
            return page(
                pages.render("login.html", title="Log in", error="That is not this server's token."), 401
            )
        response = RedirectResponse("/", status_code=303)
        response.set_cookie(
            SESSION_COOKIE, session_value(options.token), httponly=True, samesite="strict", path="/"
        )
        return response

    head_routes(app)
    app.mount("/static/swagger", StaticFiles(directory=swagger_dir()), name="swagger")
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.add_middleware(Guard, options=options, error_page=pages.error_page)
    if options.cors_origins:
        from fastapi.middleware.cors import CORSMiddleware

        app.add_middleware(
            CORSMiddleware,
            allow_origins=list(options.cors_origins),
            allow_methods=["GET", "POST"],
            allow_headers=["Authorization", "Content-Type"],
        )
    return app
