#!/usr/bin/env python3
"""Generate thermo/tests/data/<fluid>_reference.csv from CoolProp (pinned: CoolProp==8.0.0).

Usage (from the repository root):  python3 thermo/scripts/generate_reference.py [stem ...]

CoolProp is MIT-licensed (http://www.coolprop.org). The reference values are CoolProp's
HEOS backend (EOS citations: see the headers of thermo/src/fluids/<stem>_data.rs).
R134a uses a hand-picked grid; the other fluids a grid scaled with their triple and
critical points (saturation up to 0.2 K below T_c; single phase liquid, vapour and
supercritical; p-h and p-s flashes including two-phase and, for CO2, transcritical /
supercritical isobars).

Row kinds (first column), all SI mass-based units:
  sat,T,p,rhoL,rhoV,hL,hV,sL,sV
  trho,T,rho,p,h,s,cp,w
  pt,p,T,rho,h,s,cp,w
  ph,p,h,T,rho,s,quality        (quality = -1 for single-phase states)
  ps,p,s,T,rho,h,quality
"""
import math
import os
import sys

import CoolProp
import CoolProp.CoolProp as CP

PINNED = "8.0.0"
F = "R134a"


def fmt(x):
    return repr(float(x))


# stem -> CoolProp name (canonical names in thermo/src/fluids)
GENERIC = {
    "r32": "R32",
    "r290": "n-Propane",
    "r600a": "IsoButane",
    "r125": "R125",
    "r744": "CarbonDioxide",
    "r1234yf": "R1234yf",
    "r1234ze_e": "R1234ze(E)",
    "r717": "Ammonia",
    "water": "Water",
    "r410a": "R410A",
    "r404a": "R404A",
    "r407c": "R407C",
    "r507a": "R507A",
}
BLENDS = {"r410a", "r404a", "r407c", "r507a"}


def try_props(keys, n1, v1, n2, v2, fl):
    try:
        vals = [CP.PropsSI(k, n1, v1, n2, v2, fl) for k in keys]
    except ValueError:
        return None
    if not all(math.isfinite(v) for v in vals if k_ok(v)):
        return None
    return vals


def k_ok(v):
    return True


