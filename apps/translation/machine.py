"""Machine translation backends. Pick one with ``MACHINE_TRANSLATION_BACKEND``.

- ``offline``: deterministic, no network; marks each paragraph with the target language. For
  tests and the demo only — it does not translate, and drafts made with it say so.
- ``libretranslate``: a LibreTranslate server (self-hostable, open source) at
  ``MACHINE_TRANSLATION_URL``, with ``MACHINE_TRANSLATION_API_KEY`` if the server needs one.

A backend translates plain segments (a paragraph, a list item, a heading): Markdown structure,
links, placeholders and glossary terms are taken out before and put back after by
:mod:`apps.translation.drafting`. The LibreTranslate client packs segments into requests within
the server's character limit, splits a segment longer than that at sentence ends, and tries a
failing request again with growing pauses; what still fails is a :class:`MachineTranslationError`
that says whether trying later may help.
"""

from __future__ import annotations

import json
import re
import time
import urllib.error
import urllib.request
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import gettext_lazy as _

#: Why a machine draft failed, in words an editor can act on (shown on the item's page).
REASONS = {
    "unavailable": _("the translation service is unavailable"),
    "busy": _("the translation service is busy"),
    "language": _("the translation service does not offer this language"),
    "refused": _("the translation service refused the request"),
    "answer": _("the translation service gave an answer that could not be read"),
    "queue": _("the task queue is unavailable"),
}


class MachineTranslationError(Exception):
    """A machine draft could not be made. ``reason`` is a key of :data:`REASONS`; ``transient``
    says whether the same request may succeed later (the task then tries again)."""

    def __init__(
        self,
        reason: str,
        detail: str = "",
        *,
        transient: bool = False,
        retry_after: float | None = None,
    ):
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail
        self.transient = transient
        self.retry_after = retry_after


#: Notes shown beside a machine draft about how it was made (``MachineDraft.via``).
NOTES = {
    "offline": _("offline test backend: it marks the text and does not translate it"),
    "persian": _("made with the Persian model: the service has no Dari model of its own"),
}


class Backend(ABC):
    @abstractmethod
    def translate(self, texts: list[str], *, source: str, target: str) -> list[str]:
        """Translate each plain segment from ``source`` to ``target``."""

    def note(self, target: str) -> str:
        """A key of :data:`NOTES` for drafts in ``target`` made by this backend, or ""."""
        return ""


class OfflineBackend(Backend):
    def note(self, target: str) -> str:
        return "offline"

    def translate(self, texts: list[str], *, source: str, target: str) -> list[str]:
        return [
            "\n\n".join(f"[{target}] {part}" for part in text.split("\n\n")) if text else ""
            for text in texts
        ]


# A sentence ends at . ! ? (and their Arabic, Chinese and Devanagari forms) followed by space, or
# right after a Chinese full stop.
SENTENCE_END = re.compile(r"(?<=[.!?؟։।])\s+|(?<=[。！？])")
RETRYABLE_STATUSES = {408, 425, 429, 500, 502, 503, 504}


