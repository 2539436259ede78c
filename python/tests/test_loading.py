"""Loading is linear and bounded (issue 12, item 5).

`System.from_json` and building a system with `add` / `connect` take time
proportional to the size (they used to scan every component for each reference:
a 6.6 MB document took 11 s); documents past the size limit are refused with
ValidationError; messages quote a bounded part of the input; a Solution naming
thousands of distinct outputs is refused instead of interning (leaking) each name.
Timings are compared as ratios between sizes, never as absolute times.
"""
import json
import subprocess
import sys
import textwrap
import time

import pytest

import entropyk as ek

MAX_JSON_BYTES = 64 * 1024 * 1024


def network(n):
    """`n` independent water lines source -> pipe -> sink (3 n components)."""
    s = ek.System()
    for i in range(n):
        s.add(ek.FlowSource(f"src{i}", "water", mass_flow=1.0, bar=2.0, celsius=20.0))
        s.add(ek.Pipe(f"pipe{i}", "water", length=10.0, diameter=0.05))
        s.add(ek.FlowSink(f"sink{i}", "water"))
        s.connect(f"src{i}.outlet", f"pipe{i}.inlet")
        s.connect(f"pipe{i}.outlet", f"sink{i}.inlet")
    s.set_parameter(f"src{n - 1}.temperature", 295.0)
    return s


def best_time(fn, repeat=3):
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def test_from_json_and_building_grow_linearly():
    base = 600
    docs = {k: network(base * k) for k in (1, 4, 16)}
    for s in docs.values():
        s.finalize()
    texts = {k: s.to_json() for k, s in docs.items()}
    assert len(texts[16]) > 14 * len(texts[1])
    load = {k: best_time(lambda t=t: ek.System.from_json(t)) for k, t in texts.items()}
    build = {k: best_time(lambda k=k: network(base * k), repeat=2) for k in (1, 16)}
    # linear: 16x the size takes about 16x the time; quadratic would take 256x
    assert load[16] / load[1] < 48, load
    assert load[4] / load[1] < 12, load
    assert build[16] / build[1] < 48, build
    # the loaded system is the written one
    assert ek.System.from_json(texts[4]).to_json() == texts[4]


def test_documents_over_the_limit_are_refused_quickly():
    text = network(10).to_json()
    padded = text[:-1] + " " * (MAX_JSON_BYTES + 1 - len(text)) + "}"
    t0 = time.perf_counter()
    with pytest.raises(ek.ValidationError, match="limit is 67108864 bytes") as info:
        ek.System.from_json(padded)
    assert time.perf_counter() - t0 < 1.0
    assert len(str(info.value)) < 300
    with pytest.raises(ek.ValidationError, match="limit"):
        ek.Solution.from_json(padded)
    # just under the limit is read
    assert ek.System.from_json(text[:-1] + " " * (MAX_JSON_BYTES - len(text)) + "}").n_unknowns == 60


def test_deep_nesting_is_a_validation_error():
    for deep in ("[" * 100_000 + "]" * 100_000, '{"a": ' * 100_000 + "1" + "}" * 100_000):
        with pytest.raises(ek.ValidationError):
            ek.System.from_json(deep)
        with pytest.raises(ek.ValidationError):
            ek.Solution.from_json(deep)


def test_messages_quote_a_bounded_part_of_the_input():
    huge = "x" * 10_000_000
    system = network(1)
    data = json.loads(system.to_json())
    cases = []
    bad_type = dict(data, components=[dict(data["components"][0], type=huge)])
    cases.append(lambda: ek.System.from_json(json.dumps(bad_type)))
    cases.append(lambda: ek.System.from_json(json.dumps(dict(data, format=huge))))
    cases.append(lambda: system.connect(f"{huge}.outlet", "pipe0.inlet"))
    cases.append(lambda: system.set_parameter(f"src0.{huge}", 1.0))
    cases.append(lambda: ek.Fluid(huge))
    cases.append(lambda: ek.Pipe._from_json(huge))
    for case in cases:
        with pytest.raises(ek.EntropykError) as info:
            case()
        assert len(str(info.value)) <= 4200, len(str(info.value))


def test_many_distinct_output_names_are_refused_not_leaked():
    """Output names of a Solution are kept for the process's life (as Rust
    `&'static str`): at most 4096 distinct ones are read, each at most 256 bytes.
    Run in a child process, since the table is per process."""
    code = textwrap.dedent(
        """
        import json, time, entropyk as ek
        from conftest import build_chiller
        data = json.loads(build_chiller().solve().to_json())
        data["outputs"] = [{"component": "comp", "kind": "Compressor",
                            "values": [[f"output_{i}", 1.0] for i in range(40_000)]}]
        t0 = time.perf_counter()
        try:
            ek.Solution.from_json(json.dumps(data))
            print("loaded")
        except ek.ValidationError as e:
            print("refused", time.perf_counter() - t0, len(str(e)))
        data["outputs"] = [{"component": "comp", "kind": "Compressor", "values": [["y" * 257, 1.0]]}]
        try:
            ek.Solution.from_json(json.dumps(data))
            print("loaded")
        except ek.ValidationError as e:
            print("refused", 0.0, len(str(e)))
        """
    )
    import os

    here = os.path.dirname(os.path.abspath(__file__))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=here, timeout=120)
    assert out.returncode == 0, out.stderr
    lines = out.stdout.split()
    assert lines[0] == "refused" and float(lines[1]) < 1.0, out.stdout
    assert lines[3] == "refused", out.stdout
