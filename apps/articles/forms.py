from django import forms
from django.utils.translation import gettext as _

from apps.articles.models import Article
from apps.editorial.forms import RevisionForm


class ArticleForm(RevisionForm):
    class Meta:
        model = Article
        fields = [
            "title",
            "summary",
            "body",
            "kind",
            "topics",
            "user_types",
            "valid_from",
            "valid_until",
            "image",
            "image_alt",
        ]
        widgets = {
            "body": forms.Textarea(attrs={"rows": 18}),
            "summary": forms.Textarea(attrs={"rows": 3}),
            "topics": forms.CheckboxSelectMultiple,
            "user_types": forms.CheckboxSelectMultiple,
            "valid_from": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "valid_until": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def clean(self):
        data = super().clean()
        start, end = data.get("valid_from"), data.get("valid_until")
        if start and end and end < start:
            self.add_error("valid_until", _("The end date is before the start date."))
        if data.get("image") and not data.get("image_alt"):
            self.add_error("image_alt", _("Describe the image for people who cannot see it."))
        return data
