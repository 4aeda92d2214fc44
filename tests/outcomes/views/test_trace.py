import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from outcomes.enums import DocumentStatus, ForumKind, SourceKind, UptakeKind
from outcomes.services.uptake import refresh_status
from outcomes.views.trace import FORUM_PAGE_SIZE, YEARS_OUT_OF_ORDER
from tests.factories import EditionThemeFactory, ForumEditionPageFactory, UserFactory
from tests.factories.outcomes import (
    ForumFactory,
    MessageCommentFactory,
    MessageSourceFactory,
    OutcomeDocumentFactory,
    PolicyMessageFactory,
    TakeawayFactory,
    TransmissionFactory,
    UptakeEventFactory,
)
from tests.outcomes.test_selectors import build_scene


@pytest.fixture
def scene(home_page):
    return build_scene()


def count_queries(client, url) -> int:
    """Queries of one warm request (Wagtail's site lookups are cached by the first)."""
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def text_of(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


# --- content ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_index_lists_public_documents_by_edition(client, scene):
    page = text_of(client.get("/outcomes/"))

    assert 'href="/outcomes/documents/igf2030/messages/"' in page
    assert "IGF 2030 Messages" in page
    assert "Youth draft" not in page
    assert 'href="/outcomes/dashboard/"' in page


@pytest.mark.django_db
def test_index_without_documents_says_so(client, home_page):
    page = text_of(client.get("/outcomes/"))

    assert '<section class="empty">' in page
    assert "No outcome has been published yet" in page


@pytest.mark.django_db
def test_document_page_shows_messages_comments_and_versions(client, scene):
    page = text_of(client.get("/outcomes/documents/igf2030/messages/"))

    assert page.index(">Access</h2>") < page.index(">Trust</h2>")
    assert "Affordable access" in page
    assert "Withdrawn text" not in page
    assert "Name small islands." in page
    assert "Added in version 2." in page
    assert "Pending remark." not in page
    assert "Spam." not in page
    assert "Rural areas added." in page
    assert f'href="/outcomes/messages/{scene.first.guid}/"' in page
    assert "2 public comments" in page


@pytest.mark.django_db
def test_a_draft_or_unknown_document_is_not_found(client, scene):
    assert client.get("/outcomes/documents/igf2030/draft/").status_code == 404
    assert client.get("/outcomes/documents/igf2030/nothing/").status_code == 404


@pytest.mark.django_db
def test_document_open_for_comment_shows_the_form_to_signed_in_people(client, scene):
    document = OutcomeDocumentFactory(
        edition=scene.edition,
        slug="open",
        status=DocumentStatus.PUBLIC_COMMENT,
        comments_close_on=dt.date(2099, 12, 31),
    )
    message = PolicyMessageFactory(document=document)
    url = "/outcomes/documents/igf2030/open/"

    anonymous = text_of(client.get(url))
    client.force_login(UserFactory())
    signed_in = text_of(client.get(url))

    assert '<time datetime="2099-12-31">31 December 2099</time>' in anonymous
    assert "Sign in to comment" in anonymous
    assert 'name="text"' not in anonymous
    assert f'action="/outcomes/messages/{message.guid}/comment/"' in signed_in
    assert 'name="text"' in signed_in


@pytest.mark.django_db
def test_document_whose_comment_period_ended_has_no_form(client, scene):
    document = OutcomeDocumentFactory(
        edition=scene.edition,
        slug="closed",
        status=DocumentStatus.PUBLIC_COMMENT,
        comments_close_on=dt.date(2000, 1, 1),
    )
    PolicyMessageFactory(document=document)
    client.force_login(UserFactory())

    page = text_of(client.get("/outcomes/documents/igf2030/closed/"))

    assert "Public comment is closed" in page
    assert 'name="text"' not in page


@pytest.mark.django_db
def test_message_trace_shows_sources_and_a_dated_timeline(client, scene):
    page = text_of(client.get(f"/outcomes/messages/{scene.first.guid}/"))

    assert f"{scene.session.code}</span> <a href=" in page
    assert "Community networks" in page
    assert f'href="/outcomes/sessions/{scene.session.guid}/"' in page
    assert "Local content drives demand." in page
    assert "PN on Meaningful Access output" in page
    assert "Not released" not in page
    assert '<time datetime="2031-04-14">14 April 2031</time>' in page
    assert '<time datetime="2031-06-01">1 June 2031</time>' in page
    assert "Indirect evidence: the topic appears, the IGF is not named" in page
    assert "Affordable access remains a priority." in page
    assert "E/CN.16/2031/2" in page
    # The deleted "reflected" event is not shown and does not count.
    assert "2031-07-01" not in page
    assert "Reflected in a decision" not in page
    assert 'status--referenced">Referenced in a document' in page
    assert "as part of the whole document" in page


@pytest.mark.django_db
def test_message_trace_of_a_hidden_message_is_not_found(client, scene):
    assert client.get(f"/outcomes/messages/{scene.deleted.guid}/").status_code == 404
    assert (
        client.get(f"/outcomes/messages/{scene.draft_message.guid}/").status_code == 404
    )


@pytest.mark.django_db
def test_forum_list_counts_by_status(client, scene):
    page = text_of(client.get("/outcomes/forums/"))

    assert 'href="/outcomes/forums/tcom/"' in page
    assert "Test Commission" in page


@pytest.mark.django_db
def test_forum_page_lists_what_was_sent_by_year(client, scene):
    page = text_of(client.get("/outcomes/forums/tcom/"))

    assert '<h3 id="year-2031">2031</h3>' in page
    assert "Affordable access" in page
    assert "Draft message" not in page
    assert "Trust online" not in page  # its sending was deleted
    assert "1 transmission" in page


@pytest.mark.django_db
def test_forum_page_is_paginated(client, scene):
    for _ in range(FORUM_PAGE_SIZE + 1):
        TransmissionFactory(forum=scene.cstd, messages=[scene.second])

    first = text_of(client.get("/outcomes/forums/tcom/"))
    second = text_of(client.get("/outcomes/forums/tcom/?page=2"))

    assert f"{FORUM_PAGE_SIZE + 2} transmissions" in first
    assert "Page 1 of 2" in first
    assert first.count('class="transmission"') == FORUM_PAGE_SIZE
    assert second.count('class="transmission"') == 2


@pytest.mark.django_db
def test_unknown_forum_is_not_found(client, scene):
    assert client.get("/outcomes/forums/nowhere/").status_code == 404


@pytest.mark.django_db
def test_session_page_shows_takeaways_and_where_they_went(client, scene):
    page = text_of(client.get(f"/outcomes/sessions/{scene.session.guid}/"))

    assert "Local content drives demand." in page
    assert "Fund community networks." in page
    assert "(Government, Private Sector)" in page
    assert f'href="/outcomes/messages/{scene.first.guid}/"' in page
    assert 'href="/outcomes/forums/tcom/"' in page


@pytest.mark.django_db
def test_session_without_a_public_report_is_not_found(client, scene):
    url = f"/outcomes/sessions/{scene.hidden_session.guid}/"

    assert client.get(url).status_code == 404


@pytest.mark.django_db
def test_edition_page_shows_messages_by_theme_with_statuses(client, scene):
    page = text_of(client.get("/outcomes/editions/igf2030/"))

    assert page.index(">Access</h2>") < page.index(">Trust</h2>")
    assert "Referenced in a document: 1; Sent, awaiting follow-up: 2" in page
    assert client.get("/outcomes/editions/igf1999/").status_code == 404


@pytest.mark.django_db
def test_dashboard_draws_charts_with_text_alternatives_and_tables(client, scene):
    page = text_of(client.get("/outcomes/dashboard/"))

    assert page.count('role="img"') == 4
    assert (
        '<title id="chart-forum-title">Transmissions by forum and status</title>'
        in page
    )
    assert "2 transmissions to 2 forums; the most to TCOM (1)." in page
    assert page.count("<table") == 4
    assert "TCOM → Referenced in a document: 1" in page
    assert 'fill="url(#pattern-diagonal)"' in page


@pytest.mark.django_db
def test_dashboard_without_data_shows_empty_states(client, home_page):
    page = text_of(client.get("/outcomes/dashboard/"))

    assert 'role="img"' not in page
    assert "Nothing has been sent to a forum for this selection." in page


@pytest.mark.django_db
def test_dashboard_filters(client, scene):
    ForumEditionPageFactory(slug="igf2031", year=2031)
    treaty = text_of(
        client.get("/outcomes/dashboard/", {"forum_kind": ForumKind.TREATY_BODY})
    )
    reversed_years = text_of(
        client.get("/outcomes/dashboard/", {"first_year": 2031, "last_year": 2030})
    )

    assert 'role="img"' not in treaty
    assert str(YEARS_OUT_OF_ORDER) in reversed_years


@pytest.mark.django_db
def test_dashboard_mirrors_charts_in_arabic(client, scene):
    page = client.get(
        "/outcomes/dashboard/", HTTP_ACCEPT_LANGUAGE="ar"
    ).content.decode()

    assert '<html lang="ar" dir="rtl">' in page
    # Labels on the right, bars growing leftwards from the axis.
    assert '<line class="chart__axis" x1="500.0"' in page


# --- query counts: constant, whatever the amount of data ----------------------------------


def _more_messages(scene, count: int) -> list:
    messages = []
    for n in range(count):
        theme = EditionThemeFactory(page=scene.edition, name=f"Theme {n}")
        message = PolicyMessageFactory(document=scene.document, theme=theme)
        MessageCommentFactory(message=message, status="published")
        MessageSourceFactory(
            message=message,
            kind=SourceKind.TAKEAWAY,
            takeaway=TakeawayFactory(report=scene.report),
            title="",
        )
        forum = ForumFactory()
        sending = TransmissionFactory(forum=forum, messages=[message, scene.first])
        UptakeEventFactory(transmission=sending, kind=UptakeKind.DISCUSSED)
        refresh_status(sending)
        messages.append(message)
    return messages


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/outcomes/",
        "/outcomes/documents/igf2030/messages/",
        "/outcomes/forums/",
        "/outcomes/forums/tcom/",
        "/outcomes/editions/igf2030/",
        "/outcomes/dashboard/",
    ],
    ids=["index", "document", "forums", "forum", "edition", "dashboard"],
)
def test_page_query_count_does_not_grow(client, scene, url):
    few = count_queries(client, url)

    _more_messages(scene, 6)
    for n in range(4):
        edition = ForumEditionPageFactory(slug=f"igf20{40 + n}", year=2040 + n)
        PolicyMessageFactory(document=OutcomeDocumentFactory(edition=edition))
    for _ in range(5):
        TransmissionFactory(forum=scene.cstd, messages=[scene.second, scene.first])
    many = count_queries(client, url)

    assert many == few


@pytest.mark.django_db
def test_message_trace_query_count_does_not_grow(client, scene):
    url = f"/outcomes/messages/{scene.first.guid}/"
    few = count_queries(client, url)

    _more_messages(scene, 6)
    for _ in range(3):
        MessageSourceFactory(message=scene.first, title="Another output")
    many = count_queries(client, url)

    assert many == few


@pytest.mark.django_db
def test_session_page_query_count_does_not_grow(client, scene):
    url = f"/outcomes/sessions/{scene.session.guid}/"
    few = count_queries(client, url)

    _more_messages(scene, 6)
    many = count_queries(client, url)

    assert many == few
