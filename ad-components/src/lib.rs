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
//!
//! Components (each documents its equations, units and source):
//! * compressors: [`Compressor`] (AHRI 540 map, Dabiri-Rice superheat correction,
//!   speed), [`EfficiencyCompressor`] (volumetric / isentropic efficiency, displacement,
//!   speed);
//! * exchangers: [`SingleZoneEvaporator`], [`SingleZoneCondenser`] (single-zone epsilon-NTU),
//!   [`Evaporator`], [`Condenser`] (moving boundary), [`HeatExchanger`]
//!   (counter-flow epsilon-NTU between single-phase streams, optional pressure drops;
//!   internal heat exchanger / economizer);
//! * [`ExpansionValve`] (ideal, or orifice / `Kv` flow equation with `opening`);
//! * hydraulics: [`Pipe`] (Darcy-Weisbach, Swamee-Jain), [`Pump`], [`Fan`] (curves,
//!   affinity laws), [`FlowSplitter`], [`FlowMerger`];
//! * boundaries: [`FlowSource`], [`FlowSink`] (secondary media and refrigerants).
//!
//! Sign convention of the outputs ([`ComponentModel::outputs`]), one for the whole
//! workspace: `heat_flow` is the heat flow **into the stream of the component's first
//! flow path** (W): positive in an evaporator, negative in a condenser (the
//! refrigerant is the first path of both), negative in a [`HeatExchanger`] (its hot
//! stream), `-f_loss W` for a [`Compressor`] losing heat to the ambient; `power` is the
//! work into the component (W, positive for compressors, pumps, fans). A
//! [`Specification::HeatFlow`](../entropyk_solver/enum.Specification.html) set point
//! uses the same sign, and a closed refrigerant circuit satisfies
//! `sum(heat_flow) + sum(power) = 0` over its components.
//!
//! Every component has an [`OperationalState`] (On / Off / Bypass) that changes its
//! residuals but never its number of equations.
//!
//! Every built-in component describes itself by a [`ComponentSpec`] (plain data,
//! serde-serialisable; [`Component::to_spec`]) from which it is rebuilt through its
//! validating constructor ([`ComponentSpec::build`], [`FromSpec`]): the basis of
//! saving systems to JSON and of sending them to other processes.
#![warn(missing_docs)]

mod boundary;
mod compressor;
mod counterflow_hx;
pub mod declaration;
mod efficiency_compressor;
mod error;
mod expansion_valve;
mod fan;
mod guess;
mod heat_exchanger;
pub mod jacobian;
mod merger;
mod model;
mod operational_state;
mod pipe;
mod port;
mod pump;
mod secondary;
pub mod spec;
mod splitter;
mod turbomachine;
pub mod validity;
mod zoned_exchanger;

pub use boundary::{FlowSink, FlowSource};
pub use compressor::{Ahri540Map, Compressor, IpMap, MapEnvelope, MAP_ENVELOPE_TOLERANCE};
pub use counterflow_hx::{counterflow_effectiveness, HeatExchanger, Side};
pub use declaration::CopRole;
pub use efficiency_compressor::EfficiencyCompressor;
pub use error::{ComponentError, ComponentErrorDetails};
pub use expansion_valve::ExpansionValve;
pub use fan::Fan;
pub use guess::PortGuess;
pub use heat_exchanger::{SingleZoneCondenser, SingleZoneEvaporator};
pub use merger::FlowMerger;
pub use model::{Component, ComponentModel, FlowPath, ParameterSpec};
pub use operational_state::OperationalState;
pub use pipe::Pipe;
pub use port::{Direction, Medium, PortSpec, PortState};
pub use pump::{Pump, STANDARD_GRAVITY};
pub use secondary::{IncompressibleLiquid, IncompressibleMedium};
pub use spec::{ComponentSpec, FromSpec, LiquidSpec, MediumSpec};
pub use splitter::{FlowSplitter, MAX_BRANCHES};
pub use validity::{Law, Violation};
pub use zoned_exchanger::{Condenser, Evaporator, ZonedCondenser, ZonedEvaporator};

/// Declares the components declared once ([`declaration`]): for each `module::Type`,
/// the module, the re-export and the registry entry.
macro_rules! declared_components {
    ($($module:ident :: $ty:ident),* $(,)?) => {
        $(mod $module; pub use $module::$ty;)*

        /// The declarations of the components declared once ([`declaration`]), by kind:
        /// what rebuilds them from JSON and generates their Python classes.
        pub mod registry {
            use crate::declaration::{Declaration, Declared};

            /// Every declaration, in registration order.
            pub static DECLARATIONS: &[Declaration] = &[$(<crate::$ty as Declared>::DECLARATION),*];

            /// The declaration of the model `kind`.
            pub fn declaration(kind: &str) -> Option<&'static Declaration> {
                DECLARATIONS.iter().find(|d| d.kind == kind)
            }
        }
    };
}

// One line per component declared once.
declared_components! {
    economizer::Economizer,
    isentropic_compressor::IsentropicCompressor,
    simple_heat_exchanger::SimpleHeatExchanger,
}
