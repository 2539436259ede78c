//! Newton, Picard, Fallback, Jacobian reuse and the time budget on the chiller.
use entropyk::example::{r134a_chiller, ChillerSpec};
use entropyk::prelude::*;
use entropyk::solver::{FallbackConfig, PicardConfig, SolverConfig};
use std::time::Duration;

fn solve_with<C: SolverConfig>(config: &C) -> Solution {
    r134a_chiller(&ChillerSpec::default()).unwrap().solve(config).unwrap()
}

fn assert_same_state(a: &Solution, b: &Solution) {
    for (x, y) in a.state_vector().iter().zip(b.state_vector()) {
        assert!((x - y).abs() <= 1e-9 * y.abs().max(1e-6), "{x} vs {y}");
    }
}

#[test]
fn picard_converges_to_the_newton_solution() {
    let newton = solve_with(&NewtonConfig::default());
    let picard = solve_with(&PicardConfig::default());
    assert!(picard.converged());
    assert!(picard.iterations() > newton.iterations(), "Picard converges linearly");
    assert_same_state(&newton, &picard);
}

#[test]
fn fallback_converges_to_the_newton_solution() {
    let newton = solve_with(&NewtonConfig::default());
    let fallback = solve_with(&FallbackConfig::default());
    assert_same_state(&newton, &fallback);
}

#[test]
fn jacobian_reuse_gives_the_same_solution() {
    let newton = solve_with(&NewtonConfig::default());
    let frozen = solve_with(&NewtonConfig {
        jacobian_reuse: 3,
        ..NewtonConfig::default()
    });
    assert_same_state(&newton, &frozen);
}

#[test]
fn fallback_converges_from_a_poor_start() {
    // Start the suction and liquid lines far from the solution.
    let mut system = r134a_chiller(&ChillerSpec::default()).unwrap();
    let guess = |p: f64, h: f64, m: f64| entropyk::components::PortGuess {
        p: Some(p),
        h: Some(h),
        m: Some(m),
    };
    system.set_guess("comp.inlet", guess(1.5e5, 420e3, 0.3)).unwrap();
    system.set_guess("comp.outlet", guess(25e5, 480e3, 0.3)).unwrap();
    let s = system.solve(&FallbackConfig::default()).unwrap();
    assert!(s.converged());
    assert_same_state(&s, &solve_with(&NewtonConfig::default()));
}

#[test]
fn time_budget_returns_the_best_iterate() {
    let config = NewtonConfig {
        time_budget: Some(Duration::from_nanos(1)),
        ..NewtonConfig::default()
    };
    match r134a_chiller(&ChillerSpec::default()).unwrap().solve(&config) {
        Err(SolverError::Timeout { best, residual, .. }) => {
            assert!(!best.converged());
            assert_eq!(residual, best.residual());
            assert_eq!(best.state_vector().len(), 24);
        }
        other => panic!("expected Timeout, got {other:?}"),
    }
}

#[test]
fn a_budget_beyond_the_clock_is_no_limit() {
    // Instant::now() + Duration::MAX overflows: the budget must count as unlimited
    // (it used to panic with "overflow when adding duration to instant").
    let plain = solve_with(&NewtonConfig::default());
    for budget in [Duration::MAX, Duration::from_secs(u64::MAX / 2)] {
        let newton = NewtonConfig {
            time_budget: Some(budget),
            ..NewtonConfig::default()
        };
        assert_same_state(&plain, &solve_with(&newton));
        let picard = PicardConfig {
            time_budget: Some(budget),
            ..PicardConfig::default()
        };
        assert!(solve_with(&picard).converged());
        let fallback = FallbackConfig {
            time_budget: Some(budget),
            ..FallbackConfig::default()
        };
        assert_same_state(&plain, &solve_with(&fallback));
    }
}

#[test]
fn invalid_relaxation_is_rejected() {
    let config = PicardConfig {
        relaxation: 1.5,
        ..PicardConfig::default()
    };
    let err = r134a_chiller(&ChillerSpec::default())
        .unwrap()
        .solve(&config)
        .unwrap_err();
    assert!(matches!(err, SolverError::InvalidConfiguration { .. }), "{err:?}");
}

