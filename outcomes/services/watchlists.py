"""Watchlists: people follow a sub-theme, a message or a forum and hear what is new.

A new public transmission, or a new uptake event on one, writes a ``WatchNotice`` for
each person following its forum, one of its public messages (a whole-document
transmission counts for each of the document's messages) or the sub-theme of one of
them. Notices are read back in the private Atom feed and sent once in a daily digest.
Visibility is checked when a notice is written and again whenever it is read: a
transmission deleted, or a document turned back into a draft, afterwards disappears.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import Prefetch, Q, QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cms.models import EditionTheme
from igfplus.models import User
from igfplus.services.feed_tokens import revoke_token, rotate_token, user_for_token
from outcomes.enums import UptakeKind
from outcomes.models import (
    NormativeForum,
    PolicyMessage,
    Transmission,
    UptakeEvent,
    Watch,
    WatchlistFeedToken,
    WatchNotice,
)
from outcomes.selectors import live_transmissions, public_messages

THEME, MESSAGE, FORUM = "theme", "message", "forum"
TARGET_KINDS = (THEME, MESSAGE, FORUM)
LATEST_NOTICES = 50


# --- following ------------------------------------------------------------------------


def _target_field(target: EditionTheme | PolicyMessage | NormativeForum) -> str:
    if isinstance(target, EditionTheme):
        return THEME
    if isinstance(target, PolicyMessage):
        return MESSAGE
    if isinstance(target, NormativeForum):
        return FORUM
    raise TypeError(f"Cannot follow a {type(target).__name__}.")


def follow(
    *, user: User, target: EditionTheme | PolicyMessage | NormativeForum
) -> Watch:
    """The person's watch of the sub-theme, message or forum, made if missing."""
    watch, _created = Watch.objects.get_or_create(
        user=user, **{_target_field(target): target}
    )
    return watch


def unfollow(
    *, user: User, target: EditionTheme | PolicyMessage | NormativeForum
) -> bool:
    """Stop following; True if the person was following it."""
    deleted, _rows = Watch.objects.filter(
        user=user, **{_target_field(target): target}
    ).delete()
    return bool(deleted)


@dataclass(frozen=True)
class Followed:
    """Ids of what a person follows, by kind: what the follow buttons need (1 query)."""

    themes: frozenset[int] = frozenset()
    messages: frozenset[int] = frozenset()
    forums: frozenset[int] = frozenset()


def followed_by(user) -> Followed:
    """What the person follows (no query for visitors)."""
    if not user.is_authenticated:
        return Followed()
    rows = list(
        Watch.objects.filter(user=user).values_list(
            "theme_id", "message_id", "forum_id"
        )
    )
    return Followed(
        themes=frozenset(row[0] for row in rows if row[0]),
        messages=frozenset(row[1] for row in rows if row[1]),
        forums=frozenset(row[2] for row in rows if row[2]),
    )


def watches_of(user: User) -> list[Watch]:
    """What the person follows and may still see, newest first (1 query)."""
    return list(
        Watch.objects.filter(user=user)
        .filter(
            Q(forum__isnull=False)
            | Q(theme__page__live=True)
            | Q(message__in=public_messages())
        )
        .select_related("theme__page", "message__document__edition", "forum")
        .order_by("-created_at", "-pk")
    )


# --- who hears of what ----------------------------------------------------------------


def _public_messages_of(transmission: Transmission) -> QuerySet[PolicyMessage]:
    carried = Q(transmissions=transmission)
    if transmission.document_id:
        carried |= Q(document_id=transmission.document_id)
    return public_messages().filter(carried)


def watchers_of(transmission: Transmission) -> QuerySet[User]:
    """Active people following the forum, a public message of it, or its sub-theme.

    Nobody, when the transmission is not public (deleted, or carrying only drafts).
    """
    if not live_transmissions().filter(pk=transmission.pk).exists():
        return User.objects.none()
    messages = _public_messages_of(transmission)
    return (
        User.objects.filter(is_active=True)
        .filter(
            Q(watches__forum_id=transmission.forum_id)
            | Q(watches__message__in=messages.values("pk"))
            | Q(watches__theme__in=messages.values("theme_id"))
        )
        .distinct()
    )


def _notify(transmission: Transmission, event: UptakeEvent | None) -> int:
    notices = [
        WatchNotice(user_id=user_id, transmission=transmission, event=event)
        for user_id in watchers_of(transmission).values_list("pk", flat=True)
    ]
    # The unique constraints make a repeated call (a retried task) write nothing twice.
    WatchNotice.objects.bulk_create(notices, ignore_conflicts=True)
    return len(notices)


def note_transmission(transmission: Transmission) -> int:
    """Write a notice of a new transmission for each watcher; return how many."""
    return _notify(transmission, None)


def note_uptake_event(event: UptakeEvent) -> int:
    """Write a notice of a new uptake event for each watcher; return how many."""
    if event.deleted_at is not None:
        return 0
    return _notify(event.transmission, event)


# --- reading notices ------------------------------------------------------------------


@dataclass(frozen=True)
class NoticeItem:
    """A notice as plain values: what the feed, the digest and the page show."""

    title: str
    path: str
    description: str
    happened_on: dt.date
    recorded_at: dt.datetime
    tag_date: dt.date
    tag_path: str
    is_event: bool


def notice_title(*, forum: str, subject: str, event_kind: str = "") -> str:
    """“Sent to CSTD: …” for a transmission, “CSTD: Acknowledged — …” for an event."""
    if event_kind:
        return _("%(forum)s: %(kind)s — %(subject)s") % {
            "forum": forum,
            "kind": event_kind,
            "subject": subject,
        }
    return _("Sent to %(forum)s: %(subject)s") % {"forum": forum, "subject": subject}


