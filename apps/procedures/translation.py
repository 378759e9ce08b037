from modeltranslation.translator import TranslationOptions, register

from apps.procedures.models import Document


@register(Document)
class DocumentTranslationOptions(TranslationOptions):
    fields = Document.translatable_fields
