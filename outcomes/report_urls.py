"""A person's session reports (mounted at /my/reports/ by igfplus.urls)."""

from django.urls import include, path

app_name = "reports"

urlpatterns = [path("", include("outcomes.views.reports"))]
