from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from igfplus.models import User
from igfplus.services.personal_data import NOT_CONFIRMED, WRONG_PASSWORD


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
            "keeps_name_on_public_record",
        ]


def save_and_tell(request, form: forms.Form, save, success: str) -> bool:
    """Call ``save(cleaned_data)`` if ``form`` is valid and tell the person how it went.

    For small forms posted from a page that then redirects back to it (a comment under a
    message or an output): every field error and every refusal of the service becomes a
    message on the page they return to. Returns whether it was saved.
    """
    if not form.is_valid():
        for errors in form.errors.values():
            for text in errors:
                messages.error(request, text)
        return False
    try:
        save(form.cleaned_data)
    except ValidationError as error:
        for text in error.messages:
            messages.error(request, text)
        return False
    messages.success(request, success)
    return True


class AccountDeletionForm(forms.Form):
    """The password and an explicit tick: deleting an account cannot be undone."""

    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    confirm = forms.BooleanField(
        label=_("I understand that my account and my personal data will be erased."),
        required=True,
        error_messages={"required": NOT_CONFIRMED},
    )

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise ValidationError(WRONG_PASSWORD, code="wrong_password")
        return password
