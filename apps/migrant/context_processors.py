from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from apps.migrant_accounts.session import current_account


def migrant_account(request: HttpRequest) -> dict:
    """The signed-in migrant's account (or None), looked up only if a template asks."""
    return {"migrant_account": SimpleLazyObject(lambda: current_account(request))}
