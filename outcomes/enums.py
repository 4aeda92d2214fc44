"""Choices of the outcomes (see DOMAIN.md, "Where outputs go")."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ForumKind(models.TextChoices):
    UN_BODY = "un_body", _("UN body")
    INTERGOVERNMENTAL = "intergovernmental", _("Intergovernmental body")
    TREATY_BODY = "treaty_body", _("Treaty body")
    G_GROUP = "g_group", _("G-group")
    REGIONAL = "regional", _("Regional body")
    PARLIAMENT = "parliament", _("National parliament")
    MULTISTAKEHOLDER = "multistakeholder", _("Multistakeholder process")


class DocumentKind(models.TextChoices):
    MESSAGES = "messages", _("IGF Messages")
    SUMMARY = "summary", _("Summary report")
    PARLIAMENTARY = "parliamentary", _("Parliamentary track output")
    YOUTH = "youth", _("Youth messages")
    BPF = "bpf", _("Best Practice Forum report")
    PN = "pn", _("Policy Network report")
    DC = "dc", _("Dynamic Coalition report")
    NRI = "nri", _("NRI report")
    LEADERSHIP_PANEL = "leadership_panel", _("Leadership Panel paper")


class DocumentStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLIC_COMMENT = "public_comment", _("Open for public comment")
    FINAL = "final", _("Final")


class SourceKind(models.TextChoices):
    SESSION_REPORT = "session_report", _("Session report")
    TAKEAWAY = "takeaway", _("Key takeaway")
    INTERSESSIONAL_OUTPUT = "intersessional_output", _("Intersessional output")
    NRI_REPORT = "nri_report", _("NRI report")


class Channel(models.TextChoices):
    LEADERSHIP_PANEL = "leadership_panel", _("Leadership Panel member")
    BRIEFING = "briefing", _("Secretariat briefing")
    SESSION_AT_FORUM = "session_at_forum", _("Session held at the forum")
    FORMAL_REPORT = "formal_report", _("Formal report")
    SUBMISSION = "submission", _("Input submission")


class UptakeKind(models.TextChoices):
    """The closed vocabulary of what happened at a forum, in rising order of uptake."""

    ACKNOWLEDGED = "acknowledged", _("Acknowledged")
    DISCUSSED = "discussed", _("Discussed")
    REFERENCED = "referenced", _("Referenced in a document")
    REFLECTED = "reflected", _("Reflected in a decision or resolution")
    NO_ACTION = "no_action", _("No action")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class UptakeStatus(models.TextChoices):
    """A transmission's current state: derived from its events, never typed."""

    SENT = "sent", _("Sent, awaiting follow-up")
    ACKNOWLEDGED = "acknowledged", _("Acknowledged")
    DISCUSSED = "discussed", _("Discussed")
    REFERENCED = "referenced", _("Referenced in a document")
    REFLECTED = "reflected", _("Reflected in a decision or resolution")
    NO_ACTION = "no_action", _("No action")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class EvidenceLevel(models.TextChoices):
    DIRECT = "direct", _("Direct: the forum's own record names the IGF input")
    INDIRECT = "indirect", _("Indirect: the topic appears, the IGF is not named")


class CommentStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting moderation")
    PUBLISHED = "published", _("Published")
    REJECTED = "rejected", _("Rejected")
    RESOLVED = "resolved", _("Resolved")
