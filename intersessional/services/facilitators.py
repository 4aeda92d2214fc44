"""Who facilitates a body: the secretariat names them, each edits only that body's page."""

from __future__ import annotations

from collections.abc import Sequence

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from igfplus import roles
from igfplus.services.page_stewards import page_stewards, set_page_stewards

UNKNOWN_EMAILS = _("No account uses %(emails)s. Ask them to sign up first.")


@transaction.atomic
def assign_facilitators(*, body, emails: Sequence[str]) -> list:
    """Make exactly the accounts with these e-mails the body's facilitators; return them.

    Any unknown address refuses the whole list: nobody is added or removed.
    """
    wanted = [email.strip().lower() for email in emails if email.strip()]
    matching = Q(pk__in=[])
    for email in wanted:
        matching |= Q(email__iexact=email)
    users = {
        user.email.lower(): user
        for user in get_user_model().objects.filter(matching).order_by("pk")
    }
    unknown = [email for email in wanted if email not in users]
    if unknown:
        raise ValidationError(
            {"emails": [UNKNOWN_EMAILS % {"emails": ", ".join(unknown)}]},
            code="unknown",
        )
    chosen = [users[email] for email in wanted]
    set_page_stewards(body, chosen, role=roles.INTERSESSIONAL_FACILITATOR)
    return chosen


def facilitators_of(body):
    """The body's facilitators, oldest account first."""
    return page_stewards(body, role=roles.INTERSESSIONAL_FACILITATOR)
