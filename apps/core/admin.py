from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from apps.core.models import Region, Topic, UserType


@admin.register(Region)
class RegionAdmin(TranslationAdmin):
    list_display = ["name", "slug", "hostname", "is_default", "source_language"]


@admin.register(Topic)
class TopicAdmin(TranslationAdmin):
    list_display = ["name", "region", "parent", "position"]
    list_filter = ["region"]


@admin.register(UserType)
class UserTypeAdmin(TranslationAdmin):
    list_display = ["name", "region", "position"]
    list_filter = ["region"]
