//! Sensitivities of any result to any parameter at a converged solution, by the
//! implicit function theorem: with `r(x(θ), θ) = 0`,
//! `J dx/dθ = -∂r/∂θ`, where `J = ∂r/∂x` is the exact Jacobian of the converged
//! system and `∂r/∂θ` the exact parameter column of the owning component (both
//! from dual numbers). A result `q(x)` then has `dq/dθ = ∇q · dx/dθ`.
use crate::assemble::evaluate;
use crate::jacobian::Jacobian;
use crate::topology::Layout;
use crate::{Solution, SolverError, Specification, System};
use entropyk_components::jacobian::{MAX_EQUATIONS, MAX_PARAMETERS, MAX_PORTS};
use entropyk_components::PortState;
use nalgebra::DVector;

/// A result whose sensitivity can be asked for.
#[derive(Debug, Clone, PartialEq)]
pub enum Quantity {
    /// Pressure at a port, Pa.
    Pressure(String),
    /// Specific enthalpy at a port, J/kg.
    Enthalpy(String),
    /// Mass flow at a port, kg/s.
    MassFlow(String),
    /// Temperature at a port, K.
    Temperature(String),
    /// Heat flow `m (h_out - h_in)` along a component's first flow path, W
    /// (a compressor's: its shaft power less the heat lost).
    HeatFlow(String),
    /// Value of a controlled parameter `"component.parameter"`.
    Control(String),
}

impl System {
    /// `d(state vector)/dθ` at `solution` for the parameter `"component.parameter"`,
    /// in the order of [`Solution::state_vector`]. The system must be the one that
    /// produced `solution` (same controls active).
    pub fn state_sensitivity(&self, solution: &Solution, parameter: &str) -> Result<DVector<f64>, SolverError> {
        let layout = self.layout_of(solution)?;
        let layout = &*layout;
        let (ci, pi) = self.resolve_parameter(parameter)?;
        if layout.controls.iter().any(|c| c.component == ci && c.parameter == pi) {
            return Err(SolverError::InvalidSensitivity {
                parameter: parameter.to_owned(),
                reason: "the parameter is controlled (an unknown); ask for the control's value instead (control=\"component.parameter\")",
            });
        }
        let x = DVector::from_column_slice(solution.state_vector());
        if x.len() != layout.n_equations {
            return Err(SolverError::InvalidSensitivity {
                parameter: parameter.to_owned(),
                reason: "the solution does not belong to this system's current layout",
            });
        }
        let n = layout.n_equations;
        let mut r = DVector::zeros(n);
        let mut j = Jacobian::zeros(n, n);
        evaluate(self, layout, &x, &mut r, Some(&mut j))?;
        let rhs = -parameter_column(self, layout, &x, ci, pi)?;
        j.factorize()
            .and_then(|lu| lu.solve(&rhs))
            .ok_or_else(|| SolverError::SingularJacobian {
                iteration: 0,
                best: Box::new(solution.clone()),
            })
    }

    /// `dq/dθ` of a result `q` at `solution` for the parameter `"component.parameter"`.
    ///
    /// ```
    /// use entropyk_components::{Ahri540Map, Compressor, Condenser, Evaporator, ExpansionValve, IncompressibleLiquid};
    /// use entropyk_solver::{NewtonConfig, Quantity, Specification, SystemBuilder};
    /// use entropyk_thermo::Fluid;
    /// let (r134a, water) = (Fluid::new("R134a").unwrap(), IncompressibleLiquid::WATER);
    /// let (mut chiller, _) = SystemBuilder::new()
    ///     .component(Compressor::new("comp", r134a.clone(), Ahri540Map::BITZER_HSK_R134A))
    ///     .component(Condenser::new("cond", r134a.clone(), water, 50e3))
    ///     .add(ExpansionValve::new("valve", r134a.clone()))
    ///     .component(Evaporator::new("evap", r134a, water, 60e3))
    ///     .liquid_stream("cond", water, 2e5, 303.15, 17.7)
    ///     .liquid_stream("evap", water, 2e5, 285.15, 14.3)
    ///     .cycle(&["comp", "cond", "valve", "evap"])
    ///     .specification(Specification::superheat("evap.refrigerant_out", 5.0))
    ///     .specification(Specification::subcooling("cond.refrigerant_out", 3.0))
    ///     .build()
    ///     .unwrap();
    /// let s = chiller.solve(&NewtonConfig::default()).unwrap();
    /// // Capacity gained per kelvin of warmer chilled water (W/K).
    /// let dq = chiller.sensitivity(&s, &Quantity::HeatFlow("evap".into()), "evap_secondary_source.temperature").unwrap();
    /// assert!(dq > 0.0);
    /// ```
    pub fn sensitivity(&self, solution: &Solution, quantity: &Quantity, parameter: &str) -> Result<f64, SolverError> {
        let dx = self.state_sensitivity(solution, parameter)?;
        let layout = self.layout_of(solution)?;
        let gradient = quantity_gradient(self, &layout, solution, quantity)?;
        Ok(gradient.dot(&dx))
    }
}

