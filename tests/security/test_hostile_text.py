"""Hostile text in every user-writable field, read back in every format the site answers.

One scene (a released programme, its outcomes, an NRI, an intersessional body) has every
text field of ``HOSTILE_FIELDS`` set to ``HOSTILE``: markup and event handlers, CRLF and a
header, iCalendar and XML metacharacters, a spreadsheet formula, a right-to-left override,
an emoji; long text fields end with a 3,000-character word. Then each format is parsed
back as its readers do:

- HTML: no element or attribute the text could have injected; the text shows as text;
- iCalendar: two independent parsers agree, no injected property or event, text intact;
- frab XML: parses, is valid against the published schema, text intact;
- JSON (c3voc, outcomes, search, open data): valid, text intact;
- CSV: parses, every cell that would start a formula is defused;
- PDF: renders, and its text carries the words.

Link fields cannot hold a ``javascript:`` URL: every URL field of our models refuses it
(forms, importers and the API all validate through it), and were one stored anyway the
Content-Security-Policy (no 'unsafe-inline') stops a ``javascript:`` link from running.

``test_every_text_field_is_in_the_matrix`` fails when a model gains a text field that is
in neither table, so a new field is covered (or explicitly set aside, with why).
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from html.parser import HTMLParser
from io import StringIO
from pathlib import Path
from types import SimpleNamespace

import pytest
import xmlschema
from defusedxml.ElementTree import fromstring
from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import models, transaction
from django.test import Client
from wagtail.fields import RichTextField, StreamField

from igfplus.csv_safety import FORMULA_STARTS
from outcomes.models import MessageComment, MessageSource, UptakeEvent
from sessions.models import Room
from sessions.services.releases import release_schedule
from sessions.services.sessions import programme_page_for
from tests.factories import PersonFactory, UserFactory
from tests.factories.cms import (
    NriAnnualReportFactory,
    NriEventFactory,
    NriIndexPageFactory,
    NriPageFactory,
)
from tests.factories.intersessional import (
    IntersessionalBodyPageFactory,
    MeetingFactory,
    OutputFactory,
)
from tests.factories.programme import SessionParticipantFactory
from tests.feeds import parse as parse_feed
from tests.outcomes.test_selectors import build_scene
from tests.outcomes.views.test_pdf_reports import pdf_text

SCHEMAS = Path(__file__).parents[1] / "fixtures" / "schemas"

# Starts with a formula and with markup, so that even a field cut to 32 characters
# stays hostile; then every other metacharacter we know of.
HOSTILE = (
    '=1+<img src=x onerror=alert(1)>"><script>alert(1)</script>'
    "\r\nX-Injected: 1\r\nEND:VEVENT\n,;\\ ]]><!--&<>'\" "
    '=HYPERLINK("https://evil.example","x") \u202eevil\u202c 🔐 end'
)
LONG_WORD = "w" * 3000
JAVASCRIPT_URL = "javascript:alert(1)"
MARKER = "alert(1)"

# Model label → fields the scene fills with hostile text. Page titles are Wagtail's.
HOSTILE_FIELDS: dict[str, tuple[str, ...]] = {
    "cms.ForumEditionPage": ("title", "host_city", "venue", "overarching_theme"),
    "cms.EditionTheme": ("name", "description", "policy_questions"),
    "cms.NriPage": ("title", "acronym", "intro"),
    "cms.NriEvent": ("title", "city"),
    "cms.NriAnnualReport": ("text",),
    "forum_sessions.SessionPage": (
        "title",
        "description",
        "policy_questions",
        "online_participation",
        "sign_language",
    ),
    "forum_sessions.Person": ("name", "organisation"),
    "forum_sessions.Room": ("name",),
    "forum_sessions.SessionType": ("name",),
    "forum_sessions.Release": ("message",),
    "intersessional.IntersessionalBodyPage": ("title", "acronym"),
    "intersessional.Meeting": ("title", "location", "description"),
    "intersessional.Output": ("title", "summary"),
    "outcomes.OutcomeDocument": ("title", "summary"),
    "outcomes.DocumentVersion": ("changes",),
    "outcomes.PolicyMessage": ("title", "text"),
    "outcomes.MessageSource": ("title",),
    "outcomes.MessageComment": ("text", "resolution"),
    "outcomes.NormativeForum": ("name", "acronym", "organisation", "description"),
    "outcomes.SessionReport": ("summary",),
    "outcomes.Takeaway": ("text",),
    "outcomes.CallToAction": ("text",),
    "outcomes.Transmission": ("actor", "document_symbol", "note"),
    "outcomes.UptakeEvent": ("document_symbol", "quoted_passage"),
    "igfplus.User": ("name", "organisation"),
}
# Text fields left out of the scene, and why.
SET_ASIDE: dict[str, str] = {
    **{
        f"{label}.{name}": "secret, hash or machine key: never typed by a person"
        for label, names in {
            "igfplus.ApiToken": ("token_hash", "prefix"),
            "igfplus.CalendarFeedToken": ("token_hash",),
            "igfplus.StoredDocument": ("key", "scope"),
            "igfplus.User": ("password", "username", "first_name", "last_name"),
            "outcomes.WatchlistFeedToken": ("token_hash",),
            "forum_sessions.ProgrammeBooklet": ("filter_key", "query", "language"),
            "igfplus.ApiTokenUse": ("method", "path"),
        }.items()
        for name in names
    },
    "igfplus.ApiToken.name": "the owner's own label, shown only to them in the admin",
    "forum_sessions.ProgrammeBooklet.error": "written by the PDF task, admin only",
    "cms.ForumEditionPage.time_zone": "validated against the IANA zone list",
    "cms.NriEvent.time_zone": "validated against the IANA zone list",
    "intersessional.Meeting.time_zone": "validated against the IANA zone list",
    "forum_sessions.SessionType.prefix": "a short code, validated as letters",
    **{
        f"search.{name}": "a copy of the fields above, made by the indexer"
        for name in (
            "SearchEntry.kind",
            "SearchEntry.object_key",
            "SearchEntry.title",
            "SearchEntry.body",
            "SearchEntry.url",
            "SearchEntry.edition",
            "SearchEntry.language",
            "SearchFacet.name",
            "SearchFacet.value",
            "IndexOutbox.kind",
            "IndexOutbox.object_key",
            "IndexOutbox.last_error",
        )
    },
    # Rich text is HTML by design: Wagtail's editor keeps only its allowed elements.
    **{
        f"{label}.{name}": "rich text: HTML by design, cleaned by Wagtail's editor"
        for label, name in (
            ("cms.ForumEditionPage", "intro"),
            ("cms.ForumEditionPageTranslation", "intro"),
            ("forum_sessions.TrackProfile", "introduction"),
            ("intersessional.IntersessionalIndexPage", "intro"),
            ("intersessional.IntersessionalBodyPage", "mandate"),
            ("intersessional.IntersessionalBodyPageTranslation", "mandate"),
            ("outcomes.LeadershipPanelPage", "introduction"),
            ("cms.StandardPage", "body"),
        )
    },
    # Escaped by the same templates as the fields above, but not in this scene yet.
    "cms.NriIndexPage.intro": "page intro, same template filter as NriPage.intro",
    "cms.HomePage.intro": "page intro, editors only",
    "cms.StandardPage.intro": "page intro, editors only",
    "forum_sessions.ProgrammePage.intro": "page intro, editors only",
    "forum_sessions.TrackPartner.name": "not in this scene yet",
    "forum_sessions.TrackPartner.role": "not in this scene yet",
    "outcomes.PanelMember.name": "not in this scene yet",
    "outcomes.PanelMember.affiliation": "not in this scene yet",
    "outcomes.PanelMember.basis": "not in this scene yet",
    "intersessional.OutputComment.text": "not in this scene yet",
    # Private to the secretariat and the MAG: shown only in the admin (Wagtail escapes).
    "forum_sessions.Screening.reasons": "admin only",
    "forum_sessions.ConflictOfInterest.reason": "admin only",
    "forum_sessions.Rating.comment": "admin only; its CSV export defuses formulas",
    "forum_sessions.Decision.note": "admin only",
    "forum_sessions.Release.override_reason": "admin only",
    # Translations: rendered by the same templates as the original fields above.
    **{
        f"{label}.{name}": "a translation of a covered field, same templates"
        for label, names in {
            "cms.ForumEditionPageTranslation": ("title", "overarching_theme"),
            "cms.NriPageTranslation": ("title", "intro"),
            "cms.StandardPageTranslation": ("title", "intro"),
            "forum_sessions.SessionPageTranslation": (
                "title",
                "description",
                "policy_questions",
                "online_participation",
            ),
            "intersessional.IntersessionalBodyPageTranslation": ("title",),
            "outcomes.OutcomeDocumentTranslation": ("title", "summary"),
            "outcomes.PolicyMessageTranslation": ("title", "text"),
        }.items()
        for name in names
    },
}
OUR_APPS = {"igfplus", "cms", "forum_sessions", "intersessional", "outcomes", "search"}
NOT_FREE_TEXT = (models.SlugField, models.EmailField, models.URLField)


def free_text_fields(model) -> list[models.Field]:
    """The model's own text fields a person could type into (not choices, slugs...)."""
    found = []
    for field in model._meta.get_fields():
        if not getattr(field, "concrete", False) or field.choices:
            continue
        if not isinstance(
            field, models.CharField | models.TextField | RichTextField | StreamField
        ):
            continue
        if isinstance(field, NOT_FREE_TEXT):
            continue
        inherited_from_wagtail = field.model._meta.app_label == "wagtailcore"
        if inherited_from_wagtail and field.name != "title":
            continue
        if inherited_from_wagtail and model._meta.label not in HOSTILE_FIELDS:
            continue  # a page type's title is covered where the type is in the scene
        found.append(field)
    return found


