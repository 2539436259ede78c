import threading

import numpy as np
import pytest

import entropyk as ek
from conftest import build_chiller


@pytest.mark.parametrize(
    "config",
    [
        ek.NewtonConfig(),
        ek.NewtonConfig(jacobian_reuse=3),
        ek.PicardConfig(relaxation=0.8),
        ek.FallbackConfig(newton=ek.NewtonConfig(max_iterations=30), picard=ek.PicardConfig()),
    ],
)
def test_configs_solve_to_the_same_state(config):
    ref = build_chiller().solve()
    a = config.solve(build_chiller())
    b = build_chiller().solve(config=config)
    for sol in (a, b):
        assert sol.converged
        np.testing.assert_allclose(sol.state_vector, ref.state_vector, rtol=1e-9)


def test_config_validation():
    with pytest.raises(ek.ValidationError, match="tolerance"):
        ek.NewtonConfig(tolerance=-1.0)
    with pytest.raises(ek.ValidationError, match="relaxation"):
        ek.PicardConfig(relaxation=1.5)
    with pytest.raises(ek.ValidationError, match="time_budget"):
        ek.FallbackConfig(time_budget=0.0)
    with pytest.raises(ek.ValidationError, match="not both"):
        build_chiller().solve(config=ek.NewtonConfig(), method="picard")
    with pytest.raises(ek.ValidationError, match="config must be"):
        build_chiller().solve(config="newton")
    assert "jacobian_reuse=0" in repr(ek.NewtonConfig())
    assert ek.NewtonConfig(max_iterations=7).max_iterations == 7


def test_config_timeout():
    with pytest.raises(ek.TimeoutError) as info:
        ek.NewtonConfig(time_budget=1e-9).solve(build_chiller())
    assert info.value.best.state_vector.shape == (24,)


def test_concurrent_solves_from_threads_are_identical():
    """The GIL is released during solves; each thread has its own system.

    The results agree to round-off, not bit for bit: each thread's fluid library
    starts its inner flashes from the solutions it computed most recently, so two
    threads with different histories converge to the same states through different
    last bits.
    """
    temps = np.linspace(8.0, 18.0, 8)
    expected = [build_chiller(evap_water_c=t).solve().cop for t in temps]
    results = [None] * len(temps)

    def work(i):
        results[i] = build_chiller(evap_water_c=temps[i]).solve().cop

    threads = [threading.Thread(target=work, args=(i,)) for i in range(len(temps))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == pytest.approx(expected, rel=1e-13, abs=0.0)


def test_warm_start(chiller):
    first = chiller.solve()
    chiller.set_parameter("evap_secondary_source.temperature", 286.15)
    warm = chiller.solve(warm_start=first)
    cold = chiller.solve()
    np.testing.assert_allclose(warm.state_vector, cold.state_vector, rtol=1e-9)
    assert warm.iterations <= cold.iterations


def test_parallel_sweep():
    chiller = build_chiller()
    temps = np.linspace(281.15, 291.15, 50)
    out = chiller.sweep("evap_secondary_source.temperature", temps)
    assert out["converged"].all() and out["errors"] == []
    assert out["states"].shape == (50, 24)
    np.testing.assert_array_equal(out["values"], temps)
    assert np.all(np.diff(out["cop"]) > 0)
    single = build_chiller(evap_water_c=18.0).solve()
    np.testing.assert_allclose(out["cop"][-1], single.cop, rtol=1e-9)
    bad = chiller.sweep("comp.speed", [1.0, 10.0])
    assert list(bad["converged"]) == [True, False]
    assert bad["cop"].mask.tolist() == [False, True]
    assert bad["errors"][0][0] == 1
    with pytest.raises(ek.TopologyError, match="no parameter"):
        chiller.sweep("comp.rpm", [1.0])
