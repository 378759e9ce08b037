"""Backups: ``manage.py backup``, ``restore`` and ``backup --check`` (apps/core/backup.py).

The tests run on whatever database the suite runs on: SQLite (the embedded default; the live
database is a file copied from the test database) or PostgreSQL (CI: pg_dump and pg_restore
against the test database itself).
"""

from __future__ import annotations

import io
import json
import shutil
import sqlite3
import tarfile
from pathlib import Path

import pytest
import yaml
from django.conf import settings as django_settings
from django.core.management import CommandError, call_command
from django.db import connection

from apps.accounts.models import User
from apps.core import backup, page_cache
from apps.core import queries as core_queries
from apps.core.models import Topic
from tests.services import require

pytestmark = pytest.mark.usefixtures("transactional_db")


@pytest.fixture
def media(tmp_path, settings) -> Path:
    """A media directory with an upload and a recorded audio file, as the demo has."""
    root = tmp_path / "media"
    (root / "uploads" / "logos").mkdir(parents=True)
    (root / "uploads" / "logos" / "city.png").write_bytes(b"\x89PNG fake logo")
    (root / "speech" / "de").mkdir(parents=True)
    (root / "speech" / "de" / "article-1.opus").write_bytes(b"OggS" + bytes(range(256)) * 40)
    settings.MEDIA_ROOT = root
    return root


@pytest.fixture
def live(people, taxonomy, media, tmp_path):
    """The database to back up, holding demo-like content (region, topics, people, roles).

    On SQLite it is a file copied from the in-memory test database, so that restoring can
    replace a file as it does in production; on PostgreSQL it is the test database."""
    require(connection.vendor in {"sqlite", "postgresql"}, "SQLite or PostgreSQL")
    if connection.vendor == "postgresql":
        require(bool(shutil.which("pg_dump")), "pg_dump (Debian package postgresql-client)")
        yield dict(connection.settings_dict)
        with connection.cursor() as cursor:  # what `damage` made outlives the test's flush
            cursor.execute("DROP TABLE IF EXISTS made_after_the_backup")
        return
    path = tmp_path / "db.sqlite3"
    source = sqlite3.connect(connection.settings_dict["NAME"], uri=True)
    target = sqlite3.connect(path)
    source.backup(target)
    source.close()
    target.close()
    yield {**connection.settings_dict, "NAME": str(path)}


def rows(database: dict) -> dict[str, int]:
    return backup.database_state(database).tables


def count(database: dict, table: str) -> int:
    return rows(database)[table]


def damage(database: dict, media: Path) -> None:
    """What a bad day does after the backup: rows deleted, files changed, added and lost."""
    with backup.open_database(database, alias="damage") as wrapper, wrapper.cursor() as cursor:
        cursor.execute("DELETE FROM core_topic")
        cursor.execute("CREATE TABLE made_after_the_backup (id integer)")  # a newer migration's
    (media / "uploads" / "logos" / "city.png").write_bytes(b"overwritten")
    (media / "speech" / "de" / "article-1.opus").unlink()
    (media / "stray.txt").write_text("made after the backup")


def rewrite(archive: Path, change_member=None, change_manifest=None) -> Path:
    """A copy of ``archive`` with a member's bytes or the manifest changed."""
    copy = archive.with_name("tampered.tar.gz")
    with tarfile.open(archive, "r:gz") as source, tarfile.open(copy, "w:gz") as target:
        for member in source.getmembers():
            data = source.extractfile(member).read()
            if member.name == backup.MANIFEST and change_manifest:
                manifest = json.loads(data)
                change_manifest(manifest)
                data = json.dumps(manifest).encode()
            elif change_member:
                data = change_member(member.name, data)
            member.size = len(data)
            target.addfile(member, io.BytesIO(data))
    return copy


def test_round_trip_restores_identical_rows_and_media(live, media, tmp_path):
    before_rows = rows(live)
    before_media = backup.media_checksums(media)
    assert before_rows["core_topic"] >= 2 and before_rows["accounts_user"] >= 10

    archive, manifest = backup.create_backup(tmp_path / "backups", live, media)
    damage(live, media)
    assert count(live, "core_topic") == 0

    kept_under = (page_cache.content_version(), core_queries.REGIONS.current())
    backup.restore(archive, live, media)

    assert rows(live) == before_rows == manifest["tables"]
    # Nothing kept from before the restore is served after it.
    assert page_cache.content_version() != kept_under[0]
    assert core_queries.REGIONS.current() != kept_under[1]
    assert backup.media_checksums(media) == before_media
    assert not (media / "stray.txt").exists()
    assert [p.name for p in media.iterdir() if p.name.startswith(".")] == []  # no staging left
    assert archive.stat().st_mode & 0o777 == 0o600  # personal data: readable by its owner only
    assert manifest["database_vendor"] == connection.vendor
    assert manifest["counts"]["media_files"] == 2
    assert "core" in manifest["migrations"]
    assert set(manifest["sha256"]) == {
        backup.DATABASE_MEMBERS[connection.vendor],
        "media/uploads/logos/city.png",
        "media/speech/de/article-1.opus",
    }


