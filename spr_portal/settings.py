"""Settings for SPR Portal.

One file for every machine: what differs between machines comes from environment variables,
and every default is the safe one (SQLite, DEBUG off, no hosts allowed but localhost).
"""

import datetime
import json
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG")

# The demo (`make run`): DEBUG off, so the service's own error pages and no list of URL
# patterns, yet on a laptop: no TLS, a development key, and no second factor for the demo
# accounts. It is refused wherever production could be: with a SECRET_KEY from the
# environment, a host name other than loopback, or behind a proxy; it answers loopback
# clients only (spr_portal.demo), and `check --deploy` fails while it is on.
DEMO = env_bool("SPR_DEMO") and not DEBUG
LOOPBACK_HOSTS = {"localhost", "127.0.0.1", "[::1]"}

# A real key must come from the environment outside DEBUG; the fallback only serves a
# developer's own machine and the test suite, and is refused anywhere else.
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if DEMO and (
    SECRET_KEY
    or set(env_list("ALLOWED_HOSTS", "localhost")) - LOOPBACK_HOSTS
    or env_bool("BEHIND_TLS_PROXY")
):
    raise ImproperlyConfigured(
        "SPR_DEMO is the laptop demo: it refuses a SECRET_KEY, ALLOWED_HOSTS other than "
        "localhost, 127.0.0.1 and [::1], and BEHIND_TLS_PROXY. Unset SPR_DEMO in production."
    )
if not SECRET_KEY:
    if DEBUG or DEMO or env_bool("SPR_ALLOW_INSECURE_KEY"):
        SECRET_KEY = "insecure-development-key-never-use-in-production"  # noqa: S105
    else:
        raise ImproperlyConfigured("Set SECRET_KEY in the environment (or DEBUG=true locally).")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
# A developer's machine or the laptop demo: plain HTTP, console e-mail, static files as they are.
LOCAL = DEBUG or DEMO
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # Django's admin on the portal's admin site: every save and delete audited, the sensitive
    # models for superusers only (accounts/admin_site.py).
    "accounts.apps.PortalAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_forms_gds",
    "threats",
    "assessments",
    "reports",
    "audit",
    "accounts",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "api",
    "onboarding",
    # django.tasks' database backend: its table of queued, done and failed tasks (also read
    # by the failed-tasks page when the immediate backend runs them).
    "django_tasks_db",
]

MIDDLEWARE = [
    # First: every request's id (the proxy's X-Request-ID, else a new one) in each log line,
    # and the instance's name on each response (spr_portal/operations.py).
    "spr_portal.operations.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # The cache's write stamp, read once a request (spr_portal/cache_stamp.py).
    "spr_portal.cache_stamp.StampMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "accounts.headers.SecurityHeadersMiddleware",
    "spr_portal.params.RefuseNulMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "accounts.sessions.SessionLifetimeMiddleware",
    "accounts.second_factor.SecondFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    # Last, as django-axes asks: it turns a locked-out sign-in into the lock-out page.
    "axes.middleware.AxesMiddleware",
]
if DEMO:
    MIDDLEWARE.insert(0, "spr_portal.demo.LoopbackOnlyMiddleware")

# The benchmark's server (scripts/benchmark.py) adds its bare reference page; nothing else does.
SPR_BENCH_PAGE = env_bool("SPR_BENCH_PAGE")
ROOT_URLCONF = "spr_portal.urls_bench" if SPR_BENCH_PAGE else "spr_portal.urls"
CSRF_FAILURE_VIEW = "audit.views_refusals.csrf_failure"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.csp",
                "spr_portal.context_processors.portal",
                "accounts.context_processors.session_timing",
                "threats.context_processors.force",
            ],
            # The url tag of spr_portal/kept_urls.py replaces Django's: a URL without
            # arguments is reversed once a process.
            "builtins": ["django.templatetags.static", "spr_portal.kept_urls"],
            # The GOV.UK form filters of templates/includes (radios, checkboxes, character count).
            "libraries": {
                "govuk_forms": "spr_portal.govuk_forms",
                "govuk_tables": "spr_portal.govuk_tables",
            },
        },
    },
]

