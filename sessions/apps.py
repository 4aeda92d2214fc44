from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ForumSessionsConfig(AppConfig):
    name = "sessions"
    # Django's own session framework already owns the label "sessions".
    label = "forum_sessions"
    verbose_name = _("Programme")
