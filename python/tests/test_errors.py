import math

import pytest

import entropyk as ek
from conftest import build_chiller


def test_hierarchy():
    for cls in (ek.SolverError, ek.FluidError, ek.ComponentError, ek.TopologyError, ek.ValidationError):
        assert issubclass(cls, ek.EntropykError)
    assert issubclass(ek.TimeoutError, ek.SolverError)
    assert issubclass(ek.ControlSaturationError, ek.SolverError)


def test_unknown_fluid():
    with pytest.raises(ek.FluidError, match="R9999"):
        ek.Fluid("R9999")
    with pytest.raises(ek.FluidError):
        ek.Evaporator("e", "R9999", ua=1.0)


@pytest.mark.parametrize("p", [-1.0, 0.0, math.nan])
def test_bad_pressure(p):
    with pytest.raises(ek.FluidError):
        ek.Fluid("R134a").state_ph(p, 4e5)


def test_bad_ua():
    with pytest.raises(ek.ValidationError, match="'ua' = -5"):
        ek.Condenser("c", "R134a", ua=-5.0)
    with pytest.raises(ek.ValidationError):
        ek.Condenser("c", "R134a", ua=math.nan)


def test_bad_compressor_arguments():
    with pytest.raises(ek.ValidationError, match="unknown map"):
        ek.Compressor("c", "R134a", map="nope")
    with pytest.raises(ek.ValidationError, match="10 coefficients"):
        ek.Compressor("c", "R134a", mass_flow_coefficients=[1.0] * 3, power_coefficients=[1.0] * 10, rated_superheat=10)
    with pytest.raises(ek.ValidationError):
        ek.Compressor("c", "R134a")
    with pytest.raises(ek.ValidationError, match="heat loss"):
        ek.Compressor("c", "R134a", map="bitzer_hsk_r134a", heat_loss_fraction=2.0)


def test_custom_map_works():
    c = ek.Compressor("c", "R134a", mass_flow_coefficients=[1.0] * 10, power_coefficients=[1.0] * 10, rated_superheat=10.0)
    assert "Compressor('c')" == repr(c)


def test_topology_errors():
    s = ek.System()
    s.add(ek.ExpansionValve("v", "R134a"))
    with pytest.raises(ek.TopologyError, match="already exists"):
        s.add(ek.ExpansionValve("v", "R134a"))
    with pytest.raises(ek.TopologyError, match="no port 'out'"):
        s.connect("v.out", "v.inlet")
    with pytest.raises(ek.TopologyError, match="unknown component"):
        s.connect("x.outlet", "v.inlet")
    with pytest.raises(ek.TopologyError, match="component.port"):
        s.connect("nodot", "v.inlet")
    with pytest.raises(ek.TopologyError, match="not connected"):
        s.finalize()
    with pytest.raises(ek.ValidationError, match="entropyk component"):
        s.add(42)


def test_degrees_of_freedom_error_names_the_circuit():
    s = ek.System()
    s.add(ek.Compressor("comp", "R134a", map="bitzer_hsk_r134a"))
    s.add(ek.Condenser("cond", "R134a", ua=50e3))
    s.add(ek.ExpansionValve("valve", "R134a"))
    s.add(ek.Evaporator("evap", "R134a", ua=60e3))
    s.add_water_stream("cond", celsius=30, mass_flow=17.7)
    s.add_water_stream("evap", celsius=12, mass_flow=14.3)
    s.connect_loop(["comp", "cond", "valve", "evap"])
    with pytest.raises(ek.TopologyError, match=r"under-specified.*\[comp, cond, valve, evap\]"):
        s.solve()


def test_finalize_report(chiller):
    report = chiller.finalize()
    assert report["unknowns"] == 24
    assert report["redundant_mass_balances"][0][0] == ["comp", "cond", "valve", "evap"]


def test_bad_specifications(chiller):
    with pytest.raises(ek.ValidationError, match="0 <= dT"):
        chiller.superheat("comp.inlet", -2.0)
    with pytest.raises(ek.ValidationError):
        chiller.subcooling("comp.inlet", math.nan)


def test_bad_unit_keywords():
    s = build_chiller()
    with pytest.raises(ek.ValidationError, match="celsius"):
        s.add_water_stream("evap", celsius=1.0, kelvin=280.0, mass_flow=1.0)
    with pytest.raises(ek.ValidationError, match="bar"):
        s.add_water_stream("evap", celsius=1.0, bar=1.0, pa=1e5, mass_flow=1.0)
    with pytest.raises(ek.ValidationError, match="'mass_flow' = -1"):
        s.add_water_stream("cond2", celsius=10.0, mass_flow=-1.0)


def test_bad_solver_settings(chiller):
    with pytest.raises(ek.ValidationError, match="tolerance"):
        chiller.solve(tolerance=0.0)
    with pytest.raises(ek.ValidationError, match="time_budget"):
        chiller.solve(time_budget=-1.0)


def test_missing_outputs(chiller):
    sol = chiller.solve()
    with pytest.raises(ek.ValidationError, match="no output"):
        sol.output("comp", "nothing")
    with pytest.raises(ek.ValidationError, match="no connected port"):
        sol.port("comp.nothing")
