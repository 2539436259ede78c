#!/usr/bin/env python3
"""Generate thermo/tests/data/mixture_reference.csv from CoolProp (pinned: CoolProp==8.0.0).

Usage (from the repository root):  python3 thermo/scripts/generate_mixture_reference.py

Reference values of the multi-fluid mixture model at given (T, molar density, mole
fractions), from CoolProp's HEOS mixture backend: `AbstractState("HEOS", "A&B")`,
`set_mole_fractions`, `specify_phase(iphase_gas)` (so that the state is the homogeneous
single-phase evaluation of the Helmholtz energy at those inputs, without a phase split) and
`update(DmolarT_INPUTS, rho, T)`. CoolProp is MIT-licensed (http://www.coolprop.org); the
EOS and mixture-parameter sources are cited in thermo/src/fluids/*_data.rs and
thermo/src/mixture/pairs_data.rs.

The residual part (p, residual h and s, cp - cp0, ln phi_i) is CoolProp's mixture output as
it is. The ideal-gas part differs in one point: CoolProp 8.0.0 evaluates each component's
ideal-gas Helmholtz energy at T_c / T and rho / rho_c with the fluid file's nominal critical
point (STATES.critical), not with the reducing state its EOS is written in (for R134a
374.21 K and 5017.053 mol/m3 instead of 374.18 K and 4978.83 mol/m3; also R1234ze(E) and
isobutane), which shifts that component's ideal-gas heat capacity by up to 5e-5 relative to
its own pure-fluid EOS. The crate keeps the EOS's definition. So the full h, s, cp, w
written here are CoolProp's mixture residual part plus the ideal-gas part assembled from
CoolProp's pure-fluid states of the components at the same T and molar density (with
CoolProp's mixture conventions: R = 8.31446261815324 J/(mol K) and each component's reduced
ideal-gas Helmholtz energy and ln x_i weighted by R_i / R):
  h = h_res + R T + sum_i x_i (h0_i - R_i T),  s = s_res + sum_i x_i (s0_i - R_i ln x_i),
  cp = (cp - cp0) + R + sum_i x_i (cp0_i - R_i), cv likewise, w^2 = (cp / cv) (dp/drho)_T / M,
where h0_i = h_i - h_res,i, s0_i = s_i - s_res,i and cp0_i are the pure component's ideal-gas
values at (T, rho). Where the nominal critical point equals the reducing state this is
CoolProp's own mixture value (the script checks it), and CoolProp's raw h, s, cp are written
too (columns cp_h, cp_s, cp_cp) to document the difference.

Columns: components (CoolProp names joined by '&'), mole fractions (joined by ' '), T [K],
rho [mol/m3], p [Pa], h [J/mol], s [J/(mol K)], cp [J/(mol K)], w [m/s], h_res, s_res,
cp_res = cp - cp0, ln phi_i (joined by ' '), same_ideal (1 if CoolProp's ideal part is the
EOS's), cp_h, cp_s, cp_cp. Only states with 0 < p <= 100 MPa, cp > 0 and finite values are
written.
"""
import json
import math
import os
import sys

import CoolProp
import CoolProp.CoolProp as CP

PINNED = "8.0.0"

# (CoolProp names, list of mole-fraction vectors); names map to the crate's canonical
# names in the Rust test (n-Propane -> R290, IsoButane -> R600a, CarbonDioxide -> R744).
MIXTURES = [
    # R454B 68.9/31.1 mass % = 0.8292/0.1708 mol; Bell JPCRD 2023 pair with departure function
    (["R32", "R1234yf"], [[0.8292467, 0.1707533], [0.5, 0.5], [0.1, 0.9]]),
    # R513A 56/44 mass % R1234yf/R134a; Bell JPCRD 2022
    (["R1234yf", "R134a"], [[0.5236216, 0.4763784], [0.2, 0.8]]),
    # Lemmon & Jacobsen 2004 xi/zeta pair with its own departure function
    (["R32", "R134a"], [[0.4, 0.6]]),
    (["R32", "R1234ze(E)"], [[0.7, 0.3]]),
    # GERG-2008 departure function with F != 1 (Kunz & Wagner 2012)
    (["n-Propane", "IsoButane"], [[0.6, 0.4]]),
    # pair without a departure function (F = 0)
    (["CarbonDioxide", "R1234yf"], [[0.3, 0.7]]),
    # ternary: three pairs with departure functions
    (["R32", "R1234yf", "R134a"], [[0.5, 0.3, 0.2]]),
    # R410A 50/50 mass % R32/R125 (Lemmon & Jacobsen 2004 pair with its departure function)
    (["R32", "R125"], [[0.6976147, 0.3023853]]),
    # R452B 67/7/26 mass % R32/R125/R1234yf
    (["R32", "R125", "R1234yf"], [[0.8181209, 0.0370498, 0.1448293]]),
    # R407C 23/25/52 mass % R32/R125/R134a (GeneralizedHFC departure function for R125/R134a)
    (["R32", "R125", "R134a"], [[0.3811094, 0.1795589, 0.4393317]]),
]

