#!/usr/bin/env python3
"""Generate thermo/src/mixture/pairs_data.rs (binary interaction parameters and departure
functions of the multi-fluid mixture model) from CoolProp.

Requires exactly CoolProp==8.0.0 (pip install CoolProp==8.0.0).

Usage (from the repository root):
    python3 thermo/scripts/generate_mixture_data.py

Sources, all from the installed CoolProp package (MIT licence, notice written into the
generated file):
* the binary pairs among the pure fluids that thermo has a generated data file for
  (thermo/src/fluids/<stem>_data.rs, listed in generate_fluid_data.FLUIDS), from
  `CoolProp.CoolProp.get_mixture_binary_pair_data(CAS1, CAS2, key)` (CAS numbers in
  CoolProp's sorted order): beta_T, gamma_T, beta_v, gamma_v, F, departure-function name
  and BibTeX key. Pairs given in Lemmon's xi/zeta form (Lemmon & Jacobsen, JPCRD 33, 2004)
  are converted to the GERG form exactly as CoolProp does on load
  (`LemmonAirHFCReducingFunction::convert_to_GERG`): beta_T = beta_v = 1,
  gamma_T = (T_c1 + T_c2 + xi) / (2 sqrt(T_c1 T_c2)),
  gamma_v = (v_c1 + v_c2 + zeta) / (1/4 (v_c1^(1/3) + v_c2^(1/3))^3), with the components'
  reducing temperatures and molar volumes.
* the departure functions: CoolProp's `mixture_departure_functions.json`, which the
  Python package does not expose through an API but ships verbatim inside its compiled
  extension module; it is read from there (the JSON array whose entries carry
  "Name", "type", "n", "d", "t"), so the data are those of the pinned version.
* the full references of the BibTeX keys: CoolPropBibTeXLibrary.bib shipped with the package.

Pairs that CoolProp does not have are not written (the Rust side refuses such a mixture
with a typed error naming the pair).
"""
import itertools
import json
import math
import os
import re
import sys

import CoolProp
import CoolProp.CoolProp as CP

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import generate_fluid_data as gfd  # noqa: E402  (FLUIDS, licence notice, rf)

PINNED = "8.0.0"


def departure_library():
    """The departure-function JSON array embedded in CoolProp's extension module."""
    pkg = os.path.dirname(CoolProp.__file__)
    so = [f for f in os.listdir(pkg) if f.startswith("CoolProp.") and (f.endswith(".so") or f.endswith(".pyd"))]
    if len(so) != 1:
        sys.exit(f"expected one CoolProp extension module in {pkg}, found {so}")
    text = open(os.path.join(pkg, so[0]), "rb").read().decode("latin-1")
    dec = json.JSONDecoder()
    for m in re.finditer(r'\[\s*\{\s*"Name"\s*:', text):
        try:
            obj, _ = dec.raw_decode(text, m.start())
        except ValueError:
            continue
        if isinstance(obj, list) and obj and all(
            isinstance(o, dict) and {"Name", "type", "n", "d", "t"} <= set(o) for o in obj
        ):
            lib = {}
            for o in obj:
                lib[o["Name"]] = o
                for a in o.get("aliases", []):
                    lib[a] = o
            return lib
    sys.exit("departure functions not found in the CoolProp extension module")


def bibtex():
    """BibTeX key -> one-line reference, from the bib file shipped with CoolProp."""
    path = os.path.join(os.path.dirname(CoolProp.__file__), "CoolPropBibTeXLibrary.bib")
    refs = {}
    for m in re.finditer(r"@(\w+)\{([^,]+),(.*?)\n\}", open(path, encoding="utf-8").read(), re.S):
        fields = {k.lower(): v.strip() for k, v in re.findall(r"(\w+)\s*=\s*\{(.*?)\},?\s*\n", m.group(3) + "\n")}
        title = fields.get("title", "").strip("{}")
        parts = [fields.get("author", "?"), f'"{title}"']
        src = " ".join(x for x in [fields.get("journal", fields.get("school", "")), fields.get("volume", "")] if x)
        if fields.get("pages"):
            src += ", " + fields["pages"]
        if src:
            parts.append(src)
        parts.append(f"({fields.get('year', '?')})")
        if fields.get("doi"):
            parts.append("doi:" + fields["doi"])
        refs[m.group(2).strip()] = re.sub(r"\s+", " ", ", ".join(parts[:-2]) + " " + " ".join(parts[-2:]))
    return refs


