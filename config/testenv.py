"""A pytest plugin (loaded by pytest.ini) that runs tests as a development install.

It must run before pytest-django imports the settings, which is why it is not a conftest.py.
CI sets DATABASE_URL and REDIS_URL in the environment for its PostgreSQL/Redis pass.
"""
import os

os.environ.setdefault("DEBUG", "true")
