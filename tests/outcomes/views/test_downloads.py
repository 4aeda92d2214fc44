"""The Open data page and its bulk downloads over HTTP: what each file holds, what it
never holds, validators, 404s and query counts."""

import csv
import io
import json

import pytest
from django.urls import reverse

from cms.models import NriPage
from igfplus.enums import Gender
from outcomes.services import downloads
from outcomes.services.open_data import export_outcomes
from outcomes.views.downloads import NO_RELEASE_YET, NO_SUCH_EDITION
from sessions.enums import PersonRole, Presence
from sessions.models import SessionPage
from sessions.services.releases import release_schedule
from sessions.services.sessions import ParticipantSpec, update_session_content
from tests.factories import (
    ForumEditionPageFactory,
    PersonFactory,
    RoomFactory,
    UserFactory,
)
from tests.factories.cms import NriIndexPageFactory, NriPageFactory
from tests.factories.outcomes import PolicyMessageFactory
from tests.factories.programme import SessionPageFactory
from tests.outcomes.test_selectors import build_scene
from tests.sessions.conftest import local, schedule

PRIVATE_EMAIL = "amara.private@example.org"
QUERIES_PER_PAGE = 20
# Edition, release, kept copy, programme page, sessions, people, keeping it.
PROGRAMME_QUERIES = 9
# Directory, NRIs, their reports, the version and the latest publication.
NRI_QUERIES = 7


def url(name: str, edition: str | None = None) -> str:
    kwargs = {"edition": edition} if edition else {}
    return reverse(f"open_data:{name}", kwargs=kwargs)


def csv_rows(response) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8"))))


def csv_header(response) -> list[str]:
    return next(csv.reader(io.StringIO(response.content.decode("utf-8"))))


@pytest.fixture
def scene(home_page):
    """build_scene's edition, with a speaker who has an account, an e-mail and a gender."""
    s = build_scene()
    s.speaker_user = UserFactory(email=PRIVATE_EMAIL, name="Amara Mensah")
    s.speaker = PersonFactory(
        name="Amara Mensah",
        organisation="ISOC",
        gender=Gender.NON_BINARY,
        user=s.speaker_user,
    )
    s.moderator = PersonFactory(name="Li Wei", organisation="")
    update_session_content(
        session=SessionPage.objects.get(pk=s.session.pk),
        participants=[
            ParticipantSpec(s.speaker, PersonRole.SPEAKER),
            ParticipantSpec(s.moderator, PersonRole.ONLINE_MODERATOR, Presence.ONLINE),
        ],
    )
    s.release = release_schedule(edition=s.edition, by=None, message="Second")
    return s


# --- the programme -----------------------------------------------------------------------


@pytest.mark.django_db
def test_programme_csv_lists_the_released_sessions_with_public_fields(client, scene):
    response = client.get(url("programme_csv", "igf2030"))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8; header=present"
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Content-Disposition"] == (
        'attachment; filename="igf2030-programme.csv"'
    )
    assert not response.content.startswith(b"\xef\xbb\xbf")  # no BOM
    assert csv_header(response) == downloads.PROGRAMME.column_names
    rows = csv_rows(response)
    assert [row["title"] for row in rows] == ["Community networks"]
    row = rows[0]
    assert row["guid"] == str(scene.session.guid)
    assert row["code"] == f"WS #{scene.session.number}"
    assert row["url"] == f"http://testserver/igf2030/programme/{scene.session.slug}/"
    assert row["status"] == "scheduled"
    assert (
        row["start"]
        == local(scene.edition, 1, 10).astimezone(scene.edition.tzinfo).isoformat()
    )
    assert row["time_zone"] == scene.edition.time_zone
    assert row["speakers"] == "Amara Mensah (ISOC)"
    assert row["moderators"] == "Li Wei"
    assert row["organizers"] == ""


@pytest.mark.django_db
def test_programme_json_has_people_objects_and_the_release(client, scene):
    data = json.loads(client.get(url("programme_json", "igf2030")).content)

    assert data["format"] == "igfplus-programme"
    assert data["licence"] == "CC-BY-4.0"
    assert data["edition"] == "igf2030"
    assert data["release"] == 2
    [session] = data["sessions"]
    assert set(session) == {
        *(
            name
            for name in downloads.PROGRAMME.column_names
            if name not in downloads.PEOPLE_COLUMNS
        ),
        "people",
    }
    assert session["people"][0] == {
        "guid": str(scene.speaker.guid),
        "name": "Amara Mensah",
        "organisation": "ISOC",
        "stakeholder_group": "civil_society",
        "regional_group": "african",
        "role": "speaker",
        "presence": "onsite",
    }
    assert [set(person) for person in session["people"]] == [
        {field.name for field in downloads.PERSON_FIELDS}
    ] * 2


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["programme_csv", "programme_json"])
def test_programme_files_never_hold_private_or_unreleased_data(client, scene, name):
    body = client.get(url(name, "igf2030")).content.decode()

    assert PRIVATE_EMAIL not in body
    assert "Not released" not in body  # scheduled, never released
    assert "gender" not in body
    assert scene.speaker.gender not in body.split('"')


