import re

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from apps.accounts import services
from apps.accounts.models import Membership, Role, User
from tests.conftest import PASSWORD


def test_granting_a_role_to_a_new_person_invites_them(
    client, region, authority, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        membership = services.grant_role(
            organisation=authority,
            email="New.Person@Example.org",
            role=Role.EDITOR,
            full_name="New Person",
            base_url="http://testserver/",
        )

    assert membership.user.email == "new.person@example.org"
    assert not membership.user.has_usable_password()
    assert len(mail.outbox) == 1
    link = re.search(r"http://testserver(/\S+)", mail.outbox[0].body).group(1)

    # The link lets them choose a password and lands them in their workspace.
    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    response = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "a sound new passphrase", "new_password2": "a sound new passphrase"},
    )
    assert response["Location"] == reverse("accounts:home")
    assert client.get(reverse("accounts:home"))["Location"] == reverse("authority:dashboard")


def test_known_people_get_the_role_without_a_new_invitation(
    region, authority, people, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.grant_role(
            organisation=authority, email="editor@example.org", role=Role.REVIEWER, base_url="/"
        )

    assert mail.outbox == []
    assert set(people["editor"].memberships.values_list("role", flat=True)) == {
        "editor",
        "reviewer",
    }


def test_roles_must_fit_the_kind_of_organisation(ngo):
    with pytest.raises(ValidationError):
        services.grant_role(
            organisation=ngo, email="x@example.org", role=Role.REGION_ADMIN, base_url="/"
        )
    assert not User.objects.filter(email="x@example.org").exists()


def test_translators_need_languages(authority):
    with pytest.raises(ValidationError):
        Membership(
            user=User(email="t@example.org"), organisation=authority, role=Role.TRANSLATOR
        ).clean()


def test_sign_in_with_email_in_any_case(client, people):
    response = client.post(
        reverse("accounts:login"), {"username": "NGO-Admin@Example.org", "password": PASSWORD}
    )

    assert response.status_code == 302
    assert client.get(response["Location"])["Location"] == reverse("ngo:index")


def test_wrong_password_is_explained_in_the_users_language(client, people):
    response = client.post(
        "/de/accounts/sign-in/", {"username": "admin@example.org", "password": "wrong"}
    )

    assert response.status_code == 200
    assert "passen zu keinem Konto" in response.content.decode()


def test_people_without_a_role_are_told_so(client, people):
    client.force_login(people["no_role"])

    response = client.get(reverse("accounts:home"), follow=True)

    assert response.redirect_chain[-1][0] == reverse("migrant:home")
    assert "no role in this region" in response.content.decode()


def test_repeated_sign_in_attempts_are_slowed_down(client, people, settings):
    settings.SIGN_IN_RATE_PER_ACCOUNT = "5/15m"
    settings.SIGN_IN_RATE_PER_ADDRESS = "50/15m"
    for _ in range(5):
        assert (
            client.post(
                reverse("accounts:login"), {"username": "admin@example.org", "password": "guess"}
            ).status_code
            == 200
        )

    blocked = client.post(
        reverse("accounts:login"), {"username": "admin@example.org", "password": PASSWORD}
    )

    assert blocked.status_code == 429
    assert "Too many sign-in attempts" in blocked.content.decode()
    assert "_auth_user_id" not in client.session
    # Another account is not affected (see test_sign_in_lockout.py for the whole policy).
    other = client.post(
        reverse("accounts:login"), {"username": "editor@example.org", "password": PASSWORD}
    )
    assert other.status_code == 302
