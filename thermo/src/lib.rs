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
//! pure fluids above, with CoolProp's binary parameters and departure functions,
//! single-phase properties, fugacity coefficients, bubble and dew points at T or p, flashes
//! at given p with the glide; see the [`mixture`] module.
//!
//! The same mixtures are [`Fluid`]s, usable wherever a pure fluid is (components, cycles,
//! Python), with exact derivatives:
//! * named blends (ASHRAE Standard 34 compositions): R454B, R454A, R454C, R513A, R452B,
//!   R448A, R449A, R407A, R407F, R450A;
//! * the real forms of two pseudo-pure blends under explicit names, "R410A.mix" and
//!   "R407C.mix" ("R410A" and "R407C" stay the pseudo-pure Lemmon 2003 EOS, which the
//!   reference tests use). The two forms agree closely in saturation: at 280 K the bubble
//!   and dew pressures differ by 3.7e-5 / 2.1e-5 (R410A) and 1.7e-5 / 6.9e-6 (R407C), the
//!   glide at 1 MPa is 0.1069 / 0.1089 K (R410A) and 5.632 / 5.631 K (R407C), the latent
//!   heat at 1 MPa differs by 5e-4. The real mixture is the more physical inside the dome:
//!   its two-phase T follows the phase equilibrium (the pseudo-pure form interpolates T
//!   linearly in quality between T' and T'') and its phases have their own compositions;
//!   the pseudo-pure form is faster (a pure-fluid flash, ~1 us);
//! * any composition of the supported components in CoolProp's syntax with mole fractions,
//!   e.g. `Fluid::new("R32[0.697614699375863]&R125[0.302385300624138]")`; malformed text,
//!   unknown components, fractions outside [0, 1] or not summing to 1 and pairs without
//!   interaction parameters are typed errors;
//! * series numbers that name several blends are refused with the candidates we have
//!   ("R407": R407A, R407C, R407F; "R410": R410A).
//!
//! Validation (`tests/mixture_fluid.rs` against CoolProp 8.0.0, 13 mixtures incl. the
//! five-component R448A, 259 states): saturation T 5e-14, p 5e-13, saturated densities
//! 3e-13; p-T rho, h, cp, w 7e-15; p-h T and rho 3e-9 (CoolProp's two-phase flash
//! tolerance); the 6 saturation points where CoolProp's solver fails are solved.
//!
//! [`Saturation`] carries the bubble and dew values, `saturation_temperatures(p)` gives
//! (T_bubble, T_dew), two-phase states have the glide, (p, T) inside the glide is the
//! two-phase state. Critical values: CoolProp's critical point of the mixture (same model,
//! `all_critical_points()`) for the named blends, the top of the traced envelope for
//! user-defined compositions. Not supported: states above the two-phase envelope
//! (supercritical mixture states), (T, rho) inside the dome, and (p, T) inside a glide
//! below about 1e-2 K (R513A near its azeotrope at 0.85 MPa: ill-posed, `NotConverged`).
//! Mixture flash timings (R454B, f64, inputs varying per call, median; `cargo test -p
//! entropyk-thermo --release --lib -- --ignored --nocapture mixture::timing`): p-h
//! two-phase ~100 us, superheated ~25 us, subcooled ~37 us, p-T ~20 us, bubble or dew
//! point ~40 us; the envelope table is built once per mixture (~60 ms).
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
