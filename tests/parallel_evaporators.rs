//! Two evaporators in parallel (FlowSplitter / FlowMerger) and two chillers in
//! series on one chilled-water stream, against an independent CoolProp 8.0.0
//! calculation of the same models (`scripts/parallel_evaporators_reference.py`,
//! `tests/data/parallel_evaporators_reference.csv`).
//!
//! Tolerances (relative) follow CoolProp's flash precision, measured by the
//! script at these states: its raw (P,H) flash is off by ~2e-9 K and its raw (P,S)
//! flash by up to 1.1e-4 J/kg in h_2s, i.e. 3.3e-9 of the compressor work (R32);
//! the reference polishes both by Newton on (P,T) calls. Pressures, enthalpies,
//! flows and heat flows: 1e-8 (measured at most 1.7e-10); power and COP, a small
//! difference of enthalpies: 3e-8 (measured at most 1.2e-9); temperatures: 1e-10
//! (measured at most 2.3e-12).
use crate::common::{broken, converged};
use entropyk::components::{EfficiencyCompressor, Law};
use entropyk::prelude::*;
use entropyk::solver::FinalizeReport;

const DATA: &str = include_str!("data/parallel_evaporators_reference.csv");
const WATER_P: f64 = 2e5;

/// R134a: compressor, condenser, splitter, two ideal valves, two evaporators on
/// their own water streams, merger. Specifications: superheat at each evaporator
/// outlet (5 K and 8 K, each met by its branch's ideal valve, i.e. two
/// thermostatic / electronic valves) and subcooling 3 K at the condenser outlet.
///
/// Degrees of freedom: the two ideal valves leave their outlet pressures free, but
/// FlowMerger's `p_in,k = p_out` rows tie both evaporator pressures (no pressure
/// drop in the evaporators) to one suction pressure; the splitter leaves the split
/// fraction free. The physical unknowns are then (p_evap, p_cond, m_1, m_2) against
/// the two evaporator energy balances, the compressor flow and the condenser
/// energy balance: square, with the superheats fixing the evaporator outlet
/// enthalpies and the subcooling standing in for the closed circuit's redundant
/// mass balance (the charge).
pub(crate) fn parallel_evaporators() -> (System, FinalizeReport) {
    let r134a = Fluid::new("R134a").unwrap();
    let water = IncompressibleLiquid::WATER;
    let refrigerant = entropyk::components::Medium::Refrigerant(r134a.clone());
    SystemBuilder::new()
        .component(EfficiencyCompressor::new("comp", r134a.clone(), 2e-4, 50.0, 0.9, 0.7))
        .component(SingleZoneCondenser::new("cond", r134a.clone(), water, 8e3))
        .component(FlowSplitter::new("split", refrigerant.clone(), 2))
        .add(ExpansionValve::new("valve_1", r134a.clone()))
        .add(ExpansionValve::new("valve_2", r134a.clone()))
        .component(SingleZoneEvaporator::new("evap_1", r134a.clone(), water, 5e3))
        .component(SingleZoneEvaporator::new("evap_2", r134a, water, 3e3))
        .component(FlowMerger::new("mix", refrigerant, 2))
        .liquid_stream("cond", water, WATER_P, 303.15, 2.0)
        .liquid_stream("evap_1", water, WATER_P, 285.15, 1.2)
        .liquid_stream("evap_2", water, WATER_P, 289.15, 0.8)
        .connect("comp.outlet", "cond.refrigerant_in")
        .connect("cond.refrigerant_out", "split.inlet")
        .connect("split.outlet_1", "valve_1.inlet")
        .connect("split.outlet_2", "valve_2.inlet")
        .connect("valve_1.outlet", "evap_1.refrigerant_in")
        .connect("valve_2.outlet", "evap_2.refrigerant_in")
        .connect("evap_1.refrigerant_out", "mix.inlet_1")
        .connect("evap_2.refrigerant_out", "mix.inlet_2")
        .connect("mix.outlet", "comp.inlet")
        .specification(Specification::superheat("evap_1.refrigerant_out", 5.0))
        .specification(Specification::superheat("evap_2.refrigerant_out", 8.0))
        .specification(Specification::subcooling("cond.refrigerant_out", 3.0))
        .build()
        .unwrap()
}

