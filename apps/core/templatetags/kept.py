"""``{% keep %}``: a piece of a page rendered once per content version, language and region.

Most of what frames a migrant page — the header, the language menu, the navigation, the
footer — is the same for every reader of a language, and changes only when the content does
(a region's new name or contact, a new language). Rendering it costs more than the rest of a
kept page (dozens of ``{% url %}`` and ``{% translate %}`` per page), so it is kept like a read
model (:mod:`apps.core.read_models`): in the shared cache and in each process, under the content
version, so a change shows at once.

    {% keep "language-menu" request.get_full_path %}…{% endkeep %}

The first argument names the piece; the others are what else it depends on (the address, the
current page's name). Nothing personal may be inside: no form token, nothing of the signed-in
person — those stay outside the tag (a page's content that is personal for some readers is
kept by ``migrant.kept.KeptContentMixin``, which renders it afresh for them).
"""

from __future__ import annotations

import hashlib

from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from apps.core import read_models

register = template.Library()


class KeepNode(template.Node):
    def __init__(self, nodelist, name, depends_on):
        self.nodelist = nodelist
        self.name = name
        self.depends_on = depends_on

    def render(self, context) -> str:
        request = context.get("request")
        region = getattr(request, "region", None)
        parts = [get_language(), getattr(region, "pk", "")]
        parts += [str(value.resolve(context)) for value in self.depends_on]
        # Hashed: an address is part of some keys, and its length is the reader's to choose.
        digest = hashlib.blake2b("\x1f".join(map(str, parts)).encode(), digest_size=16)
        return mark_safe(  # noqa: S308 - what the template rendered, escaped as it rendered it
            read_models.kept(
                f"fragment:{self.name.resolve(context)}",
                (digest.hexdigest(),),
                lambda: str(self.nodelist.render(context)),
            )
        )


@register.tag("keep")
def keep(parser, token) -> KeepNode:
    bits = token.split_contents()[1:]
    if not bits:
        raise template.TemplateSyntaxError("{% keep %} needs a name for what it keeps.")
    nodelist = parser.parse(("endkeep",))
    parser.delete_first_token()
    return KeepNode(
        nodelist, parser.compile_filter(bits[0]), [parser.compile_filter(bit) for bit in bits[1:]]
    )
