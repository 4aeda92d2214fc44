from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.contrib.auth.views import redirect_to_login
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext_lazy as _
from django.views.generic import UpdateView

from igfplus.forms import ProfileForm

PROFILE_SAVED = _("Your profile has been saved.")


class ProfileView(LoginRequiredMixin, UpdateView):
    form_class = ProfileForm
    template_name = "igfplus/profile.html"
    success_url = reverse_lazy("accounts:profile")

    def get_object(self, queryset=None):
        return self.request.user

    def form_valid(self, form):
        messages.success(self.request, PROFILE_SAVED)
        return super().form_valid(form)


def admin_login(request):
    """Send the Wagtail admin's own login to allauth, so rate limits and MFA apply."""
    return redirect_to_login(
        request.GET.get("next") or reverse("wagtailadmin_home"),
        login_url=reverse("account_login"),
    )
