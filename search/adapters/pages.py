"""Wagtail content pages that are live and public (no view restriction on them or above)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page, PageViewRestriction

from cms.models import ForumEditionPage, HomePage, NriIndexPage, StandardPage
from intersessional.models import IntersessionalIndexPage
from outcomes.models import LeadershipPanelPage
from search.registry import Adapter, Watch
from search.services.documents import SearchDocument

PAGE_MODELS = (
    HomePage,
    StandardPage,
    ForumEditionPage,
    NriIndexPage,
    IntersessionalIndexPage,
    LeadershipPanelPage,
)


class PageAdapter(Adapter):
    kind = "page"
    label = _("Page")
    batch_size = 100

    def watches(self) -> list[Watch]:
        own = [
            Watch(model, lambda page: [str(page.pk)], is_own_model=True)
            for model in PAGE_MODELS
        ]
        return [*own, Watch(PageViewRestriction, _restricted_pages)]

    def _public(self):
        return Page.objects.live().public().type(*PAGE_MODELS)

    def public_keys(self) -> Iterator[str]:
        for pk in self._public().order_by("pk").values_list("pk", flat=True):
            yield str(pk)

    def public_count(self) -> int:
        return self._public().count()

    def documents(self, keys: Sequence[str]) -> dict[str, SearchDocument]:
        ids = [int(key) for key in keys if str(key).isdigit()]
        found = {}
        for page in self._public().filter(pk__in=ids).specific():
            found[str(page.pk)] = SearchDocument(
                kind=self.kind,
                key=str(page.pk),
                title=page.title,
                body=_page_text(page),
                url=page.url or "",
                date=(page.last_published_at or page.first_published_at).date()
                if (page.last_published_at or page.first_published_at)
                else None,
                edition=page.slug if isinstance(page, ForumEditionPage) else "",
            )
        return found


def _page_text(page: Page) -> str:
    parts = [page.search_description]
    # Each section page opens with an introduction, whatever its field is called.
    parts += [getattr(page, name, "") or "" for name in ("intro", "introduction")]
    if isinstance(page, LeadershipPanelPage):
        parts += [member.name for member in page.members.all()]
    if isinstance(page, StandardPage):
        block = page.body.stream_block
        parts += [str(text) for text in block.get_searchable_content(page.body)]
    if isinstance(page, ForumEditionPage):
        parts += [
            page.overarching_theme,
            page.host_city,
            page.venue,
            *(theme.name for theme in page.themes.all()),
        ]
    return "\n".join(strip_tags(part) for part in parts if part)


def _restricted_pages(restriction: PageViewRestriction) -> list[str]:
    page = Page.objects.filter(pk=restriction.page_id).first()
    if page is None:
        return []
    return [
        str(pk)
        for pk in Page.objects.descendant_of(page, inclusive=True).values_list(
            "pk", flat=True
        )
    ]
