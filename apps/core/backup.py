"""Backups of a Waypoint installation: the database and the media directory in one archive.

An archive (``waypoint-backup-<UTC time>.tar.gz``) holds

- ``database.sqlite3`` (SQLite: a consistent copy made with SQLite's online backup API) or
  ``database.pgdump`` (PostgreSQL: ``pg_dump --format=custom``);
- ``media/…``: every file under ``MEDIA_ROOT`` (uploads and recorded read-aloud audio);
- ``manifest.json``: format version, time of the backup, database vendor, the migrations applied
  per app, the row count of every table and the SHA-256 of every other member.

The search index and the assistant's vectors are tables like any other, so they come along.

Restoring checks the whole archive against its manifest before anything is touched, and refuses
an archive from another database vendor or with migrations this code does not know. The row
counts let ``backup --check`` prove a round trip: back up, restore into a scratch database and
compare.

Functions take a Django ``DATABASES`` entry (``settings_dict``) rather than an alias, so that a
restore can target a scratch database that is not in the settings.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.db import connections
from django.db.migrations.loader import MigrationLoader
from django.db.utils import load_backend

from apps.core import page_cache
from apps.core import queries as core_queries

FORMAT_VERSION = 1
MANIFEST = "manifest.json"
MEDIA_PREFIX = "media/"
DATABASE_MEMBERS = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}
ARCHIVE_PATTERN = "waypoint-backup-*.tar.gz"
#: Directories a restore makes inside MEDIA_ROOT while it swaps the files; never backed up.
STAGING_PREFIXES = (".restore-", ".previous-")
CHUNK = 1024 * 1024


class BackupError(Exception):
    """A backup or restore that cannot go ahead; the message says why, for the operator."""


@dataclass
class Snapshot:
    """What a database held at the moment of the backup."""

    vendor: str
    migrations: dict[str, list[str]]
    tables: dict[str, int]


@dataclass
class Comparison:
    """The differences between two states; empty lists mean identical."""

    tables: list[str] = field(default_factory=list)
    media: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.tables and not self.media

    def lines(self) -> list[str]:
        return self.tables + self.media


# --- Databases ----------------------------------------------------------------------------------


def default_database() -> dict:
    return dict(connections["default"].settings_dict)


def vendor_of(database: dict) -> str:
    engine = database["ENGINE"]
    if engine.endswith("sqlite3"):
        return "sqlite"
    if "postgresql" in engine:
        return "postgresql"
    raise BackupError(f"Backups support SQLite and PostgreSQL, not {engine}.")


@contextmanager
def open_database(database: dict, alias: str = "backup") -> Iterator:
    """A Django connection of its own to ``database`` (which need not be in the settings)."""
    wrapper = load_backend(database["ENGINE"]).DatabaseWrapper(dict(database), alias)
    try:
        yield wrapper
    finally:
        wrapper.close()


def _read_state(wrapper) -> tuple[dict[str, list[str]], dict[str, int]]:
    with wrapper.cursor() as cursor:
        tables = sorted(wrapper.introspection.table_names(cursor))
        counts = {}
        for table in tables:
            quoted = wrapper.ops.quote_name(table)  # a name the database itself listed
            cursor.execute(f"SELECT COUNT(*) FROM {quoted}")  # noqa: S608
            counts[table] = cursor.fetchone()[0]
        migrations: dict[str, list[str]] = {}
        if "django_migrations" in counts:
            cursor.execute("SELECT app, name FROM django_migrations ORDER BY app, name")
            for app, name in cursor.fetchall():
                migrations.setdefault(app, []).append(name)
    return migrations, counts


def database_state(database: dict) -> Snapshot:
    """Applied migrations and row counts of ``database`` as it is now."""
    with open_database(database) as wrapper:
        migrations, tables = _read_state(wrapper)
    return Snapshot(vendor=vendor_of(database), migrations=migrations, tables=tables)


def _sqlite_connect(name: str) -> sqlite3.Connection:
    # Django opens SQLite with uri=True; the test database is an in-memory "file:" URI.
    return sqlite3.connect(str(name), uri=str(name).startswith("file:"))


def _dump_sqlite(database: dict, target: Path) -> Snapshot:
    name = str(database["NAME"])
    if not name.startswith("file:") and not Path(name).is_file():
        # sqlite3.connect would quietly make an empty one, and the backup of nothing.
        raise BackupError(f"The database file {name} does not exist.")
    source = _sqlite_connect(database["NAME"])
    copy = sqlite3.connect(target)
    try:
        source.backup(copy)  # a consistent copy, even while the site is writing
    finally:
        source.close()
        copy.close()
    # The copy is what the archive holds: count what it holds.
    return database_state({**database, "NAME": str(target)})


def pg_environment(database: dict) -> dict[str, str]:
    """The libpq environment for pg_dump/pg_restore: the password never goes on a command line."""
    env = dict(os.environ)  # keeps what the operator set for libpq (PGSSLROOTCERT, …)
    values = {
        "PGHOST": database.get("HOST"),
        "PGPORT": database.get("PORT"),
        "PGUSER": database.get("USER"),
        "PGPASSWORD": database.get("PASSWORD"),
        "PGSSLMODE": (database.get("OPTIONS") or {}).get("sslmode"),
    }
    env.update({key: str(value) for key, value in values.items() if value})
    return env


def _run(command: list[str], database: dict) -> None:
    try:
        result = subprocess.run(  # noqa: S603 - an argument list, no shell
            command, env=pg_environment(database), capture_output=True, text=True, check=False
        )
    except FileNotFoundError as error:
        raise BackupError(
            f"{command[0]} is not installed (Debian package postgresql-client)."
        ) from error
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip() or result.returncode}")


def _dump_postgresql(database: dict, target: Path) -> Snapshot:
    # Row counts and dump come from one snapshot: pg_dump joins the exported one.
    with open_database(database) as wrapper:
        wrapper.set_autocommit(False)
        try:
            with wrapper.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
                cursor.execute("SELECT pg_export_snapshot()")
                snapshot_id = cursor.fetchone()[0]
            migrations, tables = _read_state(wrapper)
            _run(
                [
                    "pg_dump",
                    "--format=custom",
                    "--no-password",
                    f"--snapshot={snapshot_id}",
                    f"--file={target}",
                    f"--dbname={database['NAME']}",
                ],
                database,
            )
        finally:
            wrapper.rollback()
    return Snapshot(vendor="postgresql", migrations=migrations, tables=tables)


def _restore_sqlite(database: dict, dump: Path) -> None:
    name = str(database["NAME"])
    if name.startswith("file:") or name == ":memory:":
        # An in-memory database (tests) has no file to replace: copy into it instead.
        source, target = sqlite3.connect(dump), _sqlite_connect(name)
        try:
            source.backup(target)
        finally:
            source.close()
            target.close()
        return
    path = Path(name)
    path.parent.mkdir(parents=True, exist_ok=True)
    staged = path.with_name(f".{path.name}.restoring")
    shutil.copyfile(dump, staged)
    _close_connections_to(database)
    for suffix in ("-journal", "-wal", "-shm"):
        # A journal of the old file left by a crash must not be replayed into the new one.
        path.with_name(path.name + suffix).unlink(missing_ok=True)
    os.replace(staged, path)  # atomic: the old database or the new one, never half of each


def _close_connections_to(database: dict) -> None:
    """Close this process's connections to ``database`` before it is replaced under them."""
    for wrapper in connections.all(initialized_only=True):
        same = (wrapper.settings_dict.get(key) for key in ("ENGINE", "NAME", "HOST", "PORT"))
        if tuple(same) == tuple(database.get(k) for k in ("ENGINE", "NAME", "HOST", "PORT")):
            wrapper.close()


