"""HTTP behaviour shared by every fetcher: retries, backoff, Retry-After, 304, auth, secrets."""
import httpx
import pytest
import respx

from benchmarks.fetchers import FetchError, NotConfigured, PayloadRejected, get_fetcher
from benchmarks.fetchers.base import Fetcher, join_validators, parse_retry_after, split_validators

BASE = "http://mirror.test/evalplus"
URL = f"{BASE}/results.json"
GOOD = '{"M-7B": {"pass@1": {"humaneval": 50.0, "humaneval+": 45.0, "mbpp": null, "mbpp+": null}}}'


@pytest.fixture(autouse=True)
def quick_retries(settings, monkeypatch):
    settings.FETCH_RETRIES = 2
    settings.FETCH_BACKOFF_SECONDS = 0.5
    waits = []
    monkeypatch.setattr(Fetcher, "sleep", staticmethod(waits.append))
    return waits


def fetch(slug: str = "evalplus", base: str = BASE, **validators):
    with httpx.Client() as client:
        return get_fetcher(slug, base_url=base).fetch(client, **validators)


@respx.mock
def test_timeout_is_retried_then_reported_readably():
    route = respx.get(URL).mock(side_effect=httpx.ReadTimeout("slow"))
    with pytest.raises(FetchError, match=r"results.json: timed out after .* \(gave up after 3 attempts\)"):
        fetch()
    assert route.call_count == 3


@respx.mock
def test_connection_refused_becomes_fetch_error():
    respx.get(URL).mock(side_effect=httpx.ConnectError("[Errno 111] Connection refused"))
    with pytest.raises(FetchError, match="could not connect"):
        fetch()


@respx.mock
def test_server_error_then_success_is_retried_with_exponential_backoff(quick_retries):
    respx.get(URL).mock(side_effect=[httpx.Response(500), httpx.Response(502), httpx.Response(200, text=GOOD)])
    result = fetch()
    assert [row.value for row in result.rows] == [45.0, 50.0]
    assert quick_retries == [0.5, 1.0]


@respx.mock
def test_too_many_requests_waits_as_long_as_retry_after_says(quick_retries):
    respx.get(URL).mock(side_effect=[httpx.Response(429, headers={"Retry-After": "7"}),
                                     httpx.Response(200, text=GOOD)])
    assert fetch().rows
    assert quick_retries == [7.0]


@respx.mock
def test_retry_after_is_capped(quick_retries):
    respx.get(URL).mock(side_effect=[httpx.Response(429, headers={"Retry-After": "86400"}),
                                     httpx.Response(200, text=GOOD)])
    fetch()
    assert quick_retries == [60.0]


@respx.mock
def test_client_error_is_not_retried():
    route = respx.get(URL).respond(404)
    with pytest.raises(FetchError, match="HTTP 404 Not Found"):
        fetch()
    assert route.call_count == 1


@respx.mock
def test_not_modified_sends_validators_and_returns_no_rows():
    route = respx.get(URL).respond(304)
    result = fetch(etag='W/"abc"', last_modified="Wed, 21 Oct 2026 07:28:00 GMT")
    assert result.not_modified and result.rows == []
    assert route.calls.last.request.headers["If-None-Match"] == 'W/"abc"'
    assert route.calls.last.request.headers["If-Modified-Since"] == "Wed, 21 Oct 2026 07:28:00 GMT"


@respx.mock
def test_new_validators_are_returned_with_the_rows():
    respx.get(URL).respond(200, text=GOOD, headers={"ETag": '"v2"', "Last-Modified": "Thu, 22 Oct 2026 07:28:00 GMT"})
    result = fetch(etag='"v1"')
    assert (result.etag, result.last_modified) == ('"v2"', "Thu, 22 Oct 2026 07:28:00 GMT")


@respx.mock
def test_multi_file_source_refetches_the_unchanged_file_when_another_changed():
    base = "http://mirror.test/bcb"
    full = respx.get(f"{base}/results.json").mock(side_effect=[httpx.Response(304), httpx.Response(200, text=GOOD2)])
    respx.get(f"{base}/results-hard.json").respond(200, text=GOOD2, headers={"ETag": '"h2"'})
    result = fetch("bigcodebench", base, etag='"f1"\n"h1"')
    assert full.call_count == 2 and len(result.rows) == 2


GOOD2 = '{"M-7B": {"pass@1": {"complete": 40.0, "instruct": null}}}'


@respx.mock
def test_empty_body_is_rejected():
    respx.get(URL).respond(200, text="")
    with pytest.raises(PayloadRejected, match="results.json is empty"):
        fetch()


@respx.mock
def test_artificial_analysis_sends_key_in_header_only(settings):
    settings.ARTIFICIAL_ANALYSIS_API_KEY = "aa-secret-key-123"
    route = respx.get("http://mirror.test/aa/data/llms/models").respond(401)
    with pytest.raises(FetchError) as caught:
        fetch("artificialanalysis", "http://mirror.test/aa")
    request = route.calls.last.request
    assert request.headers["x-api-key"] == "aa-secret-key-123"
    assert "aa-secret-key-123" not in str(request.url)
    assert "aa-secret-key-123" not in str(caught.value) and "API key" in str(caught.value)


def test_artificial_analysis_without_key_is_not_configured(settings):
    settings.ARTIFICIAL_ANALYSIS_API_KEY = ""
    with pytest.raises(NotConfigured, match="ARTIFICIAL_ANALYSIS_API_KEY"):
        fetch("artificialanalysis", "http://mirror.test/aa")


@respx.mock
def test_openrouter_key_goes_in_bearer_header_and_never_in_errors(settings):
    settings.OPENROUTER_API_KEY = "sk-or-secret"
    route = respx.get("http://mirror.test/or/models").mock(
        side_effect=httpx.ConnectError("failed for sk-or-secret"))
    with pytest.raises(FetchError) as caught:
        fetch("openrouter", "http://mirror.test/or")
    assert route.calls.last.request.headers["Authorization"] == "Bearer sk-or-secret"
    assert "sk-or-secret" not in str(caught.value)
    assert "sk-or-secret" not in repr(get_fetcher("openrouter"))


def test_unknown_source_lists_the_valid_keys():
    with pytest.raises(KeyError, match="valid keys: aider, artificialanalysis"):
        get_fetcher("nope")


@pytest.mark.parametrize("value, expected", [("12", 12.0), ("soon", None), ("Wed, 21 Oct 2015 07:28:00 GMT", 0.0)])
def test_retry_after_reads_seconds_or_past_dates(value, expected):
    assert parse_retry_after(value) == expected


def test_validators_of_several_files_round_trip_and_overlong_ones_are_dropped():
    assert split_validators(join_validators(['"a"', '"b"'], limit=300), 2) == ['"a"', '"b"']
    assert join_validators(['"a"', ""], limit=300) == ""
    assert join_validators(["x" * 200, "y" * 200], limit=300) == ""
    assert split_validators('"a"', 2) == ["", ""]
