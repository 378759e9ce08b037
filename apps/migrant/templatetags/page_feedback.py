from django import template
from django.contrib.contenttypes.models import ContentType

from apps.feedback.models import MAX_COMMENT

register = template.Library()


@register.inclusion_tag("migrant/components/page_feedback.html")
def page_feedback(item) -> dict:
    """ "Was this page helpful?" for ``item`` (a published content object): the same form for
    every reader, so that the page can be kept in the cache (no token, no cookie)."""
    content_type = ContentType.objects.get_for_model(item)  # cached: no query after the first
    return {"item_key": f"{content_type.pk}:{item.pk}", "max_comment": MAX_COMMENT}
