from django.core.management import call_command

from apps.accounts.models import Membership, Organisation, Role, User
from apps.core import languages
from apps.core.models import Region, Topic, UserType
from apps.demo.services import load_demo


def test_demo_is_complete_in_every_language(db):
    load_demo()

    for model, fields in (
        (Region, ["name"]),
        (Topic, ["name"]),
        (UserType, ["name", "description"]),
        (Organisation, ["name"]),
    ):
        for obj in model.objects.all():
            for field in fields:
                for code in languages.CODES:
                    column = f"{field}_{code.replace('-', '_')}"
                    assert getattr(obj, column), f"{model.__name__} {obj.pk} lacks {column}"
    assert Topic.objects.filter(parent__isnull=True).count() == 9
    assert Organisation.objects.filter(kind="ngo").count() >= 5


def test_demo_has_an_account_for_every_role(db):
    load_demo()

    roles = set(Membership.objects.values_list("role", flat=True))
    assert roles == set(Role.values)
    assert User.objects.filter(is_superuser=True).count() == 1


def test_seeding_twice_changes_nothing(db, settings):
    settings.DEBUG = True
    call_command("seed_demo", verbosity=0)
    counts = [
        model.objects.count() for model in (Region, Topic, UserType, Organisation, User, Membership)
    ]

    call_command("seed_demo", verbosity=0)

    assert [
        model.objects.count() for model in (Region, Topic, UserType, Organisation, User, Membership)
    ] == counts


def test_demo_articles_show_the_workflow_in_every_language(db):
    from apps.articles.models import Article
    from apps.editorial.queries import coverage_rows

    load_demo()

    targets = [code for code in languages.CODES if code != "de"]
    gaps = {
        row.item.slug: {code: state for code, state in row.states if state != "published"}
        for row in coverage_rows(Article.objects.all(), targets)
    }
    assert len(gaps) == 8
    assert {slug: states for slug, states in gaps.items() if states} == {
        "tenant-rights": {"ru": "outdated"},
        "broadcasting-fee": {"ur": "missing"},
    }
