"""Systems and solutions serialise (JSON, pickle), so they travel to other processes
(issue 6d), and a distributed Dask sweep gives the in-process sweep's results."""
import copy
import importlib.util
import json
import pathlib
import pickle

import numpy as np
import pytest

import entropyk as ek
from conftest import build_chiller

EXAMPLE = pathlib.Path(__file__).resolve().parents[2] / "examples" / "dask_sweep.py"


def assert_same_solution(a, b, rel=1e-12):
    np.testing.assert_allclose(a.state_vector, b.state_vector, rtol=rel, atol=0.0)
    assert a.connections == b.connections
    assert a.cop == pytest.approx(b.cop, rel=rel)


@pytest.mark.parametrize("protocol", range(2, pickle.HIGHEST_PROTOCOL + 1))
def test_system_pickle_round_trip_solves_identically(chiller, protocol):
    chiller.set_parameter("comp.speed", 0.9)
    copy_ = pickle.loads(pickle.dumps(chiller, protocol=protocol))
    assert isinstance(copy_, ek.System)
    assert copy_.to_json() == chiller.to_json()
    assert copy_.parameter("comp.speed") == 0.9
    assert copy_.n_unknowns == chiller.n_unknowns
    assert_same_solution(copy_.solve(), chiller.solve())


def test_system_json_round_trip_keeps_controls_and_modes(chiller):
    chiller.add_control("comp.speed", component="evap", heat_flow=250e3, min=0.3, max=1.2)
    text = chiller.to_json()
    data = json.loads(text)
    assert data["format"] == "entropyk.System" and data["version"] == 2
    assert [c["type"] for c in data["components"][:4]] == ["Compressor", "Condenser", "ExpansionValve", "Evaporator"]
    assert data["components"][0]["fluid"] == "R134a"
    loaded = ek.System.from_json(text)
    assert loaded.to_json() == text
    sol = loaded.solve()
    assert sol.output("evap", "heat_flow") == pytest.approx(250e3, rel=1e-9)
    assert_same_solution(sol, chiller.solve())


def test_copies_are_independent(chiller):
    for duplicate in (copy.copy(chiller), copy.deepcopy(chiller), pickle.loads(pickle.dumps(chiller))):
        duplicate.set_parameter("comp.speed", 0.7)
        assert chiller.parameter("comp.speed") == 1.0
        assert duplicate.parameter("comp.speed") == 0.7


def test_solution_pickle_and_json_round_trip_exactly(chiller):
    sol = chiller.solve()
    for back in (pickle.loads(pickle.dumps(sol)), ek.Solution.from_json(sol.to_json())):
        assert isinstance(back, ek.Solution)
        assert back.to_json() == sol.to_json()
        assert np.array_equal(back.state_vector, sol.state_vector)
        assert back.outputs() == sol.outputs()
        assert back.media == sol.media
        assert back.cop == sol.cop and back.residual == sol.residual
        assert back.iterations == sol.iterations and back.converged
        assert np.array_equal(back.history, sol.history)
        assert back.port("evap.secondary_out") == sol.port("evap.secondary_out")
    # A reloaded solution warm-starts the system it came from.
    again = chiller.solve(warm_start=pickle.loads(pickle.dumps(sol)))
    assert again.iterations <= 1


def every_component():
    return [
        ek.Compressor("comp", "R134a", map="bitzer_hsk_r134a", heat_loss_fraction=0.05),
        ek.Condenser("cond", "R134a", ua=50e3),
        ek.Evaporator("evap", ek.Fluid("R32"), ua=60e3),
        ek.ExpansionValve("valve", "R134a"),
        ek.EfficiencyCompressor(
            "ecomp", "R290", displacement=1e-4, speed=50.0, volumetric_efficiency=0.9, isentropic_efficiency=0.7
        ),
        ek.OrificeValve("orifice", "R134a", opening=0.4, kv=0.3),
        ek.HeatExchanger("hx", hot="water", cold="R134a", ua=5e3),
        ek.HeatExchanger.internal("ihx", "R134a", ua=2e3),
        ek.SingleZoneCondenser("zcond", "R134a", ua=50e3),
        ek.SingleZoneEvaporator("zevap", "R134a", ua=60e3),
        ek.FlowSplitter("split", "R134a", outlets=3),
        ek.FlowMerger("mix", "water", inlets=2),
        ek.Pump("pump", head=[20.0, 0.0, -1.0e5], efficiency=[0.0, 140.0, -7.0e3], speed=0.9),
        ek.Fan("fan", pressure=[400.0, 0.0, -25.0], efficiency=[0.0, 0.6, -0.15]),
        ek.Pipe("pipe", "water", length=50.0, diameter=0.05),
        ek.FlowSource("src", "water", mass_flow=0.5, bar=2.0, celsius=12.0),
        ek.FlowSource("feed", "R134a", mass_flow=0.1, bar=3.0, h=4.0e5),
        ek.FlowSink("sink", "water"),
    ]


@pytest.mark.parametrize("component", every_component(), ids=repr)
def test_component_pickle_round_trip(component):
    back = pickle.loads(pickle.dumps(component))
    assert type(back) is type(component) and repr(back) == repr(component)
    # Same definition: a system holding either writes the same JSON.
    a, b = ek.System(), ek.System()
    a.add(component)
    b.add(back)
    assert a.to_json() == b.to_json()


def test_bad_component_definition_raises(chiller):
    with pytest.raises(ek.ValidationError):
        ek.Compressor._from_json("{}")
    valve = json.loads(chiller.to_json())["components"][2]
    with pytest.raises(ek.ValidationError, match="another component type"):
        ek.Pump._from_json(json.dumps(valve))
    valve["fluid"] = "R999"
    with pytest.raises(ek.FluidError):
        ek.ExpansionValve._from_json(json.dumps(valve))


def test_bad_documents_raise_entropyk_errors(chiller):
    text = chiller.to_json()
    with pytest.raises(ek.ValidationError):
        ek.System.from_json("not json")
    with pytest.raises(ek.ValidationError):
        ek.System.from_json(text[: len(text) // 2])
    with pytest.raises(ek.ValidationError, match="WarpDrive"):
        ek.System.from_json(text.replace('"Compressor"', '"WarpDrive"', 1))
    with pytest.raises(ek.FluidError, match="R999"):
        ek.System.from_json(text.replace('"R134a"', '"R999"', 1))
    with pytest.raises(ek.TopologyError):
        ek.System.from_json(text.replace("comp.outlet", "comp.exhaust", 1))
    with pytest.raises(ek.ValidationError):
        ek.Solution.from_json(text)
    with pytest.raises(ek.EntropykError):
        ek.Solution.from_json("{}")


def load_example():
    """Loads examples/dask_sweep.py without registering it in sys.modules, so that
    Dask (cloudpickle) ships its functions to the workers by value."""
    spec = importlib.util.spec_from_file_location("dask_sweep_example", EXAMPLE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_dask_sweep_matches_in_process_sweep():
    pytest.importorskip("dask.distributed")
    example = load_example()
    temperatures = [281.15, 285.15, 289.15]
    distributed, local = example.run(temperatures, n_workers=2)
    assert None not in distributed and None not in local
    assert distributed == pytest.approx(local, rel=1e-9)
    # COP rises with the chilled-water temperature.
    assert distributed == sorted(distributed)
