"""Staff roles need a second factor before they reach the admin."""

from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib import messages
from django.middleware.csrf import CsrfViewMiddleware
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from igfplus.services import page_cache

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


# Every public page loads its scripts and styles from /static/ only, so an injected
# <script> or style= attribute does nothing even if escaping ever failed somewhere.
PUBLIC_CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "object-src 'none'; base-uri 'self'; frame-ancestors 'none'; form-action 'self'"
)
# The Wagtail admin writes inline scripts (its JSON config, telepath data) and inline
# styles, and shows previews in a frame of itself; it is staff-only and behind MFA.
ADMIN_CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data: blob:; "
    "style-src 'self' 'unsafe-inline'; script-src 'self' 'unsafe-inline'; "
    "object-src 'none'; base-uri 'self'; frame-ancestors 'self'; form-action 'self'"
)
# No page of IGF+ needs these browser features.
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"


class SecurityHeadersMiddleware:
    """Content-Security-Policy and Permissions-Policy on every response."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        admin_prefix = reverse("wagtailadmin_home")
        policy = (
            ADMIN_CONTENT_SECURITY_POLICY
            if request.path.startswith(admin_prefix)
            else PUBLIC_CONTENT_SECURITY_POLICY
        )
        response.headers.setdefault("Content-Security-Policy", policy)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response


class QueryLanguageMiddleware:
    """``?lang=fr`` on any URL: that request is answered in that language.

    Calendar apps and PDF links carry no cookie, so the subscribe and download links name
    the visitor's language. A language the site does not offer gets the original
    (the default language), never an error. Runs after ``LocaleMiddleware``.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.utils import translation

        from igfplus.services.translation import supported_language

        if "lang" in request.GET:
            language = (
                supported_language(request.GET.get("lang")) or settings.LANGUAGE_CODE
            )
            translation.activate(language)
            request.LANGUAGE_CODE = language
        return self.get_response(request)


class AnonymousPageCacheMiddleware:
    """Anonymous GETs answered from the page cache (``igfplus.services.page_cache``).

    Sits before the session, CSRF and authentication middleware: a cached page costs a
    cache read and skips them all; a page rendered for a visitor with no session cookie
    is stored on its way out. Anyone with a session cookie is always served fresh.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.csrf = CsrfViewMiddleware(get_response)

    def __call__(self, request):
        if not page_cache.may_answer_from_cache(request):
            return self.get_response(request)
        key = page_cache.page_key(request, page_cache.current_generation())
        store = page_cache.page_cache()
        cached = store.get(key)
        if cached is not None:
            return page_cache.response_from_page(request, cached, self.csrf)
        response = self.get_response(request)
        page = page_cache.page_to_store(request, response)
        if page is not None:
            store.set(key, page, settings.IGFPLUS_PAGE_CACHE_SECONDS)
        return response
