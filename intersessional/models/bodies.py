"""Best Practice Forums, Policy Networks and Dynamic Coalitions, under ``/intersessional/``.

A body's meetings, outputs and sessions at the annual meeting are edited inline on its
page, so a facilitator who may edit the page (a page permission on it alone, see
``igfplus.services.page_stewards``) keeps all of them up to date and nothing else.
"""

from __future__ import annotations

import uuid

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page

from cms.models.editions import validate_time_zone
from igfplus.models.translation import record_content
from intersessional.enums import (
    BodyKind,
    BodyStatus,
    MeetingFormat,
    OutputKind,
    OutputStatus,
)
from intersessional.forms import IntersessionalBodyPageForm
from intersessional.services.meetings import END_BEFORE_START

LAST_YEAR_BEFORE_FIRST = _("The last year cannot be before the first year.")
OUTPUT_NEEDS_DOCUMENT_OR_LINK = _("Attach a document or give a link to the output.")
COMMENTS_ON_FINAL = _("Public comment is for drafts: set the status to draft.")

YEAR_VALIDATORS = [MinValueValidator(2006), MaxValueValidator(2100)]


class IntersessionalIndexPage(Page):
    """``/intersessional/``: every body, grouped by kind, with filters and the feeds."""

    intro = RichTextField(
        _("introduction"), blank=True, features=["bold", "italic", "link", "ol", "ul"]
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types = ["cms.HomePage"]
    subpage_types = ["intersessional.IntersessionalBodyPage"]
    max_count = 1
    template = "intersessional/index_page.html"

    class Meta:
        verbose_name = _("intersessional work index")

    def get_context(self, request, *args, **kwargs):
        from intersessional.views import index_context

        context = super().get_context(request, *args, **kwargs)
        context.update(index_context(request, self))
        return context


class IntersessionalBodyPage(RoutablePageMixin, Page):
    """One Best Practice Forum, Policy Network or Dynamic Coalition."""

    acronym = models.CharField(
        _("acronym"),
        max_length=32,
        blank=True,
        help_text=_("For example DC-AD or PNAI."),
    )
    kind = models.CharField(_("kind"), max_length=8, choices=BodyKind.choices)
    mandate = RichTextField(
        _("mandate"), blank=True, features=["bold", "italic", "link", "ol", "ul"]
    )
    first_year = models.PositiveSmallIntegerField(
        _("first year"), validators=YEAR_VALIDATORS
    )
    last_year = models.PositiveSmallIntegerField(
        _("last year"),
        null=True,
        blank=True,
        validators=YEAR_VALIDATORS,
        help_text=_("Leave empty while the body is active."),
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=BodyStatus.choices,
        default=BodyStatus.ACTIVE,
        help_text=_(
            "A Dynamic Coalition shows as inactive on its own while its yearly report "
            "is overdue."
        ),
    )
    mailing_list_url = models.URLField(_("mailing list"), blank=True)

    content_panels = [
        FieldPanel("title", heading=_("Name")),
        FieldRowPanel([FieldPanel("acronym"), FieldPanel("kind")]),
        FieldPanel("mandate"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("first_year"), FieldPanel("last_year")]),
                FieldPanel("status"),
                FieldPanel("mailing_list_url"),
            ],
            heading=_("Years and status"),
        ),
        InlinePanel("meetings", heading=_("Meetings"), label=_("Meeting")),
        InlinePanel("outputs", heading=_("Outputs"), label=_("Output")),
        InlinePanel(
            "session_links",
            heading=_("Sessions at the annual meeting"),
            label=_("Session"),
        ),
        InlinePanel("translations", heading=_("Translations"), label=_("Translation")),
    ]

    base_form_class = IntersessionalBodyPageForm
    parent_page_types = ["intersessional.IntersessionalIndexPage"]
    subpage_types: list[str] = []
    template = "intersessional/body_page.html"

    class Meta:
        verbose_name = _("intersessional body")
        verbose_name_plural = _("intersessional bodies")

    def __str__(self) -> str:
        return f"{self.title} ({self.acronym})" if self.acronym else self.title

    @property
    def short_name(self) -> str:
        return self.acronym or self.title

    def clean(self):
        super().clean()
        if self.first_year and self.last_year and self.last_year < self.first_year:
            raise ValidationError(
                {"last_year": ValidationError(LAST_YEAR_BEFORE_FIRST, code="years")}
            )

    def get_context(self, request, *args, **kwargs):
        from intersessional.views import body_context

        context = super().get_context(request, *args, **kwargs)
        context.update(body_context(request, self))
        context["content"] = record_content(self, get_language())
        return context

    @path("outputs/<int:output_id>/", name="output")
    def output_view(self, request, output_id: int):
        from intersessional.views import output_page

        return output_page(request, self, output_id)

    @path(
        "outputs/<int:output_id>/comments/<int:comment_id>/<slug:decision>/",
        name="moderate_comment",
    )
    def moderate_view(self, request, output_id: int, comment_id: int, decision: str):
        from intersessional.views import moderate_comment

        return moderate_comment(request, self, output_id, comment_id, decision)


