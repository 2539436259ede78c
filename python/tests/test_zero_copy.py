"""State vectors and histories are read-only numpy views of the solution's memory.

The large case is a water main of 3400 pipe sections (10 203 unknowns), which the
solver handles with its sparse Jacobian; with constant water properties every section
has the same pressure drop, so the result is checked against one section's drop.
"""
import gc

import numpy as np
import pytest

import entropyk as ek

SECTIONS = 3400


def water_main(n: int) -> ek.System:
    system = ek.System()
    system.add(ek.FlowSource("src", "water", mass_flow=2.0, bar=5.0, celsius=15.0))
    for i in range(n):
        system.add(ek.Pipe(f"pipe{i}", "water", length=5.0, diameter=0.1))
    system.add(ek.FlowSink("sink", "water"))
    system.connect("src.outlet", "pipe0.inlet")
    for i in range(1, n):
        system.connect(f"pipe{i - 1}.outlet", f"pipe{i}.inlet")
    system.connect(f"pipe{n - 1}.outlet", "sink.inlet")
    return system


@pytest.fixture(scope="module")
def large():
    system = water_main(SECTIONS)
    design = system.solve()
    # a warm start at another flow makes Newton iterate on the sparse system
    system.set_parameter("src.mass_flow", 2.6)
    return system, system.solve(warm_start=design)


def test_large_state_vector_is_a_view_without_copy(large):
    _, sol = large
    x = sol.state_vector
    assert x.shape == (3 * (SECTIONS + 1),) and x.size > 10_000
    assert x.dtype == np.float64
    assert not x.flags.owndata and not x.flags.writeable
    again = sol.state_vector
    assert np.shares_memory(x, again)  # the same memory at every access
    assert x.ctypes.data == again.ctypes.data
    with pytest.raises(ValueError):
        x[0] = 0.0  # read-only: the solution cannot be changed through the view
    # values: equal section drops adding up to the source-to-sink drop
    p = x[0::3]
    drops = -np.diff(p)
    assert drops.min() > 0 and np.ptp(drops) < 1e-6 * drops.mean()
    assert p[0] - p[-1] == pytest.approx(SECTIONS * drops.mean(), rel=1e-9)
    assert np.all(x[2::3] == pytest.approx(2.6, rel=1e-12))
    assert sol.iterations >= 2


def test_history_is_a_view_without_copy(large):
    _, sol = large
    h = sol.history
    assert h.shape == (sol.iterations + 1, 3)
    assert not h.flags.owndata and not h.flags.writeable
    assert np.shares_memory(h, sol.history)
    assert list(h[:, 0]) == list(range(sol.iterations + 1))
    assert h[-1, 1] < 1e-9 < h[0, 1]


def test_view_keeps_its_solution_alive():
    system = water_main(3)
    sol = system.solve()
    x = sol.state_vector
    assert x.base is sol  # the view's owner is the solution itself
    expected = np.array(x, copy=True)
    del sol
    gc.collect()
    assert isinstance(x.base, ek.Solution)
    assert np.array_equal(x, expected)
    assert np.shares_memory(x, x.base.state_vector)
