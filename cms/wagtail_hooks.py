"""Admin hooks of the page tree."""

from wagtail import hooks

from igfplus import roles
from igfplus.services.page_stewards import set_page_stewards


@hooks.register("after_create_page")
def assign_coordinators_of_new_nri(request, page):
    # NriPageForm keeps the coordinators chosen on a new page until it has an id.
    coordinators = getattr(page, "_pending_coordinators", None)
    if coordinators is not None:
        set_page_stewards(page, coordinators, role=roles.NRI_COORDINATOR)
