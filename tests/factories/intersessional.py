"""Factories for intersessional work: the index, bodies, their meetings, outputs, comments.

Meetings, outputs and session links are plain rows; call ``publish(body)`` after adding
them when a test edits the body in the admin (which starts from the latest revision).
"""

import datetime as dt

import factory
from wagtail.models import Page

from cms.models import HomePage
from intersessional.enums import (
    BodyKind,
    BodyStatus,
    MeetingFormat,
    OutputKind,
    OutputStatus,
)
from intersessional.models import (
    BodySession,
    IntersessionalBodyPage,
    IntersessionalIndexPage,
    Meeting,
    Output,
    OutputComment,
)

from .igfplus import UserFactory


def publish(page: Page) -> Page:
    """Publish the page as it stands in the database, children included."""
    page.save_revision().publish()
    return page


class IntersessionalIndexPageFactory(factory.Factory):
    """The one index at /intersessional/ (returns the existing one if there is one)."""

    class Meta:
        model = IntersessionalIndexPage

    title = "Intersessional work"
    slug = "intersessional"

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        existing = IntersessionalIndexPage.objects.first()
        if existing is not None:
            return existing
        page = model_class(*args, **kwargs)
        HomePage.objects.get().add_child(instance=page)
        return publish(page)


class IntersessionalBodyPageFactory(factory.Factory):
    """A published Dynamic Coalition formed in 2020 under the index."""

    class Meta:
        model = IntersessionalBodyPage

    title = factory.Sequence(lambda n: f"Dynamic Coalition on Topic {n}")
    slug = factory.Sequence(lambda n: f"dc-topic-{n}")
    acronym = factory.Sequence(lambda n: f"DC-T{n}")
    kind = BodyKind.DYNAMIC_COALITION
    status = BodyStatus.ACTIVE
    first_year = 2020
    last_year = None
    mandate = "<p>Brings people together on a topic.</p>"
    mailing_list_url = "https://lists.example.org/dc"

    @classmethod
    def _create(cls, model_class, *args, parent=None, **kwargs):
        parent = parent or IntersessionalIndexPageFactory()
        page = model_class(*args, **kwargs)
        parent.add_child(instance=page)
        return publish(page)


class MeetingFactory(factory.django.DjangoModelFactory):
    """An online meeting of one hour in Nairobi time, in 2030."""

    class Meta:
        model = Meeting

    body = factory.SubFactory(IntersessionalBodyPageFactory)
    title = factory.Sequence(lambda n: f"Monthly call {n}")
    start_at = dt.datetime(2030, 3, 4, 9, 0, tzinfo=dt.UTC)
    end_at = factory.LazyAttribute(lambda o: o.start_at + dt.timedelta(hours=1))
    time_zone = "Africa/Nairobi"
    format = MeetingFormat.ONLINE
    online_link = "https://meet.example.org/call"
    changed_at = dt.datetime(2029, 12, 1, 8, 0, tzinfo=dt.UTC)


class OutputFactory(factory.django.DjangoModelFactory):
    """A final output on 2029 with a link."""

    class Meta:
        model = Output

    body = factory.SubFactory(IntersessionalBodyPageFactory)
    title = factory.Sequence(lambda n: f"Output {n}")
    kind = OutputKind.FINAL_REPORT
    status = OutputStatus.FINAL
    year = 2029
    published_on = dt.date(2029, 11, 30)
    summary = "What the body found."
    link = "https://docs.example.org/output.pdf"


class BodySessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BodySession

    body = factory.SubFactory(IntersessionalBodyPageFactory)


class OutputCommentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OutputComment

    output = factory.SubFactory(OutputFactory)
    author = factory.SubFactory(UserFactory)
    text = "A thoughtful comment."
