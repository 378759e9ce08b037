"""The LibreTranslate backend against a real HTTP server on loopback."""

import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from apps.translation.machine import LibreTranslateBackend, MachineTranslationError, OfflineBackend


class FakeLibreTranslate(BaseHTTPRequestHandler):
    received: list = []

    def do_POST(self):
        payload = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        FakeLibreTranslate.received.append(payload)
        if payload.get("api_key") != "secret":
            self.send_response(403)
            self.end_headers()
            return
        body = json.dumps(
            {"translatedText": [f"<{payload['target']}>{text}" for text in payload["q"]]}
        )
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(body.encode())

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    httpd = HTTPServer(("127.0.0.1", 0), FakeLibreTranslate)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    FakeLibreTranslate.received = []
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def test_libretranslate_translates_every_text_and_maps_language_codes(server):
    backend = LibreTranslateBackend(server, api_key="secret", timeout=5)

    result = backend.translate(["Hallo", "Welt"], source="de", target="zh-hans")

    assert result == ["<zh>Hallo", "<zh>Welt"]
    assert FakeLibreTranslate.received[0]["source"] == "de"


def test_dari_uses_the_persian_model(server):
    LibreTranslateBackend(server, api_key="secret", timeout=5).translate(
        ["x"], source="de", target="fa-af"
    )

    assert FakeLibreTranslate.received[0]["target"] == "fa"


def test_a_refusing_server_is_an_error_the_task_retries(server):
    with pytest.raises(MachineTranslationError):
        LibreTranslateBackend(server, api_key="wrong", timeout=5).translate(
            ["x"], source="de", target="ar"
        )


def test_only_http_urls_are_accepted():
    with pytest.raises(MachineTranslationError):
        LibreTranslateBackend("file:///etc/passwd")


def test_offline_backend_marks_each_paragraph():
    assert OfflineBackend().translate(["Eins\n\nZwei", ""], source="de", target="uk") == [
        "[uk] Eins\n\n[uk] Zwei",
        "",
    ]
