"""Serving side by side: how fast does one migrant page reach readers, next to what this machine
can do at best? (issue 18; PRODUCT.md §7 "Performance".)

Builds the demo town in a private production stack on loopback (PostgreSQL in a temporary
cluster, Redis, ``portal.settings.production``; see bench/load_fault.py), takes one page (by
default the Arabic "jobcenter" procedure, 12 steps with glossary marking), and measures in one
run, one after the other, with wrk (16 connections, no compression):

1. **nginx, static file** — the same bytes from disk: the ceiling;
2. **bare Django** — a view returning the same bytes under gunicorn (2 sync workers), no
   middleware, no database (bench/bare_django.py): the **floor** every ratio is taken to;
3. **Waypoint, rendered** — gunicorn (2 sync workers) with the page cache off: every request
   renders the page from its kept read model (apps.core.read_models) — what a signed-in reader
   costs, and about what the first reader after a change costs plus making the read model;
4. **Waypoint, Django page cache** — the same with ``PAGE_CACHE_SECONDS`` at its default: hits
   of apps.core.page_cache (an installation without the proxy);
5. **Waypoint behind deploy/nginx.conf** — nginx's proxy cache in front of 4.

It prints req/s, p50 and p99 per line with the ratios to the static file and to the floor, and
judges issue 18's goals: rendered ≥ 0.07 × the floor, a page-cache hit ≥ 0.5 × the floor.
Everything it started is stopped at the end, also on Ctrl-C. Run it from the repository root on
an otherwise quiet machine (needs ``wrk``, ``nginx``, ``redis-server`` and PostgreSQL's
``/usr/lib/postgresql/*/bin`` — Debian packages — and the dev dependencies):

    .venv/bin/python bench/serving.py                  # 10 s per line
    .venv/bin/python bench/serving.py --seconds 20 --write   # and add the table to bench/README.md
    .venv/bin/python bench/serving.py --path /de/information/wohnungssuche/
"""

from __future__ import annotations

import argparse
import datetime
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from load_fault import (
    PYTHON,
    ROOT,
    Stack,
    add_to_readme,
    free_port,
    http_ok,
    say,
    spawn,
    stop_process,
    wait_for,
)

HEADING = "## Serving side by side"
DEFAULT_PATH = "/ar/step-by-step/jobcenter/"
#: Issue 18's goals, as ratios to the bare-Django floor measured in the same run.
GOALS = {"rendered": 0.07, "page-cache": 0.5}


@dataclass
class Measured:
    key: str
    label: str
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    bytes_per_response: float
    errors: int


# --- wrk ------------------------------------------------------------------------------------

_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}
_SIZES = {"B": 1, "KB": 1024, "MB": 1024**2, "GB": 1024**3}


