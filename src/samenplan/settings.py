"""Settings for Samenplan, read from the environment.

One file on purpose: every knob is an environment variable with a safe default for a
newcomer's machine. `SAMENPLAN_ENV=production` turns on the production defaults
(secure cookies, HSTS, HTTPS redirect) and makes a missing secret key an error.
README.md lists the production environment.
"""

import os
import secrets
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from samenplan.signin.oidc_settings import broker_from_environment

SRC_DIR = Path(__file__).resolve().parent
BASE_DIR = SRC_DIR.parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


ENVIRONMENT = os.environ.get("SAMENPLAN_ENV", "development")
PRODUCTION = ENVIRONMENT == "production"
DEBUG = env_bool("SAMENPLAN_DEBUG", False)

VAR_DIR = BASE_DIR / "var"
VAR_DIR.mkdir(exist_ok=True)


def installation_secret(name: str, directory: Path = VAR_DIR) -> str:
    """A random secret made on this installation's first run and kept in var/ (readable
    by the owner only), so no two installations share a key and none is in the code."""
    path = directory / name
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text().strip()
    value = secrets.token_urlsafe(48)
    with os.fdopen(descriptor, "w") as file:
        file.write(value)
    return value


SECRET_KEY = os.environ.get("SAMENPLAN_SECRET_KEY", "")
if not SECRET_KEY:
    if PRODUCTION:
        raise ImproperlyConfigured("Set SAMENPLAN_SECRET_KEY in production.")
    SECRET_KEY = installation_secret("secret_key")

