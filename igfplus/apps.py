from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _
from wagtail.users.apps import WagtailUsersAppConfig


class IgfplusConfig(AppConfig):
    # Two configs live in this module: without ``default`` Django would pick neither and
    # use a bare AppConfig, so ready() below would never run.
    default = True
    name = "igfplus"
    verbose_name = _("IGF+ core")

    def ready(self):
        # Like Django's own permission creation: after every migrate, the role groups get
        # the permissions of models that new migrations brought in.
        post_migrate.connect(
            _sync_roles_after_migrate, dispatch_uid="igfplus.sync_roles"
        )
        # Public writes start a new generation of cached pages (services/page_cache.py).
        from igfplus.services.page_cache import watch_public_writes

        connection_created.connect(
            watch_public_writes, dispatch_uid="igfplus.page_cache"
        )


class IgfUsersAppConfig(WagtailUsersAppConfig):
    """Wagtail's user admin with IGF+'s profile fields (one name field, groups)."""

    user_viewset = "igfplus.users_admin.UserViewSet"


def _sync_roles_after_migrate(sender, app_config=None, using="default", **kwargs):
    from django.apps import apps

    # post_migrate fires once per app that has models (Django skips the others), after
    # that app's permissions are created: sync once, on the last such app.
    with_models = [config for config in apps.get_app_configs() if config.models_module]
    if app_config is not with_models[-1]:
        return
    from igfplus.roles import sync_roles

    sync_roles()