WSGI_APPLICATION = "spr_portal.wsgi.application"

# SQLite is the embedded default; DATABASE_URL (postgres://…) switches to PostgreSQL.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {"transaction_mode": "IMMEDIATE", "timeout": 20}
else:
    # PostgreSQL plans the ORM's joins in the order they are written (join_collapse_limit 1)
    # instead of searching every order: a page's queries join up to nine small tables through
    # foreign keys, where the search cost more than running the query (review page: 1.1 ms
    # of planning for 0.13 ms of execution; 3-6 ms a page in `make bench`). The setting is
    # the connection's own; DB_JOIN_COLLAPSE_LIMIT=8 gives PostgreSQL's default back.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = (
        f"-c join_collapse_limit={int(os.environ.get('DB_JOIN_COLLAPSE_LIMIT', '1'))}"
    )

# The cache: Redis when REDIS_URL is set (redis://host:6379/0), shared by every app server;
# else each process's own memory, so that `make run` and the tests need nothing running.
REDIS_URL = os.environ.get("REDIS_URL", "").strip()
# Without Redis, each process keeps its own cache. Django's default of 300 entries is less
# than the demo's thirteen users reach in one walk of their pages (the per-user answers and the
# rendered records, about 6 kB an entry on average, 25 kB the largest): it was culling a third
# of the cache on every walk. 3,000 entries is about 20 MB a process at most.
LOCAL_CACHE_ENTRIES = 3000


def caches_for(redis_url: str) -> dict:
    """CACHES for this REDIS_URL (or none). With Redis, each process also keeps a "near" copy
    of what it read from it (spr_portal/cache_stamp.py `cached`): an entry's key carries the
    write stamps it was built under, so what a key holds never changes, and the copy is
    never stale; it spares a page a round trip to Redis for each of its entries."""
    local = {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "OPTIONS": {"MAX_ENTRIES": LOCAL_CACHE_ENTRIES},
    }
    if not redis_url:
        return {"default": local}
    # Django's RedisCache, but one redis-py client kept a pool (spr_portal/redis_cache.py).
    redis = {"BACKEND": "spr_portal.redis_cache.KeptClientRedisCache", "LOCATION": redis_url}
    return {"default": redis, "near": {**local, "LOCATION": "near"}}


CACHES = caches_for(REDIS_URL)
# Sessions read from the cache (written through to the database) when the cache is shared;
# local memory is one process's own, so a sign-out in one gunicorn worker would not reach
# another's copy: without Redis, sessions stay in the database alone.
SESSION_ENGINE = (
    "django.contrib.sessions.backends.cached_db"
    if REDIS_URL
    else "django.contrib.sessions.backends.db"
)

# Background work (Django's Tasks framework): e-mails, the daily reminders and escalations,
# the copy of a published paper into object storage. SPR_TASKS=database queues them in the
# database for `manage.py db_worker` (django-tasks-db; several workers may run); unset, each
# runs at once in the process that enqueued it, as `make run` and the tests have it.
SPR_TASKS = os.environ.get("SPR_TASKS", "immediate").strip().lower()
if SPR_TASKS not in {"immediate", "database"}:
    raise ImproperlyConfigured("SPR_TASKS must be 'immediate' or 'database'.")
TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend"
        if SPR_TASKS == "database"
        else "django.tasks.backends.immediate.ImmediateBackend"
    }
}
# The daily reminders' hour (local time) and how many days before a deadline they start.
SPR_REMINDER_HOUR = int(os.environ.get("SPR_REMINDER_HOUR", "7"))
SPR_REMINDER_DAYS = int(os.environ.get("SPR_REMINDER_DAYS", "7"))
# This instance's name on every response (X-Served-By) and in each log line; unset, none.
SPR_INSTANCE = os.environ.get("SPR_INSTANCE", "").strip()

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Argon2id first; older hashes still verify and are upgraded at the next sign-in.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]