T_FACTORS = [0.6, 0.8, 0.95, 1.05, 1.3, 1.8]
DELTAS = [1e-4, 0.01, 0.2, 0.8, 1.2, 1.8, 2.2, 2.6, 3.0]


def fmt(x):
    return repr(float(x))


def nominal_is_reducing(name):
    """True if CoolProp's nominal critical point of a fluid equals its EOS reducing state."""
    j = json.loads(CP.get_fluid_param_string(name, "JSON"))
    j = j[0] if isinstance(j, list) else j
    crit, red = j["STATES"]["critical"], j["EOS"][0]["STATES"]["reducing"]
    return crit["T"] == red["T"] and crit["rhomolar"] == red["rhomolar"]


def pure_ideal(name, T, rho):
    """Ideal-gas h0, s0 (at T and molar density rho), cp0 and the EOS gas constant of a pure fluid."""
    st = CP.AbstractState("HEOS", name)
    st.specify_phase(CP.iphase_gas)
    st.update(CP.DmolarT_INPUTS, rho, T)
    return (st.hmolar() - st.hmolar_residual(), st.smolar() - st.smolar_residual(), st.cp0molar(),
            st.gas_constant())


def main():
    if CoolProp.__version__ != PINNED:
        sys.exit(f"CoolProp {PINNED} required, found {CoolProp.__version__}")
    rows = ["# components,x,T,rhomolar,p,hmolar,smolar,cpmolar,w,h_res,s_res,cp_res,lnphi,same_ideal,cp_h,cp_s,cp_cp"]
    for names, xs in MIXTURES:
        for x in xs:
            st = CP.AbstractState("HEOS", "&".join(names))
            st.set_mole_fractions(x)
            tr, rr = st.T_reducing(), st.rhomolar_reducing()
            same = all(nominal_is_reducing(n) for n in names)
            for ft in T_FACTORS:
                for dl in DELTAS:
                    T, rho = ft * tr, dl * rr
                    st = CP.AbstractState("HEOS", "&".join(names))
                    st.set_mole_fractions(x)
                    st.specify_phase(CP.iphase_gas)
                    try:
                        st.update(CP.DmolarT_INPUTS, rho, T)
                        raw = [st.p(), st.hmolar(), st.smolar(), st.cpmolar(), st.speed_sound()]
                        res = [st.hmolar_residual(), st.smolar_residual(), st.cpmolar() - st.cp0molar()]
                        cv_res = st.cvmolar() - (st.cp0molar() - st.gas_constant())
                        dpdrho = st.first_partial_deriv(CP.iP, CP.iDmolar, CP.iT)
                        lnphi = [math.log(st.fugacity_coefficient(i)) for i in range(len(names))]
                        ideal = [pure_ideal(n, T, rho) for n in names]
                    except ValueError:
                        continue
                    if not (0 < raw[0] <= 1e8 and raw[3] > 0 and all(math.isfinite(v) for v in raw + res + lnphi)):
                        continue
                    R = st.gas_constant()
                    h = res[0] + R * T + sum(xi * (h0 - Ri * T) for xi, (h0, s0, c0, Ri) in zip(x, ideal))
                    s = res[1] + sum(xi * (s0 - Ri * math.log(xi)) for xi, (h0, s0, c0, Ri) in zip(x, ideal))
                    cp0 = R + sum(xi * (c0 - Ri) for xi, (h0, s0, c0, Ri) in zip(x, ideal))
                    cp, cv = res[2] + cp0, cv_res + cp0 - R
                    w = math.sqrt(cp / cv * dpdrho / st.molar_mass())
                    vals = [raw[0], h, s, cp, w]
                    if same:
                        for a, b in zip(vals, raw):
                            if abs(a - b) > 1e-11 * max(abs(b), R * T):
                                sys.exit(f"assembled ideal part differs from CoolProp's: {names} {x} {T} {rho}: {a} {b}")
                    rows.append(",".join(["&".join(names), " ".join(fmt(v) for v in x), fmt(T), fmt(rho)]
                                         + [fmt(v) for v in vals + res] + [" ".join(fmt(v) for v in lnphi)]
                                         + ["1" if same else "0"] + [fmt(v) for v in raw[1:4]]))
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "data", "mixture_reference.csv")
    with open(path, "w") as fh:
        fh.write("\n".join(rows) + "\n")
    print("wrote", path, len(rows) - 1, "rows")


if __name__ == "__main__":
    main()
