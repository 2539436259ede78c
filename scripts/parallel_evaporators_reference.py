#!/usr/bin/env python3
"""Independent reference calculation of two multi-evaporator / multi-circuit
systems, for comparison against the Rust solver (tests/parallel_evaporators.rs).

Generates tests/data/parallel_evaporators_reference.csv (long format:
system,quantity,value). Only CoolProp 8.0.0 (PropsSI, default HEOS backend,
default reference states) is used; each system is solved by a damped Newton
iteration on a forward-difference Jacobian with backtracking (no scipy/numpy),
then its residuals and balances are verified.

Models (SI), the same as the Rust components:
  water      incompressible, cp=4184 J/(kg K), rho=998.2 kg/m3,
             h(T,p) = cp (T-273.15) + (p-101325)/rho, p=2e5 Pa, no pressure drop
  compressor m = eta_v rho(p_in,h_in) V_disp n; h_out = h_in + (h(p_out,s_in)-h_in)/eta_is
             W = m (h_out-h_in); eta_v=0.9, eta_is=0.7, n=50 rev/s
  condenser / evaporator: single-zone eps-NTU with C_r=0 driven by the dew
             temperature at the refrigerant pressure:
             Q = (1-exp(-UA/C)) C |T_w,in - T_dew(p)|, C = m_w cp;
             refrigerant m (h_out-h_in) = Q, water m_w (h_w,out-h_w,in) = -+Q
  valve      isenthalpic, free outlet pressure (ideal valve)
  splitter   outlets copy the inlet (p, h), sum of outlet flows = inlet flow
  merger     equal inlet pressures = outlet pressure, m_out = sum m_in,
             m_out h_out = sum m_in h_in (adiabatic mixing)
  specs      superheat T(p,h) - T_dew(p), subcooling T_bubble(p) - T(p,h);
             T_dew = T(P,Q=1), T_bubble = T(P,Q=0)

System "parallel" (R134a): compressor V_disp=2e-4 m3/rev -> condenser (UA=8e3 W/K,
  water 30 C, 2.0 kg/s) -> splitter -> two ideal valves -> evaporator 1 (UA=5e3 W/K,
  water 12 C, 1.2 kg/s, superheat 5 K) and evaporator 2 (UA=3e3 W/K, water 16 C,
  0.8 kg/s, superheat 8 K) -> merger -> compressor; subcooling 3 K.
  Unknowns (p_evap, p_cond, m_1, m_2): both evaporators share p_evap through the
  merger; residuals: two evaporator energy balances, compressor flow m_1+m_2,
  condenser energy balance.
System "series" (two circuits, thermally coupled by the chilled water): chilled
  water 14 C, 1.5 kg/s through evaporator A (R134a, UA=6e3 W/K) then evaporator B
  (R32, UA=6e3 W/K); compressor A V_disp=1.5e-4, B V_disp=6e-5 m3/rev; condensers
  UA=8e3 W/K each on their own water (30 C, 2.0 kg/s); superheat 5 K and
  subcooling 3 K in both circuits. Unknowns (p_evap_a, p_cond_a, p_evap_b, p_cond_b).

Precision notes: superheated/subcooled states with a set superheat/subcooling are
evaluated by direct (P,T) calls (exact inverses of the spec definitions); the
mixed suction state (P,H) and the isentropic discharge (P,S) start from
CoolProp's flash and are polished by Newton steps on h(P,T) resp. s(P,T)
(CoolProp's own (P,H)/(P,S) flashes converge only to ~1e-9 relative).

Usage:  python3 scripts/parallel_evaporators_reference.py [output.csv]
"""
import math
import os
import sys

import CoolProp
import CoolProp.CoolProp as CP

if CoolProp.__version__ != "8.0.0":
    sys.exit("CoolProp 8.0.0 required, found %s" % CoolProp.__version__)

CP_W = 4184.0
RHO_W = 998.2
P_W = 2e5
ETA_V = 0.9
ETA_IS = 0.7
N_REV = 50.0
T0 = 273.15


def h_water(t_k, p=P_W):
    return CP_W * (t_k - 273.15) + (p - 101325.0) / RHO_W


def t_water(h, p=P_W):
    return 273.15 + (h - (p - 101325.0) / RHO_W) / CP_W


def t_dew(p, f):
    return CP.PropsSI("T", "P", p, "Q", 1, f)


def t_bubble(p, f):
    return CP.PropsSI("T", "P", p, "Q", 0, f)


def polish_t(p, target, prop, t, f):
    """Newton on prop(P,T) = target, prop in {H, S}: dH/dT = cp, dS/dT = cp/T."""
    for _ in range(6):
        v = CP.PropsSI(prop, "P", p, "T", t, f)
        c = CP.PropsSI("C", "P", p, "T", t, f)
        dt = -(v - target) / (c if prop == "H" else c / t)
        t += dt
        if abs(dt) < 1e-13 * t:
            break
    return t


