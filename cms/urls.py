"""NRI calendar files at ``/nris/events.ics`` and ``/nris/<slug>/events.ics``.

Wagtail's page router serves only paths of slugs ending in ``/``; feeds have file names,
so they are routed here, ahead of the page tree (``path("", include("cms.urls"))`` in the
root URLconf, before Wagtail's own).
"""

from django.urls import path

from cms import views

app_name = "nris"

urlpatterns = [
    path("nris/events.ics", views.all_nri_events_feed, name="all_events_ical"),
    path("nris/<slug:slug>/events.ics", views.nri_events_feed, name="events_ical"),
]