def test_a_tampered_archive_is_refused_and_nothing_changes(live, media, tmp_path):
    archive, _ = backup.create_backup(tmp_path / "backups", live, media)
    damage(live, media)
    rows_now, media_now = rows(live), backup.media_checksums(media)

    def flip(name, data):
        return b"tampered" + data if name == "media/uploads/logos/city.png" else data

    with pytest.raises(backup.BackupError) as refusal:
        backup.restore(rewrite(archive, change_member=flip), live, media)

    assert "media/uploads/logos/city.png: checksum differs" in str(refusal.value)
    assert "nothing was restored" in str(refusal.value)
    assert rows(live) == rows_now
    assert backup.media_checksums(media) == media_now
    assert sorted(p.name for p in media.iterdir()) == ["speech", "stray.txt", "uploads"]


def test_an_archive_missing_a_listed_file_is_refused(live, media, tmp_path):
    archive, _ = backup.create_backup(tmp_path / "backups", live, media)

    def add_unlisted(manifest):
        manifest["sha256"]["media/lost.txt"] = "0" * 64

    with pytest.raises(backup.BackupError, match=r"media/lost\.txt: missing from the archive"):
        backup.restore(rewrite(archive, change_manifest=add_unlisted), live, media)


def test_restore_refuses_a_backup_with_migrations_this_code_does_not_know(live, media, tmp_path):
    archive, _ = backup.create_backup(tmp_path / "backups", live, media)
    damage(live, media)
    rows_now = rows(live)

    def from_the_future(manifest):
        manifest["migrations"]["core"].append("9999_from_a_newer_waypoint")

    with pytest.raises(backup.BackupError) as refusal:
        backup.restore(rewrite(archive, change_manifest=from_the_future), live, media)

    assert "core.9999_from_a_newer_waypoint" in str(refusal.value)
    assert "Update Waypoint first" in str(refusal.value)
    assert rows(live) == rows_now
    assert (media / "stray.txt").exists()


def test_restore_refuses_a_backup_of_another_database_vendor(live, media, tmp_path):
    archive, _ = backup.create_backup(tmp_path / "backups", live, media)
    other = "postgresql" if connection.vendor == "sqlite" else "sqlite"

    def other_vendor(manifest):
        manifest["database_vendor"] = other

    with pytest.raises(backup.BackupError, match=f"backup is of a {other} database"):
        backup.restore(rewrite(archive, change_manifest=other_vendor), live, media)


def test_what_is_not_a_backup_gets_a_clear_error(live, media, tmp_path):
    garbage = tmp_path / "garbage.tar.gz"
    garbage.write_bytes(b"not an archive at all")
    escaping = tmp_path / "escaping.tar.gz"
    with tarfile.open(escaping, "w:gz") as archive:
        info = tarfile.TarInfo("../outside.txt")
        info.size = 4
        archive.addfile(info, io.BytesIO(b"evil"))
        manifest = json.dumps(
            {
                "format_version": 1,
                "database_vendor": connection.vendor,
                "database_member": "database.sqlite3",
                "migrations": {},
                "tables": {},
                "sha256": {},
                "counts": {},
            }
        ).encode()
        info = tarfile.TarInfo("manifest.json")
        info.size = len(manifest)
        archive.addfile(info, io.BytesIO(manifest))

    with pytest.raises(backup.BackupError, match="cannot be read"):
        backup.restore(garbage, live, media)
    with pytest.raises(backup.BackupError, match="cannot be read"):
        backup.restore(escaping, live, media)
    assert not (tmp_path / "outside.txt").exists()
    with pytest.raises(CommandError, match="does not exist"):
        call_command("restore", str(tmp_path / "nowhere.tar.gz"), "--yes")

    archive, _ = backup.create_backup(tmp_path / "backups", live, media)

    def scrambled(manifest):
        manifest["sha256"] = ["not", "a", "mapping"]

    with pytest.raises(backup.BackupError, match="manifest lacks 'sha256'"):
        backup.restore(rewrite(archive, change_manifest=scrambled), live, media)
    if connection.vendor == "sqlite":
        missing = {**live, "NAME": str(tmp_path / "no-such.sqlite3")}
        with pytest.raises(backup.BackupError, match="does not exist"):
            backup.create_backup(tmp_path / "backups", missing, media)
        assert not (tmp_path / "no-such.sqlite3").exists()


