from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from sessions.models import Person, Room


class RoomFilterSet(WagtailFilterSet):
    class Meta:
        model = Room
        fields = ["edition", "has_hybrid_equipment", "has_webcast"]


class RoomViewSet(SnippetViewSet):
    model = Room
    icon = "home"
    menu_label = _("Rooms")
    list_display = [
        "name",
        "edition",
        "capacity",
        "has_hybrid_equipment",
        "has_webcast",
    ]
    list_per_page = 50
    filterset_class = RoomFilterSet

    def get_queryset(self, request):
        return Room.objects.select_related("edition")


class PersonFilterSet(WagtailFilterSet):
    class Meta:
        model = Person
        fields = ["stakeholder_group", "regional_group"]


class PersonViewSet(SnippetViewSet):
    model = Person
    icon = "user"
    menu_label = _("People")
    list_display = ["name", "organisation", "stakeholder_group", "regional_group"]
    list_per_page = 50
    search_fields = ["name", "organisation"]
    filterset_class = PersonFilterSet


class ProgrammeViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Programme")
    menu_icon = "date"
    items = (RoomViewSet, PersonViewSet)


register_snippet(ProgrammeViewSetGroup)
