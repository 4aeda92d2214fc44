"""Public views of intersessional work: the index and body pages' context, an output's
page with its comments, and the meetings feeds."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, HttpResponseNotFound
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from igfplus.forms import save_and_tell
from igfplus.http import document_etag, versioned_document
from igfplus.ical import CONTENT_TYPE, CalendarMeta, calendar_bytes, subscribe_links
from intersessional.enums import CommentStatus
from intersessional.forms import BodyFilterForm, CommentForm
from intersessional.models import IntersessionalBodyPage, Output, OutputComment
from intersessional.selectors import (
    body_listing,
    body_status,
    meeting_calendar_events,
    meetings_feed_version,
    public_sessions_of,
)
from intersessional.services.comments import (
    add_comment,
    can_moderate,
    output_is_open_for_comment,
)
from intersessional.services.comments import (
    moderate_comment as moderate,
)
from intersessional.services.facilitators import facilitators_of

# Raise when what a feed contains changes shape, so cached copies are not reused.
FEED_VERSION = 1

COMMENT_RECEIVED = gettext_lazy(
    "Thank you: your comment is received and will appear once the body's facilitators "
    "have read it."
)
COMMENT_PUBLISHED = gettext_lazy("Comment published.")
COMMENT_REJECTED = gettext_lazy("Comment rejected: it stays hidden.")
NO_SUCH_BODY = gettext_lazy("There is no published intersessional body “%(slug)s”.")
NO_SUCH_OUTPUT = gettext_lazy("This body has no such output.")


# --- pages -------------------------------------------------------------------------------


def index_context(request, index) -> dict:
    """The index page: bodies grouped by kind, filtered by the GET form, and the feed."""
    form = BodyFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    listing = body_listing(
        index,
        today=timezone.localdate(),
        kind=filters.get("kind", ""),
        status=filters.get("status", ""),
    )
    return {
        "form": form,
        "listing": listing,
        "is_filtered": any(filters.values()),
        "subscribe": _subscribe(
            request,
            "intersessional:meetings_ical",
            [],
            _("IGF intersessional work — meetings"),
        ),
    }


def body_context(request, body: IntersessionalBodyPage) -> dict:
    """A body's page: status, meetings (upcoming, then past), outputs, sessions, feed."""
    now = timezone.now()
    meetings = sorted(body.meetings.all(), key=lambda m: (m.start_at, m.pk or 0))
    outputs = sorted(
        body.outputs.all(),
        key=lambda o: (o.published_on, o.pk or 0),
        reverse=True,
    )
    context = {
        "status": body_status(body, today=timezone.localdate()),
        "upcoming_meetings": [m for m in meetings if m.end_at >= now],
        "past_meetings": [m for m in meetings if m.end_at < now][::-1],
        "outputs": outputs,
        "sessions": public_sessions_of(body, request) if body.pk else [],
        "facilitators": list(facilitators_of(body)) if body.pk else [],
    }
    if body.pk and body.live:
        context["subscribe"] = _subscribe(
            request,
            "intersessional:body_meetings_ical",
            [body.slug],
            f"{body.short_name} — {_('meetings')}",
        )
    return context


def _subscribe(request, url_name: str, args: list, name: str) -> dict | None:
    """Subscribe links to a feed; None while ``intersessional.urls`` is not mounted."""
    try:
        url = reverse(url_name, args=args)
    except NoReverseMatch:
        return None
    return subscribe_links(request.build_absolute_uri(url), name)


