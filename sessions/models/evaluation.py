from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from sessions.enums import DecisionOutcome


class Screening(models.Model):
    """The secretariat's check of a proposal against the minimum rules."""

    session = models.OneToOneField(
        "forum_sessions.SessionPage", on_delete=models.CASCADE, related_name="screening"
    )
    passed = models.BooleanField(_("passed"))
    reasons = models.TextField(_("reasons"), blank=True)
    screened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    screened_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("screening")
        permissions = [("screen_proposal", _("Can screen proposals"))]

    def __str__(self) -> str:
        return f"{self.session}: {'passed' if self.passed else 'failed'}"


class ConflictOfInterest(models.Model):
    """A MAG member's declared conflict with a proposal: it leaves their review list."""

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="conflicts_of_interest",
    )
    session = models.ForeignKey(
        "forum_sessions.SessionPage",
        on_delete=models.CASCADE,
        related_name="conflicts_of_interest",
    )
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    declared_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("conflict of interest")
        verbose_name_plural = _("conflicts of interest")
        constraints = [
            models.UniqueConstraint(
                fields=["member", "session"], name="unique_conflict_per_member"
            )
        ]

    def __str__(self) -> str:
        return f"{self.member} ✕ {self.session}"


class ReviewAssignment(models.Model):
    """A proposal given to a MAG member to rate."""

    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="review_assignments",
    )
    session = models.ForeignKey(
        "forum_sessions.SessionPage",
        on_delete=models.CASCADE,
        related_name="review_assignments",
    )
    assigned_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["reviewer", "session"], name="unique_assignment"
            )
        ]

    def __str__(self) -> str:
        return f"{self.session} → {self.reviewer}"


class Rating(models.Model):
    """One overall score from 1 (serious problems) to 5 (must be accepted)."""

    assignment = models.OneToOneField(
        ReviewAssignment, on_delete=models.CASCADE, related_name="rating"
    )
    score = models.PositiveSmallIntegerField(
        _("score"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    comment = models.TextField(_("comment"), blank=True)
    merge_with = models.ForeignKey(
        "forum_sessions.SessionPage",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("suggest merging with"),
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        permissions = [("rate_proposal", _("Can rate proposals assigned to them"))]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(score__gte=1, score__lte=5),
                name="rating_score_1_to_5",
            )
        ]

    def __str__(self) -> str:
        return f"{self.assignment}: {self.score}"


class Decision(models.Model):
    """The MAG's decision on a proposal."""

    session = models.OneToOneField(
        "forum_sessions.SessionPage", on_delete=models.CASCADE, related_name="decision"
    )
    outcome = models.CharField(
        _("decision"), max_length=16, choices=DecisionOutcome.choices
    )
    merge_into = models.ForeignKey(
        "forum_sessions.SessionPage",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="merged_from",
    )
    offered_type = models.ForeignKey(
        "forum_sessions.SessionType",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    note = models.TextField(_("note"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    decided_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("decision")
        permissions = [
            ("decide_proposal", _("Can record decisions and assign reviewers"))
        ]

    def __str__(self) -> str:
        return f"{self.session}: {self.get_outcome_display()}"
