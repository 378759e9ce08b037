from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    name = "apps.articles"
    verbose_name = _("Information articles")

    def ready(self) -> None:
        from django.urls import reverse
        from django.utils import translation

        from apps.articles.forms import ArticleForm
        from apps.articles.models import Article
        from apps.editorial.registry import register

        def public_url(article: Article, code: str) -> str:
            with translation.override(code):
                return reverse("migrant:article", kwargs={"slug": article.slug})

        register(Article, form=ArticleForm, public_url=public_url)
