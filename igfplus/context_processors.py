"""Values every page template may use."""

from __future__ import annotations

from django.utils.functional import SimpleLazyObject
from wagtail.models import Site


def menu_pages(request) -> dict:
    """The home page's children that editors marked "Show in menus", in tree order.

    The sections of the site (NRIs, intersessional work, the Leadership Panel, …) are
    pages like any other, so editors decide what the main menu offers. Read lazily:
    one query, and only on pages that draw the menu.
    """

    def load() -> list[tuple[str, str]]:
        site = Site.find_for_request(request)
        if site is None:
            return []
        children = (
            site.root_page.get_children()
            .live()
            .in_menu()
            .public()
            .only("title", "url_path", "path", "depth")
        )
        return [(page.title, page.get_url(request)) for page in children]

    return {"menu_pages": SimpleLazyObject(load)}


def page_generation(request) -> dict:
    """The current generation of public content, for ``{% cache %}`` fragment keys.

    Any public write starts a new one (igfplus.services.page_cache), so a fragment keyed
    by it is never stale. Read lazily: only templates that cache a fragment pay for it.
    """
    from igfplus.services.page_cache import current_generation

    return {"page_generation": SimpleLazyObject(current_generation)}
