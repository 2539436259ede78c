#!/usr/bin/env python3
"""Generate the water-glycol brine correlations and reference data for entropyk-thermo.

Requires exactly CoolProp==8.0.0 (pip install CoolProp==8.0.0) and NumPy.

Usage (from the repository root):
    python3 thermo/scripts/generate_brine_data.py

Writes
  * thermo/src/brine/data.rs                 (Rust `const` coefficient tables), and
  * thermo/tests/data/brine_reference.csv    (CoolProp reference values).

Source of the correlations
--------------------------
CoolProp's incompressible solutions INCOMP::MEG (aqueous ethylene glycol) and
INCOMP::MPG (aqueous propylene glycol) implement the polynomial correlations of

    Melinder, A. (2010). Properties of Secondary Working Fluids for Indirect
    Systems. International Institute of Refrigeration (IIR), Paris.

in the form (y = T - T_base in K, z = w - w_base, w = glycol mass fraction)

    rho, cp, k, ln(mu) = sum_{i=0..5} sum_{j=0..3, i+j<=5} c_ij z^i y^j     (18 terms)
    T_freeze           = sum_{i=0..5} f_i z^i                               (K)

with mu in Pa s (Melinder's mPa s folded into c_00), cp in J/(kg K), rho in
kg/m3, k in W/(m K). T_base and w_base are Melinder's centring values (as used by
CoolProp). This script does NOT copy coefficient tables: it samples CoolProp
(PropsSI at p = 1 bar; the correlations do not depend on p) on a grid inside the
validity domain and solves the linear least-squares problem for the 18 (resp. 6)
coefficients of exactly that basis. Because CoolProp evaluates a polynomial of the
same basis, the solve recovers it up to rounding: the script checks that the
relative residual is below 1e-10 (and that a fuller 6x4 basis gives no extra terms)
and refuses to write otherwise.

Reference state and pressure term (CoolProp INCOMP convention, reproduced in Rust):
    h(T,p) = int_{T0}^{T} cp dT + p g(T) - p0 g(T0),  g = (1/rho)(1 + (T/rho) drho/dT)
    s(T,p) = int_{T0}^{T} cp/T dT + p q(T) - p0 q(T0), q = (1/rho^2) drho/dT
with T0 = 293.15 K, p0 = 101325 Pa, h(T0,p0) = s(T0,p0) = 0 for each mass fraction;
(dh/dp)_T = v - T (dv/dT)_p and (ds/dp)_T = -(dv/dT)_p are the exact relations
for a p-independent density. The script checks this convention against CoolProp.

Reference CSV columns (SI): fluid,w,T,p,rho,cp,mu,k,h,s,T_freeze
"""
import math
import os
import sys

import numpy as np

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

CITATION = ("Melinder, A. (2010). Properties of Secondary Working Fluids for Indirect "
            "Systems. International Institute of Refrigeration (IIR), Paris.")

# CoolProp name, Rust const, description, aliases (upper case), Melinder centring values
BRINES = [
    {"coolprop": "MEG", "const": "MEG", "description": "aqueous ethylene glycol (monoethylene glycol)",
     "aliases": ["MEG", "EG", "ETHYLENE GLYCOL", "ETHYLENEGLYCOL", "ETHYLENE-GLYCOL", "MONOETHYLENE GLYCOL"],
     "t_base": 31.728 + 273.15, "w_base": 30.8462 / 100.0},
    {"coolprop": "MPG", "const": "MPG", "description": "aqueous propylene glycol (monopropylene glycol)",
     "aliases": ["MPG", "PG", "PROPYLENE GLYCOL", "PROPYLENEGLYCOL", "PROPYLENE-GLYCOL", "MONOPROPYLENE GLYCOL"],
     "t_base": 32.7083 + 273.15, "w_base": 30.7031 / 100.0},
]

# Melinder triangular basis: (i = power of z, j = power of y), i + j <= 5, j <= 3
BASIS = [(i, j) for i in range(6) for j in range(4) if i + j <= 5]
FULL = [(i, j) for i in range(6) for j in range(4)]
T_REF = 293.15
P_REF = 101325.0
FIT_TOL = 1e-10


def fluid_string(name, w):
    return f"INCOMP::{name}[{float(w)!r}]"


def props(key, T, p, name, w):
    return CP.PropsSI(key, "T", float(T), "P", float(p), fluid_string(name, w))


