"""Interpretation, captioning, sign language and joining online: from the session to the
programme's filters, the session page, calendar feeds, exports, the booklet and CSV."""

import csv
import io
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sessions.enums import Delivery, Track
from sessions.models import Room, SessionPage
from sessions.services.csv_exchange import import_sessions_csv, write_sessions_csv
from sessions.services.releases import release_schedule
from sessions.services.sessions import programme_page_for, update_session_content
from tests.factories.programme import SessionPageFactory, SessionTypeFactory
from tests.feeds import events_by_uid, parse
from tests.sessions.conftest import local, schedule
from tests.sessions.test_exporters import (  # noqa: F401  (fixtures)
    c3voc_schema,
    frab_schema,
    json_errors,
    xml_errors,
)
from tests.sessions.views.test_booklet import (  # noqa: F401  (fixtures)
    _booklet_settings,
    pdf_url,
    rendered_html,
)

FIRST_FACETS = {
    "interpretation_languages": ["ar"],
    "has_captioning": True,
    "captioning_languages": ["en"],
    "sign_language": "International Sign",
    "delivery": Delivery.HYBRID,
}


@pytest.fixture
def released(programme_scene):
    """WS #1 interpreted into Arabic, captioned, with International Sign, hybrid; WS #2
    onsite only, in Room B whose booths interpret into French. Released once."""
    s = programme_scene
    Room.objects.filter(pk=s["room_b"].pk).update(interpretation_languages=["fr"])
    update_session_content(session=s["first"], **FIRST_FACETS)
    update_session_content(session=s["second"], delivery=Delivery.ONSITE)
    schedule(s["first"], s["room_a"], local(s["edition"], 1, 10))
    schedule(s["second"], s["room_b"], local(s["edition"], 1, 14))
    release_schedule(edition=s["edition"], by=None, message="v1")
    for key in ("first", "second"):
        s[key] = SessionPage.objects.get(pk=s[key].pk)
    return s


def titles(client, edition, **query) -> set[str]:
    html = client.get(
        programme_page_for(edition).url, {"day": "all", **query}
    ).content.decode()
    return {
        title
        for title in ("Data flows", "Meaningful access")
        if f">{title}</a>" in html
    }


@pytest.mark.django_db
def test_programme_filters_alone_and_combined(client, released):
    edition = released["edition"]

    assert titles(client, edition) == {"Data flows", "Meaningful access"}
    assert titles(client, edition, interpretation="ar") == {"Data flows"}
    # The room's interpretation counts for a session without its own.
    assert titles(client, edition, interpretation="fr") == {"Meaningful access"}
    assert titles(client, edition, captioned="1") == {"Data flows"}
    assert titles(client, edition, sign_language="1") == {"Data flows"}
    assert titles(client, edition, online="1") == {"Data flows"}
    assert titles(client, edition, captioned="1", interpretation="fr") == set()
    assert titles(
        client, edition, captioned="1", online="1", room=released["room_a"].pk
    ) == {"Data flows"}


@pytest.mark.django_db
def test_programme_lists_the_facets_in_words_and_keeps_filters_in_the_form(
    client, released
):
    html = client.get(
        programme_page_for(released["edition"]).url,
        {"day": "all", "captioned": "1", "interpretation": "ar"},
    ).content.decode()

    assert "Interpretation: Arabic" in html
    assert "Captioned (English)" in html
    assert "Sign language: International Sign" in html
    assert "Can join online" in html
    assert 'name="captioned" value="1" id="id_captioned" checked' in html
    assert '<option value="ar" selected>Arabic</option>' in html
    # The calendar and PDF of the selection follow the same filters.
    assert "captioned=1" in html.split('class="downloads"')[1]


@pytest.mark.django_db
def test_filtering_by_the_facets_costs_no_extra_query(client, released):
    url = programme_page_for(released["edition"]).url
    client.get(url)  # warm the page tree caches
    with CaptureQueriesContext(connection) as plain:
        client.get(url, {"day": "all"})
    with CaptureQueriesContext(connection) as filtered:
        client.get(
            url,
            {
                "day": "all",
                "interpretation": "ar",
                "captioned": "1",
                "sign_language": "1",
                "online": "1",
            },
        )
    assert len(filtered) == len(plain)


@pytest.mark.django_db
def test_the_release_freezes_the_facets_and_the_rooms_interpretation(client, released):
    s = released
    edition = s["edition"]
    update_session_content(session=s["first"], sign_language="")
    Room.objects.filter(pk=s["room_b"].pk).update(interpretation_languages=["es"])

    assert titles(client, edition, sign_language="1") == {"Data flows"}
    assert titles(client, edition, interpretation="fr") == {"Meaningful access"}

    second_release = release_schedule(edition=edition, by=None, message="v2")

    assert titles(client, edition, sign_language="1") == set()
    assert titles(client, edition, interpretation="fr") == set()
    assert titles(client, edition, interpretation="es") == {"Meaningful access"}
    changed = {entry["code"] for entry in second_release.changelog}
    assert changed == {"WS #1", "WS #2"}


@pytest.mark.django_db
def test_session_page_states_each_facet(client, released):
    first = client.get(released["first"].url).content.decode()
    second = client.get(released["second"].url).content.decode()

    assert "<dt>Interpretation</dt><dd>Arabic</dd>" in first
    assert "<dt>Sign language</dt><dd>International Sign</dd>" in first
    assert "Yes: English" in first
    assert "<dt>Interpretation</dt><dd>French</dd>" in second
    assert "<dt>Sign language</dt><dd>None</dd>" in second
    assert "No, onsite only" in second


