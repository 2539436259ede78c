//! Sensitivities by the implicit function theorem against central finite
//! differences of full re-solves.
use entropyk::example::{r134a_chiller, ChillerSpec};
use entropyk::prelude::*;
use entropyk::solver::{Control, Quantity};

/// Central difference of `quantity` by re-solving with the parameter moved by +-step.
fn fd(parameter: &str, step: f64, extract: impl Fn(&Solution) -> f64, controls: &[Control]) -> f64 {
    let solve_at = |delta: f64| {
        let mut system = r134a_chiller(&ChillerSpec::default()).unwrap();
        for c in controls {
            system.add_control(c.clone()).unwrap();
        }
        let value = system.parameter(parameter).unwrap();
        system.set_parameter(parameter, value + delta).unwrap();
        extract(&system.solve(&NewtonConfig::default()).unwrap())
    };
    (solve_at(step) - solve_at(-step)) / (2.0 * step)
}

fn close(a: f64, b: f64, tol: f64) {
    assert!(
        (a - b).abs() <= tol * a.abs().max(b.abs()),
        "IFT {a:e} vs finite differences {b:e}"
    );
}

#[test]
fn capacity_and_power_sensitivities_match_resolves() {
    let system = r134a_chiller(&ChillerSpec::default()).unwrap();
    let s = system.solve(&NewtonConfig::default()).unwrap();
    let cases: [(&str, f64); 4] = [
        ("evap_secondary_source.temperature", 1e-3),
        ("cond_secondary_source.temperature", 1e-3),
        ("evap.ua", 1.0),
        ("comp.speed", 1e-5),
    ];
    for (parameter, step) in cases {
        for (quantity, extract) in [
            (
                Quantity::HeatFlow("evap".into()),
                Box::new(|s: &Solution| s.output("evap", "heat_flow").unwrap()) as Box<dyn Fn(&Solution) -> f64>,
            ),
            (
                Quantity::HeatFlow("comp".into()),
                Box::new(|s: &Solution| s.output("comp", "power").unwrap()),
            ),
            (
                Quantity::Pressure("comp.inlet".into()),
                Box::new(|s: &Solution| s.port("comp.inlet").unwrap().p),
            ),
            (
                Quantity::Temperature("evap.secondary_out".into()),
                Box::new(|s: &Solution| s.temperature("evap.secondary_out").unwrap()),
            ),
        ] {
            let ift = system.sensitivity(&s, &quantity, parameter).unwrap();
            close(ift, fd(parameter, step, extract, &[]), 1e-5);
        }
    }
}

#[test]
fn controlled_parameter_sensitivity() {
    let control = Control::new("comp.speed", Specification::heat_flow("evap", 250e3), 0.3, 1.2);
    let mut system = r134a_chiller(&ChillerSpec::default()).unwrap();
    system.add_control(control.clone()).unwrap();
    let s = system.solve(&NewtonConfig::default()).unwrap();
    let parameter = "cond_secondary_source.temperature";
    let ift = system
        .sensitivity(&s, &Quantity::Control("comp.speed".into()), parameter)
        .unwrap();
    let fd = fd(parameter, 1e-3, |s| s.parameter("comp.speed").unwrap(), &[control]);
    close(ift, fd, 1e-5);
    assert!(
        ift > 0.0,
        "warmer condenser water needs more speed for the same capacity"
    );
    // A controlled parameter is an unknown, not an input.
    assert!(system
        .sensitivity(&s, &Quantity::HeatFlow("evap".into()), "comp.speed")
        .is_err());
}
