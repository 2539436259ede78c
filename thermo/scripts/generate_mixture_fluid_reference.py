#!/usr/bin/env python3
"""Generate thermo/tests/data/mixture_fluid_reference.csv from CoolProp (pinned: CoolProp==8.0.0).

Usage (from the repository root):  /tmp/cpvenv/bin/python thermo/scripts/generate_mixture_fluid_reference.py

Reference values for the real mixtures reached through `Fluid::new` (named blends with
their ASHRAE compositions, and one user-defined composition in CoolProp's syntax), from
CoolProp's HEOS mixture backend (same pure-fluid EOS and binary parameters as the crate;
MIT licence, http://www.coolprop.org). Mass-specific units, as `Fluid`.

Rows (kind, fluid name as given to Fluid::new, a, b, then values):
* sat_p: p -> T_bubble, T_dew, rho' (bubble liquid), rho'' (dew vapour)   (PQ_INPUTS, Q = 0, 1)
* sat_t: T -> p_bubble, p_dew                                             (QT_INPUTS)
* pt:    p, T -> rho, h, cp, w  (single phase)                             (PT_INPUTS)
* ph:    p, h -> T, rho        (subcooled, two-phase, superheated)        (HmassP_INPUTS)
Enthalpies only for blends whose components CoolProp's mixture code evaluates at their
EOS reducing state (R32, R125, R1234yf: see generate_mixture_reference.py); for the others
h, cp and w (which depends on the ideal part's cp0) columns of pt rows are written as nan and ph rows are not written.
CoolProp failures are reported on stdout and written as rows fail_<kind> (inputs only):
the test checks that the crate solves those points.
"""
import math
import os
import sys

import CoolProp
import CoolProp.CoolProp as CP

PINNED = "8.0.0"

# name given to Fluid::new, CoolProp components, mass fractions (None: mole fractions given)
FLUIDS = [
    ("R454B", ["R32", "R1234yf"], [0.689, 0.311], None),
    ("R513A", ["R1234yf", "R134a"], [0.56, 0.44], None),
    ("R452B", ["R32", "R125", "R1234yf"], [0.67, 0.07, 0.26], None),
    ("R454C", ["R32", "R1234yf"], [0.215, 0.785], None),
    ("R454A", ["R32", "R1234yf"], [0.35, 0.65], None),
    ("R448A", ["R32", "R125", "R1234yf", "R134a", "R1234ze(E)"], [0.26, 0.26, 0.20, 0.21, 0.07], None),
    ("R407A", ["R32", "R125", "R134a"], [0.20, 0.40, 0.40], None),
    ("R450A", ["R134a", "R1234ze(E)"], [0.42, 0.58], None),
    ("R449A", ["R32", "R125", "R1234yf", "R134a"], [0.243, 0.247, 0.253, 0.257], None),
    ("R407F", ["R32", "R125", "R134a"], [0.30, 0.30, 0.40], None),
    ("R410A.mix", ["R32", "R125"], [0.5, 0.5], None),
    ("R407C.mix", ["R32", "R125", "R134a"], [0.23, 0.25, 0.52], None),
    ("R32[0.6]&R1234yf[0.4]", ["R32", "R1234yf"], None, [0.6, 0.4]),
]
WITH_H = {"R32", "R125", "R1234yf"}


def fmt(x):
    return repr(float(x))


def main():
    if CoolProp.__version__ != PINNED:
        sys.exit(f"CoolProp {PINNED} required, found {CoolProp.__version__}")
    rows = ["# kind,fluid,a,b,v1,v2,v3,v4"]
    for name, comps, mass, mole in FLUIDS:
        st = CP.AbstractState("HEOS", "&".join(comps))
        if mass is not None:
            st.set_mass_fractions(mass)
        else:
            st.set_mole_fractions(mole)
        pc = [c for c in st.all_critical_points() if c.stable][0].p
        with_h = set(comps) <= WITH_H

        def add(kind, a, b, vals):
            rows.append(",".join([kind, name, fmt(a), fmt(b)] + [fmt(v) for v in vals]))

        for f in [0.15, 0.3, 0.5, 0.7]:
            p = f * pc
            try:
                st.update(CP.PQ_INPUTS, p, 0)
                tb, rl, hb = st.T(), st.rhomass(), st.hmass()
                st.update(CP.PQ_INPUTS, p, 1)
                td, rv, hd = st.T(), st.rhomass(), st.hmass()
            except ValueError as e:
                print(f"CoolProp fails: {name} sat_p {p}: {e}")
                add("fail_sat_p", p, 0.0, [math.nan] * 4)
                continue
            add("sat_p", p, 0.0, [tb, td, rl, rv])
            for t in [tb - 15.0, td + 15.0]:
                try:
                    st.update(CP.PT_INPUTS, p, t)
                    h = st.hmass() if with_h else math.nan
                    cp = st.cpmass() if with_h else math.nan
                    w = st.speed_sound() if with_h else math.nan
                    add("pt", p, t, [st.rhomass(), h, cp, w])
                except ValueError as e:
                    print(f"CoolProp fails: {name} pt {p} {t}: {e}")
                    add("fail_pt", p, t, [math.nan] * 4)
            if with_h:
                for h in [hb - 5000.0, 0.3 * hb + 0.7 * hd, hd + 5000.0]:
                    try:
                        st.update(CP.HmassP_INPUTS, h, p)
                        add("ph", p, h, [st.T(), st.rhomass(), math.nan, math.nan])
                    except ValueError as e:
                        print(f"CoolProp fails: {name} ph {p} {h}: {e}")
                        add("fail_ph", p, h, [math.nan] * 4)
            t = 0.5 * (tb + td)
            try:
                st.update(CP.QT_INPUTS, 0, t)
                pb = st.p()
                st.update(CP.QT_INPUTS, 1, t)
                add("sat_t", t, 0.0, [pb, st.p(), math.nan, math.nan])
            except ValueError as e:
                print(f"CoolProp fails: {name} sat_t {t}: {e}")
                add("fail_sat_t", t, 0.0, [math.nan] * 4)
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "data",
                        "mixture_fluid_reference.csv")
    with open(path, "w") as fh:
        fh.write("\n".join(rows) + "\n")
    print("wrote", path, len(rows) - 1, "rows")


if __name__ == "__main__":
    main()
