//! The water-to-water cycle with an efficiency compressor for R32, R290, R1234yf,
//! R717, R410A, R600a and the real mixture R454B (R32/R1234yf, glide ~1.5 K; superheat
//! from the dew point, subcooling from the bubble point), against an independent CoolProp 8.0.0 calculation of the same
//! models (`scripts/fluid_cycles_reference.py`, `tests/data/fluid_cycles_reference.csv`).
//! Tolerances follow CoolProp's own flash precision there (about 1e-9 relative,
//! (p,s) flash noise up to 7e-9 on power): 1e-8 on pressures, enthalpies, flows
//! and heat flows, 1e-7 on power and COP.
use crate::common::{assert_cycle_matches_reference, broken, converged};
use entropyk::components::EfficiencyCompressor;
use entropyk::components::Law;
use entropyk::prelude::*;

const DATA: &str = include_str!("data/fluid_cycles_reference.csv");

fn cycle(fluid: &str) -> System {
    let f = Fluid::new(fluid).unwrap();
    let water = IncompressibleLiquid::WATER;
    let (system, _) = SystemBuilder::new()
        .component(EfficiencyCompressor::new("comp", f.clone(), 1e-4, 50.0, 0.9, 0.7))
        .component(SingleZoneCondenser::new("cond", f.clone(), water, 10e3))
        .add(ExpansionValve::new("valve", f.clone()))
        .component(SingleZoneEvaporator::new("evap", f, water, 8e3))
        .liquid_stream("cond", water, 2e5, 303.15, 2.5)
        .liquid_stream("evap", water, 2e5, 285.15, 2.0)
        .cycle(&["comp", "cond", "valve", "evap"])
        .specification(Specification::superheat("evap.refrigerant_out", 5.0))
        .specification(Specification::subcooling("cond.refrigerant_out", 3.0))
        .build()
        .unwrap();
    system
}

#[test]
fn refrigerant_cycles_match_independent_coolprop_calculation() {
    let mut lines = DATA.lines().filter(|l| !l.starts_with('#'));
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let mut fluids = Vec::new();
    let mut crossed = Vec::new();
    for line in lines.filter(|l| !l.trim().is_empty()) {
        let fields: Vec<&str> = line.split(',').collect();
        let col = |name: &str| -> f64 { fields[header.iter().position(|h| *h == name).unwrap()].parse().unwrap() };
        let fluid = fields[0];
        // The single-zone exchangers of the reference model cross their profiles for
        // some fluids (R290: the superheated refrigerant leaves the evaporator 1.5 K
        // above the entering water): the solve reports it, and nothing else.
        let (s, violations) =
            converged(cycle(fluid).solve(&NewtonConfig::default())).unwrap_or_else(|e| panic!("{fluid}: {e}"));
        assert!(
            broken(&violations).iter().all(|(_, law)| *law == Law::SecondLaw),
            "{fluid}: {violations:?}"
        );
        crossed.push((fluid.to_owned(), broken(&violations)));
        let power = s.output("comp", "power").unwrap();
        assert_cycle_matches_reference(&s, fluid, col);
        // Conservation in our own solution.
        let q_evap = s.output("evap", "heat_flow").unwrap();
        let q_cond = -s.output("cond", "heat_flow").unwrap();
        assert!((q_evap + power - q_cond).abs() < 1e-9 * q_cond, "{fluid}: first law");
        if fluid == "R454B" {
            check_glide(&s);
        }
        fluids.push(fluid.to_owned());
    }
    assert_eq!(fluids, ["R32", "R290", "R1234yf", "R717", "R410A", "R600a", "R454B"]);
    let crosses = |c: &[&str]| c.iter().map(|c| (c.to_string(), Law::SecondLaw)).collect::<Vec<_>>();
    let expected = [
        ("R32", crosses(&[])),
        ("R290", crosses(&["evap"])),
        ("R1234yf", crosses(&["cond", "evap"])),
        ("R717", crosses(&["evap"])),
        ("R410A", crosses(&[])),
        ("R600a", crosses(&["cond", "evap"])),
        ("R454B", crosses(&[])),
    ];
    assert_eq!(crossed, expected.map(|(f, c)| (f.to_owned(), c)));
}

