"""The HTTP API over a real store (SQLite and PostgreSQL): answers, filters, pagination,
errors in one shape, the token, the size limit, and SQL that stays data."""

from __future__ import annotations

import io
import json
from typing import Any

import pytest

from sitrep.store import Store


def _error(answer: Any, status: int, code: str) -> dict[str, Any]:
    assert answer.status_code == status, answer.text
    body = answer.json()
    assert set(body) == {"error"}
    assert body["error"]["status"] == status
    assert body["error"]["code"] == code
    assert body["error"]["message"]
    return body["error"]  # type: ignore[no-any-return]


def test_health_counts_what_the_store_holds(site: Store, client_for: Any) -> None:
    body = client_for(site).get("/api/health").json()
    assert body == {"status": "ok", "articles": 6, "events": 6, "read_only": True}


def test_every_answer_forbids_outside_resources_and_inline_script(site: Store,
                                                                  client_for: Any) -> None:
    client = client_for(site)
    for url in ("/api/health", "/", "/api/events?limit=0", "/nothing"):
        csp = client.get(url).headers["content-security-policy"]
        assert "default-src 'none'" in csp
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp.split("style-src")[0]


def test_events_filter_by_country_kind_status_and_date(site: Store, client_for: Any) -> None:
    client = client_for(site)

    def ids(url: str) -> set[str]:
        answer = client.get(url)
        assert answer.status_code == 200, answer.text
        return {(e["kind"], e["actor"]["code"]) for e in answer.json()["events"]}

    assert ids("/api/events?country=Niger&kind=withdraw") == {("withdraw", "USA"),
                                                              ("withdraw", "FRA")}
    assert ids("/api/events?country=NER&status=planned") == {("withdraw", "USA")}
    assert ids("/api/events?actor=FRA&since=2023-01-01&until=2023-12-31") == {
        ("withdraw", "FRA")}
    assert ids("/api/events?country=TCD") == {("deploy", "FRA")}
    assert ids("/api/events?kind=coup&kind=deploy&country=NER") == {
        ("coup", "NER"), ("deploy", "RUS"), ("deploy", "FRA")}


def test_text_search_matches_sentences_and_names_case_blind(site: Store,
                                                             client_for: Any) -> None:
    client = client_for(site)
    found = client.get("/api/events?q=AIR%20DEFENCE").json()["events"]
    assert [e["actor"]["code"] for e in found] == ["RUS"]
    assert client.get("/api/events?q=bazoum").json()["events"][0]["kind"] == "coup"


@pytest.mark.parametrize("q", ["%", "ni_er", "ni%r", "' OR 1=1 --",
                               "\"; DROP TABLE events; --", "\\"])
def test_search_text_is_data_not_sql_or_pattern(site: Store, client_for: Any, q: str) -> None:
    answer = client_for(site).get("/api/events", params={"q": q})
    assert answer.status_code == 200
    assert answer.json()["events"] == []
    assert site.counts() == {"articles": 6, "events": 6}


def test_pages_of_events_cover_every_event_once_newest_first(site: Store,
                                                             client_for: Any) -> None:
    client = client_for(site)
    seen: list[dict[str, Any]] = []
    url = "/api/events?limit=2"
    while True:
        body = client.get(url).json()
        seen += body["events"]
        assert len(body["events"]) <= 2
        if body["next_cursor"] is None:
            break
        url = f"/api/events?limit=2&cursor={body['next_cursor']}"
    assert len(seen) == 6 and len({e["id"] for e in seen}) == 6
    days = [e["date"]["value"] for e in seen if e["date"]]
    assert days == sorted(days, reverse=True)


def test_a_cursor_not_given_out_is_a_400_in_the_error_shape(site: Store,
                                                            client_for: Any) -> None:
    err = _error(client_for(site).get("/api/events?cursor=bm90LWEtY3Vyc29y"), 400,
                 "bad_request")
    assert "cursor" in err["message"]


def test_invalid_parameters_are_422_with_one_detail_each(site: Store, client_for: Any) -> None:
    answer = client_for(site).get("/api/events?limit=0&since=yesterday&kind=picnic")
    err = _error(answer, 422, "invalid")
    assert {d["where"] for d in err["detail"]} == {"limit", "since", "kind.0"}


