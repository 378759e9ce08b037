"""A LibreTranslate stand-in: a real HTTP server on loopback speaking its API (``/languages``,
``/translate`` with its character limit and API key), whose answers a test can set: failures
before the real answer, a smaller language list, markers the "machine" drops."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

LANGUAGES = ["ar", "de", "en", "es", "fa", "it", "nl", "ru", "uk", "ur", "zh-Hans"]


class FakeLibreTranslate:
    """What the server does; tests change it. "Translating" upper-cases letters and prefixes the
    target code, which shows what went to the machine and what did not."""

    def __init__(self):
        self.received: list[dict] = []
        self.failures: list[tuple[int, dict]] = []  # answers given before the real one
        self.char_limit = 200
        self.api_key = "secret"
        self.languages = LANGUAGES
        self.drop_markers = False

    def answer(self, path: str, payload: dict | None) -> tuple[int, object, dict]:
        if path == "/languages":
            return 200, [{"code": code, "name": code} for code in self.languages], {}
        self.received.append(payload)
        if self.failures:
            status, headers = self.failures.pop(0)
            return status, {"error": "Slowdown" if status == 429 else "Server error"}, headers
        if payload.get("api_key") != self.api_key:
            return 403, {"error": "Invalid API key"}, {}
        texts = payload["q"] if isinstance(payload["q"], list) else [payload["q"]]
        if sum(len(text) for text in texts) > self.char_limit:
            return 400, {"error": "Invalid request: request exceeds text limit"}, {}
        for code in (payload["source"], payload["target"]):
            if code not in self.languages:
                return 400, {"error": f"{code} is not supported"}, {}
        out = []
        for text in texts:
            translated = f"<{payload['target']}>" + text.upper()
            if self.drop_markers:
                translated = translated.replace("[[1]]", "")
            out.append(translated.replace("[[", "[[ ").replace("]]", " ]]"))  # spaced, as MT does
        return 200, {"translatedText": out}, {}


def serve(state: FakeLibreTranslate) -> ThreadingHTTPServer:
    """Start answering for ``state`` on a free loopback port (``state.url``)."""

    class Handler(BaseHTTPRequestHandler):
        def _reply(self, payload):
            status, body, headers = state.answer(self.path, payload)
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            for name, value in headers.items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(json.dumps(body).encode())

        def do_GET(self):
            self._reply(None)

        def do_POST(self):
            self._reply(json.loads(self.rfile.read(int(self.headers["Content-Length"]))))

        def log_message(self, *args):
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    state.url = f"http://127.0.0.1:{httpd.server_address[1]}"
    return httpd