class LibreTranslateBackend(Backend):
    # LibreTranslate's codes where they differ from ours; Dari is served by its Persian model.
    CODES = {"zh-hans": "zh", "fa-af": "fa"}
    # Newer LibreTranslate servers name Simplified Chinese "zh-Hans"; either is accepted.
    ALTERNATIVES = {"zh": ("zh", "zh-Hans")}
    LANGUAGES_CACHE_SECONDS = 3600

    def __init__(
        self,
        url: str,
        api_key: str = "",
        *,
        timeout: float = 60,
        char_limit: int = 2000,
        attempts: int = 3,
        pause: float = 1.0,
        sleep: Callable[[float], None] = time.sleep,
    ):
        if not url.startswith(("http://", "https://")):
            raise MachineTranslationError(
                "refused", "MACHINE_TRANSLATION_URL must be an http(s) address."
            )
        self.base = url.rstrip("/")
        self.api_key = api_key
        self.timeout = timeout
        self.char_limit = max(char_limit, 50)
        self.attempts = max(attempts, 1)
        self.pause = pause
        self.sleep = sleep

    # --- languages --------------------------------------------------------------------------------

    def note(self, target: str) -> str:
        return "persian" if target == "fa-af" else ""

    def offered(self) -> set[str]:
        """The codes the server translates from and to (asked once an hour)."""
        key = f"machine:libretranslate:languages:{self.base}"
        codes = cache.get(key)
        if codes is None:
            answer = self._call("GET", "/languages", None)
            if not isinstance(answer, list):
                raise MachineTranslationError("answer", f"/languages: {answer!r:.200}")
            codes = sorted({entry.get("code", "") for entry in answer if isinstance(entry, dict)})
            cache.set(key, codes, self.LANGUAGES_CACHE_SECONDS)
        return set(codes)

    def server_code(self, code: str) -> str:
        ours = self.CODES.get(code, code)
        offered = self.offered()
        for candidate in self.ALTERNATIVES.get(ours, (ours,)):
            if candidate in offered:
                return candidate
        raise MachineTranslationError("language", code)

    # --- translating ------------------------------------------------------------------------------

    def translate(self, texts: list[str], *, source: str, target: str) -> list[str]:
        source_code, target_code = self.server_code(source), self.server_code(target)
        pieces: list[list[str]] = [self.split(text) for text in texts]
        flat = [piece for text_pieces in pieces for piece in text_pieces]
        translated: list[str] = []
        for batch in self.batches(flat):
            translated.extend(self._translate_batch(batch, source_code, target_code))
        joiner = "" if target_code.startswith("zh") else " "  # Chinese has no spaces between
        results, position = [], 0
        for text_pieces in pieces:
            parts = translated[position : position + len(text_pieces)]
            position += len(text_pieces)
            results.append(joiner.join(part.strip() for part in parts if part.strip()))
        return results

    def split(self, text: str) -> list[str]:
        """``text`` in pieces within the character limit: whole sentences where they fit, a
        sentence longer than the limit cut at spaces (or anywhere, for a text without any)."""
        if len(text) <= self.char_limit:
            return [text] if text.strip() else []
        pieces, current = [], ""
        for sentence in SENTENCE_END.split(text):
            for part in self._cut(sentence):
                if current and len(current) + 1 + len(part) > self.char_limit:
                    pieces.append(current)
                    current = ""
                current = f"{current} {part}" if current else part
        if current:
            pieces.append(current)
        return [piece for piece in pieces if piece.strip()]

    def _cut(self, sentence: str) -> Iterator[str]:
        while len(sentence) > self.char_limit:
            cut = sentence.rfind(" ", 0, self.char_limit)
            if cut <= 0:
                cut = self.char_limit
            yield sentence[:cut]
            sentence = sentence[cut:].lstrip()
        if sentence:
            yield sentence

    def batches(self, pieces: list[str]) -> Iterator[list[str]]:
        """Consecutive pieces whose lengths add up to at most the character limit (LibreTranslate
        counts the characters of all texts of a request together)."""
        batch, size = [], 0
        for piece in pieces:
            if batch and size + len(piece) > self.char_limit:
                yield batch
                batch, size = [], 0
            batch.append(piece)
            size += len(piece)
        if batch:
            yield batch

    def _translate_batch(self, texts: list[str], source: str, target: str) -> list[str]:
        payload = {"q": texts, "source": source, "target": target, "format": "text"}
        answer = self._call("POST", "/translate", payload)
        translated = answer.get("translatedText") if isinstance(answer, dict) else None
        if isinstance(translated, str):
            translated = [translated]
        if (
            not isinstance(translated, list)
            or len(translated) != len(texts)
            or not all(isinstance(text, str) for text in translated)
        ):
            raise MachineTranslationError("answer", f"{answer!r:.200}")
        return translated

    # --- HTTP -------------------------------------------------------------------------------------

    def _call(self, method: str, path: str, payload: dict | None):
        """One API call, tried up to ``attempts`` times while the failure is one that may pass
        (no connection, time-out, "slow down", a server error), pausing 1, 2, 4… × ``pause``
        seconds between tries (or as long as the server's Retry-After asks, up to 30 s)."""
        body = None
        if payload is not None:
            if self.api_key:
                payload = {**payload, "api_key": self.api_key}
            body = json.dumps(payload).encode()
        attempt = 0
        while True:
            try:
                return self._request(method, path, body)
            except MachineTranslationError as error:
                attempt += 1
                if not error.transient or attempt >= self.attempts:
                    raise
                wait = self.pause * 2 ** (attempt - 1)
                self.sleep(min(error.retry_after, 30.0) if error.retry_after is not None else wait)

    def _request(self, method: str, path: str, body: bytes | None):
        request = urllib.request.Request(  # noqa: S310 - scheme checked in __init__
            self.base + path,
            data=body,
            method=method,
            headers={"Content-Type": "application/json", "Accept": "application/json"},
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310
                return json.load(response)
        except urllib.error.HTTPError as error:
            raise self._http_error(error) from error
        except (urllib.error.URLError, TimeoutError, ConnectionError, OSError) as error:
            raise MachineTranslationError("unavailable", str(error), transient=True) from error
        except (json.JSONDecodeError, UnicodeDecodeError) as error:
            raise MachineTranslationError("answer", str(error)) from error

    @staticmethod
    def _http_error(error: urllib.error.HTTPError) -> MachineTranslationError:
        try:
            message = str(json.loads(error.read() or b"{}").get("error", ""))[:200]
        except (json.JSONDecodeError, UnicodeDecodeError, AttributeError):
            message = ""
        status = error.code
        if status in RETRYABLE_STATUSES:
            reason = "busy" if status == 429 else "unavailable"
            retry_after = ((error.headers or {}).get("Retry-After") or "").strip()
            return MachineTranslationError(
                reason,
                f"HTTP {status} {message}".strip(),
                transient=True,
                retry_after=float(retry_after) if retry_after.isdigit() else None,
            )
        if status == 400 and "language" in message.lower():
            return MachineTranslationError("language", message)
        return MachineTranslationError("refused", f"HTTP {status} {message}".strip())


def get_backend() -> Backend:
    name = settings.MACHINE_TRANSLATION_BACKEND
    if name == "offline":
        return OfflineBackend()
    if name == "libretranslate":
        return LibreTranslateBackend(
            settings.MACHINE_TRANSLATION_URL,
            settings.MACHINE_TRANSLATION_API_KEY,
            timeout=settings.MACHINE_TRANSLATION_TIMEOUT,
            char_limit=settings.MACHINE_TRANSLATION_CHAR_LIMIT,
            pause=settings.MACHINE_TRANSLATION_PAUSE,
        )
    raise MachineTranslationError("refused", f"Unknown MACHINE_TRANSLATION_BACKEND {name!r}")
