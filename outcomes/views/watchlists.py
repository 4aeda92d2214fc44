"""Watchlists: follow buttons, /my/watchlist/, and the private Atom feed of a person.

Mounted at the site root by igfplus.urls (namespace ``watchlist``): the page and the
buttons' targets live under /my/watchlist/, the feed under /outcomes/watchlist/.
"""

from __future__ import annotations

import datetime as dt

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpResponse, HttpResponseNotFound
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from cms.models import EditionTheme
from igfplus.http import conditional_bytes, document_etag
from outcomes.models import NormativeForum, PolicyMessage, WatchlistFeedToken
from outcomes.selectors import public_messages
from outcomes.services import watchlists
from outcomes.services.watchlists import FORUM, MESSAGE, THEME

app_name = "watchlist"

# Raise when what the feed contains changes shape, so cached copies are not reused.
FEED_VERSION = 1
RECENT_ON_PAGE = 20
FOLLOWING = _("You now follow “%(name)s”.")
UNFOLLOWED = _("You no longer follow “%(name)s”.")
FEED_LINK_REVOKED = _(
    "Your private watchlist feed link has been turned off. Feed readers using it will "
    "stop updating."
)
UNKNOWN_FEED_LINK = _(
    "This private watchlist feed link is not valid: it may have been replaced by a newer "
    "one. Copy the current link from your watchlist page."
)
FEED_TITLE = _("IGF+ watchlist")
FEED_SUBTITLE = _(
    "New transmissions and uptake of the sub-themes, messages and forums you follow."
)


class FollowForm(forms.Form):
    kind = forms.ChoiceField(
        choices=[(THEME, THEME), (MESSAGE, MESSAGE), (FORUM, FORUM)]
    )
    target = forms.IntegerField(min_value=1)
    action = forms.ChoiceField(choices=[("follow", "follow"), ("unfollow", "unfollow")])

    def target_object(self) -> EditionTheme | PolicyMessage | NormativeForum | None:
        """What to follow; only what the public may see can be followed."""
        kind, pk = self.cleaned_data["kind"], self.cleaned_data["target"]
        unfollowing = self.cleaned_data["action"] == "unfollow"
        if kind == THEME:
            rows = EditionTheme.objects.all()
            rows = rows if unfollowing else rows.filter(page__live=True)
        elif kind == MESSAGE:
            rows = PolicyMessage.objects.all() if unfollowing else public_messages()
        else:
            rows = NormativeForum.objects.all()
        return rows.filter(pk=pk).first()


def _next_url(request) -> str:
    next_url = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(
        next_url, {request.get_host()}, request.is_secure()
    ):
        return next_url
    return reverse("watchlist:index")


@require_POST
def follow(request):
    """Follow or unfollow a sub-theme, message or forum, then go back where it was."""
    if not request.user.is_authenticated:
        return redirect_to_login(_next_url(request))
    form = FollowForm(request.POST)
    target = form.target_object() if form.is_valid() else None
    if target is None:
        raise Http404
    if form.cleaned_data["action"] == "follow":
        watchlists.follow(user=request.user, target=target)
        messages.success(request, FOLLOWING % {"name": target})
    else:
        watchlists.unfollow(user=request.user, target=target)
        messages.success(request, UNFOLLOWED % {"name": target})
    return redirect(_next_url(request))


@login_required
def index(request):
    watches = watchlists.watches_of(request.user)
    return render(
        request,
        "outcomes/watchlists/index.html",
        {
            "themes": [w for w in watches if w.theme_id],
            "messages_followed": [w for w in watches if w.message_id],
            "forums": [w for w in watches if w.forum_id],
            "items": watchlists.latest_items(request.user, limit=RECENT_ON_PAGE),
            "feed_token": WatchlistFeedToken.objects.filter(user=request.user).first(),
        },
    )


@require_POST
@login_required
def feed_link(request):
    """Create or replace the private feed link (shown once), or turn it off."""
    if request.POST.get("action") == "revoke":
        watchlists.revoke_watchlist_token(user=request.user)
        messages.success(request, FEED_LINK_REVOKED)
        return redirect("watchlist:index")
    token = watchlists.rotate_watchlist_token(user=request.user)
    feed_url = request.build_absolute_uri(
        reverse("watchlist:feed", kwargs={"token": token})
    )
    # Rendered, not redirected: the link exists in clear only in this response.
    response = render(
        request, "outcomes/watchlists/feed_link.html", {"feed_url": feed_url}
    )
    response["Cache-Control"] = "no-store"
    response["Referrer-Policy"] = "no-referrer"
    return response


def feed(request, token: str) -> HttpResponse:
    """A person's latest notices as Atom, at a secret URL: feed readers cannot sign in."""
    user = watchlists.user_for_watchlist_token(token)
    if user is None:
        # Pasted into feed readers and scripts: a plain sentence, not a page.
        return HttpResponseNotFound(
            f"{UNKNOWN_FEED_LINK}\n", content_type="text/plain; charset=utf-8"
        )
    items = watchlists.latest_items(user)
    site_url = request.build_absolute_uri("/").rstrip("/")
    host = request.get_host().partition(":")[0]
    atom = Atom1Feed(
        title=str(FEED_TITLE),
        link=site_url + reverse("watchlist:index"),
        description=str(FEED_SUBTITLE),
        language=get_language(),
    )
    for item in items:
        atom.add_item(
            title=item.title,
            link=site_url + item.path,
            description=item.description,
            unique_id=f"tag:{host},{item.tag_date.isoformat()}:{item.tag_path}",
            unique_id_is_permalink=False,
            pubdate=dt.datetime.combine(item.happened_on, dt.time(), tzinfo=dt.UTC),
            updateddate=item.recorded_at,
        )
    body = atom.writeString("utf-8").encode()
    # An empty feed's <updated> is "now": the version comes from the items instead.
    response = conditional_bytes(
        request,
        body,
        etag=document_etag("watchlist-atom", FEED_VERSION, get_language(), *items),
        last_modified=max(
            (item.recorded_at for item in items), default=user.date_joined
        ),
        content_type="application/atom+xml; charset=utf-8",
        private=True,
    )
    # The URL is a secret: keep it out of referrers and search engines.
    response["Referrer-Policy"] = "no-referrer"
    response["X-Robots-Tag"] = "noindex"
    return response


urlpatterns = [
    path("my/watchlist/", index, name="index"),
    path("my/watchlist/follow/", follow, name="follow"),
    path("my/watchlist/feed-link/", feed_link, name="feed_link"),
    path("outcomes/watchlist/<str:token>.atom", feed, name="feed"),
]
