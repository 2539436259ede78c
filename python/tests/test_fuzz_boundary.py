"""The Python boundary never lets a foreign exception or a panic out.

Every constructor keyword of every exported class and every argument of every
method of ``System``, ``Solution``, ``Fluid`` and the solver configurations is
called with each value of ``BAD`` (and once with an unknown keyword): the call
either returns or raises an ``EntropykError`` subclass. A ``TypeError``,
``OverflowError``, ``UnicodeEncodeError`` or ``RuntimeError`` of its own, or a
``PanicException`` (a ``BaseException``), fails the test.

The cases run in a child process (this file run as a script), so that a hard
crash (abort, segfault) fails the test too instead of killing pytest; the child
prints one JSON summary line: the number of cases per outcome class and the
first offending cases.
"""
import inspect
import json
import math
import re
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))

BAD = [
    math.nan,
    math.inf,
    -math.inf,
    0.0,
    -0.0,
    5e-324,
    1e308,
    -1e308,
    "0.75",
    None,
    -1,
    2**64,
    "\ud800",
]
#: What a message for Python users must not contain: Rust paths (`System::set_guess`),
#: Rust range syntax (`0 ..= 1`), numbers written out in 25 digits or more (1e300
#: must read `1e+300`, not 301 digits).
RUST_IN_MESSAGE = re.compile(r"\b[A-Z]\w*::\w|\.\.=|\d{25,}")

#: Exported classes built by the library only (no public constructor).
NO_CONSTRUCTOR = {"Solution", "Violation"}
#: Exported names that are another exported class.
ALIASES = {"ZonedCondenser", "ZonedEvaporator"}


