//! # entropyk-solver
//!
//! A [`System`] holds components (nodes) joined by connections between named
//! ports; every connection carries the unknowns `(p, h, m)`. [`System::finalize`]
//! checks the topology and the degrees of freedom; [`System::solve`] runs a
//! Newton method with the exact Jacobian assembled from the components' dual-number
//! blocks, a backtracking line search and an automatic initial guess.
//!
//! ```no_run
//! use entropyk_solver::{NewtonConfig, Specification, System};
//! # fn build(system: &mut System) {}
//! let mut system = System::new();
//! build(&mut system); // add components, connect "a.outlet" -> "b.inlet"...
//! system.add_specification(Specification::superheat("evap.refrigerant_out", 5.0)).unwrap();
//! let solution = system.solve(&NewtonConfig::default()).unwrap();
//! ```
//!
//! A system's definition and a solution serialise to JSON ([`System::to_json`],
//! [`System::from_json`], [`Solution::to_json`], [`Solution::from_json`]) so that
//! they can be stored or sent to other processes (e.g. a distributed sweep).
#![warn(missing_docs)]

mod assemble;
mod builder;
mod chord;
mod config;
mod dense_lu;
mod driver;
mod error;
mod fallback;
mod guess;
mod interrupt;
mod iteration;
mod jacobian;
mod linearization;
mod newton;
mod picard;
mod problem;
mod sensitivity;
mod serialize;
mod solution;
mod specification;
mod sweep;
mod system;
mod topology;
pub mod validity;

pub use builder::SystemBuilder;
pub use config::{Config, SolverConfig};
pub use error::{cut_message, ErrorDetails, SolverError};
pub use fallback::FallbackConfig;
pub use interrupt::Interrupt;
pub use newton::NewtonConfig;
pub use picard::PicardConfig;
pub use problem::Problem;
pub use sensitivity::Quantity;
pub use serialize::{MAX_JSON_BYTES, MAX_MESSAGE_BYTES};
pub use solution::{ComponentOutputs, IterationRecord, SaturatedControl, Solution};
pub use specification::{Control, Specification};
pub use sweep::sweep;
pub use system::System;
pub use topology::FinalizeReport;