def _duration_ms(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(number) * _UNITS[unit]


def parse_wrk(output: str) -> dict:
    """Requests per second, p50/p99 in ms, bytes per response and errors from ``wrk --latency``."""
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    percentiles = {
        int(p): _duration_ms(value)
        for p, value in re.findall(r"^\s+(50|99)(?:\.\d+)?%\s+(\S+)", output, re.MULTILINE)
    }
    requests, size, unit = re.search(
        r"(\d+) requests in [\d.]+\w+, ([\d.]+)(B|KB|MB|GB) read", output
    ).groups()
    errors = sum(int(n) for n in re.findall(r"Non-2xx or 3xx responses: (\d+)", output))
    socket_errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    if socket_errors:
        connect, _read, write, timeout = (int(n) for n in socket_errors.groups())
        # A read "error" is the server closing a keep-alive connection (gunicorn's sync workers
        # do after each answer): wrk reconnects, nothing is lost.
        errors += connect + write + timeout
    return {
        "requests_per_second": rate,
        "p50_ms": percentiles.get(50, 0.0),
        "p99_ms": percentiles.get(99, 0.0),
        "bytes_per_response": float(size) * _SIZES[unit] / max(int(requests), 1),
        "errors": errors,
    }


def wrk(url: str, seconds: int, connections: int) -> dict:
    command = [shutil.which("wrk") or "wrk", "-t2", f"-c{connections}", f"-d{seconds}s",
               "--latency", url]  # fmt: skip
    result = subprocess.run(command, capture_output=True, text=True, check=True)  # noqa: S603
    return parse_wrk(result.stdout)


def measure(key: str, label: str, url: str, arguments: argparse.Namespace) -> Measured:
    say(f"{label}: warming up, then {arguments.seconds} s")
    wrk(url, max(2, arguments.seconds // 5), arguments.connections)
    found = wrk(url, arguments.seconds, arguments.connections)
    return Measured(key, label, **found)


# --- nginx ----------------------------------------------------------------------------------


def start_nginx(workdir: Path, name: str, site: str) -> tuple[subprocess.Popen, int]:
    """nginx on a free loopback port with ``site`` (a ``server`` block using ``{port}``)."""
    folder = workdir / name
    folder.mkdir()
    port = free_port()
    (folder / "site.conf").write_text(site.replace("{port}", str(port)))
    temp = " ".join(
        f"{kind}_temp_path {folder / kind};"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    user = "user root;" if os.geteuid() == 0 else ""
    (folder / "main.conf").write_text(
        f"{user} daemon off; worker_processes auto; pid {folder / 'nginx.pid'};\n"
        f"error_log {folder / 'error.log'};\n"
        "events { worker_connections 1024; }\n"
        f"http {{ access_log off; {temp} include {folder / 'site.conf'}; }}\n"
    )
    binary = shutil.which("nginx") or "/usr/sbin/nginx"
    process = spawn([binary, "-c", str(folder / "main.conf"), "-p", str(folder)])
    wait_for(lambda: http_ok(f"http://127.0.0.1:{port}/healthz-nginx"), f"nginx ({name})", 20)
    return process, port


def static_site(page_folder: Path) -> str:
    return (
        "server { listen 127.0.0.1:{port}; "
        "location = /healthz-nginx { return 200; } "
        f'location / {{ root {page_folder}; default_type "text/html; charset=utf-8"; '
        "try_files /page.html =404; } }"
    )


def proxy_site(workdir: Path, upstream_port: int) -> str:
    """deploy/nginx.conf as it is, pointed at our gunicorn and our folders."""
    site = (ROOT / "deploy" / "nginx.conf").read_text()
    site = (
        site.replace("web:8000", f"127.0.0.1:{upstream_port}")
        .replace("listen 80;", "listen 127.0.0.1:{port};")
        .replace("/var/cache/nginx/waypoint", str(workdir / "proxy-cache"))
        .replace("/etc/nginx/conf.d/proxy_headers.inc", str(ROOT / "deploy" / "proxy_headers.inc"))
        .replace("/srv/static/", f"{workdir / 'static'}/")
        .replace("/srv/media/", f"{workdir / 'media'}/")
    )
    marker = "server {"
    head, _, tail = site.partition(marker)
    return head + marker + "\n    location = /healthz-nginx { return 200; }" + tail


# --- gunicorn -------------------------------------------------------------------------------


def start_gunicorn(
    workdir: Path, name: str, application: str, env: dict, chdir: Path = ROOT
) -> tuple[subprocess.Popen, int]:
    port = free_port()
    log = (workdir / f"{name}.log").open("a")
    process = spawn(
        [PYTHON, "-m", "gunicorn", application, "--chdir", str(chdir),
         "--bind", f"127.0.0.1:{port}", "--workers", "2", "--worker-class", "sync",
         "--backlog", "2048", "--timeout", "60", "--no-control-socket", "--error-logfile", "-"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    wait_for(lambda: http_ok(f"http://127.0.0.1:{port}/healthz"), f"gunicorn ({name})", 60)
    return process, port


def fetch(url: str) -> tuple[dict, bytes]:
    with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 - loopback only
        return dict(response.headers.items()), response.read()


# --- report ---------------------------------------------------------------------------------


def table(rows: list[Measured]) -> str:
    by_key = {row.key: row for row in rows}
    ceiling, floor = by_key["static"].requests_per_second, by_key["floor"].requests_per_second
    lines = [
        "| | req/s | p50 | p99 | KB/answer | × static file | × bare-Django floor |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        errors = f" ({row.errors} errors)" if row.errors else ""
        lines.append(
            f"| {row.label}{errors} | {row.requests_per_second:,.0f} | {row.p50_ms:.2f} ms | "
            f"{row.p99_ms:.2f} ms | {row.bytes_per_response / 1024:.1f} | "
            f"{row.requests_per_second / ceiling:.3f} | {row.requests_per_second / floor:.3f} |"
        )
    return "\n".join(lines)


def verdicts(rows: list[Measured]) -> list[str]:
    by_key = {row.key: row for row in rows}
    floor = by_key["floor"].requests_per_second
    found = []
    for key, goal in GOALS.items():
        ratio = by_key[key].requests_per_second / floor
        verdict = "PASS" if ratio >= goal and not by_key[key].errors else "FAIL"
        found.append(f"{by_key[key].label}: {ratio:.3f} × the floor (goal ≥ {goal}) — {verdict}")
    return found


def run(arguments: argparse.Namespace) -> int:
    workdir = Path(tempfile.mkdtemp(prefix="waypoint-serving-"))
    workdir.chmod(0o755)
    stack = Stack(workdir)
    running: list[subprocess.Popen] = []
    started = datetime.datetime.now(datetime.UTC)
    rows: list[Measured] = []
    try:
        if os.environ.get("DATABASE_URL"):
            stack.database_url = os.environ["DATABASE_URL"]
        else:
            stack.start_postgres()
        stack.start_redis()
        stack.prepare()

        # Waypoint rendering every request: also where the page's bytes come from.
        rendered_env = {**stack.env, "PAGE_CACHE_SECONDS": "0"}
        web, port = start_gunicorn(workdir, "waypoint-rendered", "portal.wsgi:application",
                                   rendered_env)  # fmt: skip
        running.append(web)
        page_url = f"http://127.0.0.1:{port}{arguments.path}"
        headers, page = fetch(page_url)
        say(f"{arguments.path}: {len(page) / 1024:.1f} KB, {headers.get('Content-Language')}")
        page_folder = workdir / "page"
        page_folder.mkdir()
        (page_folder / "page.html").write_bytes(page)

        # 1. the ceiling
        nginx, nginx_port = start_nginx(workdir, "nginx-static", static_site(page_folder))
        running.append(nginx)
        rows.append(measure("static", "nginx, static file", f"http://127.0.0.1:{nginx_port}/",
                            arguments))  # fmt: skip
        stop_process(nginx)

        # 2. the floor
        floor_env = {**os.environ, "BENCH_PAGE_FILE": str(page_folder / "page.html")}
        floor_env.pop("DJANGO_SETTINGS_MODULE", None)
        bare, bare_port = start_gunicorn(workdir, "bare-django", "bare_django:application",
                                         floor_env, chdir=ROOT / "bench")  # fmt: skip
        running.append(bare)
        rows.append(measure("floor", "bare Django view (gunicorn, 2 sync workers)",
                            f"http://127.0.0.1:{bare_port}/", arguments))  # fmt: skip
        stop_process(bare)

        # 3. Waypoint rendering
        rows.append(measure("rendered", "Waypoint, rendered (page cache off)", page_url,
                            arguments))  # fmt: skip
        stop_process(web)

        # 4. Waypoint with its page cache, 5. behind deploy/nginx.conf
        cached, cached_port = start_gunicorn(workdir, "waypoint-cached",
                                             "portal.wsgi:application", stack.env)  # fmt: skip
        running.append(cached)
        cached_url = f"http://127.0.0.1:{cached_port}{arguments.path}"
        fetch(cached_url)
        headers, _ = fetch(cached_url)
        if headers.get("X-Page-Cache") != "hit":
            raise RuntimeError(f"the page cache did not keep {arguments.path}: {headers}")
        rows.append(measure("page-cache", "Waypoint, Django page cache hit", cached_url,
                            arguments))  # fmt: skip
        proxy, proxy_port = start_nginx(workdir, "nginx-proxy", proxy_site(workdir, cached_port))
        running.append(proxy)
        proxy_url = f"http://127.0.0.1:{proxy_port}{arguments.path}"
        rows.append(measure("proxy", "Waypoint behind deploy/nginx.conf (proxy cache)",
                            proxy_url, arguments))  # fmt: skip
    finally:
        for process in reversed(running):
            stop_process(process)
        stack.close()
        if not arguments.keep:
            shutil.rmtree(workdir, ignore_errors=True)

    found = verdicts(rows)
    command = "python bench/serving.py " + " ".join(arguments.argv)
    text = "\n".join(
        [
            f"### {started:%Y-%m-%d %H:%M} UTC: `{arguments.path}`, {len(page) / 1024:.0f} KB",
            "",
            f"`{command.strip()}` — wrk, {arguments.connections} connections, 2 threads, "
            f"{arguments.seconds} s per line after a warm-up, on {os.cpu_count()} cores shared "
            "with wrk; PostgreSQL and Redis on the same machine; load average "
            f"{os.getloadavg()[0]:.2f} at the end.",
            "",
            table(rows),
            "",
            *[f"- {line}" for line in found],
        ]
    )
    print(text)
    if arguments.write:
        add_to_readme(text, heading=HEADING)
    return 0 if all(line.endswith("PASS") for line in found) else 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--path", default=DEFAULT_PATH, help="the page (default: %(default)s)")
    parser.add_argument("--seconds", type=int, default=10, help="per line (default: 10)")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--write", action="store_true", help="add the table to bench/README.md")
    parser.add_argument("--keep", action="store_true", help="keep the work folder (logs)")
    arguments = parser.parse_args(argv)
    arguments.argv = list(sys.argv[1:] if argv is None else argv)
    for program in ("wrk", "nginx"):
        if not (shutil.which(program) or Path(f"/usr/sbin/{program}").exists()):
            parser.error(f"{program} is missing (apt-get install {program})")
    start = time.monotonic()
    try:
        return run(arguments)
    finally:
        say(f"done in {time.monotonic() - start:.0f} s")


if __name__ == "__main__":
    sys.exit(main())
