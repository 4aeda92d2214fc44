from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from django.views.generic import UpdateView

from igfplus.forms import ProfileForm
from igfplus.ical import subscribe_links
from igfplus.models import CalendarFeedToken
from igfplus.services.feed_tokens import revoke_feed_token, rotate_feed_token

PROFILE_SAVED = _("Your profile has been saved.")
CALENDAR_LINK_REVOKED = _(
    "Your private calendar link has been turned off. Calendar apps using it will stop "
    "updating."
)
CALENDAR_NAME = _("My IGF agenda")


class ProfileView(LoginRequiredMixin, UpdateView):
    form_class = ProfileForm
    template_name = "igfplus/profile.html"
    success_url = reverse_lazy("accounts:profile")

    def get_object(self, queryset=None):
        return self.request.user

    def form_valid(self, form):
        messages.success(self.request, PROFILE_SAVED)
        return super().form_valid(form)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["calendar_token"] = CalendarFeedToken.objects.filter(
            user=self.request.user
        ).first()
        return context


@require_POST
@login_required
def calendar_link(request):
    """Create or replace the private calendar link (shown once), or turn it off."""
    if request.POST.get("action") == "revoke":
        revoke_feed_token(user=request.user)
        messages.success(request, CALENDAR_LINK_REVOKED)
        return redirect("accounts:profile")
    token = rotate_feed_token(user=request.user)
    feed_url = request.build_absolute_uri(
        reverse("personal_calendar", kwargs={"token": token})
    )
    # Rendered, not redirected: the link exists in clear only in this response.
    response = render(
        request,
        "igfplus/calendar_link.html",
        {"subscribe": subscribe_links(feed_url, str(CALENDAR_NAME))},
    )
    response["Cache-Control"] = "no-store"
    response["Referrer-Policy"] = "no-referrer"
    return response


def admin_login(request):
    """Send the Wagtail admin's own login to allauth, so rate limits and MFA apply."""
    return redirect_to_login(
        request.GET.get("next") or reverse("wagtailadmin_home"),
        login_url=reverse("account_login"),
    )
