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


def test_real_mixture_r454b():
    # CoolProp 8.0.0 HEOS mixture R32/R1234yf 68.9/31.1 mass % (same model), values from
    # thermo/tests/data/mixture_fluid_reference.csv (generate_mixture_fluid_reference.py)
    f = ek.Fluid("R454B")
    assert f.name == "R454B"
    assert f.critical_temperature == pytest.approx(351.43021341138865, rel=1e-12)
    p = 795616.4080695794
    sat = f.saturation_p(p)
    assert sat["t"] == pytest.approx(274.2905246236186, rel=1e-10)  # bubble point
    assert sat["rho_liquid"] == pytest.approx(1078.0168367247782, rel=1e-8)
    assert sat["rho_vapor"] == pytest.approx(25.79691559081617, rel=1e-8)  # dew point
    st = f.state_pt(p, 290.7607370025716)
    assert st["phase"] == "vapor"
    assert st["rho"] == pytest.approx(23.534645834346332, rel=1e-9)
    assert st["h"] == pytest.approx(485276.48451431503, rel=1e-9)
    assert st["w"] == pytest.approx(196.33610806481755, rel=1e-9)
    liquid = f.state_ph(p, 203378.8478184668)  # subcooled
    assert liquid["t"] == pytest.approx(271.19894047075854, rel=1e-8)
    two = f.state_ph(p, 390564.5168131517)
    assert two["phase"] == "two-phase"
    assert two["t"] == pytest.approx(275.0830722643401, rel=1e-8)
    # inside the dome the temperature glides between the bubble and dew points
    mid = f.state_ph(p, 0.5 * (sat["h_liquid"] + sat["h_vapor"]))
    assert mid["phase"] == "two-phase"
    assert 274.2905246236186 < mid["t"] < 275.7607370025716
    # user-defined compositions in CoolProp's syntax, and ambiguous names refused
    assert ek.Fluid("R32[0.5]&R1234yf[0.5]").name == "R32[0.5]&R1234yf[0.5]"
    with pytest.raises(ek.EntropykError, match="R407A"):
        ek.Fluid("R407")
    with pytest.raises(ek.EntropykError):
        ek.Fluid("R32[0.5]&R1234yf[0.6]")