def limits(name):
    f = fluid_string(name, 0.3)
    wmin = CP.PropsSI("fraction_min", "T", 300.0, "P", 1e5, f)
    wmax = CP.PropsSI("fraction_max", "T", 300.0, "P", 1e5, f)
    tmin = CP.PropsSI("Tmin", "T", 300.0, "P", 1e5, f)
    tmax = CP.PropsSI("Tmax", "T", 300.0, "P", 1e5, f)
    return wmin, wmax, tmin, tmax


def lstsq(rows, values):
    a = np.array(rows, dtype=float)
    b = np.array(values, dtype=float)
    scale = np.max(np.abs(a), axis=0)
    c, *_ = np.linalg.lstsq(a / scale, b, rcond=None)
    c = c / scale
    rel = np.max(np.abs((a @ c - b) / b))
    return c, rel


def fit_brine(b):
    name, tb, wb = b["coolprop"], b["t_base"], b["w_base"]
    wmin, wmax, tmin, tmax = limits(name)
    # sample inside the domain where every w is liquid: T above the highest freezing point
    ws = np.linspace(wmin, wmax, 25)
    ts = np.linspace(274.0, tmax, 30)
    samples = {k: [] for k in "DCLV"}
    rows_tri, rows_full = [], []
    for w in ws:
        for t in ts:
            for k in "DCLV":
                samples[k].append(props(k, t, 1e5, name, w))
            rows_tri.append([(w - wb) ** i * (t - tb) ** j for (i, j) in BASIS])
            rows_full.append([(w - wb) ** i * (t - tb) ** j for (i, j) in FULL])
    out = {}
    for k, key in zip("DCLV", ["rho", "cp", "k", "ln_mu"]):
        vals = np.array(samples[k])
        if k == "V":
            vals = np.log(vals)
        c, rel = lstsq(rows_tri, vals)
        cf, _ = lstsq(rows_full, vals)
        extra = max(abs(cf[FULL.index(ij)]) * max(abs(wmax - wb), abs(wmin - wb)) ** ij[0]
                    * 100.0 ** ij[1] for ij in FULL if ij not in BASIS) / np.max(np.abs(vals))
        print(f"{name} {key:6s}: max rel residual {rel:.2e}, relative size of non-Melinder terms {extra:.1e}")
        if rel > FIT_TOL or extra > 1e-8:
            sys.exit(f"{name} {key}: CoolProp is not the Melinder polynomial (residual {rel:.2e})")
        mat = [[0.0] * 4 for _ in range(6)]
        for (i, j), v in zip(BASIS, c):
            mat[i][j] = float(v)
        out[key] = mat
    # freezing temperature: polynomial in z only
    wf = np.linspace(wmin, wmax, 31)
    tf = [props("T_freeze", 300.0, 1e5, name, w) for w in wf]
    cf, rel = lstsq([[(w - wb) ** i for i in range(6)] for w in wf], tf)
    print(f"{name} T_freeze: max rel residual {rel:.2e}")
    if rel > FIT_TOL:
        sys.exit(f"{name} T_freeze: not a quintic in w (residual {rel:.2e})")
    out["t_freeze"] = [float(v) for v in cf]
    out.update(w_min=wmin, w_max=wmax, t_min=tmin, t_max=tmax)
    check_caloric_convention(name)
    return out


def check_caloric_convention(name):
    """h(T0, p0) = s(T0, p0) = 0 and the pressure terms as documented above."""
    for w in (0.1, 0.3, 0.5):
        h0 = props("H", T_REF, P_REF, name, w)
        s0 = props("S", T_REF, P_REF, name, w)
        assert abs(h0) < 1e-6 and abs(s0) < 1e-9, (name, w, h0, s0)
        t, dt = 300.0, 1e-3
        rho = props("D", t, 1e5, name, w)
        drho = (props("D", t + dt, 1e5, name, w) - props("D", t - dt, 1e5, name, w)) / (2 * dt)
        dhdp = (props("H", t, 3e6, name, w) - props("H", t, 1e5, name, w)) / 2.9e6
        dsdp = (props("S", t, 3e6, name, w) - props("S", t, 1e5, name, w)) / 2.9e6
        g = (1 / rho) * (1 + t / rho * drho)
        q = drho / rho ** 2
        assert abs(dhdp / g - 1) < 1e-6, (name, w, dhdp, g)
        assert abs(dsdp / q - 1) < 1e-5, (name, w, dsdp, q)