def test_every_text_field_is_in_the_matrix():
    unlisted = [
        f"{model._meta.label}.{field.name}"
        for model in apps.get_models()
        if model._meta.app_label in OUR_APPS
        for field in free_text_fields(model)
        if field.name not in HOSTILE_FIELDS.get(model._meta.label, ())
        and f"{model._meta.label}.{field.name}" not in SET_ASIDE
    ]
    assert not unlisted, "text fields in neither HOSTILE_FIELDS nor SET_ASIDE:\n" + (
        "\n".join(unlisted)
    )


@pytest.mark.parametrize(
    "scheme_url",
    [JAVASCRIPT_URL, "JavaScript:alert(1)", "data:text/html,<script>alert(1)</script>"],
)
def test_every_link_field_refuses_script_urls(scheme_url):
    link_fields = [
        field
        for model in apps.get_models()
        if model._meta.app_label in OUR_APPS
        for field in model._meta.get_fields()
        if isinstance(field, models.URLField)
    ]
    assert len(link_fields) >= 9
    accepted = []
    for field in link_fields:
        try:
            field.clean(scheme_url, None)
        except ValidationError:
            continue
        accepted.append(f"{field.model._meta.label}.{field.name}")
    assert accepted == []


# --- the scene -----------------------------------------------------------------------


