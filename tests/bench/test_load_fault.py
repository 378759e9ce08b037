"""The figures of bench/load_fault.py: percentiles, phases and the verdicts against the goals
of issue 17 (the load run itself is not a test: it needs minutes and a quiet machine)."""

import importlib.util
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "bench" / "load_fault.py"
spec = importlib.util.spec_from_file_location("load_fault", SCRIPT)
load_fault = importlib.util.module_from_spec(spec)
sys.modules.setdefault("load_fault", load_fault)  # dataclasses look their module up
spec.loader.exec_module(load_fault)

Phase, Record = load_fault.Phase, load_fault.Record


def test_percentiles_are_nearest_rank():
    values = list(range(100, 0, -1))  # 1…100, in any order

    assert load_fault.percentile(values, 50) == 50
    assert load_fault.percentile(values, 95) == 95
    assert load_fault.percentile(values, 99) == 99
    assert load_fault.percentile(values, 100) == 100
    assert load_fault.percentile([7.5], 95) == 7.5
    assert load_fault.percentile([10, 20, 30], 95) == 30  # never below what was measured
    assert load_fault.percentile([], 95) is None
    with pytest.raises(ValueError):
        load_fault.percentile(values, 0)


PHASES = [
    Phase("baseline", "baseline", 100.0, 110.0),
    Phase("redis-stopped", "Redis stopped", 110.0, 120.0),
    Phase("redis-hung", "Redis hung", 120.0, 130.0),
]


def records(start: float, times: list[float], status: int = 200) -> list:
    return [Record(start + index * 0.01, ms, status, "/[lang]/") for index, ms in enumerate(times)]


def stats_for(*rows, phases=PHASES):
    return {
        row.phase.key: row for row in load_fault.phase_stats([r for g in rows for r in g], phases)
    }


def test_requests_count_in_the_phase_they_started_in():
    found = stats_for(
        records(99.0, [9999]),  # before the run: dropped
        records(100.0, [10] * 20),
        records(110.0, [20] * 9),
        records(110.5, [5000], status=503),
        records(111.0, [30000], status=0),  # no answer: counted, not timed
        records(111.5, [15, 15], status=404),
        records(130.0, [9999]),  # after the run: dropped
    )

    baseline, stopped, hung = found["baseline"], found["redis-stopped"], found["redis-hung"]
    assert (baseline.requests, baseline.server_errors, baseline.other) == (20, 0, 0)
    assert baseline.p95 == 10 and baseline.per_second == 2.0
    assert stopped.requests == 13
    assert (stopped.server_errors, stopped.unanswered, stopped.other) == (1, 1, 3)
    assert stopped.p99 == 5000 and stopped.p50 == 20
    assert hung.requests == 0 and hung.p95 is None


def passed(verdicts) -> dict[str, bool]:
    return {verdict.goal: verdict.passed for verdict in verdicts}


def test_all_goals_met():
    found = stats_for(
        records(100.0, [100] * 95 + [200] * 5),
        records(110.0, [100] * 95 + [250] * 5),  # p95 is 100: +0 ms
        records(120.0, [100] * 90 + [150] * 10),  # p95 is 150: +50 ms, just within
    )

    verdicts = load_fault.verdicts(list(found.values()))

    assert all(passed(verdicts).values()), verdicts
    assert len(verdicts) == 5  # no 5xx in each of three phases; two latency budgets


def test_a_5xx_a_missing_answer_or_a_slow_p95_fails():
    found = stats_for(
        records(100.0, [100] * 100),
        records(110.0, [100] * 99) + records(111.0, [40], status=500),
        records(120.0, [100] * 90 + [151] * 10) + records(121.0, [30000], status=0),
    )

    verdicts = passed(load_fault.verdicts(list(found.values())))

    assert verdicts == {
        "baseline: no 5xx": True,
        "Redis stopped: no 5xx": False,
        "Redis hung: no 5xx": False,  # a request without an answer is worse than a 5xx
        "Redis stopped: p95 within +50 ms": True,
        "Redis hung: p95 within +50 ms": False,  # +51 ms
    }


def test_a_phase_without_requests_proves_nothing():
    found = stats_for(records(100.0, [100] * 10), records(110.0, [100] * 10))

    verdicts = passed(load_fault.verdicts(list(found.values())))

    assert verdicts["Redis hung: no 5xx"] is False
    assert verdicts["Redis hung: p95 within +50 ms"] is False


def test_the_table_shows_each_phase_and_each_verdict():
    found = stats_for(records(100.0, [12.4] * 10), records(110.0, [30] * 10), records(120.0, [9]))
    verdicts = load_fault.verdicts(list(found.values()))

    table = load_fault.markdown(list(found.values()), verdicts)

    assert "| baseline | 10 | 10 | 1.0 | 0 | 0 | 0 | 12 | 12 | 12 |" in table
    assert "- **PASS** Redis stopped: p95 within +50 ms: 30 ms vs baseline 12 ms (+18 ms)" in table
    assert table.count("**PASS**") == 5


def test_results_go_to_the_end_of_their_section(tmp_path):
    readme = tmp_path / "README.md"
    readme.write_text("# Benchmarks\n\n## Results\n\nOld figures.\n")

    load_fault.add_to_readme("### Run 1\n\n| a |", readme)
    readme.write_text(readme.read_text() + "\n## Later section\n\nText.\n")
    load_fault.add_to_readme("### Run 2", readme)

    text = readme.read_text()
    assert text.index("Old figures.") < text.index(load_fault.HEADING)
    assert text.index("### Run 1") < text.index("### Run 2") < text.index("## Later section")
    assert text.count(load_fault.HEADING) == 1


def test_records_are_read_back_as_the_users_wrote_them(tmp_path):
    path = tmp_path / "records.csv"
    path.write_text("100.5000,12.30,200,/[lang]/search/?q=\n101.0000,30000.00,0,/[lang]/\n")

    assert load_fault.read_records(path) == [
        Record(100.5, 12.3, 200, "/[lang]/search/?q="),
        Record(101.0, 30000.0, 0, "/[lang]/"),
    ]
