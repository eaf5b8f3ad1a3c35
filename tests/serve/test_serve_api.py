"""The JSON API with the real pipeline (one worker, its models loaded once)."""

from __future__ import annotations

import pytest
from servers import ARTICLE, SUMMARY

from copydesk.serve.schemas import AnalysisResult, AuditResult, InterviewResult


def test_ready_once_the_models_are_loaded(real_server):
    status, body = real_server.json("GET", "/api/ready")
    assert status == 200 and body == {"ready": True, "workers": 1, "loaded": 1}


def test_analyse(real_server):
    status, body = real_server.json("POST", "/api/analyse", {"text": ARTICLE, "published": "2024-03-15"})
    assert status == 200 and body["schema_version"] and body["published"] == "2024-03-15"
    assert any(q["speaker"] and q["speaker"]["name"] == "Marta Quenell" for q in body["quotes"])
    AnalysisResult.model_validate(body)
    stored_status, stored = real_server.json("GET", f"/api/results/{body['result_id']}")
    assert stored_status == 200 and stored == body


def test_analyse_html(real_server):
    html = (
        "<html><body><article><h1>Harbour strike</h1>"
        + "".join(f"<p>{p}</p>" for p in ARTICLE.split("\n\n") if p.strip())
        + "</article></body></html>"
    )
    status, body = real_server.json("POST", "/api/analyse", {"html": html})
    assert status == 200 and body["quotes"]


def test_analyse_reports_page_furniture_and_genre(real_server):
    # What ingest reads from the page reaches the API typed: the label and byline are furniture
    # (by offsets, never sentences), and the label makes the piece an opinion piece.
    text = "Opinion\n\nBy Jane Harlow\n\n" + ARTICLE
    status, body = real_server.json("POST", "/api/analyse", {"text": text})
    assert status == 200, body
    result = AnalysisResult.model_validate(body)
    assert result.genre == "opinion" and any("Opinion" in e for e in result.genre_evidence)
    byline = next(f for f in result.furniture if f["kind"] == "byline")
    assert text[byline["start"] : byline["end"]] == "By Jane Harlow"
    assert result.byline == "Jane Harlow"
    assert all(s["start"] >= byline["end"] for s in result.sentences)


def test_check_with_published(real_server):
    status, body = real_server.json(
        "POST", "/api/check", {"source": ARTICLE, "derived": SUMMARY, "published": "2024-03-15"}
    )
    assert status == 200 and isinstance(body["consistent"], bool) and body["sentences"]
    assert body["source"]["published"] == "2024-03-15"
    assert AuditResult.model_validate(body).source.published == "2024-03-15"


def test_interview_with_every_option(real_server):
    status, body = real_server.json(
        "POST",
        "/api/interview",
        {
            "text": ARTICLE,
            "turns": 3,
            "outlet": "Harbour Desk",
            "guest": "the reporter",
            "focus": "wages",
            "published": "2024-03-15",
        },
    )
    assert status == 200, body
    assert body["outlet"] == "Harbour Desk" and body["guest"].lower() == "the reporter"
    assert 1 <= sum(t["role"] == "editor" for t in body["turns"]) <= 4
    result = InterviewResult.model_validate(body)
    assert result.article.published == "2024-03-15" and result.audit is not None


@pytest.mark.parametrize(
    "path,payload,word",
    [
        ("/api/analyse", {"text": ""}, "empty"),
        (
            "/api/analyse",
            {"text": "Dies ist ein deutscher Text über den Hafen und die Arbeiter dort."},
            "English",
        ),
        ("/api/check", {"source": ARTICLE, "derived": ""}, "empty"),
    ],
)
def test_input_the_pipeline_refuses_is_400(real_server, path, payload, word):
    status, body = real_server.json("POST", path, payload)
    assert status == 400 and body["type"] == "InputError", body
    assert word.lower() in body["error"].lower()


def test_openapi_describes_typed_models(real_server):
    status, spec = real_server.json("GET", "/openapi.json")
    assert status == 200
    paths = spec["paths"]
    assert {
        "/api/analyse",
        "/api/check",
        "/api/interview",
        "/api/health",
        "/api/ready",
        "/api/jobs/{rid}",
        "/api/results/{rid}",
    } <= set(paths)
    interview = spec["components"]["schemas"]["InterviewRequest"]["properties"]
    assert {"turns", "outlet", "guest", "focus", "published", "text"} <= set(interview)
    check = spec["components"]["schemas"]["CheckRequest"]
    assert "published" in check["properties"] and set(check["required"]) == {"source", "derived"}
    assert "202" in paths["/api/analyse"]["post"]["responses"]


def test_docs_are_served_from_the_package(real_server):
    status, headers, page = real_server.request("GET", "/docs")
    assert status == 200 and b"/static/swagger/swagger-ui-bundle.js" in page
    assert b"cdn" not in page.lower() and b"https://" not in page
    status, _, script = real_server.request("GET", "/static/swagger/swagger-ui-bundle.js")
    assert status == 200 and len(script) > 100_000
