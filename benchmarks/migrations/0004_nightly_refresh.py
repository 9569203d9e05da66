"""Schedules the nightly refresh: every day at 03:15 UTC, refresh every enabled source, then build
a new ranking snapshot (task benchmarks.tasks.refresh_all).

It is a django-celery-beat entry, so admins can change the time or disable it under
Admin → Periodic tasks; re-running migrations never overwrites their edits.
"""
from django.db import migrations

TASK_NAME = "Nightly refresh and ranking build"


def create_schedule(apps, schema_editor):
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    # 03:15 UTC: after the US working day (upstream leaderboards update then), before Europe's.
    schedule, _ = CrontabSchedule.objects.get_or_create(
        minute="15", hour="3", day_of_week="*", day_of_month="*", month_of_year="*", timezone="UTC")
    PeriodicTask.objects.get_or_create(name=TASK_NAME, defaults={
        "task": "benchmarks.tasks.refresh_all", "crontab": schedule, "kwargs": "{}", "enabled": True,
        "description": "Every day at 03:15 UTC: refresh all sources, then publish a new ranking snapshot."})


def remove_schedule(apps, schema_editor):
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(name=TASK_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("benchmarks", "0003_refreshlock"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]
    operations = [migrations.RunPython(create_schedule, remove_schedule)]
