"""The Leadership Panel's page: members and terms, public papers, what it carried."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from outcomes.enums import Channel, DocumentKind, DocumentStatus
from outcomes.models import LeadershipPanelPage, PanelMember, PanelRole
from tests.factories.outcomes import (
    OutcomeDocumentFactory,
    PolicyMessageFactory,
    TransmissionFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def panel(home_page):
    page = LeadershipPanelPage(
        title="IGF Leadership Panel",
        slug="leadership-panel",
        introduction="<p>Carries the forum's outcomes onward.</p>",
    )
    page.members.add(
        PanelMember(
            name="Amina Okafor",
            role=PanelRole.CHAIR,
            term_starts_on=dt.date(2024, 1, 1),
        )
    )
    page.members.add(
        PanelMember(
            name="Chair of the MAG",
            role=PanelRole.EX_OFFICIO,
            basis="Chair of the MAG",
            term_starts_on=dt.date(2024, 1, 1),
        )
    )
    page.members.add(
        PanelMember(
            name="Former Member",
            role=PanelRole.MEMBER,
            term_starts_on=dt.date(2020, 1, 1),
            term_ends_on=dt.date(2021, 12, 31),
        )
    )
    home_page.add_child(instance=page)
    return page


def _carried(document, **kwargs):
    return TransmissionFactory(
        channel=Channel.LEADERSHIP_PANEL,
        actor="Leadership Panel member",
        messages=[PolicyMessageFactory(document=document)],
        **kwargs,
    )


def test_page_lists_members_with_role_basis_and_term(client, panel):
    response = client.get(panel.url)

    assert response.status_code == 200
    current, former = response.content.decode().split("former member")
    assert "Amina Okafor" in current
    assert "Ex officio member" in current
    assert "(Chair of the MAG)" in current
    assert "Former Member" in former  # under “1 former member”, not among the current
    assert "Former Member" not in current


def test_page_shows_public_papers_only(client, panel):
    final = OutcomeDocumentFactory(
        kind=DocumentKind.LEADERSHIP_PANEL, title="The Internet We Want"
    )
    OutcomeDocumentFactory(
        kind=DocumentKind.LEADERSHIP_PANEL,
        title="A paper still in draft",
        status=DocumentStatus.DRAFT,
    )
    OutcomeDocumentFactory(kind=DocumentKind.MESSAGES, title="IGF Messages")

    body = client.get(panel.url).content.decode()

    assert final.title in body
    assert "A paper still in draft" not in body
    assert "IGF Messages" not in body


def test_page_shows_what_the_panel_carried_and_nothing_else(client, panel):
    document = OutcomeDocumentFactory()
    carried = _carried(document)
    TransmissionFactory(
        channel=Channel.FORMAL_REPORT,
        forum__name="Sent by the secretariat",
        messages=[PolicyMessageFactory(document=document)],
    )
    deleted = _carried(document, forum__name="Withdrawn record")
    deleted.deleted_at = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    deleted.save()
    _carried(
        OutcomeDocumentFactory(status=DocumentStatus.DRAFT),
        forum__name="Carrying a draft",
    )

    body = client.get(panel.url).content.decode()

    assert carried.forum.name in body
    assert "Sent by the secretariat" not in body
    assert "Withdrawn record" not in body
    assert "Carrying a draft" not in body


def test_page_has_empty_states(client, panel):
    body = client.get(panel.url).content.decode()

    assert "The panel has not published a paper yet." in body
    assert "Nothing carried by the panel has been recorded yet." in body


def test_query_count_does_not_grow_with_history(
    client, panel, django_assert_max_num_queries
):
    document = OutcomeDocumentFactory()
    _carried(document)
    client.get(panel.url)
    # Both measured requests follow new documents, as cached fragments (the site menu)
    # are then drawn again: like is compared with like.
    OutcomeDocumentFactory(kind=DocumentKind.LEADERSHIP_PANEL)
    with django_assert_max_num_queries(20) as few:
        client.get(panel.url)
    for _ in range(6):
        _carried(document)
        OutcomeDocumentFactory(kind=DocumentKind.LEADERSHIP_PANEL)

    with django_assert_max_num_queries(len(few)):
        client.get(panel.url)


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        (
            {
                "term_starts_on": dt.date(2025, 1, 1),
                "term_ends_on": dt.date(2024, 1, 1),
            },
            "term_ends_on",
            "The term cannot end before it starts.",
        ),
        (
            {"role": PanelRole.EX_OFFICIO, "term_starts_on": dt.date(2025, 1, 1)},
            "basis",
            "on what basis",
        ),
    ],
)
def test_a_member_with_an_impossible_term_or_no_basis_is_refused(
    fields, field, message
):
    member = PanelMember(name="Someone", **fields)

    with pytest.raises(ValidationError) as refused:
        member.clean()

    assert message in str(refused.value.message_dict[field])