#[test]
fn warm_start_from_a_neighbouring_point() {
    let mut system = r134a_chiller(&ChillerSpec::default()).unwrap();
    let first = system.solve(&NewtonConfig::default()).unwrap();
    system
        .set_parameter("evap_secondary_source.temperature", 286.15)
        .unwrap();
    let warm = system.solve_from(&NewtonConfig::default(), &first).unwrap();
    let cold = system.solve(&NewtonConfig::default()).unwrap();
    assert_same_state(&warm, &cold);
    assert!(warm.iterations() <= cold.iterations());
    // A solution of another system is rejected.
    let water = entropyk::components::IncompressibleLiquid::WATER;
    let mut small = entropyk::solver::System::new();
    small
        .add(entropyk::components::FlowSource::new("src", water, 2e5, 290.0, 1.0).unwrap())
        .unwrap();
    small.add(entropyk::components::FlowSink::new("snk", water)).unwrap();
    small.connect("src.outlet", "snk.inlet").unwrap();
    small.solve(&NewtonConfig::default()).unwrap();
    assert!(matches!(
        small.solve_from(&NewtonConfig::default(), &first),
        Err(SolverError::InvalidConfiguration { .. })
    ));
}

#[test]
fn parallel_sweep_matches_sequential_solves() {
    let system = r134a_chiller(&ChillerSpec::default()).unwrap();
    let values: Vec<f64> = (0..40).map(|k| 281.15 + 0.25 * k as f64).collect();
    let results = entropyk::solver::sweep(
        &system,
        "evap_secondary_source.temperature",
        &values,
        &NewtonConfig::default(),
    )
    .unwrap();
    assert_eq!(results.len(), values.len());
    for (value, result) in values.iter().zip(&results).step_by(7) {
        let single = r134a_chiller(&ChillerSpec {
            evaporator_water_in: *value,
            ..ChillerSpec::default()
        })
        .unwrap();
        assert_same_state(
            result.as_ref().unwrap(),
            &single.solve(&NewtonConfig::default()).unwrap(),
        );
    }
    // A bad parameter name fails up front; an out-of-range value fails only its point.
    assert!(entropyk::solver::sweep(&system, "comp.rpm", &values, &NewtonConfig::default()).is_err());
    let mixed = entropyk::solver::sweep(&system, "comp.speed", &[1.0, 10.0, 0.9], &NewtonConfig::default()).unwrap();
    assert!(mixed[0].is_ok() && mixed[1].is_err() && mixed[2].is_ok());
}

/// A fine sweep runs on chord steps: after the secant predictor each point needs
/// about one step with a fresh factorization, and a factorization that has drifted
/// (slow contraction) is refreshed at the point that noticed it. Without the refresh
/// the mean is 2.4 steps per point; every point still equals a cold solve.
#[test]
fn fine_sweep_converges_in_about_two_chord_steps_per_point() {
    let system = r134a_chiller(&ChillerSpec::default()).unwrap();
    let values: Vec<f64> = (0..400).map(|k| 281.15 + 0.008 * k as f64).collect();
    let config = NewtonConfig::default();
    let results = entropyk::solver::sweep(&system, "evap_secondary_source.temperature", &values, &config).unwrap();
    let solutions: Vec<_> = results.iter().map(|r| r.as_ref().unwrap()).collect();
    let mean = solutions.iter().map(|s| s.iterations()).sum::<usize>() as f64 / solutions.len() as f64;
    assert!(mean <= 2.2, "mean iterations per point {mean}");
    for (value, solution) in values.iter().zip(&solutions).step_by(97) {
        let single = r134a_chiller(&ChillerSpec {
            evaporator_water_in: *value,
            ..ChillerSpec::default()
        })
        .unwrap();
        assert_same_state(solution, &single.solve(&config).unwrap());
    }
}

/// An interrupt hook that asks to stop on its `after`-th poll.
fn interrupt_after(after: usize) -> entropyk::solver::Interrupt {
    let polls = std::sync::atomic::AtomicUsize::new(0);
    entropyk::solver::Interrupt::new(move || polls.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1 >= after)
}

