"""Admin views of the MAG's evaluation of proposals (mounted by sessions.wagtail_hooks).

Secretariat: screening, assignment, progress, ranking, decisions, ratings export.
MAG members: their own list of proposals, ratings, conflicts of interest.
"""

from __future__ import annotations

import csv

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, TemplateView, View
from wagtail.admin.auth import permission_denied
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets.button import HeaderButton

from cms.models import ForumEditionPage
from igfplus.csv_safety import defuse_formula
from sessions.enums import DecisionOutcome
from sessions.models import ProgrammeRules, ReviewAssignment, SessionPage, SessionType
from sessions.services import evaluation as services

RATE = "forum_sessions.rate_proposal"
SCREEN = "forum_sessions.screen_proposal"
DECIDE = "forum_sessions.decide_proposal"

MENU_LABEL = _("Proposal evaluation")
RATING_SAVED = _("Your rating of %(code)s is saved.")
CONFLICT_DECLARED = _("Conflict of interest declared: %(code)s has left your list.")
CONFLICT_DECLARED_RATING_WITHDRAWN = _(
    "Conflict of interest declared: %(code)s has left your list and your rating of it "
    "was withdrawn."
)
SCREENING_SAVED = _("Screening of %(code)s saved.")
ASSIGNMENTS_MADE = _("New review assignments: %(count)d.")
TOO_FEW_REVIEWERS = _("Too few eligible MAG members to review: %(codes)s.")
DECISION_SAVED = _("Decision on %(code)s saved: %(outcome)s.")

SCORE_CHOICES = [
    (1, _("1 – serious problems")),
    (2, _("2 – weak")),
    (3, _("3 – acceptable")),
    (4, _("4 – strong")),
    (5, _("5 – must be accepted")),
]


# --------------------------------------------------------------------------------------
# Forms
# --------------------------------------------------------------------------------------


class ProposalChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: SessionPage) -> str:
        return f"{obj.code} – {obj.title}"


class RatingForm(forms.Form):
    score = forms.IntegerField(
        label=_("Score"),
        min_value=services.MIN_SCORE,
        max_value=services.MAX_SCORE,
        widget=forms.RadioSelect(choices=SCORE_CHOICES),
        error_messages=dict.fromkeys(
            ("required", "invalid", "min_value", "max_value"),
            services.SCORE_OUT_OF_RANGE,
        ),
    )
    comment = forms.CharField(label=_("Comment"), widget=forms.Textarea, required=False)
    merge_with = ProposalChoiceField(
        label=_("Suggest merging with"),
        queryset=SessionPage.objects.none(),
        required=False,
        help_text=_("Another proposal of this edition that covers the same ground."),
    )

    def __init__(self, *args, session: SessionPage, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["merge_with"].queryset = services.merge_candidates(session)


class ConflictForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (optional)"),
        max_length=300,
        required=False,
        help_text=_("Seen by the secretariat only."),
    )


