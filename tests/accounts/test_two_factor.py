"""Two-step sign-in: a code from an authenticator app after the password, recovery codes for a
lost phone, who must use it, and how a region administrator resets it."""

from __future__ import annotations

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.authtoken.models import Token

from apps.accounts import two_factor
from apps.accounts.models import SignInFailure
from apps.editorial.models import AuditEvent
from apps.workspace.pages.two_factor import PENDING_KEY
from tests.conftest import PASSWORD, give_app, sign_in_with_password_only

OFFICE = "192.0.2.10"


@pytest.fixture(autouse=True)
def _no_device_throttling(settings):
    # django-otp slows down a device after a wrong code (1 s, 2 s, ...); these tests give the
    # right code right after a wrong one. The lockout below is what they check.
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    settings.OTP_STATIC_THROTTLE_FACTOR = 0


def password_step(client, email: str, next_url: str = ""):
    data = {"username": email, "password": PASSWORD}
    if next_url:
        data["next"] = next_url
    return client.post(reverse("accounts:login"), data, REMOTE_ADDR=OFFICE)


def code_step(client, code: str):
    return client.post(reverse("accounts:second_step"), {"code": code}, REMOTE_ADDR=OFFICE)


def signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_the_password_alone_does_not_sign_in_someone_with_an_app(client, people):
    device = give_app(people["editor"])

    response = password_step(client, "editor@example.org", next_url="/en/authority/")

    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:second_step")
    assert not signed_in(client)
    dashboard = client.get(reverse("authority:dashboard"))
    assert dashboard["Location"].startswith(reverse("accounts:login"))

    response = code_step(client, two_factor.code_for(device))

    assert response.status_code == 302
    assert response["Location"] == "/en/authority/"
    assert signed_in(client)
    assert client.session[DEVICE_ID_SESSION_KEY] == device.persistent_id
    assert client.get(reverse("authority:dashboard")).status_code == 200


def test_the_second_step_asks_for_the_code_in_the_readers_language(client, people):
    give_app(people["editor"])
    password_step(client, "editor@example.org")

    page = client.get("/de/accounts/sign-in/code/").content.decode()

    assert "Authenticator-App" in page
    assert 'autocomplete="one-time-code"' in page


def test_without_the_password_step_there_is_no_second_step(client, people):
    give_app(people["editor"])

    response = code_step(client, "123456")

    assert response["Location"] == reverse("accounts:login")
    assert not signed_in(client)


def test_a_wrong_code_counts_in_the_lockout(client, people, settings):
    settings.SIGN_IN_RATE_PER_ACCOUNT = "5/15m"
    device = give_app(people["editor"])
    password_step(client, "editor@example.org")

    response = code_step(client, "000000" if two_factor.code_for(device) != "000000" else "111111")

    assert response.status_code == 200
    assert "not right" in response.content.decode()
    assert not signed_in(client)
    failure = SignInFailure.objects.get()
    assert (failure.account, failure.address) == ("editor@example.org", OFFICE)

    for _ in range(4):
        code_step(client, "wrong")
    # Locked out now, from here, for this account: even the right code is refused.
    response = code_step(client, two_factor.code_for(device))
    assert response.status_code == 429
    assert not signed_in(client)


def test_a_right_code_clears_the_failures(client, people):
    device = give_app(people["editor"])
    password_step(client, "editor@example.org")
    code_step(client, "wrong")

    code_step(client, two_factor.code_for(device))

    assert signed_in(client)
    assert not SignInFailure.objects.exists()


def test_a_recovery_code_works_once_only(client, people):
    give_app(people["editor"])
    codes = two_factor.new_recovery_codes(people["editor"])
    assert len(codes) == 10 == len(set(codes))

    password_step(client, "editor@example.org")
    response = code_step(client, codes[0].upper())  # typed in capitals: still the code
    assert signed_in(client)
    assert "9 recovery codes left" in client.get(response["Location"], follow=True).content.decode()

    client.logout()
    password_step(client, "editor@example.org")
    response = code_step(client, codes[0])
    assert response.status_code == 200
    assert not signed_in(client)
    assert StaticToken.objects.count() == 9


