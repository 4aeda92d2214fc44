import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from outcomes.models import SessionReport
from outcomes.services.reports import GENDER_COUNTS_TOO_HIGH
from sessions.enums import PersonRole
from tests.factories import PersonFactory, UserFactory

LIST = "/my/reports/"


def form_data(**overrides):
    data = {
        "summary": "A lively debate.",
        "participants_onsite": "60",
        "participants_online": "25",
        "women_count": "",
        "men_count": "",
        "other_gender_count": "",
        "takeaways-TOTAL_FORMS": "2",
        "takeaways-INITIAL_FORMS": "0",
        "takeaways-MIN_NUM_FORMS": "0",
        "takeaways-MAX_NUM_FORMS": "20",
        "takeaways-0-text": "Local content drives demand.",
        "takeaways-1-text": "",
        "calls-TOTAL_FORMS": "1",
        "calls-INITIAL_FORMS": "0",
        "calls-MIN_NUM_FORMS": "0",
        "calls-MAX_NUM_FORMS": "20",
        "calls-0-text": "Fund community networks.",
        "calls-0-addressed_to": ["government", "private_sector"],
        "submit": "",
    }
    data.update(overrides)
    return data


def test_list_url_is_namespaced():
    assert reverse("reports:index") == LIST


def test_organizer_sees_the_session_and_files_its_report(
    client, held_session, organizer_user
):
    client.force_login(organizer_user)

    listing = client.get(LIST)
    assert listing.status_code == 200
    assert [item.session for item in listing.context["items"]] == [held_session]

    url = reverse("reports:edit", args=[held_session.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, form_data())

    assert response.status_code == 302
    report = SessionReport.objects.get(session=held_session)
    assert (report.is_submitted, report.participants_onsite) == (True, 60)
    assert list(report.calls_to_action.values_list("addressed_to", flat=True)) == [
        ["government", "private_sector"]
    ]


def test_errors_are_tied_to_their_fields(client, held_session, organizer_user):
    client.force_login(organizer_user)

    response = client.post(
        reverse("reports:edit", args=[held_session.pk]),
        form_data(women_count="50", men_count="50"),
    )

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "women_count": [GENDER_COUNTS_TOO_HIGH % {"counted": 100, "total": 85}]
    }
    assert SessionReport.objects.count() == 0


def test_missing_takeaway_on_submit_is_shown(client, held_session, organizer_user):
    client.force_login(organizer_user)

    response = client.post(
        reverse("reports:edit", args=[held_session.pk]),
        form_data(**{"takeaways-0-text": ""}),
    )

    assert response.context["takeaway_errors"] == [
        "A submitted report needs at least one key takeaway."
    ]


def test_another_organizer_can_neither_see_nor_edit(client, held_session):
    other = UserFactory()
    PersonFactory(user=other)
    client.force_login(other)
    url = reverse("reports:edit", args=[held_session.pk])

    assert client.get(LIST).context["items"] == []
    assert client.get(url).status_code == 404
    assert client.post(url, form_data()).status_code == 404
    assert SessionReport.objects.count() == 0


def test_signed_out_visitor_is_sent_to_sign_in(client):
    response = client.get(LIST)

    assert response.status_code == 302
    assert "login" in response["Location"]


def test_list_query_count_does_not_grow(
    client, make_session, organizer, organizer_user
):
    client.force_login(organizer_user)
    make_session(people=[(organizer, PersonRole.ORGANIZER)])
    with CaptureQueriesContext(connection) as one:
        assert client.get(LIST).status_code == 200

    for _ in range(4):
        make_session(people=[(organizer, PersonRole.RAPPORTEUR)])
    with CaptureQueriesContext(connection) as many:
        response = client.get(LIST)

    assert len(response.context["items"]) == 5
    assert len(many) == len(one)


@pytest.mark.parametrize("blank", ["participants_onsite"])
def test_required_fields(client, held_session, organizer_user, blank):
    client.force_login(organizer_user)

    response = client.post(
        reverse("reports:edit", args=[held_session.pk]), form_data(**{blank: ""})
    )

    assert response.context["form"].errors == {blank: ["This field is required."]}
