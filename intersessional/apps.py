from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntersessionalConfig(AppConfig):
    name = "intersessional"
    verbose_name = _("Intersessional work")