def h_isentropic(p, s, f):
    t = polish_t(p, s, "S", CP.PropsSI("T", "P", p, "S", s, f), f)
    return CP.PropsSI("H", "P", p, "T", t, f)


def suction_ph(p, h, f):
    """(rho, s) at (p, h) in the superheated region, by a polished (P,H) flash."""
    t = polish_t(p, h, "H", CP.PropsSI("T", "P", p, "H", h, f), f)
    return CP.PropsSI("D", "P", p, "T", t, f), CP.PropsSI("S", "P", p, "T", t, f)


def hx_q(ua, m_w, dt):
    c = m_w * CP_W
    return (1.0 - math.exp(-ua / c)) * c * dt


def compressor(p_in, h_in, rho, s, p_out, v_disp, f):
    m = ETA_V * rho * v_disp * N_REV
    h_out = h_in + (h_isentropic(p_out, s, f) - h_in) / ETA_IS
    return m, h_out


# --- system "parallel" ---------------------------------------------------
PAR = dict(fluid="R134a", v_disp=2e-4, ua_c=8e3, tw_c=30.0 + T0, mw_c=2.0,
           ua_1=5e3, tw_1=12.0 + T0, mw_1=1.2, sh_1=5.0,
           ua_2=3e3, tw_2=16.0 + T0, mw_2=0.8, sh_2=8.0, sc=3.0)


def parallel(x):
    c = PAR
    f = c["fluid"]
    p_e, p_c, m1, m2 = x
    td_e, td_c, tb_c = t_dew(p_e, f), t_dew(p_c, f), t_bubble(p_c, f)
    h_e1 = CP.PropsSI("H", "P", p_e, "T", td_e + c["sh_1"], f)
    h_e2 = CP.PropsSI("H", "P", p_e, "T", td_e + c["sh_2"], f)
    h3 = CP.PropsSI("H", "P", p_c, "T", tb_c - c["sc"], f)
    m = m1 + m2
    h_mix = (m1 * h_e1 + m2 * h_e2) / m
    rho, s = suction_ph(p_e, h_mix, f)
    m_comp, h2 = compressor(p_e, h_mix, rho, s, p_c, c["v_disp"], f)
    q1 = hx_q(c["ua_1"], c["mw_1"], c["tw_1"] - td_e)
    q2 = hx_q(c["ua_2"], c["mw_2"], c["tw_2"] - td_e)
    qc = hx_q(c["ua_c"], c["mw_c"], td_c - c["tw_c"])
    power = m * (h2 - h_mix)
    res = [(m1 * (h_e1 - h3) - q1) / q1, (m2 * (h_e2 - h3) - q2) / q2,
           (m - m_comp) / m, (m * (h2 - h3) - qc) / qc]
    out = dict(p_evap=p_e, p_cond=p_c, h_comp_in=h_mix, h_comp_out=h2, h_cond_out=h3,
               h_evap_1_out=h_e1, h_evap_2_out=h_e2, m_total=m, m_1=m1, m_2=m2,
               q_evap_1=q1, q_evap_2=q2, q_cond=qc, power=power,
               cop_cooling=(q1 + q2) / power,
               t_evap_1_water_out=t_water(h_water(c["tw_1"]) - q1 / c["mw_1"]),
               t_evap_2_water_out=t_water(h_water(c["tw_2"]) - q2 / c["mw_2"]),
               t_cond_water_out=t_water(h_water(c["tw_c"]) + qc / c["mw_c"]),
               t_dew_evap=td_e, t_dew_cond=td_c)
    balance = (q1 + q2 + power - qc) / qc
    return res, out, balance


def parallel_guess(shift):
    c = PAR
    f = c["fluid"]
    p_e = CP.PropsSI("P", "T", c["tw_1"] - shift, "Q", 1, f)
    p_c = CP.PropsSI("P", "T", c["tw_c"] + shift, "Q", 1, f)
    return [p_e, p_c, 0.05, 0.05]


# --- system "series" -----------------------------------------------------
SER = dict(fluid_a="R134a", fluid_b="R32", v_a=1.5e-4, v_b=6e-5, ua_e=6e3,
           tw_chw=14.0 + T0, mw_chw=1.5, ua_c=8e3, tw_c=30.0 + T0, mw_c=2.0,
           sh=5.0, sc=3.0)