def hostile_value(model, name: str) -> str:
    field = model._meta.get_field(name)
    if field.max_length:
        return HOSTILE[: field.max_length]
    return f"{HOSTILE} {LONG_WORD}"


def make_hostile(instance) -> None:
    model = type(instance)
    label = model._meta.label
    values = {
        name: hostile_value(model, name) for name in HOSTILE_FIELDS.get(label, ())
    }
    if hasattr(instance, "draft_title") and "title" in values:
        values["draft_title"] = values["title"]
    model.objects.filter(pk=instance.pk).update(**values)


def build_hostile_world() -> SimpleNamespace:
    s = build_scene()
    person = PersonFactory()
    SessionParticipantFactory(session=s.session, person=person)
    nri = NriPageFactory(parent=NriIndexPageFactory())
    event = NriEventFactory(page=nri)
    annual_report = NriAnnualReportFactory(page=nri)
    body = IntersessionalBodyPageFactory()
    meeting = MeetingFactory(body=body)
    output = OutputFactory(body=body)
    reader = UserFactory()
    for instance in [
        s.edition,
        s.access,
        s.session,
        s.session.session_type,
        person,
        *Room.objects.filter(edition=s.edition),
        s.report,
        s.takeaway,
        s.call,
        s.document,
        *s.document.versions.all(),
        s.first,
        *MessageSource.objects.filter(message=s.first).exclude(title=""),
        *MessageComment.objects.filter(message=s.first),
        s.cstd,
        s.to_cstd,
        *UptakeEvent.objects.filter(transmission=s.to_cstd),
        nri,
        event,
        annual_report,
        body,
        meeting,
        output,
        reader,
    ]:
        make_hostile(instance)
    # The public programme is what was released: release the hostile text.
    release_schedule(edition=s.edition, by=None, message=hostile_value_for_release())
    call_command("search_reindex", stdout=StringIO())
    for instance in (s.edition, s.session, nri, body):
        instance.refresh_from_db()
    programme = programme_page_for(s.edition)
    return SimpleNamespace(
        scene=s,
        reader=reader,
        edition=s.edition.slug,
        programme_url=programme.url,
        session_url=f"{programme.url}{s.session.slug}/",
        nri_url=nri.url,
        body_url=body.url,
        output_id=output.pk,
    )


