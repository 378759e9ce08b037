"""A migrant's signed-in session: kept apart from staff authentication (``request.user`` stays
anonymous), long-lived, and revoked everywhere at once by raising the account's generation."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest

from apps.migrant_accounts import services
from apps.migrant_accounts.models import MigrantAccount

ACCOUNT_KEY = "migrant_account"
GENERATION_KEY = "migrant_generation"


def sign_in(request: HttpRequest, account: MigrantAccount) -> None:
    request.session.cycle_key()  # a new session id: nothing from before carries over
    request.session[ACCOUNT_KEY] = account.pk
    request.session[GENERATION_KEY] = account.session_generation
    request.session.set_expiry(settings.MIGRANT_SESSION_DAYS * 24 * 3600)
    services.touch(account)


def sign_out(request: HttpRequest) -> None:
    request.session.flush()


def current_account(request: HttpRequest) -> MigrantAccount | None:
    """The signed-in migrant's account, or None. Reads the session only if the browser sent a
    session cookie, so anonymous pages stay free of session work."""
    if hasattr(request, "_migrant_account"):
        return request._migrant_account
    account = None
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        pk = request.session.get(ACCOUNT_KEY)
        region = getattr(request, "region", None)
        if pk is not None and region is not None:
            account = (
                MigrantAccount.objects.select_related("region").filter(pk=pk, region=region).first()
            )
        if (
            account is not None
            and request.session.get(GENERATION_KEY) != account.session_generation
        ):
            account = None  # signed out everywhere since
        if account is not None:
            services.touch(account)
    request._migrant_account = account
    return account
