import datetime as dt
from types import SimpleNamespace

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.utils import timezone

from outcomes.enums import Channel, DocumentStatus, EvidenceLevel, UptakeKind
from outcomes.models import Watch, WatchlistFeedToken, WatchNotice
from outcomes.services import transmissions
from outcomes.services import watchlists as service
from tests.factories import EditionThemeFactory, ForumEditionPageFactory, UserFactory
from tests.factories.outcomes import (
    ForumFactory,
    OutcomeDocumentFactory,
    PolicyMessageFactory,
    TransmissionFactory,
    UptakeEventFactory,
)


@pytest.fixture
def scene(home_page):
    return build_watch_scene()


def build_watch_scene() -> SimpleNamespace:
    """One edition with a sub-theme, a final document of two messages (one themed), a
    draft document whose message has the same sub-theme, two forums and three people."""
    s = SimpleNamespace()
    s.edition = ForumEditionPageFactory(year=2040)
    s.theme = EditionThemeFactory(page=s.edition, name="Digital trust")
    s.document = OutcomeDocumentFactory(edition=s.edition, title="IGF 2040 Messages")
    s.themed = PolicyMessageFactory(
        document=s.document, theme=s.theme, title="Trust by design"
    )
    s.plain = PolicyMessageFactory(document=s.document, title="Open standards")
    s.draft_document = OutcomeDocumentFactory(
        edition=s.edition, status=DocumentStatus.DRAFT, title="Youth draft"
    )
    s.draft = PolicyMessageFactory(
        document=s.draft_document, theme=s.theme, title="Secret draft message"
    )
    s.forum = ForumFactory(
        name="Trust Commission", acronym="TC", slug="trust-commission"
    )
    s.other_forum = ForumFactory(
        name="Standards Forum", acronym="", slug="standards-forum"
    )
    s.alice = UserFactory(name="Alice", email="alice@example.org")
    s.bob = UserFactory(name="Bob", email="bob@example.org")
    s.carol = UserFactory(name="Carol", email="carol@example.org")
    s.secretariat = UserFactory(name="Secretariat")
    return s


def watcher_ids(transmission) -> set[int]:
    return set(service.watchers_of(transmission).values_list("pk", flat=True))


# --- following ------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["theme", "themed", "forum"], ids=str)
@pytest.mark.django_db
def test_follow_and_unfollow_are_idempotent(scene, kind):
    target = getattr(scene, kind)

    first = service.follow(user=scene.alice, target=target)
    again = service.follow(user=scene.alice, target=target)

    assert first.pk == again.pk
    assert Watch.objects.filter(user=scene.alice).count() == 1
    assert service.unfollow(user=scene.alice, target=target) is True
    assert service.unfollow(user=scene.alice, target=target) is False
    assert not Watch.objects.exists()


@pytest.mark.django_db
def test_followed_by_lists_ids_by_kind(scene, django_assert_num_queries):
    service.follow(user=scene.alice, target=scene.theme)
    service.follow(user=scene.alice, target=scene.themed)
    service.follow(user=scene.alice, target=scene.forum)
    service.follow(user=scene.bob, target=scene.other_forum)

    with django_assert_num_queries(1):
        followed = service.followed_by(scene.alice)

    assert followed == service.Followed(
        themes=frozenset({scene.theme.pk}),
        messages=frozenset({scene.themed.pk}),
        forums=frozenset({scene.forum.pk}),
    )


@pytest.mark.django_db
def test_followed_by_costs_visitors_nothing(django_assert_num_queries):
    from django.contrib.auth.models import AnonymousUser

    with django_assert_num_queries(0):
        assert service.followed_by(AnonymousUser()) == service.Followed()


@pytest.mark.django_db
def test_a_watch_has_exactly_one_target(scene):
    with pytest.raises(IntegrityError), transaction.atomic():
        Watch.objects.create(user=scene.alice, theme=scene.theme, forum=scene.forum)
    with pytest.raises(IntegrityError), transaction.atomic():
        Watch.objects.create(user=scene.alice)
    Watch.objects.create(user=scene.alice, forum=scene.forum)
    with pytest.raises(IntegrityError), transaction.atomic():
        Watch.objects.create(user=scene.alice, forum=scene.forum)


