from __future__ import annotations

from smtplib import SMTPException

from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from apps.core import links
from apps.migrant_accounts import follows, services
from apps.migrant_accounts.models import MigrantAccount, SignInLink

# A mail server that is down or refuses for a while: try again later, not never.
RETRY = {
    "autoretry_for": (SMTPException, OSError),
    "retry_backoff": 60,
    "retry_kwargs": {"max_retries": 6},
}


def _send(language: str, to: str, subject, template: str, context: dict, headers=None) -> None:
    """Write the (lazy) ``subject`` — formatted with the portal's name — and ``template`` in
    ``language``, and send them to ``to``."""
    with translation.override(language):
        subject = str(subject) % {"portal": context["region"].name}
        body = render_to_string(template, context)
    EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [to], headers=headers).send()


@shared_task(**RETRY)
def send_sign_in_link(link_id: int, base_url: str) -> str:
    """The one-time link, in the language the person asked in."""
    link = SignInLink.objects.select_related("region").filter(pk=link_id).first()
    if link is None or link.used_at is not None:
        return "skipped"
    url = base_url.rstrip("/") + links.link(
        "migrant_sign_in", link.language, token=services.link_token(link)
    )
    context = {"url": url, "minutes": settings.MIGRANT_SIGN_IN_LINK_MINUTES, "region": link.region}
    subject = _("Your link to sign in to %(portal)s")
    _send(link.language, link.email, subject, "migrant_accounts/email/sign_in.txt", context)
    return "sent"


@shared_task(**RETRY)
def send_inactivity_warning(account_id: int, base_url: str) -> str:
    account = MigrantAccount.objects.select_related("region").filter(pk=account_id).first()
    if account is None:
        return "skipped"
    context = {
        "url": base_url.rstrip("/") + links.link("migrant_account", account.language),
        "days": settings.MIGRANT_ACCOUNT_WARNING_DAYS,
        "region": account.region,
    }
    subject = _("Your account on %(portal)s will be deleted")
    _send(account.language, account.email, subject, "migrant_accounts/email/inactive.txt", context)
    return "sent"


@shared_task
def forget_inactive_accounts() -> str:
    """Daily (beat): warn, then delete accounts nobody uses; old sign-in links go."""
    warned, deleted = services.forget_inactive(base_url=settings.SITE_URL)
    return f"{warned} warned, {deleted} deleted"


@shared_task(**RETRY)
def send_digest(account_id: int, base_url: str) -> str:
    """One e-mail with everything new about what the person follows, in their language; then
    the notices count as sent. A mail that fails is retried; nothing is marked sent before."""
    account = MigrantAccount.objects.select_related("region").filter(pk=account_id).first()
    if account is None:
        return "skipped"
    items = follows.digest_items(account)
    if not items:
        follows.mark_sent(account)
        return "nothing"
    site = base_url.rstrip("/")
    unsubscribe = site + links.link(
        "migrant_unsubscribe", account.language, token=follows.unsubscribe_token(account)
    )
    context = {
        "items": [{**item, "url": site + item["path"]} for item in items],
        "account_url": site + links.link("migrant_account", account.language),
        "unsubscribe": unsubscribe,
        "region": account.region,
    }
    _send(
        account.language,
        account.email,
        _("News about what you follow on %(portal)s"),
        "migrant_accounts/email/digest.txt",
        context,
        # One click in the mail program stops these e-mails (RFC 8058).
        headers={
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    follows.mark_sent(account)
    return f"{len(items)} sent"


@shared_task
def send_digests() -> int:
    """Hourly (beat): a digest for each account with news that had none today."""
    due = follows.accounts_due()
    for account_id in due:
        send_digest.delay(account_id, settings.SITE_URL)
    return len(due)
