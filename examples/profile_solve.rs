//! Solves the reference chiller many times (for profilers).
//!
//! Run: `cargo run --release --example profile_solve -- 2000`
use entropyk::example::{r134a_chiller, ChillerSpec};
use entropyk::prelude::*;

fn main() {
    let n: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(1000);
    let mut system = r134a_chiller(&ChillerSpec::default()).expect("builds");
    let config = NewtonConfig::default();
    let start = std::time::Instant::now();
    let mut cop = 0.0;
    for _ in 0..n {
        cop = system.solve(&config).expect("converges").cooling_cop();
    }
    println!("{n} solves, {:.1} us each, COP {cop:.6}", start.elapsed().as_secs_f64() * 1e6 / n as f64);
}