@pytest.mark.django_db
def test_programme_file_is_304_for_the_same_release_and_new_after_the_next(
    client, scene
):
    first = client.get(url("programme_csv", "igf2030"))

    again = client.get(
        url("programme_csv", "igf2030"), HTTP_IF_NONE_MATCH=first["ETag"]
    )
    assert again.status_code == 304
    assert again.content == b""

    third = SessionPageFactory(
        session_type=scene.session.session_type, title="A third session"
    )
    schedule(third, RoomFactory(edition=scene.edition), local(scene.edition, 2, 9))
    release_schedule(edition=scene.edition, by=None, message="Third")
    after = client.get(
        url("programme_csv", "igf2030"), HTTP_IF_NONE_MATCH=first["ETag"]
    )

    assert after.status_code == 200
    assert after["ETag"] != first["ETag"]
    assert [row["title"] for row in csv_rows(after)] == [
        "Community networks",
        "A third session",
    ]


@pytest.mark.django_db
def test_programme_before_the_first_release_is_404_and_says_why(client, home_page):
    ForumEditionPageFactory(slug="igf2031", year=2031, title="IGF 2031")

    response = client.get(url("programme_json", "igf2031"))

    assert response.status_code == 404
    assert response.content.decode() == str(NO_RELEASE_YET % {"edition": "IGF 2031"})


@pytest.mark.django_db
def test_unknown_edition_is_404_and_says_where_to_look(client, home_page):
    response = client.get(url("outcomes_csv", "nope"))

    assert response.status_code == 404
    assert response.content.decode() == (
        'There is no edition "nope". Every download is listed at /open-data/.'
    )
    assert response.content.decode() == str(NO_SUCH_EDITION % {"edition": "nope"})


@pytest.mark.django_db
def test_programme_csv_costs_the_same_for_one_and_many_sessions(
    client, scene, django_assert_max_num_queries
):
    with django_assert_max_num_queries(PROGRAMME_QUERIES):
        client.get(url("programme_csv", "igf2030"))
    for hour in range(11, 17):
        extra = SessionPageFactory(
            session_type=scene.session.session_type, title=f"Extra {hour}"
        )
        update_session_content(
            session=extra,
            participants=[ParticipantSpec(PersonFactory(), PersonRole.SPEAKER)],
        )
        schedule(
            extra, RoomFactory(edition=scene.edition), local(scene.edition, 1, hour)
        )
    release_schedule(edition=scene.edition, by=None, message="Many")

    with django_assert_max_num_queries(PROGRAMME_QUERIES):
        response = client.get(url("programme_csv", "igf2030"))
    assert len(csv_rows(response)) == 7


# --- the outcomes ------------------------------------------------------------------------


@pytest.mark.django_db
def test_outcomes_csv_lists_the_public_messages_only(client, scene):
    response = client.get(url("outcomes_csv", "igf2030"))

    assert response.status_code == 200
    assert csv_header(response) == downloads.OUTCOMES.column_names
    rows = csv_rows(response)
    assert [row["title"] for row in rows] == ["Affordable access", "Trust online"]
    assert rows[0]["document_guid"] == str(scene.document.guid)
    assert rows[0]["theme"] == "Access"
    assert (
        rows[0]["sources"].split("; ")
        == [
            f"session_report:{scene.session.guid}",
            f"takeaway:{scene.session.guid}",
            f"session_report:{scene.hidden_session.guid}",
            "intersessional_output:PN on Meaningful Access output",
        ][: len(rows[0]["sources"].split("; "))]
    )
    body = response.content.decode()
    assert "Withdrawn text" not in body
    assert "Draft message" not in body


@pytest.mark.django_db
def test_transmissions_csv_has_a_row_per_event_or_per_bare_transmission(client, scene):
    rows = csv_rows(client.get(url("transmissions_csv", "igf2030")))

    assert [(row["forum"], row["event_kind"]) for row in rows] == [
        ("tcom", "acknowledged"),
        ("tcom", "referenced"),
        ("tcou", ""),
    ]
    assert rows[1]["event_evidence_level"] == "indirect"
    assert rows[1]["event_quoted_passage"] == "Affordable access remains a priority."
    assert rows[2]["document"] == str(scene.document.guid)
    assert {row["transmission_guid"] for row in rows} == {
        str(scene.to_cstd.guid),
        str(scene.whole_to_hrc.guid),
    }


@pytest.mark.django_db
def test_outcomes_json_is_the_edition_export(client, scene):
    response = client.get(url("outcomes_json", "igf2030"))

    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert json.loads(response.content) == export_outcomes(scene.edition)


@pytest.mark.django_db
def test_csv_cells_that_spreadsheets_would_run_start_with_an_apostrophe(client, scene):
    PolicyMessageFactory(
        document=scene.document, order=9, title='=HYPERLINK("http://evil")'
    )

    rows = csv_rows(client.get(url("outcomes_csv", "igf2030")))

    assert rows[-1]["title"] == '\'=HYPERLINK("http://evil")'


