import math

import pytest

import entropyk as ek
from entropyk import Enthalpy, MassFlow, Pressure, Temperature


def test_pressure_units():
    p = Pressure(bar=3.2)
    assert float(p) == pytest.approx(3.2e5)
    assert p.bar == pytest.approx(3.2)
    assert Pressure(psi=14.503773773) .bar == pytest.approx(1.0, rel=1e-9)
    assert Pressure(kpa=100) == Pressure(bar=1)
    assert repr(p) == "Pressure(320000 Pa)"


def test_temperature_units_and_differences():
    t = Temperature(celsius=7)
    assert t.kelvin == pytest.approx(280.15)
    assert Temperature(fahrenheit=32).celsius == pytest.approx(0.0, abs=1e-12)
    assert (t + 5).celsius == pytest.approx(12.0)
    assert Temperature(celsius=12) - t == pytest.approx(5.0)
    assert Temperature(kelvin=300) > t


def test_arithmetic():
    h = Enthalpy(kj_per_kg=400) - Enthalpy(kj_per_kg=250)
    assert h.kj_per_kg == pytest.approx(150)
    m = MassFlow(kg_per_h=3600) * 2
    assert m.kg_per_s == pytest.approx(2.0)
    assert m / MassFlow(kg_per_s=1) == pytest.approx(2.0)
    assert (-m).kg_per_s == -2.0
    with pytest.raises(TypeError):
        Pressure(bar=1) + Temperature(kelvin=1)


def test_bad_keywords():
    with pytest.raises(TypeError, match="exactly one"):
        Pressure(bar=1, pa=1)
    with pytest.raises(TypeError, match="unknown unit"):
        Pressure(atm=1)
    with pytest.raises(ek.ValidationError):
        Temperature(celsius=math.nan)


def test_quantities_work_as_si_numbers():
    r134a = ek.Fluid("R134a")
    st = r134a.state_pt(Pressure(bar=3), Temperature(celsius=20))
    assert st["t"] == pytest.approx(293.15)


def test_unit_keywords_refuse_a_quantity_that_would_convert_twice():
    # issue 16: celsius=Temperature(celsius=-70) stored 203 degC water, bar=Pressure(bar=2) 2e10 Pa
    cycle = ek.System()
    cycle.add(ek.Evaporator("evap", "R134a", ua=1e4))
    with pytest.raises(ek.ValidationError, match="converted twice"):
        cycle.add_water_stream("evap", celsius=ek.Temperature(celsius=-70), mass_flow=1.0)
    with pytest.raises(ek.ValidationError, match="converted twice"):
        cycle.add_water_stream("evap", celsius=12.0, bar=ek.Pressure(bar=2), mass_flow=1.0)
    with pytest.raises(ek.ValidationError, match="Temperature is expected"):
        cycle.add_water_stream("evap", kelvin=ek.Pressure(bar=2), mass_flow=1.0)
    # the SI keyword of the quantity's kind takes it as its value
    cycle.add_water_stream("evap", kelvin=ek.Temperature(celsius=12), pa=ek.Pressure(bar=2), mass_flow=1.0)
    src = cycle.describe()["components"]
    assert ("evap_secondary_source", "FlowSource") in src
    assert cycle.parameter("evap_secondary_source.temperature") == pytest.approx(285.15)
