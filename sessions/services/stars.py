"""Starring sessions into "My agenda" (write service)."""

from sessions.models import SessionPage, Star


def toggle_star(*, user, session: SessionPage) -> bool:
    """Star the session for the user, or unstar it; return whether it is now starred."""
    deleted, _ = Star.objects.filter(user=user, session=session).delete()
    if deleted:
        return False
    Star.objects.get_or_create(user=user, session=session)
    return True
