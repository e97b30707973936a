"""Settings shared by every environment. Environment-specific files import from here."""

import os
import re
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from wagtail.embeds import oembed_providers

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_list(name, default=""):
    """A comma-separated environment variable as a list, blanks dropped."""
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = False
SECRET_KEY = os.environ.get("SECRET_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "home",
    "programs",
    "blog",
    "search",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.table_block",
    "wagtail.contrib.routable_page",
    "wagtail_modeladmin",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail.api.v2",
    "wagtail",
    "rest_framework",
    "modelcluster",
    "taggit",
    "django_filters",
    "csp",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Outside whitenoise, so that static files get these headers too (see "Response headers").
    "home.headers.ContentSecurityPolicyMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "home.headers.CrossOriginResourcePolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "home.http_cache.SharedGZipMiddleware",
    "home.http_cache.CacheControlMiddleware",
    "home.page_cache.AnonymousPageCacheMiddleware",
    "home.site_middleware.SiteReadsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# SQLite is the embedded default; DATABASE_URL (postgres:// or postgresql://) switches it.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Admin requests can overlap (autosave while an editor clicks Save draft): with a write-ahead
    # log readers never wait for a writer, and each transaction takes the write lock when it starts,
    # so a second writer waits its turn (up to `timeout` seconds) instead of failing
    # with "database is locked" halfway through.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
    }
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # PostgreSQL compiles a query to machine code (JIT) when its estimated cost is high. The pages'
    # and search results' queries join one table per page type, and until the tables have statistics
    # (a new site, or tables just filled) those estimates run to billions of rows: a query that
    # reads ten rows in a millisecond then spends most of a second being compiled. The site's
    # queries are all short, so its connections turn JIT compilation off (after any `options` the
    # address gives).
    _options = DATABASES["default"].setdefault("OPTIONS", {})
    _options["options"] = f"{_options.get('options', '')} -c jit=off".strip()
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# One local-memory cache per process unless REDIS_URL names a shared Redis. If Redis stops
# answering, the site keeps serving without the cache (home/redis_cache.py); short timeouts keep an
# unreachable Redis from holding up requests.
REDIS_URL = os.environ.get("REDIS_URL", "")
REDIS_TIMEOUT = float(os.environ.get("REDIS_TIMEOUT", "0.25"))
# Keys longer than memcached's 250 characters are kept under a digest (home/cache_keys.py).
CACHE_KEY_FUNCTION = "home.cache_keys.make_key"
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "home.redis_cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "trainings"),
            "KEY_FUNCTION": CACHE_KEY_FUNCTION,
            "OPTIONS": {
                "socket_connect_timeout": REDIS_TIMEOUT,
                "socket_timeout": REDIS_TIMEOUT,
                "RETRY_SECONDS": float(os.environ.get("REDIS_RETRY_SECONDS", "5")),
            },
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "KEY_FUNCTION": CACHE_KEY_FUNCTION,
        }
    }

# Anonymous visitors get whole pages (and every page its menus) from the cache for this long;
# publishing clears it at once. Publishing can only clear the cache of every app server process
# when the cache is shared, so without REDIS_URL it is off unless PAGE_CACHE_SECONDS is set (for a
# site served by one process).
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS") or ("300" if REDIS_URL else "0"))
# What every page reads whatever its content (the Site, settings, menus, view restrictions, where an
# address leads) is kept in the cache this long (home/site_reads.py), for every visitor; saving any
# of it clears it at once. As with the page cache, only a shared cache can be cleared for every
# process, so without REDIS_URL it follows PAGE_CACHE_SECONDS.
SITE_CACHE_SECONDS = int(
    os.environ.get("SITE_CACHE_SECONDS") or ("300" if REDIS_URL else str(PAGE_CACHE_SECONDS))
)
# The rendered parts of pages (their content, title and head; home/fragments.py) are kept this long,
# for every visitor and for addresses with a page number or filter too; publishing, a setting,
# snippet or restriction saved, or a registration clears them at once. As above, off without a shared
# cache unless PAGE_CACHE_SECONDS is set.
FRAGMENT_CACHE_SECONDS = int(
    os.environ.get("FRAGMENT_CACHE_SECONDS") or ("300" if REDIS_URL else str(PAGE_CACHE_SECONDS))
)

