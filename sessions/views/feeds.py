"""Calendar feeds of the released programme, the track pages that offer them, and the
private agenda feed a person subscribes to without signing in."""

from __future__ import annotations

from collections import defaultdict

from django.http import HttpResponse, HttpResponseNotFound
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from cms.models import ForumEditionPage
from igfplus.http import conditional_bytes, document_etag, versioned_document
from igfplus.ical import CONTENT_TYPE, CalendarMeta, calendar_bytes
from igfplus.services.feed_tokens import user_for_feed_token
from sessions.feeds import session_events
from sessions.forms import FeedFilterForm
from sessions.models import SessionPage, SessionParticipant, Star
from sessions.public_urls import release_etag, release_key
from sessions.selectors import (
    ProgrammeFilters,
    latest_release,
    public_schedule,
)
from sessions.services.releases import programme_documents

# Raise when what a feed contains changes shape, so cached copies are not reused.
FEED_VERSION = 2  # 2: interpretation, captioning, sign language, joining online

NO_RELEASE_YET = gettext_lazy(
    "The programme of %(edition)s has not been released yet: there is no calendar."
)
NOT_IN_PROGRAMME = gettext_lazy(
    "This session is not in the released programme of %(edition)s."
)
UNKNOWN_CALENDAR_LINK = gettext_lazy(
    "This private calendar link is not valid: it may have been replaced by a newer one. "
    "Copy the current link from your account page."
)


def programme_feed(request, programme_page) -> HttpResponse:
    """The edition's released programme as iCalendar, filtered by the query string."""
    edition = programme_page.edition
    release = latest_release(edition)
    if release is None:
        return _not_found(NO_RELEASE_YET % {"edition": edition.title})
    form = FeedFilterForm(request.GET, edition=edition)
    if not form.is_valid():
        return _not_found("\n".join(form.problems()))
    site_url = _site_url(request)

    def render() -> bytes:
        schedule = public_schedule(
            edition,
            form.filters(),
            release=release,
            programme_url=programme_page.url,
            language=get_language(),
        )
        return _calendar(
            edition,
            schedule.sessions,
            site_url=site_url,
            name=feed_name(edition, form.description()),
            page_url=site_url + programme_page.url,
            source=request.build_absolute_uri(),
        )

    return versioned_document(
        request,
        etag=programme_feed_etag(request, release_key(release.pk, release.released_at)),
        last_modified=release.released_at,
        content_type=CONTENT_TYPE,
        keep_in=programme_documents(edition.pk),
        render=render,
        filename=_download_name(request, f"{edition.slug}-programme.ics"),
    )


def session_feed(request, programme_page, guid) -> HttpResponse:
    """One released session as a calendar with one event, for a one-off import."""
    edition = programme_page.edition
    release = latest_release(edition)
    session_id = (
        SessionPage.objects.filter(edition=edition, guid=guid)
        .values_list("pk", flat=True)
        .first()
    )
    if release is None or session_id is None:
        return _not_found(NOT_IN_PROGRAMME % {"edition": edition.title})
    filters = ProgrammeFilters(session_ids=frozenset([session_id]))
    schedule = public_schedule(
        edition,
        filters,
        release=release,
        programme_url=programme_page.url,
        language=get_language(),
    )
    if not schedule.sessions:
        return _not_found(NOT_IN_PROGRAMME % {"edition": edition.title})
    session = schedule.sessions[0]
    site_url = _site_url(request)
    return versioned_document(
        request,
        etag=session_feed_etag(
            request, release_key(release.pk, release.released_at), guid=guid
        ),
        last_modified=release.released_at,
        content_type=CONTENT_TYPE,
        keep_in=programme_documents(edition.pk),
        render=lambda: _calendar(
            edition,
            schedule.sessions,
            site_url=site_url,
            name=f"{session.code}: {session.title}",
            page_url=site_url + session.url,
            source=request.build_absolute_uri(),
        ),
        filename=f"{edition.slug}-{session.type_prefix.lower()}-{session.number}.ics",
    )