@pytest.mark.django_db
def test_watches_of_hides_messages_no_longer_public(scene):
    service.follow(user=scene.alice, target=scene.themed)
    service.follow(user=scene.alice, target=scene.plain)
    service.follow(user=scene.alice, target=scene.forum)
    scene.plain.deleted_at = timezone.now()
    scene.plain.save()

    watches = service.watches_of(scene.alice)

    assert [(w.message, w.forum) for w in watches] == [
        (None, scene.forum),
        (scene.themed, None),
    ]


# --- who hears of what ----------------------------------------------------------------


@pytest.mark.django_db
def test_watchers_of_follow_the_forum_the_message_or_its_theme(scene):
    service.follow(user=scene.alice, target=scene.forum)
    service.follow(user=scene.bob, target=scene.themed)
    service.follow(user=scene.carol, target=scene.theme)
    service.follow(user=scene.secretariat, target=scene.plain)
    sent = TransmissionFactory(forum=scene.forum, messages=[scene.themed])

    assert watcher_ids(sent) == {scene.alice.pk, scene.bob.pk, scene.carol.pk}


@pytest.mark.django_db
def test_whole_document_transmission_counts_for_each_message(scene):
    service.follow(user=scene.alice, target=scene.plain)
    service.follow(user=scene.bob, target=scene.theme)
    sent = TransmissionFactory(forum=scene.other_forum, document=scene.document)

    assert watcher_ids(sent) == {scene.alice.pk, scene.bob.pk}


@pytest.mark.django_db
def test_draft_only_transmission_has_no_watchers(scene):
    service.follow(user=scene.alice, target=scene.forum)
    service.follow(user=scene.bob, target=scene.theme)
    service.follow(user=scene.carol, target=scene.draft)
    sent = TransmissionFactory(forum=scene.forum, messages=[scene.draft])

    assert watcher_ids(sent) == set()


@pytest.mark.django_db
def test_inactive_people_hear_nothing(scene):
    service.follow(user=scene.alice, target=scene.forum)
    scene.alice.is_active = False
    scene.alice.save()

    sent = TransmissionFactory(forum=scene.forum, messages=[scene.themed])

    assert watcher_ids(sent) == set()


def record(scene, messages, **overrides):
    values = {
        "forum": scene.forum,
        "sent_on": dt.date(2041, 1, 15),
        "channel": Channel.FORMAL_REPORT,
        "actor": "IGF Secretariat",
        "by": scene.secretariat,
        "messages": messages,
    }
    return transmissions.record_transmission(**{**values, **overrides})


@pytest.mark.django_db
def test_recording_a_transmission_notifies_watchers_on_commit(
    scene, django_capture_on_commit_callbacks
):
    service.follow(user=scene.alice, target=scene.forum)
    service.follow(user=scene.bob, target=scene.themed)
    service.follow(user=scene.carol, target=scene.other_forum)

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        sent = record(scene, [scene.themed])

    assert len(callbacks) == 1
    assert set(
        WatchNotice.objects.values_list("user_id", "transmission_id", "event_id")
    ) == {(scene.alice.pk, sent.pk, None), (scene.bob.pk, sent.pk, None)}


@pytest.mark.django_db
def test_recording_a_draft_only_transmission_notifies_nobody(
    scene, django_capture_on_commit_callbacks
):
    service.follow(user=scene.alice, target=scene.forum)
    service.follow(user=scene.bob, target=scene.theme)

    with django_capture_on_commit_callbacks(execute=True):
        record(scene, [scene.draft])

    assert not WatchNotice.objects.exists()


@pytest.mark.django_db
def test_new_uptake_event_on_a_followed_forum_notifies(
    scene, django_capture_on_commit_callbacks
):
    sent = TransmissionFactory(
        forum=scene.forum, messages=[scene.plain], sent_on=dt.date(2041, 1, 15)
    )
    service.follow(user=scene.alice, target=scene.forum)

    with django_capture_on_commit_callbacks(execute=True):
        event = transmissions.record_uptake_event(
            transmission=sent,
            kind=UptakeKind.ACKNOWLEDGED,
            occurred_on=dt.date(2041, 3, 1),
            evidence_level=EvidenceLevel.DIRECT,
            by=scene.secretariat,
        )

    notice = WatchNotice.objects.get()
    assert (notice.user, notice.transmission, notice.event, notice.emailed_at) == (
        scene.alice,
        sent,
        event,
        None,
    )