# The most addresses one section of the sitemap lists (home/sitemaps.py); search engines accept up to
# 50,000, and smaller sections are quicker to build after a change.
SITEMAP_SECTION_SIZE = int(os.environ.get("SITEMAP_SECTION_SIZE", "1000"))

# Seconds between rounds of `manage.py run_scheduler` (home/scheduler.py): a page scheduled to go
# live is published at most this long after its time.
SCHEDULER_INTERVAL = float(os.environ.get("SCHEDULER_INTERVAL", "30"))

# Pages the same for every visitor tell a caching proxy or CDN to keep them this long (s-maxage;
# 0 tells it to keep nothing), and browsers this long (max-age); see home/http_cache.py. Publishing
# purges the proxy (FRONTEND_CACHE_URL below), so browsers, which nobody can purge, check back at once.
PROXY_CACHE_SECONDS = int(os.environ.get("PROXY_CACHE_SECONDS", "300"))
BROWSER_CACHE_SECONDS = int(os.environ.get("BROWSER_CACHE_SECONDS", "0"))

# Where to purge pages when published content changes (home/proxy_purge.py): each address in
# FRONTEND_CACHE_URL is a proxy, such as Varnish, that accepts PURGE requests; Cloudflare and
# CloudFront (which needs boto3 installed) are purged through their APIs. None of them: no purging.
purge_backends = "wagtail.contrib.frontend_cache.backends"
WAGTAILFRONTENDCACHE = {
    f"proxy{number}": {"BACKEND": f"{purge_backends}.HTTPBackend", "LOCATION": url}
    for number, url in enumerate(env_list("FRONTEND_CACHE_URL"), start=1)
}
if os.environ.get("CLOUDFLARE_ZONE_ID"):
    WAGTAILFRONTENDCACHE["cloudflare"] = {
        "BACKEND": f"{purge_backends}.CloudflareBackend",
        "ZONEID": os.environ["CLOUDFLARE_ZONE_ID"],
        "BEARER_TOKEN": os.environ.get("CLOUDFLARE_API_TOKEN", ""),
    }
if os.environ.get("CLOUDFRONT_DISTRIBUTION_ID"):
    # AWS credentials come from boto3's usual places (environment, instance role).
    WAGTAILFRONTENDCACHE["cloudfront"] = {
        "BACKEND": f"{purge_backends}.CloudfrontBackend",
        "DISTRIBUTION_ID": os.environ["CLOUDFRONT_DISTRIBUTION_ID"],
    }

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
# The site's own time zone: the default for new sessions and for dates shown without one.
TIME_ZONE = os.environ.get("SITE_TIME_ZONE", "America/New_York")
USE_I18N = True
USE_TZ = True

STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "/media/"

# Documents (which may be in a private collection) are kept apart from the public media folder, so
# that a web server serving MEDIA_ROOT can never hand one out; see home/storage.py.
DOCUMENTS_ROOT = Path(os.environ.get("DOCUMENTS_ROOT", BASE_DIR / "private-media"))

# Where `manage.py backup_site` (make backup) writes its archives. They hold private documents:
# never inside MEDIA_ROOT or STATIC_ROOT, which the backup refuses.
BACKUP_DIR = Path(os.environ.get("BACKUP_DIR", BASE_DIR / "backups"))

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "documents": {
        "BACKEND": "home.storage.PrivateDocumentStorage",
        "OPTIONS": {"location": DOCUMENTS_ROOT},
    },
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Uploads: Django refuses request bodies over this size held in memory; Wagtail caps files below.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

WAGTAIL_SITE_NAME = os.environ.get("WAGTAIL_SITE_NAME", "HEAL Together Trainings")
# The public address every absolute link starts with: sitemap, canonical and sharing tags, JSON-LD,
# calendars, feeds, robots.txt, the API and e-mails (home/site_url.py). The default is `make run`'s.
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAIL_I18N_ENABLED = False

# Wagtail's database search backend: FTS5 on SQLite, PostgreSQL's full-text search on PostgreSQL.
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}

WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "key", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 5 * 1024 * 1024
# 25 megapixels takes a phone's usual 12 or 24 MP photo and refuses "pixel bombs" (a few KB of PNG
# that decode to gigabytes); photos longer than IMAGE_MAX_SIDE pixels are stored at that size,
# which is more than any page shows (see home/image_uploads.py).
WAGTAILIMAGES_MAX_IMAGE_PIXELS = int(os.environ.get("IMAGE_MAX_PIXELS", "25000000"))
IMAGE_MAX_SIDE = int(os.environ.get("IMAGE_MAX_SIDE", "3000"))
WAGTAILIMAGES_IMAGE_FORM_BASE = "home.image_uploads.ImageForm"
# Documents are served through Django so that privacy rules on collections are enforced.
WAGTAILDOCS_SERVE_METHOD = "serve_view"

# ---- Response headers ---------------------------------------------------------------------------
# Content-Security-Policy (django-csp), Permissions-Policy (django-permissions-policy) and
# Cross-Origin-Resource-Policy, on every response including static files (see MIDDLEWARE and
# docs/security.md). Each policy names only what the site's templates and static files use.

# Videos and recordings come from YouTube or Vimeo only: the admin refuses other addresses, and the
# policies below let only these two players be framed and go full screen.
WAGTAILEMBEDS_FINDERS = [
    {
        "class": "wagtail.embeds.finders.oembed",
        "providers": [oembed_providers.youtube, oembed_providers.vimeo],
    }
]
VIDEO_PLAYER_ORIGINS = ["https://www.youtube.com", "https://player.vimeo.com"]
# Embeds keep their shape with a class from static CSS (templates/wagtailembeds/embed_frontend.html)
# rather than Wagtail's inline style, which the style-src below would block.
WAGTAILEMBEDS_RESPONSIVE_HTML = True

# Where browsers report violations, e.g. a collector's address; unset sends no reports.
_csp_report_uri = env_list("CSP_REPORT_URI") or None

# Public pages, search, the API, feeds, calendars, the sitemap and error pages: no inline script or
# style at all. JSON-LD data blocks are not scripts a browser runs, so they need no exception.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'none'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'"],
        "connect-src": ["'self'"],  # search suggestions
        "frame-src": VIDEO_PLAYER_ORIGINS,
        "frame-ancestors": ["'none'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "report-uri": _csp_report_uri,
    }
}
# The Wagtail admin (everything under /admin/, previews included; home.headers picks the policy).
# Wagtail writes inline scripts into its pages and its scripts add <style> elements, so the admin
# needs 'unsafe-inline' for both; it needs no 'unsafe-eval' (tests/test_security_browser.py).
ADMIN_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", "'unsafe-inline'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-src": ["'self'", *VIDEO_PLAYER_ORIGINS],
        "frame-ancestors": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "report-uri": _csp_report_uri,
    }
}

# The admin asks no other site for anything: staff pictures are the avatars they upload rather than
# Gravatar's, and Wagtail's check for new releases is off (upgrades come with requirements.txt).
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False

# Features the site never uses are off for it and for every frame it embeds; the video players may
# go full screen and picture-in-picture.
PERMISSIONS_POLICY = {
    "accelerometer": [],
    "autoplay": [],
    "browsing-topics": [],
    "camera": [],
    "display-capture": [],
    "encrypted-media": [],
    "geolocation": [],
    "gyroscope": [],
    "hid": [],
    "idle-detection": [],
    "magnetometer": [],
    "microphone": [],
    "midi": [],
    "payment": [],
    "publickey-credentials-get": [],
    "screen-wake-lock": [],
    "serial": [],
    "usb": [],
    "xr-spatial-tracking": [],
    "fullscreen": ["self", *VIDEO_PLAYER_ORIGINS],
    "picture-in-picture": ["self", *VIDEO_PLAYER_ORIGINS],
}

# Other sites may not load the site's pages, files or API answers as images, scripts and the like
# ("same-site" or "cross-origin" loosen it; empty sends no header).
CROSS_ORIGIN_RESOURCE_POLICY = os.environ.get("CROSS_ORIGIN_RESOURCE_POLICY", "same-origin")

WAGTAILAPI_BASE_URL = WAGTAILADMIN_BASE_URL
WAGTAILAPI_LIMIT_MAX = 50
REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
}

