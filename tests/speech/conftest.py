"""Read-aloud tests run the real espeak-ng and opusenc (CI installs them; locally they skip with
a reason). Audio goes to a temporary media directory."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from apps.speech import services
from apps.speech.models import Recording, Speed
from tests.events.conftest import make_event  # noqa: F401 - fixtures used here too
from tests.procedures.conftest import (  # noqa: F401
    publish_document,
    publish_place,
    publish_procedure,
    step,
)
from tests.services import require


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.SERVE_MEDIA = True
    return settings.MEDIA_ROOT


@pytest.fixture
def speech():
    """The programs read-aloud runs, required."""
    for program in ("espeak-ng", "opusenc", "opusdec", "opusinfo", "sox"):
        require(
            shutil.which(program) is not None,
            f"{program} (apt-get install espeak-ng opus-tools sox)",
        )


@pytest.fixture
def record(speech):
    """Record an item now (the normal speed unless told otherwise), as the worker would."""

    def make(item, *, speeds=(Speed.NORMAL,), only=None):
        item = services.items_to_record(type(item)).get(pk=item.pk)
        return services.record_item(item, speeds=speeds, only=only)

    return make


def recording_of(item, language: str, speed: str = Speed.NORMAL) -> Recording:
    return Recording.objects.get(
        content_type__model=type(item)._meta.model_name,
        object_id=item.pk,
        language=language,
        speed=speed,
    )


def audio_path(recording: Recording, media):
    return media / recording.key


def _run(*arguments: str, data: bytes | None = None) -> subprocess.CompletedProcess:
    """A program the test needs (found on PATH, as CI installs it), on a file the test made."""
    program = shutil.which(arguments[0])
    assert program, f"{arguments[0]} is not installed"
    return subprocess.run(  # noqa: S603 - fixed programs, no shell
        [program, *arguments[1:]], input=data, capture_output=True, timeout=60, check=False
    )


def decoded_length(path) -> float:
    """Seconds, as opusinfo reports them (it decodes the whole stream)."""
    report = _run("opusinfo", str(path)).stdout.decode()
    minutes, seconds = report.split("Playback length: ")[1].split()[0].rstrip("s").split("m:")
    return int(minutes) * 60 + float(seconds)


def rms_amplitude(path) -> float:
    """RMS amplitude of the decoded audio (0 is silence), measured by sox."""
    decoded = _run("opusdec", "--quiet", "--force-wav", str(path), "-")
    assert decoded.returncode == 0, decoded.stderr
    stat = _run("sox", "-t", "wav", "-", "-n", "stat", data=decoded.stdout).stderr.decode()
    line = next(line for line in stat.splitlines() if line.startswith("RMS     amplitude"))
    return float(line.split(":")[1])
