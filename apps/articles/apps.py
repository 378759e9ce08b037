from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    name = "apps.articles"
    verbose_name = _("Information articles")

    def ready(self) -> None:
        from apps.articles.forms import ArticleForm
        from apps.articles.models import Article
        from apps.editorial.registry import register

        register(Article, form=ArticleForm)
