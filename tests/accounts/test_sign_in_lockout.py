"""Password guessing is slowed down, and nobody can lock somebody else out.

Only failures count; a lockout holds for one (account, client address) pair, plus a generous
limit per address against trying one password on many accounts.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from apps.accounts import lockout
from tests.conftest import PASSWORD

OFFICE, ELSEWHERE = "192.0.2.10", "198.51.100.7"


@pytest.fixture(autouse=True)
def _the_real_policy(settings):
    settings.SIGN_IN_RATE_PER_ACCOUNT = "5/15m"
    settings.SIGN_IN_RATE_PER_ADDRESS = "50/15m"


def sign_in(client, email: str, password: str = PASSWORD, address: str = OFFICE):
    response = client.post(
        reverse("accounts:login"), {"username": email, "password": password}, REMOTE_ADDR=address
    )
    signed_in = "_auth_user_id" in client.session
    client.logout()
    return response.status_code, signed_in


def test_successful_sign_ins_never_lock(client, people):
    for _ in range(8):
        assert sign_in(client, "editor@example.org") == (302, True)


def test_failures_lock_that_account_from_that_address_only(client, people):
    for _ in range(5):
        assert sign_in(client, "editor@example.org", "guess") == (200, False)

    # Even the right password is refused now, from here, for this account...
    status, signed_in = sign_in(client, "editor@example.org")
    assert (status, signed_in) == (429, False)
    # ...but its owner signs in from elsewhere, and colleagues in the office sign in too.
    assert sign_in(client, "editor@example.org", address=ELSEWHERE) == (302, True)
    assert sign_in(client, "reviewer@example.org") == (302, True)


def test_the_lockout_is_explained_in_the_users_language(client, people):
    for _ in range(5):
        sign_in(client, "editor@example.org", "guess")

    response = client.post(
        "/de/accounts/sign-in/",
        {"username": "editor@example.org", "password": PASSWORD},
        REMOTE_ADDR=OFFICE,
    )

    assert response.status_code == 429
    assert "Zu viele Anmeldeversuche" in response.content.decode()


def test_a_success_clears_earlier_failures(client, people):
    for _ in range(4):
        sign_in(client, "editor@example.org", "guess")
    assert sign_in(client, "editor@example.org") == (302, True)

    for _ in range(4):
        sign_in(client, "editor@example.org", "guess")
    assert sign_in(client, "editor@example.org") == (302, True)


def test_trying_one_password_on_many_accounts_locks_the_address(client, people, settings):
    settings.SIGN_IN_RATE_PER_ADDRESS = "8/15m"
    accounts = ["admin", "editor", "reviewer", "translator"]
    for account in accounts * 2:
        sign_in(client, f"{account}@example.org", "Summer2025!")

    assert sign_in(client, "stats@example.org")[0] == 429
    assert sign_in(client, "stats@example.org", address=ELSEWHERE) == (302, True)


def test_attempts_while_locked_do_not_count(client, people):
    for _ in range(12):
        sign_in(client, "editor@example.org", "guess")

    assert lockout.SignInFailure.objects.count() == 5


def test_ipv6_clients_count_by_their_network(client, people):
    for host in range(5):
        sign_in(client, "editor@example.org", "guess", address=f"2001:db8:1:2::{host + 1}")

    assert sign_in(client, "editor@example.org", address="2001:db8:1:2::ff")[0] == 429
    assert sign_in(client, "editor@example.org", address="2001:db8:1:3::1") == (302, True)


def test_the_operators_sign_in_is_covered_too(client, people):
    from apps.accounts.models import User

    User.objects.create_superuser("operator@example.org", PASSWORD)
    for _ in range(5):
        client.post(
            "/operator/login/",
            {"username": "operator@example.org", "password": "guess"},
            REMOTE_ADDR=OFFICE,
        )

    client.post(
        "/operator/login/",
        {"username": "operator@example.org", "password": PASSWORD},
        REMOTE_ADDR=OFFICE,
    )

    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize(
    ("rate", "expected"),
    [("5/15m", (5, 900)), ("20/h", (20, 3600)), ("10/907s", (10, 907)), ("3/2d", (3, 172800))],
)
def test_rates_are_written_like_django_ratelimits(rate, expected):
    count, window = lockout.parse_rate(rate)
    assert (count, window.total_seconds()) == expected
