#!/usr/bin/env python3
"""Time CoolProp's low-level HEOS flashes on the points of benches/flash.rs.

Requires exactly CoolProp==8.0.0.  Usage (from the repository root):

    python3 benches/python/coolprop_flash_timing.py [--repeats 15] [--number 2000]

For every fluid and case it reports the median over `repeats` batches of the time per
`AbstractState("HEOS", fluid).update(pair, a, b)` call (batch of `number` calls), plus
the Python call overhead measured on the same object (`st.T()`), which is NOT subtracted.
Point definitions (identical to `points()` in benches/flash.rs):
  T_ev = max(0.7 T_c, T_t + 0.2 (T_c - T_t)), T_cd = 0.85 T_c,
  p_lo = p_dew(T_ev), p_hi = p_bubble(T_cd),
  superheated (p_lo, h(p_lo, T_dew(p_lo) + 15 K)), two-phase (p_lo, h at x = 0.3),
  subcooled (p_hi, h(p_hi, T_bubble(p_hi) - 5 K)), supercritical (1.3 p_c, h(1.3 p_c, min(1.1 T_c, T_max - 5 K))),
  pt_vapor (p_lo, T_dew(p_lo) + 15 K), saturation_p (p_lo, Q = 0), saturation_t (T_ev, Q = 0).
"""
import argparse
import statistics
import sys
import time

import CoolProp
import CoolProp.CoolProp as CP

PINNED = "8.0.0"
# canonical name in entropyk -> CoolProp name
FLUIDS = [
    ("R134a", "R134a"), ("R32", "R32"), ("R290", "n-Propane"), ("R744", "CarbonDioxide"),
    ("R1234yf", "R1234yf"), ("R1234ze(E)", "R1234ze(E)"), ("R717", "Ammonia"), ("Water", "Water"),
    ("R410A", "R410A"), ("R404A", "R404A"), ("R407C", "R407C"), ("R507A", "R507A"),
]


def points(fl):
    P = CP.PropsSI
    tt, tc, pc = P("T_triple", fl), P("Tcrit", fl), P("pcrit", fl)
    t_ev = max(0.7 * tc, tt + 0.2 * (tc - tt))
    p_lo = P("P", "T", t_ev, "Q", 1, fl)
    p_hi = P("P", "T", 0.85 * tc, "Q", 0, fl)
    t_dew = P("T", "P", p_lo, "Q", 1, fl)
    hl, hv = P("H", "P", p_lo, "Q", 0, fl), P("H", "P", p_lo, "Q", 1, fl)
    t_bub = P("T", "P", p_hi, "Q", 0, fl)
    return {
        "ph_superheated": (CP.HmassP_INPUTS, P("H", "P", p_lo, "T", t_dew + 15.0, fl), p_lo),
        "ph_two_phase": (CP.HmassP_INPUTS, hl + 0.3 * (hv - hl), p_lo),
        "ph_subcooled": (CP.HmassP_INPUTS, P("H", "P", p_hi, "T", t_bub - 5.0, fl), p_hi),
        "ph_supercritical": (CP.HmassP_INPUTS, P("H", "P", 1.3 * pc, "T", min(1.1 * tc, P("Tmax", fl) - 5.0), fl), 1.3 * pc),
        "pt_vapor": (CP.PT_INPUTS, p_lo, t_dew + 15.0),
        "saturation_p": (CP.PQ_INPUTS, p_lo, 0.0),
        "saturation_t": (CP.QT_INPUTS, 0.0, t_ev),
    }


def median_us(fn, number, repeats):
    res = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        for _ in range(number):
            fn()
        res.append((time.perf_counter() - t0) / number * 1e6)
    return statistics.median(res)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeats", type=int, default=15)
    ap.add_argument("--number", type=int, default=2000)
    args = ap.parse_args()
    if CoolProp.__version__ != PINNED:
        sys.exit(f"CoolProp {PINNED} required, found {CoolProp.__version__}")
    print(f"# CoolProp {CoolProp.__version__} low-level HEOS, median of {args.repeats} x {args.number} calls, us/call")
    print("fluid,case,coolprop_us,python_overhead_us")
    for name, fl in FLUIDS:
        st = CP.AbstractState("HEOS", fl)
        pts = points(fl)
        st.update(CP.PT_INPUTS, pts["pt_vapor"][1], pts["pt_vapor"][2])
        overhead = median_us(st.T, args.number, args.repeats)
        for case, (pair, a, b) in pts.items():
            upd = st.update
            try:
                upd(pair, a, b)
            except ValueError as e:
                print(f"{name},{case},error: {e},")
                continue
            us = median_us(lambda: upd(pair, a, b), args.number, args.repeats)
            print(f"{name},{case},{us:.3f},{overhead:.3f}", flush=True)


if __name__ == "__main__":
    main()
