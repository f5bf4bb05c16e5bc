/**
 * Python starter code seeded into the shared editor for the coding questions.
 *
 * Every snippet runs as-is (it prints placeholder results) so the candidate can
 * execute it before changing anything. Keep rubric content out of these: they are
 * shown to the candidate.
 */

export const gilStarter = `"""Two workloads, two executors.

Fill in run_checksums and run_downloads with concurrent.futures so that each
finishes as fast as possible, then explain which executor you chose and why.
"""

import concurrent.futures  # noqa: F401  (you will need this)
import time


def checksum(n: int) -> int:
    """Pure-Python arithmetic over range(n)."""
    total = 0
    for i in range(n):
        total = (total * 31 + i) % 1_000_003
    return total


def fake_download(url: str) -> str:
    """Pretends to wait half a second for a server to respond."""
    time.sleep(0.5)
    return f"<html from {url}>"


def run_checksums(sizes: list[int]) -> list[int]:
    """Return [checksum(n) for n in sizes], as fast as possible."""
    # TODO: choose an executor and map checksum over sizes
    return []


def run_downloads(urls: list[str]) -> list[str]:
    """Return [fake_download(url) for url in urls], as fast as possible."""
    # TODO: choose an executor and map fake_download over urls
    return []


if __name__ == "__main__":
    start = time.perf_counter()
    print(run_checksums([2_000_000] * 4))
    print(f"checksums: {time.perf_counter() - start:.2f}s")

    start = time.perf_counter()
    print(run_downloads([f"https://example.com/page/{i}" for i in range(8)]))
    print(f"downloads: {time.perf_counter() - start:.2f}s")
`;

export const typeHintsStarter = `"""Add type annotations so that "mypy --strict" passes.

Keep the behaviour identical: only add annotations (and a Protocol).
"""

from dataclasses import dataclass

# TODO: define a Protocol describing what these functions need from a shape.


@dataclass
class Square:
    side: float

    def area(self):
        return self.side * self.side


@dataclass
class Circle:
    radius: float

    def area(self):
        return 3.14159 * self.radius**2


def total_area(shapes, scale=1.0):
    return sum(shape.area() for shape in shapes) * scale


def group_by_kind(shapes):
    groups = {}
    for shape in shapes:
        groups.setdefault(type(shape).__name__, []).append(shape)
    return groups


def largest(shapes):
    if not shapes:
        return None
    return max(shapes, key=lambda shape: shape.area())


if __name__ == "__main__":
    shapes = [Square(2), Circle(1), Square(3)]
    print(total_area(shapes))
    print(group_by_kind(shapes))
    print(largest(shapes))
`;

export const asyncioStarter = `"""Fetch several fake URLs concurrently.

fake_fetch stands in for a real HTTP client: do not change it.
"""

import asyncio
import random
import time

URLS = [f"https://api.example.com/items/{i}" for i in range(10)]


async def fake_fetch(url: str) -> dict[str, object]:
    """Pretend to make an HTTP request that takes 0.2 to 1.0 seconds."""
    delay = random.uniform(0.2, 1.0)
    await asyncio.sleep(delay)
    return {"url": url, "status": 200, "elapsed": round(delay, 2)}


async def fetch_all(urls: list[str]) -> list[dict[str, object]]:
    """Fetch every URL concurrently and return the results in input order."""
    # TODO: run the requests concurrently with asyncio.gather
    return []


async def main() -> None:
    start = time.perf_counter()
    results = await fetch_all(URLS)
    for result in results:
        print(result)
    print(f"fetched {len(results)} urls in {time.perf_counter() - start:.2f}s")


if __name__ == "__main__":
    asyncio.run(main())
`;

export const decoratorsStarter = `"""Write two decorators: timed and retry.

Decorated functions must keep their original name and docstring.
"""

import time


def timed(func):
    """Print how long each call to func took."""
    # TODO: implement (returning func unchanged keeps this file runnable)
    return func


def retry(times=3, exceptions=(Exception,)):
    """Re-run the decorated function when it raises one of exceptions,
    making at most times attempts in total, then re-raise the last error.
    """
    # TODO: implement (an identity decorator keeps this file runnable)
    return lambda func: func


calls = {"count": 0}


@retry(times=3, exceptions=(ConnectionError,))
def flaky() -> str:
    """Fails twice, then succeeds."""
    calls["count"] += 1
    if calls["count"] < 3:
        raise ConnectionError("transient failure")
    return "ok"


@timed
def slow_sum(n: int) -> int:
    """Sum the first n integers, slowly."""
    time.sleep(0.1)
    return sum(range(n))


if __name__ == "__main__":
    print(slow_sum(1_000))
    print(slow_sum.__name__, "-", slow_sum.__doc__)
    try:
        print(flaky(), "after", calls["count"], "calls")
    except ConnectionError as exc:
        print("gave up:", exc)
`;

