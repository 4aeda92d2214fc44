"""Forms of the outcomes: a session report with its takeaways and calls, comments, steps."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from igfplus.enums import StakeholderGroup
from outcomes.services.reports import CallSpec, TakeawaySpec

UNTIL_REQUIRED = "Say until when comments are open."


class ReportForm(forms.Form):
    summary = forms.CharField(
        label=_("Summary of the discussion"),
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
    )
    participants_onsite = forms.IntegerField(
        label=_("Participants onsite"), min_value=0
    )
    participants_online = forms.IntegerField(
        label=_("Participants online"), min_value=0
    )
    women_count = forms.IntegerField(
        label=_("Women (optional)"), min_value=0, required=False
    )
    men_count = forms.IntegerField(
        label=_("Men (optional)"), min_value=0, required=False
    )
    other_gender_count = forms.IntegerField(
        label=_("Other or undisclosed (optional)"), min_value=0, required=False
    )

    @classmethod
    def initial_for(cls, report) -> dict:
        if report is None:
            return {}
        return {name: getattr(report, name) for name in cls.base_fields}


class TakeawayForm(forms.Form):
    id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    text = forms.CharField(
        label=_("Key takeaway"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )


class CallToActionForm(forms.Form):
    id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    text = forms.CharField(
        label=_("Call to action"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
    addressed_to = forms.MultipleChoiceField(
        label=_("Addressed to"),
        choices=StakeholderGroup.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )


TakeawayFormSet = forms.formset_factory(
    TakeawayForm, extra=2, can_delete=True, max_num=20, validate_max=True
)
CallToActionFormSet = forms.formset_factory(
    CallToActionForm, extra=2, can_delete=True, max_num=20, validate_max=True
)


def takeaway_specs(formset) -> list[TakeawaySpec]:
    """The takeaways a valid formset holds, in order, without deleted or empty rows."""
    return [
        TakeawaySpec(text=form.cleaned_data["text"], pk=form.cleaned_data.get("id"))
        for form in formset.forms
        if form.cleaned_data
        and not form.cleaned_data.get("DELETE")
        and form.cleaned_data.get("text", "").strip()
    ]


def call_specs(formset) -> list[CallSpec]:
    """The calls to action a valid formset holds, in order."""
    return [
        CallSpec(
            text=form.cleaned_data["text"],
            addressed_to=tuple(form.cleaned_data.get("addressed_to") or ()),
            pk=form.cleaned_data.get("id"),
        )
        for form in formset.forms
        if form.cleaned_data
        and not form.cleaned_data.get("DELETE")
        and form.cleaned_data.get("text", "").strip()
    ]


class CommentForm(forms.Form):
    text = forms.CharField(
        label=_("Your comment"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
    )


class DocumentStepForm(forms.Form):
    """One step in a document's life, chosen in the admin."""

    OPEN = "open"
    VERSION = "version"
    FINALIZE = "finalize"

    step = forms.ChoiceField(
        label=_("Step"),
        choices=[
            (OPEN, _("Open (or extend) public comment")),
            (VERSION, _("Publish a new version")),
            (FINALIZE, _("Make final")),
        ],
    )
    until = forms.DateField(
        label=_("Public comment until"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    published_on = forms.DateField(
        label=_("Published on (for a final document; today if empty)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    changes = forms.CharField(
        label=_("What changed (public changelog)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )

    def clean(self):
        data = super().clean()
        if data.get("step") == self.OPEN and not data.get("until"):
            self.add_error("until", UNTIL_REQUIRED)
        return data
