from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from cms.services.editions import DUPLICATE_ACRONYM, INVALID_ACRONYM, is_valid_acronym
from cms.services.nris import (
    DUPLICATE_NRI_ACRONYM,
    DUPLICATE_REPORT_YEAR,
    INVALID_DEADLINE,
    is_valid_deadline,
    next_sequence,
)
from igfplus import roles
from igfplus.services.page_stewards import page_stewards, set_page_stewards


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


class NriIndexPageForm(WagtailAdminPageForm):
    """The reporting deadline must be a day that exists every year."""

    def clean(self):
        cleaned = super().clean()
        month, day = cleaned.get("report_due_month"), cleaned.get("report_due_day")
        if month and day and not is_valid_deadline(month=month, day=day):
            self.add_error(
                "report_due_day",
                ValidationError(
                    INVALID_DEADLINE,
                    code="invalid_deadline",
                    params={"month": month, "day": day},
                ),
            )
        return cleaned


class NriPageForm(WagtailAdminPageForm):
    """An NRI: acronym unique whatever its case, one report per year, its coordinators,
    and the calendar change signals of its events."""

    coordinators = forms.ModelMultipleChoiceField(
        queryset=None,  # set per form: the user model is not ready at import time
        required=False,
        label=_("Coordinators"),
        help_text=_(
            "They may edit this initiative's page, events and reports, and nothing "
            "else. Hold Ctrl (⌘ on a Mac) to choose several."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "coordinators" not in self.fields:
            return
        self.fields["coordinators"].queryset = (
            get_user_model().objects.filter(is_active=True).order_by("name", "email")
        )
        if self.instance.pk:
            self.fields["coordinators"].initial = list(
                page_stewards(self.instance, role=roles.NRI_COORDINATOR)
            )

    def clean_acronym(self):
        acronym = self.cleaned_data["acronym"].strip()
        if acronym and self.instance.acronym_taken(acronym):
            raise ValidationError(
                DUPLICATE_NRI_ACRONYM,
                code="duplicate_acronym",
                params={"value": acronym},
            )
        return acronym

    def is_valid(self):
        # Runs after the page form and its formsets are cleaned: the checks below read
        # the child forms' cleaned data.
        valid = super().is_valid()
        if valid and not self._report_years_unique():
            valid = False
        if valid and not getattr(self, "_events_marked", False):
            self._mark_event_changes(now=timezone.now())
            self._events_marked = True
        return valid

    def _live_forms(self, name: str):
        formset = self.formsets.get(name)
        if formset is None:
            return []
        return [
            form
            for form in formset.forms
            if form.has_changed() or form.instance.pk
            if not (formset.can_delete and formset._should_delete_form(form))
        ]

    def _report_years_unique(self) -> bool:
        seen, unique = set(), True
        for form in self._live_forms("annual_reports"):
            year = form.cleaned_data.get("year")
            if year is None:
                continue
            if year in seen:
                form.add_error(
                    "year",
                    ValidationError(
                        DUPLICATE_REPORT_YEAR,
                        code="duplicate_year",
                        params={"year": year},
                    ),
                )
                unique = False
            seen.add(year)
        return unique

    def _mark_event_changes(self, *, now) -> None:
        # Calendars learn of a change by SEQUENCE and LAST-MODIFIED (see CLIENTS.md).
        for form in self._live_forms("events"):
            event = form.instance
            if event.pk is None or not form.has_changed():
                continue
            event.sequence = next_sequence(event.sequence, form.changed_data)
            event.changed_at = now

    def save(self, commit=True):
        page = super().save(commit=commit)
        if "coordinators" in self.cleaned_data:
            coordinators = list(self.cleaned_data["coordinators"])
            if page.pk:
                set_page_stewards(page, coordinators, role=roles.NRI_COORDINATOR)
            else:
                # A new page has no id until the create view adds it to the tree; the
                # after_create_page hook (cms/wagtail_hooks.py) assigns them then.
                page._pending_coordinators = coordinators
        return page
