"""Front-end URLs of the programme (mounted at /my/ by igfplus.urls: /my/proposals/, /my/agenda/)."""

from django.urls import include, path

app_name = "sessions"

urlpatterns = [
    path("proposals/", include("sessions.views.proposals")),
    path("agenda/", include("sessions.views.agenda")),
]