class Meeting(Orderable):
    """A meeting of a body through the year; one event in its calendar feeds."""

    body = ParentalKey(
        IntersessionalBodyPage, on_delete=models.CASCADE, related_name="meetings"
    )
    # The iCalendar UID: it never changes, whatever else does.
    guid = models.UUIDField(_("GUID"), default=uuid.uuid4, unique=True, editable=False)
    title = models.CharField(_("title"), max_length=255)
    start_at = models.DateTimeField(
        _("starts"), help_text=_("Local time in the meeting's time zone.")
    )
    end_at = models.DateTimeField(
        _("ends"), help_text=_("Local time in the meeting's time zone.")
    )
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        validators=[validate_time_zone],
        default="UTC",
        help_text=_("IANA name the meeting is held in, e.g. Africa/Nairobi or UTC."),
    )
    format = models.CharField(
        _("format"),
        max_length=12,
        choices=MeetingFormat.choices,
        default=MeetingFormat.ONLINE,
    )
    location = models.CharField(_("location"), max_length=255, blank=True)
    online_link = models.URLField(_("link to join"), blank=True)
    description = models.TextField(_("description"), blank=True)
    is_cancelled = models.BooleanField(_("cancelled"), default=False)
    # Set by the page form (intersessional.services.meetings.restamp), never typed.
    sequence = models.PositiveIntegerField(default=0, editable=False)
    changed_at = models.DateTimeField(default=timezone.now, editable=False)

    panels = [
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("start_at"), FieldPanel("end_at")]),
        FieldRowPanel([FieldPanel("time_zone"), FieldPanel("format")]),
        FieldPanel("location"),
        FieldPanel("online_link"),
        FieldPanel("description"),
        FieldPanel("is_cancelled"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")

    def __str__(self) -> str:
        return (
            f"{self.title} ({self.start_at:%Y-%m-%d})" if self.start_at else self.title
        )

    def clean(self):
        super().clean()
        if self.start_at and self.end_at and self.end_at <= self.start_at:
            raise ValidationError(
                {"end_at": ValidationError(END_BEFORE_START, code="end_before_start")}
            )


class Output(Orderable):
    """A draft or final document of a body; outcomes cite it as a source of messages."""

    body = ParentalKey(
        IntersessionalBodyPage, on_delete=models.CASCADE, related_name="outputs"
    )
    title = models.CharField(_("title"), max_length=255)
    kind = models.CharField(_("kind"), max_length=16, choices=OutputKind.choices)
    status = models.CharField(
        _("status"),
        max_length=8,
        choices=OutputStatus.choices,
        default=OutputStatus.DRAFT,
    )
    year = models.PositiveSmallIntegerField(
        _("year"),
        validators=YEAR_VALIDATORS,
        help_text=_("The year of work it covers; a yearly report on 2025 says 2025."),
    )
    edition = models.ForeignKey(
        "cms.ForumEditionPage",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("annual meeting"),
    )
    published_on = models.DateField(_("date"))
    summary = models.TextField(_("summary"), blank=True)
    document = models.ForeignKey(
        "wagtaildocs.Document",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("document"),
    )
    link = models.URLField(_("link"), blank=True)
    comments_open_until = models.DateField(
        _("comments open until"),
        null=True,
        blank=True,
        help_text=_("Signed-in visitors may comment on a draft up to this day."),
    )

    panels = [
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("status")]),
        FieldRowPanel(
            [FieldPanel("year"), FieldPanel("edition"), FieldPanel("published_on")]
        ),
        FieldPanel("summary"),
        FieldRowPanel([FieldPanel("document"), FieldPanel("link")]),
        FieldPanel("comments_open_until"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("output")
        verbose_name_plural = _("outputs")

    def __str__(self) -> str:
        # How the outcomes module cites it: “DC-AD: Accessible meetings guide (2025, final)”.
        body = self.body.short_name if self.body_id else ""
        label = f"{self.title} ({self.year}, {self.get_status_display().lower()})"
        return f"{body}: {label}" if body else label

    def clean(self):
        super().clean()
        errors = {}
        if not self.document_id and not self.link:
            errors["link"] = ValidationError(
                OUTPUT_NEEDS_DOCUMENT_OR_LINK, code="no_document"
            )
        if self.comments_open_until and self.status == OutputStatus.FINAL:
            errors["comments_open_until"] = ValidationError(
                COMMENTS_ON_FINAL, code="comments_on_final"
            )
        if errors:
            raise ValidationError(errors)

    def get_url(self, request=None) -> str:
        """The output's public page: ``/intersessional/<body>/outputs/<id>/``."""
        body_url = self.body.get_url(request) or ""
        return body_url + self.body.reverse_subpage("output", args=[self.pk])

    @property
    def url(self) -> str:
        return self.get_url()


class BodySession(Orderable):
    """A session of the annual meeting the body organises (shown once released)."""

    body = ParentalKey(
        IntersessionalBodyPage, on_delete=models.CASCADE, related_name="session_links"
    )
    session = models.ForeignKey(
        "forum_sessions.SessionPage",
        on_delete=models.CASCADE,
        related_name="intersessional_links",
        verbose_name=_("session"),
    )

    panels = [FieldPanel("session")]

    class Meta(Orderable.Meta):
        verbose_name = _("session at the annual meeting")
        verbose_name_plural = _("sessions at the annual meeting")

    def __str__(self) -> str:
        return f"{self.body} at {self.session}"
