"""Every public name of `entropyk`, `entropyk.units` and `entropyk.plotting` has a test
asserting on values, and every exception class is raised through the public API with
its message and attributes checked (issue 5).

The first test pins the public surface: a name added to an `__all__` without a test
here (or elsewhere, listed in COVERED_ELSEWHERE) fails it.
"""
import importlib.metadata
import math
import pathlib
import re

import numpy as np
import pytest

import entropyk as ek
from entropyk import plotting, units
from conftest import build_chiller

ROOT = pathlib.Path(__file__).resolve().parents[2]

# Public name -> the test(s) asserting on its values (here or in another file).
COVERED = {
    # entropyk
    "__version__": "test_version_matches_the_installed_metadata",
    "System": "test_cycle.py, test_system_accessors",
    "Solution": "test_cycle.py, test_results.py, test_solution_accessors",
    "Fluid": "test_fluid.py, test_fluid_saturation_p_inverts_saturation_t",
    "Compressor": "test_cycle.py (reference COP), test_errors.py",
    "Condenser": "test_cycle.py, test_exchanger_ua_properties",
    "Evaporator": "test_cycle.py, test_exchanger_ua_properties",
    "ExpansionValve": "test_cycle.py (isenthalpic), test_expansion_valve_is_isenthalpic",
    "EfficiencyCompressor": "test_components.py (CoolProp reference COP)",
    "OrificeValve": "test_orifice_valve_pressure_drop",
    "HeatExchanger": "test_components.py (gas cooler), test_internal_heat_exchanger_cycle",
    "ZonedCondenser": "test_components.py (energy balance; alias of Condenser)",
    "ZonedEvaporator": "test_components.py (energy balance; alias of Evaporator)",
    "SingleZoneCondenser": "test_physics.py (temperature cross raised), test_serialization.py",
    "SingleZoneEvaporator": "test_physics.py (temperature cross raised), test_serialization.py",
    "PhysicsError": "test_physics.py",
    "PhysicsWarning": "test_physics.py (map extrapolation, strict=True)",
    "Violation": "test_physics.py",
    "FlowSplitter": "test_splitter_and_merger_share_the_flow",
    "FlowMerger": "test_splitter_and_merger_share_the_flow",
    "Pump": "test_components.py (head curve)",
    "Fan": "test_fan_pressure_rise",
    "Pipe": "test_components.py, test_splitter_and_merger_share_the_flow",
    "FlowSource": "test_components.py, test_flow_source_by_enthalpy",
    "FlowSink": "test_components.py",
    "NewtonConfig": "test_configs.py, test_config_properties",
    "PicardConfig": "test_configs.py, test_config_properties",
    "FallbackConfig": "test_configs.py, test_config_properties",
    "EntropykError": "test_every_error_is_an_entropyk_error",
    "SolverError": "test_solver_error_carries_the_best_iterate",
    "TimeoutError": "test_timeout_error_carries_the_best_iterate",
    "ControlSaturationError": "test_control_saturation_error_carries_the_solution",
    "FluidError": "test_fluid_error_messages",
    "ComponentError": "test_component_error_unsupported_operational_state",
    "TopologyError": "test_topology_error_messages",
    "ValidationError": "test_validation_error_messages, test_fuzz_boundary.py",
    "ConcurrentUseError": "test_concurrency.py",
    "Pressure": "test_units.py, test_quantity_properties_and_comparisons",
    "Temperature": "test_units.py, test_quantity_properties_and_comparisons",
    "Enthalpy": "test_units.py, test_quantity_properties_and_comparisons",
    "MassFlow": "test_units.py, test_quantity_properties_and_comparisons",
    # entropyk.plotting
    "saturation_dome": "test_results.py, test_saturation_dome_endpoints",
    "cycle_points": "test_results.py, test_cycle_points_match_the_solution",
    "plot_ph": "test_results.py",
    "plot_ts": "test_results.py",
    "CyclePoints": "test_cycle_points_match_the_solution",
}


