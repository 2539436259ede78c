#!/usr/bin/env python3
"""Generate Rust coefficient tables for entropyk-thermo from CoolProp.

Requires exactly CoolProp==8.0.0 (pip install CoolProp==8.0.0).

Usage (from the repository root):
    python3 thermo/scripts/generate_fluid_data.py

Writes thermo/src/fluids/<name>_data.rs for every fluid in FLUIDS. The generated
files contain only `const` data; nothing is parsed at run time.

The coefficients come from the CoolProp fluid library (MIT licence, see the
notice written into every generated file). The script also checks that the
ideal-gas part as given in the CoolProp JSON reproduces CoolProp's own enthalpy
and entropy (its default reference state) and, if it does not, folds the
constant offsets into the IdealGasHelmholtzLead a1/a2 terms (documented in the
generated header).
"""
import json
import math
import os
import sys

import CoolProp
import CoolProp.CoolProp as CP

PINNED = "8.0.0"

COOLPROP_LICENSE = """CoolProp (<http://www.coolprop.org>) is distributed under the MIT licence:

Copyright (c) 2010-2024 Ian H. Bell, Jorrit Wronski, Sylvain Quoilin,
Vincent Lemort and the CoolProp contributors

Permission is hereby granted, free of charge, to any person obtaining a copy of
this software and associated documentation files (the "Software"), to deal in
the Software without restriction, including without limitation the rights to
use, copy, modify, merge, publish, distribute, sublicense, and/or sell copies
of the Software, and to permit persons to whom the Software is furnished to do
so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
SOFTWARE."""

# name in CoolProp, rust module stem, rust const prefix, aliases, citation
FLUIDS = [
    {
        "coolprop": "R134a",
        "stem": "r134a",
        "aliases": ["R134A", "R-134A", "HFC-134A", "HFC134A", "1,1,1,2-TETRAFLUOROETHANE", "NORFLURANE"],
        "citation": "R. Tillner-Roth and H. D. Baehr, \"An International Standard Formulation for the "
                    "Thermodynamic Properties of 1,1,1,2-Tetrafluoroethane (HFC-134a) for Temperatures "
                    "from 170 K to 455 K and Pressures up to 70 MPa\", J. Phys. Chem. Ref. Data 23, "
                    "657-729 (1994), doi:10.1063/1.555958",
    },
]


def rf(x):
    """Round-trip float literal for Rust."""
    r = repr(float(x))
    if "e" not in r and "." not in r and "inf" not in r and "nan" not in r:
        r += ".0"
    return r


def ideal_terms(alpha0):
    out = []
    for term in alpha0:
        ty = term["type"]
        if ty == "IdealGasHelmholtzLead":
            out.append(("Lead", {"a1": term["a1"], "a2": term["a2"]}))
        elif ty == "IdealGasHelmholtzLogTau":
            out.append(("LogTau", {"a": term["a"]}))
        elif ty == "IdealGasHelmholtzPower":
            for n, t in zip(term["n"], term["t"]):
                out.append(("Power", {"n": n, "t": t}))
        elif ty == "IdealGasHelmholtzPlanckEinstein":
            for n, t in zip(term["n"], term["t"]):
                out.append(("PlanckEinstein", {"n": n, "t": t}))
        else:
            raise SystemExit(f"ideal-gas term type {ty} not supported by the generator yet")
    return out


def residual_terms(alphar):
    out = []
    for term in alphar:
        ty = term["type"]
        if ty == "ResidualHelmholtzPower":
            for n, d, t, l in zip(term["n"], term["d"], term["t"], term["l"]):
                if float(d) != int(d):
                    raise SystemExit("non-integer density exponent not supported")
                out.append({"n": n, "d": int(d), "t": t, "l": int(l)})
        else:
            raise SystemExit(f"residual term type {ty} not supported by the generator yet")
    return out


def alpha0_eval(terms, tau, delta):
    a = math.log(delta)
    ta = 0.0
    for kind, c in terms:
        if kind == "Lead":
            a += c["a1"] + c["a2"] * tau
            ta += c["a2"] * tau
        elif kind == "LogTau":
            a += c["a"] * math.log(tau)
            ta += c["a"]
        elif kind == "Power":
            a += c["n"] * tau ** c["t"]
            ta += c["n"] * c["t"] * tau ** c["t"]
        elif kind == "PlanckEinstein":
            e = math.exp(-c["t"] * tau)
            a += c["n"] * math.log(1 - e)
            ta += c["n"] * c["t"] * tau * e / (1 - e)
    return a, ta  # alpha0, tau*dalpha0/dtau


def alphar_eval(terms, tau, delta):
    a = da = ta = 0.0
    for c in terms:
        e = math.exp(-delta ** c["l"]) if c["l"] > 0 else 1.0
        v = c["n"] * delta ** c["d"] * tau ** c["t"] * e
        a += v
        da += v * (c["d"] - (c["l"] * delta ** c["l"] if c["l"] > 0 else 0.0))
        ta += v * c["t"]
    return a, da, ta  # alphar, delta*dalphar/ddelta, tau*dalphar/dtau


