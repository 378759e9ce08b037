"""Two-step sign-in for staff: a code from an authenticator app after the password.

Built on django-otp: a confirmed :class:`TOTPDevice` is the authenticator app, a
:class:`StaticDevice` holds the single-use recovery codes for when the phone is lost. Who must
use it: region administrators, reviewers and statistics managers always (they publish, decide
who works here, and see raw figures), and everybody working in a region whose administrators
switched on ``Region.require_two_factor``; anybody else may.

Failed codes count like failed passwords in :mod:`apps.accounts.lockout` (the sign-in page
reports them); django-otp's own throttling slows down guessing on the device as well.
"""

from __future__ import annotations

import base64
import re

import django_otp
import qrcode
import qrcode.image.svg
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from apps.accounts.models import OrganisationKind, Role, User
from apps.accounts.queries import memberships_of

#: Roles that always need a second step: they publish, manage people, and see raw figures.
REQUIRED_ROLES = frozenset({Role.REGION_ADMIN, Role.REVIEWER, Role.STATISTICS_MANAGER})
RECOVERY_CODE_COUNT = 10
#: The names given to a person's devices (shown in the operators' admin).
APP_DEVICE_NAME = "Authenticator app"
RECOVERY_DEVICE_NAME = "Recovery codes"

_SEPARATORS = re.compile(r"[\s-]+")


def required_for(user) -> bool:
    """Whether ``user`` may not work in a workspace without two-step sign-in."""
    return any(
        (m.organisation.kind == OrganisationKind.AUTHORITY and m.role in REQUIRED_ROLES)
        or m.organisation.region.require_two_factor
        for m in memberships_of(user)
    )


def app_device(user) -> TOTPDevice | None:
    """The user's confirmed authenticator app, if two-step sign-in is on."""
    if not getattr(user, "is_authenticated", False):
        return None
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def is_enabled(user) -> bool:
    return app_device(user) is not None


def recovery_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def enrolment_device(user: User) -> TOTPDevice:
    """The authenticator app being set up: the same secret until it is confirmed, so that
    reloading the page does not invalidate what was already scanned."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    return device or TOTPDevice.objects.create(user=user, name=APP_DEVICE_NAME, confirmed=False)


def secret_of(device: TOTPDevice) -> str:
    """The secret as people type it into an authenticator app: base32, in groups of four."""
    secret = base64.b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_code_svg(device: TOTPDevice) -> str:
    """The device's ``otpauth://`` address as an SVG QR code, to be put inline into the page."""
    image = qrcode.make(
        device.config_url,
        image_factory=qrcode.image.svg.SvgPathImage,
        error_correction=qrcode.constants.ERROR_CORRECT_M,
        border=2,
    )
    return image.to_string(encoding="unicode")


def normalised_code(code: str) -> str:
    """Codes are accepted with spaces and hyphens, and recovery codes in any case."""
    return _SEPARATORS.sub("", code or "").lower()


def verify(user: User, code: str) -> Device | None:
    """The device that accepts ``code`` (a current app code or an unused recovery code, which
    is used up), or None. Six digits are tried on the app only, anything else on the recovery
    codes only, so one mistyped code never slows down the other device."""
    code = normalised_code(code)
    if not code or user is None or not user.pk:
        return None
    model = TOTPDevice if code.isdigit() and len(code) <= 8 else StaticDevice
    for device in model.objects.filter(user=user, confirmed=True):
        verified = django_otp.verify_token(user, device.persistent_id, code)
        if verified is not None:
            return verified
    return None


@transaction.atomic
def confirm_enrolment(device: TOTPDevice, code: str) -> list[str]:
    """Switch two-step sign-in on with the app that shows ``code``; returns the new recovery
    codes (shown once). A wrong code is refused with a reason to show."""
    code = normalised_code(code)
    if not (code.isdigit() and device.verify_token(code)):
        raise ValidationError(
            _(
                "That code is not right. Type the six digits your authenticator app shows "
                "now; if it still fails, check that your phone's clock is set automatically."
            ),
            code="wrong_code",
        )
    TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return new_recovery_codes(device.user)


@transaction.atomic
def new_recovery_codes(user: User) -> list[str]:
    """Replace the user's recovery codes with ``RECOVERY_CODE_COUNT`` new single-use ones."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_DEVICE_NAME, confirmed=True)
    codes = []
    while len(codes) < RECOVERY_CODE_COUNT:
        code = StaticToken.random_token()
        if code not in codes and not code.isdigit():  # digits alone would be read as an app code
            codes.append(code)
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def switch_off(user: User) -> None:
    """The user switches two-step sign-in off (only if nobody requires it of them)."""
    if required_for(user):
        raise ValidationError(
            _("Your role requires two-step sign-in, so it cannot be switched off."),
            code="required",
        )
    _remove_devices(user)


@transaction.atomic
def reset(*, person: User, actor: User) -> None:
    """A region administrator removes someone's authenticator app and recovery codes (a lost
    phone); they set it up again at their next sign-in. Recorded in the audit log."""
    from apps.editorial.services import audit  # the audit log every kind of record shares

    if person.pk == actor.pk:
        raise ValidationError(
            _("Change your own two-step sign-in on your account page."), code="self"
        )
    _remove_devices(person)
    audit(person, actor, "two_factor_reset")


def _remove_devices(user: User) -> None:
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()


def code_for(device: TOTPDevice, *, at: float | None = None) -> str:
    """The code an authenticator app shows for ``device`` (now, or at Unix time ``at``): for
    the demo and for tests."""
    from django_otp.oath import TOTP

    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    if at is not None:
        totp.time = at
    return f"{totp.token():0{device.digits}d}"
