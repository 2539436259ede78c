//! Inverse control: parameters freed to meet set points, and bounds.
use entropyk::example::{r134a_chiller, ChillerSpec};
use entropyk::prelude::*;
use entropyk::solver::{Control, SolverError};

fn rel(a: f64, b: f64) -> f64 {
    (a - b).abs() / b.abs()
}

#[test]
fn capacity_by_compressor_speed() {
    let mut system = r134a_chiller(&ChillerSpec::default()).unwrap();
    system
        .add_control(Control::new(
            "comp.speed",
            Specification::heat_flow("evap", 250e3),
            0.3,
            1.2,
        ))
        .unwrap();
    let s = system.solve(&NewtonConfig::default()).unwrap();
    assert!(rel(s.output("evap", "heat_flow").unwrap(), 250e3) < 1e-9);
    let speed = s.parameter("comp.speed").unwrap();
    assert!(speed > 0.6 && speed < 0.95, "speed {speed}");
    assert_eq!(s.state_vector().len(), 25);
    // The set point is met at the returned speed: re-solving with that speed fixed
    // gives the same capacity.
    let mut fixed = r134a_chiller(&ChillerSpec::default()).unwrap();
    fixed.set_parameter("comp.speed", speed).unwrap();
    let f = fixed.solve(&NewtonConfig::default()).unwrap();
    assert!(rel(f.output("evap", "heat_flow").unwrap(), 250e3) < 1e-8);
}

#[test]
fn chilled_water_temperature_by_compressor_speed() {
    let mut system = r134a_chiller(&ChillerSpec::default()).unwrap();
    system
        .add_control(Control::new(
            "comp.speed",
            Specification::temperature("evap.secondary_out", 281.15),
            0.3,
            1.5,
        ))
        .unwrap();
    let s = system.solve(&NewtonConfig::default()).unwrap();
    assert!((s.temperature("evap.secondary_out").unwrap() - 281.15).abs() < 1e-8);
}

#[test]
fn unreachable_set_point_saturates_the_control() {
    let mut system = r134a_chiller(&ChillerSpec::default()).unwrap();
    system
        .add_control(Control::new(
            "comp.speed",
            Specification::heat_flow("evap", 500e3),
            0.3,
            1.2,
        ))
        .unwrap();
    match system.solve(&NewtonConfig::default()) {
        Err(SolverError::ControlSaturation { saturated, solution }) => {
            assert_eq!(saturated.len(), 1);
            assert_eq!(saturated[0].parameter, "comp.speed");
            assert_eq!(saturated[0].bound, 1.2);
            assert!(saturated[0].requested > 1.2);
            assert!(solution.converged());
            assert_eq!(solution.parameter("comp.speed"), Some(1.2));
            assert!(solution.output("evap", "heat_flow").unwrap() < 500e3);
        }
        other => panic!("expected ControlSaturation, got {other:?}"),
    }
    // The next solve starts with the control active again.
    system.set_parameter("comp.speed", 1.0).unwrap();
    assert!(matches!(
        system.solve(&NewtonConfig::default()),
        Err(SolverError::ControlSaturation { .. })
    ));
}

#[test]
fn invalid_controls_are_rejected() {
    let mut system = r134a_chiller(&ChillerSpec::default()).unwrap();
    let spec = Specification::heat_flow("evap", 250e3);
    assert!(matches!(
        system.add_control(Control::new("comp.speed", spec.clone(), 1.0, 0.5)),
        Err(SolverError::Component(_))
    ));
    assert!(matches!(
        system.add_control(Control::new("comp.rpm", spec.clone(), 0.5, 1.0)),
        Err(SolverError::UnknownParameter { .. })
    ));
    assert!(matches!(
        system.add_control(Control::new(
            "comp.speed",
            Specification::heat_flow("nope", 1.0),
            0.5,
            1.0
        )),
        Err(SolverError::UnknownComponent { .. })
    ));
    system
        .add_control(Control::new("comp.speed", spec.clone(), 0.5, 1.0))
        .unwrap();
    assert!(matches!(
        system.add_control(Control::new("comp.speed", spec, 0.5, 1.0)),
        Err(SolverError::InvalidSpecification { .. })
    ));
}

/// Issue 12: a far-off target (700..900 kW from a chiller that gives about 400 kW at
/// the speed bound 1.2) raised a plain SolverError without a solution, while 400..600
/// kW saturated correctly: whatever the distance, a control that cannot meet its set
/// point within its bounds is a ControlSaturation with the solution at the bound.
#[test]
fn far_off_targets_saturate_the_control_too() {
    for target in [400e3, 600e3, 700e3, 800e3, 900e3, 2e6, 1e8] {
        let mut system = r134a_chiller(&ChillerSpec::default()).unwrap();
        system
            .add_control(Control::new(
                "comp.speed",
                Specification::heat_flow("evap", target),
                0.3,
                1.2,
            ))
            .unwrap();
        match system.solve(&NewtonConfig::default()) {
            Err(SolverError::ControlSaturation { saturated, solution }) => {
                assert_eq!(saturated[0].bound, 1.2, "{target}");
                assert!(solution.converged(), "{target}");
                assert_eq!(solution.parameter("comp.speed"), Some(1.2), "{target}");
                assert!(solution.output("evap", "heat_flow").unwrap() < target, "{target}");
            }
            other => panic!("{target}: expected ControlSaturation, got {other:?}"),
        }
    }
    // And below the lower bound: a tiny capacity saturates at speed 0.3.
    let mut system = r134a_chiller(&ChillerSpec::default()).unwrap();
    system
        .add_control(Control::new(
            "comp.speed",
            Specification::heat_flow("evap", 1e3),
            0.3,
            1.2,
        ))
        .unwrap();
    match system.solve(&NewtonConfig::default()) {
        Err(SolverError::ControlSaturation { saturated, .. }) => assert_eq!(saturated[0].bound, 0.3),
        other => panic!("expected ControlSaturation at the lower bound, got {other:?}"),
    }
}
