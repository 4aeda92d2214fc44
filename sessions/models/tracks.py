from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable

from sessions.enums import Track


class TrackProfile(ClusterableModel):
    """What a track's page says about it in one edition: who runs it and with whom.

    The track's sessions come from the programme (session types carry the track); its
    NRI events and output documents from the apps that own them.
    """

    edition = models.ForeignKey(
        "cms.ForumEditionPage",
        on_delete=models.PROTECT,
        related_name="track_profiles",
        verbose_name=_("edition"),
    )
    track = models.CharField(_("track"), max_length=20, choices=Track.choices)
    introduction = RichTextField(
        _("introduction"),
        blank=True,
        features=["bold", "italic", "link", "ol", "ul"],
        help_text=_("Who the track is for and what it does this year."),
    )

    panels = [
        FieldRowPanel([FieldPanel("edition"), FieldPanel("track")]),
        FieldPanel("introduction"),
        InlinePanel("partners", label=_("Partners")),
    ]

    class Meta:
        verbose_name = _("track")
        verbose_name_plural = _("tracks")
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "track"],
                name="one_profile_per_track_and_edition",
                violation_error_message=_(
                    "This edition already has a page for this track."
                ),
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_track_display()} · {self.edition}"


class TrackPartner(Orderable):
    profile = ParentalKey(
        TrackProfile, on_delete=models.CASCADE, related_name="partners"
    )
    name = models.CharField(_("name"), max_length=200)
    role = models.CharField(
        _("role"),
        max_length=100,
        blank=True,
        help_text=_("E.g. co-organiser, host parliament."),
    )
    website = models.URLField(_("website"), blank=True)

    panels = [FieldRowPanel([FieldPanel("name"), FieldPanel("role")]), "website"]

    class Meta(Orderable.Meta):
        verbose_name = _("partner")
        verbose_name_plural = _("partners")

    def __str__(self) -> str:
        return self.name
