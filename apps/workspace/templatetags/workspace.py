"""Template tags of the workspace pages."""

from __future__ import annotations

from django import template

register = template.Library()


@register.inclusion_tag("workspace/content/components/action_form.html", takes_context=True)
def action_form(context, action: str, label: str) -> dict:
    return {
        "action": action,
        "label": label,
        "ns": context["ns"],
        "editorial_type": context["editorial_type"],
        "item": context["item"],
        "csrf_token": context.get("csrf_token"),
    }


@register.filter
def choice_of(choices: dict, name: str) -> str:
    """``choices[name]``, or "" (the editor's choice for one field after a conflict)."""
    return (choices or {}).get(name, "")
