"""deploy/nginx.conf in front of the live server: anonymous pages reach readers compressed and
cached (a compressed and a plain copy apart), personal pages neither."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from tests.services import require

ROOT = Path(__file__).resolve().parent.parent


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def nginx(live_server, tmp_path):
    binary = shutil.which("nginx") or (
        "/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else ""
    )
    require(bool(binary), "nginx")
    port = _free_port()
    upstream = live_server.url.removeprefix("http://")
    site = (ROOT / "deploy" / "nginx.conf").read_text()
    site = (
        site.replace("web:8000", upstream)
        .replace("listen 80;", f"listen 127.0.0.1:{port};")
        .replace("/var/cache/nginx/waypoint", str(tmp_path / "cache"))
        .replace("/etc/nginx/conf.d/proxy_headers.inc", str(ROOT / "deploy" / "proxy_headers.inc"))
    )
    (tmp_path / "site.conf").write_text(site)
    temp = " ".join(
        f"{name}_temp_path {tmp_path / name};"
        for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    # Run as root (as in CI), workers would drop to "nobody", who cannot enter pytest's tmp_path.
    user = "user root;" if os.geteuid() == 0 else ""
    (tmp_path / "main.conf").write_text(
        f"{user} daemon off; pid {tmp_path / 'nginx.pid'}; error_log {tmp_path / 'error.log'};\n"
        "events { worker_connections 64; }\n"
        f"http {{ access_log off; {temp} include {tmp_path / 'site.conf'}; }}\n"
    )
    process = subprocess.Popen(  # noqa: S603 - our own binary and file
        [binary, "-c", str(tmp_path / "main.conf"), "-p", str(tmp_path)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(50):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            time.sleep(0.1)
    yield base
    process.terminate()
    process.wait(timeout=10)


def fetch(url: str, **headers) -> tuple[dict, bytes]:
    request = urllib.request.Request(url, headers=headers)  # noqa: S310 - loopback
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
        return {key.lower(): value for key, value in response.headers.items()}, response.read()


def test_anonymous_pages_are_compressed_and_cached_apart_from_plain_ones(nginx, region):
    first, compressed = fetch(f"{nginx}/de/", **{"Accept-Encoding": "gzip"})
    again, _ = fetch(f"{nginx}/de/", **{"Accept-Encoding": "gzip"})
    plain_headers, plain = fetch(f"{nginx}/de/")

    assert first["content-encoding"] == "gzip"
    assert again["x-cache-status"] == "HIT"
    assert "content-encoding" not in plain_headers  # never a compressed copy to a plain reader
    assert plain.startswith(b"<!DOCTYPE html>")
    assert len(compressed) < len(plain) / 2


def test_personal_pages_are_not_compressed(nginx, region):
    sign_in, _ = fetch(f"{nginx}/de/accounts/sign-in/", **{"Accept-Encoding": "gzip"})

    assert "content-encoding" not in sign_in  # a form with a CSRF token