def _targets(ek, build_chiller):
    """(label, callable, positional args, keyword args, owner) of every entry
    point; `owner` builds a fresh receiver for methods of mutable objects."""
    sol_holder = {}

    def chiller():
        return build_chiller()

    def solution():
        if "sol" not in sol_holder:
            sol_holder["sol"] = build_chiller().solve()
        return sol_holder["sol"]

    def fluid():
        return ek.Fluid("R134a")

    json_system = build_chiller().to_json()
    sink = ek.FlowSink("extra", "water")
    comps = {
        "Compressor": [
            (("c", "R134a"), {"map": "bitzer_hsk_r134a", "heat_loss_fraction": 0.0}),
            (
                ("c", "R134a"),
                {"mass_flow_coefficients": [1.0] * 10, "power_coefficients": [1.0] * 10, "rated_superheat": 10.0},
            ),
        ],
        "Condenser": [(("c", "R134a"), {"ua": 5e4})],
        "Evaporator": [(("e", "R134a"), {"ua": 5e4})],
        "SingleZoneCondenser": [(("c", "R134a"), {"ua": 5e4})],
        "SingleZoneEvaporator": [(("e", "R134a"), {"ua": 5e4})],
        "ExpansionValve": [(("v", "R134a"), {})],
        "EfficiencyCompressor": [
            (
                ("k", "R134a"),
                {"displacement": 1e-4, "speed": 50.0, "volumetric_efficiency": 0.9, "isentropic_efficiency": 0.7},
            )
        ],
        "OrificeValve": [
            (("v", "R134a"), {"kv": 1.0, "opening": 0.5}),
            (("v", "R134a"), {"flow_coefficient": 1e-5}),
        ],
        "HeatExchanger": [(("x",), {"hot": "R134a", "cold": "water", "ua": 1e3})],
        "FlowSplitter": [(("s", "water"), {"outlets": 2})],
        "FlowMerger": [(("m", "water"), {"inlets": 2})],
        "Pump": [(("p",), {"head": [10.0, 0.0, -1.0], "efficiency": [0.7, 0.0, 0.0], "speed": 1.0, "medium": "water"})],
        "Fan": [(("f",), {"pressure": [100.0, 0.0, -1.0], "efficiency": [0.5, 0.0, 0.0], "speed": 1.0})],
        "Pipe": [
            (("p", "water"), {"length": 10.0, "diameter": 0.05, "roughness": 4.5e-5}),
            (("p", "R134a"), {"length": 10.0, "diameter": 0.05, "viscosity": 1e-4}),
        ],
        "FlowSource": [
            (("s", "water"), {"mass_flow": 1.0, "bar": 2.0, "celsius": 20.0}),
            (("s", "R134a"), {"mass_flow": 0.1, "pa": 3e5, "h": 4e5}),
            (("s", "water"), {"mass_flow": 1.0, "bar": 2.0, "kelvin": 293.0}),
        ],
        "FlowSink": [(("k", "water"), {})],
        "Fluid": [(("R134a",), {})],
        "NewtonConfig": [((), {"max_iterations": 50, "tolerance": 1e-9, "max_backtracks": 30, "jacobian_reuse": 0, "time_budget": 5.0})],
        "PicardConfig": [((), {"max_iterations": 50, "tolerance": 1e-9, "relaxation": 0.7, "refresh_every": 10, "time_budget": 5.0})],
        "FallbackConfig": [
            (
                (),
                {
                    "newton": ek.NewtonConfig(),
                    "picard": ek.PicardConfig(),
                    "divergence_patience": 3,
                    "picard_iterations": 20,
                    "max_switches": 4,
                    "time_budget": 5.0,
                },
            )
        ],
        "System": [((), {})],
    }
    # the components declared once: valid arguments from their declarations
    from conftest import declared_sample_arguments  # (the child put this directory on the path)

    for declaration in ek._core._declarations():
        args, kwargs = declared_sample_arguments(declaration)
        comps[declaration["kind"]] = [(("d", *args), kwargs)]
    exported = {
        n
        for n in ek.__all__
        if isinstance(getattr(ek, n), type)
        and not issubclass(getattr(ek, n), BaseException)
        and getattr(ek, n).__module__ == "entropyk"
    }
    missing = exported - set(comps) - NO_CONSTRUCTOR - ALIASES
    assert not missing, f"fuzz table lacks constructors of {sorted(missing)}"
    targets = []
    for name, bases in comps.items():
        cls = getattr(ek, name)
        for args, kwargs in bases:
            targets.append((f"{name}()", lambda cls=cls: cls, args, kwargs))
        if hasattr(cls, "_from_json"):
            targets.append((f"{name}._from_json", lambda cls=cls: cls._from_json, ("{}",), {}))
    targets.append(("HeatExchanger.internal", lambda: ek.HeatExchanger.internal, ("x", "R134a"), {"ua": 100.0}))
    for name in sorted(NO_CONSTRUCTOR):
        targets.append((f"{name}()", lambda name=name: getattr(ek, name), (), {}))
    from entropyk import units

    for name in units.__all__:
        cls = getattr(units, name)
        for keyword in cls._UNITS:
            targets.append((f"{name}({keyword}=)", lambda u=_unit_call(cls, keyword): u, (1.0,), {}))
    methods = {
        "System": (
            chiller,
            {
                "add": [((sink,), {})],
                "connect": [(("comp.outlet", "cond.refrigerant_in"), {})],
                "connect_loop": [((["comp", "cond", "valve", "evap"],), {})],
                "add_water_stream": [
                    (("cond",), {"mass_flow": 17.7, "celsius": 30.0, "bar": 2.0}),
                    (("cond",), {"mass_flow": 17.7, "kelvin": 303.0, "pa": 2e5}),
                ],
                "set_parameter": [(("comp.speed", 0.9), {})],
                "set_operational_state": [(("comp", "on"), {})],
                "parameter": [(("comp.speed",), {})],
                "set": [(("superheat:evap.refrigerant_out", 6.0), {}), (("comp.speed", 0.9), {})],
                "value": [(("superheat:evap.refrigerant_out",), {})],
                "remove": [(("subcooling:cond.refrigerant_out",), {})],
                "remove_control": [(("comp.speed",), {})],
                "set_guess": [(("comp.inlet",), {"bar": 3.0, "h": 4.0e5, "mass_flow": 2.0})],
                "describe": [((), {})],
                "superheat": [(("evap.refrigerant_out", 5.0), {})],
                "subcooling": [(("cond.refrigerant_out", 3.0), {})],
                "finalize": [((), {})],
                "temperature": [
                    (("evap.refrigerant_out",), {"celsius": 10.0}),
                    (("evap.refrigerant_out",), {"kelvin": 283.0}),
                ],
                "heat_flow": [(("evap", 5e5), {})],
                "dew_temperature": [(("evap.refrigerant_out",), {"celsius": 5.0}), (("evap.refrigerant_out",), {"kelvin": 278.0})],
                "bubble_temperature": [(("cond.refrigerant_out",), {"celsius": 40.0})],
                "quality": [(("evap.refrigerant_in", 0.3), {})],
                "mass_flow": [(("comp.inlet", 2.0), {})],
                "pressure": [(("comp.inlet",), {"bar": 3.0}), (("comp.inlet",), {"pa": 3e5})],
                "add_control": [
                    (("comp.speed",), {"min": 0.3, "max": 1.2, "component": "evap", "heat_flow": 4e5}),
                    (("valve.opening",), {"min": 0.1, "max": 1.0, "port": "evap.refrigerant_out", "superheat": 5.0}),
                    (("valve.opening",), {"min": 0.1, "max": 1.0, "port": "cond.refrigerant_out", "subcooling": 3.0}),
                    (("valve.opening",), {"min": 0.1, "max": 1.0, "port": "evap.refrigerant_out", "celsius": 15.0}),
                    (("valve.opening",), {"min": 0.1, "max": 1.0, "port": "evap.refrigerant_out", "kelvin": 288.0}),
                ],
                "solve": [
                    ((), {"method": "newton", "max_iterations": 50, "tolerance": 1e-9, "time_budget": 10.0}),
                    ((), {"config": ek.NewtonConfig(), "warm_start": solution}),
                ],
                "sweep": [(("comp.speed", [0.9]), {"config": ek.NewtonConfig()})],
                "sensitivity": [
                    ((solution, "comp.speed"), {"heat_flow": "evap"}),
                    ((solution, "comp.speed"), {"pressure": "comp.inlet"}),
                    ((solution, "comp.speed"), {"enthalpy": "comp.inlet"}),
                    ((solution, "comp.speed"), {"mass_flow": "comp.inlet"}),
                    ((solution, "comp.speed"), {"temperature": "comp.inlet"}),
                    ((solution, "comp.speed"), {"control": "comp.speed"}),
                ],
                "to_json": [((), {})],
                "from_json": [((json_system,), {})],
                "__reduce__": [((), {})],
                "__copy__": [((), {})],
                "__deepcopy__": [(({},), {})],
            },
        ),
        "Solution": (
            solution,
            {
                "parameter": [(("comp.speed",), {})],
                "to_dataframe": [((), {})],
                "port": [(("comp.inlet",), {})],
                "output": [(("comp", "power"), {})],
                "outputs": [((), {})],
                "to_json": [((), {})],
                "from_json": [((None,), {})],  # replaced below by the solution's JSON
                "__reduce__": [((), {})],
            },
        ),
        "Fluid": (
            fluid,
            {
                "state_ph": [((3e5, 4e5), {})],
                "state_pt": [((3e5, 300.0), {})],
                "saturation_t": [((280.0,), {})],
                "saturation_p": [((3e5,), {})],
            },
        ),
        "NewtonConfig": (lambda: ek.NewtonConfig(max_iterations=3), {"solve": [((chiller,), {})]}),
        "PicardConfig": (lambda: ek.PicardConfig(max_iterations=3), {"solve": [((chiller,), {})]}),
        "FallbackConfig": (lambda: ek.FallbackConfig(), {"solve": [((chiller,), {})]}),
    }
    methods["Solution"][1]["from_json"] = [((lambda: solution().to_json(),), {})]
    for cls_name, (owner, table) in methods.items():
        cls = getattr(ek, cls_name)
        public = {
            n
            for n, v in vars(cls).items()
            if callable(v) and not isinstance(v, property) and (not n.startswith("_") or n in table)
            and n not in ("__new__", "__init__", "__repr__", "__getattribute__")
        }
        missing = public - set(table)
        assert not missing, f"fuzz table lacks {cls_name} methods {sorted(missing)}"
        for meth, bases in table.items():
            for args, kwargs in bases:
                targets.append(
                    (f"{cls_name}.{meth}", lambda owner=owner, meth=meth: getattr(owner(), meth), args, kwargs)
                )
    return targets


