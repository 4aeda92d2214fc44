from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.fields import StreamField
from wagtail.models import Page

from cms.blocks import BodyBlock
from igfplus.models.translation import record_content


class HomePage(Page):
    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "cms.ForumEditionPage",
        "cms.StandardPage",
        "cms.NriIndexPage",
        "intersessional.IntersessionalIndexPage",
        "outcomes.LeadershipPanelPage",
    ]
    max_count = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        from cms.selectors import featured_edition

        context = super().get_context(request, *args, **kwargs)
        context["featured"] = featured_edition(now=timezone.now())
        return context


class StandardPage(Page):
    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("body"),
        InlinePanel("translations", heading=_("Translations"), label=_("Translation")),
    ]

    parent_page_types = ["cms.HomePage", "cms.ForumEditionPage", "cms.StandardPage"]
    subpage_types = ["cms.StandardPage"]

    class Meta:
        verbose_name = _("standard page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["content"] = record_content(self, get_language())
        return context
