import datetime as dt

import factory
from wagtail.models import Page

from cms.models import EditionTheme, ForumEditionPage, HomePage
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
