import datetime as dt

from intersessional.services.feeds import MeetingRow, meeting_event

START = dt.datetime(2030, 3, 4, 6, tzinfo=dt.UTC)


def row(**changes) -> MeetingRow:
    values = {
        "guid": "6f1c1c9e-0000-4000-8000-000000000001",
        "title": "Monthly call",
        "start_at": START,
        "end_at": START + dt.timedelta(hours=1),
        "time_zone": "Africa/Nairobi",
        "format": "online",
        "location": "",
        "online_link": "https://meet.example.org/call",
        "description": "Agenda: standards.",
        "is_cancelled": False,
        "sequence": 2,
        "changed_at": dt.datetime(2030, 1, 2, tzinfo=dt.UTC),
        "body_title": "Dynamic Coalition on Accessibility and Disability",
        "body_acronym": "DCAD",
        "body_kind": "dc",
        "body_url": "/intersessional/dcad/",
    }
    values.update(changes)
    return MeetingRow(**values)


def test_a_meeting_becomes_an_event_in_its_own_zone():
    event = meeting_event(row(), site_url="https://igf.example")

    assert event.uid == "6f1c1c9e-0000-4000-8000-000000000001"
    assert event.summary == "DCAD: Monthly call"
    assert event.time_zone == "Africa/Nairobi"
    assert (event.sequence, event.is_cancelled) == (2, False)
    assert event.url == (
        "https://igf.example/intersessional/dcad/"
        "#meeting-6f1c1c9e-0000-4000-8000-000000000001"
    )
    assert event.location == "https://meet.example.org/call"
    assert event.categories == ("Dynamic Coalition", "Online")
    assert event.description == (
        "Dynamic Coalition on Accessibility and Disability (Dynamic Coalition)\n\n"
        "Agenda: standards.\n\n"
        "How to join:\nhttps://meet.example.org/call\n\n"
        "Details: https://igf.example/intersessional/dcad/"
        "#meeting-6f1c1c9e-0000-4000-8000-000000000001"
    )


def test_a_cancelled_meeting_says_so_and_drops_its_link():
    event = meeting_event(row(is_cancelled=True), site_url="https://igf.example")

    assert event.is_cancelled
    assert event.description.startswith("This meeting has been cancelled.\n\n")
    assert "How to join" not in event.description


def test_an_in_person_meeting_is_located_at_its_place_and_named_by_title():
    event = meeting_event(
        row(format="in_person", location="Gigiri, Nairobi", body_acronym=""),
        site_url="",
    )
    assert event.location == "Gigiri, Nairobi"
    assert event.summary == (
        "Dynamic Coalition on Accessibility and Disability: Monthly call"
    )