@pytest.mark.django_db
def test_outcomes_file_is_304_until_a_message_changes(client, scene):
    first = client.get(url("outcomes_csv", "igf2030"))
    assert (
        client.get(
            url("outcomes_csv", "igf2030"), HTTP_IF_NONE_MATCH=first["ETag"]
        ).status_code
        == 304
    )

    PolicyMessageFactory(document=scene.document, order=4, title="A new message")
    after = client.get(url("outcomes_csv", "igf2030"), HTTP_IF_NONE_MATCH=first["ETag"])

    assert after.status_code == 200
    assert "A new message" in after.content.decode()


# --- the NRIs ----------------------------------------------------------------------------


@pytest.fixture
def nris(home_page):
    NriIndexPageFactory()
    kenya = NriPageFactory(acronym="KIGF", title="Kenya IGF", slug="kigf")
    NriPageFactory(
        acronym="EuroDIG",
        title="EuroDIG",
        slug="eurodig",
        kind="regional",
        country="",
        region="europe",
        un_regional_group="weog",
    )
    draft = NriPageFactory(acronym="HIDDEN", title="Unpublished IGF", slug="hidden")
    NriPage.objects.filter(pk=draft.pk).update(live=False)
    return kenya


@pytest.mark.django_db
def test_nris_csv_and_json_list_the_published_nris(client, nris):
    csv_response = client.get(url("nris_csv"))
    data = json.loads(client.get(url("nris_json")).content)

    assert csv_header(csv_response) == downloads.NRIS.column_names
    rows = csv_rows(csv_response)
    assert [row["acronym"] for row in rows] == ["EuroDIG", "KIGF"]
    assert rows[1]["url"] == "http://testserver/nris/kigf/"
    assert rows[1]["country"] == "KE"
    assert rows[1]["is_active"] in {"true", "false"}
    assert data["format"] == "igfplus-nris"
    assert [nri["acronym"] for nri in data["nris"]] == ["EuroDIG", "KIGF"]
    assert set(data["nris"][0]) == set(downloads.NRIS.column_names)
    assert "Unpublished IGF" not in csv_response.content.decode()


@pytest.mark.django_db
def test_nris_file_is_the_same_in_every_language(client, nris):
    english = client.get(url("nris_csv"), HTTP_ACCEPT_LANGUAGE="en").content
    french = client.get(url("nris_csv"), HTTP_ACCEPT_LANGUAGE="fr").content

    assert english == french


@pytest.mark.django_db
def test_nris_csv_costs_the_same_for_one_and_many_nris(
    client, nris, django_assert_max_num_queries
):
    with django_assert_max_num_queries(NRI_QUERIES):
        client.get(url("nris_csv"))
    for number in range(5):
        NriPageFactory(acronym=f"MORE{number}", slug=f"more{number}")

    with django_assert_max_num_queries(NRI_QUERIES):
        response = client.get(url("nris_csv"))
    assert len(csv_rows(response)) == 7


# --- the page ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_open_data_page_lists_every_file_with_its_size(client, scene, nris):
    response = client.get(url("index"))

    assert response.status_code == 200
    page = response.content.decode()
    for name in (
        "programme_csv",
        "programme_json",
        "outcomes_csv",
        "outcomes_json",
        "transmissions_csv",
    ):
        assert f'href="{url(name, "igf2030")}"' in page
    assert f'href="{url("nris_csv")}"' in page
    csv_size = len(client.get(url("programme_csv", "igf2030")).content)
    assert f"{csv_size}\xa0bytes" in page or f"{csv_size} bytes" in page
    assert "https://creativecommons.org/licenses/by/4.0/" in page
    assert 'href="/api/v1/docs"' in page
    assert 'href="/igf2030/programme/schedule.json"' in page
    for dataset in downloads.DATASETS:
        for column in dataset.columns:
            assert f"<code>{column.name}</code>" in page


@pytest.mark.django_db
def test_open_data_page_says_when_nothing_is_released(client, home_page):
    ForumEditionPageFactory(slug="igf2031", year=2031)

    page = client.get(url("index")).content.decode()

    assert "Nothing has been released yet." in page
    assert "/open-data/igf2031/" not in page


@pytest.mark.django_db
def test_footer_links_to_open_data_and_privacy(client, home_page):
    page = client.get(url("index")).content.decode()

    assert '<a href="/open-data/">Open data</a>' in page
    assert '<a href="/privacy/">Privacy</a>' in page


@pytest.mark.django_db
def test_open_data_page_cost_does_not_grow_with_sessions_or_messages(
    client, scene, django_assert_max_num_queries
):
    # Per edition: its latest release, its outcomes' version (a few aggregates) and
    # whether it has public documents; the files themselves are rendered once and kept.
    client.get(url("index"))
    with django_assert_max_num_queries(QUERIES_PER_PAGE):
        client.get(url("index"))
    for order in range(10, 20):
        PolicyMessageFactory(document=scene.document, order=order)
    client.get(url("index"))

    with django_assert_max_num_queries(QUERIES_PER_PAGE):
        client.get(url("index"))
