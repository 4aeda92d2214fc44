"""A person's own data: everything the site keeps about them (the export) and the
deletion of their account.

Deletion erases personal data but keeps the rows others rely on, so that nothing public
breaks: the account row stays, anonymised and deactivated (the MAG's ratings, the
secretariat's decisions and the audit log point at it); the speaker record (``Person``)
that released sessions name stays too, under the person's name only if they agreed to it
(``User.keeps_name_on_public_record``), otherwise as "Former participant". Released
feeds and exports are rendered again without the name.

The domain apps sit above ``igfplus`` (see ARCHITECTURE.md), so their models are
imported inside the functions that need them.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Any

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from igfplus.http import CACHE_PREFIX, forget_documents
from igfplus.models import CalendarFeedToken, StoredDocument, User

EXPORT_FORMAT = "igfplus-personal-data"
EXPORT_VERSION = 1
# Stored in the database, so in one language: the name the public record shows instead.
FORMER_PARTICIPANT = "Former participant"
DELETED_EMAIL_DOMAIN = "deleted.invalid"  # RFC 2606: can never receive mail

WRONG_PASSWORD = _("That is not your password. Nothing was deleted.")
NOT_CONFIRMED = _("Tick the box to confirm that you want to delete your account.")


@dataclass(frozen=True)
class DeletionReport:
    """What deleting an account did, for the confirmation message and the tests."""

    kept_name: bool
    speaker_record: bool
    comments_deleted: int
    editions_refreshed: tuple[int, ...]


def _iso(moment: dt.datetime | dt.date | None) -> str | None:
    return None if moment is None else moment.isoformat()


# --- the export ---------------------------------------------------------------------------


def personal_data_of(user: User) -> dict[str, Any]:
    """Everything the site keeps about ``user`` as JSON-ready values; a fixed number of
    queries, whatever they did. Feed links appear as metadata only, never the token."""
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator

    from intersessional.models import OutputComment
    from outcomes.models import MessageComment, Watch, WatchlistFeedToken
    from sessions.models import Person, Rating, SessionParticipant, Star
    from sessions.services.proposals import proposals_of

    person = Person.objects.filter(user=user).first()
    calendar_link = CalendarFeedToken.objects.filter(user=user).first()
    watchlist_link = WatchlistFeedToken.objects.filter(user=user).first()
    return {
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,
        "exported_at": timezone.now().isoformat(),
        "account": {
            "email": user.email,
            "name": user.name,
            "organisation": user.organisation,
            "stakeholder_group": user.stakeholder_group,
            "regional_group": user.regional_group,
            "country": str(user.country or ""),
            "gender": user.gender,
            "keeps_name_on_public_record": user.keeps_name_on_public_record,
            "date_joined": _iso(user.date_joined),
            "last_login": _iso(user.last_login),
        },
        "email_addresses": [
            {"email": row.email, "verified": row.verified, "primary": row.primary}
            for row in EmailAddress.objects.filter(user=user).order_by("pk")
        ],
        "two_factor_methods": [
            {
                "type": row.type,
                "created_at": _iso(row.created_at),
                "last_used_at": _iso(row.last_used_at),
            }
            for row in Authenticator.objects.filter(user=user).order_by("pk")
        ],
        "speaker_record": None
        if person is None
        else {
            "guid": str(person.guid),
            "name": person.name,
            "organisation": person.organisation,
            "stakeholder_group": person.stakeholder_group,
            "regional_group": person.regional_group,
            "country": str(person.country or ""),
            "gender": person.gender,
            "sessions": [
                {
                    "session": str(row.session.guid),
                    "title": row.session.title,
                    "role": row.role,
                    "presence": row.presence,
                }
                for row in SessionParticipant.objects.filter(person=person)
                .select_related("session")
                .order_by("session__edition__year", "session__pk", "pk")
            ],
        },
        "proposals": [
            {
                "session": str(proposal.guid),
                "title": proposal.title,
                "edition": proposal.edition.slug if proposal.edition else None,
                "type": proposal.session_type.name if proposal.session_type else None,
                "status": proposal.status,
                "submitted_at": _iso(proposal.submitted_at),
            }
            for proposal in proposals_of(user)
        ],
        "agenda_stars": [
            {
                "session": str(star.session.guid),
                "title": star.session.title,
                "starred_at": _iso(star.created_at),
            }
            for star in Star.objects.filter(user=user)
            .select_related("session")
            .order_by("created_at", "pk")
        ],
        "ratings_given": [
            {
                "session": str(rating.assignment.session.guid),
                "title": rating.assignment.session.title,
                "score": rating.score,
                "comment": rating.comment,
                "merge_with": str(rating.merge_with.guid)
                if rating.merge_with
                else None,
                "updated_at": _iso(rating.updated_at),
            }
            for rating in Rating.objects.filter(assignment__reviewer=user)
            .select_related("assignment__session", "merge_with")
            .order_by("pk")
        ],
        "comments": [
            *(
                {
                    "on": "policy_message",
                    "target": str(comment.message.guid),
                    "text": comment.text,
                    "status": comment.status,
                    "created_at": _iso(comment.created_at),
                }
                for comment in MessageComment.objects.filter(author=user)
                .select_related("message")
                .order_by("created_at", "pk")
            ),
            *(
                {
                    "on": "intersessional_output",
                    "target": comment.output.title,
                    "text": comment.text,
                    "status": comment.status,
                    "created_at": _iso(comment.created_at),
                }
                for comment in OutputComment.objects.filter(author=user)
                .select_related("output")
                .order_by("created_at", "pk")
            ),
        ],
        "watchlist": [_watch_data(watch) for watch in _watches(Watch, user)],
        "feed_links": {
            "calendar": _link_data(calendar_link),
            "watchlist": _link_data(watchlist_link),
        },
    }


def _watches(watch_model, user: User):
    return (
        watch_model.objects.filter(user=user)
        .select_related("theme", "message", "forum")
        .order_by("created_at", "pk")
    )


def _watch_data(watch) -> dict[str, Any]:
    if watch.theme_id:
        kind, name = "sub_theme", watch.theme.name
    elif watch.message_id:
        kind, name = "policy_message", str(watch.message.guid)
    else:
        kind, name = "forum", watch.forum.slug
    return {"kind": kind, "follows": name, "since": _iso(watch.created_at)}


def _link_data(link) -> dict[str, Any] | None:
    if link is None:
        return None
    return {
        "created_at": _iso(link.created_at),
        "last_used_at": _iso(link.last_used_at),
    }


# --- deletion ----------------------------------------------------------------------------


@transaction.atomic
def delete_account(*, user: User) -> DeletionReport:
    """Erase ``user``'s personal data and close their account for good.

    Their speaker record keeps its name only with their consent; comments awaiting
    moderation or rejected go, published ones stay under the anonymised account, as the
    consultation's record. Every released programme that names them is rendered again.
    """
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator

    from intersessional.enums import CommentStatus as OutputCommentStatus
    from intersessional.models import OutputComment
    from outcomes.enums import CommentStatus as MessageCommentStatus
    from outcomes.models import MessageComment, Watch, WatchlistFeedToken, WatchNotice
    from sessions.models import Person, ProgrammeBooklet, SessionParticipant, Star

    kept_name = user.keeps_name_on_public_record
    person = Person.objects.filter(user=user).first()
    editions: tuple[int, ...] = ()
    if person is not None:
        editions = tuple(
            SessionParticipant.objects.filter(person=person)
            .values_list("session__edition_id", flat=True)
            .distinct()
            .order_by("session__edition_id")
        )
        _anonymise_person(person, keep_name=kept_name)

    comments_deleted = (
        MessageComment.objects.filter(author=user)
        .filter(
            status__in=[MessageCommentStatus.PENDING, MessageCommentStatus.REJECTED]
        )
        .delete()[0]
        + OutputComment.objects.filter(author=user)
        .filter(status__in=[OutputCommentStatus.PENDING, OutputCommentStatus.REJECTED])
        .delete()[0]
    )
    for model in (
        Star,
        Watch,
        WatchNotice,
        WatchlistFeedToken,
        CalendarFeedToken,
        ProgrammeBooklet,
        EmailAddress,
        Authenticator,
    ):
        model.objects.filter(user=user).delete()
    _anonymise_account(user)
    for edition_id in editions:
        _render_programme_again(edition_id)
    return DeletionReport(
        kept_name=kept_name,
        speaker_record=person is not None,
        comments_deleted=comments_deleted,
        editions_refreshed=editions,
    )


def _anonymise_person(person, *, keep_name: bool) -> None:
    """Keep what the public record shows (with consent), drop the rest and the link."""
    person.user = None
    person.country = ""
    person.gender = ""
    if not keep_name:
        person.name = FORMER_PARTICIPANT
        person.organisation = ""
        person.stakeholder_group = ""
        person.regional_group = ""
    person.save()


def _anonymise_account(user: User) -> None:
    anonymous = f"deleted-{uuid.uuid4().hex}"
    user.username = anonymous
    user.email = f"{anonymous}@{DELETED_EMAIL_DOMAIN}"
    user.name = ""
    user.first_name = ""
    user.last_name = ""
    user.organisation = ""
    user.stakeholder_group = ""
    user.regional_group = ""
    user.country = ""
    user.gender = ""
    user.is_active = False
    user.is_staff = False
    user.is_superuser = False
    # A new password hash also ends every session signed in with the old one.
    user.set_unusable_password()
    user.save()
    user.groups.clear()
    user.user_permissions.clear()


def _render_programme_again(edition_id: int) -> None:
    """Drop the edition's kept feeds, exports and booklets, and their cached copies.

    They are keyed by release, so without this they would keep the erased name until
    the next release. Every kept rendering is also cached under its key; both go.
    """
    from sessions.models import ProgrammeBooklet
    from sessions.services.releases import programme_documents

    scope = programme_documents(edition_id)
    keys = list(
        StoredDocument.objects.filter(scope=scope).values_list("key", flat=True)
    )
    cache.delete_many([CACHE_PREFIX + key for key in keys])
    forget_documents(scope)
    # Booklets (programme PDFs, public and personal) print names too: asked for again,
    # they are rendered again. Their files go once the deletion is committed.
    booklets = ProgrammeBooklet.objects.filter(edition_id=edition_id)
    files = [booklet.file for booklet in booklets if booklet.file]
    booklets.delete()
    transaction.on_commit(lambda: [file.delete(save=False) for file in files])
