from modeltranslation.translator import TranslationOptions, register

from apps.glossary.models import Term


@register(Term)
class TermTranslationOptions(TranslationOptions):
    fields = Term.translatable_fields
