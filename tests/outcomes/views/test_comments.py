import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from outcomes.enums import CommentStatus, DocumentStatus
from outcomes.models import MessageComment
from outcomes.services.comments import COMMENTS_CLOSED
from outcomes.views.comments import COMMENT_RECEIVED, urlpatterns
from tests.factories import UserFactory
from tests.factories.outcomes import OutcomeDocumentFactory, PolicyMessageFactory

pytestmark = pytest.mark.django_db


def message_in(status, close_on):
    return PolicyMessageFactory(
        document=OutcomeDocumentFactory(
            status=status, comments_close_on=close_on, published_on=None
        )
    )


def url(message):
    return reverse("outcomes:comment", args=[message.guid])


def test_signed_in_person_comments_while_open(client):
    message = message_in(
        DocumentStatus.PUBLIC_COMMENT, timezone.localdate() + dt.timedelta(days=3)
    )
    author = UserFactory()
    client.force_login(author)

    response = client.post(url(message), {"text": "Name SIDS.", "next": "/outcomes/x/"})

    assert (response.status_code, response["Location"]) == (302, "/outcomes/x/")
    comment = MessageComment.objects.get()
    assert (comment.author, comment.status) == (author, CommentStatus.PENDING)
    assert [str(m) for m in response.wsgi_request._messages] == [COMMENT_RECEIVED]


def test_closed_message_refuses_with_a_message(client):
    message = message_in(DocumentStatus.FINAL, None)
    client.force_login(UserFactory())

    response = client.post(url(message), {"text": "Late."})

    assert response.status_code == 302
    assert [str(m) for m in response.wsgi_request._messages] == [COMMENTS_CLOSED]
    assert MessageComment.objects.count() == 0


def test_visitor_must_sign_in_and_get_is_refused(client):
    message = message_in(
        DocumentStatus.PUBLIC_COMMENT, timezone.localdate() + dt.timedelta(days=3)
    )

    assert "login" in client.post(url(message), {"text": "Hi"})["Location"]
    client.force_login(UserFactory())
    assert client.get(url(message)).status_code == 405


def test_comment_url():
    assert [p.name for p in urlpatterns] == ["comment"]
    guid = "0f3c8a52-4b1e-4d8e-9c55-7a8f1e2d3b4c"
    assert reverse("outcomes:comment", args=[guid]) == (
        f"/outcomes/messages/{guid}/comment/"
    )
