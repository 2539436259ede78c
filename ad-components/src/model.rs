//! The two component layers: [`ComponentModel`] (generic, written by model authors)
//! and [`Component`] (object-safe `f64`, used by the solver).
use crate::jacobian::dual_jacobian;
use crate::{ComponentError, CopRole, OperationalState, PortGuess, PortSpec, PortState, Violation};
use entropyk_thermo::Scalar;
use std::fmt::Debug;

/// A mass-conserving path through a component, from an inlet port to an outlet port.
///
/// The solver uses flow paths to find closed circuits, whose mass balances are
/// linearly dependent (one per closed circuit is redundant).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FlowPath {
    /// Index of the inlet port in [`ComponentModel::ports`].
    pub inlet: usize,
    /// Index of the outlet port.
    pub outlet: usize,
    /// Index of the residual that states `m_outlet - m_inlet = 0`.
    pub mass_balance: usize,
}

/// A continuous parameter of a component (UA, speed, valve opening, boundary
/// temperature...). The system owns its current value; it can be changed between
/// solves, made an unknown by an inverse-control constraint, or differentiated for
/// sensitivities, because residuals receive it as a scalar `D` like the port states.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ParameterSpec {
    /// Name, unique within the component (e.g. `"ua"`).
    pub name: &'static str,
    /// SI unit, e.g. `"W/K"` (`"-"` for dimensionless).
    pub unit: &'static str,
    /// Smallest valid value.
    pub min: f64,
    /// Largest valid value.
    pub max: f64,
}

/// A component model written once, generic over the scalar type.
///
/// `residuals` receives the states of the component's ports in the order of
/// [`ComponentModel::ports`] and the values of its [`ComponentModel::parameters`],
/// and writes [`ComponentModel::n_equations`] residuals,
/// in SI units. The same code runs with `f64` (residuals) and with dual numbers
/// (exact Jacobian, see [`crate::jacobian`]).
pub trait ComponentModel: Send + Sync + Debug {
    /// Name given by the user, unique within a system.
    fn name(&self) -> &str;
    /// Model kind, e.g. `"Compressor"`.
    fn kind(&self) -> &'static str;
    /// The component's ports.
    fn ports(&self) -> &[PortSpec];
    /// Number of residual equations.
    fn n_equations(&self) -> usize;
    /// Continuous parameters (see [`ParameterSpec`]); none by default.
    fn parameters(&self) -> &[ParameterSpec] {
        &[]
    }
    /// Values of the parameters at construction, in the order of [`ComponentModel::parameters`].
    fn parameter_values(&self) -> Vec<f64> {
        Vec::new()
    }
    /// Residuals at the given port states and parameter values.
    fn residuals<D: Scalar>(
        &self,
        ports: &[PortState<D>],
        parameters: &[D],
        residuals: &mut [D],
    ) -> Result<(), ComponentError>;
    /// Mass-conserving paths (inlet -> outlet) and their mass-balance residual.
    fn flow_paths(&self) -> &[FlowPath] {
        &[]
    }
    /// Fills what the model can infer of its ports' states from what is already
    /// known (automatic initial guess). The default infers nothing.
    fn guess(&self, _ports: &mut [PortGuess], _parameters: &[f64]) {}
    /// Derived results of interest at a converged state (heat flows, power...), SI units,
    /// with the crate's sign convention: `heat_flow` into the stream of the first flow
    /// path, `power` into the component (see the crate documentation).
    fn outputs(
        &self,
        _ports: &[PortState<f64>],
        _parameters: &[f64],
    ) -> Result<Vec<(&'static str, f64)>, ComponentError> {
        Ok(Vec::new())
    }
    /// Appends to `out` every law or limit of the model's validity envelope broken
    /// at a converged state ([`crate::validity`]): the second law per exchanger zone,
    /// positive compressor flow and work, the map's envelope... The solver calls it at
    /// every converged point; a hard violation fails the solve, a soft one is a
    /// warning on the solution. The default checks nothing.
    fn check_validity(&self, _ports: &[PortState<f64>], _parameters: &[f64], _out: &mut Vec<Violation>) {}
    /// Current operating mode ([`OperationalState::On`] unless changed).
    fn operational_state(&self) -> OperationalState {
        OperationalState::On
    }
    /// What the component contributes to the cycle's COP ([`CopRole`]): declared by
    /// the model, never inferred from its kind. The default counts nothing.
    fn cop_role(&self) -> CopRole {
        CopRole::None
    }
    /// The plain-data definition of this component ([`crate::ComponentSpec`]), from
    /// which it can be rebuilt, e.g. after a JSON round trip or in another process.
    /// Built-in components return `Some`; the default `None` marks a user-defined
    /// model that cannot be serialised (a system holding one reports a typed error
    /// instead of writing an incomplete file).
    fn to_spec(&self) -> Option<crate::ComponentSpec> {
        None
    }
    /// Changes the operating mode. The number of equations must not change with the
    /// mode (the system stays square); see [`OperationalState`] for the common rules
    /// and each component's documentation for its behaviour. The default accepts
    /// only [`OperationalState::On`] (a model that does not override this method
    /// has no Off or Bypass form).
    fn set_operational_state(&mut self, state: OperationalState) -> Result<(), ComponentError> {
        match state {
            OperationalState::On => Ok(()),
            _ => Err(ComponentError::UnsupportedOperationalState {
                component: self.name().to_owned(),
                kind: self.kind(),
                state,
                reason: "this model defines no Off or Bypass equations",
            }),
        }
    }
}