class ScreeningForm(forms.Form):
    passed = forms.TypedChoiceField(
        label=_("Result"),
        choices=[("yes", _("Passes screening")), ("no", _("Fails screening"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    reasons = forms.CharField(
        label=_("Reasons"),
        widget=forms.Textarea,
        required=False,
        help_text=_("Required when the proposal fails: the proposer reads them."),
    )


class DecisionForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Decision"), choices=DecisionOutcome.choices, widget=forms.RadioSelect
    )
    merge_into = ProposalChoiceField(
        label=_("Merge into"),
        queryset=SessionPage.objects.none(),
        required=False,
        help_text=_("Only when merging."),
    )
    offered_type = forms.ModelChoiceField(
        label=_("Format to offer"),
        queryset=SessionType.objects.none(),
        required=False,
        help_text=_("Only when offering another format."),
    )
    note = forms.CharField(label=_("Note"), widget=forms.Textarea, required=False)

    def __init__(self, *args, session: SessionPage, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["merge_into"].queryset = services.merge_candidates(session)
        self.fields["offered_type"].queryset = SessionType.objects.filter(
            edition_id=session.edition_id
        ).exclude(pk=session.session_type_id)


# Which form field a service's refusal belongs to (by ValidationError code).
ERROR_FIELDS = {
    "score": "score",
    "merge_itself": None,
    "reasons_required": "reasons",
    "merge_required": "merge_into",
    "merge_closed": "merge_into",
    "merge_edition": None,
    "offer_required": "offered_type",
    "offer_same": "offered_type",
}


def add_service_error(form: forms.Form, error: ValidationError) -> None:
    field = ERROR_FIELDS.get(error.code)
    form.add_error(field if field in form.fields else None, error)


# --------------------------------------------------------------------------------------
# Views
# --------------------------------------------------------------------------------------


class EvaluationMixin(WagtailAdminTemplateMixin):
    """Permission check, the edition from the URL, breadcrumbs."""

    permissions: tuple[str, ...] = ()  # any one of them lets the user in
    header_icon = "tasks"
    edition: ForumEditionPage | None = None

    def dispatch(self, request, *args, **kwargs):
        if not any(request.user.has_perm(name) for name in self.permissions):
            return permission_denied(request)
        if "edition_id" in kwargs:
            self.edition = get_object_or_404(ForumEditionPage, pk=kwargs["edition_id"])
        self.load_objects(request, **kwargs)
        return super().dispatch(request, *args, **kwargs)

    def load_objects(self, request, **kwargs) -> None:
        """Look up what the URL names, once the user is known to be allowed in."""

    def get_page_subtitle(self):
        return self.edition.title if self.edition else ""

    def get_breadcrumbs_items(self):
        items = [
            *self.breadcrumbs_items,
            {"url": reverse("evaluation:index"), "label": MENU_LABEL},
        ]
        if self.edition:
            items.append({"url": None, "label": self.edition.title})
        return [*items, {"url": None, "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context.update(
            edition=self.edition,
            can_rate=user.has_perm(RATE),
            can_screen=user.has_perm(SCREEN),
            can_decide=user.has_perm(DECIDE),
        )
        return context


class IndexView(EvaluationMixin, TemplateView):
    permissions = (RATE, SCREEN, DECIDE)
    page_title = MENU_LABEL
    template_name = "sessions/admin/evaluation/index.html"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": None, "label": MENU_LABEL}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        counts = services.review_counts(self.request.user)
        editions = list(services.evaluated_editions())
        for edition in editions:
            edition.my_rated, edition.my_assigned = counts.get(edition.pk, (0, 0))
        context["editions"] = editions
        return context


class ReviewListView(EvaluationMixin, TemplateView):
    permissions = (RATE,)
    page_title = _("My reviews")
    template_name = "sessions/admin/evaluation/reviews.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        assignments = services.assigned_reviews(self.request.user, self.edition)
        context.update(
            assignments=assignments,
            rated=sum(1 for a in assignments if hasattr(a, "rating")),
            blind=ProgrammeRules.for_edition(self.edition).blind_review,
        )
        return context


class AssignedProposalMixin(EvaluationMixin):
    """The proposal from the URL, only if it is on the member's list."""

    permissions = (RATE,)

    def load_objects(self, request, **kwargs) -> None:
        self.assignment = (
            ReviewAssignment.objects.select_related(
                "session__session_type", "session__theme", "session__proposer", "rating"
            )
            .filter(
                reviewer=request.user,
                session_id=kwargs["session_id"],
                session__edition=self.edition,
            )
            .first()
        )
        # Members see only what is assigned to them; others' proposals do not exist here.
        if self.assignment is None:
            raise Http404
        self.session = self.assignment.session

    def get_success_url(self):
        return reverse("evaluation:reviews", args=(self.edition.pk,))


class RateView(AssignedProposalMixin, FormView):
    template_name = "sessions/admin/evaluation/rate.html"
    form_class = RatingForm

    def get_page_title(self):
        return _("Rate %(code)s") % {"code": self.session.code}

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["session"] = self.session
        rating = getattr(self.assignment, "rating", None)
        if rating:
            kwargs["initial"] = {
                "score": rating.score,
                "comment": rating.comment,
                "merge_with": rating.merge_with_id,
            }
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        blind = ProgrammeRules.for_edition(self.edition).blind_review
        context.update(
            session=self.session,
            blind=blind,
            participants=services.participants_for_review(self.session, blind=blind),
        )
        return context

    def form_valid(self, form):
        try:
            services.rate_proposal(
                member=self.request.user,
                session=self.session,
                score=form.cleaned_data["score"],
                comment=form.cleaned_data["comment"],
                merge_with=form.cleaned_data["merge_with"],
            )
        except ValidationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, RATING_SAVED % {"code": self.session.code})
        return super().form_valid(form)


class ConflictView(AssignedProposalMixin, FormView):
    template_name = "sessions/admin/evaluation/conflict.html"
    form_class = ConflictForm

    def get_page_title(self):
        return _("Declare a conflict of interest with %(code)s") % {
            "code": self.session.code
        }

    def get_context_data(self, **kwargs):
        return super().get_context_data(session=self.session, **kwargs)

    def form_valid(self, form):
        result = services.declare_conflict(
            member=self.request.user,
            session=self.session,
            reason=form.cleaned_data["reason"],
        )
        message = (
            CONFLICT_DECLARED_RATING_WITHDRAWN
            if result.rating_withdrawn
            else CONFLICT_DECLARED
        )
        messages.success(self.request, message % {"code": self.session.code})
        return super().form_valid(form)


class ScreeningListView(EvaluationMixin, TemplateView):
    permissions = (SCREEN,)
    page_title = _("Screening")
    template_name = "sessions/admin/evaluation/screening.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            proposals=services.proposals_for_screening(self.edition), **kwargs
        )


class EditionProposalMixin(EvaluationMixin):
    """Any proposal of the edition from the URL."""

    def load_objects(self, request, **kwargs) -> None:
        self.session = get_object_or_404(
            SessionPage.objects.select_related("session_type", "theme"),
            pk=kwargs["session_id"],
            edition=self.edition,
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(session=self.session, **kwargs)


class ScreenView(EditionProposalMixin, FormView):
    permissions = (SCREEN,)
    template_name = "sessions/admin/evaluation/screen.html"
    form_class = ScreeningForm

    def get_page_title(self):
        return _("Screen %(code)s") % {"code": self.session.code}

    def get_initial(self):
        screening = getattr(self.session, "screening", None)
        if screening is None:
            return {}
        return {
            "passed": "yes" if screening.passed else "no",
            "reasons": screening.reasons,
        }

    def form_valid(self, form):
        try:
            services.screen_proposal(
                session=self.session,
                passed=form.cleaned_data["passed"],
                reasons=form.cleaned_data["reasons"],
                by=self.request.user,
            )
        except ValidationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, SCREENING_SAVED % {"code": self.session.code})
        return super().form_valid(form)

    def get_success_url(self):
        return reverse("evaluation:screening", args=(self.edition.pk,))


class ProgressView(EvaluationMixin, TemplateView):
    permissions = (DECIDE,)
    page_title = _("Assignment and progress")
    template_name = "sessions/admin/evaluation/progress.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            progress=services.evaluator_progress(self.edition),
            understaffed=services.understaffed_proposals(self.edition),
            reviews_per_proposal=ProgrammeRules.for_edition(
                self.edition
            ).reviews_per_proposal,
            **kwargs,
        )


class AssignView(EvaluationMixin, View):
    permissions = (DECIDE,)
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        plan = services.assign_reviewers(edition=self.edition)
        messages.success(request, ASSIGNMENTS_MADE % {"count": len(plan.new)})
        if plan.understaffed:
            codes = [
                p.code
                for p in SessionPage.objects.filter(pk__in=plan.understaffed)
                .select_related("session_type")
                .order_by("session_type__prefix", "number")
            ]
            messages.warning(request, TOO_FEW_REVIEWERS % {"codes": ", ".join(codes)})
        return redirect("evaluation:progress", self.edition.pk)


class RankingView(EvaluationMixin, TemplateView):
    permissions = (DECIDE,)
    page_title = _("Ranking and decisions")
    template_name = "sessions/admin/evaluation/ranking.html"
    columns = [
        ("code", _("Proposal")),
        ("title", _("Title")),
        ("count", _("Ratings")),
        ("mean", _("Mean")),
        ("median", _("Median")),
        ("spread", _("Spread")),
    ]

    def get_header_buttons(self):
        return [
            HeaderButton(
                _("Export ratings (CSV)"),
                url=reverse("evaluation:export", args=(self.edition.pk,)),
                icon_name="download",
            )
        ]

    def get_context_data(self, **kwargs):
        sort = self.request.GET.get("sort", services.DEFAULT_RANKING_SORT)
        if sort.lstrip("-") not in services.RANKING_SORTS:
            sort = services.DEFAULT_RANKING_SORT
        headers = []
        for key, label in self.columns:
            current = sort.lstrip("-") == key
            descending = current and sort.startswith("-")
            headers.append(
                {
                    "label": label,
                    # A click on the sorted column flips it; a new column starts high.
                    "sort": key if descending else f"-{key}",
                    "aria_sort": (
                        ("descending" if descending else "ascending") if current else ""
                    ),
                }
            )
        return super().get_context_data(
            rows=services.ranking(self.edition, sort), headers=headers, **kwargs
        )


class DecideView(EditionProposalMixin, FormView):
    permissions = (DECIDE,)
    template_name = "sessions/admin/evaluation/decide.html"
    form_class = DecisionForm

    def get_page_title(self):
        return _("Decide on %(code)s") % {"code": self.session.code}

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["session"] = self.session
        decision = getattr(self.session, "decision", None)
        if decision:
            kwargs["initial"] = {
                "outcome": decision.outcome,
                "merge_into": decision.merge_into_id,
                "offered_type": decision.offered_type_id,
                "note": decision.note,
            }
        return kwargs

    def form_valid(self, form):
        try:
            decision = services.decide_proposal(
                session=self.session,
                outcome=form.cleaned_data["outcome"],
                merge_into=form.cleaned_data["merge_into"],
                offered_type=form.cleaned_data["offered_type"],
                note=form.cleaned_data["note"],
                by=self.request.user,
            )
        except ValidationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            DECISION_SAVED
            % {"code": self.session.code, "outcome": decision.get_outcome_display()},
        )
        return super().form_valid(form)

    def get_success_url(self):
        return reverse("evaluation:ranking", args=(self.edition.pk,))


CSV_HEADER = [
    _("proposal"),
    _("title"),
    _("reviewer"),
    _("score"),
    _("comment"),
    _("merge with"),
    _("rated at (UTC)"),
]


class ExportRatingsView(EvaluationMixin, View):
    permissions = (DECIDE,)

    def get(self, request, *args, **kwargs):
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = (
            f'attachment; filename="{self.edition.slug}-ratings.csv"'
        )
        writer = csv.writer(response)
        writer.writerow([str(label) for label in CSV_HEADER])
        for rating in services.ratings_for_export(self.edition):
            session = rating.assignment.session
            writer.writerow(
                [
                    defuse_formula(value)
                    for value in (
                        session.code,
                        session.title,
                        rating.assignment.reviewer,
                        rating.score,
                        rating.comment,
                        rating.merge_with.code if rating.merge_with else "",
                        rating.updated_at.strftime("%Y-%m-%dT%H:%M:%SZ"),
                    )
                ]
            )
        return response


admin_urlpatterns = [
    path("", IndexView.as_view(), name="index"),
    path("<int:edition_id>/reviews/", ReviewListView.as_view(), name="reviews"),
    path(
        "<int:edition_id>/reviews/<int:session_id>/",
        RateView.as_view(),
        name="rate",
    ),
    path(
        "<int:edition_id>/reviews/<int:session_id>/conflict/",
        ConflictView.as_view(),
        name="conflict",
    ),
    path(
        "<int:edition_id>/screening/",
        ScreeningListView.as_view(),
        name="screening",
    ),
    path(
        "<int:edition_id>/screening/<int:session_id>/",
        ScreenView.as_view(),
        name="screen",
    ),
    path("<int:edition_id>/progress/", ProgressView.as_view(), name="progress"),
    path("<int:edition_id>/assign/", AssignView.as_view(), name="assign"),
    path("<int:edition_id>/ranking/", RankingView.as_view(), name="ranking"),
    path(
        "<int:edition_id>/decisions/<int:session_id>/",
        DecideView.as_view(),
        name="decide",
    ),
    path(
        "<int:edition_id>/ratings.csv",
        ExportRatingsView.as_view(),
        name="export",
    ),
]
