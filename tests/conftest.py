from __future__ import annotations

import os
import types

import pytest
from django.test import Client
from django.utils import translation
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from apps.accounts import two_factor
from apps.accounts.models import Membership, Organisation, OrganisationKind, Role, User
from apps.articles.models import Article
from apps.core import languages, page_cache, read_models
from apps.core import queries as core_queries
from apps.core.models import Region, Topic, UserType
from apps.editorial import services
from apps.editorial.services import revision_data
from apps.translation import services as translation_services

# Playwright's sync API runs an event loop in the test thread; Django must not refuse DB access.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

PASSWORD = "correct horse battery staple"


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    """Tests read pages again after changing data behind the signals' back (and count their
    queries); tests/core/test_page_cache.py switches the page cache on."""
    settings.PAGE_CACHE_SECONDS = 0
    settings.READ_MODEL_SECONDS = 0  # the same for read models (tests/core/test_read_models.py)
    read_models.process_copies.clear()  # a copy from another test's data must not be served
    # Regions are kept under their own version, which only a committed region change moves: a
    # region of an earlier test (rolled back, its id not reused on PostgreSQL) must not be.
    core_queries.REGIONS.renew()


@pytest.fixture
def outside_transactions(settings, monkeypatch):
    """Read models and kept pages on, as in a request, where no transaction is open (a test
    runs inside one, and nothing is kept inside a transaction); a fresh content version."""
    settings.READ_MODEL_SECONDS = 60
    monkeypatch.setattr(read_models, "connection", types.SimpleNamespace(in_atomic_block=False))
    page_cache.CONTENT.renew()


@pytest.fixture(autouse=True, scope="session")
def _fast_password_hashing():
    """Real hashing costs ~0.3 s per user; the matrix creates dozens of users, and each load
    of the demo (in module-wide fixtures, before any test's own fixtures) eleven."""
    from django.conf import settings
    from django.contrib.auth.hashers import get_hashers

    before = settings.PASSWORD_HASHERS
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    get_hashers.cache_clear()
    yield
    settings.PASSWORD_HASHERS = before
    get_hashers.cache_clear()


@pytest.fixture(autouse=True)
def _generous_sign_in_limits(settings):
    # The suite signs in hundreds of times from 127.0.0.1; the limits get their own test.
    settings.SIGN_IN_RATE_PER_ACCOUNT = "10000/m"
    settings.SIGN_IN_RATE_PER_ADDRESS = "10000/m"


def give_app(user: User) -> TOTPDevice:
    """Switch two-step sign-in on for ``user``: a confirmed authenticator app (and no recovery
    codes). Its current code: ``two_factor.code_for(device)``."""
    device = two_factor.app_device(user)
    return device or TOTPDevice.objects.create(user=user, name="Test phone", confirmed=True)


def verify_session(client, user: User) -> None:
    """Mark the client's session as having passed two-step sign-in, as the code would."""
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = give_app(user).persistent_id
    session.save()


@pytest.fixture(autouse=True)
def _force_login_includes_the_second_step(monkeypatch):
    """``client.force_login(user)`` stands for a finished sign-in, second step included: a user
    whose role requires two-step sign-in (or who has it on) is given an authenticator app and a
    verified session. Tests of two-step sign-in itself sign in through the pages, or use
    ``sign_in_with_password_only``."""

    def force_login(self, user, backend=None):
        sign_in_with_password_only(self, user, backend)
        fresh = User.objects.get(pk=user.pk)  # memberships may have changed since it was loaded
        if two_factor.is_enabled(fresh) or two_factor.required_for(fresh):
            verify_session(self, fresh)

    monkeypatch.setattr(Client, "force_login", force_login)


def sign_in_with_password_only(client, user: User, backend=None) -> None:
    """Django's own ``force_login``: signed in, but without the second step."""
    _django_force_login(client, user, backend)


_django_force_login = Client.force_login


@pytest.fixture(scope="session")
def _test_media(tmp_path_factory):
    return tmp_path_factory.mktemp("media")


@pytest.fixture(autouse=True)
def _media_outside_the_project(settings, _test_media):
    # Uploads, and the audio read-aloud records whenever a test's publication commits, never
    # land in the developer's own media directory.
    settings.MEDIA_ROOT = _test_media


