from tests.migrant_accounts.conftest import (  # noqa: F401 - fixtures
    _generous_limits,
    registration_procedure,
)
from tests.procedures.conftest import publish_document, publish_procedure  # noqa: F401