# django-axes counts failures before the password is checked, on every form that calls
# authenticate() (the portal's sign-in and the admin's).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "accounts.oidc.PortalOIDCBackend",
    # The Administrator role's admin permissions, from code (accounts/permissions.py).
    "accounts.permissions.RolePermissionBackend",
]

# Single sign-on (OpenID Connect, authorization code flow with PKCE) is on when the provider
# is configured: OIDC_RP_CLIENT_ID and the provider's endpoints (see the README).
OIDC_RP_CLIENT_ID = os.environ.get("OIDC_RP_CLIENT_ID", "")
OIDC_ENABLED = bool(OIDC_RP_CLIENT_ID)
OIDC_RP_CLIENT_SECRET = os.environ.get("OIDC_RP_CLIENT_SECRET", "")
OIDC_OP_AUTHORIZATION_ENDPOINT = os.environ.get("OIDC_OP_AUTHORIZATION_ENDPOINT", "")
OIDC_OP_TOKEN_ENDPOINT = os.environ.get("OIDC_OP_TOKEN_ENDPOINT", "")
OIDC_OP_USER_ENDPOINT = os.environ.get("OIDC_OP_USER_ENDPOINT", "")
OIDC_OP_JWKS_ENDPOINT = os.environ.get("OIDC_OP_JWKS_ENDPOINT", "")
OIDC_RP_SIGN_ALGO = os.environ.get("OIDC_RP_SIGN_ALGO", "RS256")
OIDC_RP_SCOPES = os.environ.get("OIDC_RP_SCOPES", "openid email profile")
OIDC_USE_PKCE = True
OIDC_PKCE_CODE_CHALLENGE_METHOD = "S256"
OIDC_AUTHENTICATION_CALLBACK_URL = "accounts:sso_callback"
OIDC_PROVIDER_NAME = os.environ.get("OIDC_PROVIDER_NAME", "your force account")
LOGIN_REDIRECT_URL_FAILURE = "/accounts/login/?sso=failed"
# A set-password link (Manage users) works once, for a day.
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = datetime.timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
# Either the account or the address reaching the limit locks: guessing one account's password
# and trying one password on many accounts (spraying) are both stopped.
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
# django-axes' own reset on success deletes every attempt matching *either* parameter, so one
# account's success from an address would wipe another account's failures from it (12 guesses
# at the SPR lead's password and no lock). accounts/signals.py clears only the failures of the
# account that signed in, from the address it signed in from.
AXES_RESET_ON_SUCCESS = False
# A try during the lock is counted and starts the wait again (the README says so).
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = True
AXES_LOCKOUT_CALLABLE = "accounts.views.locked_out"
AXES_CLIENT_IP_CALLABLE = "accounts.lockout.client_ip"
AXES_USERNAME_CALLABLE = "accounts.lockout.client_username"
AXES_VERBOSE = False

# The SPR lead and administrators must use a second factor whenever DEBUG is off, except in
# the laptop demo (`make run`), which cannot start with production's settings (above); no
# variable turns it off where a SECRET_KEY is set.
SECOND_FACTOR_REQUIRED = not (DEBUG or DEMO)
OTP_TOTP_ISSUER = "SPR Portal"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "accounts.passwords.ContextWordsValidator"},
]

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "signed_out"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
# The demo serves static files from their folders only (WHITENOISE_USE_FINDERS), never from
# an old collectstatic.
STATIC_ROOT = None if DEMO else BASE_DIR / "staticfiles"
STATICFILES_DIRS = [
    BASE_DIR / "static",
    # GOV.UK Frontend comes from npm at set-up time, never from the repository.
    ("govuk", BASE_DIR / "node_modules" / "govuk-frontend" / "dist" / "govuk"),
]
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# Object storage shared by every app server (spr_portal/object_storage.py): with
# AWS_STORAGE_BUCKET_NAME set, evidence files and the copies of published papers go to that
# bucket through django-storages' S3 backend (AWS_S3_ENDPOINT_URL for any S3 API: MinIO, Ceph,
# moto; AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY read by boto3 from the environment);
# without it, private folders under MEDIA_ROOT, as `make run` has them.
OBJECT_STORAGE_BUCKET = os.environ.get("AWS_STORAGE_BUCKET_NAME", "").strip()


