#!/usr/bin/env python3
"""Independent reference calculation for tests/ihx_valve_control.rs: the water-cooled
R134a chiller of src/example.rs (AHRI 540 BITZER HSK map, water 30 degC / 17.7 kg/s,
UA 50 kW/K condenser; 12 degC / 14.3 kg/s, UA 60 kW/K evaporator; subcooling 3 K at
the condenser outlet) in three variants:

  ihx             suction-line internal heat exchanger (counter-flow, UA=2 kW/K):
                  comp -> cond -> ihx hot -> ideal valve -> evap -> ihx cold -> comp,
                  superheat 5 K at the evaporator outlet;
  valve_control   no IHX, orifice valve C_d A = 1e-4 m2 whose opening is the unknown
                  that holds 5 K superheat at the evaporator outlet;
  valve_saturated same, the opening held at the control bound 0.5 (below the
                  opening needed): the superheat is the unknown.

Generates tests/data/ihx_valve_reference.csv. Only CoolProp (PropsSI, default HEOS
backend, default IIR reference state) is used; each case is solved by a damped
Newton iteration on a forward-difference Jacobian (Gaussian elimination, no scipy),
then the residuals are verified.

Model (SI), the same equations as the Rust components:
  water      incompressible, cp=4184 J/(kg K), rho=998.2 kg/m3,
             h(T,p) = cp (T-273.15) + (p-101325)/rho, p=2e5 Pa
  compressor AHRI 540 cubic in the suction / discharge dew temperatures (degC) for
             m_map and W_map; Dabiri-Rice: m = m_map [1 + 0.75 (rho_1/rho_rated - 1)],
             W = W_map (m/m_map) (h(p2,s_1) - h_1) / (h(p2,s_rated) - h_rated), rated
             state at (p1, T_dew(p1) + 20 K); m (h2 - h1) = W
  condenser  Q = eps C (T_dew(p2) - Tw_in), eps = 1 - exp(-UA/C), C = m_w cp_w
  evaporator Q = eps C (Tw_in - T_dew(p1)); the refrigerant energy balance closes it
  IHX        counter-flow eps-NTU (Incropera eq. 11.29a) with effective (mean)
             capacity rates (Kays & London; as counterflow_hx.rs), hot inlet the
             condenser outlet liquid (p2, T3), cold inlet the evaporator outlet vapour
             (p1, T6): C_hot = m (h3 - h(p2, T6)) / (T3 - T6),
             C_cold = m (h(p1, T3) - h6) / (T3 - T6), NTU = UA/C_min, Cr = C_min/C_max,
             eps = [1-exp(-NTU(1-Cr))]/[1-Cr exp(-NTU(1-Cr))],
             Q = eps C_min (T3 - T6) = eps Q_max,
             Q_max = min(m (h3 - h(p2,T6)), m (h(p1,T3) - h6)); h_hot,out = h_hot,in - Q/m,
             h_cold,out = h_cold,in + Q/m; no pressure drop
  valve      isenthalpic; orifice form: m = a C sqrt(2 rho_in) regRoot(p_in - p_out),
             regRoot(dp) = dp / (dp^2 + 10^2)^(1/4) (Modelica), rho_in at the valve
             inlet
  specs      superheat T(p,h) - T_dew(p), subcooling T_bubble(p) - T(p,h);
             T_dew = T(P,Q=1), T_bubble = T(P,Q=0)
Flash polishing: states given by (p, T) are direct EOS calls; h(p,s) and T(p,h) start
from CoolProp's (P,S) / (P,H) flashes and are polished by Newton steps on s(p,T) /
h(p,T) (CoolProp's own flashes converge to ~1e-9 relative only).

Usage:  python3 scripts/ihx_valve_reference.py [output.csv]
Requires CoolProp 8.0.0 exactly.
"""
import math
import os
import sys

import CoolProp
import CoolProp.CoolProp as CP

if CoolProp.__version__ != "8.0.0":
    sys.exit("CoolProp 8.0.0 required, found %s" % CoolProp.__version__)

FLUID = "R134a"

# --- water (incompressible) ---------------------------------------------------
CP_W = 4184.0      # J/(kg K)
RHO_W = 998.2      # kg/m3
P_W = 2e5          # Pa


def h_water(t_k, p=P_W):
    return CP_W * (t_k - 273.15) + (p - 101325.0) / RHO_W


def t_water(h, p=P_W):
    return 273.15 + (h - (p - 101325.0) / RHO_W) / CP_W


# --- compressor (AHRI 540, BITZER HSK R134a) ------------------------------------
C_MDOT = [1.7779729683e+00, 6.0512063156e-02, 6.0848663034e-03, 9.1557110478e-04,
          3.2027866409e-04, -1.6392587295e-04, 6.1661069078e-06, -1.9760608318e-07,
          -4.6291862156e-06, 0.0]
