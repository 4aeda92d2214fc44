import uuid

from django.conf import settings
from django.db import models
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Orderable, Page

from igfplus.fields import SDGS, UN_LANGUAGES, LanguageListField, SDGListField
from igfplus.ical import subscribe_links
from igfplus.models.translation import record_content
from sessions.enums import (
    Delivery,
    DiscussionFormat,
    PersonRole,
    Presence,
    SessionStatus,
    Track,
)


class ProgrammePage(RoutablePageMixin, Page):
    """An edition's public programme at ``/<edition>/programme/``, from its latest release."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types = ["cms.ForumEditionPage"]
    subpage_types = ["forum_sessions.SessionPage"]
    max_count_per_parent = 1
    template = "sessions/programme_page.html"

    class Meta:
        verbose_name = _("programme")

    @property
    def edition(self):
        if getattr(self, "_edition", None) is None:
            self._edition = self.get_parent().specific
        return self._edition

    @path("")
    def programme(self, request):
        from sessions.forms import ProgrammeFilterForm
        from sessions.selectors import (
            ProgrammeFilters,
            latest_release,
            on_local_day,
            programme_rows,
            release_days,
            released_sessions,
            starred_key,
            starred_session_ids,
        )
        from sessions.services.programme import ALL_DAYS, choose_day

        edition = self.edition
        release = latest_release(edition)
        form = ProgrammeFilterForm(request.GET or None, edition=edition)
        filters = form.filters() if form.is_valid() else ProgrammeFilters()
        days = release_days(release, edition.time_zone) if release else []
        day = choose_day(
            request.GET.get("day"),
            days,
            is_filtered=form.is_filtered,
            today=edition.local_today(timezone.now()),
        )

        def listing_rows():
            if not release:
                return []
            chosen = released_sessions(release, filters)
            if day:
                chosen = on_local_day(chosen, day, edition.time_zone)
            return programme_rows(chosen, language=get_language())

        selection = _selection_query(request, form)
        starred_ids = starred_session_ids(request.user)
        return self.render(
            request,
            context_overrides={
                "edition": edition,
                "release": release,
                "programme_url": self.url,
                "form": form,
                # Read only when the page's cached list is missing.
                "listing": _Listing(listing_rows, edition.time_zone),
                "day_links": _day_links(request, days, day, ALL_DAYS),
                "starred_ids": starred_ids,
                # The day's rows are cached per set of stars (and shared by visitors).
                "starred_key": starred_key(starred_ids),
                "tracks": Track.choices,
                "current_day": day,
                "subscribe": subscribe_links(
                    request.build_absolute_uri(
                        reverse("programme:ical", args=[edition.slug]) + selection
                    ),
                    f"{edition.title} — {_('Programme')}",
                ),
                "pdf_url": reverse("programme:pdf", args=[edition.slug]) + selection,
                "pdf_day_url": _with_day(
                    reverse("programme:pdf", args=[edition.slug]) + selection, day
                ),
            },
        )

    @path("tracks/<slug:track>/", name="track")
    def track(self, request, track):
        from sessions.views.tracks import track_page

        return track_page(request, self, track)

    @path("changes/", name="changes")
    def changes(self, request):
        return self.render(
            request,
            context_overrides={
                "edition": self.edition,
                "releases": self.edition.releases.order_by("-number"),
            },
            template="sessions/programme_changes.html",
        )


class _Listing:
    """The chosen sessions, day by day, worked out on first use."""

    def __init__(self, rows, time_zone):
        self._rows = rows
        self._time_zone = time_zone

    @cached_property
    def rows(self) -> list:
        return self._rows()

    @cached_property
    def days(self) -> list:
        from sessions.selectors import programme_days

        return programme_days(self.rows, self._time_zone)

    @property
    def count(self) -> int:
        return len(self.rows)


def _selection_query(request, form) -> str:
    """The visitor's valid filters as a query string (no day): feeds follow a selection."""
    if not form.is_filtered:
        return ""
    query = request.GET.copy()
    query.pop("day", None)
    return "?" + query.urlencode()


def _with_day(url: str, day) -> str:
    if day is None:
        return url
    return f"{url}{'&' if '?' in url else '?'}day={day.isoformat()}"


def _day_links(request, days, chosen, all_days: str) -> list[dict]:
    """Links to each day and to all days, keeping the visitor's filters."""
    links = []
    for value, day in [*((d.isoformat(), d) for d in days), (all_days, None)]:
        query = request.GET.copy()
        query["day"] = value
        links.append(
            {"day": day, "query": query.urlencode(), "is_current": day == chosen}
        )
    return links