def _restore_postgresql(database: dict, dump: Path, tables: dict[str, int]) -> None:
    _close_connections_to(database)
    _run(
        [
            "pg_restore",
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",  # grants name roles another server may not have
            "--single-transaction",  # all or nothing
            "--exit-on-error",
            "--no-password",
            f"--dbname={database['NAME']}",
            str(dump),
        ],
        database,
    )
    # --clean drops only what the dump holds: tables a newer migration made since the backup
    # would stay behind (and trip `migrate`). The database is to be as it was: they go too.
    with open_database(database, alias="restore") as wrapper:
        with wrapper.cursor() as cursor:
            leftovers = set(wrapper.introspection.table_names(cursor)) - set(tables)
        if leftovers:
            with wrapper.cursor() as cursor:
                cursor.execute(
                    "DROP TABLE IF EXISTS "
                    + ", ".join(wrapper.ops.quote_name(name) for name in sorted(leftovers))
                    + " CASCADE"
                )
        # pg_restore leaves the planner without statistics until autovacuum comes by, and some
        # readers' queries take minutes without them on a large region (measured at 100× the
        # demo): gather them now.
        with wrapper.cursor() as cursor:
            cursor.execute("ANALYZE")


# --- Media --------------------------------------------------------------------------------------


def media_files(media_root: Path) -> Iterator[tuple[str, Path]]:
    """(relative name, path) of every file under ``media_root``, staging directories left out."""
    root = Path(media_root)
    if not root.is_dir():
        return
    for directory, subdirectories, files in os.walk(root):
        subdirectories[:] = sorted(
            d
            for d in subdirectories
            if not (Path(directory) == root and d.startswith(STAGING_PREFIXES))
        )
        for name in sorted(files):
            path = Path(directory) / name
            if path.is_file() and not path.is_symlink():
                yield path.relative_to(root).as_posix(), path


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def media_checksums(media_root: Path) -> dict[str, str]:
    return {name: sha256_of(path) for name, path in media_files(media_root)}


