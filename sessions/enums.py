"""Choices of the programme (see DOMAIN.md)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SessionStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PROPOSED = "proposed", _("Proposed")
    ACCEPTED = "accepted", _("Accepted")
    SCHEDULED = "scheduled", _("Scheduled")
    CANCELLED = "cancelled", _("Cancelled")
    DECLINED = "declined", _("Declined")
    MERGED = "merged", _("Merged into another session")


class Track(models.TextChoices):
    HIGH_LEVEL = "high-level", _("High-level leaders track")
    PARLIAMENTARY = "parliamentary", _("Parliamentary track")
    YOUTH = "youth", _("Youth track")


class Delivery(models.TextChoices):
    ONSITE = "onsite", _("Onsite only")
    HYBRID = "hybrid", _("Hybrid (onsite and online)")
    ONLINE = "online", _("Online only")


class DiscussionFormat(models.TextChoices):
    PANEL = "panel", _("Panel")
    ROUNDTABLE = "roundtable", _("Roundtable")
    DEBATE = "debate", _("Debate")
    BIRDS_OF_A_FEATHER = "bof", _("Birds of a feather")
    PRESENTATION = "presentation", _("Presentation")
    TALK = "talk", _("Talk")
    OTHER = "other", _("Other")


class PersonRole(models.TextChoices):
    ORGANIZER = "organizer", _("Organizer")
    SPEAKER = "speaker", _("Speaker")
    ONSITE_MODERATOR = "onsite_moderator", _("Onsite moderator")
    ONLINE_MODERATOR = "online_moderator", _("Online moderator")
    RAPPORTEUR = "rapporteur", _("Rapporteur")


class Presence(models.TextChoices):
    ONSITE = "onsite", _("Onsite")
    ONLINE = "online", _("Online")


class DecisionOutcome(models.TextChoices):
    ACCEPT = "accept", _("Accept")
    MERGE = "merge", _("Merge into another proposal")
    DECLINE = "decline", _("Decline")
    OFFER_FORMAT = "offer_format", _("Offer another format")
