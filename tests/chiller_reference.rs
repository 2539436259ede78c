//! The chiller solved here against an independent calculation of the same models
//! with CoolProp 8.0.0 (`scripts/chiller_reference.py`, stored in
//! `tests/data/chiller_reference.csv`). Agreement is limited by CoolProp's own flash
//! tolerance (about 1e-9 relative), so the comparison uses 1e-8 (1e-7 for power and
//! COP, which involve the small difference h2s - h1).
use entropyk::example::{r134a_chiller, ChillerSpec};
use entropyk::prelude::*;

const DATA: &str = include_str!("data/chiller_reference.csv");

fn rel(a: f64, b: f64) -> f64 {
    (a - b).abs() / b.abs()
}

#[test]
fn chiller_matches_independent_coolprop_calculation() {
    let mut lines = DATA.lines().filter(|l| !l.starts_with('#'));
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let mut cases = 0;
    for line in lines.filter(|l| !l.trim().is_empty()) {
        let values: Vec<f64> = line.split(',').map(|v| v.parse().unwrap()).collect();
        let col = |name: &str| values[header.iter().position(|h| *h == name).unwrap()];
        let spec = ChillerSpec {
            evaporator_water_in: col("t_evap_water_in_c") + 273.15,
            condenser_water_in: col("t_cond_water_in_c") + 273.15,
            ..ChillerSpec::default()
        };
        let s = r134a_chiller(&spec).unwrap().solve(&NewtonConfig::default()).unwrap();
        let case = format!("water {} / {} degC", col("t_evap_water_in_c"), col("t_cond_water_in_c"));
        let checks = [
            ("p1_pa", s.port("comp.inlet").unwrap().p, 1e-8),
            ("p2_pa", s.port("comp.outlet").unwrap().p, 1e-8),
            ("h1", s.port("comp.inlet").unwrap().h, 1e-8),
            ("h2", s.port("comp.outlet").unwrap().h, 1e-8),
            ("h3", s.port("cond.refrigerant_out").unwrap().h, 1e-8),
            ("h4", s.port("valve.outlet").unwrap().h, 1e-8),
            ("m_kg_s", s.port("comp.inlet").unwrap().m, 1e-8),
            ("q_evap_w", s.output("evap", "heat_flow").unwrap(), 1e-8),
            ("q_cond_w", s.output("cond", "heat_flow").unwrap(), 1e-8),
            ("power_w", s.output("comp", "power").unwrap(), 1e-7),
            ("cop_cooling", s.cooling_cop(), 1e-7),
            (
                "t_evap_water_out_k",
                s.temperature("evap.secondary_out").unwrap(),
                1e-10,
            ),
            (
                "t_cond_water_out_k",
                s.temperature("cond.secondary_out").unwrap(),
                1e-10,
            ),
        ];
        for (name, ours, tol) in checks {
            let reference = col(name);
            assert!(
                rel(ours, reference) < tol,
                "{case}: {name} = {ours} vs CoolProp {reference} (rel {:e})",
                rel(ours, reference)
            );
        }
        cases += 1;
    }
    assert_eq!(cases, 5);
}
