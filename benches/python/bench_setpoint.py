"""Python benchmark of issue 13's case: an R134a cycle stated as TESPy users state it
(isentropic-efficiency compressor eta_s 0.75, one-stream condenser and evaporator,
evaporator duty 10 kW, 5 K superheat, 3 K subcooling, 40 degC condensing dew
temperature), driven through its evaporating dew temperature set point:

* warm re-solve after a 0.1 K change of the set point (System.set then
  solve(warm_start=...)), each call at a new value;
* System.sweep over -20..+5 degC in 1000 points;
* the same 1000 points solved one after the other, warm, from Python (the serial loop
  System.sweep is compared with).

Run: python benches/python/bench_setpoint.py [--repeat N]
Prints medians over the repeats.
"""
import argparse
import statistics
import time

import numpy as np

import entropyk as ek


def tespy_cycle(t_evap_c=-5.0):
    s = ek.System()
    s.add(ek.IsentropicCompressor("comp", "R134a", eta_s=0.75))
    s.add(ek.SimpleHeatExchanger("cond", "R134a"))
    s.add(ek.ExpansionValve("valve", "R134a"))
    s.add(ek.SimpleHeatExchanger("evap", "R134a"))
    s.connect_loop(["comp", "cond", "valve", "evap"])
    s.dew_temperature("evap.outlet", celsius=t_evap_c)
    s.superheat("evap.outlet", 5.0)
    s.dew_temperature("cond.outlet", celsius=40.0)
    s.subcooling("cond.outlet", 3.0)
    s.heat_flow("evap", 10e3)
    return s


def warm_resolves(system, n=2000):
    """Median seconds of one `set` + warm `solve` after a 0.1 K step (alternating up and
    down so every call moves the set point)."""
    ref = "t_dew:evap.outlet"
    last = system.solve()
    t0 = system.value(ref)
    times = []
    for k in range(n):
        value = t0 + (0.1 if k % 2 == 0 else 0.0) + 1e-4 * (k % 7)
        start = time.perf_counter()
        system.set(ref, value)
        last = system.solve(warm_start=last)
        times.append(time.perf_counter() - start)
    return statistics.median(times), last.iterations


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    system = tespy_cycle()
    values = np.linspace(-20.0, 5.0, 1000) + 273.15
    resolve, sweep, serial = [], [], []
    for r in range(args.repeat):
        t, iterations = warm_resolves(system)
        resolve.append(t)
        shifted = values + 1e-6 * r  # new values each repeat
        start = time.perf_counter()
        result = system.sweep("t_dew:evap.outlet", shifted)
        sweep.append(time.perf_counter() - start)
        assert not result["errors"], result["errors"][:3]
        twin = tespy_cycle()
        start = time.perf_counter()
        last = twin.solve()
        for v in shifted:
            twin.set("t_dew:evap.outlet", float(v))
            last = twin.solve(warm_start=last)
        serial.append(time.perf_counter() - start)
    print(f"warm re-solve after a 0.1 K set-point change: {1e6 * statistics.median(resolve):.1f} us median "
          f"(last one: {iterations} iterations)")
    print(f"System.sweep, 1000 points: {1e3 * statistics.median(sweep):.1f} ms median")
    print(f"serial warm loop from Python, 1000 points: {1e3 * statistics.median(serial):.1f} ms median "
          f"(sweep speed-up {statistics.median(serial) / statistics.median(sweep):.2f}x)")


if __name__ == "__main__":
    main()
