import pytest

import entropyk as ek


def water_loop(pump_speed=1.0):
    """Water pumped from a source through a pipe to a sink."""
    s = ek.System()
    s.add(ek.FlowSource("src", "water", mass_flow=5.0, bar=2.0, celsius=20.0))
    s.add(ek.Pump("pump", head=[20.0, 0.0, -1.0e5], efficiency=[0.0, 140.0, -7.0e3], speed=pump_speed))
    s.add(ek.Pipe("pipe", "water", length=50.0, diameter=0.05))
    s.add(ek.FlowSink("sink", "water"))
    s.connect("src.outlet", "pump.inlet")
    s.connect("pump.outlet", "pipe.inlet")
    s.connect("pipe.outlet", "sink.inlet")
    return s


def test_pump_and_pipe():
    sol = water_loop().solve()
    p_in, p_pump, p_out = (sol.port(x)["p"] for x in ("pump.inlet", "pump.outlet", "pipe.outlet"))
    q = 5.0 / 998.2
    head = 20.0 - 1.0e5 * q * q
    assert p_pump - p_in == pytest.approx(998.2 * 9.80665 * head, rel=1e-9)
    assert p_out < p_pump
    assert sol.port("pump.outlet")["t"] > sol.port("pump.inlet")["t"]


def test_efficiency_compressor_cycle():
    s = ek.System()
    s.add(ek.EfficiencyCompressor("comp", "R32", displacement=1e-4, speed=50.0, volumetric_efficiency=0.9, isentropic_efficiency=0.7))
    s.add(ek.SingleZoneCondenser("cond", "R32", ua=10e3))  # the reference model
    s.add(ek.ExpansionValve("valve", "R32"))
    s.add(ek.SingleZoneEvaporator("evap", "R32", ua=8e3))
    s.add_water_stream("cond", celsius=30, mass_flow=2.5)
    s.add_water_stream("evap", celsius=12, mass_flow=2.0)
    s.connect_loop(["comp", "cond", "valve", "evap"])
    s.superheat("evap.refrigerant_out", 5.0)
    s.subcooling("cond.refrigerant_out", 3.0)
    sol = s.solve()
    # Independent CoolProp calculation of the same models: tests/data/fluid_cycles_reference.csv
    assert sol.cop == pytest.approx(5.544812417266935, rel=1e-7)


def test_zoned_exchangers_in_the_chiller():
    s = ek.System()
    s.add(ek.Compressor("comp", "R134a", map="bitzer_hsk_r134a"))
    s.add(ek.ZonedCondenser("cond", "R134a", ua=50e3))
    s.add(ek.ExpansionValve("valve", "R134a"))
    s.add(ek.ZonedEvaporator("evap", "R134a", ua=60e3))
    s.add_water_stream("cond", celsius=30, mass_flow=17.7)
    s.add_water_stream("evap", celsius=12, mass_flow=14.3)
    s.connect_loop(["comp", "cond", "valve", "evap"])
    s.superheat("evap.refrigerant_out", 5.0)
    s.subcooling("cond.refrigerant_out", 3.0)
    sol = s.solve()
    out = sol.outputs()
    # signed heat flows (into the refrigerant): sum(Q) + sum(P) = 0 around the loop
    assert out["evap"]["heat_flow"] + out["comp"]["power"] == pytest.approx(-out["cond"]["heat_flow"], rel=1e-9)
    assert 3.5 < sol.cop < 6.0


def test_constructors_validate():
    with pytest.raises(ek.ValidationError, match="kv= or flow_coefficient="):
        ek.OrificeValve("v", "R134a")
    with pytest.raises(ek.ValidationError):
        ek.OrificeValve("v", "R134a", kv=1.0, opening=2.0)
    with pytest.raises(ek.ValidationError, match="viscosity"):
        ek.Pipe("p", "R134a", length=1.0, diameter=0.01)
    with pytest.raises(ek.ValidationError, match="secondary medium"):
        ek.Pump("p", head=[1, 0, 0], efficiency=[0.5, 0, 0], medium="oil")
    with pytest.raises(ek.ValidationError):
        ek.FlowSplitter("s", "water", outlets=1)
    with pytest.raises(ek.ValidationError, match="bar= or pa="):
        ek.FlowSource("s", "water", mass_flow=1.0, celsius=10.0)
    with pytest.raises(ek.FluidError):
        ek.HeatExchanger("x", hot="R9999", cold="water", ua=1.0)


def test_reprs():
    for obj, text in [
        (ek.HeatExchanger.internal("ihx", "R134a", ua=500.0), "HeatExchanger('ihx')"),
        (ek.FlowMerger("m", "R134a", inlets=3), "FlowMerger('m')"),
        (ek.Fan("f", pressure=[400, 0, -25], efficiency=[0, 0.6, -0.15]), "Fan('f')"),
    ]:
        assert repr(obj) == text


def test_operational_state(chiller):
    with pytest.raises(ek.ValidationError, match="unknown operational state"):
        chiller.set_operational_state("comp", "standby")
    with pytest.raises(ek.TopologyError, match="unknown component"):
        chiller.set_operational_state("nope", "off")
    chiller.set_operational_state("cond", "off")
    chiller.set_operational_state("cond", "on")
    assert chiller.solve().converged


def test_pressure_specification_and_supercritical_gas_cooler():
    s = ek.System()
    s.add(ek.EfficiencyCompressor("comp", "CO2", displacement=2e-5, speed=50.0, volumetric_efficiency=0.9, isentropic_efficiency=0.7))
    s.add(ek.HeatExchanger("gc", hot="R744", cold="water", ua=3e3))
    s.add(ek.ExpansionValve("valve", "R744"))
    s.add(ek.Evaporator("evap", "R744", ua=4e3))
    s.add(ek.FlowSource("gc_water", "water", mass_flow=0.5, bar=2.0, celsius=25.0))
    s.add(ek.FlowSink("gc_drain", "water"))
    s.connect("gc_water.outlet", "gc.cold_in")
    s.connect("gc.cold_out", "gc_drain.inlet")
    s.add_water_stream("evap", celsius=12.0, mass_flow=1.0)
    s.connect("comp.outlet", "gc.hot_in")
    s.connect("gc.hot_out", "valve.inlet")
    s.connect("valve.outlet", "evap.refrigerant_in")
    s.connect("evap.refrigerant_out", "comp.inlet")
    s.pressure("gc.hot_in", bar=95.0)
    s.superheat("evap.refrigerant_out", 5.0)
    sol = s.solve()
    assert sol.port("gc.hot_in")["p"] == pytest.approx(95e5, rel=1e-12)
    out = sol.outputs()
    assert out["evap"]["heat_flow"] + out["comp"]["power"] == pytest.approx(
        sol.port("gc.cold_in")["m"] * 4184.0 * (sol.port("gc.cold_out")["t"] - sol.port("gc.cold_in")["t"]), rel=1e-9
    )
    with pytest.raises(ek.ValidationError, match="bar= or pa="):
        s.pressure("gc.hot_in")