def chiller(p1, p2, f, v_disp, tw_evap_in):
    c = SER
    td1, td2, tb2 = t_dew(p1, f), t_dew(p2, f), t_bubble(p2, f)
    t1 = td1 + c["sh"]
    h1 = CP.PropsSI("H", "P", p1, "T", t1, f)
    rho = CP.PropsSI("D", "P", p1, "T", t1, f)
    s = CP.PropsSI("S", "P", p1, "T", t1, f)
    m, h2 = compressor(p1, h1, rho, s, p2, v_disp, f)
    h3 = CP.PropsSI("H", "P", p2, "T", tb2 - c["sc"], f)
    qe = hx_q(c["ua_e"], c["mw_chw"], tw_evap_in - td1)
    qc = hx_q(c["ua_c"], c["mw_c"], td2 - c["tw_c"])
    return dict(p_evap=p1, p_cond=p2, h_comp_in=h1, h_comp_out=h2, h_cond_out=h3,
                m=m, q_evap=qe, q_cond=qc, power=m * (h2 - h1),
                t_dew_evap=td1, t_dew_cond=td2,
                t_cond_water_out=t_water(h_water(c["tw_c"]) + qc / c["mw_c"]),
                r_evap=(m * (h1 - h3) - qe) / qe, r_cond=(m * (h2 - h3) - qc) / qc)


def series(x):
    c = SER
    a = chiller(x[0], x[1], c["fluid_a"], c["v_a"], c["tw_chw"])
    h_mid = h_water(c["tw_chw"]) - a["q_evap"] / c["mw_chw"]
    t_mid = t_water(h_mid)
    b = chiller(x[2], x[3], c["fluid_b"], c["v_b"], t_mid)
    t_out = t_water(h_mid - b["q_evap"] / c["mw_chw"])
    res = [a["r_evap"], a["r_cond"], b["r_evap"], b["r_cond"]]
    out = {}
    for tag, d in (("a", a), ("b", b)):
        for k in ("p_evap", "p_cond", "h_comp_in", "h_comp_out", "h_cond_out", "m",
                  "q_evap", "q_cond", "power", "t_dew_evap", "t_dew_cond",
                  "t_cond_water_out"):
            out["%s_%s" % (k, tag)] = d[k]
    out["t_chw_mid"] = t_mid
    out["t_chw_out"] = t_out
    out["cop_cooling"] = (a["q_evap"] + b["q_evap"]) / (a["power"] + b["power"])
    q_chw = c["mw_chw"] * CP_W * (c["tw_chw"] - t_out)
    balance = max(abs(a["q_evap"] + a["power"] - a["q_cond"]) / a["q_cond"],
                  abs(b["q_evap"] + b["power"] - b["q_cond"]) / b["q_cond"],
                  abs(q_chw - a["q_evap"] - b["q_evap"]) / q_chw)
    return res, out, balance


def series_guess(shift):
    c = SER
    return [CP.PropsSI("P", "T", c["tw_chw"] - shift, "Q", 1, c["fluid_a"]),
            CP.PropsSI("P", "T", c["tw_c"] + shift, "Q", 1, c["fluid_a"]),
            CP.PropsSI("P", "T", c["tw_chw"] - 2 * shift, "Q", 1, c["fluid_b"]),
            CP.PropsSI("P", "T", c["tw_c"] + shift, "Q", 1, c["fluid_b"])]


def lin_solve(a, b):
    """Gaussian elimination with partial pivoting."""
    n = len(b)
    a = [row[:] + [b[i]] for i, row in enumerate(a)]
    for k in range(n):
        piv = max(range(k, n), key=lambda i: abs(a[i][k]))
        a[k], a[piv] = a[piv], a[k]
        for i in range(k + 1, n):
            f = a[i][k] / a[k][k]
            for j in range(k, n + 1):
                a[i][j] -= f * a[k][j]
    x = [0.0] * n
    for i in reversed(range(n)):
        x[i] = (a[i][n] - sum(a[i][j] * x[j] for j in range(i + 1, n))) / a[i][i]
    return x


def newton(func, x0, tol=1e-13, maxit=100):
    x = list(x0)
    f = func(x)[0]
    for it in range(maxit):
        if max(abs(v) for v in f) < tol:
            return x, it
        n = len(x)
        jac = [[0.0] * n for _ in range(n)]
        for j in range(n):
            dx = x[j] * 1e-7
            xp = list(x)
            xp[j] += dx
            fp = func(xp)[0]
            for i in range(n):
                jac[i][j] = (fp[i] - f[i]) / dx
        d = lin_solve(jac, [-v for v in f])
        lam = min(1.0, 0.3 / max(max(abs(d[j]) / abs(x[j]) for j in range(n)), 1e-300))
        n0 = math.sqrt(sum(v * v for v in f))
        while True:
            xn = [x[j] + lam * d[j] for j in range(n)]
            try:
                if all(v > 0 for v in xn):
                    fn = func(xn)[0]
                    if math.sqrt(sum(v * v for v in fn)) < n0 or lam < 1e-4:
                        break
            except ValueError:
                pass
            lam *= 0.5
            if lam < 1e-6:
                raise RuntimeError("line search failed")
        x, f = xn, fn
    if max(abs(v) for v in f) < tol:
        return x, maxit
    raise RuntimeError("Newton did not converge: residuals %r" % (f,))