@pytest.fixture(autouse=True)
def _services_start_trusted():
    """Each test starts with closed circuit breakers: one test's dead Redis is not the next's."""
    from apps.core import breaker

    breaker.cache.reset()
    breaker.broker.reset()
    yield
    breaker.cache.reset()
    breaker.broker.reset()


@pytest.fixture(autouse=True)
def _english_by_default():
    with translation.override("en"):
        yield


def translated(**texts: str) -> dict:
    """``translated(name={"de": "Wohnen", "en": "Housing"})`` → modeltranslation columns."""
    fields = {}
    for field, values in texts.items():
        for code, value in values.items():
            fields[f"{field}_{code.replace('-', '_')}"] = value
    return fields


@pytest.fixture
def region(db) -> Region:
    from apps.glossary.matching import forget

    region = Region.objects.create(
        slug="testville",
        is_default=True,
        source_language="de",
        enabled_languages=list(languages.CODES),
        **translated(
            name={"de": "Teststadt", "en": "Testville", "ar": "تستفيل", "zh-hans": "测试市"},
        ),
        contact_email="info@testville.example",
    )
    forget(region)  # ids are reused between tests; caches keyed by them must not be
    return region


@pytest.fixture
def other_region(db) -> Region:
    return Region.objects.create(
        slug="elsewhere",
        hostname="elsewhere.example",
        source_language="de",
        enabled_languages=["de", "en"],
        **translated(name={"de": "Anderswo", "en": "Elsewhere"}),
    )


def make_organisation(region: Region, slug: str, kind: str, name: str) -> Organisation:
    return Organisation.objects.create(
        region=region, slug=slug, kind=kind, **translated(name={"en": name, "de": name})
    )


def make_member(organisation: Organisation, role: str, email: str, **extra) -> User:
    user = User.objects.filter(email=email).first() or User.objects.create_user(email, PASSWORD)
    Membership.objects.create(user=user, organisation=organisation, role=role, **extra)
    return user


@pytest.fixture
def authority(region) -> Organisation:
    return make_organisation(region, "city-office", OrganisationKind.AUTHORITY, "City Office")


@pytest.fixture
def ngo(region) -> Organisation:
    return make_organisation(region, "helping-hands", OrganisationKind.NGO, "Helping Hands")


@pytest.fixture
def other_ngo(region) -> Organisation:
    return make_organisation(region, "other-ngo", OrganisationKind.NGO, "Other NGO")


@pytest.fixture
def people(region, authority, ngo, other_ngo, other_region) -> dict[str, User | None]:
    """One person per role, plus the outsiders the permission matrix must keep out."""
    foreign_authority = make_organisation(
        other_region, "foreign-office", OrganisationKind.AUTHORITY, "Foreign Office"
    )
    return {
        "anonymous": None,
        "no_role": User.objects.create_user("nobody@example.org", PASSWORD),
        "region_admin": make_member(authority, Role.REGION_ADMIN, "admin@example.org"),
        "editor": make_member(authority, Role.EDITOR, "editor@example.org"),
        "reviewer": make_member(authority, Role.REVIEWER, "reviewer@example.org"),
        "translator": make_member(
            authority, Role.TRANSLATOR, "translator@example.org", languages=["ar", "uk"]
        ),
        "statistics_manager": make_member(authority, Role.STATISTICS_MANAGER, "stats@example.org"),
        "ngo_admin": make_member(ngo, Role.NGO_ADMIN, "ngo-admin@example.org"),
        "ngo_member": make_member(ngo, Role.NGO_MEMBER, "ngo-member@example.org"),
        "other_ngo_admin": make_member(other_ngo, Role.NGO_ADMIN, "other-ngo@example.org"),
        "foreign_region_admin": make_member(
            foreign_authority, Role.REGION_ADMIN, "foreign-admin@example.org"
        ),
    }