def output_page(request, body: IntersessionalBodyPage, output_id: int):
    """An output's public page; a signed-in visitor's comment is POSTed here."""
    output = _output_of(body, output_id)
    is_open = output_is_open_for_comment(output)
    if request.method == "POST":
        return _take_comment(request, body, output)
    form = CommentForm() if is_open and request.user.is_authenticated else None
    moderator = can_moderate(request.user, body)
    comments = output.comments.select_related("author").order_by("created_at", "pk")
    return TemplateResponse(
        request,
        "intersessional/output_page.html",
        {
            "page": body,
            "body": body,
            "output": output,
            "is_open": is_open,
            "form": form,
            "comments": [c for c in comments if c.status == CommentStatus.PUBLISHED],
            "pending": [c for c in comments if c.status == CommentStatus.PENDING]
            if moderator
            else [],
            "can_moderate": moderator,
        },
    )


def _take_comment(request, body, output):
    if not request.user.is_authenticated:
        return redirect(f"{reverse('account_login')}?next={request.path}")
    save_and_tell(
        request,
        CommentForm(request.POST),
        lambda data: add_comment(output=output, author=request.user, text=data["text"]),
        COMMENT_RECEIVED,
    )
    return redirect(output.get_url(request))


@require_POST
def moderate_comment(request, body, output_id: int, comment_id: int, decision: str):
    """Publish or reject a pending comment, then go back to the output's page."""
    output = _output_of(body, output_id)
    comment = get_object_or_404(OutputComment, pk=comment_id, output=output)
    try:
        # PermissionDenied (not the body's facilitator nor the secretariat) is a 403.
        moderate(comment=comment, by=request.user, decision=decision)
    except ValidationError as error:
        for text in error.messages:
            messages.error(request, text)
    else:
        messages.success(
            request,
            COMMENT_PUBLISHED if decision == "publish" else COMMENT_REJECTED,
        )
    return redirect(output.get_url(request))


def _output_of(body, output_id: int) -> Output:
    output = next((o for o in body.outputs.all() if o.pk == output_id), None)
    if output is None:
        raise Http404(NO_SUCH_OUTPUT)
    return output


# --- feeds -------------------------------------------------------------------------------


def all_meetings_feed(request) -> HttpResponse:
    """Every published body's meetings as iCalendar."""
    return _meetings_feed(
        request,
        body=None,
        name=_("IGF intersessional work — meetings"),
        filename="intersessional-meetings.ics",
    )


def body_meetings_feed(request, slug: str) -> HttpResponse:
    """One body's meetings as iCalendar."""
    body = IntersessionalBodyPage.objects.live().filter(slug=slug).first()
    if body is None:
        return HttpResponseNotFound(
            f"{NO_SUCH_BODY % {'slug': slug}}\n",
            content_type="text/plain; charset=utf-8",
        )
    return _meetings_feed(
        request,
        body=body,
        name=f"{body.title} — {_('meetings')}",
        filename=f"{body.slug}-meetings.ics",
    )


def _meetings_feed(request, *, body, name: str, filename: str) -> HttpResponse:
    version = meetings_feed_version(body=body)
    site_url = request.build_absolute_uri("/").rstrip("/")
    page_url = site_url + (body.url if body else reverse_index_url())

    def render() -> bytes:
        events = meeting_calendar_events(site_url=site_url, body=body)
        zones = sorted({event.time_zone for event in events})
        meta = CalendarMeta(
            name=name,
            time_zone=zones[0] if len(zones) == 1 else "UTC",
            url=page_url,
            source=request.build_absolute_uri(request.path),
        )
        return calendar_bytes(meta, events)

    return versioned_document(
        request,
        etag=document_etag(
            "intersessional-ical",
            FEED_VERSION,
            body.pk if body else "all",
            version.key(),
            request.build_absolute_uri("/"),
            request.LANGUAGE_CODE if hasattr(request, "LANGUAGE_CODE") else "",
        ),
        last_modified=version.last_modified,
        content_type=CONTENT_TYPE,
        render=render,
        filename=filename if request.GET.get("download") else "",
    )


def reverse_index_url() -> str:
    from intersessional.models import IntersessionalIndexPage

    index = IntersessionalIndexPage.objects.live().first()
    return (index.url if index else None) or "/intersessional/"
