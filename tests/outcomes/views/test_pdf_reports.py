"""The outcome PDFs: what they say, what they leave out, what they refuse to fetch."""

import re
import shutil
import socket
import subprocess
import uuid

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from outcomes.enums import DocumentKind, SourceKind
from outcomes.services import pdf_reports
from outcomes.views.pdf import NO_MESSAGES, NO_REPORT, NO_TRANSMISSIONS
from tests.factories import ForumEditionPageFactory
from tests.factories.outcomes import (
    ForumFactory,
    MessageSourceFactory,
    PolicyMessageFactory,
    TakeawayFactory,
    TransmissionFactory,
    UptakeEventFactory,
)
from tests.outcomes.test_selectors import build_scene

needs_poppler = pytest.mark.skipif(
    shutil.which("pdftotext") is None or shutil.which("pdffonts") is None,
    reason="poppler-utils (pdftotext, pdffonts) is not installed",
)


@pytest.fixture
def scene(home_page):
    cache.clear()
    return build_scene()


def pdf_text(content: bytes) -> str:
    """The PDF's text as poppler reads it, whitespace collapsed."""
    text = subprocess.run(
        ["pdftotext", "-", "-"],  # noqa: S607
        input=content,
        capture_output=True,
        check=True,
    ).stdout.decode()
    return re.sub(r"\s+", " ", text)


def pdf_fonts(content: bytes, tmp_path) -> str:
    path = tmp_path / "report.pdf"
    path.write_bytes(content)
    return subprocess.run(  # noqa: S603 (fixed arguments, our own file)
        ["pdffonts", str(path)],  # noqa: S607
        capture_output=True,
        check=True,
        text=True,
    ).stdout


def get_pdf(client, url, **headers):
    response = client.get(url, **headers)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    return response


def flat(html: str) -> str:
    return re.sub(r"\s+", " ", html)


def messages_html(acronym="igf2030") -> str:
    booklet = pdf_reports.messages_booklet(acronym)
    return flat(
        pdf_reports.report_html(
            pdf_reports.MESSAGES_TEMPLATE,
            {"booklet": booklet, "edition": booklet.edition},
        )
    )


def forum_html(slug) -> str:
    report = pdf_reports.forum_report(slug)
    return flat(
        pdf_reports.report_html(
            pdf_reports.FORUM_TEMPLATE, {"report": report, "forum": report.forum}
        )
    )


def session_html(guid) -> str:
    report = pdf_reports.session_report(guid)
    return flat(
        pdf_reports.report_html(
            pdf_reports.SESSION_TEMPLATE,
            {"report_pdf": report, "report": report.report, "session": report.session},
        )
    )


# --- the IGF Messages booklet -------------------------------------------------------------


@needs_poppler
@pytest.mark.django_db
def test_messages_pdf_lists_messages_sources_and_statuses(client, scene):
    response = get_pdf(client, "/outcomes/editions/igf2030/messages.pdf")
    text = pdf_text(response.content)

    assert response["Content-Disposition"] == (
        'attachment; filename="igf2030-messages-en.pdf"'
    )
    assert "IGF 2030 Messages" in text
    assert text.index("Access") < text.index("Affordable access")
    assert text.index("Affordable access") < text.index("Trust online")
    assert f"{scene.session.code} Community networks" in text
    assert "takeaway: “Local content drives demand.”" in text
    assert "Intersessional output: PN on Meaningful Access output" in text
    assert "Test Commission (TCOM) — Referenced in a document" in text
    # The whole document went to the council: each of its messages counts as sent.
    assert "Test Council (TCOU) — Sent, awaiting follow-up" in text
    assert "2 messages" in text


@pytest.mark.django_db
def test_messages_html_leaves_out_private_items(scene):
    html = messages_html()

    assert "Affordable access" in html
    assert "Withdrawn text" not in html
    assert "Youth draft" not in html
    assert "Draft message" not in html
    assert "Not released" not in html
    assert "Spectrum matters." not in html  # a takeaway no message cites


@pytest.mark.django_db
def test_messages_html_leaves_out_other_kinds_of_document(scene):
    from tests.factories.outcomes import OutcomeDocumentFactory

    summary = OutcomeDocumentFactory(
        edition=scene.edition, kind=DocumentKind.SUMMARY, slug="summary"
    )
    PolicyMessageFactory(document=summary, title="A summary paragraph")

    assert "A summary paragraph" not in messages_html()


