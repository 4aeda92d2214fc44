"""Files of intersessional work under ``/intersessional/`` (mounted by igfplus.urls).

Wagtail's page router serves only paths ending in ``/``, so the feeds are routed here,
ahead of the page tree; the pages themselves are Wagtail pages.
"""

from django.urls import path

from intersessional.views import all_meetings_feed, body_meetings_feed

app_name = "intersessional"

urlpatterns = [
    path("meetings.ics", all_meetings_feed, name="meetings_ical"),
    path("<slug:slug>/meetings.ics", body_meetings_feed, name="body_meetings_ical"),
]
