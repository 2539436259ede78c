//! Trustworthy results (issue 12): over a wide property-based grid of the reference
//! chiller (AHRI map) and an efficiency-compressor cycle, with the zoned default
//! exchangers and with the single-zone ones, every solve ends either in a typed error
//! or in a solution that is physically valid. "Valid" is checked here independently
//! of the solver's own validity check:
//! * no temperature cross at either end of either exchanger (counter-flow: the
//!   evaporator's refrigerant leaves no warmer than the entering water and the water
//!   leaves no colder than the evaporating refrigerant; mirror for the condenser);
//! * the compressor takes in work (`power > 0`) and raises the pressure;
//! * neither water stream is frozen;
//! * the signed outputs close the first law of the refrigerant loop,
//!   `sum(heat_flow) + sum(power) = 0`, to 1e-9.
//!
//! The draws are wide on purpose (UA over four decades, water flows over two, water
//! temperatures that can freeze, superheat 0..15 K, subcooling 0..10 K): many points
//! have no physical solution, and those must be errors, never solutions.
use crate::common::converged;
use entropyk::components::{EfficiencyCompressor, Law};
use entropyk::example::{r134a_chiller, ChillerSpec};
use entropyk::prelude::*;
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
use std::collections::BTreeMap;

/// Seed of the draw (any fixed value: reproducible).
const SEED: [u8; 32] = *b"entropyk-issue-12-physics-grid-0";
/// Points per family (4 families).
const POINTS: usize = 400;
/// Tolerance of the end temperature differences, K (a pinched exchanger converges
/// onto a zero difference within round-off).
const DT_TOL: f64 = 1e-6;

#[derive(Debug, Clone, Copy)]
struct Point {
    map: bool,
    single_zone: bool,
    evap_water_in: f64,
    cond_water_in: f64,
    evap_flow: f64,
    cond_flow: f64,
    evap_ua: f64,
    cond_ua: f64,
    superheat: f64,
    subcooling: f64,
}

fn point(map: bool, single_zone: bool) -> impl Strategy<Value = Point> {
    (
        -8.0..25.0_f64,
        0.0..30.0_f64,
        // log10 of the water flows (kg/s) and conductances (W/K): two and four decades
        (-1.0..1.3_f64, -1.0..1.3_f64),
        (2.5..6.5_f64, 2.5..6.5_f64),
        0.0..15.0_f64,
        0.0..10.0_f64,
    )
        .prop_map(move |(evap_c, lift, (ef, cf), (eu, cu), superheat, subcooling)| {
            let scale = if map { 8.0 } else { 1.0 }; // the map chiller is ~30x larger
            Point {
                map,
                single_zone,
                evap_water_in: 273.15 + evap_c,
                cond_water_in: 273.15 + evap_c + lift,
                evap_flow: scale * 10f64.powf(ef),
                cond_flow: scale * 10f64.powf(cf),
                evap_ua: scale * 10f64.powf(eu),
                cond_ua: scale * 10f64.powf(cu),
                superheat,
                subcooling,
            }
        })
}

fn build(p: &Point) -> Result<System, SolverError> {
    if p.map {
        return r134a_chiller(&ChillerSpec {
            condenser_water_in: p.cond_water_in,
            condenser_water_flow: p.cond_flow,
            condenser_ua: p.cond_ua,
            evaporator_water_in: p.evap_water_in,
            evaporator_water_flow: p.evap_flow,
            evaporator_ua: p.evap_ua,
            superheat: p.superheat,
            subcooling: p.subcooling,
            single_zone: p.single_zone,
        });
    }
    let f = Fluid::new("R134a").unwrap();
    let water = IncompressibleLiquid::WATER;
    let mut system = System::new();
    system.add(EfficiencyCompressor::new("comp", f.clone(), 1.0e-4, 50.0, 0.85, 0.7)?)?;
    if p.single_zone {
        system.add(SingleZoneCondenser::new("cond", f.clone(), water, p.cond_ua)?)?;
        system.add(SingleZoneEvaporator::new("evap", f.clone(), water, p.evap_ua)?)?;
    } else {
        system.add(Condenser::new("cond", f.clone(), water, p.cond_ua)?)?;
        system.add(Evaporator::new("evap", f.clone(), water, p.evap_ua)?)?;
    }
    system.add(ExpansionValve::new("valve", f))?;
    system.add_liquid_stream("cond", water, 2e5, p.cond_water_in, p.cond_flow)?;
    system.add_liquid_stream("evap", water, 2e5, p.evap_water_in, p.evap_flow)?;
    system.connect_loop(&["comp", "cond", "valve", "evap"])?;
    system.add_specification(Specification::superheat("evap.refrigerant_out", p.superheat))?;
    system.add_specification(Specification::subcooling("cond.refrigerant_out", p.subcooling))?;
    Ok(system)
}

