import datetime as dt
import io
import logging
import shutil
import subprocess

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from pypdf import PdfReader

import sessions.tasks
from sessions.enums import PersonRole, Presence, SessionStatus
from sessions.models import ProgrammeBooklet, SessionPage, Star
from sessions.models.booklets import BookletStatus
from sessions.services.releases import release_schedule
from sessions.services.sessions import (
    ParticipantSpec,
    programme_page_for,
    update_session_content,
)
from sessions.tasks import RETRY_AFTER, render_programme_booklet
from sessions.views.booklet import (
    FAILED,
    INVALID_DAY,
    INVALID_FILTERS,
    INVALID_MINE,
    NOT_RELEASED,
    PREPARING,
    PREPARING_HEADING,
)
from tests.factories import PersonFactory, RoomFactory, UserFactory
from tests.factories.cms import EditionThemeFactory
from tests.factories.programme import SessionPageFactory
from tests.igfplus.test_pdf import (
    counting_http_server,
    pdf_characters,
    pdf_font_families,
)
from tests.sessions.conftest import local, schedule

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
DUMMY = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


@pytest.fixture(autouse=True)
def _booklet_settings(settings, tmp_path):
    # Tasks run inline whatever TASKS_BACKEND says; booklets are written to a tmp folder.
    settings.TASKS = IMMEDIATE
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def rendered_html(monkeypatch):
    """The HTML of each booklet the task renders, its parts joined (the real renderer runs)."""
    booklets = []
    real = sessions.tasks.render_parts

    def spy(htmls, **kwargs):
        for html in htmls:
            if '<section class="cover">' in html:
                booklets.append(html)
            else:  # details laid out beside the first part, or the speaker index
                booklets[-1] += html
        return real(htmls, **kwargs)

    monkeypatch.setattr(sessions.tasks, "render_parts", spy)
    return booklets


def pdf_url(edition) -> str:
    return programme_page_for(edition).url + "programme.pdf"


@pytest.fixture
def released(programme_scene):
    s = programme_scene
    speaker = PersonFactory(name="Amara Mensah", organisation="ISOC Ghana")
    moderator = PersonFactory(name="Lena Berg", organisation="EBU")
    update_session_content(
        session=s["first"],
        participants=[
            ParticipantSpec(speaker, PersonRole.SPEAKER),
            ParticipantSpec(moderator, PersonRole.ONLINE_MODERATOR, Presence.ONLINE),
        ],
        description="Why data should flow.\n\nAnd how <b>not</b> to.",
        policy_questions="Who decides?\nWho is left out?",
        online_participation="Join on the IGF platform.",
    )
    schedule(s["first"], s["room_a"], local(s["edition"], 1, 10))
    schedule(s["second"], s["room_b"], local(s["edition"], 2, 14, 30))
    release_schedule(edition=s["edition"], by=None, message="")
    return s


# --- Serving ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_pdf_before_the_first_release_is_not_found(client, programme_scene):
    response = client.get(pdf_url(programme_scene["edition"]))

    assert response.status_code == 404
    assert str(NOT_RELEASED) in response.content.decode()
    assert not ProgrammeBooklet.objects.exists()


