"""Writes about accounts: inviting people, granting and withdrawing roles."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from apps.accounts.models import Membership, Organisation, Role, User


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
    existing = Membership.objects.filter(user=user, organisation=organisation, role=role).first()
    if existing is not None:
        if role != Role.TRANSLATOR:
            raise ValidationError(
                _("%(person)s already is %(role)s in %(organisation)s.")
                % {
                    "person": user,
                    "role": existing.get_role_display(),
                    "organisation": organisation,
                }
            )
        # Granting the translator role again gives the person these languages.
        return change_languages(membership=existing, languages=languages or [])
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


@transaction.atomic
def change_languages(*, membership: Membership, languages: list[str]) -> Membership:
    """Give a translator other languages, keeping the role (and everything done under it).

    Raises ``ValidationError`` for a membership that is not a translator's, for no language, and
    for the region's source language or a language the region does not offer."""
    if membership.role != Role.TRANSLATOR:
        raise ValidationError(_("Only translators are given languages."))
    membership.languages = sorted(set(languages))
    membership.full_clean()
    membership.save(update_fields=["languages"])
    return membership


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
