"""Slowing down password guessing without letting anyone lock others out.

Only *failed* sign-ins count. An account is locked for a client address after
``SIGN_IN_RATE_PER_ACCOUNT`` failures from that address (default 5 in 15 minutes): a guesser
elsewhere cannot lock out the account's owner, and colleagues behind the same office address
keep signing in to their own accounts. A client address is locked for every account after
``SIGN_IN_RATE_PER_ADDRESS`` failures (default 50 in 15 minutes), against trying one password
on many accounts. Attempts while locked are refused without checking the password and are not
counted. A successful sign-in clears the failures of its account from its address.

The failures are rows in the database (:class:`~apps.accounts.models.SignInFailure`), shared by
all web processes and independent of the cache. The checks run in the authentication backend
:class:`LockoutBackend` (so the operators' admin sign-in is covered too) and in the sign-in page,
which says why it refuses.
"""

from __future__ import annotations

import datetime as dt
import re

from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.core.exceptions import PermissionDenied
from django.dispatch import receiver
from django.http import HttpRequest
from django.utils import timezone

from apps.accounts.models import SignInFailure
from apps.core.resilient_cache import client_address

_RATE = re.compile(r"^\s*(?P<count>\d+)\s*/\s*(?P<number>\d*)\s*(?P<unit>[smhd])\s*$")
_UNIT_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_rate(rate: str) -> tuple[int, dt.timedelta]:
    """``"5/15m"`` → (5, 15 minutes): so many failures within so long (units s, m, h, d)."""
    match = _RATE.match(rate)
    if match is None:
        raise ValueError(f"Not a rate like 5/15m: {rate!r}")
    seconds = int(match["number"] or 1) * _UNIT_SECONDS[match["unit"]]
    return int(match["count"]), dt.timedelta(seconds=seconds)


def account_of(username: str | None) -> str:
    return (username or "").strip().lower()[:254]


def locked_out(account: str, address: str) -> bool:
    """Whether sign-ins to ``account`` from ``address`` are refused for now."""
    now = timezone.now()
    limit, window = parse_rate(settings.SIGN_IN_RATE_PER_ACCOUNT)
    recent = SignInFailure.objects.filter(account=account, address=address, at__gte=now - window)
    if recent.count() >= limit:
        return True
    limit, window = parse_rate(settings.SIGN_IN_RATE_PER_ADDRESS)
    return SignInFailure.objects.filter(address=address, at__gte=now - window).count() >= limit


def record_failure(account: str, address: str) -> None:
    now = timezone.now()
    longest = max(
        parse_rate(settings.SIGN_IN_RATE_PER_ACCOUNT)[1],
        parse_rate(settings.SIGN_IN_RATE_PER_ADDRESS)[1],
    )
    SignInFailure.objects.filter(at__lt=now - longest).delete()  # nothing is kept for longer
    SignInFailure.objects.create(account=account, address=address, at=now)


def forget_failures(account: str, address: str) -> None:
    SignInFailure.objects.filter(account=account, address=address).delete()


def request_locked_out(request: HttpRequest, username: str | None) -> bool:
    return locked_out(account_of(username), client_address(request))


class LockoutBackend:
    """First in ``AUTHENTICATION_BACKENDS``: refuses, without checking the password, a sign-in
    that is locked out. It never signs anybody in itself (and, having no ``get_user``, is never
    the backend a session is kept with)."""

    def authenticate(self, request, username=None, **credentials):
        if request is not None and username and request_locked_out(request, username):
            raise PermissionDenied
        return None  # not locked: the next backend checks the password


@receiver(user_login_failed, dispatch_uid="accounts.lockout.failed")
def _count_failure(sender, credentials: dict, request=None, **kwargs) -> None:
    if request is None:
        return
    account, address = account_of(credentials.get("username")), client_address(request)
    if account and not locked_out(account, address):  # attempts while locked do not count
        record_failure(account, address)


@receiver(user_logged_in, dispatch_uid="accounts.lockout.succeeded")
def _clear_failures(sender, request=None, user=None, **kwargs) -> None:
    if request is not None and user is not None:
        forget_failures(account_of(user.email), client_address(request))
