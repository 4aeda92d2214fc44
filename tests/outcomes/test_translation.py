"""Outcome documents and policy messages in other languages: text beside the original.

The original stays canonical (status, dates, sources, transmissions); a translation only
gives its title and text, on the public pages and in the PDF in that language.
"""

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from igfplus import roles
from outcomes.models import (
    OutcomeDocument,
    OutcomeDocumentTranslation,
    PolicyMessage,
    PolicyMessageTranslation,
)
from outcomes.selectors import public_messages
from tests.factories import UserFactory
from tests.outcomes.test_selectors import build_scene
from tests.outcomes.views.test_pdf_reports import get_pdf, needs_poppler, pdf_text

pytestmark = pytest.mark.django_db

NOTICE = (
    "This page is not available in %(requested)s yet; you are reading the original in "
    "%(original)s."
)
FRENCH_TITLE = "Messages du FGI 2030"
FRENCH_MESSAGE = "Un accès abordable pour tous."


@pytest.fixture
def scene(home_page):
    s = build_scene()
    OutcomeDocumentTranslation.objects.create(
        document=s.document,
        language="fr",
        title=FRENCH_TITLE,
        summary="Les messages de l'édition.",
    )
    PolicyMessageTranslation.objects.create(
        message=s.first, language="fr", title="Accès abordable", text=FRENCH_MESSAGE
    )
    return s


def document_url(s) -> str:
    return reverse("outcomes:document", args=[s.edition.slug, s.document.slug])


def test_document_page_in_french_with_translated_messages(client, scene):
    html = client.get(document_url(scene), HTTP_ACCEPT_LANGUAGE="fr").content.decode()

    assert f'<h1 dir="auto">{FRENCH_TITLE}</h1>' in html
    assert "Les messages de l&#x27;édition." in html
    assert f'<div dir="auto"><p>{FRENCH_MESSAGE}</p></div>' in html
    # The untranslated message shows its original, marked as English.
    assert 'lang="en">Trust online</h3>' in html
    assert "Withdrawn text" not in html
    assert html.count('class="policy-message"') == 2


def test_document_without_the_language_shows_the_original_with_a_notice(client, scene):
    html = client.get(document_url(scene), HTTP_ACCEPT_LANGUAGE="ru").content.decode()

    with translation.override("ru"):
        notice = gettext(NOTICE) % {"requested": "Русский", "original": "English"}
    assert notice in html
    assert '<h1 dir="auto" lang="en">IGF 2030 Messages</h1>' in html


def test_message_trace_in_french(client, scene):
    url = reverse("outcomes:message", args=[scene.first.guid])

    french = client.get(url, HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    spanish = client.get(url, HTTP_ACCEPT_LANGUAGE="es").content.decode()

    assert "<span>Accès abordable</span>" in french
    assert f'dir="auto"><p>{FRENCH_MESSAGE}</p></blockquote>' in french
    assert '<span lang="en">Affordable access</span>' in spanish
    assert "content-fallback" in spanish
    # Sources and forums are the original's whatever the language.
    assert "Community networks" in french
    assert "Test Commission" in french


def test_translations_are_never_extra_documents_or_messages(client, scene):
    assert OutcomeDocument.objects.filter(edition=scene.edition).count() == 2
    assert public_messages().filter(document=scene.document).count() == 2


def test_document_page_query_budget(client, scene, django_assert_max_num_queries):
    client.get(document_url(scene), HTTP_ACCEPT_LANGUAGE="fr")
    with django_assert_max_num_queries(20):
        response = client.get(document_url(scene), HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 200


@needs_poppler
def test_messages_pdf_in_french_and_english(client, scene):
    url = "/outcomes/editions/igf2030/messages.pdf"

    french = get_pdf(client, url + "?lang=fr")
    english = get_pdf(client, url + "?lang=en")
    unknown = get_pdf(client, url + "?lang=tlh")

    assert FRENCH_TITLE in pdf_text(french.content)
    assert FRENCH_MESSAGE in pdf_text(french.content)
    assert "Trust online" in pdf_text(french.content)  # untranslated: the original
    assert "IGF 2030 Messages" in pdf_text(english.content)
    assert FRENCH_TITLE not in pdf_text(english.content)
    assert french["ETag"] != english["ETag"]
    assert unknown["ETag"] == english["ETag"]


# --- Who may translate ------------------------------------------------------------------


def document_form(document, translations) -> dict:
    return nested_form_data(
        {
            "edition": document.edition_id,
            "kind": document.kind,
            "title": document.title,
            "slug": document.slug,
            "summary": document.summary,
            "translations": inline_formset(translations),
        }
    )


@pytest.fixture
def login(client, give_totp):
    def as_role(role):
        user = give_totp(UserFactory(roles=[role]))
        client.force_login(user)
        return user

    return as_role


def edit_url(document) -> str:
    return reverse("wagtailsnippets_outcomes_outcomedocument:edit", args=[document.pk])


def test_secretariat_translates_an_outcome_document(client, home_page, login):
    s = build_scene()
    login(roles.SECRETARIAT)

    response = client.post(
        edit_url(s.document),
        document_form(
            s.document,
            [{"language": "ar", "title": "رسائل المنتدى", "summary": "ملخص"}],
        ),
    )

    assert response.status_code == 302
    assert list(
        OutcomeDocumentTranslation.objects.values_list("language", "title")
    ) == [("ar", "رسائل المنتدى")]
    s.document.refresh_from_db()
    assert s.document.title == "IGF 2030 Messages"  # the original is untouched


def test_who_may_not_edit_the_document_may_not_translate_it(client, home_page, login):
    s = build_scene()
    login(roles.MAG_MEMBER)

    response = client.post(
        edit_url(s.document),
        document_form(s.document, [{"language": "ar", "title": "x", "summary": ""}]),
    )

    assert response.status_code in (302, 403)
    assert not OutcomeDocumentTranslation.objects.exists()


def test_secretariat_translates_a_message_inline(client, home_page, login):
    s = build_scene()
    login(roles.SECRETARIAT)
    message = PolicyMessage.objects.get(pk=s.second.pk)
    data = nested_form_data(
        {
            "document": message.document_id,
            "theme": message.theme_id,
            "title": message.title,
            "order": message.order,
            "text": message.text,
            "sdgs": message.sdgs,
            "addressed_to": message.addressed_to,
            "sources": inline_formset([]),
            "translations": inline_formset(
                [
                    {
                        "language": "es",
                        "title": "Confianza",
                        "text": "Confianza en línea.",
                    }
                ]
            ),
        }
    )

    response = client.post(
        reverse("wagtailsnippets_outcomes_policymessage:edit", args=[message.pk]), data
    )

    assert response.status_code == 302, (
        response.context and response.context["form"].errors
    )
    assert list(
        PolicyMessageTranslation.objects.filter(message=message).values_list(
            "language", "text"
        )
    ) == [("es", "Confianza en línea.")]