def hostile_value_for_release() -> str:
    return f"{HOSTILE} {LONG_WORD}"


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        yield build_hostile_world()
        transaction.set_rollback(True)


@pytest.fixture(scope="module")
def reader_client(world, django_db_blocker) -> Client:
    client = Client()
    with django_db_blocker.unblock():
        client.force_login(world.reader)
    return client


def fetch(client: Client, path: str) -> bytes:
    response = client.get(path)
    assert response.status_code == 200, f"{path}: {response.status_code}"
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return response.content


# --- HTML ----------------------------------------------------------------------------


class InjectionFinder(HTMLParser):
    """Elements and attributes our templates never write, and the text as a reader sees
    it (entities decoded)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.injected: list[str] = []
        self.text: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        # Form fields show text in attributes (value=, placeholder=).
        self.text += [value for name, value in attrs if name == "value" and value]
        for name, value in attrs:
            if name.startswith("on"):
                self.injected.append(f"<{tag} {name}=…>")
            if name in ("href", "src", "action", "formaction") and (value or "").strip(
                " \t\r\n"
            ).lower().startswith("javascript:"):
                self.injected.append(f"<{tag} {name}={value!r}>")
        if tag == "img" and ("src", "x") in attrs:
            self.injected.append("<img src=x>")
        if tag == "script":
            self._in_script = "src" not in dict(attrs)

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script and MARKER in data:
            self.injected.append("<script>alert(1)</script>")
        self.text.append(data)


HTML_PAGES = [
    "{programme_url}",
    "{session_url}",
    "{programme_url}changes/",
    "/{edition}/",
    "/outcomes/",
    "/outcomes/dashboard/",
    "/outcomes/forums/",
    "/outcomes/forums/tcom/",
    "/outcomes/documents/{edition}/messages/",
    "/outcomes/messages/{first_message}/",
    "/outcomes/sessions/{session_guid}/",
    "/outcomes/editions/{edition}/",
    "{nri_url}",
    "/nris/",
    "{body_url}",
    "{body_url}outputs/{output_id}/",
    "/events/",
    "/search/?q=alert",
    "/accounts/profile/",
    "/open-data/",
]


def values_of(world) -> dict[str, object]:
    return {
        **vars(world),
        "first_message": world.scene.first.guid,
        "session_guid": world.scene.session.guid,
    }


@pytest.mark.django_db
@pytest.mark.parametrize("template", HTML_PAGES)
def test_html_pages_show_hostile_text_as_text(world, reader_client, template):
    path = template.format(**values_of(world))
    finder = InjectionFinder()
    finder.feed(fetch(reader_client, path).decode())
    assert finder.injected == [], path
    shown = "".join(finder.text)
    assert "<script>alert(1)</script>" in shown or "onerror=alert(1)>" in shown, (
        f"{path} shows none of the hostile text: the test would prove nothing"
    )


# --- iCalendar -----------------------------------------------------------------------

FEEDS = [
    "{programme_url}schedule.ics",
    "{programme_url}sessions/{session_guid}.ics",
    "/nris/events.ics",
    "{nri_url}events.ics",
    "/intersessional/meetings.ics",
    "{body_url}meetings.ics",
    "/events.ics",
]
ICAL_HOSTILE = HOSTILE.replace("\r\n", "\n")


@pytest.mark.django_db
@pytest.mark.parametrize("template", FEEDS)
def test_calendar_feeds_carry_hostile_text_intact(world, template):
    path = template.format(**values_of(world))
    response = Client().get(path)
    library, strict = parse_feed(response)
    events = list(library.walk("VEVENT"))
    assert events, path
    raw_lines = response.content.decode().split("\r\n")
    assert raw_lines.count("END:VEVENT") == len(events) == len(strict.events)
    for component in library.walk():
        assert "X-INJECTED" not in component, path
    summaries = [str(event["SUMMARY"]) for event in events]
    assert any(ICAL_HOSTILE[:200] in summary for summary in summaries), summaries
    assert any(ICAL_HOSTILE[:200] in (event.summary or "") for event in strict.events)


# --- schedule exports (frab XML, c3voc JSON) ------------------------------------------


@pytest.mark.django_db
def test_frab_xml_is_valid_and_carries_hostile_text(world):
    raw = fetch(Client(), f"{world.programme_url}schedule.xml")
    schema = xmlschema.XMLSchema(SCHEMAS / "frab-schedule.xml.xsd")
    assert [str(error.reason) for error in schema.iter_errors(raw.decode())] == []
    root = fromstring(raw)
    titles = [event.findtext("title") for event in root.iter("event")]
    expected_title = HOSTILE[:255].replace("\r\n", "\n").replace("\r", "\n")
    assert expected_title in [title.replace("\r\n", "\n") for title in titles]
    rooms = [room.get("name") for room in root.iter("room")]
    assert any(MARKER in (name or "") for name in rooms)


@pytest.mark.django_db
def test_c3voc_json_is_valid_and_carries_hostile_text(world):
    data = json.loads(fetch(Client(), f"{world.programme_url}schedule.json"))
    events = [
        event
        for day in data["schedule"]["conference"]["days"]
        for room_events in day["rooms"].values()
        for event in room_events
    ]
    assert HOSTILE[:255] in [event["title"] for event in events]
    speakers = [p["name"] for e in events for p in e.get("persons", [])]
    assert any(MARKER in name for name in speakers), speakers


@pytest.mark.django_db
@pytest.mark.parametrize(
    "template",
    [
        "/outcomes/outcomes.json",
        "/outcomes/editions/{edition}/outcomes.json",
        "/search/?q=alert&format=json",
        "/open-data/{edition}/programme.json",
        "/open-data/{edition}/outcomes.json",
        "/open-data/nris.json",
    ],
)
def test_json_answers_are_valid_and_carry_hostile_text(world, template):
    raw = fetch(Client(), template.format(**values_of(world)))
    data = json.loads(raw)
    assert MARKER in json.dumps(data, ensure_ascii=False)


# --- CSV -----------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    "template",
    [
        "/open-data/{edition}/programme.csv",
        "/open-data/{edition}/outcomes.csv",
        "/open-data/{edition}/transmissions.csv",
        "/open-data/nris.csv",
    ],
)
def test_csv_files_defuse_formulas(world, template):
    raw = fetch(Client(), template.format(**values_of(world)))
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    cells = [cell for row in rows[1:] for cell in row]
    live_formulas = [cell for cell in cells if cell.startswith(FORMULA_STARTS)]
    assert live_formulas == []
    assert any(cell.startswith("'=1+<img") for cell in cells), "no hostile cell"


# --- PDF -----------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils missing")
@pytest.mark.parametrize(
    "template",
    [
        "{programme_url}programme.pdf",
        "/outcomes/editions/{edition}/messages.pdf",
        "/outcomes/forums/tcom/transmissions.pdf",
        "/outcomes/sessions/{session_guid}/report.pdf",
    ],
)
def test_pdfs_render_hostile_text_as_text(world, template):
    raw = fetch(Client(), template.format(**values_of(world)))
    assert raw.startswith(b"%PDF")
    text = pdf_text(raw)
    assert "<script>alert(1)</script>" in text or "onerror=alert(1)>" in text
