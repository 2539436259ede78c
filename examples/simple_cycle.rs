//! Solves the reference R134a water chiller and prints its state points and COP.
//!
//! Run: `cargo run --release --example simple_cycle`
use entropyk::example::{r134a_chiller, ChillerSpec};
use entropyk::prelude::*;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let cycle = r134a_chiller(&ChillerSpec::default())?;
    let solution = cycle.solve(&NewtonConfig::default())?;
    let r134a = Fluid::new("R134a")?;
    println!(
        "R134a water chiller: converged in {} Newton iterations, scaled residual {:.1e}",
        solution.iterations(),
        solution.residual()
    );
    println!(
        "{:<6} {:<26} {:>9} {:>9} {:>10} {:>9}",
        "point", "port", "p [bar]", "T [degC]", "h [kJ/kg]", "m [kg/s]"
    );
    for (i, port) in ["comp.inlet", "comp.outlet", "cond.refrigerant_out", "valve.outlet"]
        .iter()
        .enumerate()
    {
        let s = solution.port(port).expect("port exists");
        let t = r134a.state_ph(s.p, s.h)?.t;
        println!(
            "{:<6} {:<26} {:>9.4} {:>9.3} {:>10.3} {:>9.4}",
            i + 1,
            port,
            s.p / 1e5,
            t - 273.15,
            s.h / 1e3,
            s.m
        );
    }
    let q_evap = solution.output("evap", "heat_flow").unwrap_or(f64::NAN);
    // heat_flow is the heat into the refrigerant: negative in the condenser
    let q_cond = -solution.output("cond", "heat_flow").unwrap_or(f64::NAN);
    let power = solution.output("comp", "power").unwrap_or(f64::NAN);
    println!(
        "cooling capacity {:.2} kW, heat rejected {:.2} kW, compressor power {:.2} kW",
        q_evap / 1e3,
        q_cond / 1e3,
        power / 1e3
    );
    println!(
        "chilled water out {:.3} degC, condenser water out {:.3} degC",
        solution.temperature("evap.secondary_out").unwrap_or(f64::NAN) - 273.15,
        solution.temperature("cond.secondary_out").unwrap_or(f64::NAN) - 273.15
    );
    match solution.cooling_cop() {
        Some(cop) => println!("COP (cooling) = {cop:.4}"),
        None => println!("COP (cooling) undefined: no compressor work"),
    }
    Ok(())
}
