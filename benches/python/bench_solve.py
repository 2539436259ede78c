"""Python benchmark: one solve of the reference R134a chiller, and a sweep of
1000 chilled-water inlet temperatures (8..18 degC) re-using one System.

Run: python benches/python/bench_solve.py [--repeat N] [--single-zone]
Prints medians over the repeats (the sweep is timed as a whole each repeat).
"""
import argparse
import statistics
import time

import numpy as np

import entropyk as ek


def build(single_zone=False):
    """The chiller with the default zoned exchangers, or the single-zone ones."""
    cycle = ek.System()
    cycle.add(ek.Compressor("comp", "R134a", map="bitzer_hsk_r134a"))
    cycle.add((ek.SingleZoneCondenser if single_zone else ek.Condenser)("cond", "R134a", ua=50e3))
    cycle.add(ek.ExpansionValve("valve", "R134a"))
    cycle.add((ek.SingleZoneEvaporator if single_zone else ek.Evaporator)("evap", "R134a", ua=60e3))
    cycle.add_water_stream("cond", celsius=30, mass_flow=17.7)
    cycle.add_water_stream("evap", celsius=12, mass_flow=14.3)
    cycle.connect_loop(["comp", "cond", "valve", "evap"])
    cycle.superheat("evap.refrigerant_out", 5.0)
    cycle.subcooling("cond.refrigerant_out", 3.0)
    return cycle


def sweep(cycle, temperatures_k, warm=True):
    """COP over the temperatures; each solve starts from the previous point's
    solution when `warm` (a warm start), else from the automatic guess."""
    cop = np.empty(len(temperatures_k))
    previous = None
    for i, t in enumerate(temperatures_k):
        cycle.set_parameter("evap_secondary_source.temperature", t)
        sol = cycle.solve(warm_start=previous) if warm else cycle.solve()
        cop[i] = sol.cop
        previous = sol
    return cop


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--single-zone", action="store_true", help="single-zone exchangers instead of the zoned defaults")
    args = parser.parse_args()
    cycle = build(args.single_zone)
    cycle.solve()  # warm-up
    single = []
    for _ in range(max(args.repeat * 20, 50)):
        t0 = time.perf_counter()
        cycle.solve()
        single.append(time.perf_counter() - t0)
    temps = np.linspace(281.15, 291.15, 1000)
    sweeps, cold_sweeps = [], []
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        cop = sweep(cycle, temps)
        sweeps.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        cold = sweep(cycle, temps, warm=False)
        cold_sweeps.append(time.perf_counter() - t0)
    assert np.allclose(cop, cold, rtol=1e-9)
    parallel = []
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        out = cycle.sweep("evap_secondary_source.temperature", temps)
        parallel.append(time.perf_counter() - t0)
    assert out["converged"].all() and np.allclose(out["cop"], cop, rtol=1e-9)
    assert np.all(np.diff(cop) > 0), "COP must rise with the chilled-water temperature"
    print(f"one solve (median of {len(single)}): {statistics.median(single) * 1e6:.1f} us")
    print(f"1000-point sweep, warm starts (median of {len(sweeps)}): {statistics.median(sweeps):.3f} s")
    print(f"1000-point sweep, automatic guesses (median of {len(cold_sweeps)}): {statistics.median(cold_sweeps):.3f} s")
    print(f"1000-point sweep, System.sweep (parallel, warm starts; median of {len(parallel)}): {statistics.median(parallel):.3f} s")
    print(f"COP range over the sweep: {cop[0]:.4f} .. {cop[-1]:.4f}")


if __name__ == "__main__":
    main()