def _bucket_storage(location: str) -> dict:
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": OBJECT_STORAGE_BUCKET,
            "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
            "location": location,
            "default_acl": None,  # the bucket's own (private); never public-read
            "file_overwrite": False,  # a name taken gets another, never replaces a file
            "querystring_expire": 60,  # a signed URL, if ever given, lasts a minute
            "addressing_style": os.environ.get("AWS_S3_ADDRESSING_STYLE") or None,
        },
    }


STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Evidence files: a private folder under MEDIA_ROOT (never served as such), the bucket
    # when one is set, or any Django storage backend named by EVIDENCE_STORAGE_BACKEND.
    "evidence": _bucket_storage("")
    if OBJECT_STORAGE_BUCKET and "EVIDENCE_STORAGE_BACKEND" not in os.environ
    else {
        "BACKEND": os.environ.get(
            "EVIDENCE_STORAGE_BACKEND", "django.core.files.storage.FileSystemStorage"
        ),
        "OPTIONS": json.loads(os.environ.get("EVIDENCE_STORAGE_OPTIONS", "{}")),
    },
    # Copies of the published papers' PDFs, named by their SHA-256 (reports/sendfile.py): the
    # database keeps the record; the copy is what downloads stream from the bucket.
    "papers": _bucket_storage("published-pdf")
    if OBJECT_STORAGE_BUCKET
    else {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(MEDIA_ROOT / "published-pdf")},
    },
    "staticfiles": {
        "BACKEND": os.environ.get(
            "STATICFILES_BACKEND",
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if LOCAL
            else "whitenoise.storage.CompressedManifestStaticFilesStorage",
        )
    },
}
# With DEBUG off runserver serves no static files: in the demo WhiteNoise serves them straight
# from the source folders, without collectstatic.
WHITENOISE_USE_FINDERS = LOCAL
MEDIA_URL = "/media-not-served/"  # stored PDFs are only ever served through an access check

# Stored PDFs sent by the web server in front instead of through Python (reports/sendfile.py):
# "" (off: Django sends the bytes), "x-accel-redirect" (nginx) or "x-sendfile" (Apache,
# lighttpd), or "storage" (streamed from the "papers" storage, the default with a bucket).
# The files are copies of the database's bytes, named by their SHA-256.
SPR_SENDFILE = (
    os.environ.get("SPR_SENDFILE", "storage" if OBJECT_STORAGE_BUCKET else "").strip().lower()
)
SPR_SENDFILE_ROOT = Path(os.environ.get("SPR_SENDFILE_ROOT", MEDIA_ROOT / "published-pdf"))
SPR_SENDFILE_URL = os.environ.get("SPR_SENDFILE_URL", "/internal/published-pdf/")

# The force's signing certificate (reports/signing.py): a PKCS#12 file and its passphrase. A
# published paper and an evidence pack's manifest are signed with it; without it papers are
# published unsigned and `check --deploy` warns. SPR_TSA_URL: an RFC 3161 timestamp service.
SPR_SIGNING_P12 = os.environ.get("SPR_SIGNING_P12", "")
SPR_SIGNING_P12_PASSPHRASE = os.environ.get("SPR_SIGNING_P12_PASSPHRASE", "")
SPR_TSA_URL = os.environ.get("SPR_TSA_URL", "")

CRISPY_ALLOWED_TEMPLATE_PACKS = ["gds"]
CRISPY_TEMPLATE_PACK = "gds"