@pytest.fixture
def taxonomy(region) -> dict:
    housing = Topic.objects.create(
        region=region,
        slug="housing",
        icon="housing",
        **translated(
            name={"de": "Wohnen", "en": "Housing", "ar": "السكن", "zh-hans": "住房"},
            description={"en": "Finding a flat.", "ar": "العثور على شقة."},
        ),
    )
    Topic.objects.create(
        region=region,
        parent=housing,
        slug="social-housing",
        **translated(name={"de": "Sozialwohnung", "en": "Social housing", "ar": "السكن الاجتماعي"}),
    )
    refugee = UserType.objects.create(
        region=region,
        slug="refugee",
        **translated(name={"de": "Geflüchtete", "en": "Refugee", "ar": "لاجئ"}),
    )
    return {"housing": housing, "refugee": refugee}


def article_data(
    title="Wohnung anmelden",
    summary="So melden Sie Ihre Wohnung an.",
    body="## Termin\nBuchen Sie einen Termin.",
    **extra,
) -> dict:
    return revision_data(
        Article, {"title": title, "summary": summary, "body": body, "kind": "guidance", **extra}
    )


@pytest.fixture
def publish_article(people, authority, region):
    """Write, submit and publish an article through the workflow, as editor and reviewer."""

    def make(**texts) -> Article:
        return publish_new(Article, article_data(**texts), people, authority, region)

    return make


def publish_new(model, data: dict, people, authority, region):
    """Create an item as the editor and have the reviewer publish it."""
    item = services.create_item(
        model, region=region, organisation=authority, data=data, author=people["editor"]
    )
    services.submit_for_review(item, user=people["editor"])
    services.publish(item, user=people["reviewer"])
    item.refresh_from_db()
    return item


@pytest.fixture
def translate(translate_item):
    """Translate an article into a language and publish that version."""

    def make(article: Article, language: str, **texts) -> None:
        defaults = {
            "title": f"[{language}] title",
            "summary": f"[{language}] summary",
            "body": f"[{language}] body",
        }
        translate_item(article, language, {**defaults, **texts})

    return make


@pytest.fixture(autouse=True)
def _tasks_run_in_process():
    """Unit tests run Celery tasks in-process; tests/translation/test_worker.py uses a real worker."""
    from portal.celery import app

    always_eager = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = always_eager


@pytest.fixture
def revise(people):
    """Change a published article's original through the workflow (edit, review, publish)."""

    def make(article: Article, **texts) -> Article:
        latest = services.latest_revision(article)
        services.save_draft(
            article, data=article_data(**texts), author=people["editor"], base_number=latest.number
        )
        services.submit_for_review(article, user=people["editor"])
        services.publish(article, user=people["reviewer"])
        article.refresh_from_db()
        return article

    return make


@pytest.fixture
def publish_term(people, authority, region):
    """Publish a glossary term, optionally with translations: ``publish_term("Kita", ar=...)``."""
    from apps.glossary.models import Term

    def make(
        term: str,
        definition: str = "",
        variants: str = "",
        show_original: bool = True,
        **translations,
    ) -> Term:
        data = revision_data(
            Term,
            {
                "term": term,
                "definition": definition or f"Erklärung von {term}.",
                "variants": variants,
                "show_original": show_original,
            },
        )
        item = publish_new(Term, data, people, authority, region)
        for language, (text, definition_text, variant_text) in translations.items():
            code = language.replace("_", "-")
            translation_services.save_translation(
                item,
                language=code,
                texts={"term": text, "definition": definition_text, "variants": variant_text},
                user=people["translator"],
                base_version=None,
                done=True,
            )
            translation_services.publish_translation(item, language=code, user=people["reviewer"])
        item.refresh_from_db()
        return item

    return make


@pytest.fixture
def translate_item(people):
    """Translate any editorial item into a language and publish that version."""

    def make(item, language: str, texts: dict) -> None:
        translation_services.save_translation(
            item,
            language=language,
            texts=texts,
            user=people["translator"],
            base_version=None,
            done=True,
        )
        translation_services.publish_translation(item, language=language, user=people["reviewer"])
        item.refresh_from_db()

    return make


@pytest.fixture
def api_schema(db):
    """The published OpenAPI document, as Schemathesis loads it (tests/openapi.py)."""
    from tests.openapi import published_schema

    with published_schema() as schema:
        yield schema


@pytest.fixture
def documented(api_schema):
    """``documented("GET", "/api/v1/topics/{id}/", id=1)``: the answer, checked against the
    schema (no server error; content type, headers and body as documented)."""
    from tests.openapi import caller

    return caller(api_schema)
