"""Files of an edition's released programme at ``/<edition>/programme/<file>``.

Wagtail's page router serves only paths of slugs ending in ``/``; feeds and exports have
file names (``schedule.ics``), so they are routed here, ahead of the page tree, and each
view receives the edition's live programme page.
"""

from functools import wraps

from django.http import HttpResponseNotFound
from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail.models import Site

from cms.models import ForumEditionPage
from sessions.models import ProgrammePage

app_name = "programme"

NO_SUCH_PROGRAMME = _("There is no edition “%(edition)s” with a published programme.")


def programme_page_for_slug(request, edition_slug: str) -> ProgrammePage | None:
    """The live programme page of the edition with this acronym on the request's site."""
    site = Site.find_for_request(request)
    if site is None:
        return None
    edition = (
        ForumEditionPage.objects.live()
        .descendant_of(site.root_page)
        .filter(slug=edition_slug)
        .first()
    )
    if edition is None:
        return None
    programme = ProgrammePage.objects.live().child_of(edition).first()
    if programme is not None:
        programme._edition = edition  # spare the views a second lookup of the parent
    return programme


def on_programme(view):
    """Call ``view(request, programme_page, **kwargs)``, or answer a plain-text 404."""

    @wraps(view)
    def wrapper(request, edition, **kwargs):
        programme = programme_page_for_slug(request, edition)
        if programme is None:
            return HttpResponseNotFound(
                f"{NO_SUCH_PROGRAMME % {'edition': edition}}\n",
                content_type="text/plain; charset=utf-8",
            )
        return view(request, programme, **kwargs)

    return wrapper


def _lazy(module: str, name: str):
    """Import the view on first call: the exports and the booklet load heavy libraries."""

    def view(request, programme_page, **kwargs):
        from importlib import import_module

        return getattr(import_module(module), name)(request, programme_page, **kwargs)

    view.__name__ = name
    return view


urlpatterns = [
    path(
        "<slug:edition>/programme/schedule.ics",
        on_programme(_lazy("sessions.views.feeds", "programme_feed")),
        name="ical",
    ),
    path(
        "<slug:edition>/programme/sessions/<uuid:guid>.ics",
        on_programme(_lazy("sessions.views.feeds", "session_feed")),
        name="session_ical",
    ),
    path(
        "<slug:edition>/programme/schedule.xml",
        on_programme(_lazy("sessions.views.exports", "schedule_xml")),
        name="frab",
    ),
    path(
        "<slug:edition>/programme/schedule.json",
        on_programme(_lazy("sessions.views.exports", "schedule_json")),
        name="c3voc",
    ),
    path(
        "<slug:edition>/programme/programme.pdf",
        on_programme(_lazy("sessions.views.booklet", "programme_pdf")),
        name="pdf",
    ),
]
