"""What every benchmark script does first: a development install on a throwaway database.

    import environment  # noqa: F401  (first import of a bench script: sets up Django)

The scripts run as `python bench/<name>.py`, so this module is importable by its plain name. It
puts the project on sys.path, uses a fresh SQLite file unless DATABASE_URL is set, and calls
django.setup(); the caller migrates when it needs tables.
"""
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DEBUG", "true")  # also turns SECURE_SSL_REDIRECT off for local servers
os.environ.setdefault("DATABASE_URL", f"sqlite:///{tempfile.mkdtemp(prefix='coderank-bench-')}/bench.sqlite3")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()
