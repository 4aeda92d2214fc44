"""Grant the roles their outcomes permissions (igfplus.roles.ROLE_PERMISSIONS).

The role groups were made by igfplus/0002 before the outcomes models existed, so the
outcomes permissions are granted here, the same way (``sync_roles`` is idempotent).
"""

from django.db import migrations

from igfplus.roles import sync_roles


def grant(apps, schema_editor):
    sync_roles(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("outcomes", "0003_seed_normative_forums"),
        ("igfplus", "0002_role_groups"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
