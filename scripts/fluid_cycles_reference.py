#!/usr/bin/env python3
"""Independent reference calculation of a water-to-water vapour-compression cycle
for several refrigerants (one steady state per fluid).

Generates tests/data/fluid_cycles_reference.csv for comparison against the Rust solver.
Only CoolProp (PropsSI, default HEOS backend, default reference states) is used;
the 2x2 nonlinear system in (p1, p2) (evaporator and condenser energy balances) is
solved with a damped Newton iteration on a finite-difference Jacobian with
backtracking (no scipy needed), followed by a verification of the residuals.

Model (SI):
  water     incompressible, cp=4184 J/(kg K), rho=998.2 kg/m3,
            h(T,p) = cp (T-273.15) + (p-101325)/rho, p=2e5 Pa, no pressure drop
  compressor m = eta_v rho_1 V_disp n, rho_1 = rho(p1,h1);
            h2 = h1 + (h(p2,s1) - h1)/eta_is; W = m (h2-h1)
            (h(p2,s1): CoolProp (P,S) flash polished by Newton on s(p,T), see
            h_isentropic; state 1 evaluated at (p1, T_dew+5) and state 3 at
            (p2, T_bubble-3) by direct (P,T) calls, i.e. the exact inverses of
            the T(p,h) spec definitions)
            V_disp=1e-4 m3/rev, n=50 rev/s, eta_v=0.9, eta_is=0.7
  condenser Q = eps C (T_dew(p2) - Tw_in), C = m_w cp, eps = 1-exp(-UA/C);
            UA=10e3 W/K, m_w=2.5 kg/s, Tw_in=30 degC; m (h2-h3) = Q
  valve     h4 = h3 at p1
  evaporator Q = eps C (Tw_in - T_dew(p1)); UA=8e3 W/K, m_w=2.0 kg/s,
            Tw_in=12 degC; m (h1-h4) = Q
  specs     T(p1,h1) - T_dew(p1) = 5 K; T_bubble(p2) - T(p2,h3) = 3 K
            T_dew(p) = T(P=p,Q=1), T_bubble(p) = T(P=p,Q=0)

Usage:  python3 scripts/fluid_cycles_reference.py [output.csv]
"""
import math
import os
import sys

import CoolProp
import CoolProp.CoolProp as CP



def mass_to_mole(names, mass):
    n = [w / CP.PropsSI("M", name) for name, w in zip(names, mass)]
    return [v / sum(n) for v in n]


# R454B: R32 / R1234yf 68.9 / 31.1 mass % (ASHRAE 34) as a real mixture on CoolProp's
# HEOS mixture model (mole fractions; same model as entropyk's Fluid::new("R454B"))
_Z454B = mass_to_mole(["R32", "R1234yf"], [0.689, 0.311])

# (label, CoolProp name)
FLUIDS = [("R32", "R32"), ("R290", "n-Propane"), ("R1234yf", "R1234yf"),
          ("R717", "Ammonia"), ("R410A", "R410A"), ("R600a", "IsoButane"),
          ("R454B", "HEOS::R32[%r]&R1234yf[%r]" % tuple(_Z454B))]

# --- water (incompressible) -------------------------------------------------
CP_W = 4184.0      # J/(kg K)
RHO_W = 998.2      # kg/m3
P_W = 2e5          # Pa, no pressure drop


def h_water(t_k, p=P_W):
    return CP_W * (t_k - 273.15) + (p - 101325.0) / RHO_W


def t_water(h, p=P_W):
    return 273.15 + (h - (p - 101325.0) / RHO_W) / CP_W


# --- compressor (efficiency model) -------------------------------------------
V_DISP = 1e-4      # m3/rev
N_REV = 50.0       # rev/s
ETA_V = 0.9
ETA_IS = 0.7

# --- heat exchangers / specs -------------------------------------------------
UA_COND = 10e3     # W/K
MW_COND = 2.5      # kg/s
TW_COND_IN = 30.0 + 273.15
UA_EVAP = 8e3      # W/K
MW_EVAP = 2.0      # kg/s
TW_EVAP_IN = 12.0 + 273.15
SUPERHEAT = 5.0    # K at evaporator outlet
SUBCOOLING = 3.0   # K at condenser outlet


