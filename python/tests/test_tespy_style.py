"""A cycle stated as TESPy users state it: isentropic-efficiency compressor, one-stream
exchangers, saturation temperatures, superheat, subcooling and the evaporator duty
(issue 13's benchmark case), then swept through its evaporating dew temperature."""
import numpy as np
import pytest

import entropyk as ek


def tespy_cycle(t_evap_c=-5.0):
    s = ek.System()
    s.add(ek.IsentropicCompressor("comp", "R134a", eta_s=0.75))
    s.add(ek.SimpleHeatExchanger("cond", "R134a"))
    s.add(ek.ExpansionValve("valve", "R134a"))
    s.add(ek.SimpleHeatExchanger("evap", "R134a"))
    s.connect_loop(["comp", "cond", "valve", "evap"])
    s.dew_temperature("evap.outlet", celsius=t_evap_c)
    s.superheat("evap.outlet", 5.0)
    s.dew_temperature("cond.outlet", celsius=40.0)
    s.subcooling("cond.outlet", 3.0)
    s.heat_flow("evap", 10e3)
    return s


def test_the_tespy_style_cycle_meets_every_set_point():
    # (the COP against a hand calculation of the same cycle is in tests/tespy_style_cycle.rs)
    sol = tespy_cycle().solve()
    f = ek.Fluid("R134a")
    suction = sol.port("evap.outlet")
    assert suction["p"] == pytest.approx(f.saturation_t(268.15)["p"], rel=1e-10)
    assert suction["t"] == pytest.approx(268.15 + 5.0, abs=1e-8)
    liquid = sol.port("cond.outlet")
    assert liquid["p"] == pytest.approx(f.saturation_t(313.15)["p"], rel=1e-10)
    assert liquid["t"] == pytest.approx(313.15 - 3.0, abs=1e-8)
    q_evap, q_cond, w = (sol.output("evap", "heat_flow"), sol.output("cond", "heat_flow"), sol.output("comp", "power"))
    assert q_evap == pytest.approx(10e3, rel=1e-10)
    assert q_evap + q_cond + w == pytest.approx(0.0, abs=1e-6)
    assert 3.0 < q_evap / w < 6.0


def test_sweeping_the_dew_temperature_set_point():
    s = tespy_cycle()
    celsius = np.linspace(-20.0, 5.0, 50)
    result = s.sweep("t_dew:evap.outlet", celsius + 273.15)
    assert not result["errors"]
    # the sweep's states equal solves of systems built at each point
    for k in (0, 25, 49):
        rebuilt = tespy_cycle(celsius[k]).solve().state_vector
        assert np.allclose(result["states"][k], rebuilt, rtol=1e-9, atol=1e-9)


def test_saturated_states_by_quality_and_zero_subcooling():
    s = tespy_cycle()
    s.set("subcooling:cond.outlet", 0.0)
    a = s.solve()
    q = tespy_cycle()
    q.remove("subcooling:cond.outlet")
    q.quality("cond.outlet", 0.0)
    b = q.solve()
    assert np.allclose(a.state_vector, b.state_vector, rtol=1e-9)
    with pytest.raises(ek.ValidationError):
        q.set("quality:cond.outlet", -0.1)