TAGGIT_CASE_INSENSITIVE = True
# Topics are separated by commas only, so a topic of several words needs no quotes (home/editing/topics.py).
TAGGIT_TAGS_FROM_STRING = "home.editing.topics.tags_from_string"
TAGGIT_STRING_FROM_TAGS = "home.editing.topics.string_from_tags"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
WAGTAILDOCS_DOCUMENT_MODEL = "home.Resource"


# --- Logins and rate limits (docs/security.md) ---------------------------------------------------
# Counters and lockouts live in the default cache: with REDIS_URL every app server process shares
# them; without it each process counts on its own, which is fine only for a site served by one.

# Proxies in front of the site that append the visitor's address to X-Forwarded-For; 0 counts
# REMOTE_ADDR. Logins and every rate limit count against this one address (home.throttling).
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))


def env_rate(name, default):
    """A django-ratelimit rate such as "120/m" or "5/15m" from the environment; empty turns it off."""
    value = os.environ.get(name, default).strip()
    if value and not re.fullmatch(r"\d+/\d*[smhd]", value):
        raise ImproperlyConfigured(f"{name} must look like 120/m or 5/15m (count/period), not {value!r}")
    return value or None


INSTALLED_APPS += ["axes", "django_ratelimit"]
# Axes turns a lockout into its page; it stays last so that it sees the final response.
MIDDLEWARE += ["axes.middleware.AxesMiddleware"]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_HANDLER = "axes.handlers.cache.AxesCacheHandler"
# Wrong passwords for one user name, or from one address, before logging in is refused.
AXES_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("LOGIN_LOCKOUT_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_CLIENT_IP_CALLABLE = "home.throttling.client_ip"
AXES_USERNAME_CALLABLE = "home.throttling.login_username"
AXES_LOCKOUT_CALLABLE = "home.throttling.login_locked_out"
# The cache handler keeps no database records for an admin list to show.
AXES_ENABLE_ADMIN = False

RATELIMIT_IP_META_KEY = "home.throttling.client_ip"
RATELIMIT_FAIL_OPEN = True
SEARCH_RATE_LIMIT = env_rate("SEARCH_RATE_LIMIT", "120/m")
SUGGEST_RATE_LIMIT = env_rate("SUGGEST_RATE_LIMIT", "300/m")
API_SEARCH_RATE_LIMIT = env_rate("API_SEARCH_RATE_LIMIT", "120/m")
# Wrong page passwords from one address for one restriction.
PAGE_PASSWORD_RATE_LIMIT = env_rate("PAGE_PASSWORD_RATE_LIMIT", "5/15m")
PASSWORD_RESET_EMAIL_RATE_LIMIT = env_rate("PASSWORD_RESET_EMAIL_RATE_LIMIT", "3/h")
PASSWORD_RESET_IP_RATE_LIMIT = env_rate("PASSWORD_RESET_IP_RATE_LIMIT", "10/h")
# Sign-ups on the site's own registration form from one address.
REGISTRATION_RATE_LIMIT = env_rate("REGISTRATION_RATE_LIMIT", "10/h")
# E-mails sending a registration's link again when its address signs up once more.
REGISTRATION_RESEND_RATE_LIMIT = env_rate("REGISTRATION_RESEND_RATE_LIMIT", "3/h")

# Registration on this site (programs/registrations): how many hours before a session the reminder
# goes out, and how many days after it registrants' names, e-mail addresses and answers are erased
# (the counts stay).
REGISTRATION_REMINDER_HOURS = int(os.environ.get("REGISTRATION_REMINDER_HOURS", "24"))
REGISTRATION_RETENTION_DAYS = int(os.environ.get("REGISTRATION_RETENTION_DAYS", "180"))

# Both libraries warn about caches other than the ones they test with. Django's own Redis backend
# increments atomically; a memory cache is right for a single process, as without REDIS_URL.
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.W001"]
if not REDIS_URL:
    SILENCED_SYSTEM_CHECKS += ["django_ratelimit.E003", "axes.W001"]

# After the front-end login without a usable `next`: the home page, not Django's /accounts/profile/.
LOGIN_REDIRECT_URL = "/"
# Groups, besides superusers, who may open the admin's Site history report (everyone's actions).
SITE_HISTORY_GROUPS = env_list("SITE_HISTORY_GROUPS", "Moderators")