@pytest.mark.django_db
def test_whole_programme_is_rendered_and_served_inline(client, released, settings):
    response = client.get(pdf_url(released["edition"]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert (
        response["Content-Disposition"]
        == 'inline; filename="igf2030-programme-v1-en.pdf"'
    )
    assert response.content.startswith(b"%PDF-")
    assert response["ETag"]
    assert response["Last-Modified"]
    assert "public" in response["Cache-Control"]
    assert response["Vary"] == "Accept-Language, Cookie"
    booklet = ProgrammeBooklet.objects.get()
    assert booklet.status == BookletStatus.READY
    assert booklet.user is None
    assert booklet.query == ""
    assert booklet.language == "en"
    assert booklet.file.name.startswith("booklets/igf2030/v1/")
    assert booklet.file.name.endswith("-igf2030-programme-v1-en.pdf")
    assert (settings.MEDIA_ROOT / booklet.file.name).read_bytes() == response.content


@pytest.mark.django_db
def test_download_asks_for_an_attachment(client, released):
    response = client.get(pdf_url(released["edition"]), {"download": "1"})

    assert (
        response["Content-Disposition"]
        == 'attachment; filename="igf2030-programme-v1-en.pdf"'
    )


@pytest.mark.django_db
def test_pdf_is_rendered_once_per_release(client, released, rendered_html, settings):
    url = pdf_url(released["edition"])
    first = client.get(url)
    again = client.get(url)
    first_file = settings.MEDIA_ROOT / ProgrammeBooklet.objects.get().file.name

    assert again.content == first.content
    assert again["ETag"] == first["ETag"]
    assert len(rendered_html) == 1
    assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304

    schedule(released["second"], released["room_a"], local(released["edition"], 3, 9))
    release_schedule(edition=released["edition"], by=None, message="Moved")
    newer = client.get(url)

    assert newer["Content-Disposition"] == (
        'inline; filename="igf2030-programme-v2-en.pdf"'
    )
    assert newer["ETag"] != first["ETag"]
    assert len(rendered_html) == 2
    # The first release's booklet is gone with its file: nobody can ask for it again.
    booklet = ProgrammeBooklet.objects.get()
    assert booklet.release.number == 2
    assert not first_file.exists()


@pytest.mark.django_db
def test_booklet_contents(client, released, rendered_html):
    SessionPage.objects.filter(pk=released["second"].pk).update(
        status=SessionStatus.CANCELLED
    )
    release_schedule(edition=released["edition"], by=None, message="")

    client.get(pdf_url(released["edition"]))

    html = rendered_html[0]
    assert '<html lang="en" dir="ltr">' in html
    assert '<h1 class="cover__title">IGF 2030</h1>' in html
    assert "23 June 2030 – 27 June 2030" in html
    assert "Geneva, Switzerland · Palais des Nations" in html
    assert "Version 2, released" in html
    assert "Times are in the meeting's local time (Europe/Zurich)." in html
    assert "2 sessions · 1 cancelled" in html
    # Day tables in Zurich time, cancelled sessions marked.
    assert '<h2 class="day__title">Sunday 23 June 2030</h2>' in html
    assert '<td dir="ltr">10:00–11:00</td>' in html
    assert '<td dir="ltr">14:30–15:30</td>' in html
    assert (
        '<td><a href="#session-{}">WS #1</a></td>'.format(released["first"].pk) in html
    )
    assert '<b class="badge">Cancelled</b> <s>Meaningful access</s>' in html
    assert '<td dir="ltr">Amara Mensah</td>' in html
    # Details: text escaped, line breaks kept, people with role and organisation.
    first = released["first"].pk
    assert (
        f'<p class="session__meta" id="session-{first}">WS #1 · Workshop · '
        "&#x2066;Sun 23 Jun, 10:00–11:00&#x2069; · Room A</p>" in html
    )
    assert (
        '<p class="session__text" dir="ltr">Why data should flow.\n\n'
        "And how &lt;b&gt;not&lt;/b&gt; to.</p>" in html
    )
    assert (
        '<p class="session__text" dir="ltr">Policy questions:\n'
        "1. Who decides?\n2. Who is left out?</p>" in html
    )
    assert (
        '<p class="session__people">Speaker: Amara Mensah (ISOC Ghana) · '
        "Online moderator: Lena Berg (EBU) – online</p>" in html
    )
    assert (
        '<p class="session__text">How to take part online: '
        "Join on the IGF platform.</p>" in html
    )
    assert (
        '<h3 class="session__title" dir="ltr"><s>Meaningful access</s></h3>\n'
        '        <p class="session__cancelled">This session has been cancelled.</p>'
        in html
    )
    # The index names who takes the floor, with the page their session starts on:
    # 1 cover, 2-3 the two days' tables, 4 the first session.
    index = html[html.index('<section class="index">') :]
    assert index.index("Amara Mensah") < index.index("Lena Berg")
    assert '<p dir="ltr">Amara Mensah (ISOC Ghana) · WS #1 (4)</p>' in index
    assert '<p dir="ltr">Lena Berg (EBU) · WS #1 (4)</p>' in index


def links_to_pages(pdf: PdfReader, *, page: int) -> list[int]:
    """The numbers of the pages that the links on ``page`` lead to."""
    targets = []
    for annotation in pdf.pages[page - 1].get("/Annots", []):
        destination = annotation.get_object()["/Dest"]
        if isinstance(destination, str):  # a named destination, as WeasyPrint writes
            reference = pdf.named_destinations[destination].page
        else:
            reference = destination[0]
        targets.append(pdf.get_page_number(reference.get_object()) + 1)
    return targets


@pytest.mark.django_db
def test_a_booklet_laid_out_in_two_processes_reads_as_one(
    client, released, monkeypatch
):
    monkeypatch.setattr(sessions.tasks, "PARALLEL_FROM_SESSIONS", 2)
    rendered_together = []
    real = sessions.tasks.render_parts

    def counting(htmls, **kwargs):
        rendered_together.append(len(htmls))
        return real(htmls, **kwargs)

    monkeypatch.setattr(sessions.tasks, "render_parts", counting)

    pdf = PdfReader(io.BytesIO(client.get(pdf_url(released["edition"])).content))

    # The cover, tables and first day's session, beside the second day's; then the index.
    assert rendered_together == [2, 1]
    texts = [" ".join(page.extract_text().split()) for page in pdf.pages]
    # 1 cover, 2-3 the days' tables, 4 and 5 the sessions (one part each), 6 the index.
    assert len(texts) == 6
    assert [text.split()[-1] for text in texts[1:]] == ["2", "3", "4", "5", "6"]
    assert "Data flows" in texts[3]
    assert "Meaningful access" in texts[4]
    assert "IGF 2030 Sessions 5" in texts[4]  # the running header goes on
    # A table row is a link to the page with its session's details, across parts too.
    assert links_to_pages(pdf, page=2) == [4]
    assert links_to_pages(pdf, page=3) == [5]
    assert "Amara Mensah (ISOC Ghana) · WS #1 (4)" in texts[5]


@pytest.mark.django_db
def test_urls_in_session_text_are_never_fetched(client, released, rendered_html):
    with counting_http_server() as (origin, requests):
        SessionPage.objects.filter(pk=released["first"].pk).update(
            description=f'<img src="{origin}/x"> <link rel="stylesheet" href="{origin}/s.css">',
            online_participation=f"{origin}/join",
            title=f'<img src="{origin}/title.png">',
        )
        release_schedule(edition=released["edition"], by=None, message="")

        response = client.get(pdf_url(released["edition"]))

    assert response.status_code == 200
    assert requests == []
    assert f"&lt;img src=&quot;{origin}/x&quot;&gt;" in rendered_html[0]


@pytest.mark.django_db
def test_day_and_filters_select_sessions(client, released, rendered_html):
    response = client.get(
        pdf_url(released["edition"]),
        {"day": "2030-06-24", "room": released["room_b"].pk, "q": "  access "},
    )

    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        'inline; filename="igf2030-programme-v1-2030-06-24-selection-en.pdf"'
    )
    booklet = ProgrammeBooklet.objects.get()
    assert booklet.query == f"day=2030-06-24&q=access&room={released['room_b'].pk}"
    html = rendered_html[0]
    assert "Meaningful access" in html
    assert "Data flows" not in html
    assert "<dt>Day</dt><dd>Monday 24 June 2030</dd>" in html
    assert "<dt>Room</dt><dd>Room B</dd>" in html
    assert "<dt>Search</dt><dd>access</dd>" in html


@pytest.mark.django_db
def test_equal_selections_share_one_booklet(client, released, rendered_html):
    url = pdf_url(released["edition"])
    client.get(url, {"track": "", "q": "data  flows", "day": "all"})
    client.get(url, {"q": "data flows"})

    assert ProgrammeBooklet.objects.count() == 1
    assert len(rendered_html) == 1


@pytest.mark.django_db
def test_filters_matching_nothing_give_a_booklet_saying_so(
    client, released, rendered_html
):
    response = client.get(pdf_url(released["edition"]), {"language": "fr"})

    assert response.status_code == 200
    assert "No session matches these filters" in rendered_html[0]
    assert "0 sessions" in rendered_html[0]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "message"),
    [
        pytest.param(
            {"theme": "999999"},
            INVALID_FILTERS
            % {
                "errors": "theme: Select a valid choice. That choice is not one of "
                "the available choices."
            },
            id="unknown_theme",
        ),
        pytest.param(
            {"track": "circus"},
            INVALID_FILTERS
            % {
                "errors": "track: Select a valid choice. circus is not one of the "
                "available choices."
            },
            id="unknown_track",
        ),
        pytest.param(
            {"day": "2030-13-01"}, INVALID_DAY % {"day": "2030-13-01"}, id="not_a_date"
        ),
        pytest.param(
            {"day": "2030-06-26"},
            INVALID_DAY % {"day": "2030-06-26"},
            id="day_without_sessions",
        ),
        pytest.param({"mine": "yes"}, INVALID_MINE, id="mine_not_1"),
    ],
)
def test_invalid_filters_are_not_found_with_a_reason(client, released, query, message):
    response = client.get(pdf_url(released["edition"]), query)

    assert response.status_code == 404
    assert response["Content-Type"] == "text/html; charset=utf-8"
    html = response.content.decode()
    assert escape(str(message)) in html
    assert not ProgrammeBooklet.objects.exists()


