"""Outcome reports as PDF: an edition's IGF Messages, a forum's transmissions, a session.

Rendered during the request: these documents are small (a few dozen pages at most) and
take well under a second, so they need neither the programme booklet's background task
nor its waiting page. The PDF is cached under a digest of its HTML, so a visitor gets
the bytes another rendered unless something the PDF shows (or the language) changed,
and a client that has this version gets ``304 Not Modified``.
"""

from __future__ import annotations

from functools import partial

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from igfplus.http import document_etag, versioned_document
from igfplus.pdf import render_pdf
from outcomes.services import pdf_reports

NO_MESSAGES_HEADING = _("No IGF Messages to print")
NO_MESSAGES = _(
    "This edition is unknown, or its IGF Messages have not been published yet, "
    "so there is no PDF of them."
)
NO_TRANSMISSIONS_HEADING = _("No transmissions to print")
NO_TRANSMISSIONS = _(
    "This forum is unknown, or nothing the IGF sent to it has been published yet, "
    "so there is no PDF of it."
)
NO_REPORT_HEADING = _("No session report to print")
NO_REPORT = _(
    "This session is unknown or not in the published programme, or its report has "
    "not been submitted yet, so there is no PDF of it."
)

PDF_MAX_AGE = 60 * 15
SEEN_PREFIX = "igfplus:outcomes-pdf-seen:"
SEEN_SECONDS = 60 * 60 * 24 * 30


def messages_pdf(request: HttpRequest, acronym: str) -> HttpResponse:
    booklet = pdf_reports.messages_booklet(acronym, language=get_language())
    if booklet is None:
        return _not_found(request, NO_MESSAGES_HEADING, NO_MESSAGES)
    return _pdf(
        request,
        pdf_reports.MESSAGES_TEMPLATE,
        {"booklet": booklet, "edition": booklet.edition},
        filename=f"{booklet.edition.slug}-messages",
    )


def forum_pdf(request: HttpRequest, slug: str) -> HttpResponse:
    report = pdf_reports.forum_report(slug)
    if report is None:
        return _not_found(request, NO_TRANSMISSIONS_HEADING, NO_TRANSMISSIONS)
    return _pdf(
        request,
        pdf_reports.FORUM_TEMPLATE,
        {"report": report, "forum": report.forum},
        filename=f"transmissions-to-{report.forum.slug}",
    )


def session_pdf(request: HttpRequest, guid) -> HttpResponse:
    report = pdf_reports.session_report(guid)
    if report is None:
        return _not_found(request, NO_REPORT_HEADING, NO_REPORT)
    session = report.session
    return _pdf(
        request,
        pdf_reports.SESSION_TEMPLATE,
        {"report_pdf": report, "report": report.report, "session": session},
        filename=f"{session.edition.slug}-session-{session.number}-report",
    )


def _pdf(
    request: HttpRequest, template: str, context: dict, *, filename: str
) -> HttpResponse:
    html = pdf_reports.report_html(template, context)
    # Links in the PDF point at the site the reader came from; only its own static
    # files are embedded (igfplus.pdf refuses everything else).
    base_url = request.build_absolute_uri("/")
    version = pdf_reports.html_version(html)
    etag = document_etag("outcomes-pdf", base_url, version)
    language = get_language() or ""
    response = versioned_document(
        request,
        etag=etag,
        # When this version was first asked for: the data has no single timestamp
        # (a deletion leaves none), and the ETag is what clients revalidate with.
        last_modified=cache.get_or_set(
            SEEN_PREFIX + version, timezone.now, SEEN_SECONDS
        ),
        content_type="application/pdf",
        render=partial(render_pdf, html, base_url=base_url),
        filename=f"{filename}-{language}.pdf" if language else f"{filename}.pdf",
        max_age=PDF_MAX_AGE,
    )
    # The same URL gives each reader the PDF in their own language.
    patch_vary_headers(response, ("Accept-Language", "Cookie"))
    return response


def _not_found(request: HttpRequest, heading: str, message: str) -> HttpResponse:
    return render(
        request,
        "outcomes/pdf/not_found.html",
        {"heading": heading, "message": message},
        status=404,
    )


urlpatterns = [
    path("editions/<slug:acronym>/messages.pdf", messages_pdf, name="messages_pdf"),
    path("forums/<slug:slug>/transmissions.pdf", forum_pdf, name="forum_pdf"),
    path("sessions/<uuid:guid>/report.pdf", session_pdf, name="session_pdf"),
]
