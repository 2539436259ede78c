//! Flash benchmarks: R134a f64 vs Dual64 (exact first derivatives), then every fluid's
//! p-h (superheated, two-phase, subcooled, supercritical), p-T and saturation flashes on
//! points defined from each fluid's own critical and triple points (see [`points`]);
//! `benches/python/coolprop_flash_timing.py` times CoolProp's low-level
//! `AbstractState("HEOS", fluid).update(...)` on the same points.
//!
//! Run: `cargo bench --bench flash -- --warm-up-time 1 --measurement-time 2`
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

/// Bench points of one fluid (same definitions in coolprop_flash_timing.py):
/// T_ev = max(0.7 T_c, T_t + 0.2 (T_c - T_t)), T_cd = 0.85 T_c;
/// p_lo = p_dew(T_ev), p_hi = p_bubble(T_cd);
/// superheated: (p_lo, h(p_lo, T_dew(p_lo) + 15 K)); two-phase: (p_lo, h at x = 0.3);
/// subcooled: (p_hi, h(p_hi, T_bubble(p_hi) - 5 K)); supercritical: (1.3 p_c, h(1.3 p_c, min(1.1 T_c, T_max - 5 K))).
pub struct Points {
    pub p_lo: f64,
    pub p_hi: f64,
    pub t_ev: f64,
    pub t_vap: f64,
    pub h_vap: f64,
    pub h_2ph: f64,
    pub h_liq: f64,
    pub p_sc: f64,
    pub h_sc: f64,
}

pub fn points(f: &Fluid) -> Points {
    let (tt, tc, pc) = (f.triple_temperature(), f.critical_temperature(), f.critical_pressure());
    let t_ev = (0.7 * tc).max(tt + 0.2 * (tc - tt));
    let p_lo = f.saturation_t(t_ev).unwrap().p_dew;
    let p_hi = f.saturation_t(0.85 * tc).unwrap().p_bubble;
    let s_lo = f.saturation_p(p_lo).unwrap();
    let s_hi = f.saturation_p(p_hi).unwrap();
    let t_vap = s_lo.t_dew + 15.0;
    Points {
        p_lo,
        p_hi,
        t_ev,
        t_vap,
        h_vap: f.state_pt(p_lo, t_vap).unwrap().h,
        h_2ph: s_lo.h_liquid + 0.3 * (s_lo.h_vapor - s_lo.h_liquid),
        h_liq: f.state_pt(p_hi, s_hi.t_bubble - 5.0).unwrap().h,
        p_sc: 1.3 * pc,
        h_sc: f
            .state_pt(1.3 * pc, (1.1 * tc).min(f.max_temperature() - 5.0))
            .unwrap()
            .h,
    }
}

fn every_fluid(c: &mut Criterion) {
    for name in [
        "R134a",
        "R32",
        "R290",
        "R744",
        "R1234yf",
        "R1234ze(E)",
        "R717",
        "Water",
        "R410A",
        "R404A",
        "R407C",
        "R507A",
    ] {
        let f = Fluid::new(name).unwrap();
        let pt = points(&f);
        let mut g = c.benchmark_group(name);
        for (case, p, h) in [
            ("ph_superheated", pt.p_lo, pt.h_vap),
            ("ph_two_phase", pt.p_lo, pt.h_2ph),
            ("ph_subcooled", pt.p_hi, pt.h_liq),
            ("ph_supercritical", pt.p_sc, pt.h_sc),
        ] {
            g.bench_function(case, |b| {
                b.iter(|| black_box(f.state_ph(black_box(p), black_box(h)).unwrap()))
            });
        }
        g.bench_function("pt_vapor", |b| {
            b.iter(|| black_box(f.state_pt(black_box(pt.p_lo), black_box(pt.t_vap)).unwrap()))
        });
        g.bench_function("saturation_p", |b| {
            b.iter(|| black_box(f.saturation_p(black_box(pt.p_lo)).unwrap()))
        });
        g.bench_function("saturation_t", |b| {
            b.iter(|| black_box(f.saturation_t(black_box(pt.t_ev)).unwrap()))
        });
        g.finish();
    }
}

criterion_group!(benches, flash, every_fluid);
criterion_main!(benches);
