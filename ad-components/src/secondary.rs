//! Secondary heat-transfer liquids (water, brines) as incompressible liquids.
use entropyk_thermo::Scalar;

/// An incompressible liquid with constant specific heat and density.
///
/// `h(T, p) = cp (T - T_ref) + (p - p_ref) / rho`, the standard incompressible
/// model (e.g. Bejan, *Advanced Engineering Thermodynamics*, 4th ed., §6.4;
/// CoolProp's incompressible backend uses the same pressure term). The reference
/// state is `T_ref = 273.15 K`, `p_ref = 101325 Pa`, where `h = 0`.
///
/// This is the walking-skeleton model of a secondary stream; water by IAPWS-95
/// and glycol brines with temperature-dependent properties come with the fluid
/// library.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct IncompressibleLiquid {
    /// Name used to match connection media.
    pub name: &'static str,
    /// Specific isobaric heat capacity, J/(kg K).
    pub cp: f64,
    /// Density, kg/m3.
    pub rho: f64,
}

/// Reference temperature of [`IncompressibleLiquid`] enthalpies, K.
pub const T_REF: f64 = 273.15;
/// Reference pressure of [`IncompressibleLiquid`] enthalpies, Pa.
pub const P_REF: f64 = 101_325.0;

impl IncompressibleLiquid {
    /// Liquid water around 20 °C: cp = 4184 J/(kg K), rho = 998.2 kg/m3
    /// (IAPWS-95 at 20 °C, 1 atm: cp = 4184.4, rho = 998.21; Wagner & Pruss 2002).
    pub const WATER: IncompressibleLiquid = IncompressibleLiquid {
        name: "Water",
        cp: 4184.0,
        rho: 998.2,
    };

    /// Specific enthalpy at `t` (K) and `p` (Pa), J/kg.
    pub fn enthalpy<D: Scalar>(&self, t: D, p: D) -> D {
        (t - T_REF) * self.cp + (p - P_REF) / self.rho
    }

    /// Temperature at specific enthalpy `h` (J/kg) and pressure `p` (Pa), K.
    pub fn temperature<D: Scalar>(&self, h: D, p: D) -> D {
        (h - (p - P_REF) / self.rho) / self.cp + T_REF
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn enthalpy_and_temperature_are_inverse() {
        let w = IncompressibleLiquid::WATER;
        let h: f64 = w.enthalpy(300.0, 3.0e5);
        assert!((w.temperature(h, 3.0e5) - 300.0_f64).abs() < 1e-12);
        assert!((w.enthalpy(283.15_f64, P_REF) - 41_840.0).abs() < 1e-9);
    }
}
