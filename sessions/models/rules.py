import datetime as dt

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel


class ProgrammeRules(models.Model):
    """The MAG's rules for one edition: proposal checks, evaluation and scheduling limits.

    Every number is configurable because the MAG changes its criteria every year.
    """

    edition = models.OneToOneField(
        "cms.ForumEditionPage",
        on_delete=models.CASCADE,
        related_name="programme_rules",
        verbose_name=_("edition"),
    )
    # Proposal rules
    min_speakers = models.PositiveSmallIntegerField(_("minimum speakers"), default=3)
    require_gender_diversity = models.BooleanField(
        _("require gender diversity among speakers"), default=True
    )
    min_onsite_moderators = models.PositiveSmallIntegerField(
        _("minimum onsite moderators"), default=1
    )
    min_onsite_speakers = models.PositiveSmallIntegerField(
        _("minimum onsite speakers"), default=2
    )
    max_sessions_per_person = models.PositiveSmallIntegerField(
        _("maximum sessions per person"), default=3, validators=[MinValueValidator(1)]
    )
    max_proposals_per_person = models.PositiveSmallIntegerField(
        _("maximum proposals per person"), default=3, validators=[MinValueValidator(1)]
    )
    max_proposals_per_institution = models.PositiveSmallIntegerField(
        _("maximum proposals per institution"),
        default=3,
        validators=[MinValueValidator(1)],
    )
    mag_members_may_submit = models.BooleanField(
        _("MAG members may submit"), default=False
    )
    require_previous_reports = models.BooleanField(
        _("a missing report from last year blocks new proposals"), default=True
    )
    # Evaluation
    reviews_per_proposal = models.PositiveSmallIntegerField(
        _("MAG reviews per proposal"), default=3, validators=[MinValueValidator(1)]
    )
    blind_review = models.BooleanField(
        _("hide proposer identity from reviewers"), default=True
    )
    # Scheduling
    max_parallel_per_theme = models.PositiveSmallIntegerField(
        _("maximum sessions of one sub-theme in parallel"),
        default=3,
        validators=[MinValueValidator(1)],
    )
    venue_opens_at = models.TimeField(_("venue opens"), default=dt.time(9, 0))
    venue_closes_at = models.TimeField(_("venue closes"), default=dt.time(19, 0))

    panels = [
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [FieldPanel("min_speakers"), FieldPanel("require_gender_diversity")]
                ),
                FieldRowPanel(
                    [
                        FieldPanel("min_onsite_moderators"),
                        FieldPanel("min_onsite_speakers"),
                    ]
                ),
                FieldPanel("max_sessions_per_person"),
                FieldRowPanel(
                    [
                        FieldPanel("max_proposals_per_person"),
                        FieldPanel("max_proposals_per_institution"),
                    ]
                ),
                FieldRowPanel(
                    [
                        FieldPanel("mag_members_may_submit"),
                        FieldPanel("require_previous_reports"),
                    ]
                ),
            ],
            heading=_("Proposals"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [FieldPanel("reviews_per_proposal"), FieldPanel("blind_review")]
                )
            ],
            heading=_("Evaluation"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("max_parallel_per_theme"),
                FieldRowPanel(
                    [FieldPanel("venue_opens_at"), FieldPanel("venue_closes_at")]
                ),
            ],
            heading=_("Scheduling"),
        ),
    ]

    class Meta:
        verbose_name = _("programme rules")
        verbose_name_plural = _("programme rules")

    def __str__(self) -> str:
        return str(_("Programme rules of %(edition)s") % {"edition": self.edition})

    @classmethod
    def for_edition(cls, edition) -> "ProgrammeRules":
        """The edition's rules, created with the DOMAIN.md defaults on first use."""
        rules, _created = cls.objects.get_or_create(edition=edition)
        return rules
