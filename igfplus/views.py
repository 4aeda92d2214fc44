import json

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from django.views.generic import UpdateView

from igfplus.forms import AccountDeletionForm, ProfileForm
from igfplus.ical import subscribe_links
from igfplus.models import CalendarFeedToken
from igfplus.services.feed_tokens import revoke_feed_token, rotate_feed_token
from igfplus.services.personal_data import delete_account, personal_data_of

PROFILE_SAVED = _("Your profile has been saved.")
CALENDAR_LINK_REVOKED = _(
    "Your private calendar link has been turned off. Calendar apps using it will stop "
    "updating."
)
CALENDAR_NAME = _("My IGF agenda")
ACCOUNT_DELETED = _(
    "Your account has been deleted and your personal data erased. Thank you for taking "
    "part in the IGF."
)


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


def privacy(request):
    """What personal data the site keeps, why, for how long and who sees it."""
    return render(request, "igfplus/privacy.html")


@login_required
def my_data(request):
    """The signed-in person's own data as a JSON download (``personal_data_of``)."""
    body = json.dumps(
        personal_data_of(request.user), ensure_ascii=False, indent=2
    ).encode()
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="my-igfplus-data.json"'
    response["Cache-Control"] = "no-store, private"
    return response


@login_required
def delete_account_view(request):
    """Ask for the password and a tick, then erase the account and sign out."""
    form = AccountDeletionForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        delete_account(user=request.user)
        logout(request)
        messages.success(request, ACCOUNT_DELETED)
        return redirect("/")
    return render(
        request,
        "igfplus/delete_account.html",
        {"form": form, "keeps_name": request.user.keeps_name_on_public_record},
    )
