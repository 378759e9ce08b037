"""Load and faults: do public pages stay up, and stay fast, when Redis stops or hangs?
(PRODUCT.md §7 "Reliability"; issue 17.)

Starts a private production stack on loopback — PostgreSQL in a temporary cluster (or the
database of ``DATABASE_URL``, which it migrates and fills with the demo), Redis on a free port,
the demo town, and gunicorn (``portal.wsgi``, ``portal.settings.production``, gthread) on a free
port — then lets anonymous migrants (bench/load_journeys.py, locust) read it in all eleven
languages while it

1. warms up (not judged for time): every user starts, every worker fills its caches;
2. **baseline**: everything up;
3. **Redis stopped** (``redis-cli shutdown nosave``);
4. recovery: Redis started again on the same port (not judged for time);
5. **Redis hung**: the Redis process frozen with SIGSTOP (it accepts connections and never
   answers), thawed with SIGCONT at the end.

Per phase it reports requests, 5xx, requests without an answer, other non-200 answers and
p50/p95/p99 latency, and judges: no 5xx and no unanswered request in any phase; p95 with Redis
stopped and with Redis hung within +50 ms of the baseline's. Exit status 0 only if all pass.
Everything it started is stopped at the end, also on Ctrl-C.

Run it from the repository root on an otherwise quiet machine (as root it runs PostgreSQL as
the ``postgres`` user; it needs ``/usr/lib/postgresql/*/bin``, ``redis-server`` and the dev
dependencies, locust among them):

    .venv/bin/python bench/load_fault.py                # 200 users, 60 s per phase
    .venv/bin/python bench/load_fault.py --quick        # 20 users, 10 s per phase
    .venv/bin/python bench/load_fault.py --write        # also add the results to bench/README.md
    .venv/bin/python bench/load_fault.py --users 100 --seconds 30 --think 1-5 --workers 2

Each user reads a page for ``--think`` seconds (default 5–15: newcomers read a procedure in a
language that may not be their first) before the next. Only GET requests to 127.0.0.1.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import datetime
import math
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
BUDGET_MS = 50.0
README = ROOT / "bench" / "README.md"
HEADING = "## Load and faults"

# --- the figures (pure: tests/bench/test_load_fault.py) -------------------------------------


@dataclass(frozen=True)
class Record:
    """One request: when it started (Unix seconds), how long it took, its status (0: none)."""

    start: float
    ms: float
    status: int
    page: str = ""


@dataclass(frozen=True)
class Phase:
    key: str  # "warm-up", "baseline", "redis-stopped", "recovery", "redis-hung"
    label: str
    start: float
    end: float
    load: tuple[float, float] = (math.nan, math.nan)  # 1-minute load average at start and end


@dataclass(frozen=True)
class PhaseStats:
    phase: Phase
    requests: int
    server_errors: int  # 5xx
    unanswered: int  # no response at all (refused, reset, timed out)
    other: int  # any other status than 200
    p50: float | None
    p95: float | None
    p99: float | None

    @property
    def per_second(self) -> float:
        seconds = self.phase.end - self.phase.start
        return self.requests / seconds if seconds > 0 else 0.0


@dataclass(frozen=True)
class Verdict:
    goal: str
    passed: bool
    detail: str


def percentile(values: Iterable[float], p: float) -> float | None:
    """The nearest-rank percentile: the smallest value with at least ``p`` % of the values at or
    below it (p95 of 1…100 is 95). None for no values."""
    ordered = sorted(values)
    if not ordered:
        return None
    if not 0 < p <= 100:
        raise ValueError(f"percentile must be in (0, 100], not {p}")
    rank = math.ceil(p / 100 * len(ordered))
    return ordered[rank - 1]


def phase_of(start: float, phases: Sequence[Phase]) -> Phase | None:
    for phase in phases:
        if phase.start <= start < phase.end:
            return phase
    return None


def phase_stats(records: Iterable[Record], phases: Sequence[Phase]) -> list[PhaseStats]:
    """The figures of each phase, from the requests that started in it (others are dropped)."""
    grouped: dict[str, list[Record]] = {phase.key: [] for phase in phases}
    for record in records:
        phase = phase_of(record.start, phases)
        if phase is not None:
            grouped[phase.key].append(record)
    stats = []
    for phase in phases:
        rows = grouped[phase.key]
        answered = [row.ms for row in rows if row.status]
        stats.append(
            PhaseStats(
                phase=phase,
                requests=len(rows),
                server_errors=sum(1 for row in rows if row.status >= 500),
                unanswered=sum(1 for row in rows if not row.status),
                other=sum(1 for row in rows if row.status and row.status != 200),
                p50=percentile(answered, 50),
                p95=percentile(answered, 95),
                p99=percentile(answered, 99),
            )
        )
    return stats


def verdicts(stats: Sequence[PhaseStats], budget_ms: float = BUDGET_MS) -> list[Verdict]:
    """The issue's goals: no 5xx (nor a request left without an answer) in any phase; p95 with
    Redis stopped and hung within ``budget_ms`` of the baseline's."""
    found = []
    for row in stats:
        failed = row.server_errors + row.unanswered
        found.append(
            Verdict(
                f"{row.phase.label}: no 5xx",
                row.requests > 0 and failed == 0,
                f"{row.requests} requests, {row.server_errors} 5xx, {row.unanswered} unanswered",
            )
        )
    by_key = {row.phase.key: row for row in stats}
    baseline = by_key.get("baseline")
    for key in ("redis-stopped", "redis-hung"):
        row = by_key.get(key)
        if row is None:
            continue
        goal = f"{row.phase.label}: p95 within +{budget_ms:g} ms"
        if baseline is None or baseline.p95 is None or row.p95 is None:
            found.append(Verdict(goal, False, "no data"))
            continue
        difference = row.p95 - baseline.p95
        found.append(
            Verdict(
                goal,
                difference <= budget_ms,
                f"{row.p95:.0f} ms vs baseline {baseline.p95:.0f} ms ({difference:+.0f} ms)",
            )
        )
    return found


