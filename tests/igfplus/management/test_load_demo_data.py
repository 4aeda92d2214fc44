import pytest
from allauth.mfa.models import Authenticator
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command

from cms.models import EditionTheme, ForumEditionPage
from igfplus import roles
from igfplus.demo import DEMO_ACCOUNTS, DEMO_PASSWORD
from igfplus.management.commands.load_demo_data import REFUSED_OUTSIDE_DEVELOPMENT
from igfplus.models import User
from sessions.models import Person, Room
from sessions.selectors import edition_conflicts
from sessions.services.conflicts import HARD_KINDS
from sessions.services.sessions import programme_page_for


def world_counts() -> dict[str, int]:
    return {
        "users": User.objects.count(),
        "editions": ForumEditionPage.objects.count(),
        "themes": EditionTheme.objects.count(),
        "rooms": Room.objects.count(),
        "people": Person.objects.count(),
        "authenticators": Authenticator.objects.count(),
        "revisions": sum(e.revisions.count() for e in ForumEditionPage.objects.all()),
    }


@pytest.mark.django_db
def test_demo_world_is_at_igf_scale_loads_idempotently_and_renders(capsys, client):
    # One test: building the world takes most of a minute, so it is built once.
    call_command("load_demo_data")
    first = world_counts()
    output = capsys.readouterr().out
    call_command("load_demo_data")

    assert world_counts() == first
    assert first["editions"] >= 3
    assert first["people"] >= 600
    assert ForumEditionPage.objects.get(slug="igf2025").rooms.count() >= 20
    assert set(Person.objects.values_list("stakeholder_group", flat=True)) == {
        "government",
        "intergovernmental",
        "civil_society",
        "technical",
        "private_sector",
    }
    # Each role has a demo account, with the password printed for it.
    for role in roles.ROLES:
        assert Group.objects.get(name=role).user_set.exists(), role
    for email, *_rest in DEMO_ACCOUNTS:
        assert f"{email}" in output
        assert User.objects.get(email=email).check_password(DEMO_PASSWORD)
    assert DEMO_PASSWORD in output

    current = ForumEditionPage.objects.get(slug="igf2025")
    assert current.sessions.filter(status="scheduled").count() >= 350
    assert current.releases.count() == 1
    # A realistic share of sessions is captioned or has sign language.
    assert 50 <= current.sessions.filter(has_captioning=True).count() <= 150
    assert current.sessions.exclude(sign_language="").count() >= 20
    assert current.sessions.filter(
        status="proposed", review_assignments__rating__isnull=False
    ).exists()
    hard = [c for c in edition_conflicts(current) if c.kind in HARD_KINDS]
    assert sorted(c.kind for c in hard) == [
        "person_double_booked",
        "room_overlap",
        "room_overlap",
    ]
    for edition in ForumEditionPage.objects.all():
        response = client.get(edition.url)
        assert response.status_code == 200
        assert edition.overarching_theme in response.content.decode()
    programme = client.get(
        programme_page_for(current).url, {"day": "all"}
    ).content.decode()
    assert "Opening ceremony" in programme


@pytest.mark.django_db
def test_demo_data_is_refused_in_production(settings):
    settings.IGFPLUS_DEMO_DATA_ALLOWED = False
    with pytest.raises(CommandError, match="refused"):
        call_command("load_demo_data")
    assert REFUSED_OUTSIDE_DEVELOPMENT
    assert not User.objects.exists()
