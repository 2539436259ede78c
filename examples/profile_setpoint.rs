//! Times issue 13's benchmark case in Rust: the TESPy-style R134a cycle
//! (isentropic-efficiency compressor, one-stream exchangers, evaporator duty), warm
//! re-solved after 0.1 K changes of its evaporating dew temperature set point, and
//! swept over -20..+5 degC in 1000 points (parallel `sweep` and a serial warm loop).
//!
//! Run: `cargo run --release --example profile_setpoint -- [repeats]`; prints medians.
use entropyk::components::{ExpansionValve, IsentropicCompressor, SimpleHeatExchanger};
use entropyk::solver::{sweep, NewtonConfig, Specification, System};
use entropyk::thermo::Fluid;
use std::time::Instant;

fn cycle() -> System {
    let r134a = Fluid::new("R134a").unwrap();
    let mut s = System::new();
    s.add(IsentropicCompressor::new("comp", r134a.clone(), 0.75).unwrap())
        .unwrap();
    s.add(SimpleHeatExchanger::new("cond", r134a.clone(), 1.0).unwrap())
        .unwrap();
    s.add(ExpansionValve::new("valve", r134a.clone())).unwrap();
    s.add(SimpleHeatExchanger::new("evap", r134a, 1.0).unwrap()).unwrap();
    s.connect_loop(&["comp", "cond", "valve", "evap"]).unwrap();
    for spec in [
        Specification::dew_temperature("evap.outlet", 268.15),
        Specification::superheat("evap.outlet", 5.0),
        Specification::dew_temperature("cond.outlet", 313.15),
        Specification::subcooling("cond.outlet", 3.0),
        Specification::heat_flow("evap", 10e3),
    ] {
        s.add_specification(spec).unwrap();
    }
    s
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn main() {
    let repeats: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(5);
    let config = NewtonConfig::default();
    let reference = "t_dew:evap.outlet";
    let (mut resolve, mut par, mut serial) = (Vec::new(), Vec::new(), Vec::new());
    let mut iterations = 0;
    for r in 0..repeats {
        let mut system = cycle();
        let mut last = system.solve(&config).unwrap();
        for k in 0..2000 {
            let value = 268.15 + if k % 2 == 0 { 0.1 } else { 0.0 } + 1e-4 * ((k + r) % 7) as f64;
            let start = Instant::now();
            system.set_value(reference, value).unwrap();
            last = system.solve_from(&config, &last).unwrap();
            resolve.push(start.elapsed().as_secs_f64());
            iterations = last.iterations();
        }
        let values: Vec<f64> = (0..1000)
            .map(|k| 253.15 + 25.0 * k as f64 / 999.0 + 1e-6 * r as f64)
            .collect();
        let start = Instant::now();
        let results = sweep(&system, reference, &values, &config).unwrap();
        par.push(start.elapsed().as_secs_f64());
        assert!(results.iter().all(|r| r.is_ok()));
        let start = Instant::now();
        let mut last = system.solve(&config).unwrap();
        for &v in &values {
            system.set_value(reference, v).unwrap();
            last = system.solve_from(&config, &last).unwrap();
        }
        serial.push(start.elapsed().as_secs_f64());
    }
    // cost of one residual evaluation: a warm solve from the solution itself
    let system = cycle();
    let solved = system.solve(&config).unwrap();
    let mut same = Vec::new();
    for _ in 0..2000 {
        let start = Instant::now();
        let again = system.solve_from(&config, &solved).unwrap();
        same.push(start.elapsed().as_secs_f64());
        assert_eq!(again.iterations(), 0);
    }
    println!(
        "warm solve from its own solution (one residual evaluation): {:.1} us median",
        1e6 * median(same)
    );
    let (p, s) = (median(par), median(serial));
    println!(
        "warm re-solve after a 0.1 K set-point change: {:.1} us median ({iterations} iterations)",
        1e6 * median(resolve)
    );
    println!(
        "sweep, 1000 points: {:.2} ms median; serial warm loop: {:.2} ms (speed-up {:.2}x)",
        1e3 * p,
        1e3 * s,
        s / p
    );
}