def test_backup_and_restore_commands(people, media, tmp_path, monkeypatch):
    out = io.StringIO()
    call_command("backup", str(tmp_path / "backups"), stdout=out)
    (archive,) = (tmp_path / "backups").glob("waypoint-backup-*.tar.gz")
    assert str(archive) in out.getvalue() and "2 media files" in out.getvalue()

    User.objects.filter(email="editor@example.org").delete()
    (media / "stray.txt").write_text("after the backup")

    # Without --yes and without a terminal nobody can confirm: nothing changes.
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    with pytest.raises(CommandError, match="add --yes"):
        call_command("restore", str(archive), stdout=io.StringIO())
    # At a terminal, anything but "yes" cancels.
    monkeypatch.setattr("sys.stdin.isatty", lambda: True, raising=False)
    monkeypatch.setattr("builtins.input", lambda prompt: "no")
    with pytest.raises(CommandError, match="cancelled; nothing was changed"):
        call_command("restore", str(archive), stdout=io.StringIO())
    assert not User.objects.filter(email="editor@example.org").exists()
    assert (media / "stray.txt").exists()

    out = io.StringIO()
    call_command("restore", str(archive), "--yes", stdout=out)

    assert "Restored the backup" in out.getvalue()
    assert User.objects.filter(email="editor@example.org").exists()
    assert not (media / "stray.txt").exists()


def test_backup_keeps_the_newest_archives(people, media, tmp_path):
    for _ in range(3):
        call_command("backup", str(tmp_path / "backups"), "--keep", "2", stdout=io.StringIO())

    assert len(list((tmp_path / "backups").glob("waypoint-backup-*.tar.gz"))) == 2
    with pytest.raises(CommandError, match="Give the directory"):
        call_command("backup")


def test_round_trip_check_passes_on_the_configured_database(people, taxonomy, media):
    out = io.StringIO()
    call_command("backup", "--check", stdout=out)

    assert "Round-trip check passed" in out.getvalue()
    assert "2 media files restored identically" in out.getvalue()
    assert Topic.objects.count() >= 2  # the live database was only read


def test_round_trip_check_fails_with_the_differences(people, media, monkeypatch):
    replace_media = backup._replace_media

    def loses_a_file(source, media_root):
        replace_media(source, media_root)
        (media_root / "uploads" / "logos" / "city.png").unlink()

    monkeypatch.setattr(backup, "_replace_media", loses_a_file)
    err = io.StringIO()

    with pytest.raises(CommandError, match="1 difference"):
        call_command("backup", "--check", stdout=io.StringIO(), stderr=err)

    assert "media uploads/logos/city.png: not restored" in err.getvalue()
    assert (media / "uploads" / "logos" / "city.png").exists()


def test_postgresql_round_trip_with_pg_dump_and_pg_restore(live, media, tmp_path):
    require(connection.vendor == "postgresql", "PostgreSQL (DATABASE_URL)")
    archive, manifest = backup.create_backup(tmp_path / "backups", live, media)
    with tarfile.open(archive) as members:
        dump = members.extractfile("database.pgdump").read()
    assert dump.startswith(b"PGDMP")  # pg_dump's custom format

    with backup.scratch_database(live, tmp_path) as scratch:
        assert scratch["NAME"] == f"{live['NAME']}_restorecheck"
        backup.restore(archive, scratch, tmp_path / "restored-media")
        assert rows(scratch) == manifest["tables"]
    with backup.open_database(live, "gone") as wrapper, wrapper.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [scratch["NAME"]])
        assert cursor.fetchone() is None  # the scratch database was dropped


def test_the_compose_stack_and_its_image_can_back_up():
    root = Path(django_settings.BASE_DIR)
    service = yaml.safe_load((root / "docker-compose.yml").read_text())["services"]["backup"]

    assert service["profiles"] == ["backup"]  # never started by `docker compose up`
    assert service["command"][:4] == ["python", "manage.py", "backup", "/backups"]
    assert "media:/srv/media" in service["volumes"]
    assert any(volume.endswith(":/backups") for volume in service["volumes"])
    assert "postgresql-client" in (root / "Dockerfile").read_text()  # pg_dump, pg_restore
