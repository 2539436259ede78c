//! The result of a solve: the converged unknowns and what derives from them.
use crate::assemble::connection_states;
use crate::linearization::Linearization;
use entropyk_components::CopRole;
use entropyk_components::{Medium, PortState, Violation};
use nalgebra::DVector;
use std::sync::Arc;

/// One control held at a bound because the value it needed lay outside it.
#[derive(Debug, Clone, PartialEq)]
pub struct SaturatedControl {
    /// Parameter reference, e.g. `"valve.opening"`.
    pub parameter: String,
    /// The bound it is held at.
    pub bound: f64,
    /// The value the last solve with the control active asked for (its best iterate's
    /// value when that solve stopped without converging, the control beyond its bounds).
    pub requested: f64,
    /// The specification left unmet, e.g. `"superheat = 5 K"`.
    pub specification: String,
}

/// One entry of the convergence history.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct IterationRecord {
    /// Iteration number (0: initial guess).
    pub iteration: usize,
    /// Scaled residual, infinity norm.
    pub residual: f64,
    /// Step length taken to reach this iterate (1: full step; 0 for the guess).
    pub step_length: f64,
}

/// One component's derived outputs in a [`Solution`]: its name, its kind and the
/// `(output, value)` pairs (SI units).
pub type ComponentOutputs = (String, &'static str, Vec<(&'static str, f64)>);

/// Converged (or best) state of a system.
#[derive(Debug, Clone)]
pub struct Solution {
    pub(crate) x: DVector<f64>,
    pub(crate) n_connections: usize,
    /// `"component.parameter"` and value, including controlled ones.
    pub(crate) parameter_labels: Arc<[String]>,
    /// Values of the parameters in `parameter_labels`' order.
    pub(crate) parameter_values: Vec<f64>,
    /// `"from -> to"` label of each connection.
    pub(crate) labels: Arc<[String]>,
    /// Port label -> connection index.
    pub(crate) ports: Arc<[(String, usize)]>,
    pub(crate) media: Vec<Medium>,
    /// Component name, kind and derived outputs.
    pub(crate) outputs: Vec<ComponentOutputs>,
    /// Each component's COP role, parallel to `outputs`.
    pub(crate) roles: Vec<CopRole>,
    pub(crate) residual: f64,
    pub(crate) history: Vec<IterationRecord>,
    pub(crate) converged: bool,
    /// Soft violations of the components' validity envelopes (map extrapolation,
    /// pinch) found at the converged state; see [`Solution::warnings`].
    pub(crate) warnings: Vec<Violation>,
    /// The last factorized Jacobian of the solve, for warm starts from this solution
    /// (not serialized; see [`crate::chord`]).
    pub(crate) linearization: Option<Arc<Linearization>>,
    /// The layout this solution was solved with (with any controls held at a bound),
    /// for sensitivities; `None` once loaded from JSON or pickle.
    pub(crate) layout: Option<Arc<crate::topology::Layout>>,
    /// For a best iterate: the equations whose scaled residual is above the tolerance.
    pub(crate) unconverged: Vec<String>,
}

impl Solution {
    /// The equations that did not close, for the best iterate of a solve that stopped
    /// (carried by its error): each named by component and equation
    /// (`"cond: equation 2"`) or by set point (`"specification superheat:evap.refrigerant_out"`),
    /// largest scaled residual first. Empty for a converged solution.
    pub fn unconverged(&self) -> &[String] {
        &self.unconverged
    }

    /// Value of a component parameter `"component.parameter"` at this solution
    /// (for a controlled parameter, the value the solver found).
    pub fn parameter(&self, reference: &str) -> Option<f64> {
        let k = self.parameter_labels.iter().position(|r| r == reference)?;
        Some(self.parameter_values[k])
    }

    /// All parameters, `("component.parameter", value)`.
    pub fn parameters(&self) -> Vec<(&str, f64)> {
        self.parameter_labels
            .iter()
            .map(String::as_str)
            .zip(self.parameter_values.iter().copied())
            .collect()
    }

    /// The unknown vector `[p0, h0, m0, p1, h1, m1, ..., controls]` (SI): connection
    /// states in connection order, then the controlled parameters.
    pub fn state_vector(&self) -> &[f64] {
        self.x.as_slice()
    }

    /// `"from -> to"` labels of the connections, in the order of [`Self::state_vector`].
    pub fn connection_labels(&self) -> &[String] {
        &self.labels
    }

