//! Full solve of the reference R134a chiller from the automatic guess.
//!
//! Run: `cargo bench --bench solve`
use criterion::{criterion_group, criterion_main, Criterion};
use entropyk::example::{r134a_chiller, ChillerSpec};
use entropyk::prelude::*;
use std::hint::black_box;

fn solve(c: &mut Criterion) {
    let spec = ChillerSpec::default();
    let mut system = r134a_chiller(&spec).unwrap();
    system.finalize().unwrap();
    let config = NewtonConfig::default();
    c.bench_function("r134a_chiller_solve_from_guess", |b| {
        b.iter(|| black_box(system.solve(black_box(&config)).unwrap()))
    });
}

criterion_group!(benches, solve);
criterion_main!(benches);
