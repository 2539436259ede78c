//! Solves the reference chiller many times (for profilers).
//!
//! Run: `cargo run --release --example profile_solve -- 2000` (solves from the
//! automatic guess) or `... -- 2000 warm` (each solve starts from the previous
//! solution after a 0.1 K step of the chilled-water inlet temperature, as in a sweep)
//! or `... -- 2000 sweep` (`entropyk::solver::sweep` of that temperature over 8..16 degC
//! in `n` points, in parallel). A third argument `single` uses the single-zone
//! exchangers instead of the zoned defaults.
use entropyk::example::{r134a_chiller, ChillerSpec};
use entropyk::prelude::*;

fn main() {
    let n: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(1000);
    let mode = std::env::args().nth(2).unwrap_or_default();
    let warm = mode == "warm";
    let spec = ChillerSpec {
        single_zone: std::env::args().nth(3).is_some_and(|a| a == "single"),
        ..ChillerSpec::default()
    };
    let mut system = r134a_chiller(&spec).expect("builds");
    let config = NewtonConfig::default();
    if mode == "sweep" {
        let values: Vec<f64> = (0..n).map(|k| 281.15 + 8.0 * k as f64 / n as f64).collect();
        let start = std::time::Instant::now();
        let results = entropyk::solver::sweep(&system, WATER_IN, &values, &config).expect("sweeps");
        let elapsed = start.elapsed().as_secs_f64();
        let iterations: usize = results
            .iter()
            .map(|r| r.as_ref().expect("converges").iterations())
            .sum();
        println!(
            "sweep of {n} points: {:.1} ms, {:.1} us per point, {:.2} iterations (chord steps or Newton) each",
            elapsed * 1e3,
            elapsed * 1e6 / n as f64,
            iterations as f64 / n as f64
        );
        return;
    }
    let mut previous = system.solve(&config).expect("converges");
    let start = std::time::Instant::now();
    let mut iterations = 0;
    for i in 0..n {
        previous = if warm {
            let step = if i % 2 == 0 { 0.1 } else { -0.1 };
            let t = system.parameter(WATER_IN).expect("parameter") + step;
            system.set_parameter(WATER_IN, t).expect("in range");
            system.solve_from(&config, &previous).expect("converges")
        } else {
            system.solve(&config).expect("converges")
        };
        iterations += previous.iterations();
    }
    println!(
        "{n} {} solves, {:.1} us each, {:.2} iterations (chord steps or Newton) each, COP {:.6}",
        if warm { "warm" } else { "cold" },
        start.elapsed().as_secs_f64() * 1e6 / n as f64,
        iterations as f64 / n as f64,
        previous.cooling_cop().unwrap()
    );
}

/// The chilled-water inlet temperature parameter.
const WATER_IN: &str = "evap_secondary_source.temperature";
