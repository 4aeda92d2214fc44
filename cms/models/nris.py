"""National, regional, sub-regional and youth IGF initiatives (NRIs) and their directory."""

from __future__ import annotations

import uuid

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable, Page

from cms.enums import (
    NRI_REGIONAL_GROUPS,
    NriEventTrack,
    NriKind,
    NriRegion,
    RecognitionStatus,
)
from cms.forms import NriIndexPageForm, NriPageForm
from cms.models.editions import validate_time_zone
from cms.services.nris import (
    EVENT_ENDS_BEFORE_START,
    REPORT_NEEDS_CONTENT,
    place_problems,
    region_label,
)
from cms.services.un_regional_groups import un_regional_group_of
from igfplus.enums import EditionFormat
from igfplus.models.translation import record_content

# Recognition, deadlines and coordinators are the secretariat's to set: whoever may manage
# user accounts (the secretariat role, superusers) sees those fields; coordinators do not.
SECRETARIAT_PERMISSION = "igfplus.change_user"


class NriIndexPage(Page):
    """The directory of NRIs at ``/nris/``; also holds the yearly reporting deadline."""

    intro = models.TextField(_("introduction"), blank=True)
    report_due_month = models.PositiveSmallIntegerField(
        _("reports due: month"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
        help_text=_("The report on a year is due by this day of the following year."),
    )
    report_due_day = models.PositiveSmallIntegerField(
        _("reports due: day"),
        default=31,
        validators=[MinValueValidator(1), MaxValueValidator(31)],
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldRowPanel(
            [
                FieldPanel("report_due_month", permission=SECRETARIAT_PERMISSION),
                FieldPanel("report_due_day", permission=SECRETARIAT_PERMISSION),
            ],
            heading=_("Annual reports are due by"),
        ),
    ]

    base_form_class = NriIndexPageForm
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.NriPage"]
    max_count = 1
    template = "cms/nri_index_page.html"

    class Meta:
        verbose_name = _("NRI directory")

    def get_context(self, request, *args, **kwargs):
        from django.utils.functional import SimpleLazyObject

        from cms.selectors import NriFilters, nri_directory, nri_directory_version

        context = super().get_context(request, *args, **kwargs)
        filters = NriFilters.from_query(request.GET)
        today = timezone.localdate()
        context["filters"] = filters
        # The listing is a cached fragment of the template, keyed by this version: the
        # directory is read only when the fragment is not in the cache.
        context["directory_version"] = (
            f"{nri_directory_version(index=self)}|{today}|{self.url}"
        )
        context["directory"] = SimpleLazyObject(
            lambda: nri_directory(index=self, filters=filters, today=today)
        )
        context["subscribe"] = _subscribe(request, None)
        context["kinds"] = NriKind.choices
        context["groups"] = NRI_REGIONAL_GROUPS
        context["statuses"] = RecognitionStatus.choices
        return context


class NriPage(Page):
    """One initiative at ``/nris/<slug>/``; its name is the page title."""

    acronym = models.CharField(_("acronym"), max_length=40)
    kind = models.CharField(_("kind"), max_length=16, choices=NriKind.choices)
    country = CountryField(
        _("country"), blank=True, help_text=_("Only for national (and youth) IGFs.")
    )
    region = models.CharField(
        _("region"),
        max_length=32,
        choices=NriRegion.choices,
        blank=True,
        help_text=_("For regional and sub-regional IGFs."),
    )
    un_regional_group = models.CharField(
        _("UN regional group"),
        max_length=32,
        choices=NRI_REGIONAL_GROUPS,
        blank=True,
        help_text=_(
            "Set from the country when there is one; choose it for the others "
            "(empty when the initiative spans several groups)."
        ),
    )
    website = models.URLField(_("website"), blank=True)
    established_year = models.PositiveSmallIntegerField(
        _("year established"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1995), MaxValueValidator(2100)],
    )
    recognition_status = models.CharField(
        _("recognition status"),
        max_length=16,
        choices=RecognitionStatus.choices,
        default=RecognitionStatus.UNDER_REVIEW,
    )
    recognized_on = models.DateField(_("recognized on"), null=True, blank=True)
    intro = models.TextField(_("about"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("acronym"), FieldPanel("kind")]),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("country"), FieldPanel("region")]),
                FieldPanel("un_regional_group"),
            ],
            heading=_("Where"),
        ),
        FieldRowPanel([FieldPanel("website"), FieldPanel("established_year")]),
        # Recognition is the secretariat's decision, not the coordinators'.
        FieldRowPanel(
            [
                FieldPanel("recognition_status", permission=SECRETARIAT_PERMISSION),
                FieldPanel("recognized_on", permission=SECRETARIAT_PERMISSION),
            ]
        ),
        FieldPanel("coordinators", permission=SECRETARIAT_PERMISSION),
        FieldPanel("intro"),
        InlinePanel("events", heading=_("Events"), label=_("Event")),
        InlinePanel("annual_reports", heading=_("Annual reports"), label=_("Report")),
        InlinePanel("translations", heading=_("Translations"), label=_("Translation")),
    ]

    base_form_class = NriPageForm
    parent_page_types = ["cms.NriIndexPage"]
    subpage_types: list[str] = []
    template = "cms/nri_page.html"

    class Meta:
        verbose_name = _("NRI")
        verbose_name_plural = _("NRIs")
        constraints = [
            models.UniqueConstraint(Lower("acronym"), name="cms_nri_acronym_ci_unique")
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.acronym})"

    @property
    def region_name(self) -> str:
        return region_label(self.region)

    def clean(self):
        super().clean()
        problems = place_problems(
            kind=self.kind, country=str(self.country or ""), region=self.region
        )
        if problems:
            raise ValidationError(
                {field: ValidationError(message) for field, message in problems.items()}
            )
        group = un_regional_group_of(str(self.country or ""))
        if group:
            self.un_regional_group = group

    def acronym_taken(self, acronym: str) -> bool:
        """Whether another NRI uses ``acronym``, in any case (EuroDIG = eurodig)."""
        others = NriPage.objects.filter(acronym__iexact=acronym)
        if self.pk:
            others = others.exclude(pk=self.pk)
        return others.exists()

    def get_context(self, request, *args, **kwargs):
        from cms.selectors import nri_profile

        context = super().get_context(request, *args, **kwargs)
        context["profile"] = nri_profile(nri=self, today=timezone.localdate())
        context["content"] = record_content(self, get_language())
        context["subscribe"] = _subscribe(request, self)
        return context


