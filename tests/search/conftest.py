"""Published content, indexed the way publishing indexes it: after the commit, by the task."""

from __future__ import annotations

import pytest
from django.db import transaction
from django.utils import translation

from apps.demo.services import load_demo
from apps.editorial import services
from apps.search import services as search_services
from apps.search.queries import search
from tests.procedures.conftest import procedure_data, publish_procedure, step

__all__ = ["publish_procedure"]  # the fixture, shared with the procedures' tests


@pytest.fixture(scope="module")
def demo(django_db_blocker, django_db_setup):
    """The demo town, indexed and embedded (its vectors come with it), once per module that
    uses it (rolled back after the module)."""
    with django_db_blocker.unblock(), transaction.atomic():
        with translation.override("en"):
            region, _accounts = load_demo()
        search_services.rebuild(region)
        search_services.embed_all(region)
        yield region
        transaction.set_rollback(True)


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run what happens after the commit (the indexing) for the code in the block."""

    def block():
        return django_capture_on_commit_callbacks(execute=True)

    return block


@pytest.fixture
def registration(publish_procedure, translate_item, committed):
    """Address registration: German original, English and Chinese and Dari translations."""
    with committed():
        procedure = publish_procedure(
            "Wohnsitz anmelden",
            steps=[
                step("form", "Anmeldeformular ausfüllen", "Füllen Sie das Formular aus."),
                step("visit", "Beim Bürgeramt anmelden", "Sie bekommen die Meldebescheinigung."),
            ],
        )
        translate_item(procedure, "en", {
            "title": "Register your address",
            "summary": "Everybody who moves into a flat must register within two weeks.",
            "body": "Registration is required by law.",
            "steps.form.title": "Fill in the registration form",
            "steps.form.body": "Fill in the form for the whole family.",
            "steps.visit.title": "Book an appointment at the Citizens' Office",
            "steps.visit.body": "You get the registration certificate straight away.",
        })  # fmt: skip
        translate_item(procedure, "zh-hans", {
            "title": "住址登记",
            "summary": "搬进公寓的人必须在两周内登记住址。",
            "body": "登记是法律规定的。",
            "steps.form.title": "填写登记表",
            "steps.form.body": "为全家填写表格。",
            "steps.visit.title": "去市民服务局登记",
            "steps.visit.body": "您会马上拿到住址登记证明。",
        })  # fmt: skip
        translate_item(procedure, "fa-af", {
            "title": "ثبت آدرس",
            "summary": "هر کسی که به یک خانه نقل مکان می‌کند باید آدرس خود را ثبت کند.",
            "body": "ثبت آدرس طبق قانون لازم است.",
            "steps.form.title": "فورم ثبت را پر کنید",
            "steps.form.body": "فورم را برای تمام خانواده پر کنید.",
            "steps.visit.title": "به دفتر شهروندان بروید",
            "steps.visit.body": "تصدیق ثبت آدرس را فوراً می‌گیرید.",
        })  # fmt: skip
    return procedure


@pytest.fixture
def find(region):
    """The titles (and matching headings) a reader of ``code`` finds for ``text``."""

    def run(code: str, text: str, **filters) -> list[str]:
        return [result.title for result in search(region, code, text, **filters).results]

    return run


def revision(title: str, steps) -> dict:
    return procedure_data(title, steps)


def archive(item, user) -> None:
    services.archive(item, user=user)