    /// Medium name of each connection (`"R134a"`, `"Water"`...), in connection order.
    pub fn connection_media(&self) -> Vec<&'static str> {
        self.media.iter().map(|m| m.name()).collect()
    }

    /// States of all connections.
    pub fn connection_states(&self) -> Vec<PortState<f64>> {
        connection_states(&self.x, self.n_connections)
    }

    /// State of the connection at port `"component.port"`.
    pub fn port(&self, port: &str) -> Option<PortState<f64>> {
        let (_, k) = self.ports.iter().find(|(label, _)| label == port)?;
        Some(connection_states(&self.x, self.n_connections)[*k])
    }

    /// Temperature (K) of the connection at port `"component.port"`.
    pub fn temperature(&self, port: &str) -> Option<f64> {
        let (_, k) = self.ports.iter().find(|(label, _)| label == port)?;
        let s = connection_states(&self.x, self.n_connections)[*k];
        self.media[*k].temperature(s.p, s.h).ok()
    }

    /// A derived output of a component, e.g. `("comp", "power")` in W or
    /// `("evap", "heat_flow")` in W (heat into the stream of the component's first flow
    /// path: positive in an evaporator, negative in a condenser).
    pub fn output(&self, component: &str, name: &str) -> Option<f64> {
        let (_, _, values) = self.outputs.iter().find(|(c, _, _)| c == component)?;
        values.iter().find(|(n, _)| *n == name).map(|(_, v)| *v)
    }

    /// All derived outputs: component name, kind, `(output, value)` pairs.
    pub fn outputs(&self) -> &[ComponentOutputs] {
        &self.outputs
    }

    /// Each component's role in the COP ([`CopRole`]), in the order of
    /// [`Solution::outputs`].
    pub fn cop_roles(&self) -> &[CopRole] {
        &self.roles
    }

    /// Sum of an output over the components of a COP role, e.g.
    /// `(CopRole::WorkInput, "power")`.
    pub fn total_by_role(&self, role: CopRole, name: &str) -> f64 {
        self.outputs
            .iter()
            .zip(&self.roles)
            .filter(|(_, r)| **r == role)
            .flat_map(|((_, _, values), _)| values.iter().filter(|(n, _)| *n == name).map(|(_, v)| *v))
            .sum()
    }

    /// Sum of an output over all components of a kind, e.g. `("Compressor", "power")`.
    pub fn total(&self, kind: &str, name: &str) -> f64 {
        self.outputs
            .iter()
            .filter(|(_, k, _)| *k == kind)
            .flat_map(|(_, _, values)| values.iter().filter(|(n, _)| *n == name).map(|(_, v)| *v))
            .sum()
    }

    /// Cooling coefficient of performance: the heat flow of the components whose COP
    /// role is cooling (evaporators) over the power of those whose role is work input
    /// (compressors), `COP_c = sum Q_evap / sum W_comp` ([`CopRole`], declared by each
    /// model); `None` when the system takes in no work (no compressor, or every
    /// compressor Off), where the ratio is undefined.
    pub fn cooling_cop(&self) -> Option<f64> {
        self.work_ratio(CopRole::Cooling)
    }

    /// Heating coefficient of performance: heat rejected by the condensers over
    /// compressor power, `COP_h = -sum Q_cond / sum W_comp` (a condenser's `heat_flow`
    /// is the heat into its refrigerant, negative); `None` without work input, as
    /// [`Self::cooling_cop`].
    pub fn heating_cop(&self) -> Option<f64> {
        self.work_ratio(CopRole::Heating).map(|cop| -cop)
    }

    /// `sum heat_flow` of the components of `role` over the work input, if positive.
    fn work_ratio(&self, role: CopRole) -> Option<f64> {
        let work = self.total_by_role(CopRole::WorkInput, "power");
        (work > 0.0).then(|| self.total_by_role(role, "heat_flow") / work)
    }

    /// Final scaled residual (infinity norm).
    pub fn residual(&self) -> f64 {
        self.residual
    }

    /// Number of Newton iterations.
    pub fn iterations(&self) -> usize {
        self.history.len().saturating_sub(1)
    }

    /// Convergence history, one record per iterate (the initial guess first).
    pub fn history(&self) -> &[IterationRecord] {
        &self.history
    }

    /// Whether the tolerance was met.
    pub fn converged(&self) -> bool {
        self.converged
    }

    /// The soft limits the converged state goes beyond (a compressor map
    /// extrapolated, an exchanger pinched, a pump against a negative head): the
    /// answer is physically possible but outside what the models were validated for.
    /// Hard violations never reach a solution: they fail the solve
    /// ([`crate::SolverError::Physics`]). Empty for best iterates of failed solves,
    /// which are not checked.
    pub fn warnings(&self) -> &[Violation] {
        &self.warnings
    }
}