# E-mail (reminders) goes to the console on a developer's machine, to SMTP (EMAIL_HOST)
# elsewhere; EMAIL_BACKEND overrides both.
MAILERS = {
    "default": {
        "BACKEND": os.environ.get(
            "EMAIL_BACKEND",
            "django.core.mail.backends.console.EmailBackend"
            if LOCAL
            else "django.core.mail.backends.smtp.EmailBackend",
        ),
        "OPTIONS": {"host": os.environ["EMAIL_HOST"], "port": int(os.environ.get("EMAIL_PORT", 25))}
        if "EMAIL_HOST" in os.environ
        else {},
    }
}
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "spr-portal@localhost")
SPR_PORTAL_URL = os.environ.get("SPR_PORTAL_URL", "http://127.0.0.1:8000")

# What the service pages (help and contact, privacy notice, accessibility statement) say about
# the deployment; whom users contact (support, accessibility, the Data Protection Officer) is
# the force profile's, set in the admin.
SPR_SERVICE = {
    # Unset: the privacy notice names the force profile's chief officer and force.
    "controller": os.environ.get("SPR_DATA_CONTROLLER", ""),
    "retention": os.environ.get(
        "SPR_RETENTION",
        "for as long as the force keeps its governance records of the Strategic Policing "
        "Requirement; the audit trail is never deleted",
    ),
    "statement_prepared": os.environ.get("SPR_ACCESSIBILITY_PREPARED", "29 November 2026"),
}

# Security: the content is OFFICIAL-SENSITIVE.
SESSION_COOKIE_HTTPONLY = True
# A session ends after 30 minutes without a request or 10 hours after signing in, whichever
# comes first (accounts/sessions.py); the cookie never outlives the longer of the two.
SESSION_IDLE_SECONDS = int(os.environ.get("SESSION_IDLE_MINUTES", "30")) * 60
SESSION_ABSOLUTE_SECONDS = 10 * 60 * 60
SESSION_WARNING_SECONDS = 2 * 60
SESSION_COOKIE_AGE = SESSION_ABSOLUTE_SECONDS
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not LOCAL)
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", not LOCAL)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0" if LOCAL else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = not LOCAL
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD")
BEHIND_TLS_PROXY = env_bool("BEHIND_TLS_PROXY")
if BEHIND_TLS_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# No inline script or style anywhere: the policy says so, and the templates keep to it.
SECURE_CSP = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}

# The read API's rate limit per token (django-ninja's format: "120/m", "5000/d").
SPR_API_RATE = os.environ.get("SPR_API_RATE", "120/m")
NINJA_PAGINATION_PER_PAGE = 100
NINJA_PAGINATION_MAX_LIMIT = 500

# A request may carry one evidence file of up to 20 MB; Django spools it to disk over 2.5 MB.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # A refusal (403) or a missing page (404) is an expected answer, already on the audit
    # trail where it matters: one line in the log, never a traceback.
    "filters": {
        "client_errors": {"()": "spr_portal.demo.ClientErrorsWithoutTraceback"},
        "request_id": {"()": "spr_portal.operations.RequestIdFilter"},
    },
    # LOG_FORMAT=json: one JSON object a line (time, level, logger, message, request id,
    # instance, exception), for a log collector; else plain lines for a person.
    "formatters": {"json": {"()": "spr_portal.operations.JsonFormatter"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["client_errors", "request_id"],
            **({"formatter": "json"} if os.environ.get("LOG_FORMAT") == "json" else {}),
        },
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # WeasyPrint's font subsetting logs every table it prunes at INFO: hundreds of lines per PDF.
    "loggers": {"fontTools": {"level": "WARNING"}},
}
if DEMO:
    # The demo's console is for the person trying it: django-axes logs each sign-in, several
    # "AXES:" lines a time, and each failure as a warning (kept in production, for the
    # security log). The demo's audit trail still records failures and lock-outs.
    LOGGING["loggers"]["axes"] = {"level": "ERROR"}
