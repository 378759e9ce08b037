from modeltranslation.translator import TranslationOptions, register

from apps.places.models import Place


@register(Place)
class PlaceTranslationOptions(TranslationOptions):
    fields = Place.translatable_fields