def as_int(x, what):
    if float(x) != int(x):
        sys.exit(f"non-integer {what} exponent in a departure function")
    return int(x)


def departure_terms(dep):
    """Rust `DepartureTerm` literals of one CoolProp departure function."""
    ty = dep["type"]
    n, d, t = dep["n"], dep["d"], dep["t"]
    out = []
    if ty == "Exponential":
        for i in range(len(n)):
            out.append(f"DepartureTerm::Power {{ n: {gfd.rf(n[i])}, d: {as_int(d[i], 'density')}, "
                       f"t: {gfd.rf(t[i])}, l: {as_int(dep['l'][i], 'l')} }}")
    elif ty == "GERG-2008":
        npow = int(dep["Npower"])
        for i in range(len(n)):
            if i < npow:
                out.append(f"DepartureTerm::Power {{ n: {gfd.rf(n[i])}, d: {as_int(d[i], 'density')}, "
                           f"t: {gfd.rf(t[i])}, l: 0 }}")
            else:
                out.append(f"DepartureTerm::GergExponential {{ n: {gfd.rf(n[i])}, d: {as_int(d[i], 'density')}, "
                           f"t: {gfd.rf(t[i])}, eta: {gfd.rf(dep['eta'][i])}, epsilon: {gfd.rf(dep['epsilon'][i])}, "
                           f"beta: {gfd.rf(dep['beta'][i])}, gamma: {gfd.rf(dep['gamma'][i])} }}")
    else:
        return None
    return out


def components():
    """(canonical name, CoolProp name, CAS, T_r, v_r) of the generated pure fluids."""
    out = []
    for spec in gfd.FLUIDS:
        if not os.path.exists(os.path.join(HERE, "..", "src", "fluids", spec["stem"] + "_data.rs")):
            continue
        fl = spec["coolprop"]
        st = CP.AbstractState("HEOS", fl)
        eos = json.loads(CP.get_fluid_param_string(fl, "JSON"))
        eos = (eos[0] if isinstance(eos, list) else eos)["EOS"][0]
        if eos.get("pseudo_pure"):
            continue
        out.append((spec["name"], fl, CP.get_fluid_param_string(fl, "CAS"), st.T_reducing(),
                    1.0 / st.rhomolar_reducing()))
    return out