C_POWER = [4.1255944165e+04, 2.2185344461e+02, -1.8819323449e+01, 1.2229505521e+01,
           -1.4992636181e+01, 2.3436842105e+01, 3.6775848805e-01, -4.5596502186e-01,
           2.5052631579e-01, 0.0]
RATED_SUPERHEAT = 20.0  # K
F_VOL = 0.75


def ahri540(c, s, d):
    return (c[0] + c[1] * s + c[2] * d + c[3] * s * s + c[4] * s * d + c[5] * d * d
            + c[6] * s ** 3 + c[7] * d * s * s + c[8] * s * d * d + c[9] * d ** 3)


# --- exchangers, valve, specifications ---------------------------------------
UA_COND, MW_COND, TW_COND_IN = 50e3, 17.7, 303.15
UA_EVAP, MW_EVAP, TW_EVAP_IN = 60e3, 14.3, 285.15
UA_IHX = 2.0e3         # W/K
SUPERHEAT = 5.0        # K, evaporator outlet
SUBCOOLING = 3.0       # K, condenser outlet
VALVE_C = 1.0e-4       # m2, C_d A at full opening
OPENING_BOUND = 0.5    # upper control bound of the saturated case
REG_ROOT_DELTA = 10.0  # Pa


def props(out, a, av, b, bv):
    return CP.PropsSI(out, a, av, b, bv, FLUID)


def t_dew(p):
    return props("T", "P", p, "Q", 1)


def t_bubble(p):
    return props("T", "P", p, "Q", 0)


def t_ph(p, h):
    """T(p, h) in the single-phase region: (P,H) flash polished by Newton on h(p,T)."""
    t = props("T", "P", p, "H", h)
    for _ in range(4):
        dt = -(props("H", "P", p, "T", t) - h) / props("C", "P", p, "T", t)
        t += dt
        if abs(dt) < 1e-13 * t:
            break
    return t


def h_ps(p, s):
    """h(p, s): (P,S) flash polished by Newton on s(p,T) (ds/dT = cp/T)."""
    t = props("T", "P", p, "S", s)
    for _ in range(4):
        dt = -(props("S", "P", p, "T", t) - s) * t / props("C", "P", p, "T", t)
        t += dt
        if abs(dt) < 1e-13 * t:
            break
    return props("H", "P", p, "T", t)


def compressor(p1, t1, p2):
    """Mass flow (kg/s) and power (W) at suction (p1, T1), discharge p2."""
    td1, td2 = t_dew(p1), t_dew(p2)
    s_c, d_c = td1 - 273.15, td2 - 273.15
    m_map = ahri540(C_MDOT, s_c, d_c)
    w_map = ahri540(C_POWER, s_c, d_c)
    t_r = td1 + RATED_SUPERHEAT
    rho_r, h_r, s_r = (props(k, "P", p1, "T", t_r) for k in ("D", "H", "S"))
    rho1, h1, s1 = (props(k, "P", p1, "T", t1) for k in ("D", "H", "S"))
    m = m_map * (1.0 + F_VOL * (rho1 / rho_r - 1.0))
    power = w_map * (m / m_map) * (h_ps(p2, s1) - h1) / (h_ps(p2, s_r) - h_r)
    return m, power


def counterflow_eps(ntu, cr):
    return (1.0 - math.exp(-ntu * (1.0 - cr))) / (1.0 - cr * math.exp(-ntu * (1.0 - cr)))


def reg_root(dp):
    return dp / (dp * dp + REG_ROOT_DELTA ** 2) ** 0.25


def water_side(p1, p2):
    c_c, c_e = MW_COND * CP_W, MW_EVAP * CP_W
    q_cond = (1.0 - math.exp(-UA_COND / c_c)) * c_c * (t_dew(p2) - TW_COND_IN)
    q_evap = (1.0 - math.exp(-UA_EVAP / c_e)) * c_e * (TW_EVAP_IN - t_dew(p1))
    return q_evap, q_cond


