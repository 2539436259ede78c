"""One System used from two threads at once: a typed ConcurrentUseError (an
EntropykError and a RuntimeError), never a bare RuntimeError("Already borrowed")
nor a PanicException. Solves release the GIL, so a second thread really does
reach the System while the first one is solving it."""
import copy
import pickle
import threading
import time

import pytest

import entropyk as ek
from conftest import build_chiller


def _hammer(system, calls, stop):
    """Calls each of `calls` on `system` until `stop` is set; returns (successes,
    ConcurrentUseErrors, other exceptions)."""
    ok, busy, other = 0, [], []
    while not stop.is_set():
        for call in calls:
            try:
                call(system)
                ok += 1
            except ek.ConcurrentUseError as e:
                busy.append(e)
            except BaseException as e:  # noqa: BLE001 - the point of the test
                other.append(e)
    return ok, busy, other


def _run_against(background, calls, seconds=1.5):
    system = build_chiller()
    system.solve()
    stop = threading.Event()
    errors = []

    def work():
        try:
            deadline = time.monotonic() + seconds
            while time.monotonic() < deadline:
                try:
                    background(system)
                except ek.ConcurrentUseError:
                    pass  # the foreground thread held it: the same typed error
        except BaseException as e:  # noqa: BLE001
            errors.append(e)
        finally:
            stop.set()

    thread = threading.Thread(target=work)
    thread.start()
    ok, busy, other = _hammer(system, calls, stop)
    thread.join()
    assert not errors, errors
    return ok, busy, other


FOREGROUND = [
    lambda s: s.solve(),
    lambda s: ek.NewtonConfig().solve(s),
    lambda s: s.set_parameter("comp.speed", 1.0),
    lambda s: s.n_unknowns,
    lambda s: s.to_json(),
    lambda s: copy.copy(s),
    lambda s: pickle.dumps(s),
    lambda s: s.parameter("comp.speed"),
]


@pytest.mark.parametrize(
    "background",
    [
        pytest.param(lambda s: s.solve(), id="solve"),
        pytest.param(lambda s: s.sweep("comp.speed", [0.8 + 0.001 * k for k in range(200)]), id="sweep"),
    ],
)
def test_a_system_in_use_raises_a_typed_error(background):
    ok, busy, other = _run_against(background, FOREGROUND)
    assert not other, [f"{type(e).__mro__}: {e}" for e in other[:5]]
    assert busy, "the threads never met: the test did not exercise a conflict"
    e = busy[0]
    assert isinstance(e, ek.EntropykError) and isinstance(e, RuntimeError)
    assert "in use by another thread" in str(e) and "Already" not in str(e)


def test_concurrent_use_error_is_documented():
    assert issubclass(ek.ConcurrentUseError, ek.EntropykError)
    assert issubclass(ek.ConcurrentUseError, RuntimeError)
    assert "two threads" in ek.ConcurrentUseError.__doc__


def test_one_system_solved_from_eight_threads_gives_the_serial_results():
    """Solves write nothing into the System: eight threads solve it at once (the GIL
    released), cold and warm, and every result equals the serial one."""
    system = build_chiller()
    serial = system.solve().state_vector

    def same(x):
        return max(abs(a - b) / max(abs(b), 1.0) for a, b in zip(x, serial)) < 1e-12

    outcomes, errors = [], []
    barrier = threading.Barrier(8)

    def work():
        try:
            barrier.wait()
            for _ in range(20):
                s = system.solve()
                outcomes.append(same(s.state_vector))
                outcomes.append(same(system.solve(warm_start=s).state_vector))
        except BaseException as e:  # noqa: BLE001
            errors.append(e)

    threads = [threading.Thread(target=work) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors
    assert len(outcomes) == 8 * 40 and all(outcomes)
