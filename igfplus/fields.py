"""Model fields without domain knowledge, shared by the apps."""

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

UN_LANGUAGES = [
    ("ar", _("Arabic")),
    ("zh", _("Chinese")),
    ("en", _("English")),
    ("fr", _("French")),
    ("ru", _("Russian")),
    ("es", _("Spanish")),
]

SDGS = [
    (1, _("1 No poverty")),
    (2, _("2 Zero hunger")),
    (3, _("3 Good health and well-being")),
    (4, _("4 Quality education")),
    (5, _("5 Gender equality")),
    (6, _("6 Clean water and sanitation")),
    (7, _("7 Affordable and clean energy")),
    (8, _("8 Decent work and economic growth")),
    (9, _("9 Industry, innovation and infrastructure")),
    (10, _("10 Reduced inequalities")),
    (11, _("11 Sustainable cities and communities")),
    (12, _("12 Responsible consumption and production")),
    (13, _("13 Climate action")),
    (14, _("14 Life below water")),
    (15, _("15 Life on land")),
    (16, _("16 Peace, justice and strong institutions")),
    (17, _("17 Partnerships for the goals")),
]


class ChoiceListField(models.JSONField):
    """A list of values from fixed choices, edited as checkboxes.

    Stored as a JSON list so it works the same on SQLite and PostgreSQL.
    """

    def __init__(self, *args, list_choices=(), coerce=str, **kwargs):
        self.list_choices = list(list_choices)
        self.coerce = coerce
        kwargs.setdefault("default", list)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        # Choices live in code, like TextChoices labels: no migration when a label changes.
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.JSONField", args, kwargs

    def formfield(self, **kwargs):
        return forms.TypedMultipleChoiceField(
            choices=self.list_choices,
            coerce=self.coerce,
            required=not self.blank,
            widget=forms.CheckboxSelectMultiple,
            label=self.verbose_name,
            help_text=self.help_text,
        )


class LanguageListField(ChoiceListField):
    """UN language codes (ar, zh, en, fr, ru, es)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, list_choices=UN_LANGUAGES, **kwargs)


class SDGListField(ChoiceListField):
    """Sustainable Development Goal numbers, 1 to 17."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, list_choices=SDGS, coerce=int, **kwargs)