#[test]
fn an_interrupt_stops_every_method_with_its_best_iterate() {
    let newton = NewtonConfig {
        interrupt: Some(interrupt_after(2)),
        ..NewtonConfig::default()
    };
    let picard = PicardConfig {
        interrupt: Some(interrupt_after(3)),
        ..PicardConfig::default()
    };
    let fallback = FallbackConfig {
        interrupt: Some(interrupt_after(2)),
        ..FallbackConfig::default()
    };
    let results = [
        r134a_chiller(&ChillerSpec::default()).unwrap().solve(&newton),
        r134a_chiller(&ChillerSpec::default()).unwrap().solve(&picard),
        r134a_chiller(&ChillerSpec::default()).unwrap().solve(&fallback),
    ];
    for result in results {
        match result {
            Err(SolverError::Interrupted {
                iterations,
                best: Some(best),
            }) => {
                assert!((1..=2).contains(&iterations), "{iterations}");
                assert!(!best.converged());
                assert_eq!(best.state_vector().len(), 24);
            }
            other => panic!("expected Interrupted, got {other:?}"),
        }
    }
    // a hook that never fires changes nothing
    let quiet = NewtonConfig {
        interrupt: Some(entropyk::solver::Interrupt::new(|| false)),
        ..NewtonConfig::default()
    };
    assert_same_state(&solve_with(&NewtonConfig::default()), &solve_with(&quiet));
}

#[test]
fn an_interrupted_sweep_returns_no_partial_results() {
    let system = r134a_chiller(&ChillerSpec::default()).unwrap();
    let values: Vec<f64> = (0..400).map(|k| 0.7 + 0.001 * k as f64).collect();
    let flag = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let config = NewtonConfig {
        interrupt: Some(entropyk::solver::Interrupt::from_flag(flag.clone())),
        ..NewtonConfig::default()
    };
    let setter = {
        let flag = flag.clone();
        std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(20));
            flag.store(true, std::sync::atomic::Ordering::Relaxed);
        })
    };
    let started = std::time::Instant::now();
    let result = entropyk::solver::sweep(&system, "comp.speed", &values, &config);
    setter.join().unwrap();
    // (if the sweep finished before the flag was set, it returned everything)
    match result {
        Err(SolverError::Interrupted { best: None, .. }) => assert!(started.elapsed() < Duration::from_secs(2)),
        Ok(all) => assert_eq!(all.len(), values.len()),
        Err(other) => panic!("unexpected {other:?}"),
    }
    flag.store(true, std::sync::atomic::Ordering::Relaxed);
    assert!(matches!(
        entropyk::solver::sweep(&system, "comp.speed", &values, &config),
        Err(SolverError::Interrupted { best: None, .. })
    ));
}

#[test]
fn a_failed_solve_names_its_method() {
    let newton = NewtonConfig {
        max_iterations: 1,
        ..NewtonConfig::default()
    };
    let picard = PicardConfig {
        max_iterations: 2,
        ..PicardConfig::default()
    };
    let results = [
        (r134a_chiller(&ChillerSpec::default()).unwrap().solve(&newton), "Newton"),
        (r134a_chiller(&ChillerSpec::default()).unwrap().solve(&picard), "Picard"),
    ];
    for (result, name) in results {
        match result {
            Err(e @ SolverError::NotConverged { method, .. }) => {
                assert_eq!(method, name);
                assert!(e.to_string().starts_with(&format!("{name} did not converge")), "{e}");
                // the best iterate names the equations that did not close there
                let best = e.details().best.expect("a stopped solve carries its best iterate");
                assert!(!best.converged() && !best.unconverged().is_empty());
                for row in best.unconverged() {
                    let known = ["comp", "cond", "valve", "evap"]
                        .iter()
                        .any(|c| row.starts_with(&format!("{c}: equation ")))
                        || row.starts_with("specification ");
                    assert!(known, "{row}");
                }
            }
            other => panic!("expected NotConverged, got {other:?}"),
        }
    }
}

#[test]
fn messages_write_numbers_compactly_and_name_no_rust_items() {
    let mut system = r134a_chiller(&ChillerSpec::default()).unwrap();
    let errors = [
        system.set_parameter("comp.speed", 1e300).unwrap_err().to_string(),
        system.set_parameter("comp.speed", 2.2e-308).unwrap_err().to_string(),
        Fluid::new("R134a")
            .unwrap()
            .saturation_p(2.2e-308)
            .unwrap_err()
            .to_string(),
        system
            .solve(&PicardConfig {
                relaxation: 1e300,
                ..PicardConfig::default()
            })
            .unwrap_err()
            .to_string(),
    ];
    assert!(
        errors[0].contains("1e+300") && errors[0].contains("[0.05, 3]"),
        "{}",
        errors[0]
    );
    assert!(errors[1].contains("2.2e-308"), "{}", errors[1]);
    assert!(errors[2].contains("2.2e-308"), "{}", errors[2]);
    assert!(errors[3].contains("relaxation = 1e+300"), "{}", errors[3]);
    for e in &errors {
        assert!(e.len() < 200 && !e.contains("::") && !e.contains("..="), "{e}");
    }
}
