from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    name = "apps.articles"
    verbose_name = _("Information articles")

    def ready(self) -> None:
        from apps.articles import queries
        from apps.articles.forms import ArticleForm
        from apps.articles.models import Article
        from apps.core import topics
        from apps.editorial.registry import register
        from apps.translation.reading import section_readings

        topics.register_section(
            "articles",
            order=20,
            read=queries.articles_about,
            shown=section_readings,
        )
        register(Article, form=ArticleForm)