class _HashingReader(io.RawIOBase):
    """Hashes what tarfile reads, so the checksum is of the bytes that went into the archive."""

    def __init__(self, handle):
        self.handle = handle
        self.digest = hashlib.sha256()

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        data = self.handle.read(size)
        self.digest.update(data)
        return data


def _add(archive: tarfile.TarFile, path: Path, member: str) -> str:
    info = archive.gettarinfo(str(path), arcname=member)
    info.uid = info.gid = 0
    info.uname = info.gname = ""
    with open(path, "rb") as handle:
        reader = _HashingReader(handle)
        archive.addfile(info, reader)
    return reader.digest.hexdigest()


# --- Backup -------------------------------------------------------------------------------------


def create_backup(
    directory: Path, database: dict | None = None, media_root: Path | None = None
) -> tuple[Path, dict]:
    """Write one archive into ``directory``; return its path and its manifest."""
    database = database or default_database()
    media_root = Path(media_root or settings.MEDIA_ROOT)
    vendor = vendor_of(database)
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    created = datetime.now(UTC)
    target = directory / f"waypoint-backup-{created:%Y%m%dT%H%M%S%fZ}.tar.gz"
    partial = directory / f".{target.name}.partial"

    with tempfile.TemporaryDirectory(prefix="waypoint-backup-") as scratch:
        dump = Path(scratch) / DATABASE_MEMBERS[vendor]
        if vendor == "sqlite":
            snapshot = _dump_sqlite(database, dump)
        else:
            snapshot = _dump_postgresql(database, dump)
        checksums: dict[str, str] = {}
        try:
            # The archive holds personal data (accounts, registrations): only its owner reads it.
            partial.touch(mode=0o600)
            with tarfile.open(partial, "w:gz") as archive:
                checksums[dump.name] = _add(archive, dump, dump.name)
                media_count = 0
                for name, path in media_files(media_root):
                    member = MEDIA_PREFIX + name
                    checksums[member] = _add(archive, path, member)
                    media_count += 1
                manifest = {
                    "format_version": FORMAT_VERSION,
                    "created_at": created.isoformat(),
                    "database_vendor": vendor,
                    "database_member": dump.name,
                    "migrations": snapshot.migrations,
                    "tables": snapshot.tables,
                    "counts": {
                        "tables": len(snapshot.tables),
                        "rows": sum(snapshot.tables.values()),
                        "media_files": media_count,
                    },
                    "sha256": checksums,
                }
                data = json.dumps(manifest, indent=2, sort_keys=True).encode()
                info = tarfile.TarInfo(MANIFEST)
                info.size = len(data)
                info.mtime = int(created.timestamp())
                archive.addfile(info, io.BytesIO(data))
            os.replace(partial, target)  # a half-written archive never has the final name
        finally:
            partial.unlink(missing_ok=True)
    return target, manifest


def prune(directory: Path, keep: int) -> list[Path]:
    """Delete all but the ``keep`` newest archives in ``directory``; return the deleted."""
    archives = sorted(Path(directory).glob(ARCHIVE_PATTERN), key=lambda p: p.name, reverse=True)
    removed = archives[keep:]
    for path in removed:
        path.unlink()
    return removed


# --- Restore ------------------------------------------------------------------------------------


@dataclass
class VerifiedArchive:
    """An archive unpacked into ``root`` whose members all match the manifest."""

    root: Path
    manifest: dict

    @property
    def dump(self) -> Path:
        return self.root / self.manifest["database_member"]

    @property
    def media(self) -> Path:
        return self.root / MEDIA_PREFIX.rstrip("/")


