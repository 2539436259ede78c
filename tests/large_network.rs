//! A large system: a water main of many identical pipe sections in series, solved with
//! the sparse Jacobian (dense for the smallest chain, sparse from `SPARSE_FROM`
//! unknowns on). With constant liquid properties every section has the same pressure
//! drop, so the solution is known in closed form from one section. The automatic guess
//! already solves the chain at its design flow, so the Newton iterations are exercised
//! by a warm start from another flow rate.
use entropyk::prelude::*;

/// Source -> `n` pipes (5 m of DN100 each) -> sink; 3 (n + 1) unknowns.
fn water_main(n: usize) -> System {
    let water = IncompressibleLiquid::WATER;
    let mut system = System::new();
    system
        .add(FlowSource::new("src", water, 5e5, 288.15, 2.0).unwrap())
        .unwrap();
    for i in 0..n {
        system
            .add(Pipe::new(&format!("pipe{i}"), water, 5.0, 0.1, 4.5e-5).unwrap())
            .unwrap();
    }
    system.add(FlowSink::new("sink", water)).unwrap();
    system.connect("src.outlet", "pipe0.inlet").unwrap();
    for i in 1..n {
        system
            .connect(&format!("pipe{}.outlet", i - 1), &format!("pipe{i}.inlet"))
            .unwrap();
    }
    system.connect(&format!("pipe{}.outlet", n - 1), "sink.inlet").unwrap();
    system
}

/// Pressure drop of one section at mass flow `m`, from the closed form of the pipe model.
fn section_drop(m: f64) -> f64 {
    let pipe = Pipe::new("p", IncompressibleLiquid::WATER, 5.0, 0.1, 4.5e-5).unwrap();
    pipe.pressure_drop(m, IncompressibleLiquid::WATER.rho)
}

/// Solves the main of `n` sections at 2 kg/s, then at 2.6 kg/s from that solution.
fn check(n: usize) -> Solution {
    let mut system = water_main(n);
    let config = NewtonConfig::default();
    let design = system.solve(&config).unwrap_or_else(|e| panic!("{e}"));
    system.set_parameter("src.mass_flow", 2.6).unwrap();
    let solution = system.solve_from(&config, &design).unwrap_or_else(|e| panic!("{e}"));
    assert!(solution.iterations() >= 2, "{}", solution.iterations());
    assert_eq!(solution.state_vector().len(), 3 * (n + 1));
    let dp = section_drop(2.6);
    for i in (0..n).step_by((n / 7).max(1)) {
        let (a, b) = (
            solution.port(&format!("pipe{i}.inlet")).unwrap(),
            solution.port(&format!("pipe{i}.outlet")).unwrap(),
        );
        assert!((a.p - b.p - dp).abs() < 1e-6 * dp, "section {i}: {} vs {dp}", a.p - b.p);
        assert!((b.m - 2.6).abs() < 1e-12 && (b.h - a.h).abs() < 1e-9 * a.h.abs());
    }
    let out = solution.port("sink.inlet").unwrap();
    assert!((5e5 - out.p - n as f64 * dp).abs() < 1e-6 * n as f64 * dp);
    solution
}

#[test]
fn small_and_sparse_water_mains_give_the_closed_form() {
    check(10); // 33 unknowns: dense
    check(120); // 363 unknowns: sparse
}

/// More than 10 000 unknowns: only possible with the sparse factorization (a dense
/// Jacobian alone would take 0.8 GB).
#[test]
fn water_main_of_ten_thousand_unknowns() {
    let start = std::time::Instant::now();
    let solution = check(3400);
    println!(
        "{} unknowns solved in {:.2} s, {} Newton iterations",
        solution.state_vector().len(),
        start.elapsed().as_secs_f64(),
        solution.iterations()
    );
}
