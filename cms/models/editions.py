import datetime as dt
import zoneinfo

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page

from cms.forms import ForumEditionPageForm
from cms.services.editions import (
    END_BEFORE_START,
    INVALID_TIME_ZONE,
    YEAR_MISMATCH,
    is_valid_time_zone,
)
from igfplus.enums import EditionFormat
from igfplus.models.translation import record_content


def validate_time_zone(value: str) -> None:
    if not is_valid_time_zone(value):
        raise ValidationError(
            INVALID_TIME_ZONE, code="invalid_time_zone", params={"value": value}
        )


class ForumEditionPage(Page):
    """One annual meeting of the IGF, at ``/<acronym>/``; the slug is the acronym."""

    ordinal = models.PositiveSmallIntegerField(
        _("ordinal"),
        unique=True,
        validators=[MinValueValidator(1)],
        help_text=_("1 for the first IGF (2006), 20 for the twentieth (2025)."),
        error_messages={"unique": _("Another edition already has this ordinal.")},
    )
    year = models.PositiveSmallIntegerField(
        _("year"),
        unique=True,
        validators=[MinValueValidator(2006), MaxValueValidator(2100)],
        error_messages={"unique": _("Another edition is already held this year.")},
    )
    host_city = models.CharField(_("host city"), max_length=100, blank=True)
    country = CountryField(_("host country"), blank=True)
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    start_on = models.DateField(_("first day"))
    end_on = models.DateField(_("last day"))
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        validators=[validate_time_zone],
        help_text=_("IANA name of the host's time zone, e.g. Europe/Oslo."),
    )
    overarching_theme = models.CharField(_("overarching theme"), max_length=255)
    format = models.CharField(
        _("format"),
        max_length=16,
        choices=EditionFormat.choices,
        default=EditionFormat.HYBRID,
    )
    intro = RichTextField(
        _("introduction"), blank=True, features=["bold", "italic", "link", "ol", "ul"]
    )

    # The title's slug sync is off on purpose: the acronym is typed, not derived.
    content_panels = [
        FieldPanel("title"),
        FieldPanel(
            "slug",
            heading=_("Acronym"),
            help_text=_("Lowercase, also the address: igf2025 → /igf2025/."),
        ),
        FieldRowPanel([FieldPanel("ordinal"), FieldPanel("year")]),
        FieldPanel("overarching_theme"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("host_city"), FieldPanel("country")]),
                FieldPanel("venue"),
                FieldRowPanel([FieldPanel("start_on"), FieldPanel("end_on")]),
                FieldPanel("time_zone"),
                FieldPanel("format"),
            ],
            heading=_("Where and when"),
        ),
        FieldPanel("intro"),
        InlinePanel("themes", heading=_("Sub-themes"), label=_("Sub-theme")),
        InlinePanel("translations", heading=_("Translations"), label=_("Translation")),
    ]
    # The slug is edited as the acronym above, so the promote tab leaves it out.
    promote_panels = [
        MultiFieldPanel(
            [
                FieldPanel("seo_title"),
                FieldPanel("show_in_menus"),
                FieldPanel("search_description"),
            ],
            heading=_("For search engines"),
        )
    ]

    base_form_class = ForumEditionPageForm
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.StandardPage", "forum_sessions.ProgrammePage"]

    class Meta:
        verbose_name = _("forum edition")
        verbose_name_plural = _("forum editions")

    @property
    def acronym(self) -> str:
        return self.slug

    @property
    def tzinfo(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)

    def local_today(self, now: dt.datetime) -> dt.date:
        """The date in the host's time zone at the instant ``now``."""
        return now.astimezone(self.tzinfo).date()

    def clean(self):
        # The acronym (slug) is checked by ForumEditionPageForm, before Wagtail's own
        # slug checks, so that the user sees one clear message for it.
        errors = {}
        if self.start_on and self.end_on and self.end_on < self.start_on:
            errors["end_on"] = ValidationError(
                END_BEFORE_START, code="end_before_start"
            )
        if self.start_on and self.year and self.start_on.year != self.year:
            errors["start_on"] = ValidationError(
                YEAR_MISMATCH, code="year_mismatch", params={"year": self.year}
            )
        if errors:
            raise ValidationError(errors)
        super().clean()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["content"] = record_content(self, get_language())
        return context

    def acronym_taken(self, acronym: str) -> bool:
        """Whether another edition uses ``acronym`` (site-wide, not only among siblings)."""
        # A page's own translations share its acronym.
        return (
            ForumEditionPage.objects.filter(slug=acronym)
            .exclude(translation_key=self.translation_key)
            .exists()
        )


class EditionTheme(Orderable):
    """A sub-theme of an edition, e.g. “Harnessing innovation and balancing risks”."""

    page = ParentalKey(
        ForumEditionPage, on_delete=models.CASCADE, related_name="themes"
    )
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    policy_questions = models.TextField(
        _("policy questions"), blank=True, help_text=_("One question per line.")
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("description"),
        FieldPanel("policy_questions"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("sub-theme")
        verbose_name_plural = _("sub-themes")

    def __str__(self) -> str:
        return self.name

    @property
    def policy_question_list(self) -> list[str]:
        return [
            line.strip() for line in self.policy_questions.splitlines() if line.strip()
        ]
