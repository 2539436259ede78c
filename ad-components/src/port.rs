//! Ports: the named connection points of a component and the state carried by a connection.
use crate::IncompressibleLiquid;
use entropyk_thermo::{Fluid, FluidError, Scalar};

/// The state of one connection: the three unknowns the solver iterates on.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PortState<D> {
    /// Pressure, Pa.
    pub p: D,
    /// Specific enthalpy, J/kg.
    pub h: D,
    /// Mass flow in the direction inlet -> outlet of the connection, kg/s.
    pub m: D,
}

/// Whether fluid enters or leaves the component through a port.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// Fluid enters the component.
    Inlet,
    /// Fluid leaves the component.
    Outlet,
}

/// What flows through a port.
#[derive(Debug, Clone)]
pub enum Medium {
    /// A refrigerant described by its Helmholtz-energy equation of state.
    Refrigerant(Fluid),
    /// A secondary liquid (water, brine).
    Secondary(IncompressibleLiquid),
}

impl Medium {
    /// Name of the medium, used to check that both ends of a connection agree.
    pub fn name(&self) -> &'static str {
        match self {
            Medium::Refrigerant(f) => f.name(),
            Medium::Secondary(liquid) => liquid.name,
        }
    }

    /// Temperature at pressure `p` (Pa) and specific enthalpy `h` (J/kg), K.
    pub fn temperature(&self, p: f64, h: f64) -> Result<f64, FluidError> {
        match self {
            Medium::Refrigerant(f) => Ok(f.state_ph(p, h)?.t),
            Medium::Secondary(liquid) => Ok(liquid.temperature(h, p)),
        }
    }

    /// Density at pressure `p` (Pa) and specific enthalpy `h` (J/kg), kg/m3, generic
    /// over the scalar (homogeneous density in two-phase refrigerant states).
    pub fn density<D: Scalar>(&self, p: D, h: D) -> Result<D, FluidError> {
        match self {
            Medium::Refrigerant(f) => Ok(f.state_ph(p, h)?.rho),
            Medium::Secondary(liquid) => Ok(D::from(liquid.rho)),
        }
    }

    /// Temperature at pressure `p` (Pa) and specific enthalpy `h` (J/kg), K, generic
    /// over the scalar.
    pub fn temperature_of<D: Scalar>(&self, p: D, h: D) -> Result<D, FluidError> {
        match self {
            Medium::Refrigerant(f) => Ok(f.state_ph(p, h)?.t),
            Medium::Secondary(liquid) => Ok(liquid.temperature(h, p)),
        }
    }
}

/// Static description of one port of a component.
#[derive(Debug, Clone)]
pub struct PortSpec {
    /// Port name, unique within the component (e.g. `"inlet"`, `"secondary_out"`).
    pub name: &'static str,
    /// Flow direction.
    pub direction: Direction,
    /// Medium flowing through the port.
    pub medium: Medium,
}

impl PortSpec {
    /// An inlet port.
    pub fn inlet(name: &'static str, medium: Medium) -> Self {
        PortSpec {
            name,
            direction: Direction::Inlet,
            medium,
        }
    }
    /// An outlet port.
    pub fn outlet(name: &'static str, medium: Medium) -> Self {
        PortSpec {
            name,
            direction: Direction::Outlet,
            medium,
        }
    }
}