# --- Personal booklets -----------------------------------------------------------------


@pytest.mark.django_db
def test_my_agenda_needs_signing_in(client, released):
    url = pdf_url(released["edition"])

    response = client.get(url, {"mine": "1"})

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('account_login')}?next={url}%3Fmine%3D1"


@pytest.mark.django_db
def test_my_agenda_has_only_my_released_stars_and_is_mine_alone(
    client, released, rendered_html
):
    unreleased = SessionPageFactory(
        session_type=released["workshop"], title="Not yet public"
    )
    owner, other, twin = UserFactory(), UserFactory(), UserFactory()
    Star.objects.create(user=owner, session=released["second"])
    Star.objects.create(user=owner, session=unreleased)
    Star.objects.create(user=other, session=released["first"])
    Star.objects.create(user=twin, session=released["second"])
    Star.objects.create(user=twin, session=unreleased)
    url = pdf_url(released["edition"])

    client.force_login(owner)
    mine = client.get(url, {"mine": "1"})
    client.force_login(other)
    theirs = client.get(url, {"mine": "1"})
    client.force_login(twin)
    twins = client.get(url, {"mine": "1"})
    client.logout()
    public = client.get(url)

    assert {r.status_code for r in (mine, theirs, twins, public)} == {200}
    assert mine["Content-Disposition"] == (
        'inline; filename="igf2030-programme-v1-my-agenda-en.pdf"'
    )
    assert "private" in mine["Cache-Control"]
    assert len({mine.content, theirs.content, public.content}) == 3
    # Same stars, same key: still a booklet of one's own, rendered for oneself.
    booklets = ProgrammeBooklet.objects.order_by("pk")
    assert [b.user_id for b in booklets] == [owner.pk, other.pk, twin.pk, None]
    assert booklets[0].filter_key == booklets[2].filter_key
    assert len(rendered_html) == 4
    owner_html, other_html, _twin_html, _public_html = rendered_html
    assert "Meaningful access" in owner_html
    assert "Data flows" not in owner_html
    assert "Not yet public" not in owner_html
    assert "Data flows" in other_html
    assert "Meaningful access" not in other_html
    assert '<p class="cover__kind">My agenda</p>' in owner_html


