"""A few translations in the demo, so that ``make demo`` shows the translation workflow.

Three sessions, one NRI and the IGF 2025 Messages (with one message) in French and
Arabic; every other page shows its original with the notice. Run last of the content
(from ``outcomes.demo``): it translates what the other demo loaders built.
"""

from cms.models import NriPage
from outcomes.models import (
    OutcomeDocument,
    OutcomeDocumentTranslation,
    PolicyMessageTranslation,
)
from sessions.models import SessionPage

SESSION_TEXTS = {
    "Opening ceremony": {
        "fr": (
            "Cérémonie d'ouverture",
            "Le pays hôte, les Nations Unies et la communauté ouvrent la réunion annuelle.",
        ),
        "ar": (
            "حفل الافتتاح",
            "يفتتح البلد المضيف والأمم المتحدة والمجتمع الاجتماع السنوي.",
        ),
    },
    "Closing ceremony": {
        "fr": (
            "Cérémonie de clôture",
            "Ce que le forum retient de la semaine, et ce qu'il transmet ensuite.",
        ),
        "ar": (
            "حفل الختام",
            "ما يستخلصه المنتدى من الأسبوع، وما ينقله بعد ذلك.",
        ),
    },
    "NRIs Main Session": {
        "fr": (
            "Session principale des initiatives nationales et régionales",
            "Les initiatives nationales, régionales et jeunesse comparent leurs priorités.",
        ),
        "ar": (
            "الجلسة الرئيسية للمبادرات الوطنية والإقليمية",
            "تقارن المبادرات الوطنية والإقليمية والشبابية أولوياتها.",
        ),
    },
}

NRI_TEXTS = {
    "fr": (
        "Forum sur la gouvernance de l'Internet du Kenya",
        "L'initiative nationale du Kenya réunit chaque année toutes les parties prenantes.",
    ),
    "ar": (
        "منتدى حوكمة الإنترنت في كينيا",
        "تجمع المبادرة الوطنية في كينيا كل عام جميع أصحاب المصلحة.",
    ),
}

DOCUMENT_TEXTS = {
    "fr": (
        "Messages du FGI 2025",
        "Les messages du FGI : ce que les sessions du forum ont conclu, par sous-thème.",
        "Les politiques doivent s'appuyer sur les données et les personnes concernées.",
    ),
    "ar": (
        "رسائل منتدى حوكمة الإنترنت 2025",
        "رسائل المنتدى: ما خلصت إليه جلساته، حسب الموضوع الفرعي.",
        "يجب أن تستند السياسات إلى البيانات وإلى الأشخاص المعنيين.",
    ),
}


def load_translations(*, log) -> None:
    sessions = _translate_sessions()
    nris = _translate_nri()
    documents = _translate_messages()
    log(
        f"Translations (French, Arabic): {sessions} sessions, {nris} NRI, "
        f"{documents} outcome document"
    )


def _translate_sessions() -> int:
    count = 0
    for title, texts in SESSION_TEXTS.items():
        session = (
            SessionPage.objects.live()
            .filter(title=title, edition__slug="igf2025")
            .order_by("number")
            .first()
        )
        if session is None:
            continue
        count += 1
        if session.translations.exists():
            continue
        for language, (translated, description) in texts.items():
            session.translations.add(
                session.translations.model(
                    language=language, title=translated, description=description
                )
            )
        # Published at once in the demo; an organizer's translation goes public with
        # the session's text, at the next release.
        session.save_revision().publish()
    return count


def _translate_nri() -> int:
    nri = NriPage.objects.live().filter(country="KE").order_by("pk").first()
    if nri is None:
        return 0
    if not nri.translations.exists():
        for language, (title, intro) in NRI_TEXTS.items():
            nri.translations.add(
                nri.translations.model(language=language, title=title, intro=intro)
            )
        nri.save_revision().publish()
    return 1


def _translate_messages() -> int:
    document = OutcomeDocument.objects.filter(
        edition__slug="igf2025", slug="igf-messages"
    ).first()
    if document is None:
        return 0
    first = document.messages.filter(deleted_at=None).order_by("order", "pk").first()
    for language, (title, summary, message_text) in DOCUMENT_TEXTS.items():
        OutcomeDocumentTranslation.objects.get_or_create(
            document=document,
            language=language,
            defaults={"title": title, "summary": summary},
        )
        if first is not None:
            PolicyMessageTranslation.objects.get_or_create(
                message=first, language=language, defaults={"text": message_text}
            )
    return 1
