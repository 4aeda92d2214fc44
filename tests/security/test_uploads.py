"""Uploads through the admin: only the formats editors need, within a size, and documents
always download instead of opening as a page on the site's origin.

The only upload forms of IGF+ are Wagtail's documents and images (none of our models has
an upload field a person fills in: ``ProgrammeBooklet.file`` is written by the PDF task);
``test_no_model_of_ours_takes_an_upload`` keeps it that way.
"""

import io

import pytest
from django.apps import apps
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from PIL import Image
from wagtail.documents.models import Document
from wagtail.images.models import Image as WagtailImage

from igfplus import roles
from tests.factories import UserFactory

OUR_APPS = {"igfplus", "cms", "forum_sessions", "intersessional", "outcomes", "search"}
# Files that are produced by the site itself, never uploaded by a person.
GENERATED_FILE_FIELDS = {"forum_sessions.ProgrammeBooklet.file"}

SCRIPTED_SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
)
HTML_PAGE = b"<html><body><script>alert(document.cookie)</script></body></html>"


@pytest.fixture
def editor(client, give_totp):
    client.force_login(give_totp(UserFactory(roles=[roles.SECRETARIAT])))
    return client


def png_bytes(padding: int = 0) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "white").save(buffer, "PNG")
    # Bytes after the PNG's end chunk are ignored by readers but count towards the size.
    return buffer.getvalue() + b"\0" * padding


def upload_document(client, name: str, content: bytes):
    return client.post(
        "/admin/documents/add/",
        {"title": name, "file": SimpleUploadedFile(name, content), "collection": 1},
    )


def upload_image(client, name: str, content: bytes):
    return client.post(
        "/admin/images/add/",
        {"title": name, "file": SimpleUploadedFile(name, content), "collection": 1},
    )


def field_errors(response, field: str = "file") -> list[str]:
    form = response.context["form"]
    return form.errors.get(field, [])


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "content"),
    [
        pytest.param("page.html", HTML_PAGE, id="html"),
        pytest.param("page.htm", HTML_PAGE, id="htm"),
        pytest.param("drawing.svg", SCRIPTED_SVG, id="svg-with-script"),
        pytest.param("run.js", b"alert(1)", id="javascript"),
        pytest.param("page.xhtml", HTML_PAGE, id="xhtml"),
    ],
)
def test_documents_that_a_browser_would_run_are_refused(editor, name, content):
    response = upload_document(editor, name, content)
    assert response.status_code == 200
    assert field_errors(response) == [
        f"File extension “{name.rsplit('.', 1)[1]}” is not allowed. Allowed extensions "
        f"are: {', '.join(settings.WAGTAILDOCS_EXTENSIONS)}."
    ]
    assert not Document.objects.exists()


@pytest.mark.django_db
def test_oversize_document_is_refused(editor):
    too_big = b"x" * (settings.WAGTAILDOCS_MAX_UPLOAD_SIZE + 1)
    response = upload_document(editor, "minutes.pdf", too_big)
    assert response.status_code == 200
    # (Wagtail then also names the empty extension of the file it dropped.)
    assert field_errors(response)[0] == (
        "This file is too big (25.0\xa0MB). Maximum filesize 25.0\xa0MB."
    )
    assert not Document.objects.exists()


@pytest.mark.django_db
def test_documents_download_as_attachments(editor, client):
    response = upload_document(editor, "minutes.pdf", b"%PDF-1.4 minutes")
    assert response.status_code == 302
    document = Document.objects.get()

    download = client.get(document.url)

    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment;")
    assert download["X-Content-Type-Options"] == "nosniff"
    assert download["Content-Security-Policy"] == "default-src 'none'"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "content"),
    [
        pytest.param("logo.svg", SCRIPTED_SVG, id="svg-with-script"),
        pytest.param("logo.html", HTML_PAGE, id="html"),
    ],
)
def test_images_that_a_browser_would_run_are_refused(editor, name, content):
    response = upload_image(editor, name, content)
    assert response.status_code == 200
    assert field_errors(response) == [
        "Not a supported image format. Supported formats: GIF, JPG, JPEG, PNG, WEBP."
    ]
    assert not WagtailImage.objects.exists()


@pytest.mark.django_db
def test_oversize_image_is_refused(editor):
    too_big = png_bytes(padding=settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE)
    response = upload_image(editor, "photo.png", too_big)
    assert response.status_code == 200
    assert field_errors(response)[0].startswith("This file is too big (10.0\xa0MB)")
    assert not WagtailImage.objects.exists()


@pytest.mark.django_db
def test_a_small_png_is_accepted(editor):
    response = upload_image(editor, "photo.png", png_bytes())
    assert response.status_code == 302
    assert WagtailImage.objects.get().title == "photo.png"


def test_no_model_of_ours_takes_an_upload():
    upload_fields = {
        f"{model._meta.label}.{field.name}"
        for model in apps.get_models()
        if model._meta.app_label in OUR_APPS
        for field in model._meta.get_fields()
        if isinstance(field, models.FileField)
    }
    assert upload_fields == GENERATED_FILE_FIELDS