def ihx_cycle(x):
    """Unknowns (p1, p2, m): evaporator and condenser pressures, refrigerant flow."""
    p1, p2, m = x
    t6 = t_dew(p1) + SUPERHEAT           # evaporator outlet = IHX cold inlet
    h6 = props("H", "P", p1, "T", t6)
    t3 = t_bubble(p2) - SUBCOOLING       # condenser outlet = IHX hot inlet
    h3 = props("H", "P", p2, "T", t3)
    # effective capacity rates over the range T6 .. T3 at each stream's pressure
    c_hot = m * (h3 - props("H", "P", p2, "T", t6)) / (t3 - t6)
    c_cold = m * (props("H", "P", p1, "T", t3) - h6) / (t3 - t6)
    c_min, c_max = min(c_hot, c_cold), max(c_hot, c_cold)
    eps = counterflow_eps(UA_IHX / c_min, c_min / c_max)
    q_ihx = eps * c_min * (t3 - t6)
    h1 = h6 + q_ihx / m                  # compressor inlet
    h4 = h3 - q_ihx / m                  # valve inlet = valve outlet
    t1 = t_ph(p1, h1)
    m_comp, power = compressor(p1, t1, p2)
    h2 = h1 + power / m
    q_evap, q_cond = water_side(p1, p2)
    st = dict(p1=p1, p2=p2, h1=h1, h2=h2, h3=h3, h4=h4, h5=h4, h6=h6, m=m,
              q_evap=q_evap, q_cond=q_cond, q_ihx=q_ihx, power=power,
              superheat=SUPERHEAT, suction_superheat=t1 - t_dew(p1),
              opening=float("nan"), eps_ihx=eps)
    r = [(m - m_comp) / m, (m * (h6 - h4) - q_evap) / q_evap,
         (m * (h2 - h3) - q_cond) / q_cond]
    return r, st


def valve_cycle(p1, p2, superheat, opening):
    """Chiller with the orifice valve; returns residuals (evaporator, condenser,
    orifice) and the states."""
    t1 = t_dew(p1) + superheat           # evaporator outlet = compressor inlet
    h1 = props("H", "P", p1, "T", t1)
    t3 = t_bubble(p2) - SUBCOOLING
    h3, rho3 = props("H", "P", p2, "T", t3), props("D", "P", p2, "T", t3)
    m, power = compressor(p1, t1, p2)
    h2 = h1 + power / m
    q_evap, q_cond = water_side(p1, p2)
    m_valve = opening * VALVE_C * math.sqrt(2.0 * rho3) * reg_root(p2 - p1)
    st = dict(p1=p1, p2=p2, h1=h1, h2=h2, h3=h3, h4=h3, h5=h3, h6=h1, m=m,
              q_evap=q_evap, q_cond=q_cond, q_ihx=0.0, power=power,
              superheat=superheat, suction_superheat=superheat, opening=opening)
    r = [(m * (h1 - h3) - q_evap) / q_evap, (m * (h2 - h3) - q_cond) / q_cond,
         (m - m_valve) / m]
    return r, st


def lin_solve(a, b):
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


def newton(fun, x0, scale, tol=1e-12, maxit=100):
    """Damped Newton: forward-difference Jacobian (steps 1e-7 * scale), relative
    step limited to 30 % of `scale`, backtracking on the residual norm."""
    x = list(x0)
    f, st = fun(x)
    for it in range(maxit):
        if max(abs(v) for v in f) < tol:
            return x, st, it
        n = len(x)
        jac = [[0.0] * n for _ in range(n)]
        for j in range(n):
            dx = 1e-7 * scale[j]
            xp = list(x)
            xp[j] += dx
            fp, _ = fun(xp)
            for i in range(n):
                jac[i][j] = (fp[i] - f[i]) / dx
        d = lin_solve(jac, [-v for v in f])
        lam = min(1.0, 0.3 / max(max(abs(d[j]) / scale[j] for j in range(n)), 1e-300))
        n0 = math.sqrt(sum(v * v for v in f))
        while True:
            xn = [x[j] + lam * d[j] for j in range(n)]
            try:
                fn, stn = fun(xn)
                if math.sqrt(sum(v * v for v in fn)) < n0 or lam < 1e-4:
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


def start_pressures():
    return props("P", "T", TW_EVAP_IN - 8.0, "Q", 1), props("P", "T", TW_COND_IN + 8.0, "Q", 1)


def solve_ihx():
    p1, p2 = start_pressures()
    return newton(ihx_cycle, [p1, p2, 2.0], [p1, p2, 1.0])


def solve_valve_control():
    p1, p2 = start_pressures()
    return newton(lambda x: valve_cycle(x[0], x[1], SUPERHEAT, x[2]), [p1, p2, 0.5],
                  [p1, p2, 1.0])


def solve_valve_saturated():
    p1, p2 = start_pressures()
    return newton(lambda x: valve_cycle(x[0], x[1], x[2], OPENING_BOUND),
                  [p1, p2, SUPERHEAT], [p1, p2, 10.0])


COLUMNS = ["case", "p_evap_pa", "p_cond_pa", "h_comp_in", "h_comp_out", "h_cond_out",
           "h_valve_in", "h_valve_out", "h_evap_out", "m_kg_s", "q_evap_w", "q_cond_w",
           "q_ihx_w", "power_w", "cop_cooling", "superheat_k", "suction_superheat_k",
           "valve_opening", "t_evap_water_out_k", "t_cond_water_out_k"]
