import datetime as dt

import factory
from wagtail.models import Page

from cms.enums import NriKind, RecognitionStatus
from cms.models import (
    EditionTheme,
    ForumEditionPage,
    HomePage,
    NriAnnualReport,
    NriEvent,
    NriIndexPage,
    NriPage,
)
from igfplus.enums import EditionFormat


class ForumEditionPageFactory(factory.Factory):
    """A published edition under the home page (Wagtail pages are created through the tree)."""

    class Meta:
        model = ForumEditionPage

    # Years cycle through 2050-2099 (the model allows up to 2100); tests that set a year
    # themselves use earlier ones, so the two never collide.
    year = factory.Sequence(lambda n: 2050 + n % 50)
    title = factory.LazyAttribute(lambda o: f"IGF {o.year}")
    slug = factory.LazyAttribute(lambda o: f"igf{o.year}")
    ordinal = factory.Sequence(lambda n: 25 + n)
    host_city = "Geneva"
    country = "CH"
    venue = "Palais des Nations"
    start_on = factory.LazyAttribute(lambda o: dt.date(o.year, 6, 23))
    end_on = factory.LazyAttribute(lambda o: o.start_on + dt.timedelta(days=4))
    time_zone = "Europe/Zurich"
    overarching_theme = "An Internet for all"
    format = EditionFormat.HYBRID

    @classmethod
    def _create(cls, model_class, *args, parent: Page | None = None, **kwargs):
        parent = parent or HomePage.objects.get()
        page = model_class(*args, **kwargs)
        parent.add_child(instance=page)
        page.save_revision().publish()
        return page


class EditionThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EditionTheme

    page = factory.SubFactory(ForumEditionPageFactory)
    name = factory.Sequence(lambda n: f"Sub-theme {n}")
    description = "What the sessions under this sub-theme discuss."
    policy_questions = "Who decides?\nWho is left out?"
    sort_order = factory.Sequence(lambda n: n)


class NriIndexPageFactory(factory.Factory):
    """The published NRI directory at /nris/ (created through the tree)."""

    class Meta:
        model = NriIndexPage

    title = "National and regional initiatives"
    slug = "nris"

    @classmethod
    def _create(cls, model_class, *args, parent: Page | None = None, **kwargs):
        parent = parent or HomePage.objects.get()
        page = model_class(*args, **kwargs)
        parent.add_child(instance=page)
        page.save_revision().publish()
        return page


class NriPageFactory(factory.Factory):
    """A published national IGF under the directory (pass ``parent=``, else the only one)."""

    class Meta:
        model = NriPage

    acronym = factory.Sequence(lambda n: f"NIGF{n}")
    title = factory.LazyAttribute(lambda o: f"Internet Governance Forum {o.acronym}")
    slug = factory.LazyAttribute(lambda o: o.acronym.lower())
    kind = NriKind.NATIONAL
    country = "KE"
    un_regional_group = "african"
    website = "https://igf.example.org/"
    established_year = 2015
    recognition_status = RecognitionStatus.RECOGNIZED
    recognized_on = dt.date(2016, 5, 1)

    @classmethod
    def _create(cls, model_class, *args, parent: Page | None = None, **kwargs):
        parent = parent or NriIndexPage.objects.get()
        page = model_class(*args, **kwargs)
        parent.add_child(instance=page)
        page.save_revision().publish()
        return page


class NriEventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NriEvent

    page = factory.SubFactory(NriPageFactory)
    title = factory.Sequence(lambda n: f"Annual meeting {n}")
    start_at = dt.datetime(2030, 9, 10, 7, 0, tzinfo=dt.UTC)
    end_at = factory.LazyAttribute(lambda o: o.start_at + dt.timedelta(hours=8))
    time_zone = "Africa/Nairobi"
    city = "Nairobi"
    country = "KE"
    format = EditionFormat.HYBRID
    link = "https://igf.example.org/meeting"


class NriAnnualReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NriAnnualReport

    page = factory.SubFactory(NriPageFactory)
    year = 2024
    submitted_on = dt.date(2025, 2, 1)
    text = "What we discussed and what we recommend."