def test_every_public_name_is_listed():
    # the components declared once are covered, each, by the tests of test_declared.py
    # parametrized over every declaration
    declared = set(ek._declared.__all__)
    public = set(ek.__all__) | set(units.__all__) | set(plotting.__all__)
    assert public - declared == set(COVERED)
    # __all__ lists only names that exist, and the package re-exports all of _core.
    for module in (ek, units, plotting):
        for name in module.__all__:
            assert hasattr(module, name), name
    from entropyk import _core

    assert {n for n in _core.__all__ if not n.startswith("_")} <= set(ek.__all__)


def test_version_matches_the_installed_metadata():
    assert ek.__version__ == importlib.metadata.version("entropyk")
    cargo = (ROOT / "Cargo.toml").read_text()
    assert re.search(r'^version = "([^"]+)"', cargo, re.M).group(1) == ek.__version__


def test_installed_package_ships_the_type_information():
    """The wheel carries py.typed and the stubs next to the extension (PEP 561)."""
    pkg = pathlib.Path(ek.__file__).parent
    assert (pkg / "py.typed").is_file()
    assert "class Solution" in (pkg / "_core.pyi").read_text()
    assert any(p.name.startswith("_core.") and p.suffix in (".so", ".pyd") for p in pkg.iterdir())


# --- exceptions ---------------------------------------------------------------


def test_every_error_is_an_entropyk_error():
    classes = [
        ek.SolverError,
        ek.TimeoutError,
        ek.ControlSaturationError,
        ek.FluidError,
        ek.ComponentError,
        ek.TopologyError,
        ek.ValidationError,
    ]
    for cls in classes:
        assert issubclass(cls, ek.EntropykError) and issubclass(cls, Exception)
        assert cls.__module__ == "entropyk"
    # ek.TimeoutError is entropyk's own, not the builtin.
    assert ek.TimeoutError is not TimeoutError
    with pytest.raises(ek.EntropykError, match="R9999") as info:
        ek.Fluid("R9999")
    assert type(info.value) is ek.FluidError
    assert ek.EntropykError.__doc__.startswith("Base class of every Entropyk error.")


def test_solver_error_carries_the_best_iterate(chiller):
    with pytest.raises(ek.SolverError, match=r"(?i)converge") as info:
        chiller.solve(max_iterations=2)
    err = info.value
    assert type(err) is ek.SolverError
    best = err.best
    assert isinstance(best, ek.Solution)
    assert not best.converged
    assert best.iterations == 2
    assert best.residual > 1e-11
    assert best.connections == build_chiller().solve().connections
    assert best.state_vector.shape == (chiller.n_unknowns,)


def test_solver_error_attributes_default_to_none():
    assert ek.SolverError("x").best is None
    assert ek.TimeoutError("x").best is None
    err = ek.ControlSaturationError("x")
    assert err.solution is None and err.best is None


def test_timeout_error_carries_the_best_iterate(chiller):
    with pytest.raises(ek.TimeoutError, match=r"(?i)time") as info:
        chiller.solve(method="fallback", time_budget=1e-9)
    assert isinstance(info.value, ek.SolverError)
    best = info.value.best
    assert isinstance(best, ek.Solution) and not best.converged
    assert np.all(np.isfinite(best.state_vector))


def test_control_saturation_error_carries_the_solution(chiller):
    chiller.add_control("comp.speed", component="evap", heat_flow=500e3, min=0.3, max=1.1)
    with pytest.raises(ek.ControlSaturationError, match=r"comp\.speed held at 1\.1") as info:
        chiller.solve()
    err = info.value
    assert isinstance(err, ek.SolverError)
    sol = err.solution
    assert sol.converged
    assert sol.parameter("comp.speed") == 1.1
    assert 0 < sol.output("evap", "heat_flow") < 500e3
    assert err.best is None


def test_fluid_error_messages():
    with pytest.raises(ek.FluidError, match="R9999"):
        ek.Fluid("R9999")
    with pytest.raises(ek.FluidError, match="R9999"):
        ek.Compressor("c", "R9999", map="bitzer_hsk_r134a")
    with pytest.raises(ek.FluidError, match="R9999"):
        ek.FlowSource("s", "R9999", mass_flow=1.0, bar=2.0, celsius=10.0)
    with pytest.raises(ek.FluidError):
        ek.Fluid("R134a").state_pt(-1.0, 300.0)
    with pytest.raises(ek.FluidError):
        ek.Fluid("R134a").saturation_t(1000.0)  # above the critical point


