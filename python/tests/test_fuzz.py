"""Fuzzed bad inputs: every failure is an entropyk exception (never a
PanicException, which derives from BaseException), and no successful call
returns a NaN."""
import itertools
import math
import random

import pytest

import entropyk as ek
from conftest import build_chiller

NASTY = [math.nan, math.inf, -math.inf, -1.0, 0.0, 1e-300, 1e300, -1e300, 1.0, 300.0, 1e5, 4e5, 1e9]
FLUIDS = [
    "R134a", "R32", "R290", "R744", "R1234yf", "R1234ze(E)", "R717", "Water", "R410A", "R404A", "R407C", "R507A",
    "R600a", "R125", "R454B", "R513A",
]


def call(fn, *args, **kwargs):
    """Calls fn; returns its result or None if it raised an EntropykError."""
    try:
        return fn(*args, **kwargs)
    except ek.EntropykError:
        return None
    except BaseException as e:  # noqa: BLE001 - the point of the test
        pytest.fail(f"{fn.__name__}{args}{kwargs} raised {type(e).__mro__} {e}")


def no_nan(value):
    if isinstance(value, dict):
        for k, v in value.items():
            if isinstance(v, float):
                assert not math.isnan(v), k


@pytest.mark.parametrize("fluid", FLUIDS)
def test_flashes_never_panic_nor_return_nan(fluid):
    f = ek.Fluid(fluid)
    for a, b in itertools.product(NASTY, repeat=2):
        for method in (f.state_ph, f.state_pt):
            no_nan(call(method, a, b))
        no_nan(call(f.saturation_t, a))
        no_nan(call(f.saturation_p, b))


def test_random_flashes_in_and_around_the_range():
    rng = random.Random(1234)
    for _ in range(3000):
        f = ek.Fluid(rng.choice(FLUIDS))
        p = 10 ** rng.uniform(2, 8.5)
        h = rng.uniform(-5e5, 3e6)
        t = rng.uniform(50, 2000)
        no_nan(call(f.state_ph, p, h))
        no_nan(call(f.state_pt, p, t))


def test_constructors_never_panic():
    for x in NASTY:
        call(ek.Condenser, "c", "R134a", ua=x)
        call(ek.Evaporator, "e", "R32", ua=x)
        call(ek.EfficiencyCompressor, "k", "R744", displacement=x, speed=50, volumetric_efficiency=0.9, isentropic_efficiency=0.7)
        call(ek.EfficiencyCompressor, "k", "R744", displacement=1e-4, speed=x, volumetric_efficiency=x, isentropic_efficiency=x)
        call(ek.OrificeValve, "v", "R134a", kv=x, opening=0.5)
        call(ek.OrificeValve, "v", "R134a", kv=1.0, opening=x)
        call(ek.HeatExchanger, "x", hot="R134a", cold="water", ua=x)
        call(ek.Pipe, "p", "water", length=x, diameter=x)
        call(ek.Pump, "p", head=[x, 0.0, -1.0], efficiency=[x, 0.0, 0.0])
        call(ek.Fan, "f", pressure=[x, 0, 0], efficiency=[0.5, 0, 0], speed=x)
        call(ek.FlowSource, "s", "water", mass_flow=x, bar=x, celsius=x)
        call(ek.FlowSource, "s", "R134a", mass_flow=1.0, bar=x, h=x)
        call(ek.Compressor, "c", "R134a", mass_flow_coefficients=[x] * 10, power_coefficients=[x] * 10, rated_superheat=x)
    for n in (0, 1, 2, 7, 8, 100):
        call(ek.FlowSplitter, "s", "water", outlets=n)
        call(ek.FlowMerger, "m", "R134a", inlets=n)


def test_system_inputs_never_panic():
    rng = random.Random(99)
    for x in NASTY:
        s = build_chiller()
        call(s.set_parameter, "comp.speed", x)
        call(s.set_parameter, "evap_secondary_source.temperature", x)
        call(s.superheat, "comp.inlet", x)
        call(s.heat_flow, "evap", x)
        call(s.pressure, "comp.inlet", pa=x)
        call(s.add_control, "comp.speed", component="evap", heat_flow=x, min=0.3, max=1.2)
        call(s.add_water_stream, "evap", celsius=x, mass_flow=x)
        call(s.solve, max_iterations=5)
    # Random (but valid-range) parameters: the solve converges or raises an EntropykError.
    for _ in range(30):
        s = build_chiller()
        call(s.set_parameter, "evap_secondary_source.temperature", rng.uniform(275, 300))
        call(s.set_parameter, "cond_secondary_source.temperature", rng.uniform(280, 320))
        call(s.set_parameter, "comp.speed", rng.uniform(0.05, 3.0))
        sol = call(s.solve)
        if sol is not None:
            assert all(math.isfinite(v) for v in sol.state_vector)


def test_broken_topologies_never_panic():
    names = ["a", "b", "c"]
    rng = random.Random(7)
    for _ in range(50):
        s = ek.System()
        for n in names:
            kind = rng.choice([ek.ExpansionValve, ek.Condenser, ek.Evaporator])
            if kind is ek.ExpansionValve:
                call(s.add, kind(n, "R134a"))
            else:
                call(s.add, kind(n, "R134a", ua=1e3))
        ports = ["inlet", "outlet", "refrigerant_in", "refrigerant_out", "secondary_in", "secondary_out", "nope"]
        for _ in range(4):
            call(s.connect, f"{rng.choice(names)}.{rng.choice(ports)}", f"{rng.choice(names)}.{rng.choice(ports)}")
        call(s.finalize)
        call(s.solve)
