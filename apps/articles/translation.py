from modeltranslation.translator import TranslationOptions, register

from apps.articles.models import Article


@register(Article)
class ArticleTranslationOptions(TranslationOptions):
    fields = Article.translatable_fields