class NriEvent(Orderable):
    """A meeting of an NRI; ``guid`` is its UID in every calendar, for ever."""

    page = ParentalKey(NriPage, on_delete=models.CASCADE, related_name="events")
    guid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    title = models.CharField(_("title"), max_length=255)
    start_at = models.DateTimeField(_("starts"))
    end_at = models.DateTimeField(_("ends"))
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        validators=[validate_time_zone],
        help_text=_("IANA name of the local time zone, e.g. Africa/Nairobi."),
    )
    city = models.CharField(_("city"), max_length=100, blank=True)
    country = CountryField(_("country"), blank=True)
    format = models.CharField(
        _("format"),
        max_length=16,
        choices=EditionFormat.choices,
        default=EditionFormat.HYBRID,
    )
    link = models.URLField(_("link"), blank=True)
    track = models.CharField(
        _("track"),
        max_length=16,
        choices=NriEventTrack.choices,
        blank=True,
        help_text=_("For parliamentary or youth track sessions held at this event."),
    )
    is_cancelled = models.BooleanField(
        _("cancelled"),
        default=False,
        help_text=_(
            "Tick this instead of deleting a called-off event: subscribed calendars "
            "then show it as cancelled rather than dropping it silently."
        ),
    )
    # Calendar change signals, kept by NriPageForm: not edited by hand.
    sequence = models.PositiveIntegerField(default=0, editable=False)
    changed_at = models.DateTimeField(default=timezone.now, editable=False)

    panels = [
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("start_at"), FieldPanel("end_at")]),
        FieldPanel("time_zone"),
        FieldRowPanel([FieldPanel("city"), FieldPanel("country")]),
        FieldRowPanel([FieldPanel("format"), FieldPanel("track")]),
        FieldPanel("link"),
        FieldPanel("is_cancelled"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("NRI event")
        verbose_name_plural = _("NRI events")
        indexes = [models.Index(fields=["start_at"])]

    def __str__(self) -> str:
        return self.title

    def clean(self):
        super().clean()
        if self.start_at and self.end_at and self.end_at < self.start_at:
            raise ValidationError(
                {"end_at": ValidationError(EVENT_ENDS_BEFORE_START, code="end_before")}
            )


class NriAnnualReport(Orderable):
    """An NRI's report on one year: text, a document, or both."""

    page = ParentalKey(NriPage, on_delete=models.CASCADE, related_name="annual_reports")
    year = models.PositiveSmallIntegerField(
        _("year reported on"),
        validators=[MinValueValidator(1995), MaxValueValidator(2100)],
    )
    submitted_on = models.DateField(_("submitted on"), default=timezone.localdate)
    text = models.TextField(_("report"), blank=True)
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("document"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        FieldRowPanel([FieldPanel("year"), FieldPanel("submitted_on")]),
        FieldPanel("text"),
        FieldPanel("document"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("annual report")
        verbose_name_plural = _("annual reports")

    def __str__(self) -> str:
        return f"{self.page.acronym} {self.year}" if self.page_id else str(self.year)

    def clean(self):
        super().clean()
        if not self.text.strip() and not self.document_id:
            raise ValidationError(
                {"text": ValidationError(REPORT_NEEDS_CONTENT, code="empty_report")}
            )


def _subscribe(request, nri: NriPage | None) -> dict[str, str] | None:
    """Subscribe links to the feed of one NRI's events, or of all NRIs' events."""
    from django.urls import NoReverseMatch, reverse
    from django.utils.translation import gettext

    from igfplus.ical import subscribe_links

    try:
        if nri is None:
            url = reverse("nris:all_events_ical")
            name = gettext("IGF national and regional initiatives — events")
        else:
            url = reverse("nris:events_ical", args=[nri.slug])
            name = f"{nri.acronym} — {gettext('events')}"
    except NoReverseMatch:
        return None  # the root URLconf does not mount cms.urls: no feed to offer
    return subscribe_links(request.build_absolute_uri(url), name)
