from django.conf import settings
from django.conf.urls.static import static
from django.urls import include, path
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from igfplus import views
from sessions.views.feeds import personal_feed

accounts_patterns = (
    [
        path("profile/", views.ProfileView.as_view(), name="profile"),
        path("calendar-link/", views.calendar_link, name="calendar_link"),
        path("my-data.json", views.my_data, name="my_data"),
        path("delete/", views.delete_account_view, name="delete"),
    ],
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
    path("my/reports/", include("outcomes.report_urls")),
    path("", include("outcomes.views.watchlists")),  # /my/watchlist/, its Atom feed
    path("my/", include("sessions.urls")),
    path("outcomes/", include("outcomes.urls")),
    path("open-data/", include("outcomes.views.downloads")),
    path("privacy/", views.privacy, name="privacy"),
    path("search/", include("search.urls")),
    path("api/v1/", include("igfplus.api.urls")),  # open-data API (docs/api.md)
    path("intersessional/", include("intersessional.urls")),
    path("", include("intersessional.forum_calendar")),  # /events/, /events.ics
    # A person's agenda for calendar apps, which cannot sign in: the token is the key.
    path("calendar/<str:token>.ics", personal_feed, name="personal_calendar"),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Files of each edition's programme (feeds, exports, PDF) and of the NRIs
# (/nris/events.ics, /nris/<slug>/events.ics), then the page tree.
urlpatterns.append(path("", include("sessions.public_urls")))
urlpatterns.append(path("", include("cms.urls")))
# Wagtail serves every other path from the page tree: /<edition acronym>/ and below.
urlpatterns.append(path("", include(wagtail_urls)))
