//! Flash benchmarks for R134a: f64 vs Dual64 (exact first derivatives).
//!
//! Run: `cargo bench --bench flash -- --warm-up-time 1 --measurement-time 3`
//! Reference (CoolProp low-level HEOS on the same machine, see DESIGN.md): p-h superheated
//! R134a 23 us, p-h two-phase ~2 us, p-T 4-13 us.
use criterion::{criterion_group, criterion_main, Criterion};
use entropyk_thermo::Fluid;
use num_dual::Dual64;
use std::hint::black_box;

fn flash(c: &mut Criterion) {
    let f = Fluid::new("R134a").unwrap();
    // (p [Pa], h [J/kg]) cases: superheated vapour at 3 bar, two-phase, subcooled at 10 bar
    let cases = [
        ("superheated", 3e5, 420e3),
        ("two_phase", 3e5, 300e3),
        ("subcooled", 10e5, 220e3),
    ];
    for (name, p, h) in cases {
        c.bench_function(&format!("state_ph_{name}_f64"), |b| {
            b.iter(|| black_box(f.state_ph(black_box(p), black_box(h)).unwrap()))
        });
        c.bench_function(&format!("state_ph_{name}_dual64"), |b| {
            b.iter(|| {
                black_box(
                    f.state_ph(black_box(Dual64::new(p, 1.0)), black_box(Dual64::from(h)))
                        .unwrap(),
                )
            })
        });
    }
    c.bench_function("state_ps_superheated_f64", |b| {
        b.iter(|| black_box(f.state_ps(black_box(12e5), black_box(1750.0)).unwrap()))
    });
    c.bench_function("state_pt_vapor_f64", |b| {
        b.iter(|| black_box(f.state_pt(black_box(3e5), black_box(290.0)).unwrap()))
    });
    c.bench_function("state_pt_vapor_dual64", |b| {
        b.iter(|| {
            black_box(
                f.state_pt(black_box(Dual64::new(3e5, 1.0)), black_box(Dual64::from(290.0)))
                    .unwrap(),
            )
        })
    });
    c.bench_function("state_pt_liquid_f64", |b| {
        b.iter(|| black_box(f.state_pt(black_box(10e5), black_box(300.0)).unwrap()))
    });
    c.bench_function("saturation_p_f64", |b| {
        b.iter(|| black_box(f.saturation_p(black_box(3e5)).unwrap()))
    });
    c.bench_function("saturation_p_dual64", |b| {
        b.iter(|| black_box(f.saturation_p(black_box(Dual64::new(3e5, 1.0))).unwrap()))
    });
    c.bench_function("saturation_t_f64", |b| {
        b.iter(|| black_box(f.saturation_t(black_box(270.0)).unwrap()))
    });
    c.bench_function("state_trho_f64", |b| {
        b.iter(|| black_box(f.state_trho(black_box(300.0), black_box(15.0)).unwrap()))
    });
    c.bench_function("state_trho_dual64", |b| {
        b.iter(|| {
            black_box(
                f.state_trho(black_box(Dual64::new(300.0, 1.0)), black_box(Dual64::from(15.0)))
                    .unwrap(),
            )
        })
    });
}

criterion_group!(benches, flash);
criterion_main!(benches);
