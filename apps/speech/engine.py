"""The speech engine behind read-aloud: runs of text in, Ogg/Opus audio out.

The rest of :mod:`apps.speech` only knows :class:`Engine`. The one we ship, :class:`EspeakEngine`,
runs espeak-ng (Debian; a voice for each of the eleven languages) and opusenc (opus-tools) as
subprocesses: argument lists, never a shell, each with a timeout. Texts go to espeak-ng on
standard input as SSML with every text escaped, so nothing a text says can become an option, a
command or markup. A run in another language (a German word in an Arabic sentence) is wrapped
in ``<voice>`` and spoken by that language's voice.
"""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
import threading
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import lru_cache
from typing import Protocol
from xml.sax.saxutils import escape

from django.conf import settings
from pypinyin import Style, lazy_pinyin

from apps.core import languages

#: espeak-ng voice per language (FIELD-NOTES.md): Chinese is read as pinyin with tone numbers
#: (plain ``cmn`` would read the numbers in English); Dari has no voice of its own, Persian is
#: the nearest.
VOICES = {
    "ar": "ar",
    "zh-hans": "cmn-latn-pinyin",
    "fa-af": "fa",
    "nl": "nl",
    "en": "en-gb",
    "de": "de",
    "it": "it",
    "ru": "ru",
    "es": "es",
    "uk": "uk",
    "ur": "ur",
}

#: Silence between two sections, so that a listener hears where a step ends.
SECTION_GAP_MS = 700
#: Pauses inside a section: after its heading, and between paragraphs.
HEADING_BREAK_MS = 500
PARAGRAPH_BREAK_MS = 350

# Opus for speech at its smallest useful size: SILK, 60 ms frames, constant 3.5 kbit/s
# (opusenc's own floor is 6; libopus takes less through the bitrate control, 4002).
OPUS_BITRATE = 3500
OPUS_ARGUMENTS = (
    "--quiet", "--speech", "--framesize", "60", "--bitrate", "6", "--hard-cbr",
    "--set-ctl-int", f"4002={OPUS_BITRATE}", "--comp", "5",
)  # fmt: skip

_CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_CHINESE_PUNCTUATION = str.maketrans("，。、；：？！（）“”‘’《》", ',.,;:?!()""\'\'""')


class SpeechUnavailable(Exception):
    """The engine's programs are not installed on this server."""


class SynthesisFailed(Exception):
    """A program failed or took too long; says which and why (for the log)."""


@dataclass(frozen=True)
class Run:
    """Text spoken by the voice of ``language``."""

    text: str
    language: str


#: A paragraph: runs spoken one after the other, in one sentence melody.
Paragraph = Sequence[Run]


@dataclass(frozen=True)
class SpokenSection:
    """What is read for one section (a step): its language, heading and paragraphs."""

    language: str
    paragraphs: Sequence[Paragraph]


@dataclass(frozen=True)
class Audio:
    data: bytes  # Ogg/Opus
    duration_ms: int
    #: (start, end) of each section in milliseconds, in the order given.
    bounds: list[tuple[int, int]]


class Engine(Protocol):
    """What read-aloud needs of a speech engine."""

    def available(self) -> bool:
        """Whether this server can synthesise at all."""

    def identity(self) -> str:
        """Names the engine, its version and settings: part of every file's fingerprint, so that
        a new engine never serves audio made by the old one."""

    def voice(self, language: str) -> str: ...

    def render(self, sections: Sequence[SpokenSection], *, rate: int) -> Audio:
        """All sections, one after the other, at ``rate`` words per minute."""