def visible_notices(user: User) -> QuerySet[WatchNotice]:
    """The person's notices about things the public may still see, newest first."""
    return (
        WatchNotice.objects.filter(user=user, transmission__in=live_transmissions())
        .filter(Q(event=None) | Q(event__deleted_at=None))
        .order_by("-created_at", "-pk")
    )


def notice_items(notices: QuerySet[WatchNotice]) -> list[NoticeItem]:
    """The notices as items, with public messages only (2 queries)."""
    rows = notices.select_related(
        "transmission__forum", "transmission__document", "event"
    ).prefetch_related(
        Prefetch(
            "transmission__messages",
            queryset=public_messages().only("guid", "title", "text", "document_id"),
            to_attr="public_messages",
        )
    )
    return [_item(notice) for notice in rows]


def _item(notice: WatchNotice) -> NoticeItem:
    transmission, event = notice.transmission, notice.event
    forum = transmission.forum
    messages = transmission.public_messages
    document = transmission.document
    path = reverse("outcomes:forum", args=[forum.slug])
    if document is not None and document.is_public:
        subject = _("“%(title)s” (whole document)") % {"title": document.title}
    elif len(messages) == 1:
        subject = str(messages[0])
        path = reverse("outcomes:message", args=[messages[0].guid])
    else:
        subject = ngettext(
            "%(count)s policy message", "%(count)s policy messages", len(messages)
        ) % {"count": len(messages)}
    forum_name = forum.acronym or forum.name
    if event is None:
        return NoticeItem(
            title=notice_title(forum=forum_name, subject=subject),
            path=path,
            description=_("Sent on %(date)s by %(actor)s (%(channel)s).")
            % {
                "date": transmission.sent_on.isoformat(),
                "actor": transmission.actor,
                "channel": transmission.get_channel_display(),
            },
            happened_on=transmission.sent_on,
            recorded_at=transmission.created_at,
            tag_date=timezone.localdate(transmission.created_at),
            tag_path=f"transmission/{transmission.guid}",
            is_event=False,
        )
    return NoticeItem(
        title=notice_title(
            forum=forum_name,
            subject=subject,
            event_kind=str(UptakeKind(event.kind).label),
        ),
        path=path,
        description=_("On %(date)s at %(forum)s.")
        % {"date": event.occurred_on.isoformat(), "forum": forum.name},
        happened_on=event.occurred_on,
        recorded_at=event.created_at,
        tag_date=timezone.localdate(event.created_at),
        tag_path=f"uptake-event/{event.pk}",
        is_event=True,
    )


def latest_items(user: User, *, limit: int = LATEST_NOTICES) -> list[NoticeItem]:
    """The person's latest visible notices as items (2 queries)."""
    return notice_items(visible_notices(user)[:limit])


# --- the daily digest -----------------------------------------------------------------


def _site_url() -> str:
    return getattr(settings, "WAGTAILADMIN_BASE_URL", "").rstrip("/")


def digest_subject(count: int) -> str:
    """“IGF+ watchlist: 3 updates”."""
    return ngettext(
        "IGF+ watchlist: %(count)s update", "IGF+ watchlist: %(count)s updates", count
    ) % {"count": count}


def send_watchlist_digests(*, now: dt.datetime | None = None) -> int:
    """E-mail each person their notices not sent yet, in one digest; return e-mails sent.

    Idempotent: a person's notices are stamped sent in the same transaction as the
    e-mail goes out, so a second run (or a parallel one) sends nothing more, and a
    failed send leaves them for the next run. Notices about things no longer public are
    stamped without being sent.
    """
    now = now or timezone.now()
    user_ids = (
        WatchNotice.objects.filter(emailed_at=None)
        .values_list("user_id", flat=True)
        .distinct()
        .order_by("user_id")
    )
    sent = 0
    for user in User.objects.filter(pk__in=list(user_ids)):
        sent += _send_digest(user, now)
    return sent


@transaction.atomic
def _send_digest(user: User, now: dt.datetime) -> int:
    unsent = WatchNotice.objects.select_for_update().filter(user=user, emailed_at=None)
    ids = list(unsent.values_list("pk", flat=True))
    claimed = WatchNotice.objects.filter(pk__in=ids, emailed_at=None).update(
        emailed_at=now
    )
    if not claimed or not user.is_active or not user.email:
        return 0
    items = notice_items(
        visible_notices(user).filter(pk__in=ids).order_by("created_at", "pk")
    )
    if not items:
        return 0
    site_url = _site_url()
    context = {
        "user": user,
        "items": items,
        "site_url": site_url,
        "watchlist_url": site_url + reverse("watchlist:index"),
    }
    email = EmailMultiAlternatives(
        subject=digest_subject(len(items)),
        body=render_to_string("outcomes/watchlists/digest.txt", context),
        to=[user.email],
    )
    email.attach_alternative(
        render_to_string("outcomes/watchlists/digest.html", context), "text/html"
    )
    return email.send()


# --- the private feed link ------------------------------------------------------------


def rotate_watchlist_token(*, user: User) -> str:
    """A new secret for the person's watchlist feed URL; any previous one stops at once."""
    return rotate_token(WatchlistFeedToken, user=user)


def revoke_watchlist_token(*, user: User) -> bool:
    """Stop the person's watchlist feed URL; True if there was one."""
    return revoke_token(WatchlistFeedToken, user=user)


def user_for_watchlist_token(token: str) -> User | None:
    """The active person whose watchlist feed URL carries ``token``, else None."""
    return user_for_token(WatchlistFeedToken, token)