@pytest.mark.parametrize("role", ["region_admin", "reviewer", "statistics_manager"])
def test_roles_that_require_it_are_sent_to_set_it_up(client, people, role):
    sign_in_with_password_only(client, people[role])

    response = client.get(reverse("authority:dashboard"))

    assert response.status_code == 302
    assert response["Location"] == (f"{reverse('accounts:two_factor')}?next=%2Fen%2Fauthority%2F")


@pytest.mark.parametrize("role", ["editor", "translator", "ngo_admin"])
def test_other_roles_may_work_without_it(client, people, role):
    sign_in_with_password_only(client, people[role])

    response = client.get(reverse("accounts:home"), follow=True)

    assert response.status_code == 200
    assert response.redirect_chain[-1][0] != reverse("accounts:two_factor")
    assert "two_factor" not in response.redirect_chain[-1][0]


def test_a_region_can_require_it_of_all_its_staff(client, people, region, ngo):
    region.require_two_factor = True
    region.save()
    for role in ("editor", "ngo_member"):
        sign_in_with_password_only(client, people[role])
        page = (
            reverse("authority:dashboard")
            if role == "editor"
            else reverse("ngo:dashboard", kwargs={"org": ngo.slug})
        )
        response = client.get(page)
        assert response["Location"].startswith(reverse("accounts:two_factor")), role


def test_the_region_setting_is_on_the_region_settings_page(client, people, region):
    from tests.authority.test_region_and_people import region_form_data

    client.force_login(people["region_admin"])
    assert "require_two_factor" in client.get(reverse("authority:region")).content.decode()

    response = client.post(
        reverse("authority:region"), region_form_data(region, require_two_factor="on")
    )

    assert response.status_code == 302
    region.refresh_from_db()
    assert region.require_two_factor


def test_a_signed_in_session_without_the_code_gives_the_code_first(client, people):
    """E.g. after choosing a new password from an invitation link, which signs in."""
    device = give_app(people["editor"])
    sign_in_with_password_only(client, people["editor"])

    response = client.get(reverse("authority:dashboard"))
    assert response["Location"].startswith(reverse("accounts:second_step"))

    response = client.post(response["Location"], {"code": two_factor.code_for(device)})
    assert response["Location"] == "/en/authority/"
    assert client.get(reverse("authority:dashboard")).status_code == 200


def test_setting_it_up_shows_a_qr_code_and_the_secret_and_confirms_with_a_code(client, people):
    reviewer = people["reviewer"]
    sign_in_with_password_only(client, reviewer)
    url = f"{reverse('accounts:two_factor')}?next=/en/authority/"

    page = client.get(url)
    html = page.content.decode()
    device = TOTPDevice.objects.get(user=reviewer, confirmed=False)
    svg = html.split("<svg", 1)[1].split("</svg>", 1)[0]
    assert "href" not in svg  # drawn in the page, nothing fetched from elsewhere
    assert two_factor.secret_of(device) in html
    assert "no-store" in page["Cache-Control"]

    wrong = client.post(url, {"action": "confirm", "confirm-code": "12345x"})
    assert wrong.status_code == 200
    assert "not right" in wrong.content.decode()
    assert not two_factor.is_enabled(reviewer)

    right = client.post(
        url,
        {
            "action": "confirm",
            "confirm-code": two_factor.code_for(device),
            "next": "/en/authority/",
        },
    )
    assert right.status_code == 200
    codes = right.context["codes"]
    assert len(codes) == 10
    assert all(code in right.content.decode() for code in codes)
    assert two_factor.is_enabled(reviewer)
    # This session gave the code: the workspace opens.
    assert client.get(reverse("authority:dashboard")).status_code == 200
    # The codes are never shown again.
    assert not any(code in client.get(url).content.decode() for code in codes)


def test_reloading_the_setup_page_keeps_the_secret_already_scanned(client, people):
    sign_in_with_password_only(client, people["reviewer"])
    first = client.get(reverse("accounts:two_factor")).context["secret"]

    assert client.get(reverse("accounts:two_factor")).context["secret"] == first


def test_new_recovery_codes_replace_the_old_ones(client, people):
    editor = people["editor"]
    device = give_app(editor)
    old = two_factor.new_recovery_codes(editor)
    client.force_login(editor)

    response = client.post(
        reverse("accounts:two_factor"),
        {"action": "recovery_codes", "recovery-code": two_factor.code_for(device)},
    )

    new = response.context["codes"]
    assert len(new) == 10 and not set(new) & set(old)
    assert two_factor.verify(editor, old[1]) is None
    assert two_factor.verify(editor, new[1]) is not None


