"""The outbox: written with each change, applied after commit, never lost, never leaking."""

import pytest
from django.db import transaction
from django.utils import timezone

from outcomes.enums import DocumentStatus
from search.models import IndexOutbox, SearchEntry
from search.selectors import search_results
from search.services.documents import SearchRequest
from tests.factories.outcomes import PolicyMessageFactory
from tests.search.conftest import release

pytestmark = pytest.mark.django_db


def indexed(kind):
    return set(
        SearchEntry.objects.filter(kind=kind).values_list("object_key", flat=True)
    )


def found(text):
    return {(h.kind, h.key) for h in search_results(SearchRequest(text=text)).hits}


def test_a_change_writes_an_outbox_row_in_its_transaction(public_message):
    IndexOutbox.objects.all().delete()

    public_message.text = "Now about spectrum policy."
    public_message.save()

    assert list(IndexOutbox.objects.values_list("kind", "object_key", "action")) == [
        ("message", str(public_message.pk), "index")
    ]


def test_rollback_leaves_no_outbox_row(public_message):
    IndexOutbox.objects.all().delete()

    def change_then_fail():
        with transaction.atomic():
            public_message.text = "Rolled back."
            public_message.save()
            raise RuntimeError("the change fails")

    with pytest.raises(RuntimeError):
        change_then_fail()

    assert IndexOutbox.objects.count() == 0


def test_commit_drains_the_outbox_into_the_index(
    public_message, django_capture_on_commit_callbacks
):
    IndexOutbox.objects.all().delete()
    # The scene's own drain is pending in the test's never-committed transaction.
    transaction.get_connection().run_on_commit.clear()

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        public_message.text = "Meaningful connectivity for spectrum policy."
        public_message.save()
        public_message.document.save()

    # One drain per transaction, however many changes (the page cache queues its own).
    drains = [c for c in callbacks if c.__module__.startswith("search.")]
    assert len(drains) == 1
    assert IndexOutbox.objects.count() == 0
    assert found("spectrum") == {("message", str(public_message.pk))}


def test_draft_messages_are_never_indexed(draft_message, index_now):
    index_now()

    assert str(draft_message.pk) not in indexed("message")
    assert found("governance idea") == set()


def test_soft_deleted_message_leaves_the_index(world, index_now):
    message = world["public_message"]
    message.deleted_at = timezone.now()
    message.save()
    index_now()

    assert str(message.pk) not in indexed("message")
    assert ("message", str(message.pk)) not in found("govern")


def test_document_back_to_draft_hides_its_messages(world, index_now):
    document = world["public_message"].document
    document.status = DocumentStatus.DRAFT
    document.save()
    index_now()

    assert (indexed("message"), indexed("document")) == (set(), set())


def test_unreleased_session_appears_once_released(world, index_now):
    session = world["unreleased_session"]
    assert str(session.pk) not in indexed("session")

    release(world["released_session"], session)
    index_now()

    assert ("session", str(session.pk)) in found("secret algorithms")


def test_session_left_out_of_the_latest_release_disappears(world, index_now):
    release(world["unreleased_session"])  # a new release without the first session
    index_now()

    assert str(world["released_session"].pk) not in indexed("session")


def test_unpublished_page_disappears(world, index_now):
    page = world["public_page"]
    assert ("page", str(page.pk)) in found("commons")

    page.unpublish()
    index_now()

    assert found("commons") == set()


def test_deleted_message_is_removed(world, index_now):
    message = PolicyMessageFactory(
        document=world["public_message"].document,
        title="Ephemeral",
        text="Short-lived.",
    )
    index_now()
    assert ("message", str(message.pk)) in found("ephemeral")

    message.transmissions.clear()
    message.delete()
    index_now()

    assert found("ephemeral") == set()


def test_new_transmission_updates_the_message_uptake_facet(world, index_now, forum):
    message = world["public_message"]
    transmission = message.transmissions.get()
    transmission.status = "reflected"
    transmission.save()
    index_now()

    entry = SearchEntry.objects.get(kind="message", object_key=str(message.pk))
    assert entry.facets["uptake_status"] == ["reflected"]


def test_person_rename_reaches_their_sessions(world, index_now, speaker):
    speaker.name = "Amina Traoré"
    speaker.save()
    index_now()

    assert found("traoré") == {("session", str(world["released_session"].pk))}