def flash_precision(name, st):
    """Prints how far CoolProp's raw (P,H) and (P,S) flashes are from the
    polished inversions used here (the precision the comparison tolerances
    must cover if the reference is computed with plain flashes)."""
    if name == "parallel":
        cases = [(PAR["fluid"], st["p_evap"], st["h_comp_in"], st["p_cond"], st["power"] / st["m_total"])]
    else:
        cases = [(SER["fluid_" + t], st["p_evap_" + t], st["h_comp_in_" + t], st["p_cond_" + t],
                  st["power_" + t] / st["m_" + t]) for t in ("a", "b")]
    for f, p1, h1, p2, dh in cases:
        t_raw = CP.PropsSI("T", "P", p1, "H", h1, f)
        t_pol = polish_t(p1, h1, "H", t_raw, f)
        s1 = CP.PropsSI("S", "P", p1, "T", t_pol, f)
        h2s_raw = CP.PropsSI("H", "P", p2, "S", s1, f)
        h2s_pol = h_isentropic(p2, s1, f)
        print("    %s: raw (P,H) flash T - polished T = %.2e K; raw (P,S) flash h2s - "
              "polished = %.2e J/kg (rel %.1e of h, %.1e of the compressor work)"
              % (f, t_raw - t_pol, h2s_raw - h2s_pol, (h2s_raw - h2s_pol) / h2s_pol,
                 (h2s_raw - h2s_pol) / ETA_IS / dh), file=sys.stderr)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        here, "..", "tests", "data", "parallel_evaporators_reference.csv")
    rows = []
    for name, func, guess in (("parallel", parallel, parallel_guess),
                              ("series", series, series_guess)):
        x, it = newton(func, guess(8.0))
        res, st, balance = func(x)
        xb, _ = newton(func, guess(4.0))
        print("%s: %d Newton its, residuals %s, energy balance rel %.3e, re-solve "
              "from other guess max rel diff %.3e"
              % (name, it, ["%.1e" % r for r in res], balance,
                 max(abs(b / a - 1.0) for a, b in zip(x, xb))), file=sys.stderr)
        flash_precision(name, st)
        for k, v in st.items():
            print("    %s = %r" % (k, v), file=sys.stderr)
            rows.append((name, k, v))
    with open(out, "w") as fh:
        fh.write("# Generated by: python3 scripts/parallel_evaporators_reference.py\n")
        fh.write("# CoolProp %s (PropsSI, HEOS backend, default reference states), "
                 "Python %s\n" % (CoolProp.__version__, sys.version.split()[0]))
        fh.write("# Models: efficiency compressor (eta_v=0.9 on rho(p_in,h_in), "
                 "eta_is=0.7, n=50 rev/s), single-zone eps-NTU (C_r=0) condensers and "
                 "evaporators driven by T_dew(p), ideal isenthalpic valves, splitter "
                 "(copies p,h), adiabatic merger (equal pressures, m h mixing); water "
                 "cp=4184 J/(kg K), rho=998.2 kg/m3, p=2e5 Pa\n")
        fh.write("# parallel: R134a, V_disp=2e-4 m3/rev; condenser UA=8e3 W/K water "
                 "30 C 2.0 kg/s; evap 1 UA=5e3 W/K water 12 C 1.2 kg/s superheat 5 K; "
                 "evap 2 UA=3e3 W/K water 16 C 0.8 kg/s superheat 8 K; subcooling 3 K\n")
        fh.write("# series: chilled water 14 C 1.5 kg/s through evap A (R134a, V_disp="
                 "1.5e-4) then evap B (R32, V_disp=6e-5), evaporators UA=6e3 W/K, "
                 "condensers UA=8e3 W/K water 30 C 2.0 kg/s each; superheat 5 K, "
                 "subcooling 3 K in both circuits\n")
        fh.write("# Solved by Newton to relative residuals < 1e-13; mixed suction (P,H) "
                 "and isentropic discharge (P,S) flashes polished by Newton on "
                 "(P,T) calls; units SI (Pa, J/kg, kg/s, W, K)\n")
        fh.write("system,quantity,value\n")
        for name, k, v in rows:
            fh.write("%s,%s,%r\n" % (name, k, float(v)))
    print("wrote %s" % os.path.normpath(out), file=sys.stderr)


if __name__ == "__main__":
    main()
