"""The pages as HTML (no browser): each answers on SQLite and PostgreSQL, says what the API
says, escapes what it shows, and fails as a page, not a traceback."""

from __future__ import annotations

import re
from typing import Any

import pytest

from sitrep.store import Store

from .conftest import HOSTILE, hostile_article

PAGES = ["/", "/?as_of=2022-09-01", "/country/NER?as_of=2024-05-25", "/country/Niger",
         "/country/TCD?as_of=2024-06-01&known_at=2024-03-31", "/graph?as_of=2024-05-25",
         "/graph?ended=true", "/search", "/search?q=niamey&kind=deploy&since=2024-01-01",
         "/article/us-niger-withdrawal?hl=0-20", "/docs"]


#: the only script tags a page may have: this server's own files
_SCRIPTS = ([], ['<script src="/static/app.js" defer>'],
            ['<script src="/docs/assets/swagger-ui-bundle.js">', '<script src="/static/docs.js">'])


@pytest.mark.parametrize("path", PAGES)
def test_every_page_answers_and_escapes(site: Store, client_for: Any, path: str) -> None:
    answer = client_for(site).get(path)
    assert answer.status_code == 200, answer.text[:500]
    assert answer.headers["content-type"].startswith("text/html")
    assert HOSTILE not in answer.text
    # no script but this server's files, no inline handler
    assert re.findall(r"<script[^>]*>", answer.text) in _SCRIPTS
    assert "onerror=" not in answer.text.replace("onerror=&#34;", "").replace("onerror=&quot;", "")


def test_the_event_page_marks_the_sentence_in_the_article(site: Store, client_for: Any) -> None:
    client = client_for(site)
    [ev] = client.get("/api/events?q=instructors").json()["events"]
    page = client.get(f"/event/{ev['id']}").text
    marked = re.findall(r'<mark class="evidence">(.*?)</mark>', page, re.S)
    assert marked == [ev["evidence"][0]["text"]]
    assert "on Wednesday" in page and "2024-04-10" in page and ev["rule"] in page


def test_the_hostile_article_is_shown_as_text(site: Store, client_for: Any) -> None:
    _, [ev] = hostile_article()
    page = client_for(site).get(f"/event/{ev.id}").text
    assert "&lt;script&gt;window.__pwned = 1&lt;/script&gt;" in page
    assert 'href="javascript:' not in page


def test_a_missing_event_is_an_html_404_for_a_browser(site: Store, client_for: Any) -> None:
    answer = client_for(site).get("/event/0000000000000000")
    assert answer.status_code == 404
    assert "no event with id" in answer.text and "<h1>Error 404</h1>" in answer.text
    missing = client_for(site).get("/no/such/page", headers={"Accept": "text/html"})
    assert missing.status_code == 404 and "<h1>Error 404</h1>" in missing.text


def test_a_bad_date_in_the_search_form_is_said_on_the_page(site: Store, client_for: Any) -> None:
    page = client_for(site).get("/search?since=yesterday&country=Narnia")
    assert page.status_code == 200
    assert "from: &#39;yesterday&#39; is not a day" in page.text
    assert "Narnia" in page.text


def test_a_long_timeline_shows_the_latest_rows_and_says_so(site: Store, client_for: Any,
                                                           monkeypatch: Any) -> None:
    import sitrep.web.pages as pages

    monkeypatch.setattr(pages, "TIMELINE_ROWS", 2)
    page = client_for(site).get("/country/NER?as_of=2024-06-01").text
    rows = re.findall(r'<tr id="[^"]+"', page)
    assert len(rows) == 2
    assert "The 2 latest of the 5 facts up to 2024-06-01" in page


def test_the_page_and_the_api_agree(site: Store, client_for: Any) -> None:
    client = client_for(site)
    state = client.get("/api/state/NER?as_of=2024-05-25").json()
    page = client.get("/country/NER?as_of=2024-05-25").text
    for p in state["presence"]:
        assert state["names"][p["actor"]] in page
