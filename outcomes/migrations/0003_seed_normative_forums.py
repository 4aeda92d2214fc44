"""Seed the normative and decision-making forums the IGF's outputs go to (DOMAIN.md).

Idempotent: each forum is looked up by slug and created only when missing; forums the
secretariat has edited since are left as they are. Reversing leaves them in place.
"""

from django.db import migrations

FORUMS = [
    # slug, name, acronym, organisation, kind, website
    ("unga", "United Nations General Assembly", "UNGA", "United Nations", "un_body", "https://www.un.org/en/ga/"),
    ("cstd", "Commission on Science and Technology for Development", "CSTD", "UNCTAD (for ECOSOC)", "un_body", "https://unctad.org/topic/commission-on-science-and-technology-for-development"),
    ("ecosoc", "United Nations Economic and Social Council", "ECOSOC", "United Nations", "un_body", "https://ecosoc.un.org/"),
    ("wsis-forum", "World Summit on the Information Society Forum", "WSIS Forum", "ITU, UNESCO, UNDP and UNCTAD", "multistakeholder", "https://www.itu.int/net4/wsis/forum/"),
    ("gdc", "Global Digital Compact process", "GDC", "Office of the Secretary-General's Envoy on Technology", "intergovernmental", "https://www.un.org/global-digital-compact/"),
    ("hlpf", "High-level Political Forum on Sustainable Development", "HLPF", "United Nations (under ECOSOC and the General Assembly)", "un_body", "https://hlpf.un.org/"),
    ("itu-cwg-internet", "ITU Council Working Group on International Internet-related Public Policy Issues", "CWG-Internet", "International Telecommunication Union", "intergovernmental", "https://www.itu.int/en/council/cwg-internet/"),
    ("unesco", "UNESCO General Conference and Executive Board", "UNESCO", "United Nations Educational, Scientific and Cultural Organization", "un_body", "https://www.unesco.org/"),
    ("hrc", "Human Rights Council", "HRC", "OHCHR", "un_body", "https://www.ohchr.org/en/hrbodies/hrc/home"),
    ("oewg-ict", "Open-ended Working Group on security of and in the use of ICTs", "OEWG", "UN Office for Disarmament Affairs", "intergovernmental", "https://disarmament.unoda.org/open-ended-working-group/"),
    ("ahc-cybercrime", "Ad Hoc Committee on Cybercrime", "AHC", "UNODC", "treaty_body", "https://www.unodc.org/unodc/en/cybercrime/ad_hoc_committee/home"),
    ("g7-digital", "G7 digital and technology track", "G7", "G7 presidency of the year", "g_group", "https://www.g7italy.it/en/"),
    ("g20-digital", "G20 Digital Economy Working Group", "G20 DEWG", "G20 presidency of the year", "g_group", "https://www.g20.org/"),
    ("oecd", "OECD Committee on Digital Policy", "OECD CDEP", "Organisation for Economic Co-operation and Development", "intergovernmental", "https://www.oecd.org/digital/"),
    ("ipu", "Inter-Parliamentary Union", "IPU", "Inter-Parliamentary Union", "parliament", "https://www.ipu.org/"),
    ("coe", "Council of Europe Committee of Ministers", "CoE", "Council of Europe", "regional", "https://www.coe.int/en/web/cm"),
    ("au", "African Union Commission", "AU", "African Union", "regional", "https://au.int/"),
    ("wsis-plus-20", "WSIS+20 review of the General Assembly", "WSIS+20", "United Nations General Assembly", "intergovernmental", "https://publicadministration.desa.un.org/wsis20"),
]


def seed(apps, schema_editor):
    NormativeForum = apps.get_model("outcomes", "NormativeForum")
    for slug, name, acronym, organisation, kind, website in FORUMS:
        # Names are unique too: a forum added by hand under another slug is kept.
        if NormativeForum.objects.filter(name=name).exclude(slug=slug).exists():
            continue
        NormativeForum.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "acronym": acronym,
                "organisation": organisation,
                "kind": kind,
                "website": website,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("outcomes", "0002_sources_inline_report_reminders")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
