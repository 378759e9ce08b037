"""The figures of bench/serving.py: what it reads from wrk and how it judges issue 18's goals
(the run itself is not a test: it needs minutes, nginx, wrk and a quiet machine)."""

import importlib.util
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[2] / "bench"
sys.path.insert(0, str(BENCH))  # serving.py imports load_fault from its own folder
spec = importlib.util.spec_from_file_location("serving", BENCH / "serving.py")
serving = importlib.util.module_from_spec(spec)
sys.modules.setdefault("serving", serving)  # dataclasses look their module up
spec.loader.exec_module(serving)

WRK = """Running 10s test @ http://127.0.0.1:39001/ar/step-by-step/jobcenter/
  2 threads and 16 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     3.10ms  612.00us  12.01ms   80.00%
    Req/Sec     2.60k   120.00     2.90k    70.00%
  Latency Distribution
     50%    2.99ms
     75%    3.30ms
     90%    3.70ms
     99%    1.20s
  51800 requests in 10.00s, 1.97GB read
  Socket errors: connect 0, read 51800, write 0, timeout 2
  Non-2xx or 3xx responses: 3
Requests/sec:   5180.00
Transfer/sec:    201.00MB
"""


def test_wrk_output_is_read_with_its_units():
    found = serving.parse_wrk(WRK)

    assert found["requests_per_second"] == 5180.0
    assert found["p50_ms"] == 2.99
    assert found["p99_ms"] == 1200.0
    assert round(found["bytes_per_response"] / 1024, 1) == 39.9
    # 3 answers not 2xx/3xx and 2 timeouts; "read" errors are gunicorn closing connections.
    assert found["errors"] == 5


def rows(**rates):
    return [serving.Measured(key, key, rate, 1.0, 2.0, 40_000, 0) for key, rate in rates.items()]


def test_ratios_are_to_the_floor_measured_in_the_same_run():
    measured = rows(static=70000, floor=7000, rendered=490, **{"page-cache": 3500}, proxy=60000)

    verdicts = serving.verdicts(measured)

    assert verdicts[0].endswith("0.070 × the floor (goal ≥ 0.07) — PASS")
    assert verdicts[1].endswith("0.500 × the floor (goal ≥ 0.5) — PASS")
    table = serving.table(measured)
    assert "| 7,000 |" in table and "| 1.000 |" in table and "| 8.571 |" in table


def test_a_slow_or_failing_line_fails():
    measured = rows(static=70000, floor=7000, rendered=40, **{"page-cache": 5000}, proxy=60000)
    measured[3].errors = 1

    verdicts = serving.verdicts(measured)

    assert verdicts[0].endswith("FAIL") and verdicts[1].endswith("FAIL")
    assert "(1 errors)" in serving.table(measured)


def test_the_proxy_line_uses_deploy_nginx_conf_on_loopback(tmp_path):
    site = serving.proxy_site(tmp_path, 8123)

    assert "server 127.0.0.1:8123;" in site and "listen 127.0.0.1:{port};" in site
    assert "proxy_cache_path " + str(tmp_path / "proxy-cache") in site
    assert "web:8000" not in site and "/srv/" not in site
