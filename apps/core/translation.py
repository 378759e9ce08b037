"""Fields that hold one value per language (django-modeltranslation)."""

from modeltranslation.translator import TranslationOptions, register

from apps.core.models import Region, Topic, UserType


@register(Region)
class RegionTranslationOptions(TranslationOptions):
    fields = ("name", "portal_name", "contact_address")


@register(Topic)
class TopicTranslationOptions(TranslationOptions):
    fields = ("name", "description")


@register(UserType)
class UserTypeTranslationOptions(TranslationOptions):
    fields = ("name", "description")
