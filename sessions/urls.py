"""Front-end URLs of the programme (mounted at /programme-tools/ by igfplus.urls)."""

from django.urls import include, path

app_name = "sessions"

urlpatterns = [
    path("proposals/", include("sessions.views.proposals")),
]