def test_component_error_unsupported_operational_state(chiller):
    with pytest.raises(ek.ComponentError, match=r"'valve' \(ExpansionValve\) does not support operational state 'bypass'") as info:
        chiller.set_operational_state("valve", "bypass")
    assert not isinstance(info.value, (ek.ValidationError, ek.SolverError))
    # The system is unchanged: it still solves to the reference.
    assert chiller.solve().cop == pytest.approx(build_chiller().solve().cop, rel=1e-12)


def test_topology_error_messages(chiller):
    with pytest.raises(ek.TopologyError, match="already exists"):
        chiller.add(ek.Compressor("comp", "R134a", map="bitzer_hsk_r134a"))
    with pytest.raises(ek.TopologyError, match="unknown component"):
        chiller.connect_loop(["comp", "nope"])
    with pytest.raises(ek.TopologyError, match="no parameter"):
        chiller.set_parameter("comp.rpm", 1.0)
    with pytest.raises(ek.TopologyError, match="no parameter"):
        chiller.parameter("comp.rpm")
    mixed = ek.System()
    mixed.add(ek.FlowSource("src", "water", mass_flow=1.0, bar=2.0, celsius=10.0))
    mixed.add(ek.FlowSink("sink", "R134a"))
    mixed.connect("src.outlet", "sink.inlet")
    with pytest.raises(ek.TopologyError, match=r"(?i)medium|media"):
        mixed.finalize()


def test_validation_error_messages(chiller):
    with pytest.raises(ek.ValidationError, match="give exactly one of celsius= or kelvin="):
        chiller.temperature("cond.refrigerant_out")
    with pytest.raises(ek.ValidationError, match="exactly one of pressure="):
        chiller.sensitivity(chiller.solve(), "evap.ua")
    with pytest.raises(ek.ValidationError, match="no parameter 'comp.rpm' in this solution"):
        chiller.solve().parameter("comp.rpm")
    with pytest.raises(ek.ValidationError, match="fluid must be a name"):
        ek.Condenser("c", 42, ua=1.0)
    with pytest.raises(ek.ValidationError, match="refrigerant pipes"):
        ek.Pipe("p", "water", length=1.0, diameter=0.01, viscosity=1e-3)
    with pytest.raises(ek.ValidationError, match="at most one of celsius=, kelvin="):
        ek.FlowSource("s", "water", mass_flow=1.0, bar=2.0, celsius=1.0, kelvin=280.0)
    with pytest.raises(ek.ValidationError, match="h= for a refrigerant"):
        ek.FlowSource("s", "water", mass_flow=1.0, bar=2.0, h=1e5)
    with pytest.raises(ek.ValidationError, match="nan"):
        ek.Pressure(bar=math.nan)


# --- components -----------------------------------------------------------------


def test_exchanger_ua_properties():
    assert ek.Condenser("c", "R134a", ua=1234.5).ua == 1234.5
    assert ek.Evaporator("e", ek.Fluid("R32"), ua=2e3).ua == 2e3
    assert repr(ek.Condenser("c", "R134a", ua=10.0)) == "Condenser('c', ua=10)"


def test_expansion_valve_is_isenthalpic(chiller):
    sol = chiller.solve()
    assert sol.port("valve.inlet")["h"] == pytest.approx(sol.port("valve.outlet")["h"], rel=1e-12)
    assert sol.port("valve.outlet")["p"] < sol.port("valve.inlet")["p"]
    assert repr(ek.ExpansionValve("v", "R134a")) == "ExpansionValve('v')"


