//! The chiller solved here against an independent calculation of the same models
//! with CoolProp 8.0.0 (`scripts/chiller_reference.py`, stored in
//! `tests/data/chiller_reference.csv`). Agreement is limited by CoolProp's own flash
//! tolerance (about 1e-9 relative), so the comparison uses 1e-8 (1e-7 for power and
//! COP, which involve the small difference h2s - h1).
use crate::common::assert_cycle_matches_reference;
use entropyk::example::{r134a_chiller, ChillerSpec};
use entropyk::prelude::*;

const DATA: &str = include_str!("data/chiller_reference.csv");

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
            single_zone: true, // the model of the reference script
            ..ChillerSpec::default()
        };
        let s = r134a_chiller(&spec).unwrap().solve(&NewtonConfig::default()).unwrap();
        let case = format!("water {} / {} degC", col("t_evap_water_in_c"), col("t_cond_water_in_c"));
        assert_cycle_matches_reference(&s, &case, col);
        cases += 1;
    }
    assert_eq!(cases, 5);
}
