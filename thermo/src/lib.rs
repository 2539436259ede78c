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
//! let s = r134a.state_ph(3e5, 420e3).unwrap(); // f64
//! assert!(s.t > 273.15);
//! let sd = r134a.state_ph(Dual64::new(3e5, 1.0), Dual64::from(420e3)).unwrap();
//! assert!(sd.t.eps > 0.0); // dT/dp at constant h, exact
//! ```
//!
//! ## How it works
//! * EOS: alpha = alpha0(tau, delta) + alphar(tau, delta) with each EOS's own gas constant
//!   and reducing state; alphar and its derivatives are hand-written sums over data-driven
//!   term tables (private `helmholtz` module), properties from the standard
//!   relations (p, h, s, u, cv, cp, w).
//! * Saturation: superancillary Chebyshev start, polished by Newton on p' = p'', g' = g''.
//!   Within 1e-3 K of the critical temperature the superancillary itself is used (it
//!   satisfies the EOS equilibrium to ~1e-12 in p there, where the Newton system is
//!   singular).
//! * Flashes (p-T, p-h, p-s, p-x, T-x, T-rho): solved in f64 (no heap allocation), then one
//!   Newton step in the caller's scalar type (implicit function theorem), so outputs carry
//!   exact first derivatives w.r.t. whatever the inputs were seeded with.
//!
//! ## Accuracy (R134a vs CoolProp 8.0.0, `tests/reference.rs`)
//! (T, rho) properties and saturation agree to ~1e-13 relative; (p, T), (p, h), (p, s)
//! flashes to ~1e-9, a level set by CoolProp's own flash tolerances.
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