def test_an_unknown_parameter_is_refused_not_ignored(site: Store, client_for: Any) -> None:
    # ignored, "?contry=NER" would answer every event: a wrong answer that looks right
    err = _error(client_for(site).get("/api/events?contry=NER"), 422, "invalid")
    assert err["detail"][0]["where"] == "contry"
    assert "country" in err["detail"][0]["problem"]


def test_an_unexpected_error_is_a_500_without_internals(site: Store, client_for: Any,
                                                        monkeypatch: Any) -> None:
    import sitrep.api.routes as routes

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("secret detail of the server")

    monkeypatch.setattr(routes, "list_events", broken)
    answer = client_for(site).get("/api/events")
    _error(answer, 500, "internal")
    assert "secret" not in answer.text and "Traceback" not in answer.text


def test_a_store_that_cannot_be_read_is_a_503(site: Store, client_for: Any,
                                              monkeypatch: Any) -> None:
    from sitrep.errors import StoreError

    client = client_for(site)

    def down() -> Any:
        raise StoreError("postgresql://db.invalid/sitrep: connection refused")

    monkeypatch.setattr(site, "counts", down)
    err = _error(client.get("/api/health"), 503, "store_unavailable")
    assert "connection refused" in err["message"]


def test_unknown_country_is_named_in_a_400(site: Store, client_for: Any) -> None:
    err = _error(client_for(site).get("/api/state/Narnia"), 400, "bad_request")
    assert "Narnia" in err["message"]


def test_one_event_with_sources_whose_offsets_slice_the_article(site: Store,
                                                                client_for: Any) -> None:
    client = client_for(site)
    [ev] = client.get("/api/events?q=instructors").json()["events"]
    body = client.get(f"/api/events/{ev['id']}").json()
    assert body["event"] == ev
    assert body["fact"]["reports"] == 1
    [src] = body["sources"]
    from sitrep.store import get_article

    article = get_article(site, src["doc_id"])
    assert article is not None
    for e in src["evidence"]:
        assert article.text[e["start"]:e["end"]] == e["text"]


def test_unknown_event_is_a_404(site: Store, client_for: Any) -> None:
    _error(client_for(site).get("/api/events/0123456789abcdef"), 404, "not_found")


def test_state_as_of_and_as_known(site: Store, client_for: Any) -> None:
    client = client_for(site)
    state = client.get("/api/state/NER?as_of=2024-05-25").json()
    current = {p["actor"]: p["status"] for p in state["presence"]}
    assert current["USA"] == "withdrawal_planned"
    assert current["RUS"] == "present"
    assert current["FRA"] == "ended"
    earlier = client.get("/api/state/NER?as_of=2024-05-25&known_at=2024-05-01").json()
    assert "USA" not in {p["actor"] for p in earlier["presence"]}


def test_world_lists_the_states_with_something_to_show(site: Store, client_for: Any) -> None:
    body = client_for(site).get("/api/world?as_of=2024-05-25").json()
    assert {s["country"] for s in body["countries"]} >= {"NER", "TCD"}


def test_timeline_in_date_order(site: Store, client_for: Any) -> None:
    entries = client_for(site).get("/api/timeline?country=NER").json()["entries"]
    days = [e["timeline"]["date"] for e in entries]
    assert days == sorted(days) and len(days) == 5


def test_graph_has_presence_edges_from_sender_to_host(site: Store, client_for: Any) -> None:
    body = client_for(site).get("/api/graph?as_of=2024-05-25").json()
    edges = {(e["kind"], e["source"], e["target"], e["status"]) for e in body["edges"]}
    assert ("presence", "RUS", "NER", "present") in edges
    assert ("presence", "FRA", "NER", "ended") not in edges
    with_ended = client_for(site).get("/api/graph?as_of=2024-05-25&ended=true").json()
    assert ("presence", "FRA", "NER", "ended") in {
        (e["kind"], e["source"], e["target"], e["status"]) for e in with_ended["edges"]}


@pytest.mark.parametrize(("fmt", "media"), [
    ("csv", "text/csv"), ("jsonl", "application/x-ndjson"), ("geojson", "application/geo+json"),
    ("graphml", "application/xml"), ("parquet", "application/vnd.apache.parquet")])
def test_exports_as_files(site: Store, client_for: Any, fmt: str, media: str) -> None:
    answer = client_for(site).get(f"/api/export/{fmt}?country=NER")
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith(media)
    assert f"sitrep-ner.{fmt}" in answer.headers["content-disposition"]
    if fmt == "jsonl":
        assert len(answer.text.splitlines()) == 5
    if fmt == "parquet":
        import pyarrow.parquet as pq

        assert pq.read_table(io.BytesIO(answer.content)).num_rows == 5