def feed_url(edition, **query) -> str:
    url = reverse("programme:ical", args=[edition.slug])
    if query:
        url += "?" + "&".join(f"{k}={v}" for k, v in query.items())
    return url


@pytest.mark.django_db
def test_feed_describes_the_facets_and_filters_by_them(client, released):
    s = released
    edition = s["edition"]
    library, _ = parse(client.get(feed_url(edition)))
    events = events_by_uid(library)
    first = events[str(s["first"].guid)]
    second = events[str(s["second"].guid)]

    assert (
        "Interpretation: Arabic\nCaptioning: English\n"
        "Sign language: International Sign\nJoin online: yes (hybrid)"
    ) in str(first["DESCRIPTION"])
    assert {"Captioned", "Sign language", "Online participation"} <= set(
        first.categories
    )
    assert "Interpretation: French\nJoin online: no (onsite only)" in str(
        second["DESCRIPTION"]
    )
    assert "Captioned" not in second.categories

    def uids(**query):
        return set(events_by_uid(parse(client.get(feed_url(edition, **query)))[0]))

    assert uids(captioned=1) == {str(s["first"].guid)}
    assert uids(interpretation="fr") == {str(s["second"].guid)}
    assert uids(sign_language=1, online=1) == {str(s["first"].guid)}
    named, _ = parse(client.get(feed_url(edition, captioned=1, interpretation="ar")))
    # NAME is read back raw, its comma still escaped.
    assert (
        str(named["NAME"])
        .replace("\\,", ",")
        .endswith("— Interpretation into Arabic, Captioned")
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "message"),
    [
        (
            {"captioned": "yes"},
            "captioned “yes” is not known for IGF 2030. Known values: 1.",
        ),
        ({"interpretation": "xx"}, "interpretation “xx” is not known for"),
    ],
)
def test_unknown_facet_values_in_a_feed_url_are_a_readable_404(
    client, released, query, message
):
    response = client.get(feed_url(released["edition"], **query))

    assert response.status_code == 404
    assert message in response.content.decode()


@pytest.mark.django_db
def test_exports_carry_the_facets_and_stay_valid(
    client,
    released,
    c3voc_schema,  # noqa: F811
    frab_schema,  # noqa: F811
):
    edition = released["edition"]
    raw_json = client.get(reverse("programme:c3voc", args=[edition.slug])).content
    raw_xml = client.get(reverse("programme:frab", args=[edition.slug])).content

    assert json_errors(c3voc_schema, raw_json) == []
    assert xml_errors(frab_schema, raw_xml) == []
    rooms = json.loads(raw_json)["schedule"]["conference"]["days"][0]["rooms"]
    assert rooms["Room A"][0]["description"] == (
        "Interpretation: ar\nCaptioning: en\nSign language: International Sign\n"
        "Delivery: hybrid"
    )
    assert (
        "<description>Interpretation: fr\nDelivery: onsite</description>"
        in raw_xml.decode()
    )


@pytest.mark.django_db
def test_booklet_details_line_names_the_facets(
    client,
    released,
    rendered_html,  # noqa: F811
):
    client.get(pdf_url(released["edition"]))

    assert (
        "Interpretation: Arabic · Captioning: English · Sign language: International "
        "Sign · Join online: yes (hybrid)"
    ) in rendered_html[0]


@pytest.mark.django_db
def test_csv_exports_the_facets_and_imports_changes(released):
    edition = released["edition"]
    out = io.StringIO()
    write_sessions_csv(edition=edition, out=out)
    rows = {row["code"]: row for row in csv.DictReader(io.StringIO(out.getvalue()))}

    assert {
        key: rows["WS #1"][key]
        for key in ("interpretation_languages", "captioning", "sign_language")
    } == {
        "interpretation_languages": "ar",
        "captioning": "en",
        "sign_language": "International Sign",
    }
    assert rows["WS #2"]["captioning"] == ""

    text = (
        "guid,captioning,sign_language,interpretation_languages\n"
        f"{released['second'].guid},yes,Swiss German Sign Language,French; es\n"
    )
    import_sessions_csv(edition=edition, text=text)

    second = SessionPage.objects.get(pk=released["second"].pk)
    content = second.get_latest_revision_as_object()
    assert (
        content.has_captioning,
        content.captioning_languages,
        content.sign_language,
        content.interpretation_languages,
    ) == (True, [], "Swiss German Sign Language", ["fr", "es"])


@pytest.mark.django_db
def test_track_page_states_the_facets_of_its_sessions(client, released):
    s = released
    parliament = SessionTypeFactory(
        edition=s["edition"],
        name="Parliamentary session",
        prefix="PT",
        track=Track.PARLIAMENTARY,
    )
    mp_session = SessionPageFactory(
        session_type=parliament,
        title="Laws for AI",
        has_captioning=True,
        sign_language="International Sign",
    )
    schedule(mp_session, s["room_b"], local(s["edition"], 2, 9))
    release_schedule(edition=s["edition"], by=None, message="v2")

    html = client.get(
        f"{s['edition'].url}programme/tracks/parliamentary/"
    ).content.decode()

    assert ">Laws for AI</a>" in html
    assert "Interpretation: French" in html  # Room B's
    assert "Captioned" in html
    assert "Sign language: International Sign" in html