def _read_manifest(archive: tarfile.TarFile) -> dict:
    try:
        handle = archive.extractfile(MANIFEST)
        manifest = json.load(handle)
    except (KeyError, AttributeError, ValueError) as error:
        raise BackupError("The archive has no readable manifest.json.") from error
    if not isinstance(manifest, dict):
        raise BackupError("The archive's manifest.json is not a manifest.")
    if manifest.get("format_version") != FORMAT_VERSION:
        raise BackupError(
            f"The archive's format version is {manifest.get('format_version')!r}; "
            f"this Waypoint reads version {FORMAT_VERSION}."
        )
    kinds = {
        "database_vendor": str,
        "database_member": str,
        "migrations": dict,
        "tables": dict,
        "sha256": dict,
        "counts": dict,
    }
    for key, kind in kinds.items():
        if not isinstance(manifest.get(key), kind):
            raise BackupError(f"The archive's manifest lacks {key!r}.")
    if not all(isinstance(names, list) for names in manifest["migrations"].values()):
        raise BackupError("The archive's manifest has unreadable migrations.")
    return manifest


@contextmanager
def unpacked(archive_path: Path, within: Path | None = None) -> Iterator[VerifiedArchive]:
    """Unpack and verify an archive into a temporary directory (removed afterwards).

    Raises :class:`BackupError` if any member is missing, unexpected or altered."""
    archive_path = Path(archive_path)
    if not archive_path.is_file():
        raise BackupError(f"{archive_path} does not exist.")
    with tempfile.TemporaryDirectory(prefix=".restore-", dir=within) as scratch:
        root = Path(scratch)
        try:
            with tarfile.open(archive_path, "r:gz") as archive:
                manifest = _read_manifest(archive)
                members = [m for m in archive.getmembers() if m.name != MANIFEST]
                for member in members:
                    if not member.isfile():
                        raise BackupError(f"The archive holds {member.name!r}, not a file.")
                # The "data" filter refuses absolute paths, "..", links out of the directory.
                archive.extractall(root, members=members, filter="data")
        except (tarfile.TarError, EOFError, OSError, UnicodeDecodeError) as error:
            raise BackupError(f"The archive cannot be read: {error}") from error
        problems = verify(root, manifest, {m.name for m in members})
        if problems:
            raise BackupError(
                "The archive does not match its manifest; nothing was restored:\n  "
                + "\n  ".join(problems)
            )
        yield VerifiedArchive(root=root, manifest=manifest)


def verify(root: Path, manifest: dict, names: set[str]) -> list[str]:
    expected = manifest["sha256"]
    problems = []
    for name in sorted(set(expected) - names):
        problems.append(f"{name}: missing from the archive")
    for name in sorted(names - set(expected)):
        problems.append(f"{name}: in the archive but not in the manifest")
    for name in sorted(names & set(expected)):
        if sha256_of(root / name) != expected[name]:
            problems.append(f"{name}: checksum differs (changed after the backup)")
    if manifest["database_member"] not in names:
        problems.append(f"{manifest['database_member']}: the database dump is missing")
    return problems


def unknown_migrations(manifest: dict) -> list[str]:
    """Migrations the backup had applied that this code does not have (a newer version's)."""
    known = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
    return [
        f"{app}.{name}"
        for app, names in sorted(manifest["migrations"].items())
        for name in names
        if (app, name) not in known
    ]


def check_restorable(manifest: dict, database: dict) -> None:
    vendor = vendor_of(database)
    if manifest["database_vendor"] != vendor:
        raise BackupError(
            f"The backup is of a {manifest['database_vendor']} database; this installation "
            f"uses {vendor}. Nothing was restored."
        )
    newer = unknown_migrations(manifest)
    if newer:
        raise BackupError(
            "The backup was made by a newer Waypoint: this code does not know its migrations "
            + ", ".join(newer)
            + ". Update Waypoint first. Nothing was restored."
        )


