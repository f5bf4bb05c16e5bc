import type { HiddenCheck } from '@interview-room/protocol';

/**
 * Hidden checks: Python run against the candidate's code (loaded as a module, so its
 * `if __name__ == "__main__":` block does not run) on the interviewer's page. Rubric data: they
 * never reach the candidate; an interviewer may reveal their names and results, never their code.
 */

export const decoratorsChecks: HiddenCheck[] = [
  {
    name: 'timed prints how long the call took',
    code: `import contextlib, io
captured = io.StringIO()
with contextlib.redirect_stdout(captured):
    assert slow_sum(10) == 45, "slow_sum(10) must still return 45"
assert captured.getvalue().strip(), "timed printed nothing"`,
  },
  {
    name: 'timed keeps the name and docstring',
    code: `@timed
def sample_function_for_timed():
    """sample docstring"""
    return 7

assert sample_function_for_timed() == 7
assert sample_function_for_timed.__name__ == "sample_function_for_timed", sample_function_for_timed.__name__
assert sample_function_for_timed.__doc__ == "sample docstring"`,
  },
  {
    name: 'retry succeeds on the last allowed attempt',
    code: `attempts_made = []

@retry(times=3, exceptions=(ValueError,))
def fails_twice_then_works():
    attempts_made.append(1)
    if len(attempts_made) < 3:
        raise ValueError("not yet")
    return "done"

assert fails_twice_then_works() == "done"
assert len(attempts_made) == 3, f"expected 3 attempts, got {len(attempts_made)}"`,
  },
  {
    name: 'retry gives up and re-raises after the last attempt',
    code: `attempts_made = []

@retry(times=2, exceptions=(KeyError,))
def always_fails():
    attempts_made.append(1)
    raise KeyError("still broken")

try:
    always_fails()
except KeyError:
    pass
else:
    raise AssertionError("the last KeyError must be re-raised")
assert len(attempts_made) == 2, f"expected 2 attempts, got {len(attempts_made)}"`,
  },
  {
    name: 'retry does not retry other exceptions',
    code: `attempts_made = []

@retry(times=5, exceptions=(ConnectionError,))
def wrong_kind_of_error():
    attempts_made.append(1)
    raise TypeError("a bug, not a blip")

try:
    wrong_kind_of_error()
except TypeError:
    pass
assert len(attempts_made) == 1, f"a TypeError was retried {len(attempts_made)} times"`,
  },
];

export const dataModelChecks: HiddenCheck[] = [
  {
    name: 'len() and iteration follow the tracks',
    code: `checked_playlist = Playlist("check", ["one", "two", "three"])
assert len(checked_playlist) == 3
assert list(checked_playlist) == ["one", "two", "three"]`,
  },
  {
    name: 'indexing and slicing work',
    code: `checked_playlist = Playlist("check", ["one", "two", "three"])
assert checked_playlist[0] == "one"
assert checked_playlist[-1] == "three"
assert list(checked_playlist[0:2]) == ["one", "two"]`,
  },
  {
    name: 'equal name and tracks compare equal',
    code: `assert Playlist("same", ["a"]) == Playlist("same", ["a"])
assert Playlist("same", ["a"]) != Playlist("other", ["a"])`,
  },
  {
    name: 'Timer sets elapsed even when the block raises',
    code: `checked_timer = Timer("check")
try:
    with checked_timer:
        raise RuntimeError("boom")
except RuntimeError:
    pass
else:
    raise AssertionError("the error must not be swallowed")
assert checked_timer.elapsed is not None and checked_timer.elapsed >= 0`,
  },
];
