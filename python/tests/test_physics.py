"""A converged answer must be physically valid (issue 12): hard violations raise
PhysicsError carrying the solution, soft ones are PhysicsWarning / Solution.warnings."""
import warnings

import pytest

import entropyk as ek


def chiller(single_zone=False, superheat=5.0, evap_c=12.0, cond_c=30.0, evap_flow=14.3, cond_flow=17.7):
    cond = ek.SingleZoneCondenser if single_zone else ek.Condenser
    evap = ek.SingleZoneEvaporator if single_zone else ek.Evaporator
    cycle = ek.System()
    cycle.add(ek.Compressor("comp", "R134a", map="bitzer_hsk_r134a"))
    cycle.add(cond("cond", "R134a", ua=50e3))
    cycle.add(ek.ExpansionValve("valve", "R134a"))
    cycle.add(evap("evap", "R134a", ua=60e3))
    cycle.add_water_stream("cond", celsius=cond_c, bar=2.0, mass_flow=cond_flow)
    cycle.add_water_stream("evap", celsius=evap_c, bar=2.0, mass_flow=evap_flow)
    cycle.connect_loop(["comp", "cond", "valve", "evap"])
    cycle.superheat("evap.refrigerant_out", superheat)
    cycle.subcooling("cond.refrigerant_out", 3.0)
    return cycle


def test_single_zone_temperature_cross_is_a_physics_error():
    # The issue's first report: 10 K of superheat through the single-zone evaporator
    # converged with the refrigerant leaving at 13.5 degC against 12 degC water.
    with pytest.raises(ek.PhysicsError) as info:
        chiller(single_zone=True, superheat=10.0).solve()
    err = info.value
    assert isinstance(err, ek.SolverError) and isinstance(err, ek.EntropykError)
    kinds = {(v.component, v.kind) for v in err.violations}
    assert ("evap", "second_law") in kinds
    v = next(v for v in err.violations if v.component == "evap")
    assert v.hard and v.value < 0.0 and v.limit == 0.0 and v.bound == "lower"
    assert "temperature" in v.quantity and "evap" in str(v) and "second_law" in repr(v)
    # the converged solution is carried for inspection, and it does cross
    assert err.solution is not None and err.solution.converged
    assert err.solution.port("evap.refrigerant_out")["t"] > 273.15 + 12.0


def test_zoned_default_meets_the_same_superheat_physically():
    # The zoned evaporator needs the whole water-to-refrigerant difference for 10 K
    # of superheat: pinch-limited (vapour leaves at the water inlet temperature), a
    # warning, not an error.
    with pytest.warns(ek.PhysicsWarning, match="pinch"):
        sol = chiller(superheat=10.0).solve()
    assert sol.converged and [(w.component, w.kind) for w in sol.warnings] == [("evap", "pinch")]
    assert sol.port("evap.refrigerant_out")["t"] < 273.15 + 12.0


@pytest.mark.parametrize(
    "kwargs",
    [
        {"evap_flow": 14.3e-3},  # water flows 1000 times too small
        {"cond_flow": 17.7e-3},
        {"evap_c": -5.0},  # frozen water entering
    ],
)
def test_unit_mistakes_never_return_a_solution(kwargs):
    with pytest.raises(ek.EntropykError) as info:
        chiller(**kwargs).solve()
    if isinstance(info.value, ek.PhysicsError):
        assert info.value.violations, "a physics error names what it breaks"


def test_frozen_water_is_named():
    with pytest.raises(ek.PhysicsError) as info:
        chiller(evap_c=-5.0).solve()
    assert "freezing" in {v.kind for v in info.value.violations}


def test_map_extrapolation_is_a_warning_and_strict_makes_it_an_error():
    # Condenser water at 46 degC puts the discharge dew temperature above the map's
    # rated 30..50 degC (plus 1 K).
    cycle = chiller(cond_c=46.0)
    with pytest.warns(ek.PhysicsWarning, match="map_extrapolation"):
        sol = cycle.solve()
    assert [w.kind for w in sol.warnings] == ["map_extrapolation"]
    w = sol.warnings[0]
    assert not w.hard and w.component == "comp" and w.port == "outlet" and w.bound == "upper"
    assert w.value > w.limit == 50.0
    import pickle

    copy = pickle.loads(pickle.dumps(sol))
    assert [(c.kind, c.value, c.limit) for c in copy.warnings] == [(w.kind, w.value, w.limit)]
    with pytest.raises(ek.PhysicsError) as info:
        cycle.solve(strict=True)
    assert [v.kind for v in info.value.violations] == ["map_extrapolation"]


