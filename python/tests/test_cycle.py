import numpy as np
import pytest

import entropyk as ek
from conftest import build_chiller

WATER_CP = 4184.0


def test_chiller_solves_from_automatic_guess(chiller):
    sol = chiller.solve()
    assert isinstance(sol, ek.Solution)
    assert sol.residual < 1e-11
    assert 0 < sol.iterations < 20
    assert 4.0 < sol.cop < 7.0
    assert sol.heating_cop == pytest.approx(sol.cop + 1.0, rel=1e-9)


def test_state_vector_is_numpy_and_consistent(chiller):
    sol = chiller.solve()
    x = sol.state_vector
    assert isinstance(x, np.ndarray) and x.dtype == np.float64
    assert x.shape == (chiller.n_unknowns,) == (24,)
    labels = sol.connections
    assert len(labels) == 8
    k = labels.index("comp.outlet -> cond.refrigerant_in")
    port = sol.port("comp.outlet")
    assert x[3 * k] == port["p"] and x[3 * k + 1] == port["h"] and x[3 * k + 2] == port["m"]


def test_balances_close(chiller):
    sol = chiller.solve()
    m = [sol.port(p)["m"] for p in ("comp.inlet", "comp.outlet", "cond.refrigerant_out", "valve.outlet")]
    assert np.allclose(m, m[0], rtol=1e-9, atol=0)
    out = sol.outputs()
    # heat_flow is the heat into the refrigerant; q_cond is the heat rejected
    q_evap, q_cond, power = out["evap"]["heat_flow"], -out["cond"]["heat_flow"], out["comp"]["power"]
    assert q_evap + power == pytest.approx(q_cond, rel=1e-9)
    w_in, w_out = sol.port("evap.secondary_in"), sol.port("evap.secondary_out")
    assert w_in["m"] * WATER_CP * (w_in["t"] - w_out["t"]) == pytest.approx(q_evap, rel=1e-9)
    assert sol.port("evap.secondary_in")["t"] == pytest.approx(285.15, abs=1e-9)


def test_superheat_and_subcooling_met(chiller):
    sol = chiller.solve()
    r134a = ek.Fluid("R134a")
    suction = sol.port("comp.inlet")
    assert suction["t"] - r134a.saturation_p(suction["p"])["t"] == pytest.approx(5.0, abs=1e-8)
    assert r134a.state_ph(suction["p"], suction["h"])["phase"] == "vapor"
    liquid = sol.port("cond.refrigerant_out")
    assert r134a.saturation_p(liquid["p"])["t"] - liquid["t"] == pytest.approx(3.0, abs=1e-8)
    assert r134a.state_ph(liquid["p"], liquid["h"])["phase"] == "liquid"


def test_history_is_an_array(chiller):
    sol = chiller.solve()
    hist = sol.history
    assert hist.shape == (sol.iterations + 1, 3)
    assert hist[-1, 1] < 1e-11
    assert hist[0, 1] > hist[-1, 1]


def test_colder_water_lowers_cop():
    warm = build_chiller(evap_water_c=18.0).solve()
    cold = build_chiller(evap_water_c=8.0).solve()
    assert warm.cop > cold.cop


def test_iteration_limit_raises_solver_error(chiller):
    with pytest.raises(ek.SolverError, match="did not converge"):
        chiller.solve(max_iterations=1)


def test_repr(chiller):
    assert "cop=" in repr(chiller.solve())
    assert repr(ek.Fluid("R134a")) == "Fluid('R134a')"
    assert "ua=" in repr(ek.Evaporator("e", "R134a", ua=1000.0))


def test_parameters_change_the_operating_point(chiller):
    base = chiller.solve()
    assert chiller.parameter("comp.speed") == 1.0
    chiller.set_parameter("comp.speed", 0.8)
    slow = chiller.solve()
    assert slow.port("comp.inlet")["m"] < base.port("comp.inlet")["m"]
    chiller.set_parameter("comp.speed", 1.0)
    chiller.set_parameter("evap_secondary_source.temperature", 291.15)
    warm = chiller.solve()
    assert warm.port("evap.secondary_in")["t"] == pytest.approx(291.15, abs=1e-9)
    assert warm.cop > base.cop


def test_bad_parameters(chiller):
    with pytest.raises(ek.TopologyError, match="no parameter 'rpm'"):
        chiller.set_parameter("comp.rpm", 1.0)
    with pytest.raises(ek.ValidationError, match="speed"):
        chiller.set_parameter("comp.speed", -1.0)