@pytest.mark.django_db
def test_noting_twice_writes_each_notice_once(scene):
    service.follow(user=scene.alice, target=scene.forum)
    sent = TransmissionFactory(forum=scene.forum, messages=[scene.plain])
    event = UptakeEventFactory(transmission=sent)

    service.note_transmission(sent)
    service.note_transmission(sent)
    service.note_uptake_event(event)
    service.note_uptake_event(event)

    assert WatchNotice.objects.count() == 2


@pytest.mark.django_db
def test_deleted_event_notifies_nobody(scene):
    service.follow(user=scene.alice, target=scene.forum)
    event = UptakeEventFactory(
        transmission=TransmissionFactory(forum=scene.forum, messages=[scene.plain]),
        deleted_at=timezone.now(),
    )

    assert service.note_uptake_event(event) == 0
    assert not WatchNotice.objects.exists()


# --- reading notices ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        ("", "Sent to TC: Trust by design"),
        ("Acknowledged", "TC: Acknowledged — Trust by design"),
    ],
    ids=["transmission", "event"],
)
def test_notice_title(kind, expected):
    assert (
        service.notice_title(forum="TC", subject="Trust by design", event_kind=kind)
        == expected
    )


@pytest.mark.django_db
def test_notice_items_describe_and_link_public_things_only(scene):
    service.follow(user=scene.alice, target=scene.forum)
    one = TransmissionFactory(
        forum=scene.forum, messages=[scene.themed, scene.draft], actor="Chair"
    )
    two = TransmissionFactory(forum=scene.forum, messages=[scene.themed, scene.plain])
    whole = TransmissionFactory(forum=scene.forum, document=scene.document)
    event = UptakeEventFactory(transmission=one, kind=UptakeKind.DISCUSSED)
    for transmission in (one, two, whole):
        service.note_transmission(transmission)
    service.note_uptake_event(event)

    items = service.latest_items(scene.alice)

    assert [(item.title, item.path) for item in items] == [
        (
            "TC: Discussed — Trust by design",
            f"/outcomes/messages/{scene.themed.guid}/",
        ),
        (
            "Sent to TC: “IGF 2040 Messages” (whole document)",
            "/outcomes/forums/trust-commission/",
        ),
        ("Sent to TC: 2 policy messages", "/outcomes/forums/trust-commission/"),
        ("Sent to TC: Trust by design", f"/outcomes/messages/{scene.themed.guid}/"),
    ]
    assert items[-1].description == "Sent on 2026-04-14 by Chair (Formal report)."
    assert items[-1].tag_path == f"transmission/{one.guid}"
    assert items[0].tag_path == f"uptake-event/{event.pk}"
    assert items[0].happened_on == event.occurred_on


@pytest.mark.django_db
def test_notices_of_deleted_things_disappear(scene):
    service.follow(user=scene.alice, target=scene.forum)
    kept = TransmissionFactory(forum=scene.forum, messages=[scene.plain])
    gone = TransmissionFactory(forum=scene.forum, messages=[scene.themed])
    event = UptakeEventFactory(transmission=kept)
    for transmission in (kept, gone):
        service.note_transmission(transmission)
    service.note_uptake_event(event)

    gone.deleted_at = event.deleted_at = timezone.now()
    gone.save()
    event.save()

    assert [item.tag_path for item in service.latest_items(scene.alice)] == [
        f"transmission/{kept.guid}"
    ]


# --- the daily digest -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("count", "subject"),
    [(1, "IGF+ watchlist: 1 update"), (3, "IGF+ watchlist: 3 updates")],
    ids=["one", "many"],
)
def test_digest_subject(count, subject):
    assert service.digest_subject(count) == subject


