"""NRI, edition and standard pages in other languages, and who may translate them.

Translations are text beside the page, edited in the page's own editor: whoever may edit
the page may translate it, nobody else; the NRI directory still counts one NRI.
"""

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from cms.models import NriPage, NriPageTranslation, StandardPageTranslation
from cms.selectors import NriFilters, nri_directory
from igfplus import roles
from igfplus.services.page_stewards import set_page_stewards
from tests.factories import ForumEditionPageFactory, UserFactory
from tests.factories.cms import NriPageFactory

pytestmark = pytest.mark.django_db

NOTICE = (
    "This page is not available in %(requested)s yet; you are reading the original in "
    "%(original)s."
)


def publish_translation(page, language, **text):
    """As the page editor does: the translation in a revision, then published."""
    page.translations.add(page.translations.model(language=language, **text))
    page.save_revision().publish()
    return type(page).objects.get(pk=page.pk)


@pytest.fixture
def kenya(nri_index):
    nri = NriPageFactory(acronym="KIGF", title="Kenya IGF", slug="kigf")
    nri.intro = "The Kenya IGF meets every year in Nairobi."
    nri.save_revision().publish()
    return publish_translation(
        NriPage.objects.get(pk=nri.pk),
        "fr",
        title="FGI du Kenya",
        intro="Le FGI du Kenya se réunit chaque année à Nairobi.",
    )


def test_nri_page_in_french_and_its_original(client, kenya):
    french = client.get(kenya.url, HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    english = client.get(kenya.url, HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert "<span>FGI du Kenya</span>" in french
    assert "Le FGI du Kenya se réunit" in french
    assert "meets every year" not in french
    assert "<span>Kenya IGF</span>" in english
    assert "meets every year" in english
    # Facts that are not text stay the original's.
    assert "https://igf.example.org/" in french


def test_nri_without_the_language_shows_the_original_with_a_notice(client, kenya):
    html = client.get(kenya.url, HTTP_ACCEPT_LANGUAGE="es").content.decode()

    with translation.override("es"):
        notice = gettext(NOTICE) % {"requested": "español", "original": "English"}
    assert notice in html
    assert '<span lang="en">Kenya IGF</span>' in html
    assert 'name="language" value="fr" lang="fr">français</button>' in html


def test_translated_nri_is_counted_once_in_the_directory(client, kenya, nri_index):
    NriPageFactory(acronym="NIGF", title="Nigeria IGF", slug="nigf", country="NG")

    directory = nri_directory(
        index=nri_index,
        filters=NriFilters.from_query({}),
        today=kenya.first_published_at.date(),
    )
    html = client.get(nri_index.url, HTTP_ACCEPT_LANGUAGE="fr").content.decode()

    assert directory.total == 2
    assert NriPage.objects.count() == 2
    assert html.count('href="/nris/kigf/"') == 1


def test_edition_page_shows_translated_theme(client, home_page):
    edition = ForumEditionPageFactory(
        slug="igf2030", year=2030, title="IGF 2030", overarching_theme="Building trust"
    )
    edition = publish_translation(
        edition, "ar", title="منتدى 2030", overarching_theme="بناء الثقة"
    )

    arabic = client.get(edition.url, HTTP_ACCEPT_LANGUAGE="ar").content.decode()
    french = client.get(edition.url, HTTP_ACCEPT_LANGUAGE="fr").content.decode()

    assert '<h1 dir="auto">منتدى 2030</h1>' in arabic
    assert '<p class="overarching-theme" dir="auto">بناء الثقة</p>' in arabic
    assert '<h1 dir="auto" lang="en">IGF 2030</h1>' in french
    assert "content-fallback" in french


def test_standard_page_translation(client, home_page):
    from cms.models import StandardPage

    page = StandardPage(title="About", slug="about", intro="What IGF+ is.")
    home_page.add_child(instance=page)
    page.translations.add(
        StandardPageTranslation(language="ru", title="О сайте", intro="Что такое IGF+.")
    )
    page.save_revision().publish()

    html = client.get(page.url, HTTP_ACCEPT_LANGUAGE="ru").content.decode()

    assert "<h1>О сайте</h1>" in html
    assert '<p class="lead">Что такое IGF+.</p>' in html


# --- Who may translate ----------------------------------------------------------------


def nri_form(nri, translations) -> dict:
    data = {
        "title": nri.title,
        "slug": nri.slug,
        "acronym": nri.acronym,
        "kind": nri.kind,
        "country": nri.country.code or "",
        "region": nri.region,
        "un_regional_group": nri.un_regional_group,
        "website": nri.website,
        "established_year": str(nri.established_year or ""),
        "recognition_status": nri.recognition_status,
        "recognized_on": "",
        "intro": nri.intro,
        "events": inline_formset([]),
        "annual_reports": inline_formset([]),
        "translations": inline_formset(translations),
        "action-publish": "1",
    }
    return nested_form_data(data)


@pytest.fixture
def nris(nri_index):
    return (
        NriPageFactory(acronym="KIGF", title="Kenya IGF", slug="kigf"),
        NriPageFactory(acronym="NIGF", title="Nigeria IGF", slug="nigf", country="NG"),
    )


def test_coordinator_translates_their_own_nri(client, nris):
    own = nris[0]
    coordinator = UserFactory()
    set_page_stewards(own, [coordinator], role=roles.NRI_COORDINATOR)
    client.force_login(coordinator)

    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[own.pk]),
        nri_form(
            own, [{"language": "fr", "title": "FGI du Kenya", "intro": "Bonjour"}]
        ),
    )

    assert response.status_code == 302
    assert list(
        NriPageTranslation.objects.filter(page=own).values_list("language", "title")
    ) == [("fr", "FGI du Kenya")]


def test_coordinator_cannot_translate_another_nri(client, nris):
    own, other = nris
    coordinator = UserFactory()
    set_page_stewards(own, [coordinator], role=roles.NRI_COORDINATOR)
    client.force_login(coordinator)

    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[other.pk]),
        nri_form(other, [{"language": "fr", "title": "FGI du Nigeria", "intro": ""}]),
    )

    assert response.status_code in (302, 403)
    assert not NriPageTranslation.objects.exists()


def test_two_translations_into_one_language_are_refused_on_the_field(client, nris):
    own = nris[0]
    coordinator = UserFactory()
    set_page_stewards(own, [coordinator], role=roles.NRI_COORDINATOR)
    client.force_login(coordinator)

    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[own.pk]),
        nri_form(
            own,
            [
                {"language": "fr", "title": "FGI du Kenya", "intro": ""},
                {"language": "fr", "title": "Autre", "intro": ""},
            ],
        ),
    )

    assert response.status_code == 200
    errors = response.context["form"].formsets["translations"].non_form_errors()
    assert "Please correct the duplicate data for page and language" in str(errors)
    assert not NriPageTranslation.objects.exists()
