import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from cms.models import EditionTheme, ForumEditionPage, HomePage, StandardPage
from cms.services.editions import (
    DUPLICATE_ACRONYM,
    END_BEFORE_START,
    INVALID_ACRONYM,
    INVALID_TIME_ZONE,
)
from igfplus import roles
from tests.factories import EditionThemeFactory, ForumEditionPageFactory, UserFactory


def edition_form(**overrides):
    data = {
        "title": "IGF 2031 Nairobi",
        "slug": "igf2031",
        "ordinal": 26,
        "year": 2031,
        "host_city": "Nairobi",
        "country": "KE",
        "venue": "UN Gigiri",
        "start_on": "2031-11-10",
        "end_on": "2031-11-14",
        "time_zone": "Africa/Nairobi",
        "overarching_theme": "Digital cooperation for all",
        "format": "hybrid",
        "intro": rich_text("<p>Welcome to Nairobi.</p>"),
        "themes": inline_formset(
            [
                {
                    "name": "Access",
                    "description": "Meaningful access",
                    "policy_questions": "Who is offline?",
                },
                {"name": "Trust", "description": "", "policy_questions": ""},
            ]
        ),
        "translations": inline_formset([]),
    }
    data.update(overrides)
    return nested_form_data(data)


class ForumEditionPageTests(WagtailPageTestCase):
    def setUp(self):
        self.home = HomePage.objects.get()
        self.secretariat = UserFactory(roles=[roles.SECRETARIAT])
        from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

        TOTP.activate(self.secretariat, generate_totp_secret())
        self.client.force_login(self.secretariat)

    def add_url(self):
        return reverse(
            "wagtailadmin_pages:add", args=("cms", "forumeditionpage", self.home.pk)
        )

    def test_edition_lives_only_under_the_home_page(self):
        self.assertAllowedParentPageTypes(ForumEditionPage, {HomePage})
        self.assertCanCreateAt(HomePage, ForumEditionPage)
        self.assertCanNotCreateAt(StandardPage, ForumEditionPage)
        self.assertCanNotCreateAt(ForumEditionPage, ForumEditionPage)

    def test_secretariat_creates_edition_with_themes_at_its_acronym(self):
        response = self.client.post(
            self.add_url(), edition_form(**{"action-publish": "1"})
        )

        assert response.status_code == 302, response.content[:2000]
        edition = ForumEditionPage.objects.get(slug="igf2031")
        assert edition.live
        assert edition.acronym == "igf2031"
        assert edition.url == "/igf2031/"
        assert [t.name for t in edition.themes.all()] == ["Access", "Trust"]
        assert edition.themes.first().policy_question_list == ["Who is offline?"]

        page = self.client.get("/igf2031/")
        self.assertContains(page, '<h1 dir="auto">IGF 2031 Nairobi</h1>', html=True)
        self.assertContains(page, "Digital cooperation for all")
        self.assertContains(page, "Africa/Nairobi")
        self.assertContains(page, "Who is offline?")

    def test_edition_page_is_renderable(self):
        edition = ForumEditionPageFactory()
        EditionThemeFactory(page=edition, name="Data governance")
        self.assertPageIsRenderable(edition)
        self.assertContains(self.client.get(edition.url), "Data governance")

    def assert_rejected(self, field, message, **overrides):
        count = ForumEditionPage.objects.count()
        response = self.client.post(self.add_url(), edition_form(**overrides))
        assert response.status_code == 200
        errors = response.context["form"].errors
        assert str(message) in errors.get(field, []), errors
        assert ForumEditionPage.objects.count() == count
        assert not EditionTheme.objects.filter(name="Access").exists()

    def test_invalid_time_zone_is_rejected_on_its_field(self):
        self.assert_rejected(
            "time_zone",
            INVALID_TIME_ZONE % {"value": "Africa/Nairobbi"},
            time_zone="Africa/Nairobbi",
        )

    def test_abbreviated_time_zone_is_rejected(self):
        self.assert_rejected(
            "time_zone", INVALID_TIME_ZONE % {"value": "EAT"}, time_zone="EAT"
        )

    def test_end_before_start_is_rejected_on_the_end_date(self):
        self.assert_rejected("end_on", END_BEFORE_START, end_on="2031-11-09")

    def test_acronym_with_capitals_is_rejected(self):
        self.assert_rejected("slug", INVALID_ACRONYM, slug="IGF2031")

    def test_acronym_with_spaces_is_rejected(self):
        response = self.client.post(self.add_url(), edition_form(slug="igf 2031"))
        assert response.status_code == 200
        assert "slug" in response.context["form"].errors
        assert not ForumEditionPage.objects.filter(year=2031).exists()

    def test_duplicate_acronym_is_rejected(self):
        ForumEditionPageFactory(slug="igf2031", year=2030, ordinal=25)
        self.assert_rejected("slug", DUPLICATE_ACRONYM % {"value": "igf2031"})

    def test_duplicate_year_is_rejected(self):
        ForumEditionPageFactory(slug="igf2031b", year=2031, ordinal=25)
        self.assert_rejected(
            "year", "Another edition is already held this year.", slug="igf2031c"
        )


@pytest.mark.django_db
def test_full_clean_rejects_bad_dates_without_the_admin():
    edition = ForumEditionPage(
        title="Broken",
        slug="igf2040",
        ordinal=40,
        year=2040,
        time_zone="Mars/Olympus",
        start_on=dt.date(2040, 5, 5),
        end_on=dt.date(2040, 5, 1),
        overarching_theme="x",
    )
    with pytest.raises(ValidationError) as excinfo:
        edition.full_clean()
    assert set(excinfo.value.message_dict) >= {"time_zone", "end_on"}
