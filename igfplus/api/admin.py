"""API tokens in the Wagtail admin: the secretariat issues them (the secret is shown
once), changes their name and scopes, and revokes them. Tokens are never deleted: their
audit trail stays."""

from __future__ import annotations

from django import forms
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.generic import CreateView, EditView
from wagtail.admin.viewsets.model import ModelViewSet

from igfplus.models import ApiScope, ApiToken, ApiTokenUse
from igfplus.services.api_tokens import issue_token, revoke_token

NO_SCOPE = _("Choose at least one scope: a token without one can do nothing.")


class _ScopesField(forms.TypedMultipleChoiceField):
    def __init__(self, **kwargs):
        super().__init__(
            choices=ApiScope.choices,
            widget=forms.CheckboxSelectMultiple,
            label=_("Scopes"),
            error_messages={"required": NO_SCOPE},
            **kwargs,
        )


class ApiTokenCreateForm(forms.ModelForm):
    scopes = _ScopesField()

    class Meta:
        model = ApiToken
        fields = ["name", "owner", "scopes"]


class ApiTokenEditForm(forms.ModelForm):
    scopes = _ScopesField()
    revoke = forms.BooleanField(
        label=_("Revoke this token"),
        required=False,
        help_text=_("It stops working at once; this cannot be undone."),
    )

    class Meta:
        model = ApiToken
        fields = ["name", "scopes"]


class ApiTokenCreateView(CreateView):
    def save_instance(self):
        data = self.form.cleaned_data
        issued = issue_token(
            name=data["name"],
            owner=data["owner"],
            scopes=data["scopes"],
            by=self.request.user,
        )
        self.secret = issued.secret
        return issued.token

    def save_action(self):
        # The one moment the secret exists in clear: shown on this page, never stored,
        # never put in a message or a redirect.
        return TemplateResponse(
            self.request,
            "api/token_created.html",
            {
                "token": self.object,
                "secret": self.secret,
                "index_url": self.get_success_url(),
            },
        )


class ApiTokenEditView(EditView):
    def save_instance(self):
        token = self.form.save()
        if self.form.cleaned_data.get("revoke"):
            revoke_token(token=token)
        return token


class ApiTokenViewSet(ModelViewSet):
    model = ApiToken
    icon = "key"
    menu_label = _("API tokens")
    add_to_settings_menu = True
    add_view_class = ApiTokenCreateView
    edit_view_class = ApiTokenEditView
    list_display = ["name", "owner", "scopes", "prefix", "last_used_at", "revoked_at"]
    list_filter = ["revoked_at"]
    search_fields = ["name"]

    def get_form_class(self, for_update=False):
        return ApiTokenEditForm if for_update else ApiTokenCreateForm


class ApiTokenUseViewSet(ModelViewSet):
    """The audit trail: every request made with a token, read-only."""

    model = ApiTokenUse
    icon = "list-ul"
    menu_label = _("API token uses")
    add_to_settings_menu = True
    list_display = ["at", "token", "method", "path", "status"]
    list_filter = ["token", "status"]
    form_fields = ["token"]  # never edited: nobody holds add or change permissions