def test_orifice_valve_pressure_drop():
    """m = opening C sqrt(2 rho_in dp), C from Kv at 1 bar and 1000 kg/m3 (IEC 60534);
    the model's regularised square root equals sqrt(dp) to well within 1e-6 here."""
    r134a = ek.Fluid("R134a")
    p_in, t_in, m, kv, opening = 10e5, 293.15, 0.05, 0.4, 0.6
    s = ek.System()
    s.add(ek.FlowSource("src", "R134a", mass_flow=m, pa=p_in, kelvin=t_in))
    s.add(ek.OrificeValve("valve", r134a, kv=kv, opening=opening))
    s.add(ek.FlowSink("sink", "R134a"))
    s.connect("src.outlet", "valve.inlet")
    s.connect("valve.outlet", "sink.inlet")
    assert s.parameter("valve.opening") == opening
    sol = s.solve()
    rho = r134a.state_pt(p_in, t_in)["rho"]
    c = kv / 3600.0 * math.sqrt(1000.0 / 2e5)
    dp = (m / (opening * c)) ** 2 / (2.0 * rho)
    assert sol.port("valve.inlet")["p"] - sol.port("valve.outlet")["p"] == pytest.approx(dp, rel=1e-6)
    assert sol.port("valve.outlet")["h"] == pytest.approx(sol.port("valve.inlet")["h"], rel=1e-12)
    # The same valve by its flow coefficient C (m2).
    s2 = ek.System()
    s2.add(ek.FlowSource("src", "R134a", mass_flow=m, pa=p_in, kelvin=t_in))
    s2.add(ek.OrificeValve("valve", "R134a", flow_coefficient=c, opening=opening))
    s2.add(ek.FlowSink("sink", "R134a"))
    s2.connect("src.outlet", "valve.inlet")
    s2.connect("valve.outlet", "sink.inlet")
    assert s2.solve().port("valve.outlet")["p"] == pytest.approx(sol.port("valve.outlet")["p"], rel=1e-10)


def test_fan_pressure_rise():
    """dp = a0 s^2 + a1 s Q + a2 Q^2 with Q = m / rho_air (affinity laws)."""
    a = [400.0, 10.0, -25.0]
    rho_air, m, speed = 1.204, 2.0, 0.9
    s = ek.System()
    s.add(ek.FlowSource("src", "air", mass_flow=m, pa=101325.0, celsius=20.0))
    s.add(ek.Fan("fan", pressure=a, efficiency=[0.0, 0.6, -0.15], speed=speed))
    s.add(ek.FlowSink("sink", "air"))
    s.connect("src.outlet", "fan.inlet")
    s.connect("fan.outlet", "sink.inlet")
    sol = s.solve()
    q = m / rho_air
    expected = a[0] * speed**2 + a[1] * speed * q + a[2] * q**2
    assert sol.port("fan.outlet")["p"] - sol.port("fan.inlet")["p"] == pytest.approx(expected, rel=1e-9)
    assert sol.media == ["Air", "Air"]
    assert sol.output("fan", "power") > 0


def test_splitter_and_merger_share_the_flow():
    """Two parallel pipes: the merger equalises their outlet pressures, so the short
    pipe carries more of the flow; mass and energy balances close."""
    s = ek.System()
    s.add(ek.FlowSource("src", "water", mass_flow=6.0, bar=3.0, celsius=15.0))
    s.add(ek.FlowSplitter("tee", "water"))
    s.add(ek.Pipe("short", "water", length=10.0, diameter=0.05))
    s.add(ek.Pipe("long", "water", length=40.0, diameter=0.05))
    s.add(ek.FlowMerger("mix", "water", inlets=2))
    s.add(ek.FlowSink("sink", "water"))
    s.connect("src.outlet", "tee.inlet")
    s.connect("tee.outlet_1", "short.inlet")
    s.connect("tee.outlet_2", "long.inlet")
    s.connect("short.outlet", "mix.inlet_1")
    s.connect("long.outlet", "mix.inlet_2")
    s.connect("mix.outlet", "sink.inlet")
    sol = s.solve()
    m_short, m_long = sol.port("short.inlet")["m"], sol.port("long.inlet")["m"]
    assert m_short + m_long == pytest.approx(6.0, rel=1e-12)
    assert sol.port("mix.outlet")["m"] == pytest.approx(6.0, rel=1e-12)
    # Four times the length at equal pressure drop: about twice the flow (turbulent).
    assert 1.8 < m_short / m_long < 2.2
    assert sol.port("short.outlet")["p"] == pytest.approx(sol.port("long.outlet")["p"], rel=1e-12)
    assert sol.port("mix.outlet")["p"] == pytest.approx(sol.port("short.outlet")["p"], rel=1e-12)
    h_mix = (m_short * sol.port("short.outlet")["h"] + m_long * sol.port("long.outlet")["h"]) / 6.0
    assert sol.port("mix.outlet")["h"] == pytest.approx(h_mix, rel=1e-12)
    assert sol.port("tee.outlet_1")["p"] == sol.port("tee.inlet")["p"]