def generic(stem, fl):
    Tt = CP.PropsSI("T_triple", fl)
    Tc = CP.PropsSI("Tcrit", fl)
    pc = CP.PropsSI("pcrit", fl)
    rc = CP.PropsSI("rhocrit", fl)
    Tmax = CP.PropsSI("Tmax", fl)
    pmax = CP.PropsSI("pmax", fl)
    Thi = min(Tmax, 1.7 * Tc)
    ptrip = CP.PropsSI("P", "T", Tt, "Q", 0, fl)
    rows = []
    # saturation: Tt .. 0.995 Tc, plus 2, 1, 0.5, 0.2 K below Tc
    temps = [Tt + (0.995 * Tc - Tt) * i / 30.0 for i in range(31)] + [Tc - 2.0, Tc - 1.0, Tc - 0.5, Tc - 0.2]
    st = CP.AbstractState("HEOS", fl)
    if stem in BLENDS:
        # pseudo-pure blends: bubble (Q = 0) and dew (Q = 1) at T, and at p
        for T in temps:
            vals = [CP.PropsSI(k, "T", T, "Q", q, fl) for k, q in
                    [("P", 0), ("P", 1), ("D", 0), ("D", 1), ("H", 0), ("H", 1), ("S", 0), ("S", 1)]]
            rows.append(["bsat", T] + vals)
        for T in temps[:-4]:
            p = CP.PropsSI("P", "T", T, "Q", 1, fl)
            try:
                vals = [CP.PropsSI(k, "P", p, "Q", q, fl) for k, q in
                        [("T", 0), ("T", 1), ("D", 0), ("D", 1), ("H", 0), ("H", 1), ("S", 0), ("S", 1)]]
            except ValueError:
                continue
            rows.append(["bsatp", p] + vals)
        temps = []
    for T in temps:
        vals = [CP.PropsSI(k, "T", T, "Q", q, fl) for k, q in
                [("P", 0), ("D", 0), ("D", 1), ("H", 0), ("H", 1), ("S", 0), ("S", 1)]]
        # extra column: EOS pressure at CoolProp's rho'' (CoolProp reports the
        # superancillary p_sat, which near the triple point of some fluids deviates from its
        # own EOS equilibrium pressure, e.g. 5.7e-4 relative for propane at 85.5 K)
        st.update(CP.DmassT_INPUTS, vals[2], T)
        rows.append(["sat", T] + vals + [st.p()])
    # (T, rho): sub-critical liquid and vapour, supercritical
    trho = []
    for f in [0.05, 0.25, 0.5, 0.75, 0.95]:
        T = Tt + f * (Tc - Tt)
        rl = CP.PropsSI("D", "T", T, "Q", 0, fl)
        rv = CP.PropsSI("D", "T", T, "Q", 1, fl)
        trho += [(T, rl * 1.002), (T, rl * 1.05), (T, rv * 0.9), (T, rv * 0.3), (T, rv * 0.01)]
    for T in [1.01 * Tc, 1.1 * Tc, 1.3 * Tc, Thi]:
        trho += [(T, rc * f) for f in (0.01, 0.3, 0.8, 1.0, 1.4, 1.9)]
    for T, rho in trho:
        if T > Tmax:
            continue
        vals = try_props(("P", "H", "S", "C", "A"), "T", T, "D", rho, fl)
        if vals is not None:
            rows.append(["trho", T, rho] + vals)
    # (p, T)
    plist = [max(ptrip * 2, 1e3), 0.01 * pc, 0.05 * pc, 0.2 * pc, 0.5 * pc, 0.8 * pc, 0.97 * pc,
             1.05 * pc, 1.5 * pc, 3 * pc, min(10 * pc, pmax)]
    tlist = [Tt + (Tc - Tt) * f for f in (0.02, 0.2, 0.4, 0.6, 0.8, 0.9, 0.97)] + \
            [1.01 * Tc, 1.05 * Tc, 1.2 * Tc, 1.4 * Tc, Thi]
    for p in plist:
        for T in tlist:
            if T > Tmax:
                continue
            if T < Tc:
                ps = CP.PropsSI("P", "T", T, "Q", 0, fl)
                if abs(p / ps - 1) < 2e-3:
                    continue
            vals = try_props(("D", "H", "S", "C", "A"), "P", p, "T", T, fl)
            if vals is not None:
                rows.append(["pt", p, T] + vals)
    # (p, h) and (p, s): grids spanning liquid near the triple point to hot vapour
    plist_h = [max(ptrip * 2, 1e3), 0.02 * pc, 0.1 * pc, 0.3 * pc, 0.6 * pc, 0.9 * pc, 0.98 * pc,
               1.02 * pc, 1.2 * pc, 1.6 * pc, 3 * pc]
    T0 = Tt + 0.05 * (Tc - Tt)
    hmin = CP.PropsSI("H", "T", T0, "Q", 0, fl)
    hmax = CP.PropsSI("H", "T", min(1.4 * Tc, Tmax), "P", 0.3 * pc, fl)
    smin = CP.PropsSI("S", "T", T0, "Q", 0, fl)
    smax = CP.PropsSI("S", "T", min(1.4 * Tc, Tmax), "P", 0.3 * pc, fl)
    for p in plist_h:
        for i in range(13):
            h = hmin + (hmax - hmin) * i / 12.0
            vals = try_props(("T", "D", "S", "Q"), "P", p, "H", h, fl)
            if vals is None or not (Tt <= vals[0] <= Tmax):
                continue
            rows.append(["ph", p, h] + vals)
        for i in range(9):
            sv = smin + (smax - smin) * i / 8.0
            vals = try_props(("T", "D", "H", "Q"), "P", p, "S", sv, fl)
            if vals is None or not (Tt <= vals[0] <= Tmax):
                continue
            rows.append(["ps", p, sv] + vals)
    if stem == "r744":
        # transcritical CO2 cycles: gas-cooler isobars 8-14 MPa through the pseudo-critical
        # region, and the supercritical compressor discharge
        for p in [8e6, 9e6, 10e6, 12e6, 14e6]:
            for h in [200e3, 250e3, 280e3, 300e3, 320e3, 340e3, 360e3, 400e3, 450e3, 500e3, 550e3]:
                vals = try_props(("T", "D", "S", "Q"), "P", p, "H", h, fl)
                if vals is not None and Tt <= vals[0] <= Tmax:
                    rows.append(["ph", p, h] + vals)
    return rows


