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

/// Saturated liquid and vapour, mass-specific SI units.
///
/// Pure fluids: both phases at a common (T, p). Pseudo-pure blends (R410A, R404A, R407C,
/// R507A): the liquid side is the bubble point and the vapour side the dew point;
/// from [`crate::Fluid::saturation_t`] both are at the given T (p_bubble > p_dew), from
/// [`crate::Fluid::saturation_p`] both at the given p (T_bubble < T_dew, the glide).
/// `t` and `p` are the bubble-point (liquid-side) values; for pure fluids
/// `t_bubble = t_dew = t` and `p_bubble = p_dew = p`.
#[derive(Clone, Copy, Debug)]
pub struct Saturation<D> {
    /// Saturation temperature (bubble point for blends), K.
    pub t: D,
    /// Saturation pressure (bubble point for blends), Pa.
    pub p: D,
    /// Bubble-point temperature (liquid side), K.
    pub t_bubble: D,
    /// Dew-point temperature (vapour side), K.
    pub t_dew: D,
    /// Bubble-point pressure (liquid side), Pa.
    pub p_bubble: D,
    /// Dew-point pressure (vapour side), Pa.
    pub p_dew: D,
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
    /// Isobaric heat capacity of the saturated liquid (the single-phase limit at the
    /// bubble point), J/(kg K).
    pub cp_liquid: D,
    /// Isobaric heat capacity of the saturated vapour (the single-phase limit at the dew
    /// point), J/(kg K).
    pub cp_vapor: D,
}
