"""The example web service (``examples/service/app.py``) over real HTTP on localhost."""

from __future__ import annotations

import importlib.util
import json
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("flask")
pytest.importorskip("jinja2")

from toneloc.pipeline import Pipeline, demo_config

ROOT = Path(__file__).resolve().parents[1]


def _load_app_module() -> Any:
    spec = importlib.util.spec_from_file_location("toneloc_example_service", ROOT / "examples/service/app.py")
    assert spec is not None
    assert spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    """The app on a free port (port 0), served by werkzeug in a thread; yields the base URL."""
    from werkzeug.serving import make_server

    app = _load_app_module().create_app(Pipeline(demo_config(review_store=":memory:", translator="none")))
    srv = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{srv.server_port}"
    finally:
        srv.shutdown()
        thread.join(5)


def post(url: str, body: bytes) -> tuple[int, dict[str, Any]]:
    req = urllib.request.Request(url, data=body, headers={"Content-Type": "application/json"}, method="POST")
    try:
        with urllib.request.urlopen(req, timeout=30) as resp:
            return resp.status, json.loads(resp.read().decode("utf-8"))
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read().decode("utf-8"))


def test_health(server: str) -> None:
    with urllib.request.urlopen(server + "/health", timeout=10) as resp:
        data = json.loads(resp.read())
    assert data["ok"] is True
    assert "vi-VN" in data["locales"]


def test_ticket_in_reply_out(server: str) -> None:
    """A Vietnamese ticket file posted as-is comes back as a Vietnamese reply that may be sent."""
    body = (ROOT / "examples/tickets/t-1001-vi.json").read_bytes()
    status, data = post(server + "/reply", body)
    assert status == 200
    assert (data["locale"], data["locale_reason"], data["status"]) == ("vi-VN", "detected", "send")
    assert data["text"].startswith("Kính gửi Quý khách Nguyễn Thị Lan,")
    assert data["html"].startswith("<!DOCTYPE html>")
    note = next(s for s in data["segments"] if s["key"] == "note")
    assert {"before": "Bạn", "after": "Quý khách", "rule_id": "vi.address.you"} in note["tone_edits"]


def test_money_stays_exact_and_queue_ids_returned(server: str) -> None:
    ticket = {"id": "T-77", "template": "refund", "message": "Labdien! Kur ir mana nauda par pasūtījumu?",
              "customer": {"name": "Anna"}, "note": "Sorry for the wait.",
              "context": {"order_id": "A-9", "amount": 0.10, "currency": "EUR", "items": [], "business_days": 2}}
    status, data = post(server + "/reply", json.dumps(ticket).encode())
    assert status == 200
    assert "0,10\u00a0€" in data["text"]
    assert data["status"] == "review"
    assert len(data["review_item_ids"]) == 1
    assert data["ticket_id"] == "T-77"


@pytest.mark.parametrize(("body", "status", "fragment"), [
    (b"{not json", 400, "body is not valid JSON"),
    (b'{"message": "hi"}', 400, "ticket field 'template' is missing"),
    (b'{"template": "refnud", "message": "hi"}', 400, "template 'refnud' not found"),
    (b'{"template": "refund", "message": "caf\xe9"}', 400, "body is not valid UTF-8 (byte 0xe9 at offset 38)"),
    (json.dumps({"template": "refund", "message": "x" * 20_001}).encode(), 400,
     "message is 20,001 characters long; the limit is 20,000"),
    (b'{"template": "refund", "message": "hi", "context": []}', 400, "ticket field 'context' must be an object"),
    (b'{"template": "refund", "message": "' + b"x" * 1_000_001 + b'"}', 413, "larger than 1,000,000 bytes"),
])
def test_bad_tickets_get_400_with_a_hint(server: str, body: bytes, status: int, fragment: str) -> None:
    """Every bad request gets a JSON answer naming the problem and a hint, never a traceback."""
    got, data = post(server + "/reply", body)
    assert got == status
    assert fragment in data["error"]
    assert set(data) == {"error", "type", "where", "hint"}
    assert data["hint"]


def test_concurrent_requests(server: str) -> None:
    """One pipeline, many request threads: every answer is complete and in its own language."""
    from concurrent.futures import ThreadPoolExecutor

    bodies = [(p, p.read_bytes()) for p in sorted((ROOT / "examples/tickets").glob("*.json"))] * 3
    with ThreadPoolExecutor(6) as pool:
        answers = list(pool.map(lambda pb: (pb[0], post(server + "/reply", pb[1])), bodies))
    for path, (status, data) in answers:
        assert status == 200
        expect = json.loads(path.read_text(encoding="utf-8"))["expect"]
        assert data["locale"] == expect["locale"], path.name
