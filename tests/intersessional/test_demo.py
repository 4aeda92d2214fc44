import pytest

from igfplus import demo as core_demo
from igfplus import roles
from igfplus.models import User
from igfplus.services.page_stewards import stewarded_pages
from intersessional import demo
from intersessional.enums import BodyKind
from intersessional.models import IntersessionalBodyPage, Meeting, Output
from intersessional.selectors import body_listing

pytestmark = pytest.mark.django_db


def test_demo_builds_the_network_once(home_page, django_capture_on_commit_callbacks):
    core_demo.load(log=lambda message: None)
    messages = []

    demo.load(log=messages.append)
    meetings = sorted(Meeting.objects.values_list("guid", "start_at"))
    demo.load(log=messages.append)

    kinds = sorted(IntersessionalBodyPage.objects.values_list("kind", flat=True))
    assert kinds.count(BodyKind.BEST_PRACTICE_FORUM) == 5
    assert kinds.count(BodyKind.POLICY_NETWORK) == 4
    assert kinds.count(BodyKind.DYNAMIC_COALITION) == 25
    assert sorted(Meeting.objects.values_list("guid", "start_at")) == meetings
    assert Meeting.objects.filter(is_cancelled=True).count() == 2
    assert len({m.time_zone for m in Meeting.objects.all()}) >= 6
    assert Output.objects.exclude(comments_open_until=None).count() == 1
    assert messages[0] == "Intersessional bodies: 34 created, 0 already there"
    assert messages[2] == "Intersessional bodies: 0 created, 34 already there"

    index = IntersessionalBodyPage.objects.first().get_parent().specific
    listing = body_listing(index, today=demo.timezone.localdate())
    inactive = {
        c.acronym for g in listing.groups for c in g.bodies if c.status == "inactive"
    }
    assert inactive == {"DC-CC", "DC-DH", "DC-OH", "DC-RB"}

    facilitator = User.objects.get(email=demo.FACILITATOR_EMAIL)
    assert [
        p.slug
        for p in stewarded_pages(facilitator, role=roles.INTERSESSIONAL_FACILITATOR)
    ] == [demo.FACILITATED_SLUG]