class EspeakEngine:
    def __init__(self, espeak: str | None = None, opusenc: str | None = None):
        self.espeak = espeak or settings.SPEECH_ESPEAK
        self.opusenc = opusenc or settings.SPEECH_OPUSENC
        self.timeout = settings.SPEECH_TIMEOUT

    def available(self) -> bool:
        return bool(shutil.which(self.espeak) and shutil.which(self.opusenc))

    def identity(self) -> str:
        return f"{_espeak_version(self.espeak)}|opus {OPUS_BITRATE}|gap {SECTION_GAP_MS}"

    def voice(self, language: str) -> str:
        return VOICES[languages.base(language)]

    # --- SSML ------------------------------------------------------------------------------

    def ssml(self, section: SpokenSection) -> str:
        """The section as an SSML document for espeak-ng; every text is escaped."""
        pieces = []
        for number, paragraph in enumerate(section.paragraphs):
            for run in paragraph:
                text = escape(_speakable(run.text, run.language))
                if run.language == section.language:
                    pieces.append(text)
                else:
                    pieces.append(f'<voice name="{self.voice(run.language)}">{text}</voice>')
            pause = HEADING_BREAK_MS if number == 0 else PARAGRAPH_BREAK_MS
            pieces.append(f'<break time="{pause}ms"/>')
        return f"<speak>{' '.join(pieces)}</speak>"

    # --- programs --------------------------------------------------------------------------

    def _run(self, arguments: list[str], data: bytes) -> bytes:
        try:
            result = subprocess.run(  # noqa: S603 - an argument list, no shell; text on stdin
                arguments, input=data, capture_output=True, timeout=self.timeout, check=False
            )
        except FileNotFoundError as error:
            raise SpeechUnavailable(f"{arguments[0]} is not installed") from error
        except subprocess.TimeoutExpired as error:
            raise SynthesisFailed(f"{arguments[0]} took longer than {self.timeout} s") from error
        if result.returncode != 0:
            message = result.stderr.decode(errors="replace")[:500]
            raise SynthesisFailed(f"{arguments[0]} failed ({result.returncode}): {message}")
        return result.stdout

    def pcm(self, section: SpokenSection, *, rate: int) -> tuple[bytes, int]:
        """Signed 16-bit mono samples of one section, and their sample rate."""
        wav = self._run(
            [self.espeak, "-v", self.voice(section.language), "-s", str(rate), "-m", "--stdout"],
            self.ssml(section).encode(),
        )
        return _wav_samples(wav)

    def phonemes(self, section: SpokenSection) -> str:
        """What espeak-ng will say, as phoneme mnemonics (to check which voice says what)."""
        voice = self.voice(section.language)
        output = self._run(
            [self.espeak, "-v", voice, "-m", "-q", "-x"], self.ssml(section).encode()
        )
        return output.decode(errors="replace")

    def render(self, sections: Sequence[SpokenSection], *, rate: int) -> Audio:
        if not sections:
            raise SynthesisFailed("nothing to read")
        # espeak-ng reads two sections at a time while opusenc encodes those already read: on
        # two cores the audio is ready in about the time of the slower program alone.
        with ThreadPoolExecutor(max_workers=2) as pool:
            futures = [pool.submit(self.pcm, section, rate=rate) for section in sections]
            try:
                first, sample_rate = futures[0].result()
                bounds: list[tuple[int, int]] = []

                def chunks() -> Iterator[bytes]:
                    position = 0
                    gap = b"\0\0" * (sample_rate * SECTION_GAP_MS // 1000)
                    for index, future in enumerate(futures):
                        samples = first if index == 0 else future.result()[0]
                        if index:
                            yield gap
                            position += len(gap)
                        yield samples
                        bounds.append(
                            (_ms(position, sample_rate), _ms(position + len(samples), sample_rate))
                        )
                        position += len(samples)

                data = self._encode(chunks(), sample_rate)
            finally:
                for future in futures:
                    future.cancel()
        return Audio(data=data, duration_ms=bounds[-1][1], bounds=bounds)

    def _encode(self, chunks: Iterator[bytes], sample_rate: int) -> bytes:
        """Ogg/Opus of the samples in ``chunks``, fed to opusenc as they come."""
        arguments = [self.opusenc, *OPUS_ARGUMENTS, "--raw", "--raw-rate", str(sample_rate),
                     "--raw-chan", "1", "-", "-"]  # fmt: skip
        try:
            process = subprocess.Popen(  # noqa: S603 - an argument list, no shell
                arguments, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE
            )
        except FileNotFoundError as error:
            raise SpeechUnavailable(f"{self.opusenc} is not installed") from error
        output: dict[str, bytes] = {}
        readers = [
            threading.Thread(target=lambda: output.update(out=process.stdout.read())),
            threading.Thread(target=lambda: output.update(err=process.stderr.read())),
        ]
        for reader in readers:
            reader.start()
        try:
            for chunk in chunks:
                process.stdin.write(chunk)
            process.stdin.close()
            process.wait(timeout=self.timeout)
        except subprocess.TimeoutExpired as error:
            process.kill()
            raise SynthesisFailed(f"opusenc took longer than {self.timeout} s") from error
        except OSError as error:  # opusenc stopped reading: it failed, and says why below
            process.kill()
            process.wait()
            if process.returncode == 0:
                raise SynthesisFailed(f"opusenc: {error}") from error
        except BaseException:
            process.kill()
            raise
        finally:
            for reader in readers:
                reader.join(timeout=self.timeout)
        if process.returncode != 0:
            message = output.get("err", b"").decode(errors="replace")[:500]
            raise SynthesisFailed(f"opusenc failed ({process.returncode}): {message}")
        return output.get("out", b"")


def _ms(byte_count: int, sample_rate: int) -> int:
    return byte_count // 2 * 1000 // sample_rate


def _speakable(text: str, language: str) -> str:
    """Text as the voice of ``language`` reads it: Chinese becomes pinyin with tone numbers."""
    text = _CONTROL_CHARACTERS.sub(" ", text)
    if language == "zh-hans":
        syllables = lazy_pinyin(
            text.translate(_CHINESE_PUNCTUATION), style=Style.TONE3, neutral_tone_with_five=True
        )
        text = " ".join(syllable.strip() for syllable in syllables if syllable.strip())
    return text


def _wav_samples(wav: bytes) -> tuple[bytes, int]:
    """The samples of espeak-ng's WAV output (its header gives no length when it streams)."""
    if wav[:4] != b"RIFF" or wav[8:12] != b"WAVE":
        raise SynthesisFailed("espeak-ng did not write WAV audio")
    position, sample_rate = 12, 22050
    while position + 8 <= len(wav):
        chunk, size = (
            wav[position : position + 4],
            struct.unpack("<I", wav[position + 4 : position + 8])[0],
        )
        if chunk == b"fmt ":
            channels, sample_rate = struct.unpack("<HI", wav[position + 10 : position + 16])
            if channels != 1:
                raise SynthesisFailed("espeak-ng wrote more than one channel")
        elif chunk == b"data":
            samples = wav[position + 8 :]
            return samples[: len(samples) - len(samples) % 2], sample_rate
        position += 8 + size
    raise SynthesisFailed("espeak-ng wrote no samples")


@lru_cache(maxsize=4)
def _espeak_version(espeak: str) -> str:
    try:
        result = subprocess.run(  # noqa: S603 - a fixed argument list
            [espeak, "--version"], capture_output=True, timeout=10, check=False
        )
    except (FileNotFoundError, subprocess.TimeoutExpired):
        return "espeak-ng (unknown version)"
    return result.stdout.decode(errors="replace").split("  Data at")[0].strip()


def get_engine() -> Engine:
    return EspeakEngine()