/// The R454B solution shows the glide: the evaporator inlet (after the valve) is
/// two-phase between the bubble and dew temperatures, more than 1 K below the dew point
/// that drives the model; the suction is 5 K above the dew point and the condenser outlet
/// 3 K below the bubble point, which lies 1.5 K below the condensing dew point.
fn check_glide(s: &Solution) {
    let f = Fluid::new("R454B").unwrap();
    let inlet = s.port("valve.outlet").unwrap();
    let (tb1, td1) = f.saturation_temperatures(inlet.p).unwrap();
    let t4 = f.state_ph(inlet.p, inlet.h).unwrap();
    assert!(
        t4.quality.is_some() && t4.t > tb1 && t4.t < td1 - 1.0,
        "{t4:?} {tb1} {td1}"
    );
    let suction = s.port("comp.inlet").unwrap();
    let t1 = f.state_ph(suction.p, suction.h).unwrap().t;
    assert!((t1 - td1 - 5.0).abs() < 1e-8, "{t1} {td1}");
    let out = s.port("cond.refrigerant_out").unwrap();
    let (tb2, td2) = f.saturation_temperatures(out.p).unwrap();
    let t3 = f.state_ph(out.p, out.h).unwrap().t;
    assert!((tb2 - t3 - 3.0).abs() < 1e-8 && td2 - tb2 > 1.4, "{t3} {tb2} {td2}");
}

/// R454B in the same water-to-water cycle with moving-boundary (zoned) exchangers: Newton
/// converges; the first law closes; the condenser has all three zones; the evaporator's
/// refrigerant enters inside the glide, below the dew point, and leaves 5 K above it;
/// capacity and COP stay within 5 % of the single-zone cycle (which matches CoolProp).
#[test]
fn r454b_cycle_with_zoned_exchangers() {
    let f = Fluid::new("R454B").unwrap();
    let water = IncompressibleLiquid::WATER;
    let (system, _) = SystemBuilder::new()
        .component(EfficiencyCompressor::new("comp", f.clone(), 1e-4, 50.0, 0.9, 0.7))
        .component(Condenser::new("cond", f.clone(), water, 10e3))
        .add(ExpansionValve::new("valve", f.clone()))
        .component(Evaporator::new("evap", f.clone(), water, 8e3))
        .liquid_stream("cond", water, 2e5, 303.15, 2.5)
        .liquid_stream("evap", water, 2e5, 285.15, 2.0)
        .cycle(&["comp", "cond", "valve", "evap"])
        .specification(Specification::superheat("evap.refrigerant_out", 5.0))
        .specification(Specification::subcooling("cond.refrigerant_out", 3.0))
        .build()
        .unwrap();
    let s = system.solve(&NewtonConfig::default()).unwrap();
    assert!(s.converged());
    let power = s.output("comp", "power").unwrap();
    let q_evap = s.output("evap", "heat_flow").unwrap();
    let q_cond = -s.output("cond", "heat_flow").unwrap();
    assert!((q_evap + power - q_cond).abs() < 1e-9 * q_cond, "first law");
    let fractions: Vec<f64> = ["superheated", "two_phase", "subcooled"]
        .iter()
        .map(|z| s.output("cond", &format!("area_fraction_{z}")).unwrap())
        .collect();
    assert!(fractions.iter().all(|v| *v > 0.0), "{fractions:?}");
    check_glide(&s);
    let (single, _) = converged(cycle("R454B").solve(&NewtonConfig::default())).unwrap();
    let q_single = single.output("evap", "heat_flow").unwrap();
    assert!((q_evap / q_single - 1.0).abs() < 0.05, "{q_evap} vs {q_single}");
    assert!((s.cooling_cop().unwrap() / single.cooling_cop().unwrap() - 1.0).abs() < 0.05);
}
