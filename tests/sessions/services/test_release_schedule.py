import pytest

from sessions.enums import SessionStatus
from sessions.models import Release, SessionPage
from sessions.services.releases import (
    NOTHING_TO_RELEASE,
    NothingToRelease,
    ReleaseBlocked,
    release_schedule,
)
from sessions.services.sessions import update_session_content
from tests.sessions.conftest import local, schedule


def rows_by_title(release):
    return {
        row.session.title: row
        for row in release.sessions.select_related("session", "room")
    }


@pytest.mark.django_db
def test_first_release_publishes_every_scheduled_session(programme_scene):
    s = programme_scene
    schedule(s["first"], s["room_a"], local(s["edition"], 1, 10))
    schedule(s["second"], s["room_b"], local(s["edition"], 1, 10))

    release = release_schedule(edition=s["edition"], by=None, message="First programme")

    assert (release.number, release.message) == (1, "First programme")
    assert sorted(entry["change"] for entry in release.changelog) == ["new", "new"]
    rows = rows_by_title(release)
    assert {title: (row.room.name, row.sequence) for title, row in rows.items()} == {
        "Data flows": ("Room A", 0),
        "Meaningful access": ("Room B", 0),
    }
    assert all(SessionPage.objects.get(pk=row.session_id).live for row in rows.values())


@pytest.mark.django_db
def test_accepted_but_unscheduled_sessions_stay_private(programme_scene):
    s = programme_scene
    schedule(s["first"], s["room_a"], local(s["edition"], 1, 10))

    release = release_schedule(edition=s["edition"], by=None, message="")

    assert list(rows_by_title(release)) == ["Data flows"]
    assert not SessionPage.objects.get(pk=s["second"].pk).live


@pytest.mark.django_db
def test_a_move_raises_the_sequence_and_is_logged(programme_scene):
    s = programme_scene
    schedule(s["first"], s["room_a"], local(s["edition"], 1, 10))
    schedule(s["second"], s["room_b"], local(s["edition"], 1, 10))
    first = release_schedule(edition=s["edition"], by=None, message="")

    schedule(s["first"], s["room_a"], local(s["edition"], 2, 14))
    second = release_schedule(edition=s["edition"], by=None, message="Moved one")

    assert second.number == 2
    assert [(e["change"], e["title"]) for e in second.changelog] == [
        ("moved", "Data flows")
    ]
    rows = rows_by_title(second)
    assert (rows["Data flows"].sequence, rows["Meaningful access"].sequence) == (1, 0)
    assert (
        rows["Meaningful access"].changed_at
        == rows_by_title(first)["Meaningful access"].changed_at
    )
    assert rows["Data flows"].changed_at > rows_by_title(first)["Data flows"].changed_at


@pytest.mark.django_db
def test_hard_conflicts_block_the_release_and_nothing_is_published(programme_scene):
    s = programme_scene
    schedule(s["first"], s["room_a"], local(s["edition"], 1, 10))
    schedule(s["second"], s["room_a"], local(s["edition"], 1, 10, 30))

    with pytest.raises(ReleaseBlocked) as refusal:
        release_schedule(edition=s["edition"], by=None, message="")

    assert [c.kind for c in refusal.value.conflicts] == ["room_overlap"]
    assert not Release.objects.exists()
    assert not SessionPage.objects.filter(
        live=True, pk__in=[s["first"].pk, s["second"].pk]
    ).exists()


@pytest.mark.django_db
def test_a_written_reason_overrides_hard_conflicts_and_is_recorded(programme_scene):
    s = programme_scene
    schedule(s["first"], s["room_a"], local(s["edition"], 1, 10))
    schedule(s["second"], s["room_a"], local(s["edition"], 1, 10, 30))

    release = release_schedule(
        edition=s["edition"],
        by=None,
        message="",
        override_reason="  Room A is split in two.  ",
    )

    assert release.override_reason == "Room A is split in two."
    assert [c["kind"] for c in release.overridden_conflicts] == ["room_overlap"]


@pytest.mark.django_db
def test_cancelled_sessions_stay_visible_as_cancelled(programme_scene):
    s = programme_scene
    schedule(s["first"], s["room_a"], local(s["edition"], 1, 10))
    release_schedule(edition=s["edition"], by=None, message="")

    SessionPage.objects.filter(pk=s["first"].pk).update(status=SessionStatus.CANCELLED)
    # A release needs at least one scheduled session.
    with pytest.raises(NothingToRelease, match=str(NOTHING_TO_RELEASE)):
        release_schedule(edition=s["edition"], by=None, message="")

    schedule(s["second"], s["room_b"], local(s["edition"], 1, 10))
    second = release_schedule(edition=s["edition"], by=None, message="")
    rows = rows_by_title(second)
    assert (rows["Data flows"].status, rows["Data flows"].sequence) == ("cancelled", 1)
    assert ("cancelled", "Data flows") in [
        (e["change"], e["title"]) for e in second.changelog
    ]


@pytest.mark.django_db
def test_organizers_edits_reach_the_public_only_with_the_next_release(
    programme_scene, client
):
    s = programme_scene
    schedule(s["first"], s["room_a"], local(s["edition"], 1, 10))
    release_schedule(edition=s["edition"], by=None, message="")
    session = SessionPage.objects.get(pk=s["first"].pk)

    update_session_content(session=session, title="Cross-border data flows")
    assert "Data flows" in client.get(session.url).content.decode()
    assert "Cross-border data flows" not in client.get(session.url).content.decode()

    second = release_schedule(edition=s["edition"], by=None, message="")

    assert [(e["change"], e["title"]) for e in second.changelog] == [
        ("changed", "Cross-border data flows")
    ]
    assert "Cross-border data flows" in client.get(session.url).content.decode()


@pytest.mark.django_db
def test_an_edit_through_a_copy_loaded_before_the_release_keeps_the_session_public(
    programme_scene, client
):
    s = programme_scene
    schedule(s["first"], s["room_a"], local(s["edition"], 1, 10))
    loaded_before = SessionPage.objects.get(pk=s["first"].pk)  # not live yet
    release_schedule(edition=s["edition"], by=None, message="")

    update_session_content(session=loaded_before, title="Cross-border data flows")

    session = SessionPage.objects.get(pk=s["first"].pk)
    assert session.live
    response = client.get(session.url)
    assert response.status_code == 200
    assert "Data flows" in response.content.decode()
