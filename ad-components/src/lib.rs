//! # entropyk-components
//!
//! Component models of vapour-compression cycles, written once and generic over
//! the scalar type ([`entropyk_thermo::Scalar`]) so that exact Jacobians come from
//! forward-mode automatic differentiation.
//!
//! Two layers (see `shared/DESIGN.md`):
//! * [`ComponentModel`]: what a model author writes: residuals generic over the
//!   scalar `D`, the ports, and initial-guess hints.
//! * [`Component`]: the object-safe `f64` trait the solver sees. A blanket
//!   implementation fills the Jacobian by seeding dual numbers over the
//!   component's own unknowns ([`jacobian`]).
//!
//! Every connection carries three unknowns: pressure `p` (Pa), specific enthalpy
//! `h` (J/kg) and mass flow `m` (kg/s) ([`PortState`]).
#![warn(missing_docs)]

mod boundary;
mod compressor;
mod error;
mod expansion_valve;
mod guess;
mod heat_exchanger;
pub mod jacobian;
mod model;
mod port;
mod secondary;

pub use boundary::{FlowSink, FlowSource};
pub use compressor::{Ahri540Map, Compressor, IpMap};
pub use error::ComponentError;
pub use expansion_valve::ExpansionValve;
pub use guess::PortGuess;
pub use heat_exchanger::{Condenser, Evaporator};
pub use model::{Component, ComponentModel, FlowPath, ParameterSpec};
pub use port::{Direction, Medium, PortSpec, PortState};
pub use secondary::IncompressibleLiquid;
