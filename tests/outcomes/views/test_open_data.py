import datetime as dt
import json

import jsonschema
import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from outcomes.enums import UptakeKind
from outcomes.services.open_data import (
    export_outcomes,
    import_outcomes,
    outcomes_schema,
    parse_outcomes,
)
from outcomes.services.transmissions import change_transmission
from outcomes.services.uptake import refresh_status
from tests.factories import ForumEditionPageFactory
from tests.factories.outcomes import (
    MessageSourceFactory,
    OutcomeDocumentFactory,
    PolicyMessageFactory,
    TransmissionFactory,
    UptakeEventFactory,
)
from tests.outcomes.services.test_open_data import open_data_scene


@pytest.fixture
def scene(home_page):
    return open_data_scene()


def edition_url(acronym: str) -> str:
    return reverse("outcomes:edition_json", kwargs={"acronym": acronym})


def test_urls():
    assert edition_url("igf2025") == "/outcomes/editions/igf2025/outcomes.json"
    assert reverse("outcomes:all_json") == "/outcomes/outcomes.json"


def test_edition_json(client, scene):
    response = client.get(edition_url("igf2025"))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Access-Control-Allow-Origin"] == "*"
    data = json.loads(response.content)
    jsonschema.Draft202012Validator(outcomes_schema()).validate(data)
    assert data["edition"] == "igf2025"
    assert [d["slug"] for d in data["documents"]] == ["igf-messages"]
    assert [t["guid"] for t in data["transmissions"]] == [str(scene.transmission.guid)]


def test_all_json(client, scene):
    ForumEditionPageFactory(year=2024, slug="igf2024")
    OutcomeDocumentFactory(edition__year=2023, edition__slug="igf2023", slug="m-2023")

    response = client.get(reverse("outcomes:all_json"))

    data = json.loads(response.content)
    jsonschema.Draft202012Validator(outcomes_schema()).validate(data)
    assert data["edition"] is None
    assert [(d["edition"], d["slug"]) for d in data["documents"]] == [
        ("igf2023", "m-2023"),
        ("igf2025", "igf-messages"),
    ]
    assert response["Access-Control-Allow-Origin"] == "*"


def test_unknown_edition_is_a_readable_404(client, home_page):
    response = client.get(edition_url("igf1999"))

    assert response.status_code == 404
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response.content.decode() == (
        'There is no edition "igf1999". The outcomes of every edition are at '
        "/outcomes/outcomes.json."
    )


def test_not_modified_until_something_changes(client, scene):
    first = client.get(edition_url("igf2025"))
    etag = first["ETag"]

    again = client.get(edition_url("igf2025"), headers={"if-none-match": etag})
    assert again.status_code == 304
    assert again["Access-Control-Allow-Origin"] == "*"
    assert again["ETag"] == etag

    UptakeEventFactory(
        transmission=scene.transmission,
        kind=UptakeKind.DISCUSSED,
        occurred_on=dt.date(2026, 5, 20),
    )
    refresh_status(scene.transmission)
    changed = client.get(edition_url("igf2025"), headers={"if-none-match": etag})
    assert changed.status_code == 200
    assert changed["ETag"] != etag
    assert json.loads(changed.content)["transmissions"][0]["status"] == "discussed"


def test_not_modified_since(client, scene):
    first = client.get(edition_url("igf2025"))

    again = client.get(
        edition_url("igf2025"), headers={"if-modified-since": first["Last-Modified"]}
    )

    assert again.status_code == 304


def test_deleting_a_message_changes_the_etag(client, scene):
    etag = client.get(edition_url("igf2025"))["ETag"]
    type(scene.second).objects.filter(pk=scene.second.pk).update(
        deleted_at=dt.datetime(2026, 11, 1, tzinfo=dt.UTC)
    )

    response = client.get(edition_url("igf2025"), headers={"if-none-match": etag})

    assert response.status_code == 200
    messages = json.loads(response.content)["documents"][0]["messages"]
    assert [m["guid"] for m in messages] == [str(scene.message.guid)]


def add_outcomes(edition, forum, count: int) -> None:
    document = OutcomeDocumentFactory(edition=edition)
    for _ in range(count):
        message = PolicyMessageFactory(document=document)
        MessageSourceFactory(message=message)
        transmission = TransmissionFactory(forum=forum, messages=[message])
        UptakeEventFactory(transmission=transmission)


@pytest.mark.parametrize("name", ["edition", "all"])
def test_query_count_does_not_grow_with_the_data(client, scene, name):
    url = edition_url("igf2025") if name == "edition" else reverse("outcomes:all_json")

    def queries() -> int:
        cache.clear()  # render every time
        with CaptureQueriesContext(connection) as context:
            assert client.get(url).status_code == 200
        return len(context.captured_queries)

    few = queries()
    add_outcomes(scene.edition, scene.forum, 12)
    many = queries()

    assert many == few


def test_an_edit_in_place_changes_the_etag(client, scene):
    """A note leaves no date-time on its row: the audit log entry versions it."""
    etag = client.get(edition_url("igf2025"))["ETag"]
    transmission = scene.transmission
    change_transmission(
        transmission=transmission,
        by=None,
        forum=transmission.forum,
        sent_on=transmission.sent_on,
        channel=transmission.channel,
        actor=transmission.actor,
        messages=list(transmission.messages.all()),
        note="Presented by the MAG chair.",
    )

    response = client.get(edition_url("igf2025"), headers={"if-none-match": etag})

    assert response.status_code == 200
    assert json.loads(response.content)["transmissions"][0]["note"] == (
        "Presented by the MAG chair."
    )


def test_an_import_that_edits_changes_the_etag(client, scene):
    etag = client.get(edition_url("igf2025"))["ETag"]
    data = export_outcomes(scene.edition)
    data["transmissions"][0]["events"][0]["quoted_passage"] = "Takes note of the IGF."
    import_outcomes(document=parse_outcomes(data))

    response = client.get(edition_url("igf2025"), headers={"if-none-match": etag})

    assert response.status_code == 200
    event = json.loads(response.content)["transmissions"][0]["events"][0]
    assert event["quoted_passage"] == "Takes note of the IGF."
