"""The pages in a real browser: Debian's Chromium, headless, driven by Playwright, against
`sitrep serve`'s app on 127.0.0.1. Every test fails if a page asks for anything outside
127.0.0.1, logs a console error (a Content-Security-Policy violation is one) or throws.

Screenshots go to $SITREP_SCREENSHOTS (default: build/screenshots) for people to look at.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from sitrep.settings import Settings
from sitrep.store import open_store

from .conftest import chromium_path, fill

SHOTS = Path(os.environ.get("SITREP_SCREENSHOTS",
                            Path(__file__).resolve().parents[2] / "build" / "screenshots"))
LAPTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The server (uvicorn, in a thread) over the test store, on a free local port."""
    import uvicorn

    from sitrep.api.app import create_app

    with open_store(tmp_path_factory.mktemp("browser") / "site.db") as store:
        fill(store)
        app = create_app(store, settings=Settings.resolve(env={}))
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port,
                                               log_level="warning"))
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        deadline = time.monotonic() + 20
        while not server.started:
            assert time.monotonic() < deadline, "the server did not start"
            time.sleep(0.05)
        yield f"http://127.0.0.1:{port}"
        server.should_exit = True
        thread.join(timeout=10)


def expect(locator: Any) -> Any:
    """Playwright's retrying assertions (its wait_for_function evaluates a string, which the
    pages' Content-Security-Policy rightly forbids)."""
    from playwright.sync_api import expect as pw_expect

    return pw_expect(locator)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    path = chromium_path()
    if path is None:
        if os.environ.get("SITREP_REQUIRE_BROWSER"):
            pytest.fail("SITREP_REQUIRE_BROWSER is set but no Chromium was found")
        pytest.skip("no Chromium: apt-get install chromium (or bash .ci/chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(
            executable_path=path, headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--no-first-run", "--disable-sync"])
        yield chromium
        chromium.close()


class Watch:
    """What a page asked for outside 127.0.0.1, and what went wrong in it."""

    def __init__(self) -> None:
        self.outside: list[str] = []
        self.errors: list[str] = []

    def check(self) -> None:
        assert self.outside == [], f"requests left 127.0.0.1: {self.outside}"
        assert self.errors == [], f"errors in the page: {self.errors}"


@pytest.fixture
def watched(browser: Any) -> Iterator[Any]:
    """A function opening a page (laptop or phone size) that records outside requests,
    console errors and uncaught exceptions; every page is checked at the end."""
    contexts: list[Any] = []
    watches: list[Watch] = []

    def open_page(viewport: dict[str, int] = LAPTOP) -> tuple[Any, Watch]:
        context = browser.new_context(viewport=viewport)
        contexts.append(context)
        watch = Watch()
        watches.append(watch)

        def route(r: Any) -> None:
            host = urlsplit(r.request.url).hostname
            if r.request.url.startswith(("data:", "blob:")) or host == "127.0.0.1":
                r.continue_()
            else:
                watch.outside.append(r.request.url)
                r.abort()

        context.route("**/*", route)
        page = context.new_page()
        page.on("console", lambda m: watch.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: watch.errors.append(str(e)))
        return page, watch

    yield open_page
    for context in contexts:
        context.close()
    for watch in watches:
        watch.check()


def shot(page: Any, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


pytestmark = pytest.mark.slow


def test_world_map_moves_with_the_slider(base_url: str, watched: Any) -> None:
    page, _ = watched()
    page.goto(f"{base_url}/?as_of=2024-05-25")
    assert page.locator("svg.world").is_visible()
    hosts = page.locator("#presences tbody")
    assert "Russia" in hosts.inner_text()
    arrows = page.locator("svg.world g.arrow")
    assert arrows.count() == 3  # the US and Russia to Niger, France to Chad
    shot(page, "world-2024-05-25")
    slider = page.locator("#when-slider")
    slider.focus()
    page.keyboard.press("Home")  # the first month with events: August 2022
    expect(page.locator("main h1")).to_contain_text("2022-08")
    text = page.locator("#presences tbody").inner_text()
    assert "France" in text and "Russia" not in text
    expect(arrows).to_have_count(1)  # France to Niger
    assert "France" in arrows.first.locator("title").text_content()
    assert "as_of=2022-08" in page.url
    assert page.locator("#as_of").input_value().startswith("2022-08")
    shot(page, "world-2022-08")


def test_country_report_changes_with_the_date(base_url: str, watched: Any) -> None:
    page, _ = watched()
    page.goto(f"{base_url}/country/NER?as_of=2024-05-25")
    report = page.locator("main").inner_text()
    assert "Russia" in report and "withdrawal planned" in report
    assert page.locator("main svg.map").first.is_visible()
    assert page.locator("main svg.strip").is_visible()
    shot(page, "country-ner-2024-05-25")
    page.fill("#as_of", "2023-06-01")
    page.click("#when-form button[type=submit]")
    expect(page.locator("main .meta").first).to_contain_text("2023-06-01")
    report = page.locator("main").inner_text()
    assert "Russia" not in report.split("Timeline")[0]
    assert "France" in report


def test_search_then_event_page_marks_the_sentence(base_url: str, watched: Any) -> None:
    page, _ = watched()
    page.goto(f"{base_url}/search")
    page.fill("#q", "air defence")
    page.click("form.search button[type=submit]")
    page.locator("#results a").first.click()
    page.wait_for_url("**/event/*")
    mark = page.locator("mark.evidence").first
    assert mark.is_visible()
    assert mark.inner_text().startswith("Russian military instructors arrived in Niamey")
    assert "2024-04-10" in page.locator("dl.facts").inner_text()
    assert "on Wednesday" in page.locator("dl.facts").inner_text()  # the date as written
    shot(page, "event-russia-niamey")


def test_a_report_line_opens_its_sentences_in_context(base_url: str, watched: Any) -> None:
    page, _ = watched()
    page.goto(f"{base_url}/country/NER?as_of=2024-05-25")
    page.locator("a.context").first.click()
    page.wait_for_url("**/article/*")
    assert page.locator("mark.evidence").count() >= 1
    shot(page, "article-in-context")


def test_relations_graph(base_url: str, watched: Any) -> None:
    page, _ = watched()
    page.goto(f"{base_url}/graph?as_of=2024-05-25")
    assert page.locator("svg.graph").is_visible()
    assert page.locator("svg.graph a").count() >= 3
    assert "presence" in page.locator("table.edges").inner_text()
    shot(page, "graph-2024-05-25")


@pytest.mark.parametrize("path", ["/event/{hostile}", "/article/hostile",
                                  "/search?q=pwned", "/country/TCD?as_of=2024-06-01",
                                  "/?as_of=2024-06-01", "/graph?as_of=2024-06-01"])
def test_stored_markup_is_shown_never_run(base_url: str, watched: Any, path: str) -> None:
    from .conftest import hostile_article

    _, [ev] = hostile_article()
    page, _ = watched()
    page.goto(base_url + path.format(hostile=ev.id))
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.locator("main script, main img[onerror]").count() == 0
    if "pwned" in path or "event" in path or "article" in path:
        assert "<script>window.__pwned = 1</script>" in page.locator("main").inner_text()
    assert page.locator('a[href^="javascript:"]').count() == 0


@pytest.mark.parametrize("path", ["/?as_of=2024-05-25", "/country/NER?as_of=2024-05-25",
                                  "/graph?as_of=2024-05-25", "/search?q=niger"])
def test_phone_width_has_no_sideways_scroll(base_url: str, watched: Any, path: str) -> None:
    page, _ = watched(PHONE)
    page.goto(base_url + path)
    wide = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert wide <= 1, f"{path} is {wide}px wider than a phone"
    name = "phone-" + (path.strip("/").split("?")[0].replace("/", "-") or "world")
    shot(page, name)


def test_keyboard_reaches_content_and_moves_the_slider(base_url: str, watched: Any) -> None:
    page, _ = watched()
    page.goto(f"{base_url}/?as_of=2024-05-25")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    page.focus("#when-slider")
    before = page.locator("#when-label").inner_text()
    page.keyboard.press("ArrowLeft")
    expect(page.locator("#when-label")).not_to_have_text(before)
    focused = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert focused != "none"


def test_api_docs_render_offline(base_url: str, watched: Any) -> None:
    page, _ = watched()
    page.goto(f"{base_url}/docs")
    page.wait_for_selector(".opblock", timeout=20_000)
    assert page.locator(".opblock").count() >= 9
    shot(page, "api-docs")
