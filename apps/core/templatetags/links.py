"""Links to public pages from templates of any app, without naming a frontend's URLs
(apps.core.links): ``{{ procedure|public_url }}``, ``{% link "organisations" %}``."""

from django import template

from apps.core import links

register = template.Library()


@register.filter
def public_url(item) -> str:
    return links.public_url(item)


@register.simple_tag
def link(name: str, **kwargs) -> str:
    return links.link(name, **kwargs)
