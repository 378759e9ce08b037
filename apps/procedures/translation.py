from modeltranslation.translator import TranslationOptions, register

from apps.procedures.models import Document, Procedure, Step, Tip


@register(Document)
class DocumentTranslationOptions(TranslationOptions):
    fields = Document.translatable_fields


@register(Procedure)
class ProcedureTranslationOptions(TranslationOptions):
    fields = Procedure.translatable_fields


@register(Step)
class StepTranslationOptions(TranslationOptions):
    fields = Procedure.parts[0].translatable_fields


@register(Tip)
class TipTranslationOptions(TranslationOptions):
    fields = ("text",)
