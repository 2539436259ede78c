"""Convergence-rate verification (issue 6c) from Python.

Random operating points of water-to-water chillers, each solved from the
automatic initial guess (no warm start) with the default Newton settings:

* a hypothesis property: every solve either converges and closes its mass and
  energy balances (per component and for the whole cycle, from the solution's
  accessors), or raises an ``entropyk.EntropykError`` -- never anything else;
* a deterministic grid of 1400 points reporting the convergence rate per fluid,
  asserting at least 99.5 %.

The envelope mirrors ``tests/convergence_grid.rs``: the reference R134a screw
chiller with its AHRI 540 map (speed factor 0.5..1.3), and an efficiency-
compressor cycle for R134a, R32, R290, R1234yf, R717 and R410A with a swept
volume per fluid of about the same capacity. The condenser water always enters
at least 5 K (map: 8 K) above the chilled water and the exchangers and water
flows grow with the compressor speed, so every point is a possible subcritical
cycle.
"""
import math
import random
import time
from collections import Counter, defaultdict

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

import entropyk as ek

FLUIDS = ["R134a", "R32", "R290", "R1234yf", "R717", "R410A"]
# Swept volume, m3/rev: about 10 kW of cooling at 50 rev/s and 0 degC evaporating.
DISPLACEMENT = {"R134a": 1.0e-4, "R1234yf": 1.0e-4, "R290": 0.85e-4, "R717": 0.6e-4, "R32": 0.6e-4, "R410A": 0.6e-4}
FAMILIES = ["R134a map"] + [f"{f} eff" for f in FLUIDS]
CLOSURE_TOL = 1e-8
REQUIRED_RATE = 0.995
GRID_POINTS = 1400  # spread evenly over the seven families

# Envelope, (low, high) per input: temperatures degC, speed rev/s (efficiency) or
# speed factor (map). Conductances (W/K) and water flows (kg/s) are drawn per unit
# of speed, i.e. per unit of capacity, so a fast compressor never meets a tiny
# condenser (condensing would pass the critical point: no subcritical cycle).
EFF = dict(
    evap_c=(5.0, 25.0), lift=(5.0, 30.0), speed=(15.0, 100.0),
    evap_ua=(60.0, 300.0), cond_ua=(80.0, 400.0), evap_flow=(0.015, 0.06), cond_flow=(0.02, 0.08),
    superheat=(0.5, 15.0), subcooling=(0.5, 10.0), eta_v=(0.5, 0.98), eta_is=(0.4, 0.9),
)
MAP = dict(
    evap_c=(7.0, 20.0), cond_c=(20.0, 38.0), speed=(0.5, 1.3),
    evap_ua=(30.0e3, 120.0e3), cond_ua=(30.0e3, 120.0e3), evap_flow=(14.0, 28.0), cond_flow=(12.0, 30.0),
    superheat=(0.5, 15.0), subcooling=(0.5, 10.0),
)
MAX_COND_WATER_C = 45.0  # efficiency family: condenser water inlet capped here


def point_from(family, u):
    """The operating point of `family` at unit coordinates `u` (dict name -> 0..1)."""
    env = MAP if family == "R134a map" else EFF
    x = {k: lo + u[k] * (hi - lo) for k, (lo, hi) in env.items()}
    x["family"] = family
    x["fluid"] = family.split()[0]
    for k in ("evap_ua", "cond_ua", "evap_flow", "cond_flow"):
        x[k] *= x["speed"]
    if family == "R134a map":
        x["cond_c"] = max(x["cond_c"], x["evap_c"] + 8.0)
    else:
        x["cond_c"] = min(x["evap_c"] + x.pop("lift"), MAX_COND_WATER_C)
    return x


def build(x):
    """The water-to-water cycle of operating point `x`, as in conftest.build_chiller."""
    fluid = x["fluid"]
    cycle = ek.System()
    if x["family"] == "R134a map":
        cycle.add(ek.Compressor("comp", fluid, map="bitzer_hsk_r134a"))
    else:
        cycle.add(
            ek.EfficiencyCompressor(
                "comp", fluid, displacement=DISPLACEMENT[fluid], speed=x["speed"],
                volumetric_efficiency=x["eta_v"], isentropic_efficiency=x["eta_is"],
            )
        )
    cycle.add(ek.Condenser("cond", fluid, ua=x["cond_ua"]))
    cycle.add(ek.ExpansionValve("valve", fluid))
    cycle.add(ek.Evaporator("evap", fluid, ua=x["evap_ua"]))
    cycle.add_water_stream("cond", celsius=x["cond_c"], bar=2.0, mass_flow=x["cond_flow"])
    cycle.add_water_stream("evap", celsius=x["evap_c"], bar=2.0, mass_flow=x["evap_flow"])
    cycle.connect_loop(["comp", "cond", "valve", "evap"])
    cycle.superheat("evap.refrigerant_out", x["superheat"])
    cycle.subcooling("cond.refrigerant_out", x["subcooling"])
    if x["family"] == "R134a map":
        cycle.set_parameter("comp.speed", x["speed"])
    return cycle


