//! # Entropyk
//!
//! Steady-state simulation of vapour-compression cycles (refrigeration, air
//! conditioning, heat pumps, chillers) with real refrigerant equations of state
//! and exact Jacobians from dual numbers.
//!
//! This facade re-exports the workspace crates:
//! * [`thermo`]: Helmholtz-energy equations of state and flashes;
//! * [`components`]: component models;
//! * [`solver`]: the system graph and Newton solver.
//!
//! ```
//! use entropyk::prelude::*;
//!
//! let r134a = Fluid::new("R134a").unwrap();
//! let mut cycle = System::new();
//! cycle.add(Compressor::new("comp", r134a.clone(), Ahri540Map::BITZER_HSK_R134A).unwrap()).unwrap();
//! cycle.add(Condenser::new("cond", r134a.clone(), IncompressibleLiquid::WATER, 50e3).unwrap()).unwrap();
//! cycle.add(ExpansionValve::new("valve", r134a.clone())).unwrap();
//! cycle.add(Evaporator::new("evap", r134a, IncompressibleLiquid::WATER, 60e3).unwrap()).unwrap();
//! cycle.add_liquid_stream("cond", IncompressibleLiquid::WATER, 2e5, 303.15, 17.7).unwrap();
//! cycle.add_liquid_stream("evap", IncompressibleLiquid::WATER, 2e5, 285.15, 14.3).unwrap();
//! cycle.connect("comp.outlet", "cond.refrigerant_in").unwrap();
//! cycle.connect("cond.refrigerant_out", "valve.inlet").unwrap();
//! cycle.connect("valve.outlet", "evap.refrigerant_in").unwrap();
//! cycle.connect("evap.refrigerant_out", "comp.inlet").unwrap();
//! cycle.add_specification(Specification::superheat("evap.refrigerant_out", 5.0)).unwrap();
//! cycle.add_specification(Specification::subcooling("cond.refrigerant_out", 3.0)).unwrap();
//! let solution = cycle.solve(&NewtonConfig::default()).unwrap();
//! assert!(solution.cooling_cop().unwrap() > 3.0 && solution.cooling_cop().unwrap() < 8.0);
//! ```
#![warn(missing_docs)]

pub use entropyk_components as components;
pub use entropyk_solver as solver;
pub use entropyk_thermo as thermo;

pub mod example;

/// The types most programs need. Model authors also import
/// [`entropyk_components::ComponentModel`] (kept out of the prelude because its
/// methods share names with [`Component`](entropyk_components::Component)'s).
pub mod prelude {
    pub use entropyk_components::{
        Ahri540Map, Component, Compressor, Condenser, EfficiencyCompressor, Evaporator, ExpansionValve, Fan,
        FlowMerger, FlowSink, FlowSource, FlowSplitter, HeatExchanger, IncompressibleLiquid, OperationalState, Pipe,
        PortState, Pump, SingleZoneCondenser, SingleZoneEvaporator, ZonedCondenser, ZonedEvaporator,
    };
    pub use entropyk_solver::{
        Control, FallbackConfig, NewtonConfig, PicardConfig, Solution, SolverError, Specification, System,
        SystemBuilder,
    };
    pub use entropyk_thermo::{Fluid, FluidError, Phase, Saturation, State};
}
