"""Calling the API through its WSGI application, as Schemathesis does, inside the test's
transaction, and checking answers against the OpenAPI document the API publishes (the fixtures
``api_schema`` and ``documented`` in tests/conftest.py)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import schemathesis
from django.core import signals
from django.db import close_old_connections
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
)

#: What every answer must be: no server error, and the content type, headers and body the
#: schema documents for its status.
CHECKS = [
    not_a_server_error,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]
#: The WSGI test client does not unzip what the GZip middleware packs.
PLAIN = {"Accept-Encoding": "identity"}


@contextmanager
def published_schema() -> Iterator[schemathesis.BaseSchema]:
    """The OpenAPI document, loaded by Schemathesis from the WSGI application.

    Django's WSGI handler closes the database connection after each request, which would end
    the test's transaction; Django's own test client disconnects the same signal."""
    from portal.wsgi import application

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", application)
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


def caller(schema):
    """``call("GET", "/api/v1/events/{slug}/", slug="x")``: calls the operation and fails
    unless the answer is what the schema says; returns the response."""

    def call(method: str, path: str, *, query=None, headers=None, body=None, **path_parameters):
        operation = schema[path][method]
        extra = {} if body is None else {"body": body, "media_type": "application/json"}
        case = operation.Case(path_parameters=path_parameters or None, query=query, **extra)
        return case.call_and_validate(headers={**PLAIN, **(headers or {})}, checks=CHECKS)

    return call