/// The object-safe view of a component used by the solver (`f64` only).
///
/// Implemented for every [`ComponentModel`]; the Jacobian comes from dual numbers.
pub trait Component: Send + Sync + Debug {
    /// A boxed copy (systems are cloned for parallel sweeps).
    fn clone_box(&self) -> Box<dyn Component>;
    /// See [`ComponentModel::name`].
    fn name(&self) -> &str;
    /// See [`ComponentModel::kind`].
    fn kind(&self) -> &'static str;
    /// See [`ComponentModel::ports`].
    fn ports(&self) -> &[PortSpec];
    /// See [`ComponentModel::n_equations`].
    fn n_equations(&self) -> usize;
    /// See [`ComponentModel::flow_paths`].
    fn flow_paths(&self) -> &[FlowPath];
    /// See [`ComponentModel::parameters`].
    fn parameters(&self) -> &[ParameterSpec];
    /// See [`ComponentModel::parameter_values`].
    fn parameter_values(&self) -> Vec<f64>;
    /// See [`ComponentModel::guess`].
    fn guess(&self, ports: &mut [PortGuess], parameters: &[f64]);
    /// See [`ComponentModel::outputs`].
    fn outputs(&self, ports: &[PortState<f64>], parameters: &[f64])
        -> Result<Vec<(&'static str, f64)>, ComponentError>;
    /// See [`ComponentModel::check_validity`].
    fn check_validity(&self, ports: &[PortState<f64>], parameters: &[f64], out: &mut Vec<Violation>);
    /// See [`ComponentModel::operational_state`].
    fn operational_state(&self) -> OperationalState;
    /// See [`ComponentModel::cop_role`].
    fn cop_role(&self) -> CopRole;
    /// See [`ComponentModel::to_spec`].
    fn to_spec(&self) -> Option<crate::ComponentSpec>;
    /// See [`ComponentModel::set_operational_state`].
    fn set_operational_state(&mut self, state: OperationalState) -> Result<(), ComponentError>;
    /// Residuals in `f64`.
    fn residuals(
        &self,
        ports: &[PortState<f64>],
        parameters: &[f64],
        residuals: &mut [f64],
    ) -> Result<(), ComponentError>;
    /// Residuals and their exact Jacobian with respect to the port unknowns and the
    /// parameters listed in `parameter_columns` (indices into `parameters`; only
    /// those are differentiated, so an ordinary Newton step pays for none).
    ///
    /// `jacobian` is row-major, `n_equations` rows by
    /// `3 * ports.len() + parameter_columns.len()` columns: `(p, h, m)` port by port,
    /// then the listed parameters in order.
    fn jacobian(
        &self,
        ports: &[PortState<f64>],
        parameters: &[f64],
        parameter_columns: &[usize],
        residuals: &mut [f64],
        jacobian: &mut [f64],
    ) -> Result<(), ComponentError>;
}

impl<T: ComponentModel + Clone + 'static> Component for T {
    fn clone_box(&self) -> Box<dyn Component> {
        Box::new(self.clone())
    }
    fn name(&self) -> &str {
        ComponentModel::name(self)
    }
    fn kind(&self) -> &'static str {
        ComponentModel::kind(self)
    }
    fn ports(&self) -> &[PortSpec] {
        ComponentModel::ports(self)
    }
    fn n_equations(&self) -> usize {
        ComponentModel::n_equations(self)
    }
    fn flow_paths(&self) -> &[FlowPath] {
        ComponentModel::flow_paths(self)
    }
    fn parameters(&self) -> &[ParameterSpec] {
        ComponentModel::parameters(self)
    }
    fn parameter_values(&self) -> Vec<f64> {
        ComponentModel::parameter_values(self)
    }
    fn guess(&self, ports: &mut [PortGuess], parameters: &[f64]) {
        ComponentModel::guess(self, ports, parameters)
    }
    fn outputs(
        &self,
        ports: &[PortState<f64>],
        parameters: &[f64],
    ) -> Result<Vec<(&'static str, f64)>, ComponentError> {
        ComponentModel::outputs(self, ports, parameters)
    }
    fn check_validity(&self, ports: &[PortState<f64>], parameters: &[f64], out: &mut Vec<Violation>) {
        ComponentModel::check_validity(self, ports, parameters, out)
    }
    fn cop_role(&self) -> CopRole {
        ComponentModel::cop_role(self)
    }
    fn operational_state(&self) -> OperationalState {
        ComponentModel::operational_state(self)
    }
    fn to_spec(&self) -> Option<crate::ComponentSpec> {
        ComponentModel::to_spec(self)
    }
    fn set_operational_state(&mut self, state: OperationalState) -> Result<(), ComponentError> {
        ComponentModel::set_operational_state(self, state)
    }
    fn residuals(
        &self,
        ports: &[PortState<f64>],
        parameters: &[f64],
        residuals: &mut [f64],
    ) -> Result<(), ComponentError> {
        ComponentModel::residuals(self, ports, parameters, residuals)
    }
    fn jacobian(
        &self,
        ports: &[PortState<f64>],
        parameters: &[f64],
        parameter_columns: &[usize],
        residuals: &mut [f64],
        jacobian: &mut [f64],
    ) -> Result<(), ComponentError> {
        dual_jacobian(self, ports, parameters, parameter_columns, residuals, jacobian)
    }
}
