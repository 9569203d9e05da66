"""CodeRank settings: one file, every deployment choice read from the environment.

The embedded default (no environment at all) is a development install: SQLite next to
manage.py, no broker (Celery tasks run in-process), local-memory cache.
"""
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

SOURCE_KEYS = [
    "openrouter",
    "swebench",
    "evalplus",
    "bigcodebench",
    "livebench",
    "artificialanalysis",
    "aider",
    "lmarena",
]

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)
_DEV_SECRET = "dev-only-insecure-secret-key-never-use-in-production"
SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set SECRET_KEY in the environment (or .env) for production, "
            "or set DEBUG=true for a local development install."
        )
    SECRET_KEY = _DEV_SECRET

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "corsheaders",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_celery_beat",
    "import_export",
    "benchmarks",
    "rankings",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "config.urls"

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
            ],
        },
    },
]

WSGI_APPLICATION = "config.wsgi.application"

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the page server read while a refresh writes; the timeout rides out short locks.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"timeout": 20, "init_command": "PRAGMA journal_mode=WAL;"}
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "coderank"}}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = True

# --- Security (production: DEBUG off) --------------------------------------------------------
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

# --- Celery -----------------------------------------------------------------------------------
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = REDIS_URL or "cache+memory://"
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_TIMEZONE = "UTC"
CELERY_TASK_TIME_LIMIT = env.int("CELERY_TASK_TIME_LIMIT", default=600)
CELERY_TASK_SOFT_TIME_LIMIT = env.int("CELERY_TASK_SOFT_TIME_LIMIT", default=540)

# --- REST framework ----------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticatedOrReadOnly"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_THROTTLE_CLASSES": ["rest_framework.throttling.AnonRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {"anon": env.str("API_ANON_THROTTLE", default="120/minute")},
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.LimitOffsetPagination",
    "PAGE_SIZE": 100,
    "EXCEPTION_HANDLER": "rankings.api_errors.handle_api_exception",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "CodeRank API",
    "DESCRIPTION": "Which LLM to use for coding: rankings, models, sources and snapshots.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # Swagger UI and Redoc assets are served from the installed sidecar package, never a CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}
CORS_ALLOWED_ORIGINS = env.list("CORS_ALLOWED_ORIGINS", default=[])
CORS_URLS_REGEX = r"^/api/.*$"

# --- CodeRank ----------------------------------------------------------------------------------
RANKINGS_CACHE_HOURS = env.int("RANKINGS_CACHE_HOURS", default=24)
RANKINGS_SNAPSHOT_RETENTION = env.int("RANKINGS_SNAPSHOT_RETENTION", default=60)
RANKINGS_WEIGHTS = {
    "coding": env.float("WEIGHT_CODING", default=0.5),
    "performance": env.float("WEIGHT_PERFORMANCE", default=0.3),
    "value": env.float("WEIGHT_VALUE", default=0.2),
}
RANKINGS_MIN_COVERAGE = env.float("RANKINGS_MIN_COVERAGE", default=0.25)
# Below this share of the coding weight a coding score is provisional and ranks after established ones.
RANKINGS_FULL_COVERAGE = env.float("RANKINGS_FULL_COVERAGE", default=0.5)
# A refresh whose row count falls below this share of the last good one is rejected.
REFRESH_MIN_ROW_RATIO = env.float("REFRESH_MIN_ROW_RATIO", default=0.5)
FETCH_TIMEOUT_SECONDS = env.float("FETCH_TIMEOUT_SECONDS", default=30.0)
FETCH_RETRIES = env.int("FETCH_RETRIES", default=3)
FETCH_BACKOFF_SECONDS = env.float("FETCH_BACKOFF_SECONDS", default=1.0)

OPENROUTER_API_KEY = env.str("OPENROUTER_API_KEY", default="")
ARTIFICIAL_ANALYSIS_API_KEY = env.str("ARTIFICIAL_ANALYSIS_API_KEY", default="")
HF_TOKEN = env.str("HF_TOKEN", default="")
# Artificial Analysis endpoint under its base URL: the classic one, or language/models(/free).
ARTIFICIALANALYSIS_MODELS_PATH = env.str("ARTIFICIALANALYSIS_MODELS_PATH", default="data/llms/models")
LIVEBENCH_RELEASE = env.str("LIVEBENCH_RELEASE", default="2026_01_08")

_DEFAULT_BASE_URLS = {
    "openrouter": "https://openrouter.ai/api/v1",
    "swebench": "https://raw.githubusercontent.com/SWE-bench/swe-bench.github.io/master/data",
    "evalplus": "https://evalplus.github.io",
    "bigcodebench": "https://bigcode-bench.github.io",
    "livebench": "https://livebench.ai",
    "artificialanalysis": "https://artificialanalysis.ai/api/v2",
    "aider": "https://raw.githubusercontent.com/Aider-AI/aider/main/aider/website/_data",
    "lmarena": "https://raw.githubusercontent.com/lmarena/arena-catalog/main/data",
}
SOURCE_BASE_URLS = {
    key: env.str(f"{key.upper()}_BASE_URL", default=url).rstrip("/") for key, url in _DEFAULT_BASE_URLS.items()
}
SOURCE_ENABLED = {key: env.bool(f"ENABLE_{key.upper()}", default=True) for key in SOURCE_KEYS}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {"httpx": {"level": "WARNING"}, "httpcore": {"level": "WARNING"}},
}