def _ms(value: float | None) -> str:
    return "–" if value is None else f"{value:,.0f}"


def _load(phase: Phase) -> str:
    start, end = phase.load
    if math.isnan(start):
        return "–"
    return f"{start:.1f} → {end:.1f}"


def markdown(stats: Sequence[PhaseStats], found: Sequence[Verdict]) -> str:
    lines = [
        "| phase | s | requests | req/s | 5xx | no answer | other non-200 | p50 ms | p95 ms "
        "| p99 ms | load avg |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for row in stats:
        seconds = row.phase.end - row.phase.start
        lines.append(
            f"| {row.phase.label} | {seconds:.0f} | {row.requests:,} | {row.per_second:.1f} "
            f"| {row.server_errors} | {row.unanswered} | {row.other} | {_ms(row.p50)} "
            f"| {_ms(row.p95)} | {_ms(row.p99)} | {_load(row.phase)} |"
        )
    lines.append("")
    for verdict in found:
        outcome = "PASS" if verdict.passed else "FAIL"
        lines.append(f"- **{outcome}** {verdict.goal}: {verdict.detail}")
    return "\n".join(lines)


def pages_table(records: Sequence[Record], phases: Sequence[Phase]) -> str:
    """p95 per page kind and phase, to see which pages a fault slows down."""
    judged = [phase for phase in phases if phase.key in ("baseline", "redis-stopped", "redis-hung")]
    times: dict[str, dict[str, list[float]]] = {}
    for record in records:
        phase = phase_of(record.start, judged)
        if phase is not None and record.status:
            times.setdefault(record.page, {}).setdefault(phase.key, []).append(record.ms)
    lines = [
        "| page | " + " | ".join(f"p95 ms {phase.label}" for phase in judged) + " |",
        "|---|" + "---|" * len(judged),
    ]
    for page in sorted(times):
        cells = [_ms(percentile(times[page].get(phase.key, []), 95)) for phase in judged]
        lines.append(f"| `{page}` | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def add_to_readme(text: str, readme: Path = README, heading: str = HEADING) -> None:
    """Put ``text`` at the end of the section ``heading`` (made at the end if missing)."""
    content = readme.read_text(encoding="utf-8") if readme.exists() else ""
    if heading not in content:
        content = content.rstrip("\n") + f"\n\n{heading}\n"
    head, _, rest = content.partition(heading)
    following = rest.find("\n## ")
    section, tail = (rest, "") if following < 0 else (rest[:following], rest[following:])
    section = section.rstrip("\n") + "\n\n" + text.strip("\n") + "\n"
    readme.write_text(head + heading + section + tail, encoding="utf-8")


def read_records(path: Path) -> list[Record]:
    records = []
    with path.open(encoding="utf-8", newline="") as lines:
        for row in csv.reader(lines):
            if len(row) >= 3:
                page = ",".join(row[3:])
                records.append(Record(float(row[0]), float(row[1]), int(row[2]), page))
    return records


# --- the stack ------------------------------------------------------------------------------


def execute(command: Sequence[str], **options) -> subprocess.CompletedProcess:
    """Run a fixed argument list (no shell) to the end."""
    return subprocess.run(list(command), **options)  # noqa: S603 - our own argument lists


def spawn(command: Sequence[str], **options) -> subprocess.Popen:
    """Start a fixed argument list (no shell) in a session of its own: Ctrl-C reaches only this
    script, which stops the services in order."""
    return subprocess.Popen(list(command), start_new_session=True, **options)  # noqa: S603


def program(name: str) -> str:
    found = shutil.which(name)
    if not found:
        raise RuntimeError(f"{name} is missing (apt-get install redis-server postgresql)")
    return found


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def say(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def wait_for(check, what: str, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with contextlib.suppress(Exception):
            if check():
                return
        time.sleep(0.2)
    raise RuntimeError(f"{what} did not come up within {timeout:.0f} s")


def http_ok(url: str) -> bool:
    with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - loopback only
        return response.status == 200


def stop_process(process: subprocess.Popen | None, timeout: float = 15) -> None:
    if process is None or process.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.kill(process.pid, signal.SIGCONT)
        process.terminate()
    try:
        process.wait(timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(5)


@dataclass
class Stack:
    """The private services, all on loopback; :meth:`close` stops what was started."""

    workdir: Path
    workers: int = 2
    threads: int = 4
    database_url: str = ""
    redis_port: int = 0
    web_port: int = 0
    redis: subprocess.Popen | None = None
    web: subprocess.Popen | None = None
    pg_bin: Path | None = None
    pg_data: Path | None = None
    env: dict[str, str] = field(default_factory=dict)

    # PostgreSQL ------------------------------------------------------------------------------
    def _as_postgres(self, command: list[str]) -> list[str]:
        if os.geteuid() == 0:  # PostgreSQL refuses to run as root
            return ["runuser", "-u", "postgres", "--", *command]
        return command

    def start_postgres(self) -> None:
        versions = sorted(
            Path("/usr/lib/postgresql").glob("*/bin/initdb"),
            key=lambda path: int(path.parent.parent.name),
        )
        if not versions:
            raise RuntimeError("no PostgreSQL in /usr/lib/postgresql (apt-get install postgresql)")
        self.pg_bin = versions[-1].parent
        self.pg_data = self.workdir / "pg"
        self.pg_data.mkdir()
        if os.geteuid() == 0:
            shutil.chown(self.workdir, "postgres")
            shutil.chown(self.pg_data, "postgres")
        port = free_port()
        say(f"PostgreSQL {self.pg_bin.parent.name} on 127.0.0.1:{port}")
        execute(
            self._as_postgres(
                [str(self.pg_bin / "initdb"), "-D", str(self.pg_data), "-U", "waypoint",
                 "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8"]
            ),
            check=True, stdout=subprocess.DEVNULL,
        )  # fmt: skip
        options = f"-p {port} -k {self.workdir} -c listen_addresses=127.0.0.1 -c fsync=off"
        execute(
            self._as_postgres(
                [str(self.pg_bin / "pg_ctl"), "-D", str(self.pg_data), "-o", options, "-w",
                 "-l", str(self.workdir / "postgres.log"), "start"]
            ),
            check=True, stdout=subprocess.DEVNULL,
        )  # fmt: skip
        execute(
            [str(self.pg_bin / "createdb"), "-h", "127.0.0.1", "-p", str(port), "-U", "waypoint",
             "waypoint"],
            check=True,
        )  # fmt: skip
        self.database_url = f"postgres://waypoint@127.0.0.1:{port}/waypoint"

    # Redis -----------------------------------------------------------------------------------
    def start_redis(self) -> None:
        self.redis_port = self.redis_port or free_port()
        log = (self.workdir / "redis.log").open("a")
        self.redis = spawn(
            [program("redis-server"), "--bind", "127.0.0.1", "--port", str(self.redis_port),
             "--save", "", "--appendonly", "no", "--daemonize", "no", "--dir", str(self.workdir)],
            stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip
        wait_for(self.redis_answers, "Redis", 20)

    def redis_answers(self) -> bool:
        result = execute(
            [program("redis-cli"), "-p", str(self.redis_port), "ping"],
            capture_output=True, text=True, timeout=2,
        )  # fmt: skip
        return result.stdout.strip() == "PONG"

    def stop_redis(self) -> None:
        """As an operator would: ``redis-cli shutdown nosave``; then wait until it is gone."""
        execute(
            [program("redis-cli"), "-p", str(self.redis_port), "shutdown", "nosave"],
            capture_output=True, timeout=5,
        )  # fmt: skip
        try:
            self.redis.wait(10)
        except subprocess.TimeoutExpired:
            self.redis.kill()
            self.redis.wait(5)

    def freeze_redis(self, frozen: bool) -> None:
        os.kill(self.redis.pid, signal.SIGSTOP if frozen else signal.SIGCONT)

    # Django ----------------------------------------------------------------------------------
    def django_env(self) -> dict[str, str]:
        static, media = self.workdir / "static", self.workdir / "media"
        return {
            **{k: v for k, v in os.environ.items() if k not in ("DEBUG", "CI")},
            "DJANGO_SETTINGS_MODULE": "portal.settings.production",
            "SECRET_KEY": "load-fault-" + secrets.token_urlsafe(48),
            "DATABASE_URL": self.database_url,
            "REDIS_URL": f"redis://127.0.0.1:{self.redis_port}/0",
            "CACHE_KEY_PREFIX": f"load{self.redis_port}",
            "ALLOWED_HOSTS": "127.0.0.1",
            "SECURE_SSL_REDIRECT": "0",  # loopback HTTP: TLS ends at nginx in production
            "STATIC_ROOT": str(static),
            "MEDIA_ROOT": str(media),
            "LOG_LEVEL": "WARNING",
        }

    def manage(self, *arguments: str) -> None:
        log = self.workdir / "manage.log"
        with log.open("a") as output:
            result = execute(
                [PYTHON, "manage.py", *arguments], cwd=ROOT, env=self.env,
                stdout=output, stderr=subprocess.STDOUT,
            )  # fmt: skip
        if result.returncode:
            tail = log.read_text(errors="replace")[-3000:]
            raise RuntimeError(f"manage.py {' '.join(arguments)} failed:\n{tail}")

    def prepare(self) -> None:
        self.env = self.django_env()
        say("Migrating, loading the demo, collecting static files")
        self.manage("compile_catalogues")
        self.manage("migrate", "--noinput")
        self.manage("seed_demo", "--allow-production", "--site-url", "http://127.0.0.1")
        self.manage("collectstatic", "--noinput", "-v", "0")

    def start_web(self) -> None:
        self.web_port = free_port()
        say(f"gunicorn: {self.workers} × {self.threads} threads on 127.0.0.1:{self.web_port}")
        log = (self.workdir / "gunicorn.log").open("a")
        self.web = spawn(
            [PYTHON, "-m", "gunicorn", "portal.wsgi:application",
             "--bind", f"127.0.0.1:{self.web_port}", "--workers", str(self.workers),
             "--worker-class", "gthread", "--threads", str(self.threads),
             "--backlog", "2048", "--timeout", "60", "--no-control-socket",
             "--error-logfile", "-"],
            cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip
        wait_for(lambda: http_ok(f"{self.url}/healthz"), "gunicorn", 60)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.web_port}"

    def close(self) -> None:
        stop_process(self.web)
        if self.redis is not None and self.redis.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                self.freeze_redis(False)
            self.stop_redis()
        if self.pg_data is not None and (self.pg_data / "postmaster.pid").exists():
            execute(
                self._as_postgres(
                    [str(self.pg_bin / "pg_ctl"), "-D", str(self.pg_data), "-m", "fast", "-w",
                     "stop"]
                ),
                stdout=subprocess.DEVNULL, check=False,
            )  # fmt: skip


# --- the run --------------------------------------------------------------------------------


def loadavg() -> float:
    return os.getloadavg()[0]


def run(arguments: argparse.Namespace) -> int:
    users, seconds = arguments.users, arguments.seconds
    if arguments.quick:
        users, seconds = 20, 10
    warmup = arguments.warmup if arguments.warmup is not None else min(15, max(3, seconds // 4))
    recovery = min(10, max(5, seconds // 6))
    spawn_rate = min(users, 50)
    workdir = Path(tempfile.mkdtemp(prefix="waypoint-load-"))
    workdir.chmod(0o755)
    stack = Stack(workdir, workers=arguments.workers, threads=arguments.threads)
    locust: subprocess.Popen | None = None
    phases: list[Phase] = []
    started = datetime.datetime.now(datetime.UTC)
    try:
        if os.environ.get("DATABASE_URL"):
            stack.database_url = os.environ["DATABASE_URL"]
        else:
            stack.start_postgres()
        stack.start_redis()
        say(f"Redis on 127.0.0.1:{stack.redis_port} (pid {stack.redis.pid})")
        stack.prepare()
        stack.start_web()

        records, spawned = workdir / "records.csv", workdir / "spawned"
        total = warmup + 3 * seconds + recovery + users / spawn_rate + 120
        say(f"{users} users ({spawn_rate}/s), think {arguments.think} s, {seconds} s per phase")
        launched = time.time()
        locust = spawn(
            [PYTHON, "-m", "locust", "-f", str(ROOT / "bench" / "load_journeys.py"),
             "--headless", "--host", stack.url, "-u", str(users), "-r", str(spawn_rate),
             "-t", f"{total:.0f}s", "--stop-timeout", "0", "--only-summary",
             "--loglevel", "WARNING"],
            cwd=ROOT,
            env={**os.environ, "LOAD_RECORDS": str(records), "LOAD_SPAWNED": str(spawned),
                 "LOAD_THINK": arguments.think},
            stdout=(workdir / "locust.log").open("w"), stderr=subprocess.STDOUT,
        )  # fmt: skip
        wait_for(lambda: spawned.exists() or locust.poll() is not None, "locust", 120)
        if locust.poll() is not None:
            raise RuntimeError("locust stopped:\n" + (workdir / "locust.log").read_text()[-3000:])

        def phase(key: str, label: str, length: float, begin: float | None = None) -> None:
            """Wait ``length`` seconds; the phase runs from ``begin`` (default: now) to then."""
            load = loadavg()
            begin = begin or time.time()
            say(f"{label} for {length:.0f} s")
            time.sleep(length)
            if locust.poll() is not None:
                raise RuntimeError("locust stopped early: see " + str(workdir / "locust.log"))
            phases.append(Phase(key, label, begin, time.time(), (load, loadavg())))

        phase("warm-up", "warm-up (users starting)", warmup, begin=launched)
        phase("baseline", "baseline", seconds)
        stack.stop_redis()
        phase("redis-stopped", "Redis stopped", seconds)
        stack.start_redis()
        phase("recovery", "Redis back", recovery)
        stack.freeze_redis(True)
        phase("redis-hung", "Redis hung", seconds)
        stack.freeze_redis(False)
        stop_process(locust)
        time.sleep(0.5)

        found_records = read_records(records)
        stats = phase_stats(found_records, phases)
        found = verdicts(stats)
        passed = all(verdict.passed for verdict in found)
        server_log = (workdir / "gunicorn.log").read_text(errors="replace")
        tracebacks, outages = server_log.count("Traceback"), server_log.count("The cache failed")
        command = "python bench/load_fault.py " + " ".join(arguments.argv)
        text = "\n".join(
            [
                f"### {started:%Y-%m-%d %H:%M} UTC: {users} users, {seconds:g} s per phase — "
                f"{'PASS' if passed else 'FAIL'}",
                "",
                f"`{command.strip()}` — gunicorn {stack.workers} workers × {stack.threads} "
                f"threads (gthread), PostgreSQL, Redis; think time {arguments.think} s; "
                f"{os.cpu_count()} cores shared with the load driver; "
                f'gunicorn\'s log: {tracebacks} tracebacks, {outages} times "The cache failed" '
                f"(a circuit breaker opening).",
                "",
                markdown(stats, found),
                "",
                pages_table(found_records, phases),
            ]
        )
        print(text)
        if arguments.write:
            add_to_readme(text)
            say(f"Added to {README.relative_to(ROOT)}")
        if arguments.keep:
            say(f"Logs kept in {workdir}")
        return 0 if passed else 1
    finally:
        say("Stopping everything")
        stop_process(locust)
        stack.close()
        if not arguments.keep:
            shutil.rmtree(workdir, ignore_errors=True)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--users", type=int, default=200)
    parser.add_argument("--seconds", type=int, default=60, help="length of each judged phase")
    parser.add_argument("--quick", action="store_true", help="20 users, 10 s per phase")
    parser.add_argument("--think", default="5-15", help="seconds on a page, MIN-MAX")
    parser.add_argument("--warmup", type=int, default=None, help="seconds (default: by phase)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--write", action="store_true", help=f"add the results to {README.name}")
    parser.add_argument("--keep", action="store_true", help="keep the logs (temporary folder)")
    argv = list(sys.argv[1:] if argv is None else argv)
    arguments = parser.parse_args(argv)
    arguments.argv = argv
    if not 1 <= arguments.users <= 1000 or not 1 <= arguments.seconds <= 600:
        parser.error("--users must be 1–1000 and --seconds 1–600 (the run is bounded)")

    def interrupted(signum, _frame):
        raise KeyboardInterrupt(f"signal {signum}")

    signal.signal(signal.SIGTERM, interrupted)
    signal.signal(signal.SIGINT, interrupted)  # also when started where Ctrl-C was ignored
    try:
        return run(arguments)
    except KeyboardInterrupt:
        say("Interrupted; everything was stopped.")
        return 130


if __name__ == "__main__":
    sys.exit(main())
