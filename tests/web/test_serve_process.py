"""`sitrep serve` as a real process: it starts, answers, refuses a missing store, and keeps
answering while two `sitrep ingest` processes write into its store (SQLite and PostgreSQL):
no "database is locked" reaches anyone, no answer fails, each article is stored once."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest
from sqlalchemy import select

from factories import demo_halves
from sitrep.store import open_store
from sitrep.store.schema import events

pytestmark = pytest.mark.slow


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _serve(db: str, port: int) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-m", "sitrep", "serve", "--db", db, "--port",
                             str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def _wait_up(base: str, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert server.poll() is None, server.stderr.read().decode() if server.stderr else ""
        try:
            if httpx.get(f"{base}/api/health", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            time.sleep(0.2)
    raise AssertionError("sitrep serve did not answer within 60 s")


def _stop(server: subprocess.Popen[bytes]) -> str:
    server.send_signal(signal.SIGINT)
    try:
        _, err = server.communicate(timeout=20)
    except subprocess.TimeoutExpired:
        server.kill()
        _, err = server.communicate()
    return err.decode()


def test_serve_refuses_a_store_that_does_not_exist(tmp_path: Path) -> None:
    run = subprocess.run([sys.executable, "-m", "sitrep", "serve", "--db",
                          str(tmp_path / "missing.db"), "--port", str(_port())],
                         capture_output=True, text=True, timeout=60)
    assert run.returncode == 7
    assert "missing.db" in run.stderr
    assert not (tmp_path / "missing.db").exists()


@pytest.fixture
def db(db_url: str) -> str:
    with open_store(db_url):
        pass  # an empty store, so that serve has one to open
    return db_url


@pytest.mark.model
def test_serve_answers_while_two_ingests_write(db: str, tmp_path: Path) -> None:
    first, second, total = demo_halves(tmp_path)
    port = _port()
    base = f"http://127.0.0.1:{port}"
    server = _serve(db, port)
    failures: list[str] = []
    answers = 0
    done = threading.Event()

    def read() -> None:
        nonlocal answers
        urls = ["/api/events?country=NER&limit=20", "/api/state/NER?as_of=2024-05-11",
                "/country/NER?as_of=2024-05-11", "/api/health"]
        with httpx.Client(base_url=base, timeout=60) as client:
            while not done.is_set():
                for url in urls:
                    answer = client.get(url)
                    answers += 1
                    if answer.status_code != 200 or "locked" in answer.text:
                        failures.append(f"{url}: {answer.status_code} {answer.text[:200]}")

    try:
        _wait_up(base, server)
        reader = threading.Thread(target=read)
        reader.start()
        env = {**os.environ, "SITREP_BATCH_SIZE": "2"}
        runs = [subprocess.Popen([sys.executable, "-m", "sitrep", "ingest", str(c), "--db", db],
                                 stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
                for c in (first, second)]
        outs = [r.communicate(timeout=300)[1].decode() for r in runs]
        time.sleep(1)  # a few reads after the last write
        done.set()
        reader.join(timeout=120)
    finally:
        done.set()
        log = _stop(server)
    assert [r.returncode for r in runs] == [0, 0], outs
    assert not any("locked" in out for out in outs)
    assert failures == [], failures[:3]
    assert answers > 8
    assert "locked" not in log and "Traceback" not in log, log[-2000:]
    with open_store(db, create=False) as store:
        assert store.counts()["articles"] == total
        with store.engine.connect() as conn:
            ids = conn.execute(select(events.c.id)).scalars().all()
        assert len(ids) == len(set(ids))
