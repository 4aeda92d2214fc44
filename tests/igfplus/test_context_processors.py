"""The main menu: the home page's children that editors mark "Show in menus"."""

import pytest

from cms.models import StandardPage

pytestmark = pytest.mark.django_db


def _section(home_page, title, slug, *, in_menu=True, live=True):
    page = StandardPage(title=title, slug=slug, show_in_menus=in_menu, live=live)
    home_page.add_child(instance=page)
    return page


def _nav(client) -> str:
    html = client.get("/").content.decode()
    return html[html.index('<nav class="site-nav"') : html.index("</nav>")]


def test_menu_offers_the_sections_editors_chose_in_tree_order(client, home_page):
    _section(home_page, "NRIs", "nris")
    _section(home_page, "About the data", "about", in_menu=False)
    _section(home_page, "Leadership Panel", "leadership-panel")

    nav = _nav(client)

    assert '<li><a href="/nris/">NRIs</a></li>' in nav
    assert nav.index("NRIs") < nav.index("Leadership Panel")
    assert "About the data" not in nav


def test_an_unpublished_section_is_not_offered(client, home_page):
    _section(home_page, "Coming soon", "soon", live=False)

    assert "Coming soon" not in _nav(client)
