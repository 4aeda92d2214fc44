from django import forms
from django.utils.translation import gettext_lazy as _

from igfplus.fields import UN_LANGUAGES
from sessions.enums import Track
from sessions.programme_selectors import ProgrammeFilters

ATTENDANCE_CHOICES = [
    ("", _("Any way")),
    ("onsite", _("I am onsite")),
    ("online", _("I take part online")),
]


class ProgrammeFilterForm(forms.Form):
    """The public programme's filters; every value lives in the URL so results can be shared."""

    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    theme = forms.ModelChoiceField(
        label=_("Sub-theme"),
        queryset=None,
        required=False,
        empty_label=_("All sub-themes"),
    )
    type = forms.ModelChoiceField(
        label=_("Session type"),
        queryset=None,
        required=False,
        empty_label=_("All types"),
    )
    track = forms.ChoiceField(
        label=_("Track"),
        choices=[("", _("All tracks")), *Track.choices],
        required=False,
    )
    room = forms.ModelChoiceField(
        label=_("Room"), queryset=None, required=False, empty_label=_("All rooms")
    )
    language = forms.ChoiceField(
        label=_("Language"),
        choices=[("", _("All languages")), *UN_LANGUAGES],
        required=False,
    )
    attendance = forms.ChoiceField(
        label=_("Taking part"), choices=ATTENDANCE_CHOICES, required=False
    )

    def __init__(self, *args, edition, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].queryset = edition.themes.all()
        self.fields["type"].queryset = edition.session_types.all()
        self.fields["room"].queryset = edition.rooms.all()

    def filters(self) -> ProgrammeFilters:
        data = self.cleaned_data
        return ProgrammeFilters(
            theme_id=data["theme"].pk if data.get("theme") else None,
            type_id=data["type"].pk if data.get("type") else None,
            track=data.get("track") or "",
            room_id=data["room"].pk if data.get("room") else None,
            language=data.get("language") or "",
            attendance=data.get("attendance") or "",
            text=(data.get("q") or "").strip(),
        )

    @property
    def is_filtered(self) -> bool:
        return self.is_bound and self.is_valid() and any(self.cleaned_data.values())