export const pytestStarter = `"""Write pytest tests for parse_price and PriceConverter.

Run with: pytest this_file.py   (or: python this_file.py)
"""

from decimal import Decimal, InvalidOperation

import pytest


def parse_price(text: str) -> Decimal:
    """Parse strings like "$1,234.50", "12" or " 0.99 " into a Decimal.

    Raises ValueError for empty, negative or malformed input.
    """
    cleaned = text.strip().removeprefix("$").replace(",", "")
    if not cleaned:
        raise ValueError("empty price")
    try:
        value = Decimal(cleaned)
    except InvalidOperation as exc:
        raise ValueError(f"malformed price: {text!r}") from exc
    if value < 0:
        raise ValueError("negative price")
    return value.quantize(Decimal("0.01"))


class RateService:
    """Fetches exchange rates over the network: too slow and flaky for unit tests."""

    def get_rate(self, source: str, target: str) -> Decimal:
        raise RuntimeError("network access is not allowed in tests")


class PriceConverter:
    def __init__(self, rates: RateService) -> None:
        self.rates = rates

    def convert(self, text: str, source: str, target: str) -> Decimal:
        amount = parse_price(text)
        if source == target:
            return amount
        rate = self.rates.get_rate(source, target)
        return (amount * rate).quantize(Decimal("0.01"))


# --- your tests below --------------------------------------------------------

# TODO: a fixture that provides a PriceConverter for your tests

# TODO: one parametrized test covering many valid inputs to parse_price

# TODO: tests for the inputs parse_price must reject

# TODO: tests for PriceConverter.convert


def test_placeholder() -> None:
    """Delete me once you have real tests."""
    assert parse_price("$1,234.50") == Decimal("1234.50")


if __name__ == "__main__":
    raise SystemExit(pytest.main([__file__, "-q"]))
`;

export const dataModelStarter = `"""Make Playlist behave like a built-in sequence, and Timer work in a with block."""

import time


class Playlist:
    """An ordered collection of track titles."""

    def __init__(self, name: str, tracks: list[str] | None = None) -> None:
        self.name = name
        self._tracks = list(tracks or [])

    def add(self, track: str) -> None:
        self._tracks.append(track)

    # TODO: len(playlist) returns the number of tracks
    # TODO: "for track in playlist" yields the tracks in order
    # TODO: playlist[0] and playlist[1:3] work
    # TODO: a readable repr, and playlists with the same name and tracks compare equal


class Timer:
    """Measure the wall-clock time of a with block:

        with Timer("load") as t:
            load_everything()
        print(t.label, t.elapsed)

    elapsed must be set even if the block raises, and the error must not be hidden.
    """

    def __init__(self, label: str) -> None:
        self.label = label
        self.elapsed: float | None = None

    # TODO: make Timer usable in a with statement


if __name__ == "__main__":
    playlist = Playlist("focus", ["Intro", "Deep Work", "Outro"])
    playlist.add("Encore")
    print(playlist)
    # Uncomment as you implement each part:
    # print(len(playlist))
    # print(list(playlist))
    # print(playlist[0], playlist[1:3])
    # print(playlist == Playlist("focus", ["Intro", "Deep Work", "Outro", "Encore"]))
    # with Timer("nap") as t:
    #     time.sleep(0.2)
    # print(t.label, t.elapsed)
`;

export const memoryStarter = `"""A report service whose memory keeps growing until it is restarted.

Traffic: thousands of distinct users, each asking for the same few reports a
few times a day. Find what keeps growing and fix it without losing the benefit
of the cache.
"""

import time

_cache = {}
_listeners = []


class Report:
    def __init__(self, user_id: int, month: str) -> None:
        self.user_id = user_id
        self.month = month
        self.rows = [f"row {i} for user {user_id}" for i in range(200)]
        self.refreshed_at = time.time()
        # Reports subscribe to refresh notifications.
        _listeners.append(self.on_refresh)

    def on_refresh(self) -> None:
        self.refreshed_at = time.time()


def build_report(user_id: int, month: str) -> Report:
    """Expensive: pretend this runs several database queries."""
    time.sleep(0.001)
    return Report(user_id, month)


def get_report(user_id: int, month: str) -> Report:
    key = (user_id, month)
    if key not in _cache:
        _cache[key] = build_report(user_id, month)
    return _cache[key]


def refresh_all() -> None:
    for callback in _listeners:
        callback()


if __name__ == "__main__":
    for request in range(5_000):
        get_report(user_id=request % 1_000, month="2024-05")
    refresh_all()
    print("cached reports:", len(_cache), "listeners:", len(_listeners))
`;