def _replace_media(source: Path, media_root: Path) -> None:
    """Make ``media_root`` hold exactly what ``source`` holds.

    Only renames within ``media_root`` (which may be a volume's mount point, so it is itself
    never renamed): files move aside, the restored ones move in, the old ones go."""
    media_root.mkdir(parents=True, exist_ok=True)
    incoming = Path(tempfile.mkdtemp(prefix=".restore-", dir=media_root))
    previous = Path(tempfile.mkdtemp(prefix=".previous-", dir=media_root))
    try:
        if source.is_dir():
            for entry in source.iterdir():
                shutil.move(str(entry), incoming / entry.name)
        for entry in media_root.iterdir():
            if not entry.name.startswith(STAGING_PREFIXES):
                os.replace(entry, previous / entry.name)
        for entry in incoming.iterdir():
            os.replace(entry, media_root / entry.name)
    finally:
        shutil.rmtree(incoming, ignore_errors=True)
        shutil.rmtree(previous, ignore_errors=True)


def restore(
    archive_path: Path,
    database: dict | None = None,
    media_root: Path | None = None,
    confirm=None,
) -> dict:
    """Restore an archive into ``database`` and ``media_root``; return its manifest.

    Everything is checked first; ``confirm(manifest)`` is then asked (return False to stop with
    nothing changed). Stop the web server and workers while restoring."""
    database = database or default_database()
    media_root = Path(media_root or settings.MEDIA_ROOT)
    media_root.mkdir(parents=True, exist_ok=True)
    # Unpacked beside the media, so the media move in by renaming on one file system.
    with unpacked(archive_path, within=media_root) as verified:
        check_restorable(verified.manifest, database)
        if confirm is not None and not confirm(verified.manifest):
            raise BackupError("Restore cancelled; nothing was changed.")
        if vendor_of(database) == "sqlite":
            _restore_sqlite(database, verified.dump)
        else:
            _restore_postgresql(database, verified.dump, verified.manifest["tables"])
        _replace_media(verified.media, media_root)
        # What was kept (pages, read models, regions) is of data that is gone.
        page_cache.CONTENT.renew()
        core_queries.REGIONS.renew()
        return verified.manifest


# --- Round-trip check ---------------------------------------------------------------------------


def compare(manifest: dict, restored: Snapshot, media: dict[str, str]) -> Comparison:
    result = Comparison()
    expected_tables = manifest["tables"]
    for table in sorted(set(expected_tables) | set(restored.tables)):
        before, after = expected_tables.get(table), restored.tables.get(table)
        if before != after:
            result.tables.append(f"table {table}: {before} rows backed up, {after} restored")
    expected_media = {
        name.removeprefix(MEDIA_PREFIX): digest
        for name, digest in manifest["sha256"].items()
        if name.startswith(MEDIA_PREFIX)
    }
    for name in sorted(set(expected_media) | set(media)):
        if expected_media.get(name) != media.get(name):
            if name not in media:
                result.media.append(f"media {name}: not restored")
            elif name not in expected_media:
                result.media.append(f"media {name}: restored but not backed up")
            else:
                result.media.append(f"media {name}: content differs")
    return result


@contextmanager
def scratch_database(database: dict, directory: Path) -> Iterator[dict]:
    """An empty database of the same vendor to restore into, removed afterwards."""
    if vendor_of(database) == "sqlite":
        yield {**database, "NAME": str(Path(directory) / "restorecheck.sqlite3")}
        return
    name = f"{database['NAME']}_restorecheck"
    scratch = {**database, "NAME": name}
    with open_database(database, alias="restorecheck") as wrapper:
        quoted = wrapper.ops.quote_name(name)
        with wrapper._nodb_cursor() as cursor:
            cursor.execute(f"DROP DATABASE IF EXISTS {quoted} WITH (FORCE)")
            cursor.execute(f"CREATE DATABASE {quoted}")
        try:
            yield scratch
        finally:
            with wrapper._nodb_cursor() as cursor:
                cursor.execute(f"DROP DATABASE IF EXISTS {quoted} WITH (FORCE)")


def round_trip_check(
    database: dict | None = None, media_root: Path | None = None
) -> tuple[dict, Comparison]:
    """Back up, restore into a scratch database and media directory, compare with the manifest.

    The live database and media are only read."""
    database = database or default_database()
    media_root = Path(media_root or settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory(prefix="waypoint-restorecheck-") as scratch:
        scratch = Path(scratch)
        archive, manifest = create_backup(scratch / "archives", database, media_root)
        with scratch_database(database, scratch) as target:
            restored_media = scratch / "media"
            restore(archive, database=target, media_root=restored_media)
            comparison = compare(manifest, database_state(target), media_checksums(restored_media))
    return manifest, comparison