/// What is physically wrong with a returned solution, checked independently of the
/// solver (see the module documentation); empty if nothing.
fn independent_check(s: &Solution) -> Vec<String> {
    let mut wrong = Vec::new();
    let t = |port: &str| s.temperature(port).unwrap_or(f64::NAN);
    let out = |c: &str, o: &str| s.output(c, o).unwrap_or(f64::NAN);
    let (t_ref_in_e, t_ref_out_e) = (t("evap.refrigerant_in"), t("evap.refrigerant_out"));
    let (t_w_in_e, t_w_out_e) = (t("evap.secondary_in"), t("evap.secondary_out"));
    let (t_ref_in_c, t_ref_out_c) = (t("cond.refrigerant_in"), t("cond.refrigerant_out"));
    let (t_w_in_c, t_w_out_c) = (t("cond.secondary_in"), t("cond.secondary_out"));
    // Counter-flow ends: hot minus cold at both ends of both exchangers.
    for (name, dt) in [
        ("evaporator outlet end", t_w_in_e - t_ref_out_e),
        ("evaporator inlet end", t_w_out_e - t_ref_in_e),
        ("condenser outlet end", t_ref_out_c - t_w_in_c),
        ("condenser inlet end", t_ref_in_c - t_w_out_c),
    ] {
        if !(dt >= -DT_TOL) {
            wrong.push(format!("temperature cross at the {name}: {dt} K"));
        }
    }
    let power = out("comp", "power");
    if !(power > 0.0) || !(s.port("comp.outlet").unwrap().p > s.port("comp.inlet").unwrap().p) {
        wrong.push(format!("compressor: power {power} W"));
    }
    for (port, temperature) in [("evap.secondary_out", t_w_out_e), ("cond.secondary_out", t_w_out_c)] {
        if !(temperature >= 273.15) {
            wrong.push(format!("{port}: frozen water at {temperature} K"));
        }
    }
    let (q_evap, q_cond) = (out("evap", "heat_flow"), out("cond", "heat_flow"));
    let q_comp = s.output("comp", "heat_flow").unwrap_or(0.0);
    let scale = q_evap.abs().max(q_cond.abs()).max(power.abs());
    let first_law = (q_evap + q_cond + q_comp + power) / scale;
    if !(first_law.abs() <= 1e-9) {
        wrong.push(format!(
            "first law: sum(Q) + sum(P) = {first_law:e} of the largest term"
        ));
    }
    wrong
}

#[test]
fn every_result_is_a_typed_error_or_physically_valid() {
    let mut runner = TestRunner::new_with_rng(Config::default(), TestRng::from_seed(RngAlgorithm::ChaCha, &SEED));
    // (family) -> (outcome class) -> count
    let mut table: BTreeMap<String, BTreeMap<String, usize>> = BTreeMap::new();
    let mut invalid_solutions = Vec::new();
    let mut crosses_caught = 0;
    for (map, single_zone) in [(true, false), (false, false), (true, true), (false, true)] {
        let family = format!(
            "{} {}",
            if map { "map chiller" } else { "efficiency cycle" },
            if single_zone { "single-zone" } else { "zoned" }
        );
        let strategy = point(map, single_zone);
        for _ in 0..POINTS {
            let p = strategy.new_tree(&mut runner).unwrap().current();
            let result = build(&p).and_then(|system| system.solve(&NewtonConfig::default()));
            let class = match &result {
                Ok(_) => "valid solution".to_owned(),
                Err(SolverError::Physics { violations, .. }) => {
                    let mut laws: Vec<&str> = violations.iter().map(|v| v.law.name()).collect();
                    laws.dedup();
                    crosses_caught += violations.iter().filter(|v| v.law == Law::SecondLaw).count();
                    format!("PhysicsError {laws:?}")
                }
                Err(e) => error_kind(e),
            };
            *table.entry(family.clone()).or_default().entry(class).or_default() += 1;
            if let Ok(s) = &result {
                let wrong = independent_check(s);
                if !wrong.is_empty() {
                    invalid_solutions.push(format!("{p:?}: {wrong:?}"));
                }
            }
            // A physics error carries the converged solution, which does break a law.
            if let Ok((s, violations)) = converged(result) {
                if !violations.is_empty() {
                    assert!(s.converged(), "{p:?}");
                }
            }
        }
    }
    println!("\nphysics grid, {POINTS} points per family:");
    for (family, classes) in &table {
        println!("  {family}:");
        for (class, n) in classes {
            println!("    {n:5}  {class}");
        }
    }
    assert!(
        invalid_solutions.is_empty(),
        "{} returned solutions are physically invalid:\n{}",
        invalid_solutions.len(),
        invalid_solutions.join("\n")
    );
    // The draw does reach the single-zone models' crosses, so the check is exercised.
    assert!(crosses_caught > 0, "no temperature cross was drawn");
    // Every family has valid solutions too (the draw is not all nonsense).
    for (family, classes) in &table {
        assert!(
            classes.get("valid solution").copied().unwrap_or(0) > 0,
            "{family}: no valid solution"
        );
    }
}

/// A short name of an error's kind, for the outcome table.
fn error_kind(e: &SolverError) -> String {
    let text = format!("{e:?}");
    let name: String = text.chars().take_while(|c| c.is_alphanumeric()).collect();
    match e {
        SolverError::Component(c) => {
            let inner: String = format!("{c:?}").chars().take_while(|c| c.is_alphanumeric()).collect();
            format!("{name}({inner})")
        }
        _ => name,
    }
}
