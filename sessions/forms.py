"""Front-end forms of the programme: the session proposal and its people."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django import forms
from django.utils.translation import gettext_lazy as _

from cms.models import ForumEditionPage
from igfplus.fields import SDGS, UN_LANGUAGES
from sessions.enums import (
    Delivery,
    DiscussionFormat,
    PersonRole,
    Presence,
    SessionStatus,
    Track,
)
from sessions.models import Person, SessionPage, SessionType
from sessions.selectors import ProgrammeFilters
from sessions.services.proposals import (
    PEOPLE,
    PersonRow,
    Problem,
    ProposalContent,
    call_problems,
)

REQUIRED_TO_SUBMIT = _(
    "Fill this in to submit the proposal; a draft may leave it empty."
)
DURATION_NOT_ALLOWED = _(
    "Choose a duration allowed for %(type)s sessions: %(allowed)s minutes."
)
ONSITE_MODERATOR_ONLINE = _(
    "An onsite moderator takes part onsite; for someone online choose the role "
    "“Online moderator”."
)
REQUIRED_TO_SUBMIT_HELP = _("Required to submit.")
CAPTIONING_LANGUAGES_WITHOUT_CAPTIONING = _(
    "Tick “Real-time captioning” too, or leave the captioning languages empty."
)
DURATIONS_HELP = _("Allowed durations in minutes: %(durations)s.")

# The submit buttons' ``name="action"`` values.
ACTION_SUBMIT = "submit"
ACTION_DRAFT = "draft"

# Filled in only when submitting; a draft may leave them empty.
FIELDS_REQUIRED_TO_SUBMIT = ("description", "policy_questions", "theme", "languages")

MAX_PEOPLE = 40
EMPTY_PEOPLE_ROWS = 3
MIN_PEOPLE_ROWS = 6


def _durations(types) -> list[int]:
    return sorted({minutes for t in types for minutes in t.allowed_durations})


class ProposalForm(forms.Form):
    """A proposal's own fields. The session type is chosen once, when it is created."""

    title = forms.CharField(label=_("Title"), max_length=255)
    session_type = forms.ModelChoiceField(
        label=_("Session type"),
        queryset=SessionType.objects.none(),
        empty_label=_("Choose a session type"),
    )
    theme = forms.ModelChoiceField(
        label=_("Sub-theme"),
        queryset=None,
        required=False,
        empty_label=_("Choose a sub-theme"),
        help_text=REQUIRED_TO_SUBMIT_HELP,
    )
    description = forms.CharField(
        label=_("Description"),
        widget=forms.Textarea(attrs={"rows": 8}),
        required=False,
        help_text=REQUIRED_TO_SUBMIT_HELP,
    )
    policy_questions = forms.CharField(
        label=_("Policy questions"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=_("One question per line. Required to submit."),
    )
    sdgs = forms.TypedMultipleChoiceField(
        label=_("Sustainable Development Goals"),
        choices=SDGS,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    discussion_format = forms.ChoiceField(
        label=_("Format"),
        choices=DiscussionFormat.choices,
        initial=DiscussionFormat.PANEL,
    )
    languages = forms.TypedMultipleChoiceField(
        label=_("Languages"),
        choices=UN_LANGUAGES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Languages spoken in the session. Required to submit."),
    )
    delivery = forms.ChoiceField(
        label=_("Onsite, hybrid or online"),
        choices=Delivery.choices,
        initial=Delivery.HYBRID,
        widget=forms.RadioSelect,
    )
    duration_minutes = forms.TypedChoiceField(label=_("Duration (minutes)"), coerce=int)
    expected_attendance = forms.IntegerField(
        label=_("Expected attendance"), min_value=1, required=False
    )
    online_participation = forms.CharField(
        label=_("How to take part online"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("Plain text shown on the session page and in calendar feeds."),
    )
    interpretation_languages = forms.TypedMultipleChoiceField(
        label=_("Interpretation into"),
        choices=UN_LANGUAGES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Leave empty to use the interpretation of the room the session is given."
        ),
    )
    has_captioning = forms.BooleanField(label=_("Real-time captioning"), required=False)
    captioning_languages = forms.TypedMultipleChoiceField(
        label=_("Captioning languages"),
        choices=UN_LANGUAGES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Leave empty for captions in the languages spoken."),
    )
    sign_language = forms.CharField(
        label=_("Sign language interpretation"),
        max_length=100,
        required=False,
        help_text=_(
            "For example “International Sign” or a national sign language. Leave "
            "empty if there is none."
        ),
    )

    def __init__(
        self,
        *args,
        edition: ForumEditionPage,
        now: dt.datetime,
        session_type: SessionType | None = None,
        choosable_types=(),
        allows_draft: bool = True,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.now = now
        self.allows_draft = allows_draft
        self.fixed_session_type = session_type
        self.fields["theme"].queryset = edition.themes.all()
        self.has_themes = edition.themes.exists()
        if session_type is not None:
            del self.fields["session_type"]
            valid_types = shown_types = [session_type]
        else:
            # Every type with a call validates, so one whose call has just closed is
            # refused with its close time; only the types open now are offered.
            field = self.fields["session_type"]
            field.queryset = SessionType.objects.filter(
                edition=edition, is_open_for_proposals=True
            )
            shown_types = list(choosable_types)
            field.choices = [("", field.empty_label)] + [
                (t.pk, t.name) for t in shown_types
            ]
            valid_types = list(field.queryset)
        duration = self.fields["duration_minutes"]
        duration.choices = [("", _("Choose a duration"))] + [
            (minutes, str(minutes)) for minutes in _durations(valid_types)
        ]
        duration.help_text = DURATIONS_HELP % {
            "durations": "; ".join(
                f"{t.name}: {', '.join(str(m) for m in t.allowed_durations)}"
                for t in shown_types
            )
        }

    @property
    def as_draft(self) -> bool:
        # A submitted proposal stays submitted: it is checked as one whatever the button.
        return self.allows_draft and self.data.get("action") == ACTION_DRAFT

    def clean_session_type(self):
        session_type = self.cleaned_data["session_type"]
        problems = call_problems(session_type, now=self.now)
        if problems:
            raise forms.ValidationError(problems[0].message, code="call_closed")
        return session_type

    def clean_sign_language(self):
        # One line: it is shown in lists, calendars and exports.
        return " ".join(self.cleaned_data["sign_language"].split())

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("captioning_languages") and not cleaned.get("has_captioning"):
            self.add_error(
                "captioning_languages",
                forms.ValidationError(CAPTIONING_LANGUAGES_WITHOUT_CAPTIONING),
            )
        session_type = self.fixed_session_type or cleaned.get("session_type")
        minutes = cleaned.get("duration_minutes")
        if session_type and minutes and minutes not in session_type.allowed_durations:
            self.add_error(
                "duration_minutes",
                forms.ValidationError(
                    DURATION_NOT_ALLOWED
                    % {
                        "type": session_type.name,
                        "allowed": ", ".join(map(str, session_type.allowed_durations)),
                    },
                    code="duration_not_allowed",
                ),
            )
        if not self.as_draft:
            for name in FIELDS_REQUIRED_TO_SUBMIT:
                if name == "theme" and not self.has_themes:
                    continue
                if name in cleaned and not cleaned[name]:
                    self.add_error(
                        name, forms.ValidationError(REQUIRED_TO_SUBMIT, code="required")
                    )
        return cleaned

    def content(self) -> ProposalContent:
        data = self.cleaned_data
        return ProposalContent(
            title=data["title"],
            description=data["description"],
            policy_questions=data["policy_questions"],
            theme=data["theme"],
            sdgs=data["sdgs"],
            discussion_format=data["discussion_format"],
            languages=data["languages"],
            delivery=data["delivery"],
            duration_minutes=data["duration_minutes"],
            expected_attendance=data["expected_attendance"],
            online_participation=data["online_participation"],
            interpretation_languages=data["interpretation_languages"],
            has_captioning=data["has_captioning"],
            captioning_languages=data["captioning_languages"],
            sign_language=data["sign_language"],
        )


def _person_field(name: str, **kwargs) -> forms.Field:
    return Person._meta.get_field(name).formfield(**kwargs)


class PersonRowForm(forms.Form):
    """One person at the proposed session: who they are, their role, where they are."""

    name = _person_field("name", label=_("Name"))
    organisation = _person_field("organisation", label=_("Organisation (optional)"))
    stakeholder_group = _person_field("stakeholder_group", label=_("Stakeholder group"))
    regional_group = _person_field("regional_group", label=_("UN regional group"))
    country = _person_field("country", label=_("Country (optional)"))
    gender = _person_field(
        "gender",
        label=_("Gender (optional)"),
        help_text=_("Used only to check diversity among speakers; never shown."),
    )
    role = forms.ChoiceField(
        label=_("Role"), choices=[("", _("Choose a role")), *PersonRole.choices]
    )
    presence = forms.ChoiceField(
        label=_("Onsite or online"), choices=Presence.choices, initial=Presence.ONSITE
    )

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("role") == PersonRole.ONSITE_MODERATOR
            and cleaned.get("presence") == Presence.ONLINE
        ):
            self.add_error(
                "presence",
                forms.ValidationError(ONSITE_MODERATOR_ONLINE, code="online"),
            )
        return cleaned

    def row(self) -> PersonRow:
        data = self.cleaned_data
        return PersonRow(
            name=data["name"],
            organisation=data["organisation"],
            stakeholder_group=data["stakeholder_group"],
            regional_group=data["regional_group"],
            country=str(data["country"] or ""),
            gender=data["gender"],
            role=data["role"],
            presence=data["presence"],
        )


class BasePeopleFormSet(forms.BaseFormSet):
    def add_fields(self, form, index):
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = _("Remove this person")

    def rows(self) -> list[PersonRow]:
        """The filled-in rows not marked for removal, in order."""
        return [
            form.row()
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]


def people_formset_class(initial_rows: int) -> type[BasePeopleFormSet]:
    """A formset with a few empty rows below the people already listed."""
    return forms.formset_factory(
        PersonRowForm,
        formset=BasePeopleFormSet,
        extra=max(EMPTY_PEOPLE_ROWS, MIN_PEOPLE_ROWS - initial_rows),
        can_delete=True,
        can_delete_extra=False,
        max_num=MAX_PEOPLE,
        validate_max=True,
    )


@dataclass(frozen=True)
class SummaryItem:
    """One line of the error summary: the message and the id of the field to jump to."""

    message: str
    anchor: str = ""


def _anchor(bound_field) -> str:
    # Radio buttons and checkboxes have no single id: jump to the first one.
    return bound_field.id_for_label or f"{bound_field.auto_id}_0"


class ProposalForms:
    """The proposal form and its people formset, validated and reported together."""

    people_prefix = "people"

    def __init__(
        self,
        data=None,
        *,
        edition: ForumEditionPage,
        now: dt.datetime,
        session: SessionPage | None = None,
        choosable_types=(),
    ):
        self.session = session
        initial, people_initial = proposal_initial(session) if session else (None, [])
        self.form = ProposalForm(
            data,
            initial=initial,
            edition=edition,
            now=now,
            session_type=session.session_type if session else None,
            choosable_types=choosable_types,
            allows_draft=session is None or session.status == SessionStatus.DRAFT,
        )
        formset_class = people_formset_class(len(people_initial))
        self.people = formset_class(
            data, initial=people_initial, prefix=self.people_prefix
        )
        self.people_errors: list[str] = []

    def is_valid(self) -> bool:
        # Both, so that every bad field is named at once.
        form_valid = self.form.is_valid()
        return self.people.is_valid() and form_valid

    @property
    def as_draft(self) -> bool:
        return self.form.as_draft

    def content(self) -> ProposalContent:
        return self.form.content()

    def rows(self) -> list[PersonRow]:
        return self.people.rows()

    def add_problems(self, problems: list[Problem]) -> None:
        """Show the services' problems next to the fields they concern."""
        for problem in problems:
            if problem.field == PEOPLE:
                self.people_errors.append(problem.message)
            elif problem.field in self.form.fields:
                self.form.add_error(problem.field, problem.message)
            else:
                self.form.add_error(None, problem.message)

    def error_summary(self) -> list[SummaryItem]:
        """Every error on the page, in page order, each linking to its field."""
        if not self.form.is_bound:
            return []
        items = [SummaryItem(str(message)) for message in self.form.non_field_errors()]
        for bound in self.form:
            items += [
                SummaryItem(f"{bound.label}: {message}", _anchor(bound))
                for message in bound.errors
            ]
        items += [
            SummaryItem(str(message), self.people_prefix)
            for message in [*self.people.non_form_errors(), *self.people_errors]
        ]
        for number, row in enumerate(self.people.forms, start=1):
            for bound in row:
                items += [
                    SummaryItem(
                        _("Person %(number)d, %(field)s: %(message)s")
                        % {"number": number, "field": bound.label, "message": message},
                        _anchor(bound),
                    )
                    for message in bound.errors
                ]
        return items


def proposal_initial(session: SessionPage) -> tuple[dict, list[dict]]:
    """The form's and the people rows' initial values for an existing proposal.

    The proposer's own entry as organizer is added on every save, so it is not a row.
    """
    initial = {
        "title": session.title,
        "theme": session.theme_id,
        "description": session.description,
        "policy_questions": session.policy_questions,
        "sdgs": session.sdgs,
        "discussion_format": session.discussion_format,
        "languages": session.languages,
        "delivery": session.delivery,
        "duration_minutes": session.duration_minutes,
        "expected_attendance": session.expected_attendance,
        "online_participation": session.online_participation,
        "interpretation_languages": session.interpretation_languages,
        "has_captioning": session.has_captioning,
        "captioning_languages": session.captioning_languages,
        "sign_language": session.sign_language,
    }
    rows = []
    for participant in session.participants.select_related("person").order_by(
        "sort_order"
    ):
        person = participant.person
        is_proposer_entry = (
            participant.role == PersonRole.ORGANIZER
            and person.user_id is not None
            and person.user_id == session.proposer_id
        )
        if is_proposer_entry:
            continue
        rows.append(
            {
                "name": person.name,
                "organisation": person.organisation,
                "stakeholder_group": person.stakeholder_group,
                "regional_group": person.regional_group,
                "country": person.country.code or "",
                "gender": person.gender,
                "role": participant.role,
                "presence": participant.presence,
            }
        )
    return initial, rows


# --- the public programme's filters ---------------------------------------------------


ATTENDANCE_CHOICES = [
    ("", _("Any way")),
    ("onsite", _("I am onsite")),
    ("online", _("I take part online")),
]


FLAG_ON = "1"
FLAG_CHOICES = [("", "—"), (FLAG_ON, _("Yes"))]


class FlagCheckbox(forms.CheckboxInput):
    """A checkbox sending ``name=1``: a yes-only filter, any other value is refused."""

    def format_value(self, value):
        return FLAG_ON

    def value_from_datadict(self, data, files, name):
        return data.get(name, "")


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
    interpretation = forms.ChoiceField(
        label=_("Interpretation into"),
        choices=[("", _("Any or none")), *UN_LANGUAGES],
        required=False,
    )
    captioned = forms.ChoiceField(
        label=_("Captioned"), choices=FLAG_CHOICES, required=False, widget=FlagCheckbox
    )
    sign_language = forms.ChoiceField(
        label=_("Sign language"),
        choices=FLAG_CHOICES,
        required=False,
        widget=FlagCheckbox,
    )
    online = forms.ChoiceField(
        label=_("Can join online"),
        choices=FLAG_CHOICES,
        required=False,
        widget=FlagCheckbox,
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
            interpretation=data.get("interpretation") or "",
            captioned=data.get("captioned") == FLAG_ON,
            sign_language=data.get("sign_language") == FLAG_ON,
            online=data.get("online") == FLAG_ON,
            text=(data.get("q") or "").strip(),
        )

    @property
    def is_filtered(self) -> bool:
        return self.is_bound and self.is_valid() and any(self.cleaned_data.values())


UNKNOWN_FEED_VALUE = _(
    "%(field)s “%(value)s” is not known for %(edition)s. Known values: %(known)s."
)
UNKNOWN_PERSON = _("person “%(value)s” is not a speaker's identifier at %(edition)s.")


class FeedFilterForm(ProgrammeFilterForm):
    """The programme's filters for a feed URL, plus ``person`` (a speaker's GUID).

    A feed URL is pasted into a calendar app once and read for months: a wrong value
    must fail loudly (404 with the reason), never turn into an empty calendar.
    """

    person = forms.UUIDField(label=_("Person"), required=False)

    def __init__(self, *args, edition, **kwargs):
        super().__init__(*args, edition=edition, **kwargs)
        self.edition = edition
        self.person_obj: Person | None = None

    def clean_person(self):
        guid = self.cleaned_data.get("person")
        if guid:
            self.person_obj = (
                Person.objects.filter(
                    guid=guid, participations__session__edition=self.edition
                )
                .distinct()
                .first()
            )
            if self.person_obj is None:
                raise forms.ValidationError(
                    UNKNOWN_PERSON % {"value": guid, "edition": self.edition.title}
                )
        return guid

    def filters(self) -> ProgrammeFilters:
        base = super().filters()
        return ProgrammeFilters(
            **{
                **base.__dict__,
                "person_id": self.person_obj.pk if self.person_obj else None,
            }
        )

    def problems(self) -> list[str]:
        """One sentence per wrong parameter, naming the values that would work."""
        lines = []
        for name, errors in self.errors.items():
            if name == "person" or name not in self.fields:
                lines.extend(str(error) for error in errors)
                continue
            lines.append(
                str(
                    UNKNOWN_FEED_VALUE
                    % {
                        "field": name,
                        "value": self.data.get(name, ""),
                        "edition": self.edition.title,
                        "known": ", ".join(self._known_values(name)) or "—",
                    }
                )
            )
        return lines

    def _known_values(self, name: str) -> list[str]:
        field = self.fields[name]
        if isinstance(field, forms.ModelChoiceField):
            return [f"{obj.pk} ({obj})" for obj in field.queryset]
        return [str(value) for value, _label in field.choices if value]

    def description(self) -> list[str]:
        """Human names of the filters in use, for the calendar's name."""
        data = self.cleaned_data
        parts = []
        if data.get("track"):
            parts.append(str(Track(data["track"]).label))
        for name in ("theme", "type", "room"):
            if data.get(name):
                parts.append(str(data[name]))
        if data.get("language"):
            parts.append(str(dict(UN_LANGUAGES)[data["language"]]))
        if data.get("interpretation"):
            parts.append(
                str(
                    _("Interpretation into %(language)s")
                    % {"language": dict(UN_LANGUAGES)[data["interpretation"]]}
                )
            )
        for name in ("captioned", "sign_language", "online"):
            if data.get(name) == FLAG_ON:
                parts.append(str(self.fields[name].label))
        if self.person_obj:
            parts.append(self.person_obj.name)
        if data.get("q"):
            parts.append(f"“{data['q']}”")
        return parts
