"""A distributed parameter sweep with Dask: the chiller's COP over the chilled-water
inlet temperature, each operating point solved in a separate worker process.

Why this works: an ``entropyk.System`` pickles as its JSON definition (components,
parameters, connections, specifications) and an ``entropyk.Solution`` as its JSON
result, so both travel between processes like any Python object. Each task receives
a pickled copy of the system, sets its own operating point, solves it and sends the
solution back.

Run it with ``python examples/dask_sweep.py`` (needs ``pip install "dask[distributed]"``).
It compares the distributed results with the in-process, multithreaded
``System.sweep`` on the same points.
"""
from __future__ import annotations

from typing import Optional, Sequence

import entropyk as ek

#: Parameter swept: the chilled-water inlet temperature (K) of the evaporator's water source.
PARAMETER = "evap_secondary_source.temperature"


def build_chiller() -> ek.System:
    """The reference R134a water chiller (BITZER HSK map, UA 50 / 60 kW/K)."""
    cycle = ek.System()
    cycle.add(ek.Compressor("comp", "R134a", map="bitzer_hsk_r134a"))
    cycle.add(ek.Condenser("cond", "R134a", ua=50e3))
    cycle.add(ek.ExpansionValve("valve", "R134a"))
    cycle.add(ek.Evaporator("evap", "R134a", ua=60e3))
    cycle.add_water_stream("cond", celsius=30.0, bar=2.0, mass_flow=17.7)
    cycle.add_water_stream("evap", celsius=12.0, bar=2.0, mass_flow=14.3)
    cycle.connect_loop(["comp", "cond", "valve", "evap"])
    cycle.superheat("evap.refrigerant_out", 5.0)
    cycle.subcooling("cond.refrigerant_out", 3.0)
    return cycle


def solve_point(system: ek.System, kelvin: float) -> Optional[ek.Solution]:
    """Solves `system` (a worker's own unpickled copy) at chilled-water inlet
    temperature `kelvin`; returns the solution, or None when the point fails."""
    system.set_parameter(PARAMETER, kelvin)
    try:
        return system.solve()
    except ek.EntropykError:
        return None


def dask_sweep(client, system: ek.System, temperatures: Sequence[float]) -> list[Optional[float]]:
    """Solves every temperature (K) as one Dask task on `client`; returns the cooling
    COPs in input order (None for failed points). Every task gets the system pickled
    and returns a pickled Solution."""
    futures = [client.submit(solve_point, system, t, pure=False) for t in temperatures]
    solutions = client.gather(futures)
    return [None if s is None else s.cop for s in solutions]


def local_sweep(system: ek.System, temperatures: Sequence[float]) -> list[Optional[float]]:
    """The same points with the in-process ``System.sweep`` (threads, warm starts)."""
    result = system.sweep(PARAMETER, list(temperatures))
    return [None if result["cop"].mask[i] else float(result["cop"][i]) for i in range(len(temperatures))]


def run(temperatures: Sequence[float], n_workers: int = 2) -> tuple[list, list]:
    """Starts a local cluster of `n_workers` single-threaded worker processes, runs
    the distributed sweep and the local one; returns (distributed COPs, local COPs)."""
    from dask.distributed import Client, LocalCluster

    system = build_chiller()
    with LocalCluster(
        processes=True,
        n_workers=n_workers,
        threads_per_worker=1,
        dashboard_address=None,
    ) as cluster, Client(cluster) as client:
        distributed = dask_sweep(client, system, temperatures)
    return distributed, local_sweep(system, temperatures)


if __name__ == "__main__":
    temperatures = [273.15 + c for c in (8.0, 10.0, 12.0, 14.0, 16.0)]
    distributed, local = run(temperatures)
    print(" T_chw_in [degC]   COP (Dask)   COP (System.sweep)")
    for t, a, b in zip(temperatures, distributed, local):
        print(f"{t - 273.15:16.1f} {a:12.6f} {b:20.6f}")
    worst = max(abs(a - b) / b for a, b in zip(distributed, local))
    print(f"largest relative difference: {worst:.2e}")
