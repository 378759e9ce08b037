"""The demo town: complete in every language, through the real workflow, and loadable twice."""

import io
import re
import shutil
import subprocess
from pathlib import Path

from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command

from apps.accounts.models import Membership, Organisation, Role, User
from apps.articles.models import Article
from apps.core import languages
from apps.core.models import Region, Topic, UserType
from apps.demo.services import load_demo
from apps.feedback.models import PageComment, PageRating
from apps.glossary.matching import explain
from apps.glossary.models import Term
from apps.migrant_accounts import services as services_of_accounts
from apps.migrant_accounts.models import MigrantAccount, ProcedureProgress
from apps.places.models import Place
from apps.procedures.models import Document, Procedure, Step, Tip, TipStatus
from apps.translation.models import Translation
from apps.translation.queries import coverage_rows
from apps.translation.reader import language_version

MODELS = (
    Region, Topic, UserType, Organisation, User, Membership, Article, Term, Document, Place,
    Procedure, Step, Tip, PageRating, PageComment, MigrantAccount, ProcedureProgress,
)  # fmt: skip


def column(field: str, code: str) -> str:
    return f"{field}_{code.replace('-', '_')}"


def test_demo_is_complete_in_every_language(db):
    load_demo()

    for model, fields in (
        (Region, ["name"]),
        (Topic, ["name"]),
        (UserType, ["name", "description"]),
        (Organisation, ["name"]),
        (Term, ["term", "definition"]),
        (Document, ["name", "description", "where_to_get"]),
        (Place, ["name", "directions"]),
        (Procedure, ["title", "summary", "body"]),
        (Step, ["title", "body"]),
    ):
        for obj in model.objects.all():
            for field in fields:
                for code in languages.PRIMARY_CODES:
                    assert getattr(obj, column(field, code)), (
                        f"{model.__name__} {obj} lacks {column(field, code)}"
                    )
    assert Topic.objects.filter(parent__isnull=True).count() == 9
    assert Organisation.objects.filter(kind="ngo").count() >= 5
    assert Term.objects.count() >= 40
    assert Document.objects.count() >= 12
    # The ten procedures of the issue, with offices, costs, and a graph of documents.
    assert set(Procedure.objects.values_list("slug", flat=True)) >= {
        "anmeldung", "aufenthaltstitel", "krankenversicherung", "wohnberechtigungsschein",
        "schulanmeldung", "integrationskurs", "jobcenter", "anerkennung", "bankkonto",
        "kindergeld",
    }  # fmt: skip
    assert Step.objects.filter(place__isnull=False).count() >= 10
    assert Step.objects.filter(cost__gt=0).count() >= 3
    assert Step.objects.filter(cost_max__gt=0).exists()
    assert Step.objects.filter(connector="or").exists()
    assert Step.objects.filter(optional=True).exists()
    bank = Procedure.objects.get(slug="bankkonto")
    needs = Document.objects.filter(steps__procedure=bank)
    assert needs.filter(produced_by__slug="anmeldung").exists()
    assert Tip.objects.filter(status=TipStatus.APPROVED).count() >= 2
    assert Tip.objects.filter(status="pending").exists()
    # One account for every role, and one platform operator.
    assert set(Membership.objects.values_list("role", flat=True)) == set(Role.values)
    assert User.objects.filter(is_superuser=True).count() == 1

    # Eight articles in every language, with two deliberate gaps so the workflow shows.
    targets = [code for code in languages.PRIMARY_CODES if code != "de"]
    gaps = {
        row.item.slug: {code: state for code, state in row.states if state != "published"}
        for row in coverage_rows(Article.objects.all(), targets)
    }
    assert len(gaps) == 8
    assert {slug: states for slug, states in gaps.items() if states} == {
        "tenant-rights": {"ru": "outdated"},
        "broadcasting-fee": {"ur": "missing"},
    }

    # The authority's "Was this page helpful?" view has answers and comments to triage.
    assert PageRating.objects.filter(helpful=False).count() > 10
    assert PageComment.objects.filter(language="ar").count() >= 2

    # The demo migrant's account has progress and a registration found by her address.
    amina = MigrantAccount.objects.get(email="amina@example.org")
    assert amina.progress.count() == 2
    assert services_of_accounts.registrations_of(amina).count() == 1

    # Easy German: the five most important procedures and three articles.
    easy = {
        model: set(
            Translation.objects.filter(
                content_type=ContentType.objects.get_for_model(model), language="de-easy"
            )
            .exclude(live_source_fingerprint="")
            .values_list("object_id", flat=True)
        )
        for model in (Procedure, Article)
    }
    assert set(Procedure.objects.filter(pk__in=easy[Procedure]).values_list("slug", flat=True)) == {
        "anmeldung",
        "aufenthaltstitel",
        "krankenversicherung",
        "jobcenter",
        "integrationskurs",
    }
    assert set(Article.objects.filter(pk__in=easy[Article]).values_list("slug", flat=True)) == {
        "first-weeks",
        "emergency-numbers",
        "free-counselling",
    }

    # The glossary lights up in the articles, in every language (easy German included).
    region = Region.objects.get()
    article = Article.objects.get(slug="first-weeks")
    for code in languages.CODES:
        version = language_version(article, code)
        result = explain(
            version.html["body"], region=region, text_language=code, reader_language=code
        )
        assert len(result.notes) >= 5, (code, [note.explanation.slug for note in result.notes])


def test_seeding_twice_changes_nothing(db, settings):
    settings.DEBUG = True
    call_command("seed_demo", verbosity=0)
    counts = [model.objects.count() for model in MODELS]

    out = io.StringIO()
    call_command("seed_demo", site_url="http://127.0.0.1:8123", stdout=out)

    assert [model.objects.count() for model in MODELS] == counts
    # What `make run PORT=8123` prints: the real address, and every account once.
    printed = out.getvalue()
    assert "http://127.0.0.1:8123/en/accounts/sign-in/" in printed
    emails = re.findall(r"^  (\S+@\S+)", printed, flags=re.MULTILINE)
    assert "statistics@musterstadt.example" in emails
    assert len(emails) == len(set(emails)), printed


def test_make_run_serves_and_prints_the_port_it_is_given():
    root = Path(__file__).resolve().parents[2]
    planned = subprocess.run(  # noqa: S603
        [shutil.which("make") or "make", "-n", "run", "PORT=8123"],
        cwd=root, capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip

    assert "seed_demo --site-url http://127.0.0.1:8123" in planned
    assert "runserver 127.0.0.1:8123" in planned


def test_demo_accounts_that_need_a_code_sign_in_with_the_published_secret(db, settings, client):
    from apps.demo.services import DEMO_PASSWORD, DEMO_TOTP_SECRET, demo_code

    settings.DEBUG = True
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    printed = out.getvalue()

    assert DEMO_TOTP_SECRET in printed
    marked = set(re.findall(r"^  (\S+@\S+) .*\[code\]$", printed, flags=re.MULTILINE))
    assert marked == {
        "admin@musterstadt.example",
        "reviewer@musterstadt.example",
        "statistics@musterstadt.example",
    }
    response = client.post(
        "/en/accounts/sign-in/",
        {"username": "reviewer@musterstadt.example", "password": DEMO_PASSWORD},
    )
    assert response["Location"] == "/en/accounts/sign-in/code/"
    response = client.post("/en/accounts/sign-in/code/", {"code": demo_code()})
    assert "_auth_user_id" in client.session
    assert client.get("/en/authority/").status_code == 200
