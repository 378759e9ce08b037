from django.urls import reverse

from apps.accounts.models import Role
from tests.conftest import make_member


def test_a_member_of_one_ngo_goes_straight_to_it(client, people):
    client.force_login(people["ngo_member"])

    response = client.get(reverse("ngo:index"))

    assert response["Location"] == reverse("ngo:dashboard", kwargs={"org": "helping-hands"})


def test_a_member_of_several_ngos_chooses(client, people, other_ngo):
    make_member(other_ngo, Role.NGO_MEMBER, "ngo-member@example.org")
    client.force_login(people["ngo_member"])

    response = client.get(reverse("ngo:index"))

    assert response.status_code == 200
    assert "Helping Hands" in response.content.decode()
    assert "Other NGO" in response.content.decode()


def test_ngo_member_keeps_the_profile_current(client, people, ngo):
    client.force_login(people["ngo_member"])
    url = reverse("ngo:profile", kwargs={"org": ngo.slug})
    form = client.get(url).context["form"]

    response = client.post(
        url,
        {
            "name_de": "Helfende Hände",
            "name_ar": "أيادي المساعدة",
            "phone": "+49 30 1234",
            "email": "hallo@helping.example",
            "edit_fingerprint": form["edit_fingerprint"].value(),
        },
    )

    assert response.status_code == 302
    ngo.refresh_from_db()
    assert (ngo.name_de, ngo.name_ar, ngo.phone) == (
        "Helfende Hände",
        "أيادي المساعدة",
        "+49 30 1234",
    )


def test_ngo_profile_form_offers_no_authority_only_fields(client, people, ngo):
    client.force_login(people["ngo_admin"])

    form = client.get(reverse("ngo:profile", kwargs={"org": ngo.slug})).context["form"]

    assert not {"kind", "slug", "is_active"} & set(form.fields)


def test_ngo_admin_gives_only_ngo_roles_in_their_own_ngo(client, people, ngo, other_ngo):
    client.force_login(people["ngo_admin"])
    url = reverse("ngo:grant_role", kwargs={"org": ngo.slug})

    form = client.get(url).context["form"]
    assert {value for value, _ in form.fields["role"].choices} == {
        "ngo_admin",
        "ngo_member",
        "translator",
    }
    assert list(form.fields["organisation"].queryset) == [ngo]

    response = client.post(
        url, {"email": "x@example.org", "organisation": other_ngo.pk, "role": "ngo_member"}
    )
    assert response.status_code == 200
    assert not other_ngo.memberships.filter(user__email="x@example.org").exists()


def test_ngo_pages_of_unknown_organisations_are_not_found(client, people):
    client.force_login(people["ngo_admin"])

    assert client.get(reverse("ngo:dashboard", kwargs={"org": "no-such-ngo"})).status_code == 404


def test_members_page_lists_only_own_people(client, people):
    client.force_login(people["ngo_admin"])

    html = client.get(reverse("ngo:members", kwargs={"org": "helping-hands"})).content.decode()

    assert "ngo-member@example.org" in html
    assert "other-ngo@example.org" not in html
    assert "admin@example.org" in html  # themself
    assert "editor@example.org" not in html
