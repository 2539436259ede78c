//! Thermodynamic state and saturation results.

use crate::scalar::Scalar;

/// Phase of a state.
///
/// Convention: `Supercritical` when T >= T_c and p >= p_c; a state with T >= T_c and
/// p < p_c is reported as `Vapor`; with T < T_c and p >= p_c (compressed liquid) as
/// `Liquid`. `TwoPhase` is a vapour-liquid equilibrium mixture (0 <= x <= 1).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Phase {
    /// Single-phase liquid (including compressed liquid above p_c, T < T_c).
    Liquid,
    /// Single-phase vapour (including supercritical gas, T >= T_c, p < p_c).
    Vapor,
    /// T >= T_c and p >= p_c.
    Supercritical,
    /// Vapour-liquid equilibrium.
    TwoPhase,
}

impl std::fmt::Display for Phase {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Phase::Liquid => "liquid",
            Phase::Vapor => "vapor",
            Phase::Supercritical => "supercritical",
            Phase::TwoPhase => "two-phase",
        })
    }
}

/// A thermodynamic state in mass-specific SI units.
///
/// `t` K, `p` Pa, `rho` kg/m3, `h`, `u` J/kg, `s` J/(kg K). `quality` is the vapour
/// mass fraction, `Some` only in two-phase states. With dual-number `D` every field carries
/// the derivatives of the flash inputs' seeds.
#[derive(Clone, Copy, Debug)]
pub struct State<D> {
    /// Temperature, K.
    pub t: D,
    /// Pressure, Pa.
    pub p: D,
    /// Mass density, kg/m3.
    pub rho: D,
    /// Specific enthalpy, J/kg.
    pub h: D,
    /// Specific entropy, J/(kg K).
    pub s: D,
    /// Specific internal energy, J/kg.
    pub u: D,
    /// Phase.
    pub phase: Phase,
    /// Vapour quality (mass fraction), only in two-phase states.
    pub quality: Option<D>,
    pub(crate) cv: Option<D>,
    pub(crate) cp: Option<D>,
    pub(crate) w: Option<D>,
}

impl<D: Scalar> State<D> {
    /// Isobaric specific heat capacity cp, J/(kg K); `None` in two-phase states.
    pub fn cp(&self) -> Option<D> {
        self.cp
    }
    /// Isochoric specific heat capacity cv, J/(kg K); `None` in two-phase states.
    pub fn cv(&self) -> Option<D> {
        self.cv
    }
    /// Speed of sound w, m/s; `None` in two-phase states.
    pub fn speed_of_sound(&self) -> Option<D> {
        self.w
    }
}

/// Saturated liquid and vapour at a common (T, p), mass-specific SI units.
#[derive(Clone, Copy, Debug)]
pub struct Saturation<D> {
    /// Saturation temperature, K.
    pub t: D,
    /// Saturation pressure, Pa.
    pub p: D,
    /// Saturated liquid density rho', kg/m3.
    pub rho_liquid: D,
    /// Saturated vapour density rho'', kg/m3.
    pub rho_vapor: D,
    /// Saturated liquid enthalpy h', J/kg.
    pub h_liquid: D,
    /// Saturated vapour enthalpy h'', J/kg.
    pub h_vapor: D,
    /// Saturated liquid entropy s', J/(kg K).
    pub s_liquid: D,
    /// Saturated vapour entropy s'', J/(kg K).
    pub s_vapor: D,
}