@pytest.mark.django_db
def test_messages_pdf_of_unknown_or_unpublished_edition_is_not_found(client, scene):
    ForumEditionPageFactory(slug="igf2031", year=2031)

    for url in (
        "/outcomes/editions/igf2099/messages.pdf",
        "/outcomes/editions/igf2031/messages.pdf",
    ):
        response = client.get(url)
        assert response.status_code == 404
        assert str(NO_MESSAGES) in response.content.decode()


@pytest.mark.django_db
def test_messages_pdf_is_cached_and_revalidated(client, scene):
    url = "/outcomes/editions/igf2030/messages.pdf"
    first = get_pdf(client, url)

    again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    PolicyMessageFactory(document=scene.document, title="A newer message")
    changed = get_pdf(client, url)

    assert again.status_code == 304
    assert changed["ETag"] != first["ETag"]
    assert "Accept-Language" in first["Vary"]


# --- transmissions to a forum -------------------------------------------------------------


@needs_poppler
@pytest.mark.django_db
def test_forum_pdf_shows_sendings_by_year_and_evidence_honestly(client, scene):
    response = get_pdf(client, "/outcomes/forums/tcom/transmissions.pdf")
    text = pdf_text(response.content)

    assert "Transmissions to Test Commission" in text
    assert "1 transmission" in text
    assert "2031" in text
    assert "14 April 2031 — Formal report · IGF Secretariat" in text
    assert "Current status: Referenced in a document" in text
    assert "Affordable access (IGF 2030)" in text
    assert "1 May 2031 Acknowledged" in text
    assert "Direct evidence: the forum's record names the IGF input" in text
    assert "Indirect evidence: the topic appears, the IGF is not named" in text
    assert "“Affordable access remains a priority.”" in text
    assert "E/CN.16/2031/2" in text


@pytest.mark.django_db
def test_forum_html_leaves_out_deleted_and_draft_sendings(scene):
    html = forum_html("tcom")

    assert "Affordable access" in html
    assert "Trust online" not in html  # only in a deleted sending
    assert "Draft message" not in html
    assert "1 Jul 2031" not in html  # the deleted "reflected" event
    assert "Reflected in a decision" not in html


@pytest.mark.django_db
def test_forum_html_lists_years_oldest_first(scene):
    TransmissionFactory(
        forum=scene.cstd,
        messages=[scene.second],
        sent_on=scene.to_cstd.sent_on.replace(year=2033),
    )

    html = forum_html("tcom")

    assert html.index('<h2 class="year__title">2031</h2>') < html.index(
        '<h2 class="year__title">2033</h2>'
    )


@pytest.mark.django_db
def test_forum_pdf_of_unknown_or_empty_forum_is_not_found(client, scene):
    ForumFactory(slug="quiet")

    for url in (
        "/outcomes/forums/nothing/transmissions.pdf",
        "/outcomes/forums/quiet/transmissions.pdf",
    ):
        response = client.get(url)
        assert response.status_code == 404
        assert str(NO_TRANSMISSIONS) in response.content.decode()


# --- a session's report -------------------------------------------------------------------


@needs_poppler
@pytest.mark.django_db
def test_session_pdf_shows_the_report_and_where_it_went(client, scene):
    response = get_pdf(client, f"/outcomes/sessions/{scene.session.guid}/report.pdf")
    text = pdf_text(response.content)

    assert "Community networks" in text
    assert scene.session.code in text
    assert "The session discussed affordable access and local content." in text
    assert "Onsite 80 Online 40 Total 120" in text
    assert "Local content drives demand. Taken up in Affordable access" in text
    assert "Spectrum matters." in text
    assert "Fund community networks. Addressed to: Government, Private Sector" in text
    assert "Test Commission (TCOM) — Referenced in a document" in text


@pytest.mark.django_db
def test_session_pdf_of_unreleased_unsubmitted_or_unknown_is_not_found(client, scene):
    scene.report.is_submitted = False
    scene.report.save()

    for guid in (scene.hidden_session.guid, scene.session.guid, uuid.uuid4()):
        response = client.get(f"/outcomes/sessions/{guid}/report.pdf")
        assert response.status_code == 404
        assert str(NO_REPORT) in response.content.decode()


# --- hostile text, languages --------------------------------------------------------------