def test_a_valid_solve_issues_no_warning():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        sol = chiller().solve()
    assert sol.warnings == []


def test_infinite_tolerance_is_rejected():
    for bad in (float("inf"), float("nan"), 0.0, -1.0):
        with pytest.raises(ek.ValidationError):
            chiller().solve(tolerance=bad)


# Property (issue 12 acceptance, hypothesis side of tests/physics_grid.rs): over wide
# draws -- UA over four decades, water flows over two, water that can freeze,
# superheat 0..15 K, subcooling 0..10 K, zoned or single-zone exchangers -- every
# solve raises an EntropykError or returns a solution that an independent check finds
# physically valid (no temperature cross at any exchanger end, compressor work > 0, no
# frozen water, signed first law closed to 1e-9).
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


def _independent_problems(sol):
    t = lambda port: sol.port(port)["t"]  # noqa: E731
    out = sol.outputs()
    problems = []
    ends = {
        "evaporator outlet end": t("evap.secondary_in") - t("evap.refrigerant_out"),
        "evaporator inlet end": t("evap.secondary_out") - t("evap.refrigerant_in"),
        "condenser outlet end": t("cond.refrigerant_out") - t("cond.secondary_in"),
        "condenser inlet end": t("cond.refrigerant_in") - t("cond.secondary_out"),
    }
    problems += [f"cross at the {k}: {v} K" for k, v in ends.items() if not v >= -1e-6]
    power = out["comp"]["power"]
    if not power > 0:
        problems.append(f"compressor power {power}")
    problems += [f"{p} frozen" for p in ("evap.secondary_out", "cond.secondary_out") if not t(p) >= 273.15]
    q = out["evap"]["heat_flow"] + out["cond"]["heat_flow"] + out["comp"].get("heat_flow", 0.0)
    scale = max(abs(out["evap"]["heat_flow"]), abs(out["cond"]["heat_flow"]), abs(power))
    if not abs(q + power) <= 1e-9 * scale:
        problems.append(f"first law: {(q + power) / scale:e}")
    return problems


_wide = st.fixed_dictionaries(
    {
        "single_zone": st.booleans(),
        "evap_c": st.floats(-8.0, 25.0),
        "lift": st.floats(0.0, 30.0),
        "evap_flow": st.floats(-0.1, 2.2).map(lambda e: 10.0**e),
        "cond_flow": st.floats(-0.1, 2.2).map(lambda e: 10.0**e),
        "evap_ua": st.floats(3.4, 7.4).map(lambda e: 10.0**e),
        "cond_ua": st.floats(3.4, 7.4).map(lambda e: 10.0**e),
        "superheat": st.floats(0.0, 15.0),
        "subcooling": st.floats(0.0, 10.0),
    }
)


@settings(max_examples=150, derandomize=True, database=None, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_wide)
def test_wide_draws_give_typed_errors_or_valid_solutions(x):
    cond = ek.SingleZoneCondenser if x["single_zone"] else ek.Condenser
    evap = ek.SingleZoneEvaporator if x["single_zone"] else ek.Evaporator
    cycle = ek.System()
    cycle.add(ek.Compressor("comp", "R134a", map="bitzer_hsk_r134a"))
    cycle.add(cond("cond", "R134a", ua=x["cond_ua"]))
    cycle.add(ek.ExpansionValve("valve", "R134a"))
    cycle.add(evap("evap", "R134a", ua=x["evap_ua"]))
    cycle.add_water_stream("cond", celsius=x["evap_c"] + x["lift"], bar=2.0, mass_flow=x["cond_flow"])
    cycle.add_water_stream("evap", celsius=x["evap_c"], bar=2.0, mass_flow=x["evap_flow"])
    cycle.connect_loop(["comp", "cond", "valve", "evap"])
    try:
        cycle.superheat("evap.refrigerant_out", x["superheat"])
        cycle.subcooling("cond.refrigerant_out", x["subcooling"])
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ek.PhysicsWarning)
            sol = cycle.solve()
    except ek.EntropykError as e:
        if isinstance(e, ek.PhysicsError):
            assert e.violations and all(v.hard for v in e.violations)
            assert e.solution is not None and e.solution.converged
        return
    problems = _independent_problems(sol)
    assert not problems, f"{x}: {problems}"


def test_condenser_above_the_critical_temperature_says_so():
    # R134a's critical temperature is 101.06 degC: condenser water at 110 degC cannot
    # condense anything.
    with pytest.raises(ek.ComponentError, match="critical temperature"):
        chiller(cond_c=110.0).solve()