def own_residual(fl, rows):
    """Append to every ph / ps row the value of h (or s) that CoolProp's returned state
    (T, rho) actually has on its EOS: near the critical point CoolProp's flash stops at
    relative residuals of a few 1e-9, which the density amplifies to > 1e-8."""
    st = CP.AbstractState("HEOS", fl)
    for r in rows:
        if r[0] in ("ph", "ps"):
            st.update(CP.DmassT_INPUTS, r[4], r[3])
            r.append(st.hmass() if r[0] == "ph" else st.smass())
            # and the third output (s for ph, h for ps) of that same state, single phase only
            if r[6] < 0:
                r.append(st.smass() if r[0] == "ph" else st.hmass())
            else:
                r.append(r[5])
        elif r[0] == "pt":
            # h, s, cp, w of CoolProp's (rho, T) on its EOS: near the critical point
            # PropsSI's (p, T) path reports cp to only ~3e-8 (e.g. R404A at 1.5 p_c, 1.05 T_c)
            st.update(CP.DmassT_INPUTS, r[3], r[2])
            r += [st.hmass(), st.smass(), st.cpmass(), st.speed_sound()]
    return rows


def write(out, fl, rows):
    with open(out, "w") as f:
        f.write(f"# {fl} reference data from CoolProp {CoolProp.__version__} (HEOS, MIT licence); "
                "generated by thermo/scripts/generate_reference.py\n")
        f.write("# bsat,T,p_bubble,p_dew,rhoL,rhoV,hL,hV,sL,sV | bsatp,p,T_bubble,T_dew,rhoL,rhoV,hL,hV,sL,sV (blends)\n")
        f.write("# sat,T,p,rhoL,rhoV,hL,hV,sL,sV,p_eos(T,rhoV) | trho,T,rho,p,h,s,cp,w | pt,p,T,rho,h,s,cp,w | "
                "ph,p,h,T,rho,s,quality(-1 single phase),h_eos(T,rho),s_eos(T,rho) | ps,p,s,T,rho,h,quality,s_eos(T,rho),h_eos(T,rho) | pt (generic) + h,s,cp,w at CoolProp's (T, rho)\n")
        for r in rows:
            f.write(",".join([r[0]] + [fmt(x) for x in r[1:]]) + "\n")
    print("wrote", len(rows), "rows to", out)


def main():
    if CoolProp.__version__ != PINNED:
        sys.exit(f"CoolProp {PINNED} required, found {CoolProp.__version__}")
    here = os.path.dirname(os.path.abspath(__file__))
    which = sys.argv[1:] or ["r134a"] + list(GENERIC)
    for stem in which:
        out = os.path.join(here, "..", "tests", "data", f"{stem}_reference.csv")
        if stem == "r134a":
            r134a(out)
        else:
            write(out, GENERIC[stem], own_residual(GENERIC[stem], generic(stem, GENERIC[stem])))