def _unit_call(cls, keyword):
    """`cls(keyword=value)`, plus an `extra=` keyword passed on when given."""

    def unit(value, extra=None, **more):
        return cls(**{keyword: value}, **({} if extra is None else {"extra": extra}), **more)

    return unit


def _params(fn):
    try:
        return list(inspect.signature(fn).parameters)
    except (TypeError, ValueError):
        return []


def _resolve(v):
    """Base arguments given as zero-argument functions (fresh systems, solutions)
    are built for each call; classes are passed as they are."""
    return v() if callable(v) and not isinstance(v, type) and getattr(v, "__name__", "") in ("chiller", "solution", "<lambda>") else v


def _cases(targets):
    for label, get, args, kwargs in targets:
        names = _params(get())
        positional = names[: len(args)]
        for i, pname in enumerate(positional):
            base = args[i]
            values = list(BAD)
            if isinstance(base, list) and base:
                values += [[v] + base[1:] for v in BAD]
            for v in values:
                new_args = list(args)
                new_args[i] = v
                yield f"{label}[{pname}={v!r}]", get, new_args, dict(kwargs)
        keywords = [n for n in names[len(args):] if n not in ("self", "cls", "args", "kwargs")]
        for pname in keywords:
            base = kwargs.get(pname)
            values = list(BAD)
            if isinstance(base, list) and base:
                values += [[v] + base[1:] for v in BAD]
            for v in values:
                new_kwargs = dict(kwargs)
                new_kwargs[pname] = v
                yield f"{label}[{pname}={v!r}]", get, list(args), new_kwargs
        yield f"{label}[unknown keyword]", get, list(args), dict(kwargs, no_such_keyword=1.0)


