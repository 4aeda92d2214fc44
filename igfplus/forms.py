from django import forms
from django.utils.translation import gettext_lazy as _

from igfplus.models import User


class SignupForm(forms.Form):
    """Extra fields on allauth's sign-up form (allauth calls ``signup``)."""

    name = forms.CharField(
        label=_("Full name"),
        max_length=200,
        help_text=_("As you would like it shown if you speak at a session."),
    )

    def signup(self, request, user: User) -> None:
        user.name = self.cleaned_data["name"]
        user.save(update_fields=["name"])


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = [
            "name",
            "organisation",
            "stakeholder_group",
            "regional_group",
            "country",
            "gender",
        ]