@pytest.mark.django_db
def test_my_agenda_follows_my_stars(client, released, rendered_html):
    user = UserFactory()
    client.force_login(user)
    url = pdf_url(released["edition"])
    Star.objects.create(user=user, session=released["first"])
    client.get(url, {"mine": "1"})

    Star.objects.create(user=user, session=released["second"])
    client.get(url, {"mine": "1"})

    assert len(rendered_html) == 2
    assert "Meaningful access" in rendered_html[1]
    # The booklet of the old stars is removed.
    assert ProgrammeBooklet.objects.filter(user=user).count() == 1


@pytest.mark.django_db
def test_empty_agenda_says_so(client, released, rendered_html):
    client.force_login(UserFactory())

    response = client.get(pdf_url(released["edition"]), {"mine": "1"})

    assert response.status_code == 200
    assert (
        "Your agenda has no session in this version of the programme."
        in rendered_html[0]
    )


# --- Background rendering --------------------------------------------------------------


@pytest.mark.django_db
def test_pending_booklet_shows_a_page_that_refreshes(client, released, settings):
    settings.TASKS = DUMMY
    url = pdf_url(released["edition"])

    response = client.get(url)

    assert response.status_code == 202
    html = response.content.decode()
    assert '<meta http-equiv="refresh" content="5">' in html
    assert f"<h1>{PREPARING_HEADING}</h1>" in html
    assert escape(str(PREPARING)) in html
    assert '<a href="/igf2030/programme/">Back to the programme</a>' in html
    booklet = ProgrammeBooklet.objects.get()
    assert booklet.status == BookletStatus.PENDING

    # A worker picks the task up; the next refresh gets the PDF.
    assert render_programme_booklet.call(booklet.pk) == BookletStatus.READY
    ready = client.get(url)
    assert ready.status_code == 200
    assert ready.content.startswith(b"%PDF-")