def test_internal_heat_exchanger_cycle():
    """A suction-line IHX: the liquid gives the heat the suction gas takes, and the
    liquid enters the valve colder than it left the condenser."""
    s = ek.System()
    s.add(ek.Compressor("comp", "R134a", map="bitzer_hsk_r134a"))
    s.add(ek.Condenser("cond", "R134a", ua=50e3))
    s.add(ek.HeatExchanger.internal("ihx", "R134a", ua=2e3))
    s.add(ek.ExpansionValve("valve", "R134a"))
    s.add(ek.Evaporator("evap", "R134a", ua=60e3))
    s.add_water_stream("cond", celsius=30, mass_flow=17.7)
    s.add_water_stream("evap", celsius=12, mass_flow=14.3)
    s.connect("comp.outlet", "cond.refrigerant_in")
    s.connect("cond.refrigerant_out", "ihx.hot_in")
    s.connect("ihx.hot_out", "valve.inlet")
    s.connect("valve.outlet", "evap.refrigerant_in")
    s.connect("evap.refrigerant_out", "ihx.cold_in")
    s.connect("ihx.cold_out", "comp.inlet")
    s.superheat("evap.refrigerant_out", 5.0)
    s.subcooling("cond.refrigerant_out", 3.0)
    sol = s.solve()
    m = sol.port("comp.inlet")["m"]
    q_hot = m * (sol.port("ihx.hot_in")["h"] - sol.port("ihx.hot_out")["h"])
    q_cold = m * (sol.port("ihx.cold_out")["h"] - sol.port("ihx.cold_in")["h"])
    assert q_hot > 0
    assert q_cold == pytest.approx(q_hot, rel=1e-9)
    assert sol.port("ihx.hot_out")["t"] < sol.port("ihx.hot_in")["t"]


def test_flow_source_by_enthalpy():
    """A refrigerant source given by pressure and enthalpy passes them on unchanged."""
    s = ek.System()
    s.add(ek.FlowSource("src", "R134a", mass_flow=0.2, bar=5.0, h=4.2e5))
    s.add(ek.FlowSink("sink", "R134a"))
    s.connect("src.outlet", "sink.inlet")
    state = s.solve().port("sink.inlet")
    assert state["p"] == pytest.approx(5e5, rel=1e-12)
    assert state["h"] == pytest.approx(4.2e5, rel=1e-12)
    assert state["m"] == pytest.approx(0.2, rel=1e-12)
    assert state["t"] == pytest.approx(ek.Fluid("R134a").state_ph(5e5, 4.2e5)["t"], rel=1e-10)


# --- configs, system, solution, fluid -------------------------------------------


def test_config_properties():
    n = ek.NewtonConfig(max_iterations=12, tolerance=1e-9, jacobian_reuse=2)
    assert n.max_iterations == 12 and n.tolerance == 1e-9
    assert repr(n) == "NewtonConfig(max_iterations=12, tolerance=1e-9, jacobian_reuse=2)"
    assert repr(ek.PicardConfig(relaxation=0.5)) == "PicardConfig(max_iterations=500, tolerance=1e-11, relaxation=0.5)"
    assert repr(ek.FallbackConfig(max_switches=2)) == "FallbackConfig(divergence_patience=3, picard_iterations=20, max_switches=2)"
    # The Newton settings of a FallbackConfig are used: one iteration is not enough.
    with pytest.raises(ek.SolverError):
        ek.FallbackConfig(newton=ek.NewtonConfig(max_iterations=1), max_switches=0).solve(build_chiller())


