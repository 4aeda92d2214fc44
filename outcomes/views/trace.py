"""Public outcome pages: documents, message traces, forums, editions, the dashboard."""

from __future__ import annotations

from django import forms
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import path
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from igfplus.models.translation import record_content
from outcomes import selectors
from outcomes.enums import ForumKind, UptakeStatus
from outcomes.models import NormativeForum
from outcomes.services import charts
from outcomes.services.comments import is_open_for_comment
from outcomes.services.watchlists import followed_by

FORUM_PAGE_SIZE = 50
YEARS_OUT_OF_ORDER = _("The first year must not come after the last year.")
OTHER_THEMES = _("Other sub-themes")
OTHER_FORUMS = _("Other forums")
NO_THEME = _("No sub-theme")
# A pattern per status, drawn over its colour: the legend tells them apart in greyscale.
STATUS_PATTERNS = {
    UptakeStatus.REFLECTED: "",
    UptakeStatus.REFERENCED: "pattern-diagonal",
    UptakeStatus.DISCUSSED: "pattern-dots",
    UptakeStatus.ACKNOWLEDGED: "pattern-horizontal",
    UptakeStatus.SENT: "pattern-crosshatch",
    UptakeStatus.NO_ACTION: "pattern-back-diagonal",
    UptakeStatus.WITHDRAWN: "pattern-vertical",
}


def status_series() -> list[charts.Series]:
    """One series per status, in STATUS_ORDER, each with its fixed colour and pattern."""
    series = charts.make_series(
        [(status.value, str(status.label)) for status in selectors.STATUS_ORDER]
    )
    return [
        charts.Series(item.key, item.label, item.fill, STATUS_PATTERNS[item.key])
        for item in series
    ]


def index(request):
    return render(
        request,
        "outcomes/trace/index.html",
        {
            "editions": selectors.documents_by_edition(),
            "forum_count": NormativeForum.objects.count(),
        },
    )


def document(request, edition, slug):
    page = selectors.document_page(edition, slug)
    if page is None:
        raise Http404
    doc = page.document
    is_open = is_open_for_comment(
        status=doc.status,
        comments_close_on=doc.comments_close_on,
        today=timezone.localdate(),
    )
    language = translation.get_language()
    for group in page.themes:
        selectors.with_translated_text(group.messages, language)
    return render(
        request,
        "outcomes/trace/document.html",
        {
            "doc_page": page,
            "document": doc,
            "is_open": is_open,
            "content": record_content(doc, language),
        },
    )


def message(request, guid):
    trace = selectors.message_trace(guid)
    if trace is None:
        raise Http404
    return render(
        request,
        "outcomes/trace/message.html",
        {
            "trace": trace,
            "message": trace.message,
            "content": record_content(trace.message, translation.get_language()),
            "followed": followed_by(request.user),
        },
    )


def forum_list(request):
    return render(
        request,
        "outcomes/trace/forum_list.html",
        {
            "forums": selectors.forum_summaries(),
            "statuses": [(s.value, s.label) for s in selectors.STATUS_ORDER],
        },
    )


def forum(request, slug):
    forum = get_object_or_404(NormativeForum, slug=slug)
    paginator = Paginator(selectors.forum_transmissions(forum), FORUM_PAGE_SIZE)
    page_obj = paginator.get_page(request.GET.get("page"))
    return render(
        request,
        "outcomes/trace/forum.html",
        {
            "forum": forum,
            "page_obj": page_obj,
            "years": selectors.group_by_year(page_obj.object_list),
            "followed": followed_by(request.user),
        },
    )


def session(request, guid):
    outcomes = selectors.session_outcomes(guid)
    if outcomes is None:
        raise Http404
    return render(
        request,
        "outcomes/trace/session.html",
        {
            "outcomes": outcomes,
            "report": outcomes.report,
            "session": outcomes.report.session,
        },
    )


