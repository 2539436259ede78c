"""Components declared once (issue 13): each model declared in Rust is a Python class
whose signature, docstring sections and stub come from its declaration. The tests
below run for every declaration; the Economizer's physics follows."""
import inspect
import math
import pickle
import subprocess
import sys
import pathlib

import pytest

import entropyk as ek
from entropyk import _core
from conftest import declared_sample_arguments

ROOT = pathlib.Path(__file__).resolve().parents[2]
DECLARATIONS = _core._declarations()
KINDS = [d["kind"] for d in DECLARATIONS]


def test_every_declared_model_is_exported():
    assert KINDS and set(KINDS) <= set(ek.__all__)
    assert "Economizer" in KINDS


@pytest.mark.parametrize("declaration", DECLARATIONS, ids=KINDS)
def test_class_signature_and_docstring_come_from_the_declaration(declaration):
    cls = getattr(ek, declaration["kind"])
    params = list(inspect.signature(cls).parameters.values())
    assert [p.name for p in params] == ["name"] + [a["name"] for a in declaration["args"]]
    for p, a in zip(params[1:], declaration["args"]):
        assert (p.kind is inspect.Parameter.KEYWORD_ONLY) == (not a["positional"])
    doc = cls.__doc__
    for section in ["Arguments:", "Ports:", "Outputs", "Operational states:", "COP role:"]:
        assert section in doc
    for port, _ in declaration["ports"]:
        assert f"    {port}: " in doc
    for name, unit, _ in declaration["outputs"]:
        assert f"    {name} ({unit})" in doc
    for name, unit, _, _ in declaration["parameters"]:
        assert f"    {name} ({unit}" in doc


@pytest.mark.parametrize("declaration", DECLARATIONS, ids=KINDS)
def test_construct_add_pickle_and_bad_arguments(declaration):
    cls = getattr(ek, declaration["kind"])
    args, kwargs = declared_sample_arguments(declaration)
    c = cls("c1", *args, **kwargs)
    assert (c.name, c.kind, repr(c)) == ("c1", declaration["kind"], f"{declaration['kind']}('c1')")
    copy = pickle.loads(pickle.dumps(c))
    assert type(copy) is cls and copy.name == "c1"
    system = ek.System()
    system.add(c)
    assert system.describe()["components"] == [("c1", declaration["kind"])]
    for name, _, lo, hi in declaration["parameters"]:
        value = system.parameter(f"c1.{name}")
        assert lo <= value <= hi
    with pytest.raises(AttributeError):
        c.name = "other"
    # every bad argument is a ValidationError naming it
    with pytest.raises(ek.ValidationError, match="nonsense"):
        cls("c2", *args, nonsense=1.0, **kwargs)
    for a in declaration["args"]:
        if a["kind"] == "number" and not a["positional"]:
            lo, hi = a["range"]
            bad = dict(kwargs, **{a["name"]: -math.inf if lo > -math.inf else math.nan})
            with pytest.raises(ek.ValidationError) as info:
                cls("c3", *args, **bad)
            assert info.value.parameter == a["name"] and info.value.component == "c3"
            with pytest.raises(ek.ValidationError, match=a["name"]):
                cls("c4", *args, **dict(kwargs, **{a["name"]: "text"}))


def test_the_committed_stubs_are_current():
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "generate_declared_stubs.py"), "--check"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def economized_liquid_line(ua=2000.0, injection=0.3):
    """Liquid at 10 bar, 32 degC subcooled by `injection` kg/s of itself throttled to
    4 bar (the Rust test tests/declared_components.rs, from Python)."""
    r134a = ek.Fluid("R134a")
    h_liquid = r134a.state_pt(p=10e5, t=305.15)["h"]
    s = ek.System()
    s.add(ek.FlowSource("liquid", "R134a", pa=10e5, h=h_liquid, mass_flow=1.0))
    s.add(ek.FlowSource("tap", "R134a", pa=10e5, h=h_liquid, mass_flow=injection))
    s.add(ek.ExpansionValve("injection_valve", "R134a"))
    s.add(ek.Economizer("eco", "R134a", ua=ua))
    s.add(ek.FlowSink("to_valve", "R134a"))
    s.add(ek.FlowSink("to_compressor", "R134a"))
    for a, b in [
        ("liquid.outlet", "eco.liquid_in"),
        ("eco.liquid_out", "to_valve.inlet"),
        ("tap.outlet", "injection_valve.inlet"),
        ("injection_valve.outlet", "eco.injection_in"),
        ("eco.injection_out", "to_compressor.inlet"),
    ]:
        s.connect(a, b)
    s.pressure("injection_valve.outlet", pa=4e5)
    return s


def test_the_economizer_subcools_the_liquid_line():
    s = economized_liquid_line()
    sol = s.solve()
    q = sol.output("eco", "heat_flow")
    assert q < 0
    assert sol.port("eco.liquid_out")["t"] < sol.port("eco.liquid_in")["t"] - 1.0
    # ua is a parameter of the system (one owner), sweepable and settable
    s.set("eco.ua", 4000.0)
    more = s.solve()
    assert more.output("eco", "heat_flow") < q
    copy = ek.System.from_json(s.to_json())
    assert copy.parameter("eco.ua") == 4000.0
    s.set_operational_state("eco", "bypass")
    assert s.solve().output("eco", "heat_flow") == 0.0


def test_an_injection_too_small_is_a_physics_error_at_the_economizer():
    with pytest.raises(ek.PhysicsError) as info:
        economized_liquid_line(ua=3500.0, injection=0.12).solve()
    assert info.value.component == "eco"
