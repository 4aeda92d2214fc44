from django.core.exceptions import ValidationError
from wagtail.admin.forms import WagtailAdminPageForm

from cms.services.editions import DUPLICATE_ACRONYM, INVALID_ACRONYM, is_valid_acronym


class ForumEditionPageForm(WagtailAdminPageForm):
    """The edition's slug is its acronym: checked here, before Wagtail's sibling check."""

    def clean_slug(self):
        slug = self.cleaned_data["slug"]
        if not is_valid_acronym(slug):
            raise ValidationError(INVALID_ACRONYM, code="invalid_acronym")
        if self.instance.acronym_taken(slug):
            raise ValidationError(
                DUPLICATE_ACRONYM, code="duplicate_acronym", params={"value": slug}
            )
        return slug
