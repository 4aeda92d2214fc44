"""Messages traced back to the network's work: intersessional outputs and NRI reports."""

import pytest
from django.core.exceptions import ValidationError

from outcomes.enums import SourceKind
from outcomes.models import MessageSource
from tests.factories.cms import NriAnnualReportFactory, NriIndexPageFactory
from tests.factories.intersessional import OutputFactory
from tests.factories.outcomes import OutcomeDocumentFactory, PolicyMessageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def message(home_page):
    return PolicyMessageFactory(document=OutcomeDocumentFactory())


def trace(client, message) -> str:
    response = client.get(f"/outcomes/messages/{message.guid}/")
    assert response.status_code == 200
    return response.content.decode()


def test_a_message_citing_an_output_links_to_the_outputs_page(client, message):
    output = OutputFactory(title="Accessible meetings guide")
    MessageSource.objects.create(
        message=message, kind=SourceKind.INTERSESSIONAL_OUTPUT, output=output
    )

    html = trace(client, message)

    assert f'<a href="{output.url}" dir="auto" rel="noopener">{output}</a>' in html
    assert f"/intersessional/{output.body.slug}/outputs/{output.pk}/" in output.url


def test_a_message_citing_an_nri_report_links_to_that_years_report(client, message):
    NriIndexPageFactory()
    report = NriAnnualReportFactory(year=2024)
    MessageSource.objects.create(
        message=message, kind=SourceKind.NRI_REPORT, nri_report=report
    )

    html = trace(client, message)

    assert f'href="{report.page.url}#report-2024"' in html
    nri_page = client.get(report.page.url).content.decode()
    assert 'id="report-2024"' in nri_page


def test_the_citation_keeps_its_title_when_the_output_goes(client, message):
    output = OutputFactory(title="Guide withdrawn later")
    source = MessageSource.objects.create(
        message=message, kind=SourceKind.INTERSESSIONAL_OUTPUT, output=output
    )
    output.delete()

    source.refresh_from_db()
    html = trace(client, message)

    assert source.output is None
    assert "Guide withdrawn later" in html
    assert "/outputs/" not in html


def test_an_unpublished_body_is_cited_without_a_link(client, message):
    output = OutputFactory(title="Report of a body taken offline")
    MessageSource.objects.create(
        message=message, kind=SourceKind.INTERSESSIONAL_OUTPUT, output=output
    )
    output.body.unpublish()

    html = trace(client, message)

    assert "Report of a body taken offline" in html
    assert output.url not in html


@pytest.mark.parametrize(
    ("kind", "field"),
    [(SourceKind.SESSION_REPORT, "output"), (SourceKind.TAKEAWAY, "nri_report")],
)
def test_a_source_of_the_wrong_kind_is_refused(message, kind, field):
    NriIndexPageFactory()
    cited = {"output": OutputFactory, "nri_report": NriAnnualReportFactory}[field]()
    source = MessageSource(message=message, kind=kind, **{field: cited})

    with pytest.raises(ValidationError) as refused:
        source.clean()

    assert field in refused.value.message_dict
