"""Create the role groups (Secretariat, MAG member, …) with their permissions."""

from django.db import migrations

from igfplus.roles import ROLES, sync_roles


# Wagtail's starter groups; IGF+ has its own roles and no "everyone may edit" group.
WAGTAIL_STARTER_GROUPS = ["Editors", "Moderators"]


def create_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=WAGTAIL_STARTER_GROUPS).delete()
    sync_roles(apps)


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("igfplus", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailredirects", "0008_add_verbose_name_plural"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
