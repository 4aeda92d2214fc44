"""Forms of intersessional work: the body page in the admin, the public filters, comments."""

from __future__ import annotations

import datetime as dt
import zoneinfo

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from intersessional.enums import BodyKind, PublicStatus
from intersessional.services.meetings import MeetingTerms, Stamp, restamp

COMMENT_EMPTY = _("Write your comment before sending it.")
MAX_COMMENT_LENGTH = 5000


class IntersessionalBodyPageForm(WagtailAdminPageForm):
    """The body page with its meetings.

    A meeting's times are typed and shown as wall-clock times in the meeting's own zone
    (a call at 09:00 in Nairobi is typed 09:00, whoever types it), and each saved meeting
    carries fresh change signals for calendar clients.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        meetings = self.formsets.get("meetings")
        for form in meetings.forms if meetings is not None else ():
            meeting = form.instance
            if meeting is None or meeting.start_at is None or form.is_bound:
                continue
            for name in ("start_at", "end_at"):
                form.initial[name] = wall_clock(
                    getattr(meeting, name), meeting.time_zone
                )

    def save(self, commit=True):
        meetings = self.formsets.get("meetings")
        if meetings is not None:
            for meeting in kept_meetings(meetings):
                meeting.start_at = in_zone(meeting.start_at, meeting.time_zone)
                meeting.end_at = in_zone(meeting.end_at, meeting.time_zone)
            restamp_meetings(meetings, now=timezone.now())
        return super().save(commit=commit)


def wall_clock(moment: dt.datetime, zone: str) -> dt.datetime:
    """The naive local time of ``moment`` in ``zone`` (what the form shows)."""
    return moment.astimezone(zoneinfo.ZoneInfo(zone)).replace(tzinfo=None)


def in_zone(typed: dt.datetime, zone: str) -> dt.datetime:
    """The instant of a time typed in the admin, read as a wall-clock time in ``zone``.

    The form parsed it in the admin user's zone; only its wall-clock reading counts.
    """
    wall = timezone.localtime(typed).replace(tzinfo=None)
    return wall.replace(tzinfo=zoneinfo.ZoneInfo(zone)).astimezone(dt.UTC)


def kept_meetings(formset) -> list:
    """The meetings a valid formset keeps (not deleted, with times)."""
    return [
        form.instance
        for form in formset.forms
        if form.instance is not None
        and form.is_valid()
        and not (formset.can_delete and formset._should_delete_form(form))
        and form.instance.start_at is not None
    ]


def restamp_meetings(formset, *, now) -> None:
    """Set ``sequence`` and ``changed_at`` of the formset's meetings from what is stored."""
    from intersessional.models import Meeting

    kept = kept_meetings(formset)
    stored = {
        meeting.guid: meeting
        for meeting in Meeting.objects.filter(guid__in=[m.guid for m in kept])
    }
    for meeting in kept:
        before = stored.get(meeting.guid)
        stamp = restamp(
            published=meeting_terms(before) if before else None,
            published_stamp=Stamp(before.sequence, before.changed_at)
            if before
            else None,
            edited=meeting_terms(meeting),
            now=now,
        )
        meeting.sequence, meeting.changed_at = stamp.sequence, stamp.changed_at


def meeting_terms(meeting) -> MeetingTerms:
    return MeetingTerms(
        start_at=meeting.start_at,
        end_at=meeting.end_at,
        time_zone=meeting.time_zone,
        format=meeting.format,
        location=meeting.location,
        online_link=meeting.online_link,
        is_cancelled=meeting.is_cancelled,
        title=meeting.title,
        description=meeting.description,
    )


class BodyFilterForm(forms.Form):
    """The index page's filters: a plain GET form, usable without JavaScript."""

    kind = forms.ChoiceField(
        label=_("Kind"),
        required=False,
        choices=[("", _("All kinds")), *BodyKind.choices],
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Any status")), *PublicStatus.choices],
    )


class CommentForm(forms.Form):
    text = forms.CharField(
        label=_("Your comment"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=MAX_COMMENT_LENGTH,
        error_messages={"required": COMMENT_EMPTY},
    )


class FacilitatorsForm(forms.Form):
    """The secretariat names a body's facilitators by e-mail, one per line."""

    emails = forms.CharField(
        label=_("Facilitators' e-mail addresses"),
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
        help_text=_(
            "One address per line. Each must belong to an account; leave empty to "
            "remove every facilitator."
        ),
    )

    def clean_emails(self) -> list[str]:
        lines = self.cleaned_data["emails"].replace(",", "\n").splitlines()
        return list(
            dict.fromkeys(line.strip().lower() for line in lines if line.strip())
        )
