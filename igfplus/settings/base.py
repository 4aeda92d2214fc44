"""Settings shared by every environment.

The environment is read once, here. With no environment at all the site runs on the
embedded default: SQLite (WAL) in ``data/``, local media, console e-mail and a database
cache shared between processes. ``DATABASE_URL``, ``CACHE_URL``, ``EMAIL_URL`` and
``ELASTICSEARCH_URL`` switch on the real services (see ``.env.example``).
"""

from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
PROJECT_DIR = BASE_DIR / "igfplus"

env = environ.Env()
# A local .env is a convenience for development; real deployments set the environment.
# Variables already in the environment win over the file.
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DATA_DIR = Path(env.str("IGFPLUS_DATA_DIR", default=str(BASE_DIR / "data")))

DEBUG = False
SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="")
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    # Project apps first so their templates override allauth's and Wagtail's.
    "igfplus",
    "cms",
    "sessions.apps.ForumSessionsConfig",
    "intersessional",
    "outcomes",
    "search",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.embeds",
    "wagtail.sites",
    "igfplus.apps.IgfUsersAppConfig",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.locales",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_countries",
    # The database task backend's table and its `db_worker` command (see TASKS below).
    "django_tasks_db",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "igfplus.middleware.SecurityHeadersMiddleware",
    "igfplus.middleware.AnonymousPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "igfplus.middleware.QueryLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "igfplus.middleware.StaffMFAMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "igfplus.urls"
WSGI_APPLICATION = "igfplus.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "igfplus.context_processors.menu_pages",
                "igfplus.context_processors.page_generation",
            ],
        },
    },
]

# --- Services chosen by the environment ------------------------------------------------

