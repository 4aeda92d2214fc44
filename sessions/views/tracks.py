"""A track's page in an edition: what the track is, with whom, its sessions, and what
other apps add to it (NRI events, output documents) through the ``track_page_sections``
hook — the programme does not import the apps built on top of it."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import get_language, gettext_lazy
from wagtail import hooks

from igfplus.ical import subscribe_links
from sessions.enums import Track
from sessions.models import TrackProfile
from sessions.selectors import (
    ProgrammeFilters,
    latest_release,
    programme_days,
    programme_rows,
    released_sessions,
    starred_session_ids,
)
from sessions.views.feeds import feed_name

UNKNOWN_TRACK = gettext_lazy("There is no such track.")
TRACK_PAGE_SECTIONS = "track_page_sections"


@dataclass(frozen=True)
class TrackSection:
    """A part of a track's page that another app provides: a heading, a template and
    its context. Hooks registered as ``track_page_sections`` receive
    ``(request, edition, track)`` and return a section, or None to add nothing."""

    heading: str
    template: str
    context: dict = field(default_factory=dict)
    anchor: str = ""


def track_page(request, programme_page, track: str) -> TemplateResponse:
    """A track's released sessions, day by day, with a one-click subscription."""
    if track not in Track.values:
        raise Http404(UNKNOWN_TRACK)
    edition = programme_page.edition
    release = latest_release(edition)
    rows = (
        programme_rows(
            released_sessions(release, ProgrammeFilters(track=track)),
            language=get_language(),
        )
        if release
        else []
    )
    label = Track(track).label
    feed_url = request.build_absolute_uri(
        reverse("programme:ical", args=[edition.slug]) + f"?track={track}"
    )
    profile = (
        TrackProfile.objects.filter(edition=edition, track=track)
        .prefetch_related("partners")
        .first()
    )
    sections = [
        section
        for hook in hooks.get_hooks(TRACK_PAGE_SECTIONS)
        if (section := hook(request, edition, track)) is not None
    ]
    return TemplateResponse(
        request,
        "sessions/track_page.html",
        {
            "page": programme_page,
            "edition": edition,
            "release": release,
            "track": track,
            "track_label": label,
            "profile": profile,
            "partners": list(profile.partners.all()) if profile else [],
            "sections": sections,
            "days": programme_days(rows, edition.time_zone),
            "result_count": len(rows),
            "programme_url": programme_page.url,
            "starred_ids": starred_session_ids(request.user),
            "subscribe": subscribe_links(feed_url, feed_name(edition, [str(label)])),
        },
    )
