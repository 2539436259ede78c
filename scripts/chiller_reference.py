#!/usr/bin/env python3
"""Independent reference calculation of a water-cooled R134a chiller steady state.

Generates tests/data/chiller_reference.csv for comparison against the Rust solver.
Only CoolProp (PropsSI, default HEOS backend, default IIR reference state) is used;
the 2x2 nonlinear system in (p1, p2) is solved with a damped Newton iteration on a
finite-difference Jacobian (no scipy needed), followed by a verification of the
residuals.

Usage:  python3 scripts/chiller_reference.py [output.csv]
"""
import math
import os
import sys

import CoolProp
import CoolProp.CoolProp as CP

FLUID = "R134a"

# --- water (incompressible) -------------------------------------------------
CP_W = 4184.0      # J/(kg K)
RHO_W = 998.2      # kg/m3
P_W = 2e5          # Pa, no pressure drop


def h_water(t_k, p=P_W):
    return CP_W * (t_k - 273.15) + (p - 101325.0) / RHO_W


def t_water(h, p=P_W):
    return 273.15 + (h - (p - 101325.0) / RHO_W) / CP_W


# --- compressor (AHRI 540) -------------------------------------------------
C_MDOT = [1.7779729683e+00, 6.0512063156e-02, 6.0848663034e-03, 9.1557110478e-04,
          3.2027866409e-04, -1.6392587295e-04, 6.1661069078e-06, -1.9760608318e-07,
          -4.6291862156e-06, 0.0]
C_POWER = [4.1255944165e+04, 2.2185344461e+02, -1.8819323449e+01, 1.2229505521e+01,
           -1.4992636181e+01, 2.3436842105e+01, 3.6775848805e-01, -4.5596502186e-01,
           2.5052631579e-01, 0.0]
RATED_SUPERHEAT = 20.0  # K
F_VOL = 0.75            # Dabiri-Rice volumetric-efficiency factor


def ahri540(c, s, d):
    return (c[0] + c[1] * s + c[2] * d + c[3] * s * s + c[4] * s * d + c[5] * d * d
            + c[6] * s ** 3 + c[7] * d * s * s + c[8] * s * d * d + c[9] * d ** 3)


# --- heat exchangers / specs -------------------------------------------------
UA_COND = 50e3     # W/K
MW_COND = 17.7     # kg/s
UA_EVAP = 60e3     # W/K
MW_EVAP = 14.3     # kg/s
SUPERHEAT = 5.0    # K at evaporator outlet
SUBCOOLING = 3.0   # K at condenser outlet


def props(out, a, av, b, bv):
    return CP.PropsSI(out, a, av, b, bv, FLUID)


def t_sat(p):
    # dew temperature (pure fluid: equal to bubble temperature)
    return props("T", "P", p, "Q", 1)


def cycle(p1, p2, tw_evap_in, tw_cond_in):
    """Evaluate all states for given pressures; returns dict incl. residuals."""
    ts1 = t_sat(p1)
    ts2 = t_sat(p2)
    # state 1: evaporator outlet / compressor suction
    t1 = ts1 + SUPERHEAT
    h1 = props("H", "P", p1, "T", t1)
    s1 = props("S", "P", p1, "T", t1)
    rho1 = props("D", "P", p1, "T", t1)
    # state 3: condenser outlet
    t3 = ts2 - SUBCOOLING
    h3 = props("H", "P", p2, "T", t3)
    # state 4: valve outlet
    h4 = h3
    # compressor map
    S = ts1 - 273.15
    D = ts2 - 273.15
    m_map = ahri540(C_MDOT, S, D)
    w_map = ahri540(C_POWER, S, D)
    t_rated = ts1 + RATED_SUPERHEAT
    rho_rated = props("D", "P", p1, "T", t_rated)
    h_rated = props("H", "P", p1, "T", t_rated)
    s_rated = props("S", "P", p1, "T", t_rated)
    h2s_rated = props("H", "P", p2, "S", s_rated)
    h2s_act = props("H", "P", p2, "S", s1)
    m = m_map * (1.0 + F_VOL * (rho1 / rho_rated - 1.0))
    power = w_map * (m / m_map) * (h2s_act - h1) / (h2s_rated - h_rated)
    h2 = h1 + power / m
    # condenser, eps-NTU with C_r = 0
    c_cond = MW_COND * CP_W
    eps_c = 1.0 - math.exp(-UA_COND / c_cond)
    q_cond = eps_c * c_cond * (ts2 - tw_cond_in)
    # evaporator
    c_evap = MW_EVAP * CP_W
    eps_e = 1.0 - math.exp(-UA_EVAP / c_evap)
    q_evap = eps_e * c_evap * (tw_evap_in - ts1)
    # water outlets via enthalpy balance
    tw_cond_out = t_water(h_water(tw_cond_in) + q_cond / MW_COND)
    tw_evap_out = t_water(h_water(tw_evap_in) - q_evap / MW_EVAP)
    r_evap = m * (h1 - h4) - q_evap
    r_cond = m * (h2 - h3) - q_cond
    return dict(p1=p1, p2=p2, h1=h1, h2=h2, h3=h3, h4=h4, m=m, q_evap=q_evap,
                q_cond=q_cond, power=power, cop=q_evap / power,
                tw_evap_out=tw_evap_out, tw_cond_out=tw_cond_out,
                r_evap=r_evap, r_cond=r_cond, ts1=ts1, ts2=ts2)


