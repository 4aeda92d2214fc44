"""The search index kept in the database, and the outbox of index work not yet applied."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchEntry(models.Model):
    """One public item as search shows it: both database flavours query these rows.

    SQLite mirrors title and body into an FTS5 table (``search_entry_fts``, kept by
    triggers); PostgreSQL keeps a generated, weighted ``search_vector`` column with a GIN
    index. Both are created by migration 0002 for their own vendor only.
    """

    kind = models.CharField(_("content type"), max_length=32)
    object_key = models.CharField(_("object key"), max_length=64)
    title = models.CharField(_("title"), max_length=500)
    body = models.TextField(_("text"), blank=True)
    url = models.CharField(_("link"), max_length=500)
    date = models.DateField(_("date"), null=True, blank=True)
    edition = models.CharField(_("edition"), max_length=64, blank=True)
    language = models.CharField(_("language"), max_length=8, default="en")
    # Facet values for display and JSON; SearchFacet rows are what queries filter on.
    facets = models.JSONField(_("facet values"), default=dict)
    # Only public items are indexed; kept so a visibility change is one UPDATE away.
    is_public = models.BooleanField(_("public"), default=True)
    indexed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "object_key"], name="unique_search_entry"
            )
        ]
        indexes = [
            models.Index(fields=["date", "id"], name="search_entry_date"),
            # The two commonest filters read columns, not facet rows.
            models.Index(fields=["kind", "edition"], name="search_entry_kind"),
            models.Index(fields=["edition", "kind"], name="search_entry_edition"),
            models.Index(fields=["title"], name="search_entry_title"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.object_key}: {self.title}"


class SearchFacet(models.Model):
    """One facet value of an entry (a message's theme, a session's track…)."""

    entry = models.ForeignKey(
        SearchEntry, on_delete=models.CASCADE, related_name="facet_values"
    )
    name = models.CharField(max_length=32)
    value = models.CharField(max_length=200)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["entry", "name", "value"], name="unique_search_facet"
            )
        ]
        # Filtering starts from a value and finds entries; counting starts from entries.
        indexes = [
            models.Index(fields=["name", "value", "entry"], name="search_facet_value"),
        ]

    def __str__(self) -> str:
        return f"{self.name}={self.value}"


class OutboxAction(models.TextChoices):
    INDEX = "index", _("Index")
    DELETE = "delete", _("Delete")


class IndexOutbox(models.Model):
    """Index work written with the change that caused it, applied after commit.

    Rows leave only once every configured backend took them: with Elasticsearch down
    they stay (with the error) and the next drain retries them.
    """

    kind = models.CharField(_("content type"), max_length=32)
    object_key = models.CharField(_("object key"), max_length=64)
    action = models.CharField(
        _("action"), max_length=8, choices=OutboxAction.choices, default="index"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)

    class Meta:
        verbose_name = _("index outbox item")
        verbose_name_plural = _("index outbox")
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.action} {self.kind} {self.object_key}"
