"""NRI pages in the Wagtail admin: coordinators edit their own NRI only, the secretariat
assigns them, bad input is refused on its field with nothing saved, and events get their
calendar change signals."""

import datetime as dt

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from cms.models import NriEvent, NriPage
from cms.services.editions import INVALID_TIME_ZONE
from cms.services.nris import (
    COUNTRY_NOT_ALLOWED,
    COUNTRY_REQUIRED,
    DUPLICATE_NRI_ACRONYM,
    DUPLICATE_REPORT_YEAR,
    EVENT_ENDS_BEFORE_START,
)
from igfplus import roles
from igfplus.services.page_stewards import page_stewards, set_page_stewards
from tests.factories import ForumEditionPageFactory, UserFactory
from tests.factories.cms import NriEventFactory, NriPageFactory

pytestmark = pytest.mark.django_db


def problems(response) -> str:
    """The form's errors, to say why a save that should have worked did not."""
    form = response.context["form"] if response.context else None
    if form is None:
        return str(response.status_code)
    formsets = {name: fs.errors for name, fs in form.formsets.items()}
    return f"{form.errors} {formsets}"


def edit_url(page) -> str:
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def event_data(event=None, **overrides) -> dict:
    data = {
        "title": "Kenya IGF week",
        "start_at": "2030-09-10 06:00",
        "end_at": "2030-09-10 14:00",
        "time_zone": "Africa/Nairobi",
        "city": "Nairobi",
        "country": "KE",
        "format": "hybrid",
        "track": "",
        "link": "",
        "is_cancelled": "",
    }
    if event is not None:
        data["id"] = event.pk
    data.update(overrides)
    return data


def report_data(**overrides) -> dict:
    data = {"year": "2024", "submitted_on": "2025-02-01", "text": "Our year."}
    data.update(overrides)
    return data


def nri_form(nri, *, events=(), initial_events=0, reports=(), **overrides) -> dict:
    data = {
        "title": nri.title,
        "slug": nri.slug,
        "acronym": nri.acronym,
        "kind": nri.kind,
        "country": nri.country.code or "",
        "region": nri.region,
        "un_regional_group": nri.un_regional_group,
        "website": nri.website,
        "established_year": str(nri.established_year or ""),
        "recognition_status": nri.recognition_status,
        "recognized_on": "",
        "intro": "",
        "events": inline_formset(list(events), initial=initial_events),
        "annual_reports": inline_formset(list(reports)),
        "translations": inline_formset([]),
        "action-publish": "1",
    }
    coordinators = overrides.pop("coordinators", None)
    data.update(overrides)
    flat = nested_form_data(data)
    if coordinators is not None:
        flat["coordinators"] = coordinators  # one key, several values
    return flat


@pytest.fixture
def nris(nri_index):
    return (
        NriPageFactory(acronym="KIGF", title="Kenya IGF", slug="kigf"),
        NriPageFactory(acronym="NIGF", title="Nigeria IGF", slug="nigf", country="NG"),
    )


@pytest.fixture
def coordinator(client, nris):
    user = UserFactory()
    set_page_stewards(nris[0], [user], role=roles.NRI_COORDINATOR)
    client.force_login(user)
    return user


@pytest.fixture
def secretariat(client, give_totp, nri_index):
    user = give_totp(UserFactory(roles=[roles.SECRETARIAT]))
    client.force_login(user)
    return user


def test_coordinator_edits_and_publishes_their_own_nri(client, nris, coordinator):
    own = nris[0]
    assert client.get(edit_url(own)).status_code == 200

    response = client.post(
        edit_url(own),
        nri_form(own, intro="Updated", events=[event_data()], reports=[report_data()]),
    )

    assert response.status_code == 302, problems(response)
    own = NriPage.objects.get(pk=own.pk)
    assert own.intro == "Updated"
    assert own.live
    assert [e.title for e in own.events.all()] == ["Kenya IGF week"]
    assert [r.year for r in own.annual_reports.all()] == [2024]


def test_coordinator_cannot_change_recognition_or_coordinators(
    client, nris, coordinator
):
    own = nris[0]
    intruder = UserFactory()

    form = client.get(edit_url(own)).content.decode()
    client.post(
        edit_url(own),
        nri_form(own, recognition_status="not-recognized", coordinators=[intruder.pk]),
    )

    assert 'name="coordinators"' not in form
    assert 'name="recognition_status"' not in form
    own = NriPage.objects.get(pk=own.pk)
    assert own.recognition_status == "recognized"
    assert list(page_stewards(own, role=roles.NRI_COORDINATOR)) == [coordinator]


def test_coordinator_cannot_edit_another_nri_nor_an_edition(client, nris, coordinator):
    other = nris[1]
    edition = ForumEditionPageFactory()

    assert client.get(edit_url(other)).status_code in (302, 403)
    assert client.get(edit_url(edition)).status_code in (302, 403)
    response = client.post(
        edit_url(other), nri_form(other, acronym="HIJACKED", events=[event_data()])
    )
    edition_response = client.post(
        edit_url(edition), {"title": "Hijacked", "action-publish": "1"}
    )

    assert response.status_code in (302, 403)
    assert edition_response.status_code in (302, 403)
    other = NriPage.objects.get(pk=other.pk)
    assert other.acronym == "NIGF"
    assert not other.events.exists()
    assert other.revisions.count() == 1
    assert type(edition).objects.get(pk=edition.pk).title == edition.title


