"""Public outcome URLs (mounted at /outcomes/ by igfplus.urls); /my/reports/ is separate."""

from django.urls import include, path

app_name = "outcomes"

urlpatterns = [
    path("", include("outcomes.views.trace")),
    path("", include("outcomes.views.open_data")),
    path("", include("outcomes.views.comments")),
    path("", include("outcomes.views.pdf")),
]
