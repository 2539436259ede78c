//! Fluid data tables (generated) and the registry of available fluids.
//!
//! Each fluid is one `static FluidData` in a generated `<name>_data.rs` file (see
//! `thermo/scripts/generate_fluid_data.py`). Adding a fluid = generating its file and
//! listing it in [`ALL`].

use crate::helmholtz::ideal::IdealTerm;
use crate::helmholtz::residual::ResidualTerm;
use crate::superancillary::Superancillary;

#[rustfmt::skip]
mod r134a_data;

/// Coefficients and limits of one pure fluid's Helmholtz-energy EOS.
#[derive(Debug)]
pub(crate) struct FluidData {
    /// Canonical name.
    pub name: &'static str,
    /// Upper-case aliases (the canonical name is matched case-insensitively too).
    pub aliases: &'static [&'static str],
    /// Molar mass, kg/mol.
    pub molar_mass: f64,
    /// Molar gas constant of this EOS, J/(mol K).
    pub gas_constant_molar: f64,
    /// Reducing temperature, K.
    pub t_reducing: f64,
    /// Reducing density, kg/m3.
    pub rho_reducing: f64,
    /// Critical temperature, K.
    pub t_critical: f64,
    /// Critical pressure, Pa.
    pub p_critical: f64,
    /// Critical density, kg/m3.
    pub rho_critical: f64,
    /// Triple-point temperature, K.
    pub t_triple: f64,
    /// Triple-point (saturation) pressure, Pa.
    pub p_triple: f64,
    /// Upper temperature limit, K.
    pub t_max: f64,
    /// Upper pressure limit, Pa.
    pub p_max: f64,
    /// Upper density bound for root bracketing, kg/m3 (density at (T_triple, p_max) + 5 %).
    pub rho_max: f64,
    /// Ideal-gas Helmholtz terms.
    pub ideal: &'static [IdealTerm],
    /// Residual Helmholtz terms.
    pub residual: &'static [ResidualTerm],
    /// Superancillary saturation curves.
    pub superancillary: Superancillary,
}

/// All available fluids.
pub(crate) static ALL: &[&FluidData] = &[&r134a_data::R134A];

/// Look a fluid up by name or alias, case-insensitively.
pub(crate) fn lookup(name: &str) -> Option<&'static FluidData> {
    let up = name.trim().to_ascii_uppercase();
    ALL.iter()
        .copied()
        .find(|f| f.name.to_ascii_uppercase() == up || f.aliases.iter().any(|a| *a == up))
}
