"""The IGF Leadership Panel's page: who sits on it, its papers, what it carried where.

Its papers are outcome documents and its work is transmissions, so the page lives with
the outcomes (the top of the app chain) and reads them through the outcomes selectors.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page

TERM_ENDS_BEFORE_IT_STARTS = _("The term cannot end before it starts.")
EX_OFFICIO_NEEDS_BASIS = _(
    "Say on what basis this member sits ex officio (e.g. “Chair of the MAG”)."
)


class PanelRole(models.TextChoices):
    CHAIR = "chair", _("Chair")
    VICE_CHAIR = "vice_chair", _("Vice-chair")
    MEMBER = "member", _("Member")
    EX_OFFICIO = "ex_officio", _("Ex officio member")


class LeadershipPanelPage(Page):
    """The one Leadership Panel page, under the home page (``/leadership-panel/``)."""

    introduction = RichTextField(
        _("introduction"),
        blank=True,
        features=["bold", "italic", "link", "ol", "ul"],
        help_text=_("The panel's mandate, in a few plain sentences."),
    )
    terms_of_reference_url = models.URLField(_("terms of reference"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("introduction"),
        FieldPanel("terms_of_reference_url"),
        InlinePanel("members", label=_("Members")),
    ]

    parent_page_types = ["cms.HomePage"]
    subpage_types: list[str] = []
    max_count = 1
    template = "outcomes/leadership_panel_page.html"

    class Meta:
        verbose_name = _("Leadership Panel page")

    def get_context(self, request, *args, **kwargs):
        from outcomes.selectors import leadership_panel

        context = super().get_context(request, *args, **kwargs)
        context["panel"] = leadership_panel(self)
        return context


class PanelMember(Orderable):
    page = ParentalKey(
        LeadershipPanelPage, on_delete=models.CASCADE, related_name="members"
    )
    name = models.CharField(_("name"), max_length=200)
    affiliation = models.CharField(_("affiliation"), max_length=200, blank=True)
    role = models.CharField(
        _("role"), max_length=16, choices=PanelRole.choices, default=PanelRole.MEMBER
    )
    basis = models.CharField(
        _("basis"),
        max_length=200,
        blank=True,
        help_text=_("For ex officio members: the office that gives the seat."),
    )
    term_starts_on = models.DateField(_("term starts"))
    term_ends_on = models.DateField(_("term ends"), null=True, blank=True)

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("affiliation")]),
        FieldRowPanel([FieldPanel("role"), FieldPanel("basis")]),
        FieldRowPanel([FieldPanel("term_starts_on"), FieldPanel("term_ends_on")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("panel member")
        verbose_name_plural = _("panel members")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        errors = {}
        if (
            self.term_ends_on
            and self.term_starts_on
            and (self.term_ends_on < self.term_starts_on)
        ):
            errors["term_ends_on"] = TERM_ENDS_BEFORE_IT_STARTS
        if self.role == PanelRole.EX_OFFICIO and not self.basis.strip():
            errors["basis"] = EX_OFFICIO_NEEDS_BASIS
        if errors:
            raise ValidationError(errors)
