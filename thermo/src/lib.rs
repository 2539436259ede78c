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
//! ## Fluids
//! Name (aliases, case-insensitive) and equation of state; coefficients generated from
//! CoolProp 8.0.0 (MIT licence) by `thermo/scripts/generate_fluid_data.py`, full citations
//! in each generated `src/fluids/<name>_data.rs`:
//! * R134a (HFC-134a): Tillner-Roth & Baehr, JPCRD 23 (1994).
//! * R32 (HFC-32): Tillner-Roth & Yokozeki, JPCRD 26 (1997).
//! * R290 (propane, n-Propane): Lemmon, McLinden & Wagner, JCED 54 (2009).
//! * R600a (isobutane): Buecker & Wagner, JPCRD 35 (2006).
//! * R125 (HFC-125, pentafluoroethane): Lemmon & Jacobsen, JPCRD 34 (2005).
//! * R744 (CO2, carbon dioxide): Span & Wagner, JPCRD 25 (1996) (Gaussian and
//!   non-analytic terms; transcritical and supercritical states).
//! * R1234yf: Lemmon & Akasaka, IJT 43 (2022). R1234ze(E) (R1234ZE): Thol & Lemmon, IJT 37 (2016).
//! * R717 (NH3, ammonia): Gao et al., JPCRD 52 (2023) (Gaussian and GaoB terms).
//! * Water (R718, H2O): IAPWS-95, Wagner & Pruss, JPCRD 31 (2002).
//! * Pseudo-pure blends R410A, R404A, R407C, R507A: Lemmon, IJT 24 (2003). As in CoolProp,
//!   bubble and dew pressures come from the pL / pV ancillaries and the saturated densities
//!   from the EOS at those pressures; [`Saturation`] carries `p_bubble`/`p_dew` and
//!   `t_bubble`/`t_dew` (equal for pure fluids); two-phase p-h states have the temperature
//!   glide T = T' + x (T'' - T'). (p, T) inside the glide is an error.
//!
//! ## Real mixtures
//! [`Mixture`]: the multi-fluid Helmholtz model (Kunz-Wagner / GERG-2008 form) over the
//! pure fluids above, with CoolProp's binary parameters and departure functions (e.g.
//! R454B, R513A, R410A, R452B, R407C as real mixtures), single-phase properties, fugacity
//! coefficients, bubble and dew points at T or p; see the [`mixture`] module.
//!
//! ## Accuracy vs CoolProp 8.0.0 (`tests/reference.rs`, one CSV per fluid)
//! Relative deviation < 1e-8 for every fluid (blends included) in saturation, (T, rho),
//! (p, T), (p, h) incl. two-phase and (p, s). (T, rho) and saturation agree to ~1e-12;
//! flashes to ~1e-9, a level set by CoolProp's own flash tolerances. Two documented
//! exceptions where CoolProp itself is the less accurate side: (i) near the critical point
//! CoolProp's p-h / p-s flash stops with h or s residuals of a few 1e-9 (up to 6e-8 for
//! R404A), which flat isobars amplify to up to 3.7e-7 in rho; there the test flashes at
//! the h / s that CoolProp's returned (T, rho) actually has; (ii) `PropsSI` reports the
//! superancillary p_sat, which at the triple point of propane is 5.7e-4 (1e-7 for R1234yf)
//! away from its own EOS pressure at its rho''; we return the EOS equilibrium pressure.
#![warn(missing_docs)]

pub mod brine;
mod compact;
pub mod error;
pub mod scalar;
pub mod units;

mod density;
mod flash;
mod fluid;
mod fluids;
mod helmholtz;
mod memo;
pub mod mixture;
mod saturation;
mod state;
mod superancillary;

pub use brine::Brine;
pub use compact::Compact;
pub use error::FluidError;
pub use fluid::Fluid;
pub use mixture::{Mixture, MixtureProps, MixtureState, PhaseEquilibrium, TwoPhase};
pub use scalar::Scalar;
pub use state::{Phase, Saturation, State};
pub use units::{Enthalpy, MassFlow, Pressure, Temperature};