def reference_offsets(fl, eos, iterms, rterms):
    """Return (da1, da2) to add to the Lead term so that h and s match CoolProp."""
    R = eos["gas_constant"] / eos["molar_mass"]
    Tr = eos["STATES"]["reducing"]["T"]
    rhor = eos["STATES"]["reducing"]["rhomolar"] * eos["molar_mass"]
    dh, ds = [], []
    for T, rho in [(273.15, None), (300.0, 20.0), (250.0, 1420.0), (400.0, 300.0)]:
        if rho is None:
            rho = CP.PropsSI("D", "T", T, "Q", 0, fl)
            h_cp = CP.PropsSI("H", "T", T, "Q", 0, fl)
            s_cp = CP.PropsSI("S", "T", T, "Q", 0, fl)
        else:
            h_cp = CP.PropsSI("H", "T", T, "D", rho, fl)
            s_cp = CP.PropsSI("S", "T", T, "D", rho, fl)
        tau, delta = Tr / T, rho / rhor
        a0, ta0 = alpha0_eval(iterms, tau, delta)
        ar, dar, tar = alphar_eval(rterms, tau, delta)
        h = R * T * (1 + ta0 + tar + dar)
        s = R * (ta0 + tar - a0 - ar)
        dh.append(h_cp - h)
        ds.append(s_cp - s)
    # h_cp = h + dh  <=> alpha0 += -dh/(R Tr) * tau ; s_cp = s + ds <=> alpha0 += -ds/R
    dh_m = sum(dh) / len(dh)
    ds_m = sum(ds) / len(ds)
    spread = max(abs(x - dh_m) for x in dh), max(abs(x - ds_m) for x in ds)
    if spread[0] > 1e-6 or spread[1] > 1e-9:
        raise SystemExit(f"inconsistent reference offsets {dh} {ds}")
    if abs(dh_m) < 1e-6 and abs(ds_m) < 1e-9:
        # CoolProp's JSON ideal-gas part already gives its default reference state;
        # the differences are floating-point noise: apply no offset.
        return dh_m, ds_m, 0.0, 0.0
    return dh_m, ds_m, -ds_m / R, -dh_m / (R * Tr)


def cheb_block(name, exps, unit_scale):
    lines = [f"pub(crate) const {name}: &[ChebyshevExpansion] = &["]
    for e in exps:
        coef = ", ".join(rf(c * unit_scale) for c in e["coef"])
        lines.append(f"    ChebyshevExpansion {{ xmin: {rf(e['xmin'])}, xmax: {rf(e['xmax'])}, coef: &[{coef}] }},")
    lines.append("];")
    return "\n".join(lines)


def chebval(e, x):
    u = (2 * x - (e["xmax"] + e["xmin"])) / (e["xmax"] - e["xmin"])
    b0 = b1 = 0.0
    for c in reversed(e["coef"][1:]):
        b0, b1 = 2 * u * b0 - b1 + c, b0
    return u * b0 - b1 + e["coef"][0]