/// Two chillers in series on the chilled water: circuit A (R134a) cools the water
/// first, its evaporator's water outlet feeds circuit B's (R32) evaporator. Each
/// circuit has its own condenser water stream, superheat 5 K and subcooling 3 K.
fn series_chillers() -> (System, FinalizeReport) {
    let r134a = Fluid::new("R134a").unwrap();
    let r32 = Fluid::new("R32").unwrap();
    let water = IncompressibleLiquid::WATER;
    SystemBuilder::new()
        .component(EfficiencyCompressor::new(
            "comp_a",
            r134a.clone(),
            1.5e-4,
            50.0,
            0.9,
            0.7,
        ))
        .component(SingleZoneCondenser::new("cond_a", r134a.clone(), water, 8e3))
        .add(ExpansionValve::new("valve_a", r134a.clone()))
        .component(SingleZoneEvaporator::new("evap_a", r134a, water, 6e3))
        .component(EfficiencyCompressor::new("comp_b", r32.clone(), 6e-5, 50.0, 0.9, 0.7))
        .component(SingleZoneCondenser::new("cond_b", r32.clone(), water, 8e3))
        .add(ExpansionValve::new("valve_b", r32.clone()))
        .component(SingleZoneEvaporator::new("evap_b", r32, water, 6e3))
        .cycle(&["comp_a", "cond_a", "valve_a", "evap_a"])
        .cycle(&["comp_b", "cond_b", "valve_b", "evap_b"])
        .liquid_stream("cond_a", water, WATER_P, 303.15, 2.0)
        .liquid_stream("cond_b", water, WATER_P, 303.15, 2.0)
        .component(FlowSource::new("chw_in", water, WATER_P, 287.15, 1.5))
        .add(FlowSink::new("chw_out", water))
        .connect("chw_in.outlet", "evap_a.secondary_in")
        .connect("evap_a.secondary_out", "evap_b.secondary_in")
        .connect("evap_b.secondary_out", "chw_out.inlet")
        .specification(Specification::superheat("evap_a.refrigerant_out", 5.0))
        .specification(Specification::subcooling("cond_a.refrigerant_out", 3.0))
        .specification(Specification::superheat("evap_b.refrigerant_out", 5.0))
        .specification(Specification::subcooling("cond_b.refrigerant_out", 3.0))
        .build()
        .unwrap()
}

/// The reference values of `system` in the CSV, `(quantity, value)`.
fn reference(system: &str) -> Vec<(&'static str, f64)> {
    let mut lines = DATA.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty());
    assert_eq!(lines.next(), Some("system,quantity,value"));
    lines
        .filter_map(|l| {
            let f: Vec<&'static str> = l.split(',').collect();
            (f[0] == system).then(|| (f[1], f[2].parse().unwrap()))
        })
        .collect()
}

fn rel(a: f64, b: f64) -> f64 {
    (a - b).abs() / b.abs()
}

/// Compares `ours(quantity)` with every reference quantity of `system`; returns
/// the largest relative difference per tolerance class for the report.
fn compare(system: &str, ours: impl Fn(&str) -> f64) {
    let mut worst = (0.0_f64, "");
    for (quantity, reference) in reference(system) {
        let value = ours(quantity);
        let d = rel(value, reference);
        // See the module documentation for the tolerance classes.
        let tol = if quantity.starts_with("t_") {
            1e-10
        } else if quantity.starts_with("power") || quantity.starts_with("cop") {
            3e-8
        } else {
            1e-8
        };
        println!("{system}: {quantity}: ours {value:?} CoolProp {reference:?} rel {d:.2e}");
        assert!(
            d < tol,
            "{system}: {quantity} = {value} vs CoolProp {reference} (rel {d:e}, tol {tol:e})"
        );
        if d > worst.0 {
            worst = (d, quantity);
        }
    }
    println!("{system}: largest relative difference {:.2e} ({})", worst.0, worst.1);
}