def test_system_accessors(chiller):
    assert chiller.n_unknowns == 24
    chiller.set_parameter("cond.ua", 40e3)
    assert chiller.parameter("cond.ua") == 40e3
    report = chiller.finalize()
    assert report["unknowns"] == 24
    sol = chiller.solve()
    assert sol.parameter("cond.ua") == 40e3
    # Exact sensitivity agrees with a central difference.
    d = chiller.sensitivity(sol, "cond.ua", heat_flow="evap")
    q = []
    for ua in (40e3 - 10.0, 40e3 + 10.0):
        chiller.set_parameter("cond.ua", ua)
        q.append(chiller.solve().output("evap", "heat_flow"))
    assert d == pytest.approx((q[1] - q[0]) / 20.0, rel=1e-5)


def test_solution_accessors(chiller):
    sol = chiller.solve()
    assert sol.converged and sol.residual < 1e-11 and sol.iterations >= 1
    assert len(sol.connections) == len(sol.media) == 8
    assert sorted(set(sol.media)) == ["R134a", "Water"]
    assert sol.media[sol.connections.index("comp.outlet -> cond.refrigerant_in")] == "R134a"
    out = sol.outputs()
    assert sol.output("comp", "power") == out["comp"]["power"]
    assert sol.cop == pytest.approx(out["evap"]["heat_flow"] / out["comp"]["power"], rel=1e-12)
    # heat_flow is the heat into the refrigerant: negative in the condenser
    assert sol.heating_cop == pytest.approx(-out["cond"]["heat_flow"] / out["comp"]["power"], rel=1e-12)
    state = sol.port("comp.inlet")
    assert set(state) == {"p", "h", "m", "t"}
    i = sol.connections.index("evap.refrigerant_out -> comp.inlet")
    assert sol.state_vector[3 * i : 3 * i + 3].tolist() == [state["p"], state["h"], state["m"]]
    assert repr(sol).startswith(f"Solution(iterations={sol.iterations}, ")


def test_fluid_saturation_p_inverts_saturation_t():
    f = ek.Fluid("R134a")
    sat = f.saturation_t(280.0)
    back = f.saturation_p(sat["p"])
    assert back["t"] == pytest.approx(280.0, rel=1e-9)
    assert set(back) == {"t", "p", "rho_liquid", "rho_vapor", "h_liquid", "h_vapor", "s_liquid", "s_vapor"}
    assert back["rho_liquid"] > back["rho_vapor"]
    st = f.state_pt(20e5, 300.0)
    assert st["phase"] == "liquid" and st["quality"] is None
    assert set(st) == {"t", "p", "rho", "h", "s", "u", "phase", "quality", "cp", "w"}
    assert st["u"] == pytest.approx(st["h"] - st["p"] / st["rho"], rel=1e-12)
    assert repr(f) == "Fluid('R134a')"


# --- units and plotting ------------------------------------------------------------


