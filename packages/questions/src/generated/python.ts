// Generated from packages/questions/banks/python by `pnpm bank build`. Edit the Markdown, not this file;
// a test fails when the two differ.

import type { Question } from '@interview-room/protocol';
import type { BankInfo } from '../bank.ts';

export const bank: BankInfo = {
  "id": "python",
  "title": "Python",
  "description": "Python-specific interview questions covering async programming, type hints, testing, packaging, and idiomatic patterns."
};

export const questions: readonly Question[] = [
  {
    "id": "python-gil",
    "title": "The GIL and concurrency",
    "prompt": "The starter code has two slow workloads: one crunches numbers in pure Python, the other waits on simulated network calls.\nUsing concurrent.futures, fill in run_checksums and run_downloads so that each finishes as quickly as possible.\nThen explain why you picked the executor you did for each, and what Python's global interpreter lock has to do with that choice.",
    "language": "python",
    "topic": "Concurrency",
    "level": "mid",
    "durationMinutes": 8,
    "tags": [
      "gil",
      "concurrency",
      "threading",
      "multiprocessing",
      "concurrent.futures"
    ],
    "bank": "python",
    "starterCode": "\"\"\"Two workloads, two executors.\n\nFill in run_checksums and run_downloads with concurrent.futures so that each\nfinishes as fast as possible, then explain which executor you chose and why.\n\"\"\"\n\nimport concurrent.futures  # noqa: F401  (you will need this)\nimport time\n\n\ndef checksum(n: int) -> int:\n    \"\"\"Pure-Python arithmetic over range(n).\"\"\"\n    total = 0\n    for i in range(n):\n        total = (total * 31 + i) % 1_000_003\n    return total\n\n\ndef fake_download(url: str) -> str:\n    \"\"\"Pretends to wait half a second for a server to respond.\"\"\"\n    time.sleep(0.5)\n    return f\"<html from {url}>\"\n\n\ndef run_checksums(sizes: list[int]) -> list[int]:\n    \"\"\"Return [checksum(n) for n in sizes], as fast as possible.\"\"\"\n    # TODO: choose an executor and map checksum over sizes\n    return []\n\n\ndef run_downloads(urls: list[str]) -> list[str]:\n    \"\"\"Return [fake_download(url) for url in urls], as fast as possible.\"\"\"\n    # TODO: choose an executor and map fake_download over urls\n    return []\n\n\nif __name__ == \"__main__\":\n    start = time.perf_counter()\n    print(run_checksums([2_000_000] * 4))\n    print(f\"checksums: {time.perf_counter() - start:.2f}s\")\n\n    start = time.perf_counter()\n    print(run_downloads([f\"https://example.com/page/{i}\" for i in range(8)]))\n    print(f\"downloads: {time.perf_counter() - start:.2f}s\")\n",
    "rubric": {
      "sampleAnswer": "Distinguish I/O-bound from CPU-bound: \"For I/O-bound work, asyncio or threading works fine despite the GIL. For CPU-bound work, I use multiprocessing or offload to C extensions that release the GIL.\"",
      "keyPoints": [
        "The GIL ensures only one thread executes Python bytecode at a time",
        "It protects internal interpreter state but limits CPU-bound parallelism in threads",
        "Workaround: multiprocessing for CPU-bound work (separate processes, each with its own GIL)",
        "Workaround: asyncio for I/O-bound concurrency",
        "Workaround: C extensions that release the GIL (NumPy)",
        "Workaround: concurrent.futures for clean process/thread pool abstractions"
      ],
      "strongSignals": [
        "Mentions that the GIL does not affect I/O-bound threading",
        "Knows about the ongoing efforts to remove the GIL (PEP 703, free-threaded Python 3.13+)"
      ],
      "redFlags": [
        "Does not know about the GIL (will make poor concurrency decisions)",
        "Can describe the limitation but not the practical workarounds (or vice versa)"
      ],
      "whyWeAsk": "Core Python knowledge. Candidates who do not know about the GIL will make poor concurrency decisions. Those who can discuss both the limitations and the practical workarounds demonstrate depth.",
      "followUps": [
        "What would you expect to happen to the timings if you swapped the two executors?",
        "If only one thread runs bytecode at a time, why do multithreaded Python programs still need locks? Is counter += 1 thread-safe?",
        "What does handing work to a process pool cost (start-up, pickling arguments and results), and when does that outweigh the gain?",
        "How does free-threaded Python (PEP 703) change this advice, and what could break in existing code?"
      ]
    }
  },
  {
    "id": "python-type-hints",
    "title": "Type hints and mypy",
    "prompt": "The module in the editor works but has no type annotations. Annotate it so that mypy --strict would accept it, and define a Protocol for what the functions need from a shape instead of naming the concrete classes.\nThen tell us how you would introduce type checking to a large, mostly untyped codebase, and what you do when a third-party library you depend on ships without types.",
    "language": "python",
    "topic": "Typing",
    "level": "mid",
    "durationMinutes": 8,
    "tags": [
      "type-hints",
      "mypy",
      "typing",
      "protocol",
      "static-analysis"
    ],
    "bank": "python",
    "starterCode": "\"\"\"Add type annotations so that \"mypy --strict\" passes.\n\nKeep the behaviour identical: only add annotations (and a Protocol).\n\"\"\"\n\nfrom dataclasses import dataclass\n\n# TODO: define a Protocol describing what these functions need from a shape.\n\n\n@dataclass\nclass Square:\n    side: float\n\n    def area(self):\n        return self.side * self.side\n\n\n@dataclass\nclass Circle:\n    radius: float\n\n    def area(self):\n        return 3.14159 * self.radius**2\n\n\ndef total_area(shapes, scale=1.0):\n    return sum(shape.area() for shape in shapes) * scale\n\n\ndef group_by_kind(shapes):\n    groups = {}\n    for shape in shapes:\n        groups.setdefault(type(shape).__name__, []).append(shape)\n    return groups\n\n\ndef largest(shapes):\n    if not shapes:\n        return None\n    return max(shapes, key=lambda shape: shape.area())\n\n\nif __name__ == \"__main__\":\n    shapes = [Square(2), Circle(1), Square(3)]\n    print(total_area(shapes))\n    print(group_by_kind(shapes))\n    print(largest(shapes))\n",
    "rubric": {
      "sampleAnswer": "Show a practical adoption strategy: \"We added mypy to CI in strict mode for new code and gradually typed existing modules. For untyped libraries, we wrote thin typed wrappers rather than scattering type: ignore everywhere.\"",
      "keyPoints": [
        "Type hints (PEP 484+) add static type annotations without runtime enforcement",
        "Static checkers: mypy, pyright or pytype",
        "Use typing module types (Optional, Union, List, Dict)",
        "Type aliases for complex types",
        "Protocol for structural subtyping",
        "TypeVar for generics",
        "Untyped libraries: use type: ignore comments sparingly",
        "Untyped libraries: write stub files (.pyi) or check typeshed for existing stubs",
        "Untyped libraries: use the py.typed marker"
      ],
      "strongSignals": [
        "Discusses a gradual typing strategy"
      ],
      "redFlags": [
        "Dismisses type hints (missing productivity gains)",
        "Does not use hints idiomatically or has never run a checker such as mypy in CI"
      ],
      "whyWeAsk": "Tests modern Python practices. Candidates who dismiss type hints are missing productivity gains. Those who use them idiomatically with mypy in CI demonstrate professional-grade Python development.",
      "followUps": [
        "How would you annotate largest() so it returns the same shape type it was given rather than just the Protocol?",
        "When would you choose a Protocol over an abstract base class?",
        "Annotations are not enforced at runtime. Where would you still want runtime validation, and what would you use for it?",
        "How would you configure mypy so new modules are checked strictly while legacy modules are not?"
      ]
    }
  },
  {
    "id": "python-asyncio",
    "title": "asyncio vs threading",
    "prompt": "The starter code simulates slow HTTP requests with asyncio.sleep. Implement fetch_all so that all the URLs are fetched concurrently with asyncio.gather, returning results in input order, and the whole run takes about as long as the slowest request.\nThen explain how this differs from doing the same job with threads, and how you decide between asyncio, threads or neither for a project.",
    "language": "python",
    "topic": "Concurrency",
    "level": "mid",
    "durationMinutes": 8,
    "tags": [
      "asyncio",
      "threading",
      "concurrency",
      "event-loop"
    ],
    "bank": "python",
    "starterCode": "\"\"\"Fetch several fake URLs concurrently.\n\nfake_fetch stands in for a real HTTP client: do not change it.\n\"\"\"\n\nimport asyncio\nimport random\nimport time\n\nURLS = [f\"https://api.example.com/items/{i}\" for i in range(10)]\n\n\nasync def fake_fetch(url: str) -> dict[str, object]:\n    \"\"\"Pretend to make an HTTP request that takes 0.2 to 1.0 seconds.\"\"\"\n    delay = random.uniform(0.2, 1.0)\n    await asyncio.sleep(delay)\n    return {\"url\": url, \"status\": 200, \"elapsed\": round(delay, 2)}\n\n\nasync def fetch_all(urls: list[str]) -> list[dict[str, object]]:\n    \"\"\"Fetch every URL concurrently and return the results in input order.\"\"\"\n    # TODO: run the requests concurrently with asyncio.gather\n    return []\n\n\nasync def main() -> None:\n    start = time.perf_counter()\n    results = await fetch_all(URLS)\n    for result in results:\n        print(result)\n    print(f\"fetched {len(results)} urls in {time.perf_counter() - start:.2f}s\")\n\n\nif __name__ == \"__main__\":\n    asyncio.run(main())\n",
    "rubric": {
      "sampleAnswer": "Be clear about the trade-off: \"asyncio shines for I/O-heavy services like API gateways handling thousands of concurrent requests. For CPU-bound work or simple scripts, it adds complexity without benefit.\"",
      "keyPoints": [
        "asyncio uses cooperative multitasking: a single thread runs an event loop",
        "The event loop switches between coroutines at await points",
        "Best for I/O-bound workloads with many concurrent connections (web servers, API clients, database queries)",
        "Differs from threading: no GIL overhead, no race conditions from shared mutable state",
        "All code must be non-blocking: one CPU-bound coroutine blocks everything"
      ],
      "strongSignals": [
        "Discusses when asyncio is overkill",
        "Explains how to integrate sync and async code (run_in_executor)",
        "Knows popular async frameworks (FastAPI, aiohttp)"
      ],
      "redFlags": [
        "Cannot explain the event loop",
        "Confuses async with threading (will write incorrect concurrent code)"
      ],
      "whyWeAsk": "Tests understanding of Python concurrency models. Candidates who cannot explain the event loop or confuse async with threading will write incorrect concurrent code. Ask about a real project where they chose async (or chose not to).",
      "followUps": [
        "Tell us about a real project where you chose async, or chose not to. What decided it?",
        "How would you cap fetch_all at three requests in flight at a time?",
        "If one request raises, what happens to the others and to the result? How would you change that behaviour, or add a per-request timeout?",
        "You must call a blocking library (say, a synchronous database driver) from a coroutine. What do you do?"
      ]
    }
  },
  {
    "id": "python-decorators",
    "title": "Decorators, class decorators and metaclasses",
    "prompt": "Implement the two decorators in the editor: timed, which prints how long each call took, and retry, which re-runs the wrapped function when it raises one of the given exceptions, up to a number of attempts, and then re-raises.\nDecorated functions should keep their original name and docstring.\nAfterwards, tell us how class decorators and metaclasses relate to what you just wrote, and when you would use each.",
    "language": "python",
    "topic": "Language features",
    "level": "mid",
    "durationMinutes": 10,
    "tags": [
      "decorators",
      "closures",
      "metaclasses",
      "functools"
    ],
    "bank": "python",
    "starterCode": "\"\"\"Write two decorators: timed and retry.\n\nDecorated functions must keep their original name and docstring.\n\"\"\"\n\nimport time\n\n\ndef timed(func):\n    \"\"\"Print how long each call to func took.\"\"\"\n    # TODO: implement (returning func unchanged keeps this file runnable)\n    return func\n\n\ndef retry(times=3, exceptions=(Exception,)):\n    \"\"\"Re-run the decorated function when it raises one of exceptions,\n    making at most times attempts in total, then re-raise the last error.\n    \"\"\"\n    # TODO: implement (an identity decorator keeps this file runnable)\n    return lambda func: func\n\n\ncalls = {\"count\": 0}\n\n\n@retry(times=3, exceptions=(ConnectionError,))\ndef flaky() -> str:\n    \"\"\"Fails twice, then succeeds.\"\"\"\n    calls[\"count\"] += 1\n    if calls[\"count\"] < 3:\n        raise ConnectionError(\"transient failure\")\n    return \"ok\"\n\n\n@timed\ndef slow_sum(n: int) -> int:\n    \"\"\"Sum the first n integers, slowly.\"\"\"\n    time.sleep(0.1)\n    return sum(range(n))\n\n\nif __name__ == \"__main__\":\n    print(slow_sum(1_000))\n    print(slow_sum.__name__, \"-\", slow_sum.__doc__)\n    try:\n        print(flaky(), \"after\", calls[\"count\"], \"calls\")\n    except ConnectionError as exc:\n        print(\"gave up:\", exc)\n",
    "rubric": {
      "sampleAnswer": "Show pragmatism: \"I use function decorators for cross-cutting concerns like caching and auth. Class decorators for registration patterns. Metaclasses almost never — in 10 years I have needed them twice.\"",
      "keyPoints": [
        "Decorators are functions that take a function/class and return a modified version",
        "Function decorators wrap individual functions (logging, caching, auth checks)",
        "Class decorators modify or wrap entire classes (adding methods, registering plugins)",
        "Metaclasses control class creation itself: rarely needed, used for ORMs or validation frameworks"
      ],
      "strongSignals": [
        "Uses functools.wraps to preserve metadata",
        "Knows the @property decorator",
        "Can explain when a simple decorator beats a metaclass (almost always)"
      ],
      "redFlags": [
        "Cannot write a decorator from scratch (may lack understanding of closures and first-class functions)",
        "Reaches for metaclasses when a decorator suffices (over-engineering)"
      ],
      "whyWeAsk": "Tests Python depth. Candidates who cannot write a decorator from scratch may lack understanding of closures and first-class functions. Those who reach for metaclasses when a decorator suffices are over-engineering.",
      "followUps": [
        "retry takes arguments. Walk us through what runs at decoration time and what runs at call time.",
        "How would you make timed work for async def functions as well as regular ones?",
        "Sketch a class decorator that registers plugin classes by name. Could __init_subclass__ do the same job without a metaclass?",
        "Should retry catch every exception? Which errors would you never retry, and how would you add backoff?"
      ],
      "hiddenChecks": [
        {
          "name": "timed prints how long the call took",
          "code": "import contextlib, io\ncaptured = io.StringIO()\nwith contextlib.redirect_stdout(captured):\n    assert slow_sum(10) == 45, \"slow_sum(10) must still return 45\"\nassert captured.getvalue().strip(), \"timed printed nothing\""
        },
        {
          "name": "timed keeps the name and docstring",
          "code": "@timed\ndef sample_function_for_timed():\n    \"\"\"sample docstring\"\"\"\n    return 7\n\nassert sample_function_for_timed() == 7\nassert sample_function_for_timed.__name__ == \"sample_function_for_timed\", sample_function_for_timed.__name__\nassert sample_function_for_timed.__doc__ == \"sample docstring\""
        },
        {
          "name": "retry succeeds on the last allowed attempt",
          "code": "attempts_made = []\n\n@retry(times=3, exceptions=(ValueError,))\ndef fails_twice_then_works():\n    attempts_made.append(1)\n    if len(attempts_made) < 3:\n        raise ValueError(\"not yet\")\n    return \"done\"\n\nassert fails_twice_then_works() == \"done\"\nassert len(attempts_made) == 3, f\"expected 3 attempts, got {len(attempts_made)}\""
        },
        {
          "name": "retry gives up and re-raises after the last attempt",
          "code": "attempts_made = []\n\n@retry(times=2, exceptions=(KeyError,))\ndef always_fails():\n    attempts_made.append(1)\n    raise KeyError(\"still broken\")\n\ntry:\n    always_fails()\nexcept KeyError:\n    pass\nelse:\n    raise AssertionError(\"the last KeyError must be re-raised\")\nassert len(attempts_made) == 2, f\"expected 2 attempts, got {len(attempts_made)}\""
        },
        {
          "name": "retry does not retry other exceptions",
          "code": "attempts_made = []\n\n@retry(times=5, exceptions=(ConnectionError,))\ndef wrong_kind_of_error():\n    attempts_made.append(1)\n    raise TypeError(\"a bug, not a blip\")\n\ntry:\n    wrong_kind_of_error()\nexcept TypeError:\n    pass\nassert len(attempts_made) == 1, f\"a TypeError was retried {len(attempts_made)} times\""
        }
      ]
    }
  },
  {
    "id": "python-pytest",
    "title": "Testing with pytest: fixtures and mocking",
    "prompt": "The editor contains parse_price, a small parsing function, and PriceConverter, which depends on a RateService that calls the network.\nWrite pytest tests for both: use at least one fixture and cover parse_price with a parametrized test. Your tests must never touch the network.\nThen tell us how you would organise the tests of a larger project.",
    "language": "python",
    "topic": "Testing",
    "level": "junior",
    "durationMinutes": 10,
    "tags": [
      "pytest",
      "testing",
      "fixtures",
      "mocking",
      "parametrize"
    ],
    "bank": "python",
    "starterCode": "\"\"\"Write pytest tests for parse_price and PriceConverter.\n\nRun with: pytest this_file.py   (or: python this_file.py)\n\"\"\"\n\nfrom decimal import Decimal, InvalidOperation\n\nimport pytest\n\n\ndef parse_price(text: str) -> Decimal:\n    \"\"\"Parse strings like \"$1,234.50\", \"12\" or \" 0.99 \" into a Decimal.\n\n    Raises ValueError for empty, negative or malformed input.\n    \"\"\"\n    cleaned = text.strip().removeprefix(\"$\").replace(\",\", \"\")\n    if not cleaned:\n        raise ValueError(\"empty price\")\n    try:\n        value = Decimal(cleaned)\n    except InvalidOperation as exc:\n        raise ValueError(f\"malformed price: {text!r}\") from exc\n    if value < 0:\n        raise ValueError(\"negative price\")\n    return value.quantize(Decimal(\"0.01\"))\n\n\nclass RateService:\n    \"\"\"Fetches exchange rates over the network: too slow and flaky for unit tests.\"\"\"\n\n    def get_rate(self, source: str, target: str) -> Decimal:\n        raise RuntimeError(\"network access is not allowed in tests\")\n\n\nclass PriceConverter:\n    def __init__(self, rates: RateService) -> None:\n        self.rates = rates\n\n    def convert(self, text: str, source: str, target: str) -> Decimal:\n        amount = parse_price(text)\n        if source == target:\n            return amount\n        rate = self.rates.get_rate(source, target)\n        return (amount * rate).quantize(Decimal(\"0.01\"))\n\n\n# --- your tests below --------------------------------------------------------\n\n# TODO: a fixture that provides a PriceConverter for your tests\n\n# TODO: one parametrized test covering many valid inputs to parse_price\n\n# TODO: tests for the inputs parse_price must reject\n\n# TODO: tests for PriceConverter.convert\n\n\ndef test_placeholder() -> None:\n    \"\"\"Delete me once you have real tests.\"\"\"\n    assert parse_price(\"$1,234.50\") == Decimal(\"1234.50\")\n\n\nif __name__ == \"__main__\":\n    raise SystemExit(pytest.main([__file__, \"-q\"]))\n",
    "rubric": {
      "sampleAnswer": "Describe your setup: \"I use pytest with fixtures scoped per function for isolation. Parametrize replaces duplicate test methods. I patch external services but prefer dependency injection for internal code.\"",
      "keyPoints": [
        "pytest is the community standard: less boilerplate than unittest",
        "Powerful fixtures with dependency injection",
        "parametrize for table-driven tests",
        "Rich plugin ecosystem",
        "Fixtures replace setUp/tearDown with explicit, composable, scoped resources",
        "Mocking: unittest.mock.patch for replacing dependencies",
        "Mocking alternative: dependency injection to avoid patching entirely"
      ],
      "strongSignals": [
        "Discusses test organisation (unit/integration/e2e directories)",
        "Uses conftest.py for shared fixtures",
        "Uses markers for slow tests"
      ],
      "redFlags": [
        "Only knows unittest (may be behind on ecosystem conventions)",
        "Cannot discuss fixture scoping, parametrize or test organisation"
      ],
      "whyWeAsk": "Fundamental Python testing knowledge. Candidates who only know unittest may be behind on ecosystem conventions. Those who can discuss fixture scoping, parametrize, and test organisation demonstrate professional testing practices.",
      "followUps": [
        "PriceConverter receives its RateService in the constructor. Did you patch or pass a fake, and why?",
        "Did you find any input parse_price handles badly (for example \"NaN\" or \"Infinity\")? How would you keep that fixed?",
        "When would you scope a fixture to the module or session instead of the function, and what can go wrong?",
        "How do you keep slow integration tests out of the fast local run while still running them in CI?"
      ]
    }
  },
  {
    "id": "python-packaging",
    "title": "Virtual environments and dependency management",
    "prompt": "You join a team whose Python service is deployed from a repository containing a single requirements.txt that people edit by hand.\nWalk us through how you would set up environments and dependency management for this project, for local development and for production deploys.\nIf the team later wanted to publish part of the code as a reusable library, what would change?",
    "language": "python",
    "topic": "Packaging and tooling",
    "level": "junior",
    "durationMinutes": 6,
    "tags": [
      "packaging",
      "virtualenv",
      "dependencies",
      "lockfiles",
      "pyproject"
    ],
    "bank": "python",
    "starterCode": "",
    "rubric": {
      "sampleAnswer": "Show current awareness: \"I use Poetry for application projects because it handles lockfiles and virtual environments together. For libraries, I use pyproject.toml with Hatch for PEP 621 compliance.\"",
      "keyPoints": [
        "Virtual environments isolate project dependencies",
        "venv (built-in)",
        "pip + requirements.txt (basic)",
        "pip-tools (compiled lockfiles)",
        "Poetry (dependency resolution + packaging)",
        "PDM or Hatch (modern PEP 621)"
      ],
      "strongSignals": [
        "Discusses lockfiles for reproducibility",
        "Separates dev and prod dependencies",
        "Discusses dependency resolution conflicts",
        "Discusses publishing packages",
        "Knows about pyproject.toml as the modern config standard"
      ],
      "redFlags": [
        "Manually manages requirements.txt without lockfiles (will cause \"works on my machine\" problems)",
        "Unaware of modern tooling (Poetry, PDM, uv)"
      ],
      "whyWeAsk": "Baseline Python ecosystem knowledge. Candidates who manually manage requirements.txt without lockfiles will cause \"works on my machine\" problems. Those who know modern tooling (Poetry, PDM, uv) are up to date.",
      "followUps": [
        "What belongs in a lockfile versus the dependency list in pyproject.toml, and do you commit the lockfile for an application? For a library?",
        "Two of your dependencies need incompatible versions of a third package. How do you find out, and what are your options?",
        "Have you used uv? What does it change compared with pip and venv?",
        "How do you make sure the production image installs exactly what CI tested?"
      ]
    }
  },
  {
    "id": "python-data-model",
    "title": "The data model and dunder methods",
    "prompt": "Implement the Playlist class in the editor so that it behaves like a built-in sequence: len(), for loops, indexing and slicing should all work, it should print readably, and two playlists with the same name and tracks should compare equal.\nThen make Timer usable in a with statement so that it records how long the block took, even if the block raises.\nTalk us through each piece as you add it.",
    "language": "python",
    "topic": "Language features",
    "level": "mid",
    "durationMinutes": 10,
    "tags": [
      "data-model",
      "dunder-methods",
      "context-managers",
      "protocols"
    ],
    "bank": "python",
    "starterCode": "\"\"\"Make Playlist behave like a built-in sequence, and Timer work in a with block.\"\"\"\n\nimport time\n\n\nclass Playlist:\n    \"\"\"An ordered collection of track titles.\"\"\"\n\n    def __init__(self, name: str, tracks: list[str] | None = None) -> None:\n        self.name = name\n        self._tracks = list(tracks or [])\n\n    def add(self, track: str) -> None:\n        self._tracks.append(track)\n\n    # TODO: len(playlist) returns the number of tracks\n    # TODO: \"for track in playlist\" yields the tracks in order\n    # TODO: playlist[0] and playlist[1:3] work\n    # TODO: a readable repr, and playlists with the same name and tracks compare equal\n\n\nclass Timer:\n    \"\"\"Measure the wall-clock time of a with block:\n\n        with Timer(\"load\") as t:\n            load_everything()\n        print(t.label, t.elapsed)\n\n    elapsed must be set even if the block raises, and the error must not be hidden.\n    \"\"\"\n\n    def __init__(self, label: str) -> None:\n        self.label = label\n        self.elapsed: float | None = None\n\n    # TODO: make Timer usable in a with statement\n\n\nif __name__ == \"__main__\":\n    playlist = Playlist(\"focus\", [\"Intro\", \"Deep Work\", \"Outro\"])\n    playlist.add(\"Encore\")\n    print(playlist)\n    # Uncomment as you implement each part:\n    # print(len(playlist))\n    # print(list(playlist))\n    # print(playlist[0], playlist[1:3])\n    # print(playlist == Playlist(\"focus\", [\"Intro\", \"Deep Work\", \"Outro\", \"Encore\"]))\n    # with Timer(\"nap\") as t:\n    #     time.sleep(0.2)\n    # print(t.label, t.elapsed)\n",
    "rubric": {
      "sampleAnswer": "Give a concrete example: \"My PagedResults class implements __len__ for total count, __iter__ to yield items across pages, and __getitem__ for index access. Dataclasses handle __init__, __repr__, and __eq__ automatically.\"",
      "keyPoints": [
        "Special methods let custom classes integrate with Python's built-in operations",
        "__len__ for len()",
        "__iter__/__next__ for iteration",
        "__eq__/__lt__/__hash__ for comparison and hashing",
        "__repr__/__str__ for string representation",
        "__getitem__ for indexing",
        "__enter__/__exit__ for context managers"
      ],
      "strongSignals": [
        "Discusses the total_ordering decorator",
        "Explains the difference between __repr__ and __str__",
        "Uses dataclasses as a shortcut for common dunder methods"
      ],
      "redFlags": [
        "Cannot implement basic dunder methods (will struggle with Pythonic design)",
        "Cannot sketch a class that works as a context manager (__enter__/__exit__)"
      ],
      "whyWeAsk": "Tests Python depth beyond surface usage. Candidates who cannot implement basic dunder methods will struggle with Pythonic design. Ask them to sketch a class that works as a context manager — this tests __enter__/__exit__ understanding.",
      "followUps": [
        "What arguments does __exit__ receive, and what happens if it returns True?",
        "You defined __eq__ on Playlist. What happened to hashing, and should a playlist be usable as a dict key?",
        "Should playlist[1:3] return a list or a Playlist? Why?",
        "How would you write Timer with contextlib.contextmanager instead, and when is a class the better choice?",
        "Would a dataclass have saved work here? What would it not give you?"
      ],
      "hiddenChecks": [
        {
          "name": "len() and iteration follow the tracks",
          "code": "checked_playlist = Playlist(\"check\", [\"one\", \"two\", \"three\"])\nassert len(checked_playlist) == 3\nassert list(checked_playlist) == [\"one\", \"two\", \"three\"]"
        },
        {
          "name": "indexing and slicing work",
          "code": "checked_playlist = Playlist(\"check\", [\"one\", \"two\", \"three\"])\nassert checked_playlist[0] == \"one\"\nassert checked_playlist[-1] == \"three\"\nassert list(checked_playlist[0:2]) == [\"one\", \"two\"]"
        },
        {
          "name": "equal name and tracks compare equal",
          "code": "assert Playlist(\"same\", [\"a\"]) == Playlist(\"same\", [\"a\"])\nassert Playlist(\"same\", [\"a\"]) != Playlist(\"other\", [\"a\"])"
        },
        {
          "name": "Timer sets elapsed even when the block raises",
          "code": "checked_timer = Timer(\"check\")\ntry:\n    with checked_timer:\n        raise RuntimeError(\"boom\")\nexcept RuntimeError:\n    pass\nelse:\n    raise AssertionError(\"the error must not be swallowed\")\nassert checked_timer.elapsed is not None and checked_timer.elapsed >= 0"
        }
      ]
    }
  },
  {
    "id": "python-django-vs-fastapi",
    "title": "Django vs FastAPI",
    "prompt": "Imagine two new projects: an internal content site where editors manage articles and users through a back office, and a public JSON API that partner companies will call at high volume.\nWhich Python web framework would you pick for each, and why?\nTell us what you would gain and give up with each choice, and what would make you change your mind.",
    "language": "python",
    "topic": "Web frameworks",
    "level": "mid",
    "durationMinutes": 8,
    "tags": [
      "django",
      "fastapi",
      "web",
      "architecture"
    ],
    "bank": "python",
    "starterCode": "",
    "rubric": {
      "sampleAnswer": "Match to requirements: \"For a content-heavy site with admin needs, Django saves weeks. For a high-throughput API service, FastAPI with async gives better performance with less overhead.\"",
      "keyPoints": [
        "Django: batteries-included (ORM, admin, auth, templating)",
        "Django is best for full-stack web apps and rapid prototyping",
        "FastAPI: async-first, Pydantic validation, OpenAPI generation, minimal",
        "FastAPI is best for APIs and microservices",
        "Trade-off: Django is heavier but more productive for traditional web apps",
        "Trade-off: FastAPI is leaner and faster for pure API services"
      ],
      "strongSignals": [
        "Discusses the middleware and ecosystem of each",
        "Knows when Django REST Framework bridges the gap",
        "Explains how async support in Django 4+ changes the calculus"
      ],
      "redFlags": [
        "Knows only one framework and cannot articulate its trade-offs",
        "Dismisses either framework without understanding its strengths (lacks perspective)"
      ],
      "whyWeAsk": "Tests practical framework knowledge. Candidates who only know one framework should still articulate its trade-offs. Those who dismiss either without understanding its strengths lack perspective.",
      "followUps": [
        "The content site now also needs a public API. Do you add Django REST Framework, run FastAPI alongside it, or something else?",
        "Where does the FastAPI performance advantage disappear, for example behind a slow database or synchronous ORM calls?",
        "If you had chosen FastAPI for the content site, how would you cover the admin screens and authentication?",
        "What does async support in Django cover today, and where does it still fall back to synchronous code?"
      ]
    }
  },
  {
    "id": "python-memory",
    "title": "Memory management and leaks",
    "prompt": "The report service in the editor slowly uses more and more memory in production until it is restarted.\nFind what keeps growing and fix it without losing the speed-up the cache was added for.\nAs you go, explain how Python decides when an object can be freed, and how you would confirm a problem like this in a running service before changing any code.",
    "language": "python",
    "topic": "Performance and internals",
    "level": "senior",
    "durationMinutes": 10,
    "tags": [
      "memory",
      "garbage-collection",
      "profiling",
      "weakref",
      "caching"
    ],
    "bank": "python",
    "starterCode": "\"\"\"A report service whose memory keeps growing until it is restarted.\n\nTraffic: thousands of distinct users, each asking for the same few reports a\nfew times a day. Find what keeps growing and fix it without losing the benefit\nof the cache.\n\"\"\"\n\nimport time\n\n_cache = {}\n_listeners = []\n\n\nclass Report:\n    def __init__(self, user_id: int, month: str) -> None:\n        self.user_id = user_id\n        self.month = month\n        self.rows = [f\"row {i} for user {user_id}\" for i in range(200)]\n        self.refreshed_at = time.time()\n        # Reports subscribe to refresh notifications.\n        _listeners.append(self.on_refresh)\n\n    def on_refresh(self) -> None:\n        self.refreshed_at = time.time()\n\n\ndef build_report(user_id: int, month: str) -> Report:\n    \"\"\"Expensive: pretend this runs several database queries.\"\"\"\n    time.sleep(0.001)\n    return Report(user_id, month)\n\n\ndef get_report(user_id: int, month: str) -> Report:\n    key = (user_id, month)\n    if key not in _cache:\n        _cache[key] = build_report(user_id, month)\n    return _cache[key]\n\n\ndef refresh_all() -> None:\n    for callback in _listeners:\n        callback()\n\n\nif __name__ == \"__main__\":\n    for request in range(5_000):\n        get_report(user_id=request % 1_000, month=\"2024-05\")\n    refresh_all()\n    print(\"cached reports:\", len(_cache), \"listeners:\", len(_listeners))\n",
    "rubric": {
      "sampleAnswer": "Show diagnostic experience: \"I use tracemalloc to snapshot memory at two points and compare. For cycle leaks, gc.set_debug(gc.DEBUG_SAVEALL) captures uncollectable objects. objgraph visualises reference chains.\"",
      "keyPoints": [
        "Reference counting is the primary mechanism: objects are freed when their refcount reaches zero",
        "The cyclic garbage collector handles reference cycles (objects that reference each other)",
        "Leak source: circular references with __del__",
        "Leak source: caching without bounds",
        "Leak source: global collections that grow",
        "Leak source: C extension leaks",
        "Diagnostic tools: tracemalloc (stdlib), objgraph, memory_profiler, gc.get_referrers()"
      ],
      "strongSignals": [
        "Discusses __slots__ for memory reduction",
        "Uses weakref for breaking cycles"
      ],
      "redFlags": [
        "Thinks Python cannot have memory leaks",
        "Cannot systematically diagnose memory growth using profiling tools"
      ],
      "whyWeAsk": "Senior Python question. Candidates who think Python cannot have memory leaks are wrong. Those who can systematically diagnose memory growth using profiling tools demonstrate production experience.",
      "followUps": [
        "Bounding the cache alone does not fix this service: the listener list still holds every report. How would you release them (weakref.WeakMethod, a WeakSet, explicit unsubscribe)?",
        "When would you use functools.lru_cache versus a weakref.WeakValueDictionary for this cache, and what does each cost?",
        "How would you compare two tracemalloc snapshots from a production process without restarting it?",
        "Report has thousands of instances with a fixed set of attributes. What would __slots__ save, and what would you give up?"
      ]
    }
  },
  {
    "id": "python-code-quality",
    "title": "Code quality tooling",
    "prompt": "You have just joined a team of eight engineers working on a Python codebase with no automated checks. Style debates come up in every code review, and bugs that a tool could have caught keep reaching production.\nWhat would you set up, in what order, and where would each check run?\nHow would you roll it out without stalling the team's current work?",
    "language": "python",
    "topic": "Packaging and tooling",
    "level": "junior",
    "durationMinutes": 6,
    "tags": [
      "linting",
      "formatting",
      "ruff",
      "mypy",
      "pre-commit",
      "ci"
    ],
    "bank": "python",
    "starterCode": "",
    "rubric": {
      "sampleAnswer": "Describe a practical setup: \"We use ruff for linting and formatting, mypy in strict mode for new code, and pre-commit hooks so nothing unformatted reaches the repo. CI fails on any violation.\"",
      "keyPoints": [
        "Linting: ruff or flake8",
        "Formatting: black or ruff format",
        "Type checking: mypy",
        "Import ordering: isort",
        "pre-commit hooks to run checks automatically",
        "CI enforcement",
        "ruff as the modern all-in-one replacement"
      ],
      "strongSignals": [
        "Discusses adopting tools incrementally",
        "Configures tools in pyproject.toml",
        "Uses the pre-commit framework",
        "Discusses code review practices",
        "Balances strict enforcement against developer experience"
      ],
      "redFlags": [
        "Works without linting or formatting tools (will produce inconsistent code)",
        "Has no complete toolchain enforced in CI"
      ],
      "whyWeAsk": "Tests professional Python practices. Candidates without linting or formatting tools will produce inconsistent code. Those with a complete toolchain in CI demonstrate team-oriented development.",
      "followUps": [
        "Enabling a new lint rule reports 2,000 violations. What do you do?",
        "What belongs in pre-commit and what only in CI? Why not rely on pre-commit alone?",
        "Which problems do linters and type checkers not catch, and how does code review cover them?",
        "How would you reformat the whole codebase without wrecking git blame?"
      ]
    }
  }
];
