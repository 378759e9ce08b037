"""Machine translation backends. Pick one with ``MACHINE_TRANSLATION_BACKEND``.

- ``offline``: deterministic, no network; marks each paragraph with the target language. For
  tests and the demo only — it does not translate.
- ``libretranslate``: a LibreTranslate server (self-hostable, open source) at
  ``MACHINE_TRANSLATION_URL``, with ``MACHINE_TRANSLATION_API_KEY`` if the server needs one.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from abc import ABC, abstractmethod

from django.conf import settings


class MachineTranslationError(Exception):
    pass


class Backend(ABC):
    @abstractmethod
    def translate(self, texts: list[str], *, source: str, target: str) -> list[str]:
        """Translate each text from ``source`` to ``target``, keeping Markdown structure."""


class OfflineBackend(Backend):
    def translate(self, texts: list[str], *, source: str, target: str) -> list[str]:
        return [
            "\n\n".join(f"[{target}] {part}" for part in text.split("\n\n")) if text else ""
            for text in texts
        ]


class LibreTranslateBackend(Backend):
    # LibreTranslate's codes where they differ from ours; Dari is served by its Persian model.
    CODES = {"zh-hans": "zh", "fa-af": "fa"}

    def __init__(self, url: str, api_key: str = "", timeout: float = 60):
        if not url.startswith(("http://", "https://")):
            raise MachineTranslationError("MACHINE_TRANSLATION_URL must be an http(s) address.")
        self.url = url.rstrip("/") + "/translate"
        self.api_key = api_key
        self.timeout = timeout

    def translate(self, texts: list[str], *, source: str, target: str) -> list[str]:
        payload = {
            "q": texts,
            "source": self.CODES.get(source, source),
            "target": self.CODES.get(target, target),
            "format": "text",
        }
        if self.api_key:
            payload["api_key"] = self.api_key
        request = urllib.request.Request(  # noqa: S310 - scheme checked in __init__
            self.url,
            data=json.dumps(payload).encode(),
            headers={"Content-Type": "application/json", "Accept": "application/json"},
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310
                answer = json.load(response)
        except (urllib.error.URLError, TimeoutError, json.JSONDecodeError) as error:
            raise MachineTranslationError(f"LibreTranslate failed: {error}") from error
        translated = answer.get("translatedText")
        if isinstance(translated, str):
            translated = [translated]
        if not isinstance(translated, list) or len(translated) != len(texts):
            raise MachineTranslationError(f"Unexpected answer from LibreTranslate: {answer!r:.200}")
        return translated


def get_backend() -> Backend:
    name = settings.MACHINE_TRANSLATION_BACKEND
    if name == "offline":
        return OfflineBackend()
    if name == "libretranslate":
        return LibreTranslateBackend(
            settings.MACHINE_TRANSLATION_URL, settings.MACHINE_TRANSLATION_API_KEY
        )
    raise MachineTranslationError(f"Unknown MACHINE_TRANSLATION_BACKEND {name!r}")