class SessionPage(Page):
    """A session's content, edited by its organizers with Wagtail revisions.

    Where and when it takes place (its ``Placement``) is the MAG's, kept apart; the public
    sees both only through a release.
    """

    guid = models.UUIDField(_("GUID"), default=uuid.uuid4, unique=True, editable=False)
    # The edition is the grandparent page; kept here so programme queries need no tree walk.
    edition = models.ForeignKey(
        "cms.ForumEditionPage",
        on_delete=models.PROTECT,
        related_name="sessions",
        verbose_name=_("edition"),
    )
    session_type = models.ForeignKey(
        "forum_sessions.SessionType",
        on_delete=models.PROTECT,
        related_name="sessions",
        verbose_name=_("session type"),
    )
    number = models.PositiveIntegerField(_("number"), editable=False)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=SessionStatus.choices,
        default=SessionStatus.DRAFT,
    )
    description = models.TextField(_("description"), blank=True)
    policy_questions = models.TextField(
        _("policy questions"), blank=True, help_text=_("One question per line.")
    )
    theme = models.ForeignKey(
        "cms.EditionTheme",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sessions",
        verbose_name=_("sub-theme"),
    )
    sdgs = SDGListField(_("Sustainable Development Goals"))
    discussion_format = models.CharField(
        _("format"),
        max_length=16,
        choices=DiscussionFormat.choices,
        default=DiscussionFormat.PANEL,
    )
    languages = LanguageListField(
        _("languages"), help_text=_("Languages spoken in the session.")
    )
    delivery = models.CharField(
        _("onsite, hybrid or online"),
        max_length=8,
        choices=Delivery.choices,
        default=Delivery.HYBRID,
    )
    duration_minutes = models.PositiveSmallIntegerField(
        _("duration (minutes)"), default=60
    )
    expected_attendance = models.PositiveIntegerField(
        _("expected attendance"), null=True, blank=True
    )
    online_participation = models.TextField(
        _("how to take part online"),
        blank=True,
        help_text=_("Plain text shown on the session page and in calendar feeds."),
    )
    # Participation facets. Interpretation left empty means the room's (see
    # ``effective_interpretation``): most sessions simply use the room's booths.
    interpretation_languages = LanguageListField(
        _("interpretation into"),
        help_text=_(
            "Languages into which the session is interpreted. Leave empty to use the "
            "interpretation of the room it is placed in."
        ),
    )
    has_captioning = models.BooleanField(
        _("real-time captioning"),
        default=False,
        help_text=_("Live captions (CART) shown in the room and on the stream."),
    )
    captioning_languages = LanguageListField(
        _("captioning languages"),
        help_text=_("Leave empty for captions in the languages spoken."),
    )
    sign_language = models.CharField(
        _("sign language interpretation"),
        max_length=100,
        blank=True,
        help_text=_(
            "For example “International Sign” or a national sign language. Leave empty "
            "if there is none."
        ),
    )
    proposer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="proposed_sessions",
        verbose_name=_("proposer"),
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)

    content_panels = [
        FieldPanel("title"),
        # The type and status are the MAG's: changed by decisions and the Cancel action,
        # never by editing content (a revision must not carry them back).
        FieldRowPanel(
            [
                FieldPanel("session_type", read_only=True),
                FieldPanel("status", read_only=True),
            ]
        ),
        FieldPanel("description"),
        FieldPanel("policy_questions"),
        FieldRowPanel([FieldPanel("theme"), FieldPanel("discussion_format")]),
        FieldPanel("sdgs"),
        FieldPanel("languages"),
        FieldRowPanel(
            [
                FieldPanel("delivery"),
                FieldPanel("duration_minutes"),
                FieldPanel("expected_attendance"),
            ]
        ),
        FieldPanel("online_participation"),
        MultiFieldPanel(
            [
                FieldPanel("interpretation_languages"),
                FieldRowPanel(
                    [FieldPanel("has_captioning"), FieldPanel("captioning_languages")]
                ),
                FieldPanel("sign_language"),
            ],
            heading=_("Interpretation, captioning and sign language"),
        ),
        InlinePanel("participants", heading=_("People"), label=_("Person")),
        InlinePanel("translations", heading=_("Translations"), label=_("Translation")),
    ]
    promote_panels = [
        MultiFieldPanel(
            [FieldPanel("seo_title"), FieldPanel("search_description")],
            heading=_("For search engines"),
        )
    ]

    parent_page_types = ["forum_sessions.ProgrammePage"]
    subpage_types = []
    template = "sessions/session_page.html"

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        constraints = [
            models.UniqueConstraint(
                fields=["session_type", "number"], name="unique_session_number_per_type"
            )
        ]
        indexes = [models.Index(fields=["edition", "status"])]

    # Fields the MAG and the secretariat own: restoring or publishing an organizer's
    # revision must never roll them back.
    PLACEMENT_FIELDS = (
        "guid",
        "edition_id",
        "session_type_id",
        "number",
        "status",
        "proposer_id",
        "submitted_at",
    )

    def with_content_json(self, content):
        page = super().with_content_json(content)
        for field in self.PLACEMENT_FIELDS:
            setattr(page, field, getattr(self, field))
        return page

    def serve(self, request, *args, **kwargs):
        # The public sees a session only as the latest release shows it.
        from sessions.selectors import latest_release, released_session

        self.released = released_session(latest_release(self.edition), self)
        if self.released is None:
            raise Http404
        return super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        from sessions.selectors import starred_session_ids

        context = super().get_context(request, *args, **kwargs)
        context["released"] = getattr(self, "released", None)
        # Only the text is translated; time, room, people and status are the original's.
        content = record_content(self, get_language())
        context["content"] = content
        context["content_questions"] = _lines(content.policy_questions)
        context["is_starred"] = self.pk in starred_session_ids(request.user)
        context["people_by_role"] = _people_by_role(
            self.participants.select_related("person")
        )
        context["subscribe"] = subscribe_links(
            request.build_absolute_uri(
                reverse("programme:session_ical", args=[self.edition.slug, self.guid])
            ),
            f"{self.code}: {content.title}",
        )
        return context

    @property
    def code(self) -> str:
        """The typed number everyone quotes, e.g. “WS #405”."""
        return f"{self.session_type.prefix} #{self.number}"

    @property
    def policy_question_list(self) -> list[str]:
        return [
            line.strip() for line in self.policy_questions.splitlines() if line.strip()
        ]

    @property
    def language_labels(self) -> list[str]:
        names = dict(UN_LANGUAGES)
        return [str(names.get(code, code)) for code in self.languages]

    @property
    def participation(self):
        """The facets as the latest release shows them (``released``, set by ``serve``)."""
        from sessions.services.participation import Participation

        released = getattr(self, "released", None)
        return Participation(
            interpretation=tuple(
                released.interpretation_languages
                if released is not None
                else self.interpretation_languages
            ),
            has_captioning=self.has_captioning,
            captioning=tuple(self.captioning_languages),
            sign_language=self.sign_language,
            delivery=self.delivery,
            spoken=tuple(self.languages),
        )

    @property
    def sdg_labels(self) -> list[str]:
        names = dict(SDGS)
        return [str(names.get(number, number)) for number in self.sdgs]


