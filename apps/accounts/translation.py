from modeltranslation.translator import TranslationOptions, register

from apps.accounts.models import Organisation


@register(Organisation)
class OrganisationTranslationOptions(TranslationOptions):
    fields = ("name", "address", "description", "services")
