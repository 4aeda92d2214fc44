"""IGF+'s own admin screens (the apps register theirs in their own wagtail_hooks)."""

from wagtail import hooks

from igfplus.api.admin import ApiTokenUseViewSet, ApiTokenViewSet


@hooks.register("register_admin_viewset")
def register_api_token_viewset():
    # In the Settings menu, for roles with the API token permissions (the secretariat).
    return ApiTokenViewSet("api_tokens")


@hooks.register("register_admin_viewset")
def register_api_token_use_viewset():
    return ApiTokenUseViewSet("api_token_uses")
