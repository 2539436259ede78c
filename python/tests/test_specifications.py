"""Set points are first-class (issue 13): each set-point method returns a reference
("kind:target") through which the value changes in place, is read, removed or swept."""
import numpy as np
import pytest

import entropyk as ek
from conftest import build_chiller


def test_set_point_methods_return_references_and_set_changes_them_in_place():
    cycle = build_chiller()
    assert cycle.specifications == ["superheat:evap.refrigerant_out", "subcooling:cond.refrigerant_out"]
    first = cycle.solve()
    cycle.set("superheat:evap.refrigerant_out", 6.0)
    assert cycle.value("superheat:evap.refrigerant_out") == 6.0
    warm = cycle.solve(warm_start=first)
    assert warm.iterations <= 4  # chord steps on first's Jacobian (a 1 K step)
    fresh = build_chiller()
    fresh.set("superheat:evap.refrigerant_out", 6.0)
    np.testing.assert_allclose(warm.state_vector, fresh.solve().state_vector, rtol=1e-9)
    # parameters through the same call
    cycle.set("comp.speed", 0.9)
    assert cycle.value("comp.speed") == cycle.parameter("comp.speed") == 0.9


def test_new_references_and_removal():
    cycle = build_chiller()
    cycle.remove("superheat:evap.refrigerant_out")
    with pytest.raises(ek.TopologyError):
        cycle.solve()
    ref = cycle.temperature("evap.refrigerant_out", celsius=8.0)
    assert ref == "temperature:evap.refrigerant_out"
    sol = cycle.solve()
    assert sol.port("evap.refrigerant_out")["t"] == pytest.approx(281.15, abs=1e-9)


def test_bad_references_and_values_are_validation_errors():
    cycle = build_chiller()
    with pytest.raises(ek.EntropykError, match="no specification"):
        cycle.set("superheat:comp.inlet", 5.0)
    with pytest.raises(ek.ValidationError):
        cycle.set("superheat:evap.refrigerant_out", -1.0)
    with pytest.raises(ek.ValidationError):
        cycle.superheat("evap.refrigerant_out", 6.0)  # already set there
    assert cycle.value("superheat:evap.refrigerant_out") == 5.0


def test_sweep_over_a_set_point_agrees_with_separate_solves():
    cycle = build_chiller()
    values = np.linspace(3.0, 8.0, 11)
    out = cycle.sweep("superheat:evap.refrigerant_out", values)
    assert out["converged"].all()
    for k in (0, 5, 10):
        single = build_chiller()
        single.set("superheat:evap.refrigerant_out", values[k])
        np.testing.assert_allclose(out["states"][k], single.solve().state_vector, rtol=1e-9)


def test_design_then_off_design_by_removing_the_control():
    cycle = build_chiller()
    ref = cycle.add_control("evap.ua", component="evap", heat_flow=300e3, min=1e3, max=1e6)
    assert ref == "heat_flow:evap"
    design = cycle.solve()
    cycle.set(ref, 310e3)
    resized = cycle.solve(warm_start=design)
    assert resized.output("evap", "heat_flow") == pytest.approx(310e3, rel=1e-9)
    ua = resized.parameter("evap.ua")
    cycle.remove_control("evap.ua")
    cycle.set("evap.ua", ua)
    off = cycle.solve()
    assert off.output("evap", "heat_flow") == pytest.approx(310e3, rel=1e-8)
    with pytest.raises(ek.TopologyError, match="no control"):
        cycle.remove_control("evap.ua")


def test_describe_repr_and_guesses():
    cycle = build_chiller()
    assert repr(cycle) == "System(8 components, 8 connections, 2 specifications, 0 controls, 24 unknowns)"
    d = cycle.describe()
    assert ("evap", "Evaporator") in d["components"]
    assert "comp.outlet -> cond.refrigerant_in" in d["connections"]
    assert d["specifications"] == [("superheat:evap.refrigerant_out", 5.0), ("subcooling:cond.refrigerant_out", 3.0)]
    assert d["unknowns"] == d["equations"] == 24 and "detail" not in d
    cycle.remove("subcooling:cond.refrigerant_out")
    d = cycle.describe()
    assert d["equations"] == 23 and "Add 1 specification" in d["detail"]
    # guesses from Python: a good one changes nothing in the answer
    guessed = build_chiller()
    guessed.set_guess("comp.inlet", bar=3.3, h=4.05e5, mass_flow=2.1)
    np.testing.assert_allclose(guessed.solve().state_vector, build_chiller().solve().state_vector, rtol=1e-9)
    with pytest.raises(ek.ValidationError):
        guessed.set_guess("comp.inlet", pa=3e5, bar=3.0)
    with pytest.raises(ek.ValidationError):
        guessed.set_guess("comp.inlet", h=float("nan"))
