//! # entropyk-thermo
//!
//! Helmholtz-energy equations of state (EOS), saturation and flashes for pure
//! refrigerants, generic over num-dual scalars so that every property carries exact
//! first derivatives when the inputs are dual numbers.
//!
//! ```
//! use entropyk_thermo::Fluid;
//! use num_dual::Dual64;
//! let r134a = Fluid::new("R134a").unwrap();
//! let s = r134a.state_ph(3e5, 420e3).unwrap();          // f64
//! assert!(s.t > 273.15);
//! let sd = r134a.state_ph(Dual64::new(3e5, 1.0), Dual64::from(420e3)).unwrap();
//! assert!(sd.t.eps > 0.0);                               // dT/dp at constant h
//! ```
//!
//! Fluids: R134a (Tillner-Roth & Baehr 1994). Coefficients are generated from CoolProp
//! (MIT licence) by `thermo/scripts/generate_fluid_data.py`.
#![warn(missing_docs)]

pub mod error;
pub mod scalar;
pub mod units;

mod density;
mod flash;
mod fluid;
mod fluids;
mod helmholtz;
mod saturation;
mod state;
mod superancillary;

pub use error::FluidError;
pub use fluid::Fluid;
pub use scalar::Scalar;
pub use state::{Phase, Saturation, State};
pub use units::{Enthalpy, MassFlow, Pressure, Temperature};
