"""The migrant portal's pages show every domain: their fixtures, in one place."""

from tests.events.conftest import make_event  # noqa: F401
from tests.procedures.conftest import publish_place, publish_procedure  # noqa: F401
