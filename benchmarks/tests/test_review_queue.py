"""The review queue in the admin: actions create aliases and the stored rows re-match at once."""
import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from benchmarks.matching import resolve_source_rows
from benchmarks.models import BenchmarkRow, ModelAlias, Source, UnmatchedName
from benchmarks.review_queue import Outcome, describe

QUEUE_URL = "admin:benchmarks_unmatchedname_changelist"


@pytest.fixture
def admin_client(client, db):
    user = get_user_model().objects.create_superuser("curator", "curator@example.org", "pw-for-tests-only")
    client.force_login(user)
    return client


@pytest.fixture
def queued(make_model, make_row):
    """Two gpt-5 models and three rows of a name only fuzzy matching can place, already queued."""
    model = make_model("openai/gpt-5-mini", name="OpenAI: GPT-5 Mini")
    make_model("openai/gpt-5-nano", name="OpenAI: GPT-5 Nano")
    for benchmark in ("swebench-verified", "swebench-lite", "swebench-full"):
        make_row(None, raw_model="gpt5 mini turbo", benchmark=benchmark, match_method="")
    make_row(None, raw_model="Secret Lab Model", match_method="")
    resolve_source_rows("swebench")
    return model


def run_action(admin_client, action, names):
    ids = list(UnmatchedName.objects.filter(raw_name__in=names).values_list("pk", flat=True))
    return admin_client.post(reverse(QUEUE_URL), {"action": action, "_selected_action": ids}, follow=True)


def test_queue_lists_names_with_readable_suggestions_and_a_map_link(admin_client, queued):
    page = admin_client.get(reverse(QUEUE_URL)).content.decode()

    assert "gpt5 mini turbo" in page
    assert "openai/gpt-5-mini (" in page  # "canonical id (score)"
    assert reverse("admin:benchmarks_modelalias_add") + "?raw_name=gpt5+mini+turbo&amp;source=" in page


def test_accept_top_suggestion_creates_alias_and_rematches_rows(admin_client, queued):
    response = run_action(admin_client, "accept_top_suggestion", ["gpt5 mini turbo"])

    alias = ModelAlias.objects.get(raw_name="gpt5 mini turbo")
    assert (alias.model, alias.source.slug, alias.reviewed) == (queued, "swebench", True)
    assert BenchmarkRow.objects.filter(raw_model="gpt5 mini turbo", model=queued, match_method="alias").count() == 3
    assert not UnmatchedName.objects.filter(raw_name="gpt5 mini turbo").exists()
    assert "Mapped 1 name; 3 rows now matched." in response.content.decode()


def test_accept_without_suggestion_skips_the_name_and_says_so(admin_client, queued):
    UnmatchedName.objects.filter(raw_name="Secret Lab Model").update(suggestions=[])

    response = run_action(admin_client, "accept_top_suggestion", ["Secret Lab Model"])

    assert not ModelAlias.objects.exists()
    assert "Skipped 1: Secret Lab Model (no suggestion)" in response.content.decode()


def test_mark_not_in_catalog_clears_the_queue_and_leaves_rows_unmatched(admin_client, queued):
    response = run_action(admin_client, "mark_not_in_catalog", ["gpt5 mini turbo", "Secret Lab Model"])

    assert "Marked 2 names as not in catalog" in response.content.decode()
    assert not UnmatchedName.objects.exists()
    assert ModelAlias.objects.filter(not_in_catalog=True).count() == 2
    assert not BenchmarkRow.objects.filter(model__isnull=False).exists()


def test_ignored_name_stays_ignored_after_a_rematch(admin_client, queued):
    run_action(admin_client, "ignore", ["Secret Lab Model"])

    resolve_source_rows("swebench")

    assert UnmatchedName.objects.get(raw_name="Secret Lab Model").status == "ignored"


def test_map_to_form_is_prefilled_and_saving_rematches_and_returns_to_the_queue(admin_client, queued):
    source = Source.objects.get(slug="swebench")
    url = reverse("admin:benchmarks_modelalias_add") + f"?raw_name=gpt5+mini+turbo&source={source.pk}&from_queue=1"
    form = admin_client.get(url).content.decode()
    assert 'value="gpt5 mini turbo"' in form

    response = admin_client.post(url, {"raw_name": "gpt5 mini turbo", "source": source.pk, "model": queued.pk,
                                       "origin": "admin", "note": ""})

    assert response.status_code == 302 and response.url == reverse(QUEUE_URL)
    assert BenchmarkRow.objects.filter(raw_model="gpt5 mini turbo", model=queued).count() == 3


def test_alias_admin_save_and_delete_rematch_stored_rows(admin_client, queued):
    response = admin_client.post(reverse("admin:benchmarks_modelalias_add"), {
        "raw_name": "Secret Lab Model", "model": queued.pk, "origin": "admin", "note": ""}, follow=True)
    row = BenchmarkRow.objects.get(raw_model="Secret Lab Model")
    assert row.model == queued  # a global alias: every source re-matched
    assert "swebench: 1 of 4 rows matched, 1 name in the queue" in response.content.decode()

    alias = ModelAlias.objects.get(raw_name="Secret Lab Model")
    admin_client.post(reverse("admin:benchmarks_modelalias_delete", args=[alias.pk]), {"post": "yes"})
    row.refresh_from_db()
    assert row.model is None
    assert UnmatchedName.objects.filter(raw_name="Secret Lab Model").exists()


def test_alias_moved_to_another_source_rematches_both(admin_client, queued):
    swebench, aider = Source.objects.get(slug="swebench"), Source.objects.get(slug="aider")
    alias = ModelAlias.objects.create(raw_name="Secret Lab Model", source=swebench, model=queued)
    resolve_source_rows(swebench)

    admin_client.post(reverse("admin:benchmarks_modelalias_change", args=[alias.pk]), {
        "raw_name": "Secret Lab Model", "source": aider.pk, "model": queued.pk, "origin": "admin", "note": ""})

    assert BenchmarkRow.objects.get(raw_model="Secret Lab Model").model is None


def test_describe_counts_names_and_rows_in_plain_words():
    assert describe(Outcome(mapped=3, rows_matched=41)) == "Mapped 3 names; 41 rows now matched."


def test_bulk_deleting_aliases_rematches_their_sources(admin_client, queued):
    run_action(admin_client, "accept_top_suggestion", ["gpt5 mini turbo"])
    alias = ModelAlias.objects.get()

    admin_client.post(reverse("admin:benchmarks_modelalias_changelist"),
                      {"action": "delete_selected", "_selected_action": [alias.pk], "post": "yes"})

    assert not ModelAlias.objects.exists()
    assert not BenchmarkRow.objects.filter(raw_model="gpt5 mini turbo", model__isnull=False).exists()
    assert UnmatchedName.objects.get(raw_name="gpt5 mini turbo").row_count == 3


def test_accept_skips_a_weak_top_suggestion(admin_client, queued):
    UnmatchedName.objects.filter(raw_name="gpt5 mini turbo").update(suggestions=[[queued.canonical_id, 56.5]])

    response = run_action(admin_client, "accept_top_suggestion", ["gpt5 mini turbo"])

    assert not ModelAlias.objects.exists()
    assert "gpt5 mini turbo (best score 56.5 &lt; 70: map it by hand)" in response.content.decode()