ALLOWED_HOSTS = env_list("SAMENPLAN_ALLOWED_HOSTS", "" if PRODUCTION else "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("SAMENPLAN_CSRF_TRUSTED_ORIGINS", "")

# Absolute address of the site, used in emails sent outside a request (reminders).
BASE_URL = os.environ.get("SAMENPLAN_BASE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "samenplan.accounts",
    "samenplan.plans",
    "samenplan.sharing",
    "samenplan.measuring",
    "samenplan.conversations",
    "samenplan.notifications",
    "samenplan.audit",
    "samenplan.organisations",
    "samenplan.directory",
    "samenplan.referrals",
    "samenplan.hubs",
    "samenplan.early_signals",
    "samenplan.conferences",
    "samenplan.insights",
    "samenplan.signin",
    "samenplan.privacy",
    "samenplan.exchange",
    "samenplan.api",
    "samenplan.learning",
    "samenplan.programme",
    "samenplan.mystery_guests",
    "samenplan.buddies",
    "samenplan.demo",
    "samenplan.lib",
    "samenplan.lib.admin_site.PlatformAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.forms",
    "django_ratelimit",
    # Two-factor authentication (signin/twofactor.py): codes from an app, recovery codes.
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    # django-axes, with a Dutch name in the admin (signin/axes_app.py).
    "samenplan.signin.axes_app.AxesConfig",
    "rest_framework",
    "drf_spectacular",
    # OAuth2 client credentials for partner systems calling the API (api/authentication.py).
    "oauth2_provider",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "samenplan.lib.middleware.RequestIdMiddleware",
    "samenplan.api.middleware.ApiVersionMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "samenplan.lib.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Which code (app or recovery code) verified this session; then nothing but the code
    # step or the app's set-up until it did (signin/middleware_otp.py).
    "django_otp.middleware.OTPMiddleware",
    "samenplan.signin.middleware_otp.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "samenplan.lib.middleware.NoStoreMiddleware",
    # Signing in safely (docs/security.md): staff sessions end when idle or too long (after
    # CSRF, so a form kept for later passed its check); axes turns a lockout into its page.
    "samenplan.signin.sessions.StaffSessionMiddleware",
    "axes.middleware.AxesMiddleware",
    # Last, so it runs each view (after the CSRF check) inside the audit transaction.
    "samenplan.audit.middleware.AuditMiddleware",
]

ROOT_URLCONF = "samenplan.urls"
WSGI_APPLICATION = "samenplan.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [SRC_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]
FORM_RENDERER = "samenplan.lib.forms.FormRenderer"

# Local state (the SQLite database, collected static files, the secret key) lives in var/.
(VAR_DIR / "static").mkdir(parents=True, exist_ok=True)
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'var' / 'samenplan.sqlite3'}"),
        conn_max_age=int(os.environ.get("SAMENPLAN_CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and env_bool("SAMENPLAN_PG_ASYNC_COMMIT", True):
    # Reads commit their audit entry without waiting for the disk; changes still wait
    # (`lib.db.commit_durably`, docs/audit-log.md).
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c synchronous_commit=off"
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Wait for a writer instead of failing at once; WAL lets readers go on meanwhile.
    # IMMEDIATE: a transaction takes the write lock when it starts, so two requests never
    # append to the audit chain from the same head (and never deadlock upgrading a lock).
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        # WAL with synchronous=NORMAL: never corrupt, at most the last commits lost on a
        # power cut. SQLite is for development and demos; production runs PostgreSQL.
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
# A read replica (docs/scaling.md): with SAMENPLAN_REPLICA_URL, the insights figures are read
# from it (`lib/db_router.py`); grants, plans, the audit log and every write stay on the
# primary. In tests the replica mirrors the test database.
SAMENPLAN_REPLICA_APPS = ["insights"]
if os.environ.get("SAMENPLAN_REPLICA_URL"):
    DATABASES["replica"] = dj_database_url.parse(
        os.environ["SAMENPLAN_REPLICA_URL"],
        conn_max_age=int(os.environ.get("SAMENPLAN_CONN_MAX_AGE", "60")),
    )
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["samenplan.lib.db_router.ReplicaRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
# Axes first: it refuses a locked-out username and address before any password is checked.
AUTHENTICATION_BACKENDS = [
    "samenplan.signin.lockout.LockoutBackend",
    "samenplan.accounts.backends.UsernameOrEmailBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "samenplan.accounts.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "samenplan.accounts.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "samenplan.accounts.password_validation.CommonPasswordValidator"},
    {"NAME": "samenplan.accounts.password_validation.NumericPasswordValidator"},
]
# Two-factor authentication: the name the phone's app shows next to the codes.
OTP_TOTP_ISSUER = "Samenplan"
# How long an activation link in the intake email, and an invitation link, stay valid.
ACTIVATION_MAX_AGE = timedelta(days=int(os.environ.get("SAMENPLAN_ACTIVATION_DAYS", "14")))
INVITATION_DAYS = int(os.environ.get("SAMENPLAN_INVITATION_DAYS", "14"))
# How long emergency access lasts unless the professional asks for less.
EMERGENCY_ACCESS_HOURS = int(os.environ.get("SAMENPLAN_EMERGENCY_HOURS", "24"))
# Working days (Monday to Friday) a receiving organisation has to accept or reject a referral.
SAMENPLAN_REFERRAL_RESPONSE_DAYS = int(os.environ.get("SAMENPLAN_REFERRAL_RESPONSE_DAYS", "5"))
# Working days in which the wijk team contacts someone who asked a question at a hub.
SAMENPLAN_QUESTION_RESPONSE_DAYS = int(os.environ.get("SAMENPLAN_QUESTION_RESPONSE_DAYS", "3"))
# Questions sent from one address through the public form: at most this many per hour.
SAMENPLAN_QUESTION_RATE = os.environ.get("SAMENPLAN_QUESTION_RATE", "5/h")
# Working days the breakthrough officer has to decide a breakthrough request.
SAMENPLAN_BREAKTHROUGH_DECISION_DAYS = int(os.environ.get("SAMENPLAN_BREAKTHROUGH_DECISION_DAYS", "10"))
# The municipality this installation serves (docs/scaling.md): every wijk belongs to a
# municipality, and wijken and organisations added without one belong to this one. The
# code is Statistics Netherlands' (CBS); the demo town Helmstad borrows Helmond's.
SAMENPLAN_MUNICIPALITY_NAME = os.environ.get("SAMENPLAN_MUNICIPALITY_NAME", "Helmstad")
SAMENPLAN_MUNICIPALITY_CODE = os.environ.get("SAMENPLAN_MUNICIPALITY_CODE", "GM0794")
# Insights (docs/indicators.md): no count of fewer people than MIN_COUNT, no share or mean
# with fewer than MIN_BASE people behind it. They may be raised, never set below 5 and 10
# (insights/suppression.py holds the floors).
SAMENPLAN_INSIGHTS_MIN_COUNT = int(os.environ.get("SAMENPLAN_INSIGHTS_MIN_COUNT", "10"))
SAMENPLAN_INSIGHTS_MIN_BASE = int(os.environ.get("SAMENPLAN_INSIGHTS_MIN_BASE", "20"))
# Retention (docs/hubs-and-signals.md): early signals after which no help followed, and
# questions that led to no plan, are deleted after this many days by `manage.py retention`.
SAMENPLAN_SIGNAL_RETENTION_DAYS = int(os.environ.get("SAMENPLAN_SIGNAL_RETENTION_DAYS", "183"))
SAMENPLAN_QUESTION_RETENTION_DAYS = int(os.environ.get("SAMENPLAN_QUESTION_RETENTION_DAYS", "365"))
# Erasure (docs/privacy.md, "Erasure"): a closed plan is erased this many years after it
# was closed (`manage.py erase_expired`); 15 follows the Wmo practice of the selection
# list, 20 the Jeugdwet (art. 7.3.8). On request, a resident may have a closed plan erased
# earlier, once this many days passed after closing, unless the installation keeps youth-care
# files (then the municipality decides a written request, Jeugdwet art. 7.3.9).
SAMENPLAN_RETENTION_YEARS = int(os.environ.get("SAMENPLAN_RETENTION_YEARS", "15"))
SAMENPLAN_ERASURE_WAIT_DAYS = int(os.environ.get("SAMENPLAN_ERASURE_WAIT_DAYS", "42"))
SAMENPLAN_YOUTH_CARE = env_bool("SAMENPLAN_YOUTH_CARE", False)

# The default cache is per process; throttling needs one that every worker shares without
# another server: a table in the database (created by a migration of the hubs app).
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "ratelimit": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "samenplan_ratelimit"},
}
RATELIMIT_USE_CACHE = "ratelimit"
# django-ratelimit prefers memcached or Redis for an atomic increment. The database cache
# counts with a read and a write, so two requests at the same moment may both count as one:
# for holding off spam that is enough, and it needs no server beside the database.
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.E003", "django_ratelimit.W001"]

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
# The app's own catalogue first (makemessages writes there); then Django's admin and
# account texts in the app's voice ("je", never "u"), which makemessages leaves alone.
LOCALE_PATHS = [SRC_DIR / "locale", SRC_DIR / "locale_overrides"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
STATICFILES_DIRS = [SRC_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
# Without collectstatic (demo, tests) WhiteNoise serves straight from the app folders.
WHITENOISE_USE_FINDERS = not PRODUCTION
WHITENOISE_AUTOREFRESH = DEBUG

EMAIL_BACKEND = os.environ.get(
    "SAMENPLAN_EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend" if PRODUCTION else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_HOST = os.environ.get("SAMENPLAN_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("SAMENPLAN_EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("SAMENPLAN_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("SAMENPLAN_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = env_bool("SAMENPLAN_EMAIL_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("SAMENPLAN_FROM_EMAIL", "Samenplan <noreply@samenplan.example>")

# The audit log (docs/audit-log.md). The key signs the hash chain; keep it stable and
# secret, apart from the secret key, in production.
SAMENPLAN_AUDIT_ENABLED = env_bool("SAMENPLAN_AUDIT_ENABLED", True)
AUDIT_KEY = os.environ.get("SAMENPLAN_AUDIT_KEY", "")
if not AUDIT_KEY:
    if PRODUCTION:
        raise ImproperlyConfigured("Set SAMENPLAN_AUDIT_KEY in production (keep it stable and secret).")
    AUDIT_KEY = f"audit-key-from-secret:{SECRET_KEY}"
AUDIT_RETENTION_DAYS = int(os.environ.get("SAMENPLAN_AUDIT_RETENTION_DAYS", str(5 * 365)))

# DigiD and eHerkenning through an OIDC broker (signin/oidc.py, docs/security.md): each off
# until SAMENPLAN_DIGID_* / SAMENPLAN_EHERKENNING_* name a client and the broker.
SAMENPLAN_OIDC = {
    "digid": broker_from_environment("DIGID"),
    "eherkenning": broker_from_environment("EHERKENNING"),
}
# The key of the BSN's keyed hash (User.bsn_hash). Keep it stable: a new key unlinks every
# DigiD; outside production it may follow the secret key.
BSN_HASH_KEY = os.environ.get("SAMENPLAN_BSN_HASH_KEY", "")
if not BSN_HASH_KEY:
    if PRODUCTION and SAMENPLAN_OIDC["digid"]["enabled"]:
        raise ImproperlyConfigured("Set SAMENPLAN_BSN_HASH_KEY when DigiD is on (keep it stable and secret).")
    BSN_HASH_KEY = f"bsn-hash-key-from-secret:{SECRET_KEY}"

# Security headers. The policy allows only this site's own files: no inline script or
# style, no third-party hosts (product rule 5 and 6).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [NONE],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF],
        "font-src": [SELF],
        "connect-src": [SELF],
        "manifest-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [NONE],
    }
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 60 * 60 * 10
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "samenplan.lib.errors.csrf_failure"
LANGUAGE_COOKIE_SAMESITE = "Lax"
HTTPS = env_bool("SAMENPLAN_HTTPS", PRODUCTION)
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
LANGUAGE_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS and env_bool("SAMENPLAN_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = int(os.environ.get("SAMENPLAN_HSTS_SECONDS", str(60 * 60 * 24 * 365) if HTTPS else "0"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
if env_bool("SAMENPLAN_BEHIND_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Signing in safely (docs/security.md, "Lockout" and "Sessions").
# The client's address: behind SAMENPLAN_PROXY_COUNT proxies the one the outermost proxy saw
# (X-Forwarded-For, counted from the right); never the header without a proxy.
SAMENPLAN_BEHIND_PROXY = env_bool("SAMENPLAN_BEHIND_PROXY", False)
SAMENPLAN_PROXY_COUNT = int(os.environ.get("SAMENPLAN_PROXY_COUNT", "1"))
# Wrong passwords for one username from one address before a lockout, and its length.
SAMENPLAN_LOCKOUT_ATTEMPTS = int(os.environ.get("SAMENPLAN_LOCKOUT_ATTEMPTS", "5"))
SAMENPLAN_LOCKOUT_MINUTES = int(os.environ.get("SAMENPLAN_LOCKOUT_MINUTES", "15"))
AXES_FAILURE_LIMIT = SAMENPLAN_LOCKOUT_ATTEMPTS
AXES_COOLOFF_TIME = timedelta(minutes=SAMENPLAN_LOCKOUT_MINUTES)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "samenplan.lib.network.client_address"
AXES_USERNAME_CALLABLE = "samenplan.signin.lockout.attempted_username"
AXES_LOCKOUT_CALLABLE = "samenplan.signin.lockout.lockout_response"
AXES_HTTP_RESPONSE_CODE = 429
# The time the lockout page promises stays true: tries during a lockout do not extend it.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_RESET_ON_SUCCESS = True
AXES_SENSITIVE_PARAMETERS = ["username", "ip_address", "csrfmiddlewaretoken"]
# Our own admin pages (signin/admin.py) show lockouts, in Dutch and for platform admins only.
AXES_ENABLE_ADMIN = False
# Staff (everyone but residents and network members): idle and total session limits.
SAMENPLAN_STAFF_IDLE_MINUTES = int(os.environ.get("SAMENPLAN_STAFF_IDLE_MINUTES", "15"))
SAMENPLAN_STAFF_SESSION_HOURS = int(os.environ.get("SAMENPLAN_STAFF_SESSION_HOURS", "10"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("SAMENPLAN_LOG_LEVEL", "WARNING")},
}

# The APIs: the HSDS 3.0 social map (`directory/api.py`, `/api/hsds/`, public) and Samenplan's
# own `/api/v1/` (`api/`, docs/exchange.md). JSON only: the browsable API would load scripts our
# CSP refuses. Errors answer as problem details; `api/base.ApiView` sets who may call.
REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "samenplan.api.problems.exception_handler",
}
SAMENPLAN_API_VERSION = "1.0.0"
# The largest request body the API reads, in bytes.
SAMENPLAN_API_MAX_BODY = int(os.environ.get("SAMENPLAN_API_MAX_BODY", str(64 * 1024)))
SPECTACULAR_SETTINGS = {
    "TITLE": "Samenplan API",
    "DESCRIPTION": (
        "The resident's plan, referrals, early signals, the social map and the municipality's "
        "figures, for the app's own pages and for partner systems. Follows the NL API Design "
        "Rules. Missing and not-yours both answer 404. See docs/exchange.md."
    ),
    "VERSION": SAMENPLAN_API_VERSION,
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "SERVE_AUTHENTICATION": [],
    "COMPONENT_SPLIT_REQUEST": True,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "PREPROCESSING_HOOKS": ["samenplan.api.schema.only_version_one"],
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "samenplan.api.schema.problems_and_version",
    ],
    "SERVERS": [{"url": "/", "description": "This Samenplan"}],
}
# Partner systems: OAuth2 client credentials (each ApiClient's application has only that grant);
# secrets hashed; tokens live 15 minutes.
OAUTH2_PROVIDER = {
    "SCOPES": {
        "referrals": "Referrals sent to the organisation",
        "signals": "Early signals: send and read their status",
        "insights": "Suppressed figures",
    },
    "ACCESS_TOKEN_EXPIRE_SECONDS": int(os.environ.get("SAMENPLAN_API_TOKEN_SECONDS", "900")),
    "OAUTH2_VALIDATOR_CLASS": "samenplan.api.authentication.ClientScopes",
    # RFC 9700 (the OAuth 2.0 security best practice) throughout: tokens stored hashed, never
    # taken from a URL; no implicit or password grant (we use only client credentials).
    **{
        f"COMPLIANT_BCP_RFC9700_{gate}": True
        for gate in (
            "IMPLICIT_GRANT",
            "PASSWORD_GRANT",
            "PKCE_METHOD",
            "ACCESS_TOKEN_TRANSPORT",
            "AUTHZ_RESPONSE_ISS",
            "TOKEN_STORAGE",
            "REFRESH_TOKEN",
            "REDIRECT_URI_SCHEME",
            "REDIRECT_URI_MATCHING",
            "PKCE_REQUIRED",
        )
    },
    "REFRESH_TOKEN_REUSE_PROTECTION": True,
    "ALLOWED_REDIRECT_URI_SCHEMES": ["https"],
    "PKCE_REQUIRED": True,
}
OAUTH2_PROVIDER_APPLICATION_MODEL = "oauth2_provider.Application"

# The Open Referral HSDS 3.0 schemas and examples (tests validate against them).
SAMENPLAN_HSDS_STANDARDS = Path(
    os.environ.get("SAMENPLAN_HSDS_STANDARDS", str(BASE_DIR.parent / "shared" / "standards" / "hsds-3.0"))
)