def programme_feed_etag(request, release: str) -> str:
    """The version of a programme feed: the release and the query (see ``on_programme``)."""
    return release_etag(request, "ical", FEED_VERSION, release)


def session_feed_etag(request, release: str, *, guid) -> str:
    return release_etag(request, "ical-session", FEED_VERSION, release, guid)


def personal_feed(request, token: str) -> HttpResponse:
    """A person's agenda at a secret URL: starred sessions and those they take part in.

    Calendar apps cannot sign in, so the token is the credential. Only released sessions,
    as their editions' latest releases show them; never cached by shared caches.
    """
    user = user_for_feed_token(token)
    if user is None:
        return _not_found(UNKNOWN_CALENDAR_LINK)
    session_ids = set(
        Star.objects.filter(user=user).values_list("session_id", flat=True)
    ) | set(
        SessionParticipant.objects.filter(person__user=user).values_list(
            "session_id", flat=True
        )
    )
    by_edition: dict[int, set[int]] = defaultdict(set)
    for session_id, edition_id in SessionPage.objects.filter(
        pk__in=session_ids
    ).values_list("pk", "edition_id"):
        by_edition[edition_id].add(session_id)
    editions = ForumEditionPage.objects.filter(pk__in=by_edition).order_by("-year")
    site_url = _site_url(request)
    events, last_changes = [], []
    for edition in editions:
        schedule = public_schedule(
            edition,
            ProgrammeFilters(session_ids=frozenset(by_edition[edition.pk])),
            language=get_language(),
        )
        if schedule is None:
            continue
        last_changes.append(schedule.release.released_at)
        events.extend(
            session_events(
                schedule.sessions,
                site_url=site_url,
                time_zone=edition.time_zone,
                venue=edition.venue,
                city=edition.host_city,
            )
        )
    meta = CalendarMeta(
        name=_("My IGF agenda — %(name)s") % {"name": user.name or user.email},
        time_zone=editions[0].time_zone if editions else "UTC",
        url=site_url + reverse("sessions:agenda"),
    )
    body = calendar_bytes(meta, sorted(events, key=lambda e: (e.start, e.uid)))
    # Stars change without a release, so the version is the content itself.
    response = conditional_bytes(
        request,
        body,
        etag=document_etag("ical-personal", FEED_VERSION, body),
        last_modified=max(last_changes, default=timezone.now()),
        content_type=CONTENT_TYPE,
        private=True,
    )
    # The URL is a secret: keep it out of referrers and search engines.
    response["Referrer-Policy"] = "no-referrer"
    response["X-Robots-Tag"] = "noindex"
    return response


def feed_name(edition, parts: list[str]) -> str:
    """“IGF 2025 — Parliamentary track”, or “IGF 2025 — Programme” when unfiltered."""
    return f"{edition.title} — {', '.join(parts) if parts else _('Programme')}"


def _calendar(edition, sessions, *, site_url, name, page_url, source) -> bytes:
    events = session_events(
        sessions,
        site_url=site_url,
        time_zone=edition.time_zone,
        venue=edition.venue,
        city=edition.host_city,
    )
    meta = CalendarMeta(
        name=name, time_zone=edition.time_zone, url=page_url, source=source
    )
    return calendar_bytes(meta, events)


def _site_url(request) -> str:
    return request.build_absolute_uri("/").rstrip("/")


def _download_name(request, filename: str) -> str:
    """Subscriptions read the feed inline; ``?download=1`` saves it as a file."""
    return filename if request.GET.get("download") else ""


def _not_found(message: str) -> HttpResponse:
    # Feed URLs are pasted into calendar apps and scripts: a plain sentence, not a page.
    return HttpResponseNotFound(
        f"{message}\n", content_type="text/plain; charset=utf-8"
    )
