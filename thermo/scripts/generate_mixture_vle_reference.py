#!/usr/bin/env python3
"""Generate thermo/tests/data/mixture_vle_reference.csv from CoolProp (pinned: CoolProp==8.0.0).

Usage (from the repository root):  python3 thermo/scripts/generate_mixture_vle_reference.py

Bubble and dew points of R454B (R32/R1234yf 68.9/31.1 mass %), R513A (R1234yf/R134a
56/44 mass %), R410A (R32/R125 50/50), R452B (R32/R125/R1234yf 67/7/26) and R407C
(R32/R125/R134a 23/25/52) from CoolProp's HEOS mixture backend (same model as the crate: the pure-fluid
EOS and CoolProp's binary parameters), at pressures from 0.3 to 0.9 of the mixture's
critical pressure (`all_critical_points()`, the stable one) with `PQ_INPUTS` (Q = 0 bubble,
Q = 1 dew) and at temperatures spanning the same range with `QT_INPUTS`. CoolProp is
MIT-licensed (http://www.coolprop.org). Points where CoolProp fails are listed in the
output (kind "fail") and not compared.

Also writes thermo/tests/data/mixture_flash_reference.csv (flashes at given p; see
flash_rows()).

Columns: kind (bubble_p, dew_p, bubble_t, dew_t, fail), name, components (CoolProp names
joined by '&'), overall mole fractions (joined by ' '), T [K], p [Pa], rho_liquid and
rho_vapor [mol/m3], liquid and vapour mole fractions (joined by ' ').
"""
import os
import sys

import CoolProp
import CoolProp.CoolProp as CP

PINNED = "8.0.0"


def mole_fractions(names, mass):
    n = [w / CP.PropsSI("M", name) for name, w in zip(names, mass)]
    return [v / sum(n) for v in n]


BLENDS = [
    ("R454B", ["R32", "R1234yf"], [0.689, 0.311]),
    ("R513A", ["R1234yf", "R134a"], [0.56, 0.44]),
    ("R410A", ["R32", "R125"], [0.5, 0.5]),
    ("R452B", ["R32", "R125", "R1234yf"], [0.67, 0.07, 0.26]),
    ("R407C", ["R32", "R125", "R134a"], [0.23, 0.25, 0.52]),
]
FRACTIONS = [0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]


def fmt(x):
    return repr(float(x))


def main():
    if CoolProp.__version__ != PINNED:
        sys.exit(f"CoolProp {PINNED} required, found {CoolProp.__version__}")
    rows = ["# kind,name,components,z,T,p,rho_liquid,rho_vapor,x_liquid,y_vapor"]
    for name, comps, mass in BLENDS:
        z = mole_fractions(comps, mass)
        st = CP.AbstractState("HEOS", "&".join(comps))
        st.set_mole_fractions(z)
        pc = [c for c in st.all_critical_points() if c.stable][0].p
        head = [name, "&".join(comps), " ".join(fmt(v) for v in z)]

        def point(kind, inputs, a, b):
            try:
                st.update(inputs, a, b)
                vals = [st.T(), st.p(), st.saturated_liquid_keyed_output(CP.iDmolar),
                        st.saturated_vapor_keyed_output(CP.iDmolar)]
                xs = [" ".join(fmt(v) for v in st.mole_fractions_liquid()),
                      " ".join(fmt(v) for v in st.mole_fractions_vapor())]
                rows.append(",".join([kind] + head + [fmt(v) for v in vals] + xs))
                return vals
            except ValueError as e:
                print(f"CoolProp fails: {name} {kind} {a} {b}: {e}")
                rows.append(",".join(["fail"] + head + [fmt(a), fmt(b), "0", "0", kind, ""]))
                return None

        ts = []
        for f in FRACTIONS:
            b = point("bubble_p", CP.PQ_INPUTS, f * pc, 0)
            d = point("dew_p", CP.PQ_INPUTS, f * pc, 1)
            if b and d:
                ts.append(0.5 * (b[0] + d[0]))
        for t in ts:
            point("bubble_t", CP.QT_INPUTS, 0, t)
            point("dew_t", CP.QT_INPUTS, 1, t)
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "data",
                        "mixture_vle_reference.csv")
    with open(path, "w") as fh:
        fh.write("\n".join(rows) + "\n")
    print("wrote", path, len(rows) - 1, "rows")
    flash_rows()


def flash_rows():
    """thermo/tests/data/mixture_flash_reference.csv: flashes at given p of the same blends.

    kind px: (p, Q) -> T, rho, h with CoolProp's Q the vapour mole fraction (PQ_INPUTS);
    kind ph: (p, h) -> T, rho, Q (HmolarP_INPUTS; subcooled, two-phase, superheated);
    kind pt: (p, T) -> rho, h (PT_INPUTS; subcooled and superheated).
    ph and pt rows only for blends whose components' ideal parts CoolProp evaluates at their
    EOS reducing state (R454B, R410A, R452B; see generate_mixture_reference.py), since h
    enters them. Columns: kind, name, components, z, p, T, rho [mol/m3], h [J/mol], Q (-1 for
    single phase). CoolProp failures are reported on stdout and skipped.
    """
    rows = ["# kind,name,components,z,p,T,rhomolar,hmolar,Q"]
    for name, comps, mass in BLENDS:
        z = mole_fractions(comps, mass)
        st = CP.AbstractState("HEOS", "&".join(comps))
        st.set_mole_fractions(z)
        pc = [c for c in st.all_critical_points() if c.stable][0].p
        head = [name, "&".join(comps), " ".join(fmt(v) for v in z)]
        with_h = name in ("R454B", "R410A", "R452B")

        def point(kind, inputs, a, b):
            try:
                st.update(inputs, a, b)
                vals = [st.p(), st.T(), st.rhomolar(), st.hmolar(), st.Q()]
            except ValueError as e:
                print(f"CoolProp fails: {name} {kind} {a} {b}: {e}")
                return None
            rows.append(",".join([kind] + head + [fmt(v) for v in vals]))
            return vals

        for f in [0.3, 0.5, 0.7]:
            p = f * pc
            for q in [0.25, 0.5, 0.75]:
                point("px", CP.PQ_INPUTS, p, q)
            if not with_h:
                continue
            st.update(CP.PQ_INPUTS, p, 0)
            hb, tb = st.hmolar(), st.T()
            st.update(CP.PQ_INPUTS, p, 1)
            hd, td = st.hmolar(), st.T()
            for h in [hb - 3000.0, 0.5 * (hb + hd), hd + 3000.0]:
                point("ph", CP.HmolarP_INPUTS, h, p)
            for t in [tb - 20.0, td + 20.0]:
                point("pt", CP.PT_INPUTS, p, t)
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "data",
                        "mixture_flash_reference.csv")
    with open(path, "w") as fh:
        fh.write("\n".join(rows) + "\n")
    print("wrote", path, len(rows) - 1, "rows")


if __name__ == "__main__":
    main()