#[test]
fn parallel_evaporators_match_independent_coolprop_calculation() {
    let (system, report) = parallel_evaporators();
    // 15 connections x 3 unknowns. Equations: comp 3 + cond 6 + split 5 + valves 2x2
    // + evaporators 2x6 + merger 4 + water sources 3x3 = 43, minus the closed
    // circuit's redundant mass balance = 42, plus 3 specifications = 45.
    assert_eq!(report.unknowns, 45);
    assert_eq!(report.redundant_mass_balances.len(), 1);
    let (members, dropped) = &report.redundant_mass_balances[0];
    assert_eq!(members.len(), 8, "{members:?}");
    assert_eq!(dropped, "comp: equation 0");
    // The single-zone evaporators of the reference model cross their profiles here
    // (superheated vapour leaves above the entering water): the solve reports it.
    let (s, violations) = converged(system.solve(&NewtonConfig::default())).unwrap();
    assert_eq!(
        broken(&violations),
        [
            ("evap_1".to_owned(), Law::SecondLaw),
            ("evap_2".to_owned(), Law::SecondLaw)
        ]
    );
    assert!(s.converged() && s.residual() < 1e-9);
    let port = |p: &str| s.port(p).unwrap();
    let out = |c: &str, o: &str| s.output(c, o).unwrap();
    compare("parallel", |q| match q {
        "p_evap" => port("comp.inlet").p,
        "p_cond" => port("comp.outlet").p,
        "h_comp_in" => port("comp.inlet").h,
        "h_comp_out" => port("comp.outlet").h,
        "h_cond_out" => port("cond.refrigerant_out").h,
        "h_evap_1_out" => port("evap_1.refrigerant_out").h,
        "h_evap_2_out" => port("evap_2.refrigerant_out").h,
        "m_total" => port("comp.inlet").m,
        "m_1" => port("evap_1.refrigerant_in").m,
        "m_2" => port("evap_2.refrigerant_in").m,
        "q_evap_1" => out("evap_1", "heat_flow"),
        "q_evap_2" => out("evap_2", "heat_flow"),
        "q_cond" => -out("cond", "heat_flow"),
        "power" => out("comp", "power"),
        "cop_cooling" => s.cooling_cop().unwrap(),
        "t_evap_1_water_out" => s.temperature("evap_1.secondary_out").unwrap(),
        "t_evap_2_water_out" => s.temperature("evap_2.secondary_out").unwrap(),
        "t_cond_water_out" => s.temperature("cond.secondary_out").unwrap(),
        "t_dew_evap" => out("evap_1", "saturation_temperature"),
        "t_dew_cond" => out("cond", "saturation_temperature"),
        other => panic!("unknown quantity {other}"),
    });
    // Both evaporators end in the merger, whose inlets share its outlet pressure.
    assert_eq!(port("evap_1.refrigerant_out").p, port("evap_2.refrigerant_out").p);
    // Conservation in our own solution, relative 1e-9.
    let (m, m1, m2) = (
        port("split.inlet").m,
        port("valve_1.outlet").m,
        port("valve_2.outlet").m,
    );
    assert!(rel(m1 + m2, m) < 1e-9 && rel(port("mix.outlet").m, m) < 1e-9);
    assert!(rel(port("comp.outlet").m, m) < 1e-9);
    let h = |p: &str| port(p).h;
    let mixed = (m1 * h("mix.inlet_1") + m2 * h("mix.inlet_2")) / m;
    assert!(rel(mixed, h("comp.inlet")) < 1e-12);
    let (q1, q2, qc, w) = (
        out("evap_1", "heat_flow"),
        out("evap_2", "heat_flow"),
        -out("cond", "heat_flow"),
        out("comp", "power"),
    );
    assert!(rel(m1 * (h("evap_1.refrigerant_out") - h("split.outlet_1")), q1) < 1e-9);
    assert!(rel(m2 * (h("evap_2.refrigerant_out") - h("split.outlet_2")), q2) < 1e-9);
    assert!(rel(m * (h("comp.outlet") - h("cond.refrigerant_out")), qc) < 1e-9);
    let water = IncompressibleLiquid::WATER;
    let water_q = |hx: &str| {
        let (i, o) = (
            port(&format!("{hx}.secondary_in")),
            port(&format!("{hx}.secondary_out")),
        );
        i.m * water.cp * (water.temperature(i.h, i.p) - water.temperature(o.h, o.p)).abs()
    };
    assert!(rel(water_q("evap_1"), q1) < 1e-9 && rel(water_q("evap_2"), q2) < 1e-9);
    assert!(rel(water_q("cond"), qc) < 1e-9);
    assert!(rel(q1 + q2 + w, qc) < 1e-9, "first law");
}

