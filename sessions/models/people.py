import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.search import index

from igfplus.enums import Gender, RegionalGroup, StakeholderGroup


class Person(index.Indexed, models.Model):
    """Someone who speaks, moderates or organises; across editions, with or without an account."""

    # Stable identity in schedule exports and imports (c3voc ``persons[].guid``).
    guid = models.UUIDField(_("GUID"), default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(_("name"), max_length=200)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    stakeholder_group = models.CharField(
        _("stakeholder group"), max_length=32, choices=StakeholderGroup.choices
    )
    regional_group = models.CharField(
        _("UN regional group"), max_length=32, choices=RegionalGroup.choices
    )
    country = CountryField(_("country"), blank=True)
    gender = models.CharField(
        _("gender"), max_length=32, choices=Gender.choices, blank=True
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="person",
        verbose_name=_("account"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("organisation"),
        FieldRowPanel([FieldPanel("stakeholder_group"), FieldPanel("regional_group")]),
        FieldRowPanel([FieldPanel("country"), FieldPanel("gender")]),
        FieldPanel("user"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("organisation"),
    ]

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["name"]
        indexes = [models.Index(fields=["name"])]

    def __str__(self) -> str:
        return self.name
