"""Receivers that turn content changes into outbox rows, in the change's own transaction.

Domain apps never import search: search listens. Each receiver costs one INSERT (plus a
lookup for changes that concern other items, such as a release concerning its sessions);
the actual indexing happens after commit (services/indexing.py).
"""

from __future__ import annotations

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from wagtail.signals import page_published, page_unpublished

from search.models import OutboxAction
from search.registry import Watch, adapters
from search.services.indexing import queue_index_work


def _on_change(kind: str, watch: Watch):
    def receive(sender, instance, raw=False, **kwargs):
        if raw:  # loaddata: the fixture's rows are indexed by search_reindex
            return
        queue_index_work(kind, watch.keys(instance))

    return receive


def _on_own_delete(kind: str):
    def receive(sender, instance, **kwargs):
        queue_index_work(kind, [str(instance.pk)], action=OutboxAction.DELETE)

    return receive


def _on_links_changed(watches: list[tuple[str, Watch]]):
    """Messages added to or removed from a transmission (a many-to-many link)."""

    def receive(sender, instance, action, reverse, model, pk_set, **kwargs):
        if action not in ("post_add", "post_remove", "pre_clear"):
            return
        links = sender.objects.filter(
            **{
                ("policymessage_id" if reverse else "transmission_id"): instance.pk,
                **(
                    {}
                    if pk_set is None
                    else {
                        (
                            "transmission_id__in" if reverse else "policymessage_id__in"
                        ): pk_set
                    }
                ),
            }
        )
        if action == "post_remove":  # the links are gone: rebuild them from the ids
            links = [
                sender(
                    **(
                        {"policymessage_id": instance.pk, "transmission_id": pk}
                        if reverse
                        else {"transmission_id": instance.pk, "policymessage_id": pk}
                    )
                )
                for pk in pk_set or ()
            ]
        links = list(links)
        for kind, watch in watches:
            queue_index_work(kind, [key for link in links for key in watch.keys(link)])

    return receive


def connect() -> None:
    """Connect a receiver for every model an adapter watches (called from AppConfig.ready)."""
    m2m: dict[type, list[tuple[str, Watch]]] = {}
    for kind, adapter in adapters().items():
        for watch in adapter.watches():
            uid = f"search:{kind}:{watch.model._meta.label}"
            if watch.model._meta.auto_created:  # a many-to-many table
                m2m.setdefault(watch.model, []).append((kind, watch))
                continue
            post_save.connect(
                _on_change(kind, watch),
                sender=watch.model,
                weak=False,
                dispatch_uid=uid,
            )
            if watch.is_own_model:
                post_delete.connect(
                    _on_own_delete(kind),
                    sender=watch.model,
                    weak=False,
                    dispatch_uid=uid,
                )
                for signal in (page_published, page_unpublished):
                    signal.connect(
                        _on_change(kind, watch),
                        sender=watch.model,
                        weak=False,
                        dispatch_uid=uid,
                    )
            else:
                # Before the delete, while the row still says which items it concerns.
                pre_delete.connect(
                    _on_change(kind, watch),
                    sender=watch.model,
                    weak=False,
                    dispatch_uid=uid,
                )
    for through, watches in m2m.items():
        m2m_changed.connect(
            _on_links_changed(watches),
            sender=through,
            weak=False,
            dispatch_uid=f"search:m2m:{through._meta.label}",
        )
