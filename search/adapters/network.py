"""The forum's year-round network: NRIs, intersessional bodies and their outputs.

Only what is published and public: a page taken offline, or a body's output whose body
is, leaves the index at the next save.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from cms.models import NriAnnualReport, NriEvent, NriPage
from intersessional.models import IntersessionalBodyPage, Meeting, Output
from search.registry import Adapter, Watch
from search.services.documents import SearchDocument


def _ids(keys: Sequence[str]) -> list[int]:
    return [int(key) for key in keys if str(key).isdigit()]


class _PublicRowsAdapter(Adapter):
    """An adapter whose public items are the rows of one queryset, keyed by pk."""

    def public(self):
        raise NotImplementedError

    def public_keys(self) -> Iterator[str]:
        for pk in self.public().order_by("pk").values_list("pk", flat=True):
            yield str(pk)

    def public_count(self) -> int:
        return self.public().count()


def _published_on(page):
    moment = page.last_published_at or page.first_published_at
    return moment.date() if moment else None


class NriAdapter(_PublicRowsAdapter):
    kind = "nri"
    label = _("NRI")

    def watches(self) -> list[Watch]:
        return [
            Watch(NriPage, lambda page: [str(page.pk)], is_own_model=True),
            Watch(NriEvent, lambda event: [str(event.page_id)]),
            Watch(NriAnnualReport, lambda report: [str(report.page_id)]),
        ]

    def public(self):
        return NriPage.objects.live().public()

    def documents(self, keys: Sequence[str]) -> dict[str, SearchDocument]:
        nris = self.public().filter(pk__in=_ids(keys)).prefetch_related("events")
        return {
            str(nri.pk): SearchDocument(
                kind=self.kind,
                key=str(nri.pk),
                title=f"{nri.title} ({nri.acronym})" if nri.acronym else nri.title,
                body="\n".join(
                    part
                    for part in (
                        nri.get_kind_display(),
                        nri.country.name if nri.country else nri.get_region_display(),
                        nri.intro,
                        *(event.title for event in nri.events.all()),
                    )
                    if part
                ),
                url=nri.url or "",
                date=_published_on(nri),
                facets={
                    "nri_kind": (nri.kind,),
                    "nri_region": (nri.region,) if nri.region else (),
                    "regional_group": (nri.un_regional_group,)
                    if nri.un_regional_group
                    else (),
                },
            )
            for nri in nris
        }


class BodyAdapter(_PublicRowsAdapter):
    kind = "body"
    label = _("Intersessional body")

    def watches(self) -> list[Watch]:
        return [
            Watch(
                IntersessionalBodyPage, lambda page: [str(page.pk)], is_own_model=True
            ),
            Watch(Meeting, lambda meeting: [str(meeting.body_id)]),
        ]

    def public(self):
        return IntersessionalBodyPage.objects.live().public()

    def documents(self, keys: Sequence[str]) -> dict[str, SearchDocument]:
        bodies = self.public().filter(pk__in=_ids(keys)).prefetch_related("meetings")
        return {
            str(body.pk): SearchDocument(
                kind=self.kind,
                key=str(body.pk),
                title=str(body),
                body="\n".join(
                    part
                    for part in (
                        body.get_kind_display(),
                        strip_tags(body.mandate or ""),
                        *(meeting.title for meeting in body.meetings.all()),
                    )
                    if part
                ),
                url=body.url or "",
                date=_published_on(body),
            )
            for body in bodies
        }


class OutputAdapter(_PublicRowsAdapter):
    kind = "output"
    label = _("Intersessional output")

    def watches(self) -> list[Watch]:
        return [
            Watch(Output, lambda output: [str(output.pk)], is_own_model=True),
            Watch(IntersessionalBodyPage, _outputs_of_body),
        ]

    def public(self):
        live = IntersessionalBodyPage.objects.live().public().values("pk")
        return Output.objects.filter(body__in=live)

    def documents(self, keys: Sequence[str]) -> dict[str, SearchDocument]:
        outputs = (
            self.public().filter(pk__in=_ids(keys)).select_related("body", "edition")
        )
        return {
            str(output.pk): SearchDocument(
                kind=self.kind,
                key=str(output.pk),
                title=str(output),
                body=f"{output.summary}\n{output.body.title}",
                url=output.url,
                date=output.published_on,
                edition=output.edition.slug if output.edition else "",
            )
            for output in outputs
        }


def _outputs_of_body(body: IntersessionalBodyPage) -> list[str]:
    return [
        str(pk) for pk in Output.objects.filter(body=body).values_list("pk", flat=True)
    ]
