import pytest

import entropyk as ek
from conftest import build_chiller


def test_capacity_control_by_speed(chiller):
    chiller.add_control("comp.speed", component="evap", heat_flow=250e3, min=0.3, max=1.2)
    sol = chiller.solve()
    assert sol.output("evap", "heat_flow") == pytest.approx(250e3, rel=1e-9)
    assert 0.3 < sol.parameter("comp.speed") < 1.0
    assert sol.state_vector.shape == (25,)


def test_supply_temperature_control(chiller):
    chiller.add_control("comp.speed", port="evap.secondary_out", celsius=8.0, min=0.3, max=1.5)
    sol = chiller.solve()
    assert sol.port("evap.secondary_out")["t"] == pytest.approx(281.15, abs=1e-8)


def test_saturated_control_raises_with_solution(chiller):
    chiller.add_control("comp.speed", component="evap", heat_flow=500e3, min=0.3, max=1.2)
    with pytest.raises(ek.ControlSaturationError, match="comp.speed held at 1.2") as info:
        chiller.solve()
    sol = info.value.solution
    assert sol.converged
    assert sol.parameter("comp.speed") == 1.2
    assert sol.output("evap", "heat_flow") < 500e3


def test_bad_control_arguments(chiller):
    with pytest.raises(ek.ValidationError, match="give port="):
        chiller.add_control("comp.speed", min=0.3, max=1.2)
    with pytest.raises(ek.ValidationError):
        chiller.add_control("comp.speed", component="evap", heat_flow=1e5, min=1.2, max=0.3)


@pytest.mark.parametrize("method", ["newton", "picard", "fallback"])
def test_methods_agree(method):
    ref = build_chiller().solve()
    sol = build_chiller().solve(method=method)
    assert sol.converged
    assert sol.cop == pytest.approx(ref.cop, rel=1e-9)


def test_unknown_method(chiller):
    with pytest.raises(ek.ValidationError, match="unknown method"):
        chiller.solve(method="bfgs")


def test_not_converged_carries_best_iterate(chiller):
    with pytest.raises(ek.SolverError) as info:
        chiller.solve(max_iterations=1)
    best = info.value.best
    assert not best.converged
    assert best.state_vector.shape == (24,)


def test_timeout_carries_best_iterate(chiller):
    with pytest.raises(ek.TimeoutError) as info:
        chiller.solve(time_budget=1e-9)
    assert info.value.best.state_vector.shape == (24,)


def test_temperature_and_heat_flow_specifications():
    s = ek.System()
    s.add(ek.Compressor("comp", "R134a", map="bitzer_hsk_r134a"))
    s.add(ek.Condenser("cond", "R134a", ua=50e3))
    s.add(ek.ExpansionValve("valve", "R134a"))
    s.add(ek.Evaporator("evap", "R134a", ua=60e3))
    s.add_water_stream("cond", celsius=30, mass_flow=17.7)
    s.add_water_stream("evap", celsius=12, mass_flow=14.3)
    s.connect_loop(["comp", "cond", "valve", "evap"])
    s.superheat("evap.refrigerant_out", 5.0)
    # Instead of a subcooling: fix the liquid-line temperature at 36 degC.
    s.temperature("cond.refrigerant_out", celsius=36.0)
    sol = s.solve()
    assert sol.port("cond.refrigerant_out")["t"] == pytest.approx(309.15, abs=1e-8)
    with pytest.raises(ek.TopologyError, match="unknown component"):
        s.heat_flow("nope", 1.0)
