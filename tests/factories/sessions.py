import factory

from igfplus.enums import RegionalGroup, StakeholderGroup
from sessions.models import Person, Room

from .cms import ForumEditionPageFactory


class RoomFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Room

    edition = factory.SubFactory(ForumEditionPageFactory)
    name = factory.Sequence(lambda n: f"Workshop Room {n}")
    capacity = 100
    has_hybrid_equipment = True
    has_webcast = True
    interpretation_languages = factory.LazyFunction(list)


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    name = factory.Faker("name")
    organisation = factory.Faker("company")
    stakeholder_group = StakeholderGroup.CIVIL_SOCIETY
    regional_group = RegionalGroup.AFRICAN
    country = "GH"