def test_quantity_properties_and_comparisons():
    p = ek.Pressure(mpa=1.5)
    assert (p.pa, p.bar, p.kpa) == pytest.approx((1.5e6, 15.0, 1500.0))
    assert ek.Pressure(psi=1.0).psi == pytest.approx(1.0)
    assert ek.Pressure(bar=1) <= ek.Pressure(bar=1) < ek.Pressure(bar=2)
    assert ek.Pressure(bar=2) >= ek.Pressure(bar=2) > ek.Pressure(bar=1)
    assert sorted([ek.Pressure(bar=3), ek.Pressure(bar=1)]) == [ek.Pressure(bar=1), ek.Pressure(bar=3)]
    assert hash(ek.Pressure(bar=1)) == hash(ek.Pressure(kpa=100))
    assert ek.Pressure(bar=1) != ek.Enthalpy(j_per_kg=1e5)  # kinds never compare equal
    for compare in ("__lt__", "__le__", "__gt__", "__ge__", "__sub__"):
        assert getattr(ek.Pressure(bar=1), compare)(ek.Enthalpy(j_per_kg=1.0)) is NotImplemented
    with pytest.raises(TypeError):
        ek.Pressure(bar=1) < ek.Enthalpy(j_per_kg=1.0)
    with pytest.raises(TypeError):
        ek.Pressure(bar=1) >= ek.Enthalpy(j_per_kg=1.0)
    with pytest.raises(TypeError):
        ek.Pressure(bar=1) - ek.Temperature(kelvin=1.0)
    with pytest.raises(TypeError):
        ek.Pressure(bar=1) * ek.Pressure(bar=1)
    with pytest.raises(TypeError):
        ek.Pressure(bar=1) / ek.MassFlow(kg_per_s=1.0)
    assert (ek.Pressure(bar=4) / 2).bar == pytest.approx(2.0)
    assert (3 * ek.MassFlow(g_per_s=500)).kg_per_h == pytest.approx(5400.0)
    t = ek.Temperature(fahrenheit=212)
    assert t.celsius == pytest.approx(100.0) and t.fahrenheit == pytest.approx(212.0)
    assert (1.5 + ek.Temperature(kelvin=300)).kelvin == 301.5
    assert (ek.Temperature(kelvin=300) - 0.5).kelvin == 299.5
    assert (ek.Temperature(kelvin=300) + ek.Temperature(kelvin=1)).kelvin == 301.0
    with pytest.raises(TypeError):
        ek.Temperature(kelvin=300) - ek.Pressure(pa=1.0)
    h = ek.Enthalpy(kj_per_kg=250)
    assert (h.j_per_kg, h.kj_per_kg) == (250e3, 250.0)
    assert repr(ek.MassFlow(kg_per_h=36)) == "MassFlow(0.01 kg/s)"
    # Quantities go wherever SI numbers do.
    assert ek.Condenser("c", "R134a", ua=ek.Pressure(pa=7.0)).ua == 7.0


def test_saturation_dome_endpoints():
    f = ek.Fluid("R134a")
    dome = plotting.saturation_dome(f, n=7)
    assert set(dome) == {"t", "p", "h_liquid", "h_vapor", "s_liquid", "s_vapor"}
    assert all(v.shape == (7,) and v.dtype == np.float64 for v in dome.values())
    assert dome["t"][-1] == pytest.approx(f.critical_temperature - 0.05, rel=1e-12)
    assert dome["p"][0] == pytest.approx(2e4, rel=1e-6)  # starts at 0.2 bar
    assert dome["s_vapor"][0] > dome["s_liquid"][0]


def test_cycle_points_match_the_solution(chiller):
    sol = chiller.solve()
    pts = plotting.cycle_points(sol, ek.Fluid("R134a"))
    assert set(pts) == set(plotting.CyclePoints.__annotations__)
    for label, p, h in zip(pts["labels"], pts["p"], pts["h"]):
        state = sol.port(label.split(" -> ")[0])
        assert (p, h) == (state["p"], state["h"])
    r134a = ek.Fluid("R134a")
    assert pts["s"][0] == pytest.approx(r134a.state_ph(pts["p"][0], pts["h"][0])["s"], rel=1e-12)
    assert pts["t"].dtype == np.float64


def test_cycle_points_of_open_and_disjoint_streams():
    """Streams that do not close a loop are listed without repeating the first point;
    pieces that do not follow each other are appended in solution order."""
    s = ek.System()
    for k in (1, 2):
        s.add(ek.FlowSource(f"src{k}", "R134a", mass_flow=0.1 * k, bar=5.0, h=4.2e5 + 1e3 * k))
        s.add(ek.FlowSink(f"sink{k}", "R134a"))
        s.connect(f"src{k}.outlet", f"sink{k}.inlet")
    pts = plotting.cycle_points(s.solve(), "R134a")
    assert pts["labels"] == ["src1.outlet -> sink1.inlet", "src2.outlet -> sink2.inlet"]
    assert pts["h"].tolist() == pytest.approx([4.21e5, 4.22e5], rel=1e-12)