def test_a_wrong_code_changes_nothing(client, people):
    editor = people["editor"]
    give_app(editor)
    old = two_factor.new_recovery_codes(editor)
    client.force_login(editor)

    for action in ("recovery_codes", "switch_off"):
        prefix = "recovery" if action == "recovery_codes" else "off"
        response = client.post(
            reverse("accounts:two_factor"), {"action": action, f"{prefix}-code": "999999x"}
        )
        assert response.status_code == 200
        assert "not right" in response.content.decode()
    assert two_factor.is_enabled(editor)
    assert sorted(StaticToken.objects.values_list("token", flat=True)) == sorted(old)


def test_whoever_may_switches_it_off_with_a_code(client, people):
    editor = people["editor"]
    device = give_app(editor)
    client.force_login(editor)

    client.post(
        reverse("accounts:two_factor"),
        {"action": "switch_off", "off-code": two_factor.code_for(device)},
    )

    assert not two_factor.is_enabled(editor)
    assert password_step(client, "editor@example.org")["Location"] == reverse("accounts:home")


def test_whoever_must_use_it_cannot_switch_it_off(client, people):
    reviewer = people["reviewer"]
    device = give_app(reviewer)
    client.force_login(reviewer)

    page = client.get(reverse("accounts:two_factor")).content.decode()
    assert 'value="switch_off"' not in page
    client.post(
        reverse("accounts:two_factor"),
        {"action": "switch_off", "off-code": two_factor.code_for(device)},
    )

    assert two_factor.is_enabled(reviewer)


def test_a_region_admin_resets_a_colleagues_two_step_sign_in_and_it_is_audited(client, people):
    reviewer, admin = people["reviewer"], people["region_admin"]
    give_app(reviewer)
    two_factor.new_recovery_codes(reviewer)
    client.force_login(admin)
    members = client.get(reverse("authority:members")).content.decode()
    url = reverse("authority:reset_two_factor", kwargs={"person": reviewer.pk})
    assert url in members

    response = client.post(url, {"action": "reset"})

    assert response.status_code == 302
    assert not two_factor.is_enabled(reviewer)
    assert not StaticToken.objects.filter(device__user=reviewer).exists()
    event = AuditEvent.objects.get(action="two_factor_reset")
    assert event.content_type == ContentType.objects.get_for_model(reviewer)
    assert (event.object_id, event.actor) == (reviewer.pk, admin)
    # At the reviewer's next sign-in, the password leads to setting it up again.
    client.logout()
    password_step(client, "reviewer@example.org")
    assert client.get(reverse("authority:dashboard"))["Location"].startswith(
        reverse("accounts:two_factor")
    )


@pytest.mark.parametrize("role", ["editor", "reviewer", "statistics_manager", "ngo_admin"])
def test_others_cannot_reset_it(client, people, role):
    give_app(people["editor"])
    client.force_login(people[role])

    response = client.post(
        reverse("authority:reset_two_factor", kwargs={"person": people["editor"].pk}),
        {"action": "reset"},
    )

    assert response.status_code == 403
    assert two_factor.is_enabled(people["editor"])
    assert not AuditEvent.objects.filter(action="two_factor_reset").exists()


def test_a_region_admin_cannot_reset_staff_of_another_region(client, people):
    foreign = people["foreign_region_admin"]
    give_app(foreign)
    client.force_login(people["region_admin"])

    response = client.post(
        reverse("authority:reset_two_factor", kwargs={"person": foreign.pk}), {"action": "reset"}
    )

    assert response.status_code == 404
    assert two_factor.is_enabled(foreign)


def test_the_staff_api_with_a_token_needs_no_second_step(client, people):
    reviewer = people["reviewer"]  # required, but without an app yet
    token, _ = Token.objects.get_or_create(user=reviewer)

    response = client.get(reverse("api:editorial-queue"), HTTP_AUTHORIZATION=f"Token {token.key}")

    assert response.status_code == 200


def test_an_expired_password_step_asks_for_the_password_again(client, people):
    give_app(people["editor"])
    password_step(client, "editor@example.org")
    session = client.session
    session[PENDING_KEY]["at"] -= 3600
    session.save()

    response = client.get(reverse("accounts:second_step"))

    assert response["Location"] == reverse("accounts:login")
