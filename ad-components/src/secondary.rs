//! Secondary heat-transfer media (water, brines, air) with constant properties.
use entropyk_thermo::Scalar;

/// An incompressible medium with constant specific heat, density and viscosity
/// (liquids; also air at low pressure rise, see [`IncompressibleLiquid::AIR`]).
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
    /// Dynamic viscosity, Pa s (used by [`crate::Pipe`] pressure drops).
    pub viscosity: f64,
}

/// Alias naming [`IncompressibleLiquid`] for media that are not liquids (air).
pub type IncompressibleMedium = IncompressibleLiquid;

/// Reference temperature of [`IncompressibleLiquid`] enthalpies, K.
pub const T_REF: f64 = 273.15;
/// Reference pressure of [`IncompressibleLiquid`] enthalpies, Pa.
pub const P_REF: f64 = 101_325.0;

impl IncompressibleLiquid {
    /// Liquid water around 20 °C: cp = 4184 J/(kg K), rho = 998.2 kg/m3
    /// (IAPWS-95 at 20 °C, 1 atm: cp = 4184.4, rho = 998.21; Wagner & Pruss 2002),
    /// viscosity 1.0016e-3 Pa s (IAPWS 2008 viscosity formulation, Huber et al. 2009,
    /// at 20 °C, 0.1 MPa).
    pub const WATER: IncompressibleLiquid = IncompressibleLiquid {
        name: "Water",
        cp: 4184.0,
        rho: 998.2,
        viscosity: 1.0016e-3,
    };

    /// Dry air as a constant-property incompressible medium, for fans and air-side
    /// streams with small pressure changes (a few kPa): ASHRAE standard air at 20 °C,
    /// 101.325 kPa, rho = 1.204 kg/m3, cp = 1006 J/(kg K) (ASHRAE Handbook
    /// Fundamentals 2017, ch. 1, "standard air"), viscosity 1.81e-5 Pa s (Incropera &
    /// DeWitt, 6th ed., Table A.4, interpolated at 293 K). Its enthalpy's pressure term
    /// `(p - p_ref) / rho` is the incompressible-flow mechanical energy, consistent with
    /// [`crate::Fan`] power.
    pub const AIR: IncompressibleLiquid = IncompressibleLiquid {
        name: "Air",
        cp: 1006.0,
        rho: 1.204,
        viscosity: 1.81e-5,
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
