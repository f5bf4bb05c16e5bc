import type { Question } from '@interview-room/protocol';
import { dataModelChecks, decoratorsChecks } from './checks.ts';
import {
  asyncioStarter,
  dataModelStarter,
  decoratorsStarter,
  gilStarter,
  memoryStarter,
  pytestStarter,
  typeHintsStarter,
} from './starters.ts';

/** The bank's own description, as given in the seed. */
export const PYTHON_BANK_DESCRIPTION =
  'Python-specific interview questions covering async programming, type hints, testing, packaging, and idiomatic patterns.';

/**
 * The Python question bank, in seed order.
 *
 * `prompt` and `starterCode` are candidate-facing and must not give away anything in `rubric`.
 * `rubric.sampleAnswer` and `rubric.whyWeAsk` are verbatim from the seed; `keyPoints`,
 * `strongSignals` and `redFlags` are the seed's statements split into items; `followUps` combine the
 * seed's own "Ask ..." prompts with our additions.
 */
export const pythonQuestions: readonly Question[] = [
  {
    id: 'python-gil',
    title: 'The GIL and concurrency',
    topic: 'Concurrency',
    level: 'mid',
    durationMinutes: 8,
    tags: ['gil', 'concurrency', 'threading', 'multiprocessing', 'concurrent.futures'],
    language: 'python',
    prompt:
      'The starter code has two slow workloads: one crunches numbers in pure Python, the other waits on simulated network calls.\n' +
      'Using concurrent.futures, fill in run_checksums and run_downloads so that each finishes as quickly as possible.\n' +
      "Then explain why you picked the executor you did for each, and what Python's global interpreter lock has to do with that choice.",
    starterCode: gilStarter,
    rubric: {
      sampleAnswer:
        'Distinguish I/O-bound from CPU-bound: "For I/O-bound work, asyncio or threading works fine despite the GIL. For CPU-bound work, I use multiprocessing or offload to C extensions that release the GIL."',
      keyPoints: [
        'The GIL ensures only one thread executes Python bytecode at a time',
        'It protects internal interpreter state but limits CPU-bound parallelism in threads',
        'Workaround: multiprocessing for CPU-bound work (separate processes, each with its own GIL)',
        'Workaround: asyncio for I/O-bound concurrency',
        'Workaround: C extensions that release the GIL (NumPy)',
        'Workaround: concurrent.futures for clean process/thread pool abstractions',
      ],
      strongSignals: [
        'Mentions that the GIL does not affect I/O-bound threading',
        'Knows about the ongoing efforts to remove the GIL (PEP 703, free-threaded Python 3.13+)',
      ],
      redFlags: [
        'Does not know about the GIL (will make poor concurrency decisions)',
        'Can describe the limitation but not the practical workarounds (or vice versa)',
      ],
      whyWeAsk:
        'Core Python knowledge. Candidates who do not know about the GIL will make poor concurrency decisions. Those who can discuss both the limitations and the practical workarounds demonstrate depth.',
      followUps: [
        'What would you expect to happen to the timings if you swapped the two executors?',
        'If only one thread runs bytecode at a time, why do multithreaded Python programs still need locks? Is counter += 1 thread-safe?',
        'What does handing work to a process pool cost (start-up, pickling arguments and results), and when does that outweigh the gain?',
        'How does free-threaded Python (PEP 703) change this advice, and what could break in existing code?',
      ],
    },
  },
  {
    id: 'python-type-hints',
    title: 'Type hints and mypy',
    topic: 'Typing',
    level: 'mid',
    durationMinutes: 8,
    tags: ['type-hints', 'mypy', 'typing', 'protocol', 'static-analysis'],
    language: 'python',
    prompt:
      'The module in the editor works but has no type annotations. Annotate it so that mypy --strict would accept it, and define a Protocol for what the functions need from a shape instead of naming the concrete classes.\n' +
      'Then tell us how you would introduce type checking to a large, mostly untyped codebase, and what you do when a third-party library you depend on ships without types.',
    starterCode: typeHintsStarter,
    rubric: {
      sampleAnswer:
        'Show a practical adoption strategy: "We added mypy to CI in strict mode for new code and gradually typed existing modules. For untyped libraries, we wrote thin typed wrappers rather than scattering type: ignore everywhere."',
      keyPoints: [
        'Type hints (PEP 484+) add static type annotations without runtime enforcement',
        'Static checkers: mypy, pyright or pytype',
        'Use typing module types (Optional, Union, List, Dict)',
        'Type aliases for complex types',
        'Protocol for structural subtyping',
        'TypeVar for generics',
        'Untyped libraries: use type: ignore comments sparingly',
        'Untyped libraries: write stub files (.pyi) or check typeshed for existing stubs',
        'Untyped libraries: use the py.typed marker',
      ],
      strongSignals: ['Discusses a gradual typing strategy'],
      redFlags: [
        'Dismisses type hints (missing productivity gains)',
        'Does not use hints idiomatically or has never run a checker such as mypy in CI',
      ],
      whyWeAsk:
        'Tests modern Python practices. Candidates who dismiss type hints are missing productivity gains. Those who use them idiomatically with mypy in CI demonstrate professional-grade Python development.',
      followUps: [
        'How would you annotate largest() so it returns the same shape type it was given rather than just the Protocol?',
        'When would you choose a Protocol over an abstract base class?',
        'Annotations are not enforced at runtime. Where would you still want runtime validation, and what would you use for it?',
        'How would you configure mypy so new modules are checked strictly while legacy modules are not?',
      ],
    },
  },
  {
    id: 'python-asyncio',
    title: 'asyncio vs threading',
    topic: 'Concurrency',
    level: 'mid',
    durationMinutes: 8,
    tags: ['asyncio', 'threading', 'concurrency', 'event-loop'],
    language: 'python',
    prompt:
      'The starter code simulates slow HTTP requests with asyncio.sleep. Implement fetch_all so that all the URLs are fetched concurrently with asyncio.gather, returning results in input order, and the whole run takes about as long as the slowest request.\n' +
      'Then explain how this differs from doing the same job with threads, and how you decide between asyncio, threads or neither for a project.',
    starterCode: asyncioStarter,
    rubric: {
      sampleAnswer:
        'Be clear about the trade-off: "asyncio shines for I/O-heavy services like API gateways handling thousands of concurrent requests. For CPU-bound work or simple scripts, it adds complexity without benefit."',
      keyPoints: [
        'asyncio uses cooperative multitasking: a single thread runs an event loop',
        'The event loop switches between coroutines at await points',
        'Best for I/O-bound workloads with many concurrent connections (web servers, API clients, database queries)',
        'Differs from threading: no GIL overhead, no race conditions from shared mutable state',
        'All code must be non-blocking: one CPU-bound coroutine blocks everything',
      ],
      strongSignals: [
        'Discusses when asyncio is overkill',
        'Explains how to integrate sync and async code (run_in_executor)',
        'Knows popular async frameworks (FastAPI, aiohttp)',
      ],
      redFlags: [
        'Cannot explain the event loop',
        'Confuses async with threading (will write incorrect concurrent code)',
      ],
      whyWeAsk:
        'Tests understanding of Python concurrency models. Candidates who cannot explain the event loop or confuse async with threading will write incorrect concurrent code. Ask about a real project where they chose async (or chose not to).',
      followUps: [
        'Tell us about a real project where you chose async, or chose not to. What decided it?',
        'How would you cap fetch_all at three requests in flight at a time?',
        'If one request raises, what happens to the others and to the result? How would you change that behaviour, or add a per-request timeout?',
        'You must call a blocking library (say, a synchronous database driver) from a coroutine. What do you do?',
      ],
    },
  },
  {
    id: 'python-decorators',
    title: 'Decorators, class decorators and metaclasses',
    topic: 'Language features',
    level: 'mid',
    durationMinutes: 10,
    tags: ['decorators', 'closures', 'metaclasses', 'functools'],
    language: 'python',
    prompt:
      'Implement the two decorators in the editor: timed, which prints how long each call took, and retry, which re-runs the wrapped function when it raises one of the given exceptions, up to a number of attempts, and then re-raises.\n' +
      'Decorated functions should keep their original name and docstring.\n' +
      'Afterwards, tell us how class decorators and metaclasses relate to what you just wrote, and when you would use each.',
    starterCode: decoratorsStarter,
    rubric: {
      sampleAnswer:
        'Show pragmatism: "I use function decorators for cross-cutting concerns like caching and auth. Class decorators for registration patterns. Metaclasses almost never — in 10 years I have needed them twice."',
      keyPoints: [
        'Decorators are functions that take a function/class and return a modified version',
        'Function decorators wrap individual functions (logging, caching, auth checks)',
        'Class decorators modify or wrap entire classes (adding methods, registering plugins)',
        'Metaclasses control class creation itself: rarely needed, used for ORMs or validation frameworks',
      ],
      strongSignals: [
        'Uses functools.wraps to preserve metadata',
        'Knows the @property decorator',
        'Can explain when a simple decorator beats a metaclass (almost always)',
      ],
      redFlags: [
        'Cannot write a decorator from scratch (may lack understanding of closures and first-class functions)',
        'Reaches for metaclasses when a decorator suffices (over-engineering)',
      ],
      whyWeAsk:
        'Tests Python depth. Candidates who cannot write a decorator from scratch may lack understanding of closures and first-class functions. Those who reach for metaclasses when a decorator suffices are over-engineering.',
      followUps: [
        'retry takes arguments. Walk us through what runs at decoration time and what runs at call time.',
        'How would you make timed work for async def functions as well as regular ones?',
        'Sketch a class decorator that registers plugin classes by name. Could __init_subclass__ do the same job without a metaclass?',
        'Should retry catch every exception? Which errors would you never retry, and how would you add backoff?',
      ],
      hiddenChecks: decoratorsChecks,
    },
  },
  {
    id: 'python-pytest',
    title: 'Testing with pytest: fixtures and mocking',
    topic: 'Testing',
    level: 'junior',
    durationMinutes: 10,
    tags: ['pytest', 'testing', 'fixtures', 'mocking', 'parametrize'],
    language: 'python',
    prompt:
      'The editor contains parse_price, a small parsing function, and PriceConverter, which depends on a RateService that calls the network.\n' +
      'Write pytest tests for both: use at least one fixture and cover parse_price with a parametrized test. Your tests must never touch the network.\n' +
      'Then tell us how you would organise the tests of a larger project.',
    starterCode: pytestStarter,
    rubric: {
      sampleAnswer:
        'Describe your setup: "I use pytest with fixtures scoped per function for isolation. Parametrize replaces duplicate test methods. I patch external services but prefer dependency injection for internal code."',
      keyPoints: [
        'pytest is the community standard: less boilerplate than unittest',
        'Powerful fixtures with dependency injection',
        'parametrize for table-driven tests',
        'Rich plugin ecosystem',
        'Fixtures replace setUp/tearDown with explicit, composable, scoped resources',
        'Mocking: unittest.mock.patch for replacing dependencies',
        'Mocking alternative: dependency injection to avoid patching entirely',
      ],
      strongSignals: [
        'Discusses test organisation (unit/integration/e2e directories)',
        'Uses conftest.py for shared fixtures',
        'Uses markers for slow tests',
      ],
      redFlags: [
        'Only knows unittest (may be behind on ecosystem conventions)',
        'Cannot discuss fixture scoping, parametrize or test organisation',
      ],
      whyWeAsk:
        'Fundamental Python testing knowledge. Candidates who only know unittest may be behind on ecosystem conventions. Those who can discuss fixture scoping, parametrize, and test organisation demonstrate professional testing practices.',
      followUps: [
        'PriceConverter receives its RateService in the constructor. Did you patch or pass a fake, and why?',
        'Did you find any input parse_price handles badly (for example "NaN" or "Infinity")? How would you keep that fixed?',
        'When would you scope a fixture to the module or session instead of the function, and what can go wrong?',
        'How do you keep slow integration tests out of the fast local run while still running them in CI?',
      ],
    },
  },
  {
    id: 'python-packaging',
    title: 'Virtual environments and dependency management',
    topic: 'Packaging and tooling',
    level: 'junior',
    durationMinutes: 6,
    tags: ['packaging', 'virtualenv', 'dependencies', 'lockfiles', 'pyproject'],
    language: 'python',
    prompt:
      'You join a team whose Python service is deployed from a repository containing a single requirements.txt that people edit by hand.\n' +
      'Walk us through how you would set up environments and dependency management for this project, for local development and for production deploys.\n' +
      'If the team later wanted to publish part of the code as a reusable library, what would change?',
    starterCode: '',
    rubric: {
      sampleAnswer:
        'Show current awareness: "I use Poetry for application projects because it handles lockfiles and virtual environments together. For libraries, I use pyproject.toml with Hatch for PEP 621 compliance."',
      keyPoints: [
        'Virtual environments isolate project dependencies',
        'venv (built-in)',
        'pip + requirements.txt (basic)',
        'pip-tools (compiled lockfiles)',
        'Poetry (dependency resolution + packaging)',
        'PDM or Hatch (modern PEP 621)',
      ],
      strongSignals: [
        'Discusses lockfiles for reproducibility',
        'Separates dev and prod dependencies',
        'Discusses dependency resolution conflicts',
        'Discusses publishing packages',
        'Knows about pyproject.toml as the modern config standard',
      ],
      redFlags: [
        'Manually manages requirements.txt without lockfiles (will cause "works on my machine" problems)',
        'Unaware of modern tooling (Poetry, PDM, uv)',
      ],
      whyWeAsk:
        'Baseline Python ecosystem knowledge. Candidates who manually manage requirements.txt without lockfiles will cause "works on my machine" problems. Those who know modern tooling (Poetry, PDM, uv) are up to date.',
      followUps: [
        'What belongs in a lockfile versus the dependency list in pyproject.toml, and do you commit the lockfile for an application? For a library?',
        'Two of your dependencies need incompatible versions of a third package. How do you find out, and what are your options?',
        'Have you used uv? What does it change compared with pip and venv?',
        'How do you make sure the production image installs exactly what CI tested?',
      ],
    },
  },
  {
    id: 'python-data-model',
    title: 'The data model and dunder methods',
    topic: 'Language features',
    level: 'mid',
    durationMinutes: 10,
    tags: ['data-model', 'dunder-methods', 'context-managers', 'protocols'],
    language: 'python',
    prompt:
      'Implement the Playlist class in the editor so that it behaves like a built-in sequence: len(), for loops, indexing and slicing should all work, it should print readably, and two playlists with the same name and tracks should compare equal.\n' +
      'Then make Timer usable in a with statement so that it records how long the block took, even if the block raises.\n' +
      'Talk us through each piece as you add it.',
    starterCode: dataModelStarter,
    rubric: {
      sampleAnswer:
        'Give a concrete example: "My PagedResults class implements __len__ for total count, __iter__ to yield items across pages, and __getitem__ for index access. Dataclasses handle __init__, __repr__, and __eq__ automatically."',
      keyPoints: [
        "Special methods let custom classes integrate with Python's built-in operations",
        '__len__ for len()',
        '__iter__/__next__ for iteration',
        '__eq__/__lt__/__hash__ for comparison and hashing',
        '__repr__/__str__ for string representation',
        '__getitem__ for indexing',
        '__enter__/__exit__ for context managers',
      ],
      strongSignals: [
        'Discusses the total_ordering decorator',
        'Explains the difference between __repr__ and __str__',
        'Uses dataclasses as a shortcut for common dunder methods',
      ],
      redFlags: [
        'Cannot implement basic dunder methods (will struggle with Pythonic design)',
        'Cannot sketch a class that works as a context manager (__enter__/__exit__)',
      ],
      whyWeAsk:
        'Tests Python depth beyond surface usage. Candidates who cannot implement basic dunder methods will struggle with Pythonic design. Ask them to sketch a class that works as a context manager — this tests __enter__/__exit__ understanding.',
      followUps: [
        'What arguments does __exit__ receive, and what happens if it returns True?',
        'You defined __eq__ on Playlist. What happened to hashing, and should a playlist be usable as a dict key?',
        'Should playlist[1:3] return a list or a Playlist? Why?',
        'How would you write Timer with contextlib.contextmanager instead, and when is a class the better choice?',
        'Would a dataclass have saved work here? What would it not give you?',
      ],
      hiddenChecks: dataModelChecks,
    },
  },
  {
    id: 'python-django-vs-fastapi',
    title: 'Django vs FastAPI',
    topic: 'Web frameworks',
    level: 'mid',
    durationMinutes: 8,
    tags: ['django', 'fastapi', 'web', 'architecture'],
    language: 'python',
    prompt:
      'Imagine two new projects: an internal content site where editors manage articles and users through a back office, and a public JSON API that partner companies will call at high volume.\n' +
      'Which Python web framework would you pick for each, and why?\n' +
      'Tell us what you would gain and give up with each choice, and what would make you change your mind.',
    starterCode: '',
    rubric: {
      sampleAnswer:
        'Match to requirements: "For a content-heavy site with admin needs, Django saves weeks. For a high-throughput API service, FastAPI with async gives better performance with less overhead."',
      keyPoints: [
        'Django: batteries-included (ORM, admin, auth, templating)',
        'Django is best for full-stack web apps and rapid prototyping',
        'FastAPI: async-first, Pydantic validation, OpenAPI generation, minimal',
        'FastAPI is best for APIs and microservices',
        'Trade-off: Django is heavier but more productive for traditional web apps',
        'Trade-off: FastAPI is leaner and faster for pure API services',
      ],
      strongSignals: [
        'Discusses the middleware and ecosystem of each',
        'Knows when Django REST Framework bridges the gap',
        'Explains how async support in Django 4+ changes the calculus',
      ],
      redFlags: [
        'Knows only one framework and cannot articulate its trade-offs',
        'Dismisses either framework without understanding its strengths (lacks perspective)',
      ],
      whyWeAsk:
        'Tests practical framework knowledge. Candidates who only know one framework should still articulate its trade-offs. Those who dismiss either without understanding its strengths lack perspective.',
      followUps: [
        'The content site now also needs a public API. Do you add Django REST Framework, run FastAPI alongside it, or something else?',
        'Where does the FastAPI performance advantage disappear, for example behind a slow database or synchronous ORM calls?',
        'If you had chosen FastAPI for the content site, how would you cover the admin screens and authentication?',
        'What does async support in Django cover today, and where does it still fall back to synchronous code?',
      ],
    },
  },
  {
    id: 'python-memory',
    title: 'Memory management and leaks',
    topic: 'Performance and internals',
    level: 'senior',
    durationMinutes: 10,
    tags: ['memory', 'garbage-collection', 'profiling', 'weakref', 'caching'],
    language: 'python',
    prompt:
      'The report service in the editor slowly uses more and more memory in production until it is restarted.\n' +
      'Find what keeps growing and fix it without losing the speed-up the cache was added for.\n' +
      'As you go, explain how Python decides when an object can be freed, and how you would confirm a problem like this in a running service before changing any code.',
    starterCode: memoryStarter,
    rubric: {
      sampleAnswer:
        'Show diagnostic experience: "I use tracemalloc to snapshot memory at two points and compare. For cycle leaks, gc.set_debug(gc.DEBUG_SAVEALL) captures uncollectable objects. objgraph visualises reference chains."',
      keyPoints: [
        'Reference counting is the primary mechanism: objects are freed when their refcount reaches zero',
        'The cyclic garbage collector handles reference cycles (objects that reference each other)',
        'Leak source: circular references with __del__',
        'Leak source: caching without bounds',
        'Leak source: global collections that grow',
        'Leak source: C extension leaks',
        'Diagnostic tools: tracemalloc (stdlib), objgraph, memory_profiler, gc.get_referrers()',
      ],
      strongSignals: ['Discusses __slots__ for memory reduction', 'Uses weakref for breaking cycles'],
      redFlags: [
        'Thinks Python cannot have memory leaks',
        'Cannot systematically diagnose memory growth using profiling tools',
      ],
      whyWeAsk:
        'Senior Python question. Candidates who think Python cannot have memory leaks are wrong. Those who can systematically diagnose memory growth using profiling tools demonstrate production experience.',
      followUps: [
        'Bounding the cache alone does not fix this service: the listener list still holds every report. How would you release them (weakref.WeakMethod, a WeakSet, explicit unsubscribe)?',
        'When would you use functools.lru_cache versus a weakref.WeakValueDictionary for this cache, and what does each cost?',
        'How would you compare two tracemalloc snapshots from a production process without restarting it?',
        'Report has thousands of instances with a fixed set of attributes. What would __slots__ save, and what would you give up?',
      ],
    },
  },
  {
    id: 'python-code-quality',
    title: 'Code quality tooling',
    topic: 'Packaging and tooling',
    level: 'junior',
    durationMinutes: 6,
    tags: ['linting', 'formatting', 'ruff', 'mypy', 'pre-commit', 'ci'],
    language: 'python',
    prompt:
      'You have just joined a team of eight engineers working on a Python codebase with no automated checks. Style debates come up in every code review, and bugs that a tool could have caught keep reaching production.\n' +
      'What would you set up, in what order, and where would each check run?\n' +
      "How would you roll it out without stalling the team's current work?",
    starterCode: '',
    rubric: {
      sampleAnswer:
        'Describe a practical setup: "We use ruff for linting and formatting, mypy in strict mode for new code, and pre-commit hooks so nothing unformatted reaches the repo. CI fails on any violation."',
      keyPoints: [
        'Linting: ruff or flake8',
        'Formatting: black or ruff format',
        'Type checking: mypy',
        'Import ordering: isort',
        'pre-commit hooks to run checks automatically',
        'CI enforcement',
        'ruff as the modern all-in-one replacement',
      ],
      strongSignals: [
        'Discusses adopting tools incrementally',
        'Configures tools in pyproject.toml',
        'Uses the pre-commit framework',
        'Discusses code review practices',
        'Balances strict enforcement against developer experience',
      ],
      redFlags: [
        'Works without linting or formatting tools (will produce inconsistent code)',
        'Has no complete toolchain enforced in CI',
      ],
      whyWeAsk:
        'Tests professional Python practices. Candidates without linting or formatting tools will produce inconsistent code. Those with a complete toolchain in CI demonstrate team-oriented development.',
      followUps: [
        'Enabling a new lint rule reports 2,000 violations. What do you do?',
        'What belongs in pre-commit and what only in CI? Why not rely on pre-commit alone?',
        'Which problems do linters and type checkers not catch, and how does code review cover them?',
        'How would you reformat the whole codebase without wrecking git blame?',
      ],
    },
  },
];
