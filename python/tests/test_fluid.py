import pytest

import entropyk as ek

# CoolProp 8.0.0 (HEOS, R134a, IIR reference state) values, generated once by
# thermo/scripts/generate_reference.py; repeated here for the Python API.


def test_saturation_at_0c():
    sat = ek.Fluid("R134a").saturation_t(273.15)
    # IIR reference state (h' = 200 kJ/kg at 0 degC, to CoolProp's offset precision).
    assert sat["h_liquid"] == pytest.approx(199999.98852614488, rel=1e-8)
    assert sat["p"] == pytest.approx(292803.1823394906, rel=1e-8)


def test_state_ph_roundtrip():
    f = ek.Fluid("R134a")
    st = f.state_pt(3e5, 300.0)
    assert st["phase"] == "vapor"
    back = f.state_ph(3e5, st["h"])
    assert back["t"] == pytest.approx(300.0, rel=1e-10)
    assert back["cp"] > 0 and back["w"] > 0


def test_two_phase_state():
    f = ek.Fluid("R134a")
    sat = f.saturation_t(273.15)
    h = 0.5 * (sat["h_liquid"] + sat["h_vapor"])
    st = f.state_ph(sat["p"], h)
    assert st["phase"] == "two-phase"
    assert st["quality"] == pytest.approx(0.5, rel=1e-9)
    assert st["cp"] is None


def test_fluid_properties():
    f = ek.Fluid("r-134a")
    assert f.name == "R134a"
    assert f.critical_temperature == pytest.approx(374.2, abs=0.05)
    assert f.critical_pressure == pytest.approx(4.059e6, rel=1e-3)
