"""How tests meet the real services: skip locally with a reason, fail in CI.

CI (``CI`` set) installs PostgreSQL, Redis, a Celery worker and Chromium; a suite that silently
skipped there would prove nothing.
"""

from __future__ import annotations

import os

import pytest


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() not in {"", "0", "false", "no"}


def require(available: bool, what: str) -> None:
    if available:
        return
    if in_ci():
        pytest.fail(f"{what} is required in CI but is not available.")
    pytest.skip(f"{what} is not available on this machine (CI runs this test).")
