from django.conf import settings
from django.conf.urls.static import static
from django.urls import include, path
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from igfplus import views

accounts_patterns = (
    [path("profile/", views.ProfileView.as_view(), name="profile")],
    "accounts",
)

urlpatterns = [
    # The admin's own sign-in and password reset would bypass allauth's MFA and limits.
    path("admin/login/", views.admin_login, name="admin_login_redirect"),
    path(
        "admin/password_reset/",
        RedirectView.as_view(pattern_name="account_reset_password"),
    ),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("accounts/", include(accounts_patterns)),
    path("accounts/", include("allauth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("my/", include("sessions.urls")),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Wagtail serves every other path from the page tree: /<edition acronym>/ and below.
urlpatterns.append(path("", include(wagtail_urls)))