impl System {
    /// The layout `solution` was solved with when it came from this system's current
    /// structure (controls held at a bound included), else the compiled one.
    fn layout_of(&self, solution: &Solution) -> Result<std::sync::Arc<Layout>, SolverError> {
        match &solution.layout {
            Some(layout) if layout.structure == self.structure() => Ok(layout.clone()),
            _ => Ok(self.compile()?.layout),
        }
    }
}

/// Exact `∂r/∂θ` for parameter `pi` of component `ci` (zero outside its rows).
fn parameter_column(
    system: &System,
    layout: &Layout,
    x: &DVector<f64>,
    ci: usize,
    pi: usize,
) -> Result<DVector<f64>, SolverError> {
    let params = crate::assemble::effective_parameters(system, layout, x);
    let component = &system.components[ci];
    let ports: Vec<PortState<f64>> = layout.port_connections[ci]
        .iter()
        .map(|&k| PortState {
            p: x[3 * k],
            h: x[3 * k + 1],
            m: x[3 * k + 2],
        })
        .collect();
    let n_eq = component.n_equations();
    let n_vars = 3 * ports.len() + 1;
    let mut local_r = [0.0; MAX_EQUATIONS];
    let mut local_j = vec![0.0; MAX_EQUATIONS * (3 * MAX_PORTS + MAX_PARAMETERS)];
    component.jacobian(
        &ports,
        &params[ci],
        &[pi],
        &mut local_r[..n_eq],
        &mut local_j[..n_eq * n_vars],
    )?;
    let mut column = DVector::zeros(layout.n_equations);
    for (eq, row) in layout.rows[ci].iter().enumerate() {
        if let Some(row) = *row {
            column[row] = local_j[eq * n_vars + 3 * ports.len()];
        }
    }
    Ok(column)
}

/// Exact gradient of a quantity with respect to the unknown vector.
fn quantity_gradient(
    system: &System,
    layout: &Layout,
    solution: &Solution,
    quantity: &Quantity,
) -> Result<DVector<f64>, SolverError> {
    let n = layout.n_equations;
    let mut g = DVector::zeros(n);
    let connection = |port: &str| -> Result<usize, SolverError> {
        let id = system.resolve(port)?;
        Ok(layout.port_connections[id.component][id.port])
    };
    match quantity {
        Quantity::Pressure(port) => g[3 * connection(port)?] = 1.0,
        Quantity::Enthalpy(port) => g[3 * connection(port)? + 1] = 1.0,
        Quantity::MassFlow(port) => g[3 * connection(port)? + 2] = 1.0,
        Quantity::Control(parameter) => {
            let (ci, pi) = system.resolve_parameter(parameter)?;
            let c = layout
                .controls
                .iter()
                .find(|c| c.component == ci && c.parameter == pi)
                .ok_or_else(|| SolverError::InvalidSensitivity {
                    parameter: parameter.clone(),
                    reason: "the parameter is not an active control",
                })?;
            g[c.column] = 1.0;
        }
        Quantity::Temperature(port) | Quantity::HeatFlow(port) => {
            // Evaluate the same expression a specification would, with the set
            // point at zero, through the Jacobian row of a one-row layout.
            let spec = match quantity {
                Quantity::Temperature(_) => Specification::Temperature {
                    port: port.clone(),
                    kelvin: 0.0,
                },
                _ => Specification::HeatFlow {
                    component: port.clone(),
                    watts: 0.0,
                },
            };
            let resolved = crate::topology::resolve_specification(system, &layout.port_connections, &spec)?;
            let x = DVector::from_column_slice(solution.state_vector());
            let mut r = DVector::zeros(1);
            let mut row = Jacobian::zeros(1, n);
            crate::assemble::evaluate_specification(&spec, &resolved, &x, 0, &mut r, Some(&mut row))?;
            g.copy_from(&row.dense_row(0));
        }
    }
    Ok(g)
}
