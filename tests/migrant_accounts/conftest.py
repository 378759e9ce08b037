from __future__ import annotations

import re

import pytest
from django.core import mail
from django.test import TestCase

from tests.events.conftest import first_date, make_event  # noqa: F401 - fixtures
from tests.procedures.conftest import publish_document, publish_procedure, step  # noqa: F401


@pytest.fixture(autouse=True)
def _generous_limits(settings):
    settings.MIGRANT_SIGN_IN_RATE = "10000/h"
    settings.EVENT_REGISTRATION_RATE = "10000/h"


def ask_for_link(client, email: str, code: str = "en"):
    """Ask for a link; the e-mail is queued after the commit, as in production."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(f"/{code}/my/sign-in/", {"email": email})


def link_in_last_mail() -> str:
    return re.search(r"https?://\S+/my/sign-in/\S+/", mail.outbox[-1].body).group(0)


def sign_in(client, email: str = "amina@example.org", code: str = "en"):
    """Ask for a link as a reader of ``code`` and open it from the e-mail."""
    ask_for_link(client, email, code)
    link = link_in_last_mail()
    path = link.split("://", 1)[1].split("/", 1)[1]
    return client.post("/" + path)


@pytest.fixture
def registration_procedure(publish_procedure, publish_document):  # noqa: F811
    passport = publish_document("Reisepass", slug="reisepass")
    return publish_procedure(
        "Wohnung anmelden",
        steps=[step("termin", "Termin buchen"), step("amt", "Zum Amt", documents=[passport.pk])],
    )