@pytest.mark.django_db
def test_digest_sends_one_email_per_person_once(scene, settings):
    settings.WAGTAILADMIN_BASE_URL = "https://igf.example.org"
    service.follow(user=scene.alice, target=scene.forum)
    service.follow(user=scene.bob, target=scene.themed)
    sent = TransmissionFactory(forum=scene.forum, messages=[scene.themed])
    event = UptakeEventFactory(transmission=sent, kind=UptakeKind.REFERENCED)
    service.note_transmission(sent)
    service.note_uptake_event(event)
    only_alice = TransmissionFactory(forum=scene.forum, messages=[scene.plain])
    service.note_transmission(only_alice)

    assert service.send_watchlist_digests() == 2

    by_person = {message.to[0]: message for message in mail.outbox}
    assert sorted(by_person) == ["alice@example.org", "bob@example.org"]
    alice, bob = by_person["alice@example.org"], by_person["bob@example.org"]
    assert alice.subject == "IGF+ watchlist: 3 updates"
    assert bob.subject == "IGF+ watchlist: 2 updates"
    link = f"https://igf.example.org/outcomes/messages/{scene.themed.guid}/"
    assert "Hello Bob," in bob.body
    assert "- Sent to TC: Trust by design" in bob.body
    assert "- TC: Referenced in a document — Trust by design" in bob.body
    assert link in bob.body
    assert "https://igf.example.org/my/watchlist/" in bob.body
    assert "Open standards" not in bob.body
    assert "Sent to TC: Open standards" in alice.body
    html, mimetype = bob.alternatives[0]
    assert mimetype == "text/html"
    assert f'<a href="{link}" dir="auto">Sent to TC: Trust by design</a>' in html
    assert not WatchNotice.objects.filter(emailed_at=None).exists()

    assert service.send_watchlist_digests() == 0
    assert len(mail.outbox) == 2


@pytest.mark.django_db
def test_digest_lists_only_what_is_new_since_the_last(scene):
    service.follow(user=scene.alice, target=scene.forum)
    first = TransmissionFactory(forum=scene.forum, messages=[scene.themed])
    service.note_transmission(first)
    service.send_watchlist_digests()
    second = TransmissionFactory(forum=scene.forum, messages=[scene.plain])
    service.note_transmission(second)

    assert service.send_watchlist_digests() == 1

    latest = mail.outbox[-1]
    assert latest.subject == "IGF+ watchlist: 1 update"
    assert "Open standards" in latest.body
    assert "Trust by design" not in latest.body


@pytest.mark.django_db
def test_digest_skips_what_is_no_longer_public(scene):
    service.follow(user=scene.alice, target=scene.forum)
    sent = TransmissionFactory(forum=scene.forum, messages=[scene.themed])
    service.note_transmission(sent)
    sent.deleted_at = timezone.now()
    sent.save()

    assert service.send_watchlist_digests() == 0
    assert mail.outbox == []
    assert not WatchNotice.objects.filter(emailed_at=None).exists()


@pytest.mark.django_db
def test_digest_command_reports_what_it_sent(scene, capsys):
    service.follow(user=scene.alice, target=scene.forum)
    service.note_transmission(
        TransmissionFactory(forum=scene.forum, messages=[scene.themed])
    )

    call_command("send_watchlist_digests")
    call_command("send_watchlist_digests")

    assert capsys.readouterr().out == (
        "Watchlist digests sent: 1\nWatchlist digests sent: 0\n"
    )
    assert len(mail.outbox) == 1


# --- the private feed link ------------------------------------------------------------


@pytest.mark.django_db
def test_rotating_the_feed_token_replaces_the_old_one(scene):
    old = service.rotate_watchlist_token(user=scene.alice)
    new = service.rotate_watchlist_token(user=scene.alice)

    assert service.user_for_watchlist_token(old) is None
    assert service.user_for_watchlist_token(new) == scene.alice
    assert len(new) >= 43
    row = WatchlistFeedToken.objects.get()
    assert row.token_hash != new
    assert row.last_used_at is not None
    assert service.revoke_watchlist_token(user=scene.alice) is True
    assert service.user_for_watchlist_token(new) is None
    assert service.revoke_watchlist_token(user=scene.alice) is False