def main():
    if CoolProp.__version__ != PINNED:
        sys.exit(f"CoolProp {PINNED} required, found {CoolProp.__version__}")
    deps = departure_library()
    refs = bibtex()
    comps = components()
    pairs, used_deps, skipped = [], {}, []
    for a, b in itertools.combinations(comps, 2):
        (c1, c2) = sorted([a, b], key=lambda c: c[2])  # CoolProp's sorted-CAS order
        get = lambda key: CP.get_mixture_binary_pair_data(c1[2], c2[2], key)  # noqa: E731
        try:
            kind = get("type")
        except ValueError:
            skipped.append(f"{c1[0]}/{c2[0]}: no binary pair in CoolProp")
            continue
        if kind == "GERG-2008":
            bt, gt, bv, gv = (float(get(k)) for k in ("betaT", "gammaT", "betaV", "gammaV"))
            form = "beta/gamma"
        elif kind == "Lemmon-xi-zeta":
            xi, zeta = float(get("xi")), float(get("zeta"))
            (t1, v1), (t2, v2) = (c1[3], c1[4]), (c2[3], c2[4])
            bt = bv = 1.0
            gt = (t1 + t2 + xi) / (2.0 * math.sqrt(t1 * t2))
            gv = (v1 + v2 + zeta) / (0.25 * (v1 ** (1.0 / 3.0) + v2 ** (1.0 / 3.0)) ** 3)
            form = f"xi = {xi!r} K, zeta = {zeta!r} m3/mol, converted"
        else:
            skipped.append(f"{c1[0]}/{c2[0]}: reducing-function type {kind} not supported")
            continue
        f = float(get("F"))
        func = get("function") if f != 0.0 else None
        if func is not None:
            if func not in deps:
                sys.exit(f"departure function {func} of {c1[0]}/{c2[0]} not in CoolProp's library")
            terms = departure_terms(deps[func])
            if terms is None:
                skipped.append(f"{c1[0]}/{c2[0]}: departure type {deps[func]['type']} not supported")
                continue
            used_deps[deps[func]["Name"]] = (deps[func], terms)
            func = deps[func]["Name"]
        pairs.append(dict(names=(c1[0], c2[0]), cas=(c1[2], c2[2]), bt=bt, gt=gt, bv=bv, gv=gv, f=f,
                          func=func, bib=get("BibTeX"), form=form))

    keys = sorted({p["bib"] for p in pairs} | {d["BibTeX"] for d, _ in used_deps.values()})
    out = [f"//! Generated by thermo/scripts/generate_mixture_data.py from CoolProp {CoolProp.__version__}. DO NOT EDIT.",
           "//!",
           "//! Binary interaction parameters (Kunz-Wagner / GERG-2008 reducing functions) and departure",
           "//! functions of the multi-fluid mixture model, for every pair of the crate's pure fluids that",
           "//! CoolProp's mixture library has. Parameters are in CoolProp's orientation (the pair's",
           "//! components in sorted-CAS order); beta_T and beta_v invert when the order is swapped.",
           "//!",
           "//! Sources (CoolProp BibTeX keys):"]
    for k in keys:
        out.append(f"//! * [{k}] {refs.get(k, k)}.")
    out.append("//!")
    if skipped:
        out.append("//! Pairs not available (a mixture containing one is refused):")
        for s in skipped:
            out.append(f"//! * {s}.")
        out.append("//!")
    out += ["//! " + line if line else "//!" for line in gfd.COOLPROP_LICENSE.splitlines()]
    out += ["", "use crate::mixture::departure::DepartureTerm;", "use crate::mixture::pairs::BinaryPair;", ""]
    for name, (dep, terms) in used_deps.items():
        ident = "DEP_" + re.sub(r"[^A-Za-z0-9]", "_", name).upper()
        out.append(f"/// Departure function \"{name}\" [{dep['BibTeX']}] (CoolProp type {dep['type']}).")
        out.append(f"const {ident}: &[DepartureTerm] = &[")
        out += [f"    {t}," for t in terms]
        out.append("];")
        out.append("")
        used_deps[name] = (dep, terms, ident)
    out.append("/// All binary pairs among the crate's pure fluids that CoolProp's mixture library has.")
    out.append("pub(crate) static PAIRS: &[BinaryPair] = &[")
    for p in pairs:
        dep = used_deps[p["func"]][2] if p["func"] else "&[]"
        out.append(f"    // {p['names'][0]} / {p['names'][1]} [{p['bib']}] ({p['form']})")
        out.append("    BinaryPair {")
        out.append(f"        names: [\"{p['names'][0]}\", \"{p['names'][1]}\"],")
        out.append(f"        cas: [\"{p['cas'][0]}\", \"{p['cas'][1]}\"],")
        out.append(f"        beta_t: {gfd.rf(p['bt'])},")
        out.append(f"        gamma_t: {gfd.rf(p['gt'])},")
        out.append(f"        beta_v: {gfd.rf(p['bv'])},")
        out.append(f"        gamma_v: {gfd.rf(p['gv'])},")
        out.append(f"        f: {gfd.rf(p['f'])},")
        out.append(f"        departure: {dep},")
        out.append(f"        departure_name: Some(\"{p['func']}\")," if p["func"] else "        departure_name: None,")
        out.append(f"        source: \"{p['bib']}\",")
        out.append("    },")
    out.append("];")
    path = os.path.join(HERE, "..", "src", "mixture", "pairs_data.rs")
    with open(path, "w") as fh:
        fh.write("\n".join(out) + "\n")
    print("wrote", path, f"({len(pairs)} pairs, {len(used_deps)} departure functions)")
    for s in skipped:
        print("skipped", s)


if __name__ == "__main__":
    main()
