"""Demo accounts: one per role, with a known password and (for staff roles) a known TOTP key."""

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth.models import Group

from igfplus import roles
from igfplus.models import User

DEMO_PASSWORD = "igf-demo-password"  # noqa: S105 (demo only; refused in production)  # nosec B105  # the published demo password
# Base32 key for an authenticator app (or `oathtool --totp -b KEY`) for the staff roles.
DEMO_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"  # noqa: S105  # nosec B105  # the published demo authenticator secret

DEMO_ACCOUNTS = [
    # (e-mail, name, role or None, superuser)
    ("admin@demo.igfplus.org", "Ada Admin", roles.SECRETARIAT, True),
    ("secretariat@demo.igfplus.org", "Samira Secretariat", roles.SECRETARIAT, False),
    ("mag@demo.igfplus.org", "Mateo MAG", roles.MAG_MEMBER, False),
    ("organizer@demo.igfplus.org", "Olena Organizer", roles.SESSION_ORGANIZER, False),
    ("nri@demo.igfplus.org", "Nnamdi NRI", roles.NRI_COORDINATOR, False),
    (
        "facilitator@demo.igfplus.org",
        "Farida Facilitator",
        roles.INTERSESSIONAL_FACILITATOR,
        False,
    ),
    ("participant@demo.igfplus.org", "Pita Participant", None, False),
]


def load(*, log) -> None:
    for email, name, role, is_superuser in DEMO_ACCOUNTS:
        user = _demo_user(email=email, name=name, is_superuser=is_superuser)
        if role:
            user.groups.add(Group.objects.get(name=role))
        needs_mfa = is_superuser or role in (roles.SECRETARIAT, roles.MAG_MEMBER)
        if (
            needs_mfa
            and not Authenticator.objects.filter(
                user=user, type=Authenticator.Type.TOTP
            ).exists()
        ):
            TOTP.activate(user, DEMO_TOTP_SECRET)
        label = "superuser" if is_superuser else (role or "registered participant")
        log(f"{label:<28} {email:<32} password: {DEMO_PASSWORD}")
    log(
        f"Staff sign-in asks for a code: TOTP key {DEMO_TOTP_SECRET} (any authenticator app)."
    )


def _demo_user(*, email: str, name: str, is_superuser: bool) -> User:
    user, created = User.objects.get_or_create(
        email=email,
        defaults={
            "username": email.split("@")[0],
            "name": name,
            "is_superuser": is_superuser,
            "is_staff": is_superuser,
        },
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    return user