def test_secretariat_assigns_coordinators_on_the_edit_form(client, nris, secretariat):
    own = nris[0]
    first, second = UserFactory(name="Amina"), UserFactory(name="Brian")

    response = client.post(
        edit_url(own), nri_form(own, coordinators=[first.pk, second.pk])
    )

    assert response.status_code == 302, problems(response)
    assert set(page_stewards(own, role=roles.NRI_COORDINATOR)) == {first, second}
    assert first.groups.filter(name=roles.NRI_COORDINATOR).exists()
    first = type(first).objects.get(pk=first.pk)
    assert own.permissions_for_user(first).can_edit()
    assert not nris[1].permissions_for_user(first).can_edit()


def test_secretariat_assigns_coordinators_when_creating_an_nri(
    client, nri_index, secretariat
):
    person = UserFactory()
    blank = NriPage(title="Ghana IGF", slug="gigf", acronym="GIGF", kind="national")
    blank.country = "GH"
    data = nri_form(blank, coordinators=[person.pk])

    response = client.post(
        reverse("wagtailadmin_pages:add", args=["cms", "nripage", nri_index.pk]), data
    )

    assert response.status_code == 302, problems(response)
    created = NriPage.objects.get(acronym="GIGF")
    assert created.un_regional_group == "african"  # from the country
    assert list(page_stewards(created, role=roles.NRI_COORDINATOR)) == [person]


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        pytest.param({"kind": "galactic"}, "kind", "Select a valid choice", id="kind"),
        pytest.param(
            {"country": "XX"}, "country", "Select a valid choice", id="country"
        ),
        pytest.param({"country": ""}, "country", str(COUNTRY_REQUIRED), id="national"),
        pytest.param(
            {"kind": "regional", "region": "africa"},
            "country",
            str(COUNTRY_NOT_ALLOWED) % {"kind": "regional"},
            id="regional_with_country",
        ),
        pytest.param(
            {"acronym": "nigf"},
            "acronym",
            str(DUPLICATE_NRI_ACRONYM) % {"value": "nigf"},
            id="acronym_case",
        ),
    ],
)
def test_bad_nri_fields_are_refused_on_their_field(
    client, nris, secretariat, overrides, field, message
):
    own = nris[0]
    response = client.post(
        edit_url(own), nri_form(own, events=[event_data()], **overrides)
    )

    assert response.status_code == 200
    errors = response.context["form"].errors
    assert any(message in error for error in errors[field]), errors
    own = NriPage.objects.get(pk=own.pk)
    assert (own.kind, own.country.code, own.acronym) == ("national", "KE", "KIGF")
    assert not own.events.exists()


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        pytest.param(
            {"end_at": "2030-09-09 14:00"},
            "end_at",
            str(EVENT_ENDS_BEFORE_START),
            id="ends_before_start",
        ),
        pytest.param(
            {"time_zone": "CET"},
            "time_zone",
            str(INVALID_TIME_ZONE) % {"value": "CET"},
            id="time_zone",
        ),
    ],
)
def test_bad_events_are_refused_and_nothing_is_saved(
    client, nris, coordinator, overrides, field, message
):
    own = nris[0]
    response = client.post(
        edit_url(own),
        nri_form(
            own,
            intro="Should not be saved",
            events=[event_data(title="Good one"), event_data(**overrides)],
        ),
    )

    assert response.status_code == 200
    event_forms = response.context["form"].formsets["events"].forms
    assert event_forms[1].errors[field] == [message]
    own = NriPage.objects.get(pk=own.pk)
    assert own.intro == ""
    assert not NriEvent.objects.exists()


def test_two_reports_for_one_year_are_refused(client, nris, coordinator):
    own = nris[0]
    response = client.post(
        edit_url(own), nri_form(own, reports=[report_data(), report_data()])
    )

    assert response.status_code == 200
    forms = response.context["form"].formsets["annual_reports"].forms
    assert forms[1].errors["year"] == [str(DUPLICATE_REPORT_YEAR) % {"year": "2024"}]
    assert not own.annual_reports.exists()


def test_moving_or_cancelling_an_event_raises_its_sequence(client, nris, coordinator):
    own = nris[0]
    start = dt.datetime(2030, 9, 10, 6, 0, tzinfo=dt.UTC)
    event = NriEventFactory(
        page=own,
        title="Kenya IGF week",
        start_at=start,
        end_at=start + dt.timedelta(hours=8),
    )
    before = event.changed_at

    retitled = client.post(
        edit_url(own),
        nri_form(own, events=[event_data(event, title="Renamed")], initial_events=1),
    )
    event.refresh_from_db()
    after_rename = (event.sequence, event.changed_at)
    moved = client.post(
        edit_url(own),
        nri_form(
            own,
            events=[event_data(event, title="Renamed", start_at="2030-09-10 07:00")],
            initial_events=1,
        ),
    )
    event.refresh_from_db()
    after_move = event.sequence
    client.post(
        edit_url(own),
        nri_form(
            own,
            events=[
                event_data(
                    event,
                    title="Renamed",
                    start_at="2030-09-10 07:00",
                    is_cancelled="on",
                )
            ],
            initial_events=1,
        ),
    )
    event.refresh_from_db()

    assert retitled.status_code == moved.status_code == 302
    assert after_rename[0] == 0  # a new title is not a move
    assert after_rename[1] > before
    assert after_move == 1
    assert event.sequence == 2
    assert event.is_cancelled
    assert event.guid == NriEvent.objects.get(pk=event.pk).guid
