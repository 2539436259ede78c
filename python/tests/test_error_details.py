"""Every exception carries its structured attributes (component, port, parameter,
value, valid_range, best, unconverged), None where the error does not concern them."""
import pytest

import entropyk as ek
from conftest import build_chiller


def test_an_invalid_parameter_names_component_parameter_value_and_range():
    system = build_chiller()
    with pytest.raises(ek.ValidationError) as info:
        system.set_parameter("evap.ua", -5.0)
    e = info.value
    assert (e.component, e.parameter, e.value) == ("evap", "ua", -5.0)
    lo, hi = e.valid_range
    assert 0.0 <= lo < hi and e.port is None and e.best is None


def test_an_unknown_port_names_component_and_port():
    system = build_chiller()
    with pytest.raises(ek.TopologyError) as info:
        system.superheat("evap.nowhere", 5.0)
    assert (info.value.component, info.value.port) == ("evap", "nowhere")


def test_a_stopped_solve_carries_its_best_iterate_and_the_equations_left_open():
    with pytest.raises(ek.SolverError) as info:
        build_chiller().solve(max_iterations=1)
    e = info.value
    assert e.best is not None and not e.best.converged
    assert e.unconverged and list(e.unconverged) == e.best.unconverged
    assert all(": equation " in u or u.startswith(("specification ", "control ")) for u in e.unconverged)


def test_a_physics_error_names_the_first_violation():
    # single-zone evaporator with 10 K superheat: a temperature cross (see test_physics)
    cycle = ek.System()
    cycle.add(ek.Compressor("comp", "R134a", map="bitzer_hsk_r134a"))
    cycle.add(ek.SingleZoneCondenser("cond", "R134a", ua=50e3))
    cycle.add(ek.ExpansionValve("valve", "R134a"))
    cycle.add(ek.SingleZoneEvaporator("evap", "R134a", ua=60e3))
    cycle.add_water_stream("cond", celsius=30.0, bar=2.0, mass_flow=17.7)
    cycle.add_water_stream("evap", celsius=12.0, bar=2.0, mass_flow=14.3)
    cycle.connect_loop(["comp", "cond", "valve", "evap"])
    cycle.superheat("evap.refrigerant_out", 10.0)
    cycle.subcooling("cond.refrigerant_out", 3.0)
    with pytest.raises(ek.PhysicsError) as info:
        cycle.solve()
    e = info.value
    first = e.violations[0]
    assert (e.component, e.value) == (first.component, first.value)
    assert e.solution is not None and e.solution.converged and e.best is None
    lo, hi = e.valid_range
    assert first.limit in (lo, hi)


def test_a_bad_solver_setting_names_it():
    with pytest.raises(ek.ValidationError) as info:
        build_chiller().solve(tolerance=-1.0)
    assert info.value.best is None and info.value.unconverged == ()


def test_errors_without_details_have_the_attributes_as_none():
    e = ek.TopologyError("x")
    assert (e.component, e.port, e.parameter, e.value, e.valid_range, e.best, e.solution) == (None,) * 7
    assert e.unconverged == ()