def closure_errors(x, sol):
    """Relative imbalances of a converged solution, by name (all should be ~0)."""
    port = sol.port
    out = sol.outputs()
    # heat_flow is the heat into the refrigerant; q_cond is the heat rejected
    power, q_cond, q_evap = out["comp"]["power"], -out["cond"]["heat_flow"], out["evap"]["heat_flow"]
    suc, dis, liq, exp_ = port("comp.inlet"), port("comp.outlet"), port("cond.refrigerant_out"), port("valve.outlet")
    m = suc["m"]
    err = {
        "comp mass": abs(dis["m"] - suc["m"]) / m,
        "cond mass": abs(liq["m"] - dis["m"]) / m,
        "valve mass": abs(exp_["m"] - liq["m"]) / m,
        "evap mass": abs(port("evap.refrigerant_out")["m"] - exp_["m"]) / m,
        "comp energy": abs(m * (dis["h"] - suc["h"]) - power) / power,
        "cond energy": abs(m * (dis["h"] - liq["h"]) - q_cond) / q_cond,
        "valve energy": abs(exp_["h"] - liq["h"]) / max(abs(liq["h"]), 1e5),
        "evap energy": abs(m * (suc["h"] - exp_["h"]) - q_evap) / q_evap,
        "cycle first law": abs(q_evap + power - q_cond) / q_cond,
    }
    for hx, q, sign in (("cond", q_cond, 1.0), ("evap", q_evap, -1.0)):
        w_in, w_out = port(f"{hx}.secondary_in"), port(f"{hx}.secondary_out")
        err[f"{hx} water mass"] = abs(w_out["m"] - w_in["m"]) / w_in["m"]
        err[f"{hx} water energy"] = abs(sign * w_in["m"] * (w_out["h"] - w_in["h"]) - q) / q
    # Specifications: superheat over the dew point (the evaporator's saturation
    # temperature), subcooling under the bubble point.
    t_dew = out["evap"]["saturation_temperature"]
    t_bubble = ek.Fluid(x["fluid"]).saturation_p(liq["p"])["t"]
    err["superheat"] = abs(suc["t"] - t_dew - x["superheat"])
    err["subcooling"] = abs(t_bubble - liq["t"] - x["subcooling"])
    err["positive flows"] = 0.0 if (q_evap > 0 and q_cond > 0 and power > 0 and m > 0) else math.inf
    return err


def assert_closes(x, sol):
    assert sol.converged and sol.residual < 1e-10
    bad = {k: v for k, v in closure_errors(x, sol).items() if not v <= (1e-7 if k in ("superheat", "subcooling") else CLOSURE_TOL)}
    assert not bad, f"{x}: {bad}"


def solve(x):
    """Solves point `x` from the automatic guess: ('ok', solution) or ('error', exception)."""
    try:
        return "ok", build(x).solve()
    except ek.EntropykError as e:
        return "error", e


# The property runs 20 % beyond the envelope on every side (so also lifts near or
# below zero, tiny subcooling, extreme speeds), where a solve may legitimately fail.
INPUTS = sorted(set(EFF) | set(MAP))
beyond = st.floats(min_value=-0.2, max_value=1.2, allow_nan=False)
point_strategy = st.builds(point_from, st.sampled_from(FAMILIES), st.fixed_dictionaries({k: beyond for k in INPUTS}))


@settings(max_examples=400, derandomize=True, database=None, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(point_strategy)
def test_random_point_converges_and_closes_or_raises_entropyk_error(x):
    # Anything but an EntropykError (TypeError, PanicException, ...) propagates and fails.
    status, result = solve(x)
    event(f"{x['family']}: {status if status == 'ok' else type(result).__name__}")
    if status == "ok":
        assert_closes(x, result)
    else:
        assert isinstance(result, ek.EntropykError) and str(result)


def grid_points(n=GRID_POINTS, seed=20261127):
    """n points, evenly over the families, uniform over the envelope (fixed seed)."""
    rng = random.Random(seed)
    return [point_from(FAMILIES[i % len(FAMILIES)], {k: rng.random() for k in INPUTS}) for i in range(n)]


def test_convergence_rate_on_grid():
    points = grid_points()
    start = time.perf_counter()
    total, converged, failures = Counter(), Counter(), []
    iterations = defaultdict(list)
    for x in points:
        total[x["family"]] += 1
        status, result = solve(x)
        if status == "ok":
            assert_closes(x, result)
            converged[x["family"]] += 1
            iterations[x["family"]].append(result.iterations)
        else:
            failures.append((x, result))
    elapsed = time.perf_counter() - start
    n, ok = sum(total.values()), sum(converged.values())
    print(f"\nconvergence grid (Python): {n} points in {elapsed:.1f} s")
    for fam in FAMILIES:
        its = iterations[fam]
        print(
            f"  {fam:12} {converged[fam]:4}/{total[fam]:4} = {100 * converged[fam] / total[fam]:6.2f} %"
            f"  mean iterations {sum(its) / max(len(its), 1):.1f}, max {max(its, default=0)}"
        )
    print(f"  total {ok}/{n} = {100 * ok / n:.2f} %")
    for x, e in failures:
        rescued = "fallback converged"
        try:
            build(x).solve(method="fallback")
        except ek.EntropykError as e2:
            rescued = f"fallback failed: {e2}"
        print(f"  FAILED {x}: {type(e).__name__}: {e} | {rescued}")
    assert n >= 1000
    assert ok / n >= REQUIRED_RATE, f"convergence rate {100 * ok / n:.2f} % < 99.5 %"