def t_dew(p, fluid):
    return CP.PropsSI("T", "P", p, "Q", 1, fluid)


def t_bubble(p, fluid):
    return CP.PropsSI("T", "P", p, "Q", 0, fluid)


def h_isentropic(p, s, fluid):
    """h(p, s) as the exact inversion of the EOS: start from CoolProp's (P, S)
    flash and polish T with Newton steps on s(p, T) (ds/dT = cp/T) using direct
    (P, T) evaluations.  CoolProp's own (P, S) flash is only converged to
    ~1e-9 relative in h and, for R410A, is noisy (jumps of ~3e-4 J/kg between
    neighbouring pressures), which would make the solution fuzzy in p2 at the
    ~3e-10 level; the polished inversion is smooth to round-off."""
    try:
        t = CP.PropsSI("T", "P", p, "S", s, fluid)
    except ValueError:
        # CoolProp's mixture (P, S) flash may fail: start from the superheated side
        t = t_dew(p, fluid) + 30.0
    for _ in range(40):
        sv = CP.PropsSI("S", "P", p, "T", t, fluid)
        cp = CP.PropsSI("C", "P", p, "T", t, fluid)
        dt = -(sv - s) * t / cp
        t += dt
        if abs(dt) < 1e-13 * t:
            break
    return CP.PropsSI("H", "P", p, "T", t, fluid)


def cycle(p1, p2, fluid):
    """Evaluate all states for given pressures; returns dict incl. residuals."""
    td1 = t_dew(p1, fluid)
    td2 = t_dew(p2, fluid)
    tb2 = t_bubble(p2, fluid)
    # state 1: evaporator outlet / compressor suction (superheated vapour).
    # (p, T) evaluation is a direct EOS call (no flash iteration in h); the
    # properties are identical to those at (p1, h1) up to flash precision.
    t1 = td1 + SUPERHEAT
    h1 = CP.PropsSI("H", "P", p1, "T", t1, fluid)
    s1 = CP.PropsSI("S", "P", p1, "T", t1, fluid)
    rho1 = CP.PropsSI("D", "P", p1, "T", t1, fluid)
    # state 2: compressor outlet
    h2s = h_isentropic(p2, s1, fluid)
    h2 = h1 + (h2s - h1) / ETA_IS
    # state 3: condenser outlet (subcooled liquid, relative to bubble point)
    t3 = tb2 - SUBCOOLING
    h3 = CP.PropsSI("H", "P", p2, "T", t3, fluid)
    # state 4: valve outlet
    h4 = h3
    m = ETA_V * rho1 * V_DISP * N_REV
    power = m * (h2 - h1)
    # condenser, eps-NTU with C_r = 0, driven by the dew temperature
    c_cond = MW_COND * CP_W
    eps_c = 1.0 - math.exp(-UA_COND / c_cond)
    q_cond = eps_c * c_cond * (td2 - TW_COND_IN)
    # evaporator
    c_evap = MW_EVAP * CP_W
    eps_e = 1.0 - math.exp(-UA_EVAP / c_evap)
    q_evap = eps_e * c_evap * (TW_EVAP_IN - td1)
    # water outlets via enthalpy balance
    tw_cond_out = t_water(h_water(TW_COND_IN) + q_cond / MW_COND)
    tw_evap_out = t_water(h_water(TW_EVAP_IN) - q_evap / MW_EVAP)
    r_evap = m * (h1 - h4) - q_evap
    r_cond = m * (h2 - h3) - q_cond
    return dict(p1=p1, p2=p2, h1=h1, h2=h2, h3=h3, h4=h4, m=m, q_evap=q_evap,
                q_cond=q_cond, power=power, cop=q_evap / power,
                tw_evap_out=tw_evap_out, tw_cond_out=tw_cond_out,
                r_evap=r_evap, r_cond=r_cond, td1=td1, td2=td2, tb2=tb2,
                t1=t1, t3=t3, s1=s1, rho1=rho1)


def residuals(x, fluid):
    st = cycle(x[0], x[1], fluid)
    # relative residuals (scaled by the respective heat flow)
    return [st["r_evap"] / abs(st["q_evap"]), st["r_cond"] / abs(st["q_cond"])], st


def solve(fluid, x0, tol=1e-12, maxit=100):
    x = list(x0)
    f, st = residuals(x, fluid)
    for it in range(maxit):
        if max(abs(v) for v in f) < tol:
            return x, st, it
        # forward-difference Jacobian
        J = [[0.0, 0.0], [0.0, 0.0]]
        for j in range(2):
            dx = x[j] * 1e-7
            xp = list(x)
            xp[j] += dx
            fp, _ = residuals(xp, fluid)
            for i in range(2):
                J[i][j] = (fp[i] - f[i]) / dx
        det = J[0][0] * J[1][1] - J[0][1] * J[1][0]
        d0 = -(J[1][1] * f[0] - J[0][1] * f[1]) / det
        d1 = -(-J[1][0] * f[0] + J[0][0] * f[1]) / det
        # damped step (backtracking): keep pressures ordered and norm decreasing;
        # limit the relative pressure change per step to 30 %
        lam = min(1.0, 0.3 / max(abs(d0) / x[0], abs(d1) / x[1], 1e-300))
        n0 = math.hypot(*f)
        while True:
            xn = [x[0] + lam * d0, x[1] + lam * d1]
            if xn[0] > 0 and xn[1] > xn[0]:
                try:
                    fn, stn = residuals(xn, fluid)
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


COLUMNS = ["fluid", "p1_pa", "p2_pa", "h1", "h2", "h3", "h4", "m_kg_s", "q_evap_w",
           "q_cond_w", "power_w", "cop_cooling", "t_evap_water_out_k",
           "t_cond_water_out_k", "t_dew_evap_k", "t_dew_cond_k"]


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        here, "..", "tests", "data", "fluid_cycles_reference.csv")
    rows = []
    ok = True
    for label, fluid in FLUIDS:
        # initial guess: saturation a few K away from the water inlets
        x0 = [CP.PropsSI("P", "T", TW_EVAP_IN - 8.0, "Q", 1, fluid),
              CP.PropsSI("P", "T", TW_COND_IN + 8.0, "Q", 1, fluid)]
        x, st, it = solve(fluid, x0)
        f, _ = residuals(x, fluid)
        print("%s (%s): %d Newton its, rel residuals evap %.3e cond %.3e, "
              "p1=%.6f bar p2=%.6f bar m=%.6f kg/s COP=%.6f"
              % (label, fluid, it, f[0], f[1], x[0] / 1e5, x[1] / 1e5, st["m"],
                 st["cop"]), file=sys.stderr)
        # global energy balance check (independent of residual definition)
        eb = st["q_evap"] + st["power"] - st["q_cond"]
        print("    Q_evap + W - Q_cond = %.3e W (rel %.3e)"
              % (eb, eb / st["q_cond"]), file=sys.stderr)
        # consistency of the spec definitions via (p, h) flashes
        t1_ph = CP.PropsSI("T", "P", st["p1"], "H", st["h1"], fluid)
        t3_ph = CP.PropsSI("T", "P", st["p2"], "H", st["h3"], fluid)
        rho1_ph = CP.PropsSI("D", "P", st["p1"], "H", st["h1"], fluid)
        s1_ph = CP.PropsSI("S", "P", st["p1"], "H", st["h1"], fluid)
        sh = t1_ph - st["td1"]
        sc = st["tb2"] - t3_ph
        print("    (p,h) flash check: superheat %.15g K, subcooling %.15g K, "
              "rho1 rel diff %.3e, s1 diff %.3e J/(kg K)"
              % (sh, sc, rho1_ph / st["rho1"] - 1.0, s1_ph - st["s1"]),
              file=sys.stderr)
        print("    T_dew_evap=%.4f C T_dew_cond=%.4f C (glide at p2: T_dew-T_bub="
              "%.3e K) T2=%.2f C"
              % (st["td1"] - 273.15, st["td2"] - 273.15, st["td2"] - st["tb2"],
                 CP.PropsSI("T", "P", st["p2"], "H", st["h2"], fluid) - 273.15),
              file=sys.stderr)
        h2s_flash = CP.PropsSI("H", "P", st["p2"], "S", st["s1"], fluid)
        h2s_pol = h_isentropic(st["p2"], st["s1"], fluid)
        print("    raw (P,S) flash h2s minus polished h2s = %.3e J/kg (=> power rel "
              "%.3e)" % (h2s_flash - h2s_pol, (h2s_flash - h2s_pol) / ETA_IS
                         / (st["h2"] - st["h1"])), file=sys.stderr)
        # uniqueness/reproducibility: re-solve from a different initial guess
        x0b = [CP.PropsSI("P", "T", TW_EVAP_IN - 3.0, "Q", 1, fluid),
               CP.PropsSI("P", "T", TW_COND_IN + 3.0, "Q", 1, fluid)]
        xb, _, _ = solve(fluid, x0b)
        print("    re-solve from other guess: p1 rel diff %.3e, p2 rel diff %.3e"
              % (xb[0] / x[0] - 1.0, xb[1] / x[1] - 1.0), file=sys.stderr)
        sane = (0.0 < st["td1"] - 273.15 < 12.0 and 30.0 < st["td2"] - 273.15 < 60.0
                and 2.0 < st["cop"] < 10.0)
        if not sane:
            ok = False
            print("    WARNING: %s outside sanity bounds" % label, file=sys.stderr)
        rows.append([label] + [st[k] for k in (
            "p1", "p2", "h1", "h2", "h3", "h4", "m", "q_evap", "q_cond", "power",
            "cop", "tw_evap_out", "tw_cond_out", "td1", "td2")])
    with open(out, "w") as fh:
        fh.write("# Generated by: python3 scripts/fluid_cycles_reference.py\n")
        fh.write("# CoolProp %s (PropsSI, HEOS backend, default reference states), "
                 "Python %s\n" % (CoolProp.__version__, sys.version.split()[0]))
        fh.write("# Water-to-water cycle: efficiency compressor (V_disp=1e-4 m3/rev, "
                 "n=50 rev/s, eta_v=0.9 on rho(p1,h1), eta_is=0.7), eps-NTU (C_r=0) "
                 "condenser UA=10e3 W/K mw=2.5 kg/s Tw_in=30 C and evaporator "
                 "UA=8e3 W/K mw=2.0 kg/s Tw_in=12 C, both driven by T_dew(p), "
                 "isenthalpic valve\n")
        fh.write("# Water: cp=4184 J/(kg K), rho=998.2 kg/m3, p=2e5 Pa; specs: "
                 "T(p1,h1)-T_dew(p1)=5 K, T_bubble(p2)-T(p2,h3)=3 K; "
                 "T_dew=T(P,Q=1), T_bubble=T(P,Q=0); h1, h3 from (P,T) calls, "
                 "h2s=h(p2,s1) from the (P,S) flash polished by Newton on s(P,T); "
                 "CoolProp names: R32, "
                 "n-Propane (R290), R1234yf, Ammonia (R717), R410A (pseudo-pure), IsoButane (R600a), "
                 "R454B as the HEOS mixture R32[%r]&R1234yf[%r] (mole fractions of 68.9/31.1 "
                 "mass %%)\n" % tuple(_Z454B))
        fh.write("# Solved (p1, p2) by Newton to relative energy-balance residuals "
                 "< 1e-12; units SI (Pa, J/kg, kg/s, W, K)\n")
        fh.write(",".join(COLUMNS) + "\n")
        for r in rows:
            fh.write(",".join([r[0]] + [repr(float(v)) for v in r[1:]]) + "\n")
    print("wrote %s" % os.path.normpath(out), file=sys.stderr)
    if not ok:
        sys.exit(1)


if __name__ == "__main__":
    main()
