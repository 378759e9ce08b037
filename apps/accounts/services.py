"""Writes about accounts: inviting people, granting and withdrawing roles."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from apps.accounts.models import Membership, Organisation, User


@transaction.atomic
def grant_role(
    *,
    organisation: Organisation,
    email: str,
    role: str,
    full_name: str = "",
    languages: list[str] | None = None,
    base_url: str,
) -> Membership:
    """Give ``email`` a role in ``organisation``, creating and inviting the person if new.

    A new person gets an e-mail with a link to choose their password; nobody ever sends
    passwords around. Raises ``ValidationError`` if the role does not fit the organisation.
    """
    email = User.objects.normalize_email(email).lower()
    user = User.objects.filter(email__iexact=email).first()
    created = user is None
    if created:
        user = User.objects.create_user(email=email, full_name=full_name)
    membership = Membership(
        user=user, organisation=organisation, role=role, languages=languages or []
    )
    membership.full_clean()
    membership.save()
    if created:
        transaction.on_commit(
            lambda: send_invitation(user=user, organisation=organisation, base_url=base_url)
        )
    return membership


def withdraw_role(*, membership: Membership) -> None:
    membership.delete()


def invitation_link(*, user: User, base_url: str) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    path = reverse("accounts:password_reset_confirm", kwargs={"uidb64": uid, "token": token})
    return f"{base_url.rstrip('/')}{path}"


def send_invitation(*, user: User, organisation: Organisation, base_url: str) -> None:
    """E-mail the person a link to set their password, in their language if they chose one."""
    with translation.override(user.preferred_language or translation.get_language()):
        context = {
            "user": user,
            "organisation": organisation,
            "link": invitation_link(user=user, base_url=base_url),
        }
        subject = render_to_string("accounts/email/invitation_subject.txt", context).strip()
        body = render_to_string("accounts/email/invitation_body.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])
