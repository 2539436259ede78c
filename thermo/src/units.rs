//! SI newtypes with explicit constructors and accessors.
//!
//! Internally everything is SI (Pa, K, J/kg, kg/s); the constructors and accessors
//! name their unit so that a bar/Pa or °C/K mix-up is visible at the call site.

/// Absolute pressure, stored in Pa.
#[derive(Clone, Copy, Debug, PartialEq, PartialOrd)]
pub struct Pressure(f64);

impl Pressure {
    /// Pressure from pascal.
    pub const fn from_pa(pa: f64) -> Self {
        Self(pa)
    }
    /// Pressure from bar (1 bar = 1e5 Pa).
    pub fn from_bar(bar: f64) -> Self {
        Self(bar * 1e5)
    }
    /// Value in Pa.
    pub const fn pa(self) -> f64 {
        self.0
    }
    /// Value in bar.
    pub fn bar(self) -> f64 {
        self.0 / 1e5
    }
}

/// Absolute temperature, stored in K.
#[derive(Clone, Copy, Debug, PartialEq, PartialOrd)]
pub struct Temperature(f64);

impl Temperature {
    /// Temperature from kelvin.
    pub const fn from_kelvin(k: f64) -> Self {
        Self(k)
    }
    /// Temperature from degrees Celsius (T/K = t/°C + 273.15).
    pub fn from_celsius(c: f64) -> Self {
        Self(c + 273.15)
    }
    /// Value in K.
    pub const fn kelvin(self) -> f64 {
        self.0
    }
    /// Value in °C.
    pub fn celsius(self) -> f64 {
        self.0 - 273.15
    }
}

/// Specific enthalpy, stored in J/kg.
#[derive(Clone, Copy, Debug, PartialEq, PartialOrd)]
pub struct Enthalpy(f64);

impl Enthalpy {
    /// Enthalpy from J/kg.
    pub const fn from_j_per_kg(v: f64) -> Self {
        Self(v)
    }
    /// Enthalpy from kJ/kg.
    pub fn from_kj_per_kg(v: f64) -> Self {
        Self(v * 1e3)
    }
    /// Value in J/kg.
    pub const fn j_per_kg(self) -> f64 {
        self.0
    }
    /// Value in kJ/kg.
    pub fn kj_per_kg(self) -> f64 {
        self.0 / 1e3
    }
}

/// Mass flow rate, stored in kg/s.
#[derive(Clone, Copy, Debug, PartialEq, PartialOrd)]
pub struct MassFlow(f64);

impl MassFlow {
    /// Mass flow from kg/s.
    pub const fn from_kg_per_s(v: f64) -> Self {
        Self(v)
    }
    /// Value in kg/s.
    pub const fn kg_per_s(self) -> f64 {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conversions() {
        assert_eq!(Pressure::from_bar(2.5).pa(), 2.5e5);
        assert_eq!(Pressure::from_pa(3e5).bar(), 3.0);
        assert!((Temperature::from_celsius(25.0).kelvin() - 298.15).abs() < 1e-12);
        assert!((Temperature::from_kelvin(273.15).celsius()).abs() < 1e-12);
        assert_eq!(Enthalpy::from_kj_per_kg(250.0).j_per_kg(), 250e3);
        assert_eq!(MassFlow::from_kg_per_s(0.1).kg_per_s(), 0.1);
        assert!(Pressure::from_bar(1.0) < Pressure::from_bar(2.0));
    }
}
