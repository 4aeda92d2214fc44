"""Policy messages, outcome documents and transmissions: only what the public may see."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from outcomes.models import (
    OutcomeDocument,
    PolicyMessage,
    Transmission,
    UptakeEvent,
)
from outcomes.selectors import (
    forum_statuses,
    live_transmissions,
    public_documents,
    public_messages,
)
from search.registry import Adapter, Watch
from search.services.documents import SearchDocument

MessageLink = Transmission.messages.through


def _ids(keys: Sequence[str]) -> list[int]:
    return [int(key) for key in keys if str(key).isdigit()]


def _keys(values) -> list[str]:
    return [str(value) for value in values]


class MessageAdapter(Adapter):
    kind = "message"
    label = _("Policy message")

    def watches(self) -> list[Watch]:
        return [
            Watch(PolicyMessage, lambda m: [str(m.pk)], is_own_model=True),
            Watch(OutcomeDocument, _messages_of_document),
            Watch(Transmission, _messages_of_transmission),
            Watch(MessageLink, lambda link: [str(link.policymessage_id)]),
            Watch(UptakeEvent, lambda e: _messages_of_transmission(e.transmission)),
        ]

    def public_keys(self) -> Iterator[str]:
        yield from _keys(public_messages().order_by("pk").values_list("pk", flat=True))

    def public_count(self) -> int:
        return public_messages().count()

    def documents(self, keys: Sequence[str]) -> dict[str, SearchDocument]:
        messages = list(
            public_messages()
            .filter(pk__in=_ids(keys))
            .select_related("document__edition", "theme")
        )
        statuses = forum_statuses(messages)
        found = {}
        for message in messages:
            at_forums = statuses.get(message.pk, [])
            document = message.document
            found[str(message.pk)] = SearchDocument(
                kind=self.kind,
                key=str(message.pk),
                title=message.title or _first_words(message.text),
                body=f"{message.text}\n{document.title}",
                url=reverse("outcomes:message", args=[message.guid]),
                date=document.published_on or message.created_at.date(),
                edition=document.edition.slug,
                facets={
                    "theme": (message.theme.name if message.theme else "",),
                    "stakeholder_group": tuple(message.addressed_to or ()),
                    "forum": tuple(status.forum_name for status in at_forums),
                    "uptake_status": tuple(status.status for status in at_forums),
                },
            )
        return found


class DocumentAdapter(Adapter):
    kind = "document"
    label = _("Outcome document")

    def watches(self) -> list[Watch]:
        return [Watch(OutcomeDocument, lambda d: [str(d.pk)], is_own_model=True)]

    def public_keys(self) -> Iterator[str]:
        yield from _keys(public_documents().order_by("pk").values_list("pk", flat=True))

    def public_count(self) -> int:
        return public_documents().count()

    def documents(self, keys: Sequence[str]) -> dict[str, SearchDocument]:
        documents = (
            public_documents().filter(pk__in=_ids(keys)).select_related("edition")
        )
        return {
            str(document.pk): SearchDocument(
                kind=self.kind,
                key=str(document.pk),
                title=document.title,
                body=f"{document.summary}\n{document.get_kind_display()}",
                url=reverse(
                    "outcomes:document", args=[document.edition.slug, document.slug]
                ),
                date=document.published_on,
                edition=document.edition.slug,
            )
            for document in documents
        }


class TransmissionAdapter(Adapter):
    kind = "transmission"
    label = _("Transmission")

    def watches(self) -> list[Watch]:
        return [
            Watch(Transmission, lambda t: [str(t.pk)], is_own_model=True),
            Watch(UptakeEvent, lambda e: [str(e.transmission_id)]),
            Watch(MessageLink, lambda link: [str(link.transmission_id)]),
        ]

    def public_keys(self) -> Iterator[str]:
        yield from _keys(
            live_transmissions().order_by("pk").values_list("pk", flat=True)
        )

    def public_count(self) -> int:
        return live_transmissions().count()

    def documents(self, keys: Sequence[str]) -> dict[str, SearchDocument]:
        transmissions = (
            live_transmissions()
            .filter(pk__in=_ids(keys))
            .select_related("forum", "document__edition")
            .prefetch_related("messages__document__edition")
        )
        found = {}
        for transmission in transmissions:
            forum = transmission.forum
            messages = list(transmission.messages.all())
            editions = [transmission.document.edition] if transmission.document else []
            editions += [m.document.edition for m in messages]
            what = (
                transmission.document.title
                if transmission.document
                else "; ".join(m.title or _first_words(m.text) for m in messages[:3])
            )
            found[str(transmission.pk)] = SearchDocument(
                kind=self.kind,
                key=str(transmission.pk),
                title=f"{what} → {forum.acronym or forum.name}",
                body="\n".join(
                    part
                    for part in (
                        forum.name,
                        transmission.actor,
                        transmission.document_symbol,
                        transmission.note,
                        transmission.get_channel_display(),
                    )
                    if part
                ),
                url=reverse("outcomes:forum", args=[forum.slug]),
                date=transmission.sent_on,
                edition=editions[0].slug if editions else "",
                facets={
                    "forum": (forum.name,),
                    "uptake_status": (transmission.status,),
                },
            )
        return found


def _first_words(text: str, length: int = 120) -> str:
    text = " ".join(text.split())
    return text if len(text) <= length else text[:length].rsplit(" ", 1)[0] + " …"


def _messages_of_document(document: OutcomeDocument) -> list[str]:
    return _keys(
        PolicyMessage.objects.filter(document_id=document.pk).values_list(
            "pk", flat=True
        )
    )


def _messages_of_transmission(transmission: Transmission) -> list[str]:
    keys = _keys(
        MessageLink.objects.filter(transmission_id=transmission.pk).values_list(
            "policymessage_id", flat=True
        )
    )
    if transmission.document_id:
        keys += _keys(
            PolicyMessage.objects.filter(
                document_id=transmission.document_id
            ).values_list("pk", flat=True)
        )
    return keys
