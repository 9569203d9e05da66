"""A local mirror of upstream: the real snapshots in ../shared/sources served on 127.0.0.1.

Each file is served under the path upstream uses (DESIGN.md, base-URL convention), so pointing
`settings.SOURCE_BASE_URLS` at the yielded URLs makes every fetcher read the snapshots over real
HTTP. Nothing is copied. Used by the benchmarks in bench/ and the end-to-end tests.
"""
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

SHARED = Path(__file__).resolve().parent.parent.parent / "shared" / "sources"

# source -> {path upstream serves: snapshot file under ../shared/sources/<source>/}; catalog first.
MIRROR = {
    "openrouter": {"models": "models.json"},
    "swebench": {"leaderboards.json": "leaderboards.json"},
    "evalplus": {"results.json": "results.json"},
    "bigcodebench": {"results.json": "results.json", "results-hard.json": "results-hard.json"},
    "livebench": {"table_2026_01_08.csv": "table_2026_01_08.csv",
                  "categories_2026_01_08.json": "categories_2026_01_08.json"},
    "artificialanalysis": {"data/llms/models": "data_llms_models_2026-02-27.json"},
    "aider": {"polyglot_leaderboard.yml": "polyglot_leaderboard.yml"},
    "lmarena": {"leaderboard-text-style-control.json": "leaderboard-text-style-control.json"},
}


class MirrorHandler(SimpleHTTPRequestHandler):
    """Serves /<source>/<upstream path> from the matching snapshot file; 404 for anything else."""

    def translate_path(self, path: str) -> str:
        source, _, rest = path.split("?", 1)[0].lstrip("/").partition("/")
        snapshot = MIRROR.get(source, {}).get(rest)
        return str(Path(self.directory) / source / snapshot) if snapshot else str(Path(self.directory) / "__missing__")

    def log_message(self, *args) -> None:  # quiet: the callers print what matters
        pass


@contextmanager
def serve_snapshots(shared: Path = SHARED) -> Iterator[dict[str, str]]:
    """Serve the mirror on a free 127.0.0.1 port; yields {source: base URL}."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(MirrorHandler, directory=str(shared)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield {source: f"http://127.0.0.1:{server.server_port}/{source}" for source in MIRROR}
    finally:
        server.shutdown()
        server.server_close()