def effective_interpretation(session_languages, room_languages) -> list[str]:
    """The session's own interpretation languages, else its room's."""
    return list(session_languages or room_languages or [])


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _people_by_role(participants) -> list[tuple[str, list]]:
    """Participants grouped under their role's label, in the order roles are listed."""
    grouped: dict[str, list] = {}
    for participant in participants:
        grouped.setdefault(participant.role, []).append(participant)
    return [
        (label, grouped[role]) for role, label in PersonRole.choices if role in grouped
    ]


class SessionParticipant(Orderable):
    """A person in a role at a session, onsite or online."""

    session = ParentalKey(
        SessionPage, on_delete=models.CASCADE, related_name="participants"
    )
    person = models.ForeignKey(
        "forum_sessions.Person",
        on_delete=models.PROTECT,
        related_name="participations",
        verbose_name=_("person"),
    )
    role = models.CharField(_("role"), max_length=20, choices=PersonRole.choices)
    presence = models.CharField(
        _("onsite or online"),
        max_length=8,
        choices=Presence.choices,
        default=Presence.ONSITE,
    )
    is_confirmed = models.BooleanField(_("confirmed"), default=False)

    # Who speaks where is read straight from this table; Wagtail's reference index would
    # rebuild the whole page's references on every participant saved (most of a release).
    wagtail_reference_index_ignore = True

    panels = [
        FieldPanel("person"),
        FieldRowPanel(
            [FieldPanel("role"), FieldPanel("presence"), FieldPanel("is_confirmed")]
        ),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("person at a session")
        verbose_name_plural = _("people at a session")

    def __str__(self) -> str:
        return f"{self.person} ({self.get_role_display()})"