def rust_f64(x):
    s = repr(float(x))
    if "e" not in s and "." not in s and "inf" not in s and "nan" not in s:
        s += ".0"
    return s


def write_rust(path, fits):
    lines = [
        "//! Generated by thermo/scripts/generate_brine_data.py from CoolProp 8.0.0. DO NOT EDIT.",
        "//!",
        "//! Water-glycol correlations of CoolProp's INCOMP::MEG and INCOMP::MPG, i.e. the",
        f"//! polynomials of {CITATION}",
        "//! Coefficients recovered by a linear solve in Melinder's basis",
        "//! (z = w - w_base)^i (y = T - T_base)^j, i + j <= 5, j <= 3; see the script.",
        "//!",
    ]
    lines += ["//! " + l if l else "//!" for l in COOLPROP_LICENSE.splitlines()]
    lines += ["", "use super::BrineData;", ""]
    for b in BRINES:
        f = fits[b["const"]]
        lines.append(f"/// {b['description']}: {CITATION}")
        lines.append(f"pub(super) static {b['const']}: BrineData = BrineData {{")
        lines.append(f"    name: \"{b['coolprop']}\",")
        lines.append(f"    description: \"{b['description']}\",")
        lines.append("    aliases: &[" + ", ".join(f"\"{a}\"" for a in b["aliases"]) + "],")
        lines.append(f"    t_base: {rust_f64(b['t_base'])},")
        lines.append(f"    w_base: {rust_f64(b['w_base'])},")
        lines.append(f"    w_min: {rust_f64(f['w_min'])},")
        lines.append(f"    w_max: {rust_f64(f['w_max'])},")
        lines.append(f"    t_max: {rust_f64(f['t_max'])},")
        for key in ("rho", "cp", "k", "ln_mu"):
            lines.append(f"    {key}: [")
            for row in f[key]:
                lines.append("        [" + ", ".join(rust_f64(v) for v in row) + "],")
            lines.append("    ],")
        lines.append("    t_freeze: [" + ", ".join(rust_f64(v) for v in f["t_freeze"]) + "],")
        lines.append("};")
        lines.append("")
    with open(path, "w") as fh:
        fh.write("\n".join(lines))
    print("wrote", path)


def write_reference(path, fits):
    rows = []
    for b in BRINES:
        name = b["coolprop"]
        f = fits[b["const"]]
        for w in (0.0, 0.1, 0.2, 0.25, 0.3, 0.4, 0.45, 0.5, 0.6):
            tf = props("T_freeze", 300.0, 1e5, name, w)
            temps = [tf + 1e-6, tf + 0.5] + [t for t in np.arange(225.0, f["t_max"], 10.0) if t > tf + 0.5]
            temps += [f["t_max"] - 0.01, f["t_max"]]
            for t in temps:
                for p in (P_REF, 5e5, 3e6):
                    vals = [props(k, t, p, name, w) for k in ("D", "C", "V", "L", "H", "S")]
                    rows.append(",".join([name, repr(float(w)), repr(float(t)), repr(float(p))]
                                         + [repr(float(v)) for v in vals] + [repr(float(tf))]))
    with open(path, "w") as fh:
        fh.write("# Water-glycol reference data from CoolProp 8.0.0 (INCOMP::MEG, INCOMP::MPG; Melinder 2010;"
                 " MIT licence); generated by thermo/scripts/generate_brine_data.py\n")
        fh.write("# reference state: h = s = 0 at T = 293.15 K, p = 101325 Pa for each w\n")
        fh.write("# fluid,w,T,p,rho,cp,mu,k,h,s,T_freeze (SI: K, Pa, kg/m3, J/(kg K), Pa s, W/(m K), J/kg, J/(kg K), K)\n")
        fh.write("\n".join(rows) + "\n")
    print("wrote", path, len(rows), "rows")


def main():
    if CoolProp.__version__ != PINNED:
        sys.exit(f"CoolProp {PINNED} required, found {CoolProp.__version__}")
    here = os.path.dirname(os.path.abspath(__file__))
    fits = {b["const"]: fit_brine(b) for b in BRINES}
    write_rust(os.path.join(here, "..", "src", "brine", "data.rs"), fits)
    write_reference(os.path.join(here, "..", "tests", "data", "brine_reference.csv"), fits)


if __name__ == "__main__":
    main()
