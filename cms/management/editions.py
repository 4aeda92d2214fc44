"""Command-line arguments that name an edition."""

from django.core.management.base import CommandError

from cms.models import ForumEditionPage

UNKNOWN_EDITION = (
    "There is no edition with the acronym “{acronym}”. Known editions: {known}."
)
# Exit status of a command that could not run (1 is kept for "ran, and found problems").
EXIT_ERROR = 2


def edition_argument(acronym: str) -> ForumEditionPage:
    """The edition named on the command line, or a CommandError listing the known ones."""
    edition = ForumEditionPage.objects.filter(slug=acronym).first()
    if edition is None:
        known = ", ".join(
            ForumEditionPage.objects.order_by("-start_on").values_list(
                "slug", flat=True
            )
        )
        raise CommandError(
            UNKNOWN_EDITION.format(acronym=acronym, known=known or "none"),
            returncode=EXIT_ERROR,
        )
    return edition