KEYS = ["p1", "p2", "h1", "h2", "h3", "h4", "h5", "h6", "m", "q_evap", "q_cond", "q_ihx",
        "power", "cop", "superheat", "suction_superheat", "opening", "tw_evap_out",
        "tw_cond_out"]


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        here, "..", "tests", "data", "ihx_valve_reference.csv")
    rows = []
    for name, solver in (("ihx", solve_ihx), ("valve_control", solve_valve_control),
                         ("valve_saturated", solve_valve_saturated)):
        x, st, it = solver()
        st["cop"] = st["q_evap"] / st["power"]
        st["tw_evap_out"] = t_water(h_water(TW_EVAP_IN) - st["q_evap"] / MW_EVAP)
        st["tw_cond_out"] = t_water(h_water(TW_COND_IN) + st["q_cond"] / MW_COND)
        print("%s: %d Newton its, x=%r" % (name, it, x), file=sys.stderr)
        # Closure checks, independent of the residual definitions.
        eb = st["q_evap"] + st["power"] - st["q_cond"]
        ihx_b = (st["h1"] - st["h6"]) - (st["h3"] - st["h4"])
        print("    Q_evap + W - Q_cond = %.3e W (rel %.3e); IHX dh balance %.3e J/kg"
              % (eb, eb / st["q_cond"], ihx_b), file=sys.stderr)
        print("    p1=%.6f bar p2=%.6f bar m=%.9f kg/s Q_evap=%.3f W W=%.3f W COP=%.9f "
              "superheat=%.6f K suction superheat=%.6f K opening=%r"
              % (st["p1"] / 1e5, st["p2"] / 1e5, st["m"], st["q_evap"], st["power"],
                 st["cop"], st["superheat"], st["suction_superheat"], st["opening"]),
              file=sys.stderr)
        # (p, h) flash cross-check of the specifications.
        sh = props("T", "P", st["p1"], "H", st["h6"]) - t_dew(st["p1"])
        sc = t_bubble(st["p2"]) - props("T", "P", st["p2"], "H", st["h3"])
        print("    (P,H) flash check: evaporator-outlet superheat %.12g K, subcooling "
              "%.12g K" % (sh, sc), file=sys.stderr)
        # Precision of CoolProp's raw flashes at these states (what the polishing removes).
        t1 = t_ph(st["p1"], st["h1"])
        s1 = props("S", "P", st["p1"], "T", t1)
        dh2s = props("H", "P", st["p2"], "S", s1) - h_ps(st["p2"], s1)
        dt1 = props("T", "P", st["p1"], "H", st["h1"]) - t1
        print("    raw CoolProp flashes minus polished: T(P,H) suction %.3e K, h(P,S) "
              "discharge %.3e J/kg (rel %.3e, power rel %.3e)"
              % (dt1, dh2s, dh2s / st["h2"], dh2s / (st["h2"] - st["h1"])), file=sys.stderr)
        rows.append([name] + [st[k] for k in KEYS])
    with open(out, "w") as fh:
        fh.write("# Generated by: python3 scripts/ihx_valve_reference.py\n")
        fh.write("# CoolProp %s (PropsSI, HEOS backend, default IIR reference state), "
                 "Python %s\n" % (CoolProp.__version__, sys.version.split()[0]))
        fh.write("# R134a chiller of src/example.rs: AHRI540 BITZER HSK map (rated "
                 "superheat 20 K, Dabiri-Rice F=0.75), eps-NTU (C_r=0) condenser "
                 "UA=50e3 W/K mw=17.7 kg/s Tw_in=30 C and evaporator UA=60e3 W/K "
                 "mw=14.3 kg/s Tw_in=12 C, subcooling 3 K at the condenser outlet\n")
        fh.write("# ihx: counter-flow suction-line IHX UA=2e3 W/K (eps-NTU, effective "
                 "C_i = m (h_i(p_i, T_other,in) - h_i,in) / (T_other,in - T_i,in)), ideal valve, superheat 5 K at the evaporator outlet; "
                 "valve_control: orifice valve C_d A=1e-4 m2, regRoot delta 10 Pa, "
                 "opening solved for 5 K superheat; valve_saturated: opening held at "
                 "0.5, superheat solved\n")
        fh.write("# Water: cp=4184 J/(kg K), rho=998.2 kg/m3, p=2e5 Pa; (P,S) and (P,H) "
                 "flashes polished by Newton on (P,T) calls; solved by Newton to scaled "
                 "residuals < 1e-12; units SI (Pa, J/kg, kg/s, W, K)\n")
        fh.write(",".join(COLUMNS) + "\n")
        for r in rows:
            fh.write(",".join([r[0]] + [repr(float(v)) for v in r[1:]]) + "\n")
    print("wrote %s" % os.path.normpath(out), file=sys.stderr)


if __name__ == "__main__":
    main()
