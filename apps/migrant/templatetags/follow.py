from django import template

from apps.migrant_accounts import follows

register = template.Library()


@register.inclusion_tag("migrant/components/follow_button.html", takes_context=True)
def follow_button(context, kind: str, object_id: int, about: str = "") -> dict:
    """ "Follow" for a signed-in migrant (a form), or a link to sign in for anybody else, so
    that the page anybody gets stays the same for everybody (and cacheable)."""
    request = context["request"]
    account = context.get("migrant_account")
    return {
        "request": request,
        "signed_in": bool(account),
        "following": follows.is_following(account, kind, object_id) if account else False,
        "kind": kind,
        "object_id": object_id,
        "about": about,
        "csrf_token": context.get("csrf_token"),
    }