def edition(request, acronym):
    outcomes = selectors.edition_outcomes(acronym)
    if outcomes is None:
        raise Http404
    return render(
        request,
        "outcomes/trace/edition.html",
        {
            "outcomes": outcomes,
            "edition": outcomes.edition,
            "status_counts": [
                (s.label, outcomes.status_counts.get(s, 0))
                for s in selectors.STATUS_ORDER
                if outcomes.status_counts.get(s, 0)
            ],
            "followed": followed_by(request.user),
        },
    )


class DashboardFilterForm(forms.Form):
    first_year = forms.TypedChoiceField(
        label=_("From edition"), required=False, coerce=int, empty_value=None
    )
    last_year = forms.TypedChoiceField(
        label=_("To edition"), required=False, coerce=int, empty_value=None
    )
    forum_kind = forms.ChoiceField(
        label=_("Kind of forum"),
        required=False,
        choices=[("", _("All kinds")), *ForumKind.choices],
    )

    def __init__(self, *args, years: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", _("Any")), *((str(year), str(year)) for year in years)]
        self.fields["first_year"].choices = choices
        self.fields["last_year"].choices = choices

    def clean(self):
        data = super().clean()
        first, last = data.get("first_year"), data.get("last_year")
        if first and last and first > last:
            raise forms.ValidationError(YEARS_OUT_OF_ORDER)
        return data

    def filters(self) -> selectors.DashboardFilters:
        if not self.is_bound or not self.is_valid():
            return selectors.DashboardFilters()
        return selectors.DashboardFilters(
            first_year=self.cleaned_data["first_year"],
            last_year=self.cleaned_data["last_year"],
            forum_kind=self.cleaned_data["forum_kind"],
        )

    @property
    def is_filtered(self) -> bool:
        return self.filters() != selectors.DashboardFilters()


def dashboard(request):
    form = DashboardFilterForm(request.GET or None, years=selectors.edition_years())
    filters = form.filters()
    rtl = translation.get_language_bidi()
    series = status_series()

    def bars(rows):
        return charts.stacked_bars(
            [(row.label, row.values()) for row in rows], series, rtl=rtl
        )

    by_forum = selectors.uptake_by_forum(filters)
    by_theme = [
        selectors.CountRow(
            str(NO_THEME) if row.label == selectors.NO_THEME else row.label,
            row.counts,
        )
        for row in selectors.uptake_by_theme(filters)
    ]
    by_year = selectors.uptake_by_year(filters)
    flows = [
        (
            str(NO_THEME) if row.theme == selectors.NO_THEME else row.theme,
            row.forum,
            row.status,
            row.count,
        )
        for row in selectors.theme_forum_status_flows(filters)
    ]
    columns, links = charts.three_stage_links(
        flows,
        last_stage=[(item.key, item.label) for item in series],
        keep=8,
        other_first=str(OTHER_THEMES),
        other_second=str(OTHER_FORUMS),
    )
    flow = charts.sankey(columns, links, rtl=rtl)
    styles = {f"3:{item.key}": item for item in series}
    return render(
        request,
        "outcomes/trace/dashboard.html",
        {
            "form": form,
            "series": series,
            "forum_chart": bars(by_forum),
            "forum_rows": by_forum,
            "theme_chart": bars(by_theme),
            "theme_rows": by_theme,
            "year_chart": bars(by_year),
            "year_rows": by_year,
            "flow": flow,
            "flow_total": sum(row[3] for row in flows),
            # Status nodes, and the links into them, wear their status's colour.
            "flow_nodes": [(node, styles.get(node.key)) for node in flow.nodes],
            "flow_links": [(link, styles.get(link.target)) for link in flow.links],
        },
    )


urlpatterns = [
    path("", index, name="index"),
    path("dashboard/", dashboard, name="dashboard"),
    path("documents/<slug:edition>/<slug:slug>/", document, name="document"),
    path("messages/<uuid:guid>/", message, name="message"),
    path("forums/", forum_list, name="forums"),
    path("forums/<slug:slug>/", forum, name="forum"),
    path("sessions/<uuid:guid>/", session, name="session"),
    path("editions/<slug:acronym>/", edition, name="edition"),
]