def test_without_a_token_the_server_is_read_only(site: Store, client_for: Any) -> None:
    answer = client_for(site).post("/api/articles", json={"articles": [{"text": "x"}]})
    _error(answer, 403, "read_only")
    assert site.counts()["articles"] == 6


@pytest.mark.parametrize("header", [None, "Bearer wrong", "Basic c2VjcmV0", "secret"])
def test_writes_need_the_bearer_token(site: Store, client_for: Any, header: str | None) -> None:
    client = client_for(site, api_token="secret")
    headers = {"Authorization": header} if header else {}
    answer = client.post("/api/articles", json={"articles": [{"text": "x"}]}, headers=headers)
    _error(answer, 401, "unauthorized")
    assert answer.headers["www-authenticate"].startswith("Bearer")
    assert site.counts()["articles"] == 6


def test_a_body_over_the_limit_is_refused_with_413(site: Store, client_for: Any) -> None:
    client = client_for(site, api_token="secret", max_request_bytes=2000)
    body = json.dumps({"articles": [{"text": "word " * 1000}]})
    answer = client.post("/api/articles", content=body,
                         headers={"Authorization": "Bearer secret",
                                  "Content-Type": "application/json"})
    err = _error(answer, 413, "too_large")
    assert "2,000" in err["message"]
    assert site.counts()["articles"] == 6


def test_an_invalid_article_is_a_422_and_nothing_is_stored(site: Store, client_for: Any) -> None:
    client = client_for(site, api_token="secret")
    answer = client.post("/api/articles", json={"articles": [{"text": ""}]},
                         headers={"Authorization": "Bearer secret"})
    _error(answer, 422, "invalid")
    assert site.counts()["articles"] == 6


def test_openapi_documents_every_api_route_and_the_error_shape(site: Store,
                                                               client_for: Any) -> None:
    doc = client_for(site).get("/openapi.json").json()
    assert set(doc["paths"]) == {
        "/api/health", "/api/events", "/api/events/{event_id}", "/api/state/{country}",
        "/api/world", "/api/timeline", "/api/graph", "/api/export/{fmt}", "/api/articles"}
    schemas = doc["components"]["schemas"]
    assert {"Event", "Situation", "EventPage", "Error", "Relations"} <= set(schemas)
    refs = json.dumps(doc)
    assert "#/$defs/" not in refs  # every reference resolves inside the document


def test_the_docs_page_loads_swagger_from_this_server(site: Store, client_for: Any) -> None:
    client = client_for(site)
    page = client.get("/docs").text
    assert "/docs/assets/swagger-ui-bundle.js" in page and "http" not in page.split(
        "<body>")[1].replace('href="/openapi.json"', "")
    assert client.get("/docs/assets/swagger-ui-bundle.js").status_code == 200


@pytest.mark.model
def test_post_articles_ingests_once(tmp_path: Any, client_for: Any, pipeline: Any) -> None:
    from sitrep.store import open_store

    with open_store(tmp_path / "post.db") as store:
        client = client_for(store, api_token="secret")
        client.app.state.pipeline = lambda: pipeline
        article = {"id": "chad-exit", "published": "2025-01-31",
                   "text": "France handed over its last military base in Chad to the Chadian "
                           "army on 30 January 2025, ending its military presence there."}
        auth = {"Authorization": "Bearer secret"}
        first = client.post("/api/articles", json={"articles": [article]}, headers=auth).json()
        assert first["added"] == 1 and first["events"] >= 1 and first["failed"] == []
        again = client.post("/api/articles", json={"articles": [article]}, headers=auth).json()
        assert again == {"added": 0, "skipped": 1, "failed": [], "events": 0}
        assert store.counts()["articles"] == 1
        # an article over max_article_chars is named in `failed`; the others are stored
        small = client_for(store, api_token="secret", max_article_chars=500)
        small.app.state.pipeline = lambda: pipeline
        big = {"id": "too-long", "text": "Troops left. " * 100}
        other = {"id": "other", "text": "Mali's junta ordered French troops to leave."}
        answer = small.post("/api/articles", json={"articles": [big, other]},
                            headers=auth).json()
        assert answer["added"] == 1
        [failed] = answer["failed"]
        assert failed["input"] == "articles[0]" and "max_article_chars" in failed["problem"]
        assert store.counts()["articles"] == 2