#[test]
fn series_chillers_match_independent_coolprop_calculation() {
    let (system, report) = series_chillers();
    // 15 connections x 3 unknowns; two closed refrigerant circuits, each losing one
    // redundant mass balance (2 x (3 + 6 + 2 + 6) - 2 = 32), 3 water sources (9),
    // 4 specifications: 45.
    assert_eq!(report.unknowns, 45);
    let circuits: Vec<(Vec<&str>, &str)> = report
        .redundant_mass_balances
        .iter()
        .map(|(m, d)| (m.iter().map(String::as_str).collect(), d.as_str()))
        .collect();
    assert_eq!(
        circuits,
        [
            (vec!["comp_a", "cond_a", "valve_a", "evap_a"], "comp_a: equation 0"),
            (vec!["comp_b", "cond_b", "valve_b", "evap_b"], "comp_b: equation 0"),
        ]
    );
    // The single-zone evaporator of circuit b crosses its profiles (by 0.24 K).
    let (s, violations) = converged(system.solve(&NewtonConfig::default())).unwrap();
    assert_eq!(broken(&violations), [("evap_b".to_owned(), Law::SecondLaw)]);
    assert!(s.converged() && s.residual() < 1e-9);
    let port = |p: &str| s.port(p).unwrap();
    let out = |c: &str, o: &str| s.output(c, o).unwrap();
    compare("series", |q| {
        let (name, tag) = q.rsplit_once('_').unwrap();
        let c = |component: &str| format!("{component}_{tag}");
        match name {
            "p_evap" => port(&format!("{}.inlet", c("comp"))).p,
            "p_cond" => port(&format!("{}.outlet", c("comp"))).p,
            "h_comp_in" => port(&format!("{}.inlet", c("comp"))).h,
            "h_comp_out" => port(&format!("{}.outlet", c("comp"))).h,
            "h_cond_out" => port(&format!("{}.refrigerant_out", c("cond"))).h,
            "m" => port(&format!("{}.inlet", c("comp"))).m,
            "q_evap" => out(&c("evap"), "heat_flow"),
            "q_cond" => -out(&c("cond"), "heat_flow"),
            "power" => out(&c("comp"), "power"),
            "t_dew_evap" => out(&c("evap"), "saturation_temperature"),
            "t_dew_cond" => out(&c("cond"), "saturation_temperature"),
            "t_cond_water_out" => out(&c("cond"), "secondary_outlet_temperature"),
            "t_chw" if tag == "mid" => s.temperature("evap_b.secondary_in").unwrap(),
            "t_chw" if tag == "out" => s.temperature("chw_out.inlet").unwrap(),
            "cop" => s.cooling_cop().unwrap(),
            other => panic!("unknown quantity {other} ({q})"),
        }
    });
    // Conservation in our own solution, relative 1e-9: each circuit and the shared
    // chilled-water stream.
    let water = IncompressibleLiquid::WATER;
    let mut q_evap_total = 0.0;
    for tag in ["a", "b"] {
        let c = |component: &str| format!("{component}_{tag}");
        let (qe, qc, w) = (
            out(&c("evap"), "heat_flow"),
            -out(&c("cond"), "heat_flow"),
            out(&c("comp"), "power"),
        );
        let m = port(&format!("{}.inlet", c("comp"))).m;
        for p in [format!("{}.outlet", c("comp")), format!("{}.outlet", c("valve"))] {
            assert!(rel(port(&p).m, m) < 1e-9, "{p}");
        }
        assert!(rel(qe + w, qc) < 1e-9, "first law, circuit {tag}");
        q_evap_total += qe;
    }
    let (i, o) = (port("chw_in.outlet"), port("chw_out.inlet"));
    assert!(rel(o.m, i.m) < 1e-9 && rel(port("evap_b.secondary_in").m, i.m) < 1e-9);
    let q_chw = i.m * water.cp * (water.temperature(i.h, i.p) - water.temperature(o.h, o.p));
    assert!(
        rel(q_chw, q_evap_total) < 1e-9,
        "chilled water {q_chw} vs {q_evap_total}"
    );
    // Total cooling over total power is the system COP.
    let w_total = out("comp_a", "power") + out("comp_b", "power");
    assert!(rel(s.cooling_cop().unwrap(), q_evap_total / w_total) < 1e-12);
}
