from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.models import Orderable

from igfplus.enums import StakeholderGroup
from igfplus.fields import ChoiceListField


class ReportingRules(models.Model):
    """An edition's rules for session reports: when they are due."""

    edition = models.OneToOneField(
        "cms.ForumEditionPage",
        on_delete=models.CASCADE,
        related_name="reporting_rules",
        verbose_name=_("edition"),
    )
    report_due_days = models.PositiveSmallIntegerField(
        _("reports due (days after the session)"), default=14
    )
    remind_days_before = models.PositiveSmallIntegerField(
        _("remind organizers (days before the deadline)"), default=3
    )

    class Meta:
        verbose_name = _("reporting rules")
        verbose_name_plural = _("reporting rules")

    def __str__(self) -> str:
        return f"Reporting rules of {self.edition}"


class SessionReport(ClusterableModel):
    """What a session concluded, filed by its organizer or rapporteur after it took place."""

    session = models.OneToOneField(
        "forum_sessions.SessionPage",
        on_delete=models.PROTECT,
        related_name="report",
        verbose_name=_("session"),
    )
    summary = models.TextField(_("summary of the discussion"), blank=True)
    participants_onsite = models.PositiveIntegerField(
        _("participants onsite"), null=True
    )
    participants_online = models.PositiveIntegerField(
        _("participants online"), null=True
    )
    women_count = models.PositiveIntegerField(
        _("women (optional)"), null=True, blank=True
    )
    men_count = models.PositiveIntegerField(_("men (optional)"), null=True, blank=True)
    other_gender_count = models.PositiveIntegerField(
        _("other or undisclosed (optional)"), null=True, blank=True
    )
    is_submitted = models.BooleanField(_("submitted"), default=False)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("session report")
        verbose_name_plural = _("session reports")

    def __str__(self) -> str:
        return f"Report of {self.session}"


class Takeaway(Orderable):
    """One key takeaway of a session report: what messages cite as their source."""

    report = ParentalKey(
        SessionReport, on_delete=models.CASCADE, related_name="takeaways"
    )
    text = models.TextField(_("key takeaway"))

    class Meta(Orderable.Meta):
        verbose_name = _("key takeaway")
        verbose_name_plural = _("key takeaways")

    def __str__(self) -> str:
        return self.text[:80]


class CallToAction(Orderable):
    """A call to action of a session report, with the stakeholder groups it addresses."""

    report = ParentalKey(
        SessionReport, on_delete=models.CASCADE, related_name="calls_to_action"
    )
    text = models.TextField(_("call to action"))
    addressed_to = ChoiceListField(
        _("addressed to"), list_choices=StakeholderGroup.choices
    )

    class Meta(Orderable.Meta):
        verbose_name = _("call to action")
        verbose_name_plural = _("calls to action")

    def __str__(self) -> str:
        return self.text[:80]


class ReportReminder(models.Model):
    """A reminder e-mailed on one day about one session's report: at most one a day."""

    session = models.ForeignKey(
        "forum_sessions.SessionPage",
        on_delete=models.CASCADE,
        related_name="report_reminders",
    )
    sent_on = models.DateField(_("sent on"))
    recipients = models.PositiveSmallIntegerField(_("recipients"), default=0)

    class Meta:
        verbose_name = _("report reminder")
        verbose_name_plural = _("report reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "sent_on"], name="one_report_reminder_a_day"
            )
        ]

    def __str__(self) -> str:
        return f"Reminder about {self.session} on {self.sent_on}"