DATABASES = {
    "default": env.db_url(
        "DATABASE_URL", default=f"sqlite:///{DATA_DIR / 'igfplus.sqlite3'}"
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    # WAL lets readers go on while one process writes; IMMEDIATE takes the write lock at
    # BEGIN so concurrent writers wait (busy timeout) instead of failing mid-transaction.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    )
# Keep each worker's connection between requests: opening one costs a few milliseconds
# (on SQLite the pragmas and Django's SQL functions; on PostgreSQL a new backend).
DATABASES["default"].setdefault("CONN_MAX_AGE", 60)
DATABASES["default"].setdefault("CONN_HEALTH_CHECKS", True)

CACHES = {
    "default": env.cache_url("CACHE_URL", default="dbcache://igfplus_cache"),
    # Whole pages for anonymous visitors (igfplus.services.page_cache) and {% cache %}
    # fragments: files under DATA_DIR shared by every worker of this host, so a page is
    # rendered once per host, not once per worker. The generation that invalidates them
    # is kept in "pages" too: with several hosts, both must be one shared Redis
    # (PAGE_CACHE_URL / FRAGMENT_CACHE_URL=redis://…).
    "pages": env.cache_url(
        "PAGE_CACHE_URL", default=f"filecache://{DATA_DIR / 'cache' / 'pages'}"
    ),
    "template_fragments": env.cache_url(
        "FRAGMENT_CACHE_URL", default=f"filecache://{DATA_DIR / 'cache' / 'fragments'}"
    ),
}
for _alias in ("pages", "template_fragments"):
    if CACHES[_alias]["BACKEND"].endswith(".FileBasedCache"):
        CACHES[_alias]["BACKEND"] = "igfplus.cache.StoredFileBasedCache"
# Django's own backends keep 300 entries by default, which would cull feeds, counters
# and pages in turn (Redis has no such limit and takes no such option).
for _alias, _entries in (
    ("default", 5000),
    ("pages", 10000),
    ("template_fragments", 10000),
):
    if CACHES[_alias]["BACKEND"].rsplit(".", 1)[-1] in {
        "DatabaseCache",
        "FileBasedCache",
        "StoredFileBasedCache",
        "LocMemCache",
    }:
        CACHES[_alias].setdefault("OPTIONS", {}).setdefault("MAX_ENTRIES", _entries)
IGFPLUS_PAGE_CACHE = "pages"
IGFPLUS_PAGE_CACHE_ENABLED = env.bool("IGFPLUS_PAGE_CACHE_ENABLED", default=True)
# A cached page is dropped at the first public write anyway; the timeout only bounds
# what depends on the clock alone ("happening now").
IGFPLUS_PAGE_CACHE_SECONDS = env.int("IGFPLUS_PAGE_CACHE_SECONDS", default=300)
# Personal, signed-in or token-bearing URLs: never cached whole.
IGFPLUS_PAGE_CACHE_SKIP = [
    "/admin/",
    "/accounts/",
    "/my/",
    "/calendar/",
    "/api/",
    "/documents/",
]
# Writes to these tables change no public page, so they keep the cached pages.
IGFPLUS_PAGE_CACHE_PRIVATE_MODELS = [
    "sessions.Session",
    "forum_sessions.Star",
    "igfplus.ApiTokenUse",
    "igfplus.CalendarFeedToken",
    "outcomes.Watch",
    "outcomes.WatchlistFeedToken",
    "outcomes.WatchNotice",
]

EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str(
    "DEFAULT_FROM_EMAIL", default="IGF+ <noreply@igfplus.local>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Background work (programme PDFs): run inline during the request by default, so a fresh
# machine needs no worker. TASKS_BACKEND=database queues tasks in the database instead;
# run `manage.py db_worker` (one or more) to work through them.
TASK_BACKENDS = {
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
    "database": "django_tasks_db.DatabaseBackend",
}
TASKS_BACKEND = env.str("TASKS_BACKEND", default="immediate")
if TASKS_BACKEND not in TASK_BACKENDS:
    raise ImproperlyConfigured(
        f"TASKS_BACKEND must be one of {', '.join(TASK_BACKENDS)}, not {TASKS_BACKEND!r}."
    )
TASKS = {"default": {"BACKEND": TASK_BACKENDS[TASKS_BACKEND]}}

# Empty means the database search backend (the embedded default).
ELASTICSEARCH_URL = env.str("ELASTICSEARCH_URL", default="")

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Demo data carries known passwords: only development and test settings allow it.
IGFPLUS_DEMO_DATA_ALLOWED = False

# --- Accounts ----------------------------------------------------------------------------

AUTH_USER_MODEL = "igfplus.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"
    },
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "accounts:profile"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_SIGNUP_FORM_CLASS = "igfplus.forms.SignupForm"
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[IGF+] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = env.str("ACCOUNT_DEFAULT_HTTP_PROTOCOL", default="http")
# allauth's rate limits are on by default (failed sign-ins: 5 per 5 minutes per account and
# 10 a minute per IP; sign-ups, password resets and e-mail changes limited too). They need
# the shared cache above, so every app server counts the same attempts.
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes", "webauthn"]
MFA_TOTP_ISSUER = "IGF+"
MFA_PASSKEY_LOGIN_ENABLED = False

# Roles that must have a second factor before they reach the admin (see docs/roles.md).
IGFPLUS_MFA_REQUIRED_ROLES = ["Secretariat", "MAG member"]

# --- Internationalisation: the six UN languages --------------------------------------

LANGUAGE_CODE = "en"
LANGUAGES = [
    ("ar", _("Arabic")),
    ("zh-hans", _("Chinese")),
    ("en", _("English")),
    ("fr", _("French")),
    ("ru", _("Russian")),
    ("es", _("Spanish")),
]
LOCALE_PATHS = [PROJECT_DIR / "locale"]
# Templates name their date formats (DATE_FORMAT…); igfplus/formats adjusts a few languages.
FORMAT_MODULE_PATH = ["igfplus.formats"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES

# --- Static and media -----------------------------------------------------------------

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "static_collected"
STATICFILES_DIRS = [PROJECT_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env.str("IGFPLUS_MEDIA_ROOT", default=str(DATA_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# --- Wagtail ----------------------------------------------------------------------------

WAGTAIL_SITE_NAME = "IGF+"
WAGTAILADMIN_BASE_URL = env.str(
    "WAGTAILADMIN_BASE_URL", default="http://127.0.0.1:8000"
)
# The admin signs in through allauth, so its rate limits and MFA cover the admin too.
WAGTAILADMIN_LOGIN_URL = "account_login"
WAGTAIL_PASSWORD_RESET_ENABLED = False
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
# Uploads accept only the formats editors need: nothing a browser would run as a page
# (.html, .svg, .js). Documents go through Wagtail's view (privacy checks, nosniff) and
# always download as attachments, never open inline on the site's origin.
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 25 * 1024 * 1024
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_INLINE_CONTENT_TYPES: list[str] = []
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
# Request bodies other than files (forms, JSON) stay small; larger files go to disk.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
WAGTAIL_ENABLE_UPDATE_CHECK = False
# No avatars from gravatar.com: the admin would send a hash of each editor's e-mail to
# a third party, and the Content-Security-Policy allows images from this site only.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="WARNING")},
}
