"""Checks that keep the repository honest: migrations, catalogues, production settings."""

import shutil
import subprocess
import sys
from pathlib import Path

import polib
from django.core.management import call_command

from apps.core.catalogues import problems
from tests.services import require

ROOT = Path(__file__).resolve().parents[2]


def test_migrations_are_up_to_date(db):
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


def test_every_catalogue_is_complete():
    assert [str(problem) for problem in problems()] == []


def test_catalogues_contain_every_string_of_the_code(tmp_path):
    """Re-extract the strings in a copy of the project: nothing may be missing from the .po."""
    require(shutil.which("xgettext") is not None, "GNU gettext (xgettext)")
    copy = tmp_path / "project"
    for name in ("apps", "portal", "templates", "manage.py"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, copy / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, copy / name)
    (copy / "locale" / "de" / "LC_MESSAGES").mkdir(parents=True)

    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "de", "--no-location", "-v", "0"],
        cwd=copy,
        check=True,
        env={"WAYPOINT_INSECURE_DEV_KEY": "1", "PATH": "/usr/bin:/bin"},
    )

    extracted = {
        entry.msgid for entry in polib.pofile(str(copy / "locale/de/LC_MESSAGES/django.po"))
    }
    catalogued = {
        entry.msgid for entry in polib.pofile(str(ROOT / "locale/de/LC_MESSAGES/django.po"))
    }
    assert sorted(extracted - catalogued) == [], "run `make messages` and translate the new strings"


PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "portal.settings.production",
    "SECRET_KEY": "a-long-random-production-secret-" + "x" * 40,
    "ALLOWED_HOSTS": "waypoint.example",
    # Production needs a shared cache; the checks only read its configuration (nothing listens).
    "REDIS_URL": "redis://redis.invalid:6379/0",
    "PATH": "/usr/bin:/bin",
}


def test_production_settings_pass_the_deployment_checks():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=PRODUCTION,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "(0 silenced)" in result.stdout  # honestly: nothing is silenced


def test_production_refuses_to_start_without_redis():
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={key: value for key, value in PRODUCTION.items() if key != "REDIS_URL"},
    )
    assert result.returncode != 0
    assert "REDIS_URL must be set in production" in result.stderr


def test_production_refuses_to_start_without_a_secret_key():
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={"DJANGO_SETTINGS_MODULE": "portal.settings.production", "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr
