"""Times the reference chiller in Entropyk against the same cycle in TESPy (if installed).

Usage: python benches/python/compare_tespy.py [--repeat N]

Entropyk solves the R134a water chiller of the README (AHRI 540 compressor map,
epsilon-NTU exchangers with given UA, superheat and subcooling set points). TESPy has
no compressor-map or epsilon-NTU phase-change exchanger of the same form, so it is given
what those models produced: the evaporating and condensing pressures, the compressor's
adiabatic efficiency (h2s - h1) / (h2 - h1) and the evaporator duty, with the same water
inlets, superheat and subcooling. TESPy then solves the cycle's mass flow, state points
and water outlets; the script checks that both agree on the refrigerant states (they use
the same reference EOS, CoolProp's HEOS in TESPy) and reports the median time of

* a solve on a freshly built model (Entropyk: from its automatic guess; TESPy: from its
  default initialisation), and
* a re-solve after a 0.1 K change of the chilled-water inlet (Entropyk: warm start;
  TESPy: its default init_previous=True).

Both timings include each tool's Python-side overhead. TESPy's problem is the easier one
(pressures given), so the comparison does not flatter Entropyk.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time

import entropyk as ek

try:
    from CoolProp.CoolProp import PropsSI
    from tespy.components import Compressor, CycleCloser, HeatExchanger, Sink, Source, Valve
    from tespy.connections import Connection
    from tespy.networks import Network
except ImportError:  # pragma: no cover - optional comparison
    print("TESPy is not installed (pip install tespy): nothing to compare.")
    sys.exit(0)

WATER_P = 2e5


def entropyk_chiller(evap_water_c: float = 12.0) -> ek.System:
    cycle = ek.System()
    cycle.add(ek.Compressor("comp", "R134a", map="bitzer_hsk_r134a"))
    # the single-zone exchangers: the model whose state points the TESPy network
    # below was checked against (the default Condenser / Evaporator are zoned)
    cycle.add(ek.SingleZoneCondenser("cond", "R134a", ua=50e3))
    cycle.add(ek.ExpansionValve("valve", "R134a"))
    cycle.add(ek.SingleZoneEvaporator("evap", "R134a", ua=60e3))
    cycle.add_water_stream("cond", celsius=30.0, bar=2.0, mass_flow=17.7)
    cycle.add_water_stream("evap", celsius=evap_water_c, bar=2.0, mass_flow=14.3)
    cycle.connect_loop(["comp", "cond", "valve", "evap"])
    cycle.superheat("evap.refrigerant_out", 5.0)
    cycle.subcooling("cond.refrigerant_out", 3.0)
    return cycle


def tespy_chiller(p_evap: float, p_cond: float, eta_s: float, q_evap: float, evap_water_c: float = 12.0):
    nw = Network(iterinfo=False)
    cc = CycleCloser("cc")
    comp = Compressor("comp")
    cond = HeatExchanger("cond")  # hot side 1: refrigerant, cold side 2: water
    valve = Valve("valve")
    evap = HeatExchanger("evap")  # hot side 1: water, cold side 2: refrigerant
    cw_in, cw_out = Source("cond water in"), Sink("cond water out")
    ew_in, ew_out = Source("evap water in"), Sink("evap water out")
    c0 = Connection(cc, "out1", cond, "in1")
    c1 = Connection(cond, "out1", valve, "in1")
    c2 = Connection(valve, "out1", evap, "in2")
    c3 = Connection(evap, "out2", comp, "in1")
    c4 = Connection(comp, "out1", cc, "in1")
    w1 = Connection(cw_in, "out1", cond, "in2")
    w2 = Connection(cond, "out2", cw_out, "in1")
    w3 = Connection(ew_in, "out1", evap, "in1")
    w4 = Connection(evap, "out1", ew_out, "in1")
    nw.add_conns(c0, c1, c2, c3, c4, w1, w2, w3, w4)
    c1.set_attr(fluid={"R134a": 1}, p=p_cond, td_bubble=3.0)
    c3.set_attr(p=p_evap, td_dew=5.0)
    w1.set_attr(fluid={"water": 1}, T=303.15, p=WATER_P, m=17.7)
    w3.set_attr(fluid={"water": 1}, T=273.15 + evap_water_c, p=WATER_P, m=14.3)
    comp.set_attr(eta_s=eta_s)
    cond.set_attr(pr1=1, pr2=1)
    evap.set_attr(pr1=1, pr2=1, Q=-q_evap)
    return nw, {"evap_out": c3, "comp_out": c4, "cond_out": c1, "valve_out": c2}, w3


def median_time(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()

    system = entropyk_chiller()
    sol = system.solve()
    ports = {
        "evap_out": "evap.refrigerant_out",
        "comp_out": "comp.outlet",
        "cond_out": "cond.refrigerant_out",
        "valve_out": "valve.outlet",
    }
    states = {k: sol.port(v) for k, v in ports.items()}
    h1, h2 = states["evap_out"]["h"], states["comp_out"]["h"]
    s1 = ek.Fluid("R134a").state_ph(states["evap_out"]["p"], h1)["s"]
    h2s = PropsSI("H", "P", states["comp_out"]["p"], "S", s1, "R134a")  # TESPy's own EOS
    q_evap = sol.output("evap", "heat_flow")
    nw, conns, _ = tespy_chiller(states["evap_out"]["p"], states["cond_out"]["p"], (h2s - h1) / (h2 - h1), q_evap)
    nw.solve("design")
    worst = 0.0
    for key, c in conns.items():
        for q in ("p", "h"):
            ours, theirs = states[key][q], c.get_attr(q).val_SI
            worst = max(worst, abs(ours - theirs) / abs(ours))
    m_ours, m_theirs = states["evap_out"]["m"], conns["evap_out"].m.val_SI
    print(f"state points agree to {worst:.1e} relative (p, h); mass flow {m_ours:.6f} vs {m_theirs:.6f} kg/s")

    t_ek_cold = median_time(lambda: entropyk_chiller().solve(), args.repeat)

    def tespy_cold() -> None:
        n, _, _ = tespy_chiller(states["evap_out"]["p"], states["cond_out"]["p"], (h2s - h1) / (h2 - h1), q_evap)
        n.solve("design")

    t_tp_cold = median_time(tespy_cold, max(3, args.repeat // 4))

    step = [0.1]

    def ek_warm() -> None:
        nonlocal sol
        step[0] = -step[0]
        value = system.parameter("evap_secondary_source.temperature") + step[0]
        system.set_parameter("evap_secondary_source.temperature", value)
        sol = system.solve(warm_start=sol)

    n_warm, _, w3 = tespy_chiller(states["evap_out"]["p"], states["cond_out"]["p"], (h2s - h1) / (h2 - h1), q_evap)
    n_warm.solve("design")
    tstep = [0.1]

    def tespy_warm() -> None:
        tstep[0] = -tstep[0]
        w3.set_attr(T=w3.T.val_SI + tstep[0])
        n_warm.solve("design")

    t_ek_warm = median_time(ek_warm, args.repeat)
    t_tp_warm = median_time(tespy_warm, max(3, args.repeat // 4))
    print(f"fresh solve:  Entropyk {t_ek_cold * 1e6:9.1f} us   TESPy {t_tp_cold * 1e6:11.1f} us   ratio {t_tp_cold / t_ek_cold:6.0f}x")
    print(f"re-solve:     Entropyk {t_ek_warm * 1e6:9.1f} us   TESPy {t_tp_warm * 1e6:11.1f} us   ratio {t_tp_warm / t_ek_warm:6.0f}x")


if __name__ == "__main__":
    main()