def child():
    """Runs every case; prints {outcome class: count} and the first offenders."""
    sys.path.insert(0, HERE)
    import entropyk as ek
    from conftest import build_chiller

    counts = {}
    offenders = []
    for label, get, args, kwargs in _cases(_targets(ek, build_chiller)):
        args = [_resolve(a) for a in args]
        kwargs = {k: _resolve(v) for k, v in kwargs.items()}
        try:
            get()(*args, **kwargs)
            outcome = "ok"
        except ek.EntropykError as e:
            outcome = "entropyk"
            text = str(e)
            if len(text) > 2000:
                outcome = "entropyk-long-message"
                offenders.append(f"{label}: message of {len(text)} chars")
            elif RUST_IN_MESSAGE.search(text):
                outcome = "entropyk-rust-message"
                offenders.append(f"{label}: {text[:300]}")
        except BaseException as e:  # noqa: BLE001 - the point of the test
            kind = type(e).__name__
            outcome = "panic" if kind == "PanicException" else f"foreign {kind}"
            offenders.append(f"{label}: {kind}: {str(e)[:200]}")
        counts[outcome] = counts.get(outcome, 0) + 1
    print(json.dumps({"counts": counts, "offenders": offenders[:int(os.environ.get("FUZZ_OFFENDERS", "40"))], "n_offenders": len(offenders)}))


def run_child():
    proc = subprocess.run(
        [sys.executable, os.path.abspath(__file__), "--child"],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=HERE,
    )
    assert proc.returncode == 0, f"the fuzz child crashed (exit {proc.returncode}): {proc.stderr[-3000:]}"
    return json.loads(proc.stdout.strip().splitlines()[-1])


def test_every_bad_input_is_an_entropyk_error():
    report = run_child()
    counts = report["counts"]
    assert sum(counts.values()) > 2000, counts  # the table really ran
    assert counts.get("entropyk", 0) > 500, counts
    bad = {k: v for k, v in counts.items() if k not in ("ok", "entropyk")}
    assert not bad, f"{bad}\n" + "\n".join(report["offenders"])


if __name__ == "__main__" and "--child" in sys.argv:
    child()


def test_messages_name_the_call_and_the_argument():
    import pytest

    import entropyk as ek

    cases = {
        "FlowSplitter(): argument 'outlets': expected an integer in 0 .. 2**64 - 1": lambda: ek.FlowSplitter(
            "s", "water", outlets=-1
        ),
        "FlowMerger(): argument 'inlets'": lambda: ek.FlowMerger("m", "water", inlets=2.5),
        "Condenser(): argument 'name'": lambda: ek.Condenser(None, "R134a", ua=1.0),
        "Fluid(): argument 'name'": lambda: ek.Fluid("\ud800"),
        "Pump() got an unexpected keyword argument 'rpm'": lambda: ek.Pump(
            "p", head=[1.0, 0.0, 0.0], efficiency=[0.5, 0.0, 0.0], rpm=3000
        ),
        "System.connect() missing 1 required positional argument": lambda: ek.System().connect("a.outlet"),
    }
    for start, call in cases.items():
        with pytest.raises(ek.ValidationError) as info:
            call()
        assert str(info.value).startswith(start), str(info.value)
        assert isinstance(info.value, (TypeError, ValueError))


def test_the_boundary_keeps_signatures_pickling_and_warning_locations():
    """The wrappers of entropyk._boundary are invisible: native signatures, pickle by
    reference, and warnings attributed to the caller's line, not to the wrapper."""
    import pickle
    import warnings

    import entropyk as ek
    from conftest import build_chiller

    assert str(inspect.signature(ek.Condenser)) == "(name, fluid, *, ua)"
    assert list(inspect.signature(ek.System.connect).parameters) == ["self", "source", "target"]
    assert list(inspect.signature(ek.System.from_json).parameters) == ["json"]
    assert pickle.loads(pickle.dumps(ek.System.from_json)) == ek.System.from_json
    assert repr(pickle.loads(pickle.dumps(ek.Condenser("c", "R134a", ua=10.0)))) == "Condenser('c', ua=10)"
    system = build_chiller(evap_water_c=5.0, cond_water_c=20.0)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        system.solve()
    assert caught, "this point extrapolates the compressor map"
    assert all(w.filename == __file__ for w in caught), [w.filename for w in caught]
