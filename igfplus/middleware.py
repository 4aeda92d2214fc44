"""Staff roles need a second factor before they reach the admin."""

from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

MFA_REQUIRED_MESSAGE = _(
    "Your role gives you access to the administration. Protect it first: set up an "
    "authenticator app for two-factor authentication."
)


def needs_mfa_setup(user) -> bool:
    """Whether this user's role requires MFA and no authenticator is set up yet."""
    if not user.is_authenticated:
        return False
    required_roles = set(settings.IGFPLUS_MFA_REQUIRED_ROLES)
    in_required_role = user.is_superuser or any(
        group.name in required_roles for group in user.groups.all()
    )
    return in_required_role and not is_mfa_enabled(user)


class StaffMFAMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        admin_prefix = reverse("wagtailadmin_home")
        if request.path.startswith(admin_prefix) and needs_mfa_setup(request.user):
            messages.warning(request, MFA_REQUIRED_MESSAGE)
            return redirect("mfa_activate_totp")
        return self.get_response(request)