def residuals(x, twe, twc):
    st = cycle(x[0], x[1], twe, twc)
    # relative residuals (scaled by the respective heat flow)
    return [st["r_evap"] / abs(st["q_evap"]), st["r_cond"] / abs(st["q_cond"])], st


def solve(twe, twc, x0, tol=1e-12, maxit=100):
    x = list(x0)
    f, st = residuals(x, twe, twc)
    for it in range(maxit):
        if max(abs(v) for v in f) < tol:
            return x, st, it
        # forward-difference Jacobian
        J = [[0.0, 0.0], [0.0, 0.0]]
        for j in range(2):
            dx = x[j] * 1e-7
            xp = list(x)
            xp[j] += dx
            fp, _ = residuals(xp, twe, twc)
            for i in range(2):
                J[i][j] = (fp[i] - f[i]) / dx
        det = J[0][0] * J[1][1] - J[0][1] * J[1][0]
        d0 = -(J[1][1] * f[0] - J[0][1] * f[1]) / det
        d1 = -(-J[1][0] * f[0] + J[0][0] * f[1]) / det
        # damped step: keep pressures positive and norm decreasing
        lam = 1.0
        n0 = math.hypot(*f)
        while True:
            xn = [x[0] + lam * d0, x[1] + lam * d1]
            if xn[0] > 0 and xn[1] > xn[0]:
                try:
                    fn, stn = residuals(xn, twe, twc)
                    if math.hypot(*fn) < n0 or lam < 1e-4:
                        break
                except ValueError:
                    pass
            lam *= 0.5
            if lam < 1e-6:
                raise RuntimeError("line search failed")
        x, f, st = xn, fn, stn
    if max(abs(v) for v in f) < tol:
        return x, st, maxit
    raise RuntimeError("Newton did not converge: residuals %r" % (f,))


CASES = [(12.0, 30.0), (8.0, 20.0), (18.0, 38.0), (8.0, 38.0), (18.0, 20.0)]
COLUMNS = ["t_evap_water_in_c", "t_cond_water_in_c", "p1_pa", "p2_pa", "h1", "h2",
           "h3", "h4", "m_kg_s", "q_evap_w", "q_cond_w", "power_w", "cop_cooling",
           "t_evap_water_out_k", "t_cond_water_out_k"]


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        here, "..", "tests", "data", "chiller_reference.csv")
    rows = []
    for te_c, tc_c in CASES:
        twe = te_c + 273.15
        twc = tc_c + 273.15
        # initial guess: saturation a few K away from the water inlets
        x0 = [props("P", "T", twe - 8.0, "Q", 1), props("P", "T", twc + 8.0, "Q", 1)]
        x, st, it = solve(twe, twc, x0)
        f, _ = residuals(x, twe, twc)
        print("case (%g, %g): %d Newton its, rel residuals %.3e %.3e, p1=%.6f bar "
              "p2=%.6f bar m=%.6f kg/s COP=%.6f" % (te_c, tc_c, it, f[0], f[1],
              x[0] / 1e5, x[1] / 1e5, st["m"], st["cop"]), file=sys.stderr)
        # global energy balance check (independent of residual definition)
        eb = st["q_evap"] + st["power"] - st["q_cond"]
        print("    Q_evap + W - Q_cond = %.3e W" % eb, file=sys.stderr)
        rows.append([te_c, tc_c, st["p1"], st["p2"], st["h1"], st["h2"], st["h3"],
                     st["h4"], st["m"], st["q_evap"], st["q_cond"], st["power"],
                     st["cop"], st["tw_evap_out"], st["tw_cond_out"]])
    with open(out, "w") as fh:
        fh.write("# Generated by: python3 scripts/chiller_reference.py\n")
        fh.write("# CoolProp %s (PropsSI, HEOS backend, default IIR reference state), "
                 "Python %s\n" % (CoolProp.__version__, sys.version.split()[0]))
        fh.write("# Water-cooled R134a chiller: AHRI540 compressor (rated superheat 20 K, "
                 "Dabiri-Rice F=0.75), eps-NTU (C_r=0) condenser UA=50e3 W/K mw=17.7 kg/s "
                 "and evaporator UA=60e3 W/K mw=14.3 kg/s, isenthalpic valve\n")
        fh.write("# Water: cp=4184 J/(kg K), rho=998.2 kg/m3, p=2e5 Pa; specs: superheat "
                 "5 K at evaporator outlet, subcooling 3 K at condenser outlet\n")
        fh.write("# Solved (p1, p2) by Newton to relative energy-balance residuals < 1e-12; "
                 "units SI (Pa, J/kg, kg/s, W, K)\n")
        fh.write(",".join(COLUMNS) + "\n")
        for r in rows:
            fh.write(",".join(repr(float(v)) for v in r) + "\n")
    print("wrote %s" % os.path.normpath(out), file=sys.stderr)


if __name__ == "__main__":
    main()
