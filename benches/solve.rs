//! Solves of the reference R134a chiller: from the automatic guess, and warm (from the
//! previous solution after a 0.1 K step of the chilled-water inlet temperature, as in
//! a sweep).
//!
//! Run: `cargo bench --bench solve`
use criterion::{criterion_group, criterion_main, Criterion};
use entropyk::example::{r134a_chiller, ChillerSpec};
use entropyk::prelude::*;
use std::hint::black_box;

/// The chilled-water inlet temperature parameter.
const WATER_IN: &str = "evap_secondary_source.temperature";

fn solve(c: &mut Criterion) {
    let spec = ChillerSpec::default();
    let mut system = r134a_chiller(&spec).unwrap();
    system.finalize().unwrap();
    let config = NewtonConfig::default();
    c.bench_function("r134a_chiller_solve_from_guess", |b| {
        b.iter(|| black_box(system.solve(black_box(&config)).unwrap()))
    });
    let mut previous = system.solve(&config).unwrap();
    let mut step = 0.1;
    c.bench_function("r134a_chiller_warm_solve", |b| {
        b.iter(|| {
            step = -step;
            let t = system.parameter(WATER_IN).unwrap() + step;
            system.set_parameter(WATER_IN, t).unwrap();
            previous = system.solve_from(&config, &previous).unwrap();
            black_box(previous.cooling_cop().unwrap())
        })
    });
}

criterion_group!(benches, solve);
criterion_main!(benches);
