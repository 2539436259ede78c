import pytest

import entropyk as ek


def build_chiller(evap_water_c=12.0, cond_water_c=30.0):
    """The reference R134a water chiller (same as the Rust example)."""
    cycle = ek.System()
    cycle.add(ek.Compressor("comp", "R134a", map="bitzer_hsk_r134a"))
    cycle.add(ek.Condenser("cond", "R134a", ua=50e3))
    cycle.add(ek.ExpansionValve("valve", "R134a"))
    cycle.add(ek.Evaporator("evap", "R134a", ua=60e3))
    cycle.add_water_stream("cond", celsius=cond_water_c, bar=2.0, mass_flow=17.7)
    cycle.add_water_stream("evap", celsius=evap_water_c, bar=2.0, mass_flow=14.3)
    cycle.connect_loop(["comp", "cond", "valve", "evap"])
    cycle.superheat("evap.refrigerant_out", 5.0)
    cycle.subcooling("cond.refrigerant_out", 3.0)
    return cycle


@pytest.fixture
def chiller():
    return build_chiller()


def declared_sample_arguments(declaration):
    """Valid constructor arguments of a declared component (from `_core._declarations()`):
    R134a for refrigerants; the default, else 1 clamped into the range, for numbers.
    Returns (positional args after the name, keyword args)."""
    args, kwargs = [], {}
    for a in declaration["args"]:
        if a["kind"] == "refrigerant":
            value = "R134a"
        else:
            lo, hi = a["range"]
            value = a["default"] if a["default"] is not None else min(max(1.0, lo), hi)
        if a["positional"]:
            args.append(value)
        else:
            kwargs[a["name"]] = value
    return args, kwargs