def generate(spec, outdir):
    fl = spec["coolprop"]
    j = json.loads(CP.get_fluid_param_string(fl, "JSON"))
    j = j[0] if isinstance(j, list) else j
    eos = j["EOS"][0]
    M = eos["molar_mass"]
    iterms = ideal_terms(eos["alpha0"])
    rterms = residual_terms(eos["alphar"])
    dh, ds, da1, da2 = reference_offsets(fl, eos, iterms, rterms)
    sa = eos["SUPERANCILLARY"]
    Tcrit = CP.PropsSI("Tcrit", fl)
    pcrit = CP.PropsSI("pcrit", fl)
    rhocrit = CP.PropsSI("rhocrit", fl)
    Ttrip = CP.PropsSI("T_triple", fl)
    ptrip = CP.PropsSI("P", "T", Ttrip, "Q", 0, fl)
    Tmax = CP.PropsSI("Tmax", fl)
    pmax = CP.PropsSI("pmax", fl)
    rho_max = CP.PropsSI("D", "T", Ttrip, "P", pmax, fl)
    sa_Tmax = sa["jexpansions_p"][-1]["xmax"]
    p_sa_max = chebval(sa["jexpansions_p"][-1], sa_Tmax)
    # pressure at the lower end of every p expansion (monotone in T), for inverse lookup
    p_nodes = [chebval(e, e["xmin"]) for e in sa["jexpansions_p"]] + [p_sa_max]

    stem = spec["stem"]
    up = stem.upper()
    out = []
    out.append(f"//! Generated by thermo/scripts/generate_fluid_data.py from CoolProp {CoolProp.__version__}. DO NOT EDIT.")
    out.append("//!")
    out.append(f"//! Fluid: {fl}. Equation of state: {spec['citation']}.")
    out.append("//! Superancillary equations (Chebyshev expansions of p_sat, rho', rho'' in T):")
    out.append("//! superancillary equations of I. H. Bell and co-workers, as distributed in the CoolProp")
    out.append("//! fluid library (source EOS hash")
    out.append(f"//! {sa.get('source_eos_hash', '?')}). Densities converted from mol/m3 to kg/m3.")
    out.append("//!")
    out.append(f"//! Reference state: CoolProp default. measured offset of the JSON ideal-gas part vs CoolProp")
    out.append(f"//! delta h = {dh!r} J/kg, delta s = {ds!r} J/(kg K) -> applied da1 = {da1!r}, da2 = {da2!r}.")
    out.append("//!")
    for line in COOLPROP_LICENSE.splitlines():
        out.append("//! " + line if line else "//!")
    out.append("")
    out.append("use crate::fluids::FluidData;")
    out.append("use crate::helmholtz::ideal::IdealTerm;")
    out.append("use crate::helmholtz::residual::ResidualTerm;")
    out.append("use crate::superancillary::{ChebyshevExpansion, Superancillary};")
    out.append("")
    out.append(f"const IDEAL: &[IdealTerm] = &[")
    for kind, c in iterms:
        if kind == "Lead":
            out.append(f"    IdealTerm::Lead {{ a1: {rf(c['a1'] + da1)}, a2: {rf(c['a2'] + da2)} }},")
        elif kind == "LogTau":
            out.append(f"    IdealTerm::LogTau {{ a: {rf(c['a'])} }},")
        else:
            out.append(f"    IdealTerm::{kind} {{ n: {rf(c['n'])}, t: {rf(c['t'])} }},")
    out.append("];")
    out.append("")
    out.append("const RESIDUAL: &[ResidualTerm] = &[")
    for c in rterms:
        out.append(f"    ResidualTerm::Power {{ n: {rf(c['n'])}, d: {c['d']}, t: {rf(c['t'])}, l: {c['l']} }},")
    out.append("];")
    out.append("")
    out.append(cheb_block("SA_P", sa["jexpansions_p"], 1.0))
    out.append("")
    out.append(cheb_block("SA_RHOL", sa["jexpansions_rhoL"], M))
    out.append("")
    out.append(cheb_block("SA_RHOV", sa["jexpansions_rhoV"], M))
    out.append("")
    out.append("const SA_P_NODES: &[f64] = &[" + ", ".join(rf(x) for x in p_nodes) + "];")
    out.append("")
    aliases = ", ".join(f'"{a}"' for a in spec["aliases"])
    out.append(f"/// {fl} data ({spec['citation']}).")
    out.append(f"pub(crate) static {up}: FluidData = FluidData {{")
    out.append(f'    name: "{fl}",')
    out.append(f"    aliases: &[{aliases}],")
    out.append(f"    molar_mass: {rf(M)},")
    out.append(f"    gas_constant_molar: {rf(eos['gas_constant'])},")
    out.append(f"    t_reducing: {rf(eos['STATES']['reducing']['T'])},")
    out.append(f"    rho_reducing: {rf(eos['STATES']['reducing']['rhomolar'] * M)},")
    out.append(f"    t_critical: {rf(Tcrit)},")
    out.append(f"    p_critical: {rf(pcrit)},")
    out.append(f"    rho_critical: {rf(rhocrit)},")
    out.append(f"    t_triple: {rf(Ttrip)},")
    out.append(f"    p_triple: {rf(ptrip)},")
    out.append(f"    t_max: {rf(Tmax)},")
    out.append(f"    p_max: {rf(pmax)},")
    out.append(f"    rho_max: {rf(rho_max * 1.05)},")
    out.append("    ideal: IDEAL,")
    out.append("    residual: RESIDUAL,")
    out.append("    superancillary: Superancillary {")
    out.append("        p: SA_P,")
    out.append("        rho_liquid: SA_RHOL,")
    out.append("        rho_vapor: SA_RHOV,")
    out.append("        p_nodes: SA_P_NODES,")
    out.append(f"        t_min: {rf(sa['jexpansions_p'][0]['xmin'])},")
    out.append(f"        t_max: {rf(sa_Tmax)},")
    out.append(f"        p_at_t_max: {rf(p_sa_max)},")
    out.append("    },")
    out.append("};")
    path = os.path.join(outdir, f"{stem}_data.rs")
    with open(path, "w") as f:
        f.write("\n".join(out) + "\n")
    print("wrote", path, "offsets dh, ds =", dh, ds)


def main():
    if CoolProp.__version__ != PINNED:
        sys.exit(f"CoolProp {PINNED} required, found {CoolProp.__version__}")
    here = os.path.dirname(os.path.abspath(__file__))
    outdir = os.path.join(here, "..", "src", "fluids")
    for spec in FLUIDS:
        generate(spec, outdir)


if __name__ == "__main__":
    main()