@pytest.mark.django_db
def test_booklet_whose_filter_vanished_fails_with_the_reason(
    client, released, settings
):
    settings.TASKS = DUMMY
    theme = EditionThemeFactory(page=released["edition"], name="Short-lived")
    theme_id = theme.pk
    url = pdf_url(released["edition"])
    client.get(url, {"theme": theme_id})
    booklet = ProgrammeBooklet.objects.get()
    theme.delete()  # before a worker got to the booklet

    assert render_programme_booklet.call(booklet.pk) == BookletStatus.FAILED
    booklet.refresh_from_db()
    assert booklet.error == (
        "ValueError: The booklet's filters no longer match the programme: "
        "* theme\n  * Select a valid choice. That choice is not one of the "
        "available choices."
    )
    # The view refuses the filter itself from now on.
    assert client.get(url, {"theme": theme_id}).status_code == 404


@pytest.mark.django_db
def test_failed_booklet_page_then_retry(client, released, settings, monkeypatch):
    url = pdf_url(released["edition"])

    def broken(htmls, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(sessions.tasks, "render_parts", broken)
    failed = client.get(url)

    assert failed.status_code == 503
    assert failed["Retry-After"] == "600"
    assert escape(str(FAILED)) in failed.content.decode()
    booklet = ProgrammeBooklet.objects.get()
    assert booklet.error == "OSError: disk full"

    monkeypatch.undo()
    assert client.get(url).status_code == 503  # not retried at once
    ProgrammeBooklet.objects.filter(pk=booklet.pk).update(
        updated_at=timezone.now() - RETRY_AFTER - dt.timedelta(seconds=1)
    )
    retried = client.get(url)

    assert retried.status_code == 200
    assert retried.content.startswith(b"%PDF-")


@pytest.mark.django_db
def test_task_for_a_removed_booklet_does_nothing(released):
    assert render_programme_booklet.call(123456) == "gone"


# --- Languages and fonts ---------------------------------------------------------------


@pytest.mark.django_db
def test_booklet_follows_the_active_language(client, released, rendered_html):
    url = pdf_url(released["edition"])

    english = client.get(url)
    arabic = client.get(url, HTTP_ACCEPT_LANGUAGE="ar")

    assert english.content != arabic.content
    assert arabic["Content-Disposition"] == (
        'inline; filename="igf2030-programme-v1-ar.pdf"'
    )
    assert '<html lang="ar" dir="rtl">' in rendered_html[1]
    assert sorted(ProgrammeBooklet.objects.values_list("language", flat=True)) == [
        "ar",
        "en",
    ]


def _installed_fonts() -> str:
    if not shutil.which("fc-list"):
        return ""
    return subprocess.run(
        ["fc-list", ":", "family"],  # noqa: S607
        capture_output=True,
        text=True,
        check=False,
    ).stdout


UN_SCRIPT_FONTS = ("Noto Sans", "Noto Sans Arabic", "Noto Sans CJK SC")
TITLES = {
    "arabic": "حوكمة الإنترنت",
    "chinese": "数字合作与互联网治理",
    "russian": "Управление интернетом",
}


@pytest.mark.django_db
@pytest.mark.skipif(
    not all(font in _installed_fonts() for font in UN_SCRIPT_FONTS),
    reason="Needs the Noto fonts (Debian: fonts-noto-core fonts-noto-cjk); "
    "fc-list does not list Noto Sans, Noto Sans Arabic and Noto Sans CJK SC",
)
def test_arabic_chinese_and_russian_titles_render_with_real_glyphs(
    client, programme_scene, caplog
):
    s = programme_scene
    for hour, title in zip((9, 11, 13), TITLES.values(), strict=True):
        session = SessionPageFactory(session_type=s["workshop"], title=title)
        schedule(session, s["room_a"], local(s["edition"], 1, hour))
    release_schedule(edition=s["edition"], by=None, message="")

    with caplog.at_level(logging.WARNING, logger="weasyprint"):
        response = client.get(pdf_url(s["edition"]))

    assert response.status_code == 200
    families = pdf_font_families(response.content)
    assert {"Noto Sans", "Noto Sans Arabic", "Noto Sans CJK SC"} <= families
    characters = pdf_characters(response.content)
    for title in TITLES.values():
        assert set(title.replace(" ", "")) <= characters, title
    assert not [r for r in caplog.records if ".notdef" in r.getMessage()]


# --- Cost ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_query_count_does_not_grow_with_sessions(client, released):
    url = pdf_url(released["edition"])

    def count(query):
        ProgrammeBooklet.objects.all().delete()
        with CaptureQueriesContext(connection) as cold:
            assert client.get(url, query).status_code == 200
        with CaptureQueriesContext(connection) as warm:
            assert client.get(url, query).status_code == 200
        return len(cold), len(warm)

    few = count({"day": "2030-06-23"})
    for hour in range(9, 17):
        room = RoomFactory(edition=released["edition"])
        for _ in range(3):
            session = SessionPageFactory(
                session_type=released["workshop"],
                participants=[
                    ParticipantSpec(PersonFactory()),
                    ParticipantSpec(PersonFactory(), PersonRole.ONSITE_MODERATOR),
                ],
            )
            schedule(session, room, local(released["edition"], 1, hour))
            room = RoomFactory(edition=released["edition"])
    release_schedule(
        edition=released["edition"], by=None, message="", override_reason="test"
    )
    many = count({"day": "2030-06-23"})

    assert many == few