@pytest.fixture
def listener():
    """A local TCP port that records whether anything connected to it."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    server.setblocking(False)
    yield server
    server.close()


def connected(server) -> bool:
    try:
        server.accept()[0].close()
    except BlockingIOError:
        return False
    return True


@needs_poppler
@pytest.mark.django_db
def test_hostile_text_is_printed_as_text_and_fetches_nothing(client, scene, listener):
    port = listener.getsockname()[1]
    hostile = (
        f'<img src="http://127.0.0.1:{port}/x"><script>alert(1)</script>'
        f"<link rel=stylesheet href=http://127.0.0.1:{port}/s.css>"
    )
    message = PolicyMessageFactory(
        document=scene.document, theme=scene.access, title=hostile, text=hostile
    )
    MessageSourceFactory(message=message, title=hostile, kind=SourceKind.NRI_REPORT)
    sending = TransmissionFactory(
        forum=scene.cstd, messages=[message], actor=hostile, note=hostile
    )
    UptakeEventFactory(transmission=sending, quoted_passage=hostile)
    scene.report.summary = hostile
    scene.report.save()
    TakeawayFactory(report=scene.report, text=hostile)

    for html in (
        messages_html(),
        forum_html("tcom"),
        session_html(scene.session.guid),
    ):
        assert "&lt;img src=" in html
        assert "<img" not in html
        assert "<script" not in html
        assert f"127.0.0.1:{port}/s.css>" not in html
    texts = [
        pdf_text(get_pdf(client, url).content)
        for url in (
            "/outcomes/editions/igf2030/messages.pdf",
            "/outcomes/forums/tcom/transmissions.pdf",
            f"/outcomes/sessions/{scene.session.guid}/report.pdf",
        )
    ]

    assert not connected(listener)
    for text in texts:
        assert f'<img src="http://127.0.0.1:{port}/x">' in text


@needs_poppler
@pytest.mark.django_db
def test_arabic_chinese_and_cyrillic_render_in_noto(client, scene, tmp_path):
    PolicyMessageFactory(
        document=scene.document,
        theme=scene.access,
        title="الوصول الميسور",
        text="يجب سد الفجوة الرقمية. 弥合数字鸿沟。 Преодолеть цифровой разрыв.",
    )

    response = get_pdf(
        client, "/outcomes/editions/igf2030/messages.pdf", HTTP_ACCEPT_LANGUAGE="ar"
    )
    text = pdf_text(response.content)
    fonts = pdf_fonts(response.content, tmp_path)

    assert "弥合数字鸿沟" in text
    # Words, not the sentence: poppler reorders the words of a right-to-left paragraph.
    assert "Преодолеть" in text
    assert "цифровой" in text
    assert "Noto-Sans-Arabic" in fonts
    assert "Noto-Sans-CJK-SC" in fonts
    assert response["Content-Disposition"] == (
        'attachment; filename="igf2030-messages-ar.pdf"'
    )


@pytest.mark.django_db
def test_html_is_right_to_left_in_arabic_with_each_text_in_its_direction(scene):
    PolicyMessageFactory(
        document=scene.document, theme=scene.access, title="الوصول الميسور"
    )

    with translation.override("ar"):
        html = messages_html()

    assert '<html lang="ar" dir="rtl">' in html
    assert '<h3 class="message__title" dir="rtl">الوصول الميسور</h3>' in html
    assert '<h3 class="message__title" dir="ltr">Affordable access</h3>' in html


# --- cost ---------------------------------------------------------------------------------


def count_queries(client, url) -> int:
    """Queries of one warm request (Wagtail's site lookups are cached by the first)."""
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def add_messages(scene, count: int) -> None:
    for _ in range(count):
        message = PolicyMessageFactory(document=scene.document, theme=scene.trust)
        MessageSourceFactory(
            message=message, kind=SourceKind.TAKEAWAY, takeaway=scene.other_takeaway
        )
        MessageSourceFactory(message=message)
        sending = TransmissionFactory(forum=scene.cstd, messages=[message])
        UptakeEventFactory(transmission=sending)


@pytest.mark.django_db
def test_query_count_does_not_grow_with_the_data(client, scene):
    urls = (
        "/outcomes/editions/igf2030/messages.pdf",
        "/outcomes/forums/tcom/transmissions.pdf",
        f"/outcomes/sessions/{scene.session.guid}/report.pdf",
    )
    few = [count_queries(client, url) for url in urls]

    add_messages(scene, 6)
    many = [count_queries(client, url) for url in urls]

    assert many == few
