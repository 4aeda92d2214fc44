"""Intersessional work in the Wagtail admin: the secretariat names a body's facilitators.

Bodies, meetings and outputs are edited on the body page itself (inline panels); a
facilitator reaches only their own body's page through a page permission on it alone.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets.button import Button

from intersessional.forms import FacilitatorsForm
from intersessional.models import IntersessionalBodyPage
from intersessional.services.facilitators import assign_facilitators, facilitators_of

# Naming facilitators is assigning a role: the secretariat's right to manage accounts.
ASSIGN_PERMISSION = "igfplus.change_user"
FACILITATORS_SAVED = _("Facilitators of %(body)s saved.")


def may_assign_facilitators(user) -> bool:
    return user.has_perm(ASSIGN_PERMISSION)


def facilitators_view(request, page_id: int):
    """The secretariat's form: the body's facilitators, by e-mail, one per line."""
    if not may_assign_facilitators(request.user):
        raise PermissionDenied
    body = get_object_or_404(IntersessionalBodyPage, pk=page_id)
    current = "\n".join(user.email for user in facilitators_of(body))
    form = FacilitatorsForm(request.POST or None, initial={"emails": current})
    if request.method == "POST" and form.is_valid():
        try:
            assign_facilitators(body=body, emails=form.cleaned_data["emails"])
        except ValidationError as error:
            form.add_error("emails", error.message_dict["emails"])
        else:
            messages.success(request, FACILITATORS_SAVED % {"body": body.title})
            return redirect("wagtailadmin_explore", body.get_parent().pk)
    title = _("Facilitators of %(body)s") % {"body": body.title}
    return TemplateResponse(
        request,
        "intersessional/admin/facilitators.html",
        {
            "body": body,
            "form": form,
            "header_title": title,
            "page_title": title,
            "header_icon": "group",
        },
    )


@hooks.register("register_admin_urls")
def register_intersessional_admin_urls():
    return [
        path(
            "intersessional/bodies/<int:page_id>/facilitators/",
            facilitators_view,
            name="intersessional_facilitators",
        )
    ]


def _facilitators_button(page, user, priority: int):
    if isinstance(page.specific_deferred, IntersessionalBodyPage) and (
        may_assign_facilitators(user)
    ):
        yield Button(
            _("Facilitators"),
            reverse("intersessional_facilitators", args=[page.pk]),
            icon_name="group",
            priority=priority,
        )


@hooks.register("register_page_header_buttons")
def facilitators_header_button(page, user, view_name, next_url=None):
    yield from _facilitators_button(page, user, priority=62)


@hooks.register("register_page_listing_more_buttons")
def facilitators_listing_button(page, user, next_url=None):
    yield from _facilitators_button(page, user, priority=45)
