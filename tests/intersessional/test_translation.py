"""An intersessional body's page in another language: name and mandate translated."""

import pytest

from intersessional.models import (
    IntersessionalBodyPage,
    IntersessionalBodyPageTranslation,
)
from tests.factories.intersessional import IntersessionalBodyPageFactory

pytestmark = pytest.mark.django_db


def test_body_page_in_french_and_fallback_in_chinese(client, index):
    body = IntersessionalBodyPageFactory(parent=index, title="DC on Accessibility")
    body.translations.add(
        IntersessionalBodyPageTranslation(
            language="fr",
            title="CD sur l'accessibilité",
            mandate="<p>Rassemble les personnes.</p>",
        )
    )
    body.save_revision().publish()

    french = client.get(body.url, HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    chinese = client.get(body.url, HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()

    assert "<span>CD sur l&#x27;accessibilité</span>" in french
    assert "Rassemble les personnes." in french
    assert "Brings people together" not in french
    assert '<span lang="en">DC on Accessibility</span>' in chinese
    assert "Brings people together" in chinese
    assert "content-fallback" in chinese
    assert IntersessionalBodyPage.objects.count() == 1
