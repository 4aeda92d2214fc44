"""The Wagtail admin's user forms, with IGF+'s single name field and profile fields."""

from wagtail.users.forms import UserCreationForm, UserEditForm
from wagtail.users.views.users import UserViewSet as WagtailUserViewSet

PROFILE_FIELDS = {
    "name",
    "organisation",
    "stakeholder_group",
    "regional_group",
    "country",
}
# Gender is self-declared on the profile page only; the secretariat never types it in.
WAGTAIL_NAME_FIELDS = {"first_name", "last_name"}


class IgfUserCreationForm(UserCreationForm):
    first_name = None
    last_name = None

    class Meta(UserCreationForm.Meta):
        fields = (UserCreationForm.Meta.fields - WAGTAIL_NAME_FIELDS) | PROFILE_FIELDS


class IgfUserEditForm(UserEditForm):
    first_name = None
    last_name = None

    class Meta(UserEditForm.Meta):
        fields = (UserEditForm.Meta.fields - WAGTAIL_NAME_FIELDS) | PROFILE_FIELDS


class UserViewSet(WagtailUserViewSet):
    def get_form_class(self, for_update=False):
        return IgfUserEditForm if for_update else IgfUserCreationForm
