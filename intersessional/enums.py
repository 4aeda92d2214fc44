"""Enumerations of intersessional work (see DOMAIN.md, “Intersessional work”)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class BodyKind(models.TextChoices):
    BEST_PRACTICE_FORUM = "bpf", _("Best Practice Forum")
    POLICY_NETWORK = "pn", _("Policy Network")
    DYNAMIC_COALITION = "dc", _("Dynamic Coalition")


class BodyStatus(models.TextChoices):
    """What the secretariat records; ``inactive`` is derived, never stored."""

    ACTIVE = "active", _("Active")
    CONCLUDED = "concluded", _("Concluded")


class PublicStatus(models.TextChoices):
    """What visitors see: the recorded status, or inactive for a DC missing its report."""

    ACTIVE = "active", _("Active")
    INACTIVE = "inactive", _("Inactive (yearly report missing)")
    CONCLUDED = "concluded", _("Concluded")


class MeetingFormat(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    HYBRID = "hybrid", _("Hybrid")
    ONLINE = "online", _("Online")


class OutputKind(models.TextChoices):
    DRAFT = "draft", _("Draft output")
    FINAL_REPORT = "final_report", _("Final report")
    YEARLY_REPORT = "yearly_report", _("Yearly report")
    OTHER = "other", _("Other document")


class OutputStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    FINAL = "final", _("Final")


class CommentStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting moderation")
    PUBLISHED = "published", _("Published")
    REJECTED = "rejected", _("Rejected")