def r134a(out):
    rows = []
    # saturation 170 .. 370 K every 5 K plus near-critical points
    temps = [170.0 + 5.0 * i for i in range(41)] + [372.0, 373.0, 374.0, 374.2]
    for T in temps:
        vals = [CP.PropsSI(k, "T", T, "Q", q, F) for k, q in
                [("P", 0), ("D", 0), ("D", 1), ("H", 0), ("H", 1), ("S", 0), ("S", 1)]]
        rows.append(["sat", T] + vals)
    # single-phase (T, rho)
    trho = []
    for T in [180.0, 220.0, 260.0, 300.0, 340.0, 370.0]:
        rl = CP.PropsSI("D", "T", T, "Q", 0, F)
        rv = CP.PropsSI("D", "T", T, "Q", 1, F)
        trho += [(T, rl * 1.002), (T, rl * 1.05), (T, rv * 0.9), (T, rv * 0.3), (T, rv * 0.01)]
    for T in [380.0, 400.0, 430.0, 455.0]:
        trho += [(T, r) for r in (5.0, 100.0, 350.0, 512.0, 800.0, 1200.0)]
    for T, rho in trho:
        vals = [CP.PropsSI(k, "T", T, "D", rho, F) for k in ("P", "H", "S", "C", "A")]
        rows.append(["trho", T, rho] + vals)
    # (p, T)
    for p in [2e3, 5e4, 1e5, 3e5, 6e5, 1e6, 2e6, 3.5e6, 5e6, 1e7, 3e7, 6e7]:
        for T in [175.0, 200.0, 240.0, 270.0, 300.0, 330.0, 360.0, 380.0, 410.0, 450.0]:
            if T < 374.2:
                ps = CP.PropsSI("P", "T", T, "Q", 0, F)
                if abs(p / ps - 1) < 2e-3:
                    continue
            vals = [CP.PropsSI(k, "P", p, "T", T, F) for k in ("D", "H", "S", "C", "A")]
            rows.append(["pt", p, T] + vals)
    # (p, h) including two-phase
    for p in [1e4, 5e4, 1e5, 2e5, 5e5, 1e6, 2e6, 3e6, 3.9e6, 5e6, 1e7, 3e7]:
        for h in [120e3, 160e3, 200e3, 240e3, 280e3, 320e3, 360e3, 400e3, 440e3, 480e3, 520e3]:
            try:
                vals = [CP.PropsSI(k, "P", p, "H", h, F) for k in ("T", "D", "S", "Q")]
            except ValueError:
                continue
            if not (169.85 <= vals[0] <= 455.0):
                continue
            rows.append(["ph", p, h] + vals)
    # (p, s) including two-phase
    for p in [1e4, 1e5, 5e5, 1e6, 2e6, 3.5e6, 5e6, 2e7]:
        for s in [700.0, 900.0, 1100.0, 1300.0, 1500.0, 1700.0, 1800.0, 1900.0, 2100.0]:
            try:
                vals = [CP.PropsSI(k, "P", p, "S", s, F) for k in ("T", "D", "H", "Q")]
            except ValueError:
                continue
            if not (169.85 <= vals[0] <= 455.0):
                continue
            rows.append(["ps", p, s] + vals)
    with open(out, "w") as f:
        f.write(f"# R134a reference data from CoolProp {CoolProp.__version__} (HEOS, MIT licence); "
                "generated by thermo/scripts/generate_reference.py\n")
        f.write("# bsat,T,p_bubble,p_dew,rhoL,rhoV,hL,hV,sL,sV | bsatp,p,T_bubble,T_dew,rhoL,rhoV,hL,hV,sL,sV (blends)\n")
        f.write("# sat,T,p,rhoL,rhoV,hL,hV,sL,sV,p_eos(T,rhoV) | trho,T,rho,p,h,s,cp,w | pt,p,T,rho,h,s,cp,w | "
                "ph,p,h,T,rho,s,quality(-1 single phase),h_eos(T,rho),s_eos(T,rho) | ps,p,s,T,rho,h,quality,s_eos(T,rho),h_eos(T,rho) | pt (generic) + h,s,cp,w at CoolProp's (T, rho)\n")
        for r in rows:
            f.write(",".join([r[0]] + [fmt(x) for x in r[1:]]) + "\n")
    print("wrote", len(rows), "rows to", out)


if __name__ == "__main__":
    main()
