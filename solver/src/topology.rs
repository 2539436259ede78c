//! Finalization: topology checks, closed circuits and degrees of freedom.
use crate::system::System;
use crate::{SolverError, Specification};
use entropyk_components::{Direction, Medium};
use std::sync::Arc;

/// A port of a component: `(component index, port index)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct PortId {
    pub component: usize,
    pub port: usize,
}

/// A specification resolved to the connection(s) it reads and their medium.
#[derive(Debug, Clone)]
pub(crate) struct ResolvedSpecification {
    /// One connection for port set points; (inlet, outlet) for a heat flow.
    pub connections: Vec<usize>,
    pub medium: Medium,
}

/// An active control: a parameter that is an unknown, with its specification.
#[derive(Debug, Clone)]
pub(crate) struct ResolvedControl {
    /// Index into `System::controls`.
    pub control: usize,
    pub component: usize,
    pub parameter: usize,
    /// Column of the parameter in the unknown vector.
    pub column: usize,
    pub specification: ResolvedSpecification,
}

/// The equation layout fixed by [`System::finalize`].
#[derive(Clone)]
pub(crate) struct Layout {
    /// For each component, the connection index of each port.
    pub port_connections: Vec<Vec<usize>>,
    /// For each component, the global row of each local equation (`None`: dropped).
    pub rows: Vec<Vec<Option<usize>>>,
    /// For each specification, its connections and medium; rows follow the components'.
    pub specifications: Vec<ResolvedSpecification>,
    /// Row of the first specification.
    pub specification_row: usize,
    /// Active controls; their rows follow the specifications', their columns the
    /// connection unknowns.
    pub controls: Vec<ResolvedControl>,
    /// Closed circuits: component indices, and the (component, equation) dropped.
    pub closed_circuits: Vec<(Vec<usize>, (usize, usize))>,
    /// Number of equations (= unknowns once finalized).
    pub n_equations: usize,
    /// Per control: the bound it is held at in this layout (`None`: active, or an
    /// unknown; see [`crate::SaturatedControl`]).
    pub held: Vec<Option<f64>>,
    /// The structure of the system this layout was compiled from
    /// (see [`System::structure`]): a layout only serves systems with the same.
    pub structure: u64,
    /// `"from -> to"` label of each connection.
    pub connection_labels: Arc<[String]>,
    /// `"component.port"` label of each connected port, and its connection index.
    pub port_labels: Arc<[(String, usize)]>,
    /// `"component.parameter"` label of every parameter, component by component.
    pub parameter_labels: Arc<[String]>,
}

impl std::fmt::Debug for Layout {
    /// A summary: the full layout holds every specification's medium (fluid data).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "Layout({} equations, {} controls, structure {})",
            self.n_equations,
            self.controls.len(),
            self.structure
        )
    }
}

/// What [`System::finalize`] found, for the user to read.
#[derive(Debug, Clone, PartialEq)]
pub struct FinalizeReport {
    /// Number of unknowns (= equations).
    pub unknowns: usize,
    /// For each closed circuit: its components and the mass balance left out,
    /// as `"component: equation index"`. In a closed loop the mass balances of all
    /// components sum to zero, so one is redundant; a specification (e.g.
    /// subcooling) takes its place.
    pub redundant_mass_balances: Vec<(Vec<String>, String)>,
}

/// Minimal union-find over connection indices.
fn find(parent: &mut [usize], mut i: usize) -> usize {
    while parent[i] != i {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    i
}

impl Layout {
    /// Compiles `system`'s structure, with the controls that `held` gives a bound to
    /// fixed at that bound (one entry per control).
    pub(crate) fn build(system: &System, held: &[Option<f64>]) -> Result<Layout, SolverError> {
        // Every port connected exactly once, direction and medium consistent.
        let mut port_connections = Vec::with_capacity(system.components.len());
        for (ci, component) in system.components.iter().enumerate() {
            let mut ports = Vec::with_capacity(component.ports().len());
            for pi in 0..component.ports().len() {
                let id = crate::topology::PortId {
                    component: ci,
                    port: pi,
                };
                let connection = system.connection_of(id).ok_or_else(|| SolverError::PortUnconnected {
                    component: component.name().to_owned(),
                    port: component.ports()[pi].name,
                })?;
                ports.push(connection);
            }
            port_connections.push(ports);
        }
        for connection in &system.connections {
            let spec = |id: PortId| &system.components[id.component].ports()[id.port];
            let (from, to) = (spec(connection.from), spec(connection.to));
            if from.direction != Direction::Outlet || to.direction != Direction::Inlet {
                return Err(SolverError::DirectionMismatch {
                    from: system.port_label(connection.from),
                    to: system.port_label(connection.to),
                });
            }
            if from.medium.name() != to.medium.name() {
                return Err(SolverError::MediumMismatch {
                    from: system.port_label(connection.from),
                    to: system.port_label(connection.to),
                    from_medium: from.medium.name(),
                    to_medium: to.medium.name(),
                });
            }
        }

        // Circuits: connections joined through components' flow paths.
        let n_conn = system.connections.len();
        let mut parent: Vec<usize> = (0..n_conn).collect();
        let mut open = vec![false; n_conn];
        for (ci, component) in system.components.iter().enumerate() {
            let paths = component.flow_paths();
            for (pi, _) in component.ports().iter().enumerate() {
                if !paths.iter().any(|p| p.inlet == pi || p.outlet == pi) {
                    open[port_connections[ci][pi]] = true;
                }
            }
            for path in paths {
                let a = find(&mut parent, port_connections[ci][path.inlet]);
                let b = find(&mut parent, port_connections[ci][path.outlet]);
                parent[a] = b;
            }
        }
        for i in 0..n_conn {
            if open[i] {
                let root = find(&mut parent, i);
                open[root] = true;
            }
        }
        let mut closed_circuits = Vec::new();
        let mut circuit_roots = Vec::new();
        let mut dropped = Vec::new();
        let mut roots: Vec<usize> = (0..n_conn).map(|i| find(&mut parent, i)).collect();
        roots.sort_unstable();
        roots.dedup();
        for root in roots.into_iter().filter(|&r| !open[r]) {
            let mut members = Vec::new();
            let mut drop = None;
            for (ci, component) in system.components.iter().enumerate() {
                for path in component.flow_paths() {
                    if find(&mut parent, port_connections[ci][path.inlet]) == root {
                        if !members.contains(&ci) {
                            members.push(ci);
                        }
                        drop.get_or_insert((ci, path.mass_balance));
                    }
                }
            }
            if let Some(d) = drop {
                dropped.push(d);
                closed_circuits.push((members, d));
                circuit_roots.push(root);
            }
        }

        // Rows.
        let mut rows = Vec::with_capacity(system.components.len());
        let mut row = 0;
        for (ci, component) in system.components.iter().enumerate() {
            let mut local = Vec::with_capacity(component.n_equations());
            for eq in 0..component.n_equations() {
                if dropped.contains(&(ci, eq)) {
                    local.push(None);
                } else {
                    local.push(Some(row));
                    row += 1;
                }
            }
            rows.push(local);
        }
        let specification_row = row;

        let mut specifications = Vec::with_capacity(system.specifications.len());
        for spec in &system.specifications {
            specifications.push(resolve_specification(system, &port_connections, spec)?);
        }
        let n_conn_unknowns = 3 * n_conn;
        let mut controls = Vec::new();
        for (index, control) in system.controls.iter().enumerate() {
            if held[index].is_some() {
                continue;
            }
            let (component, parameter) = system.resolve_parameter(&control.parameter)?;
            controls.push(ResolvedControl {
                control: index,
                component,
                parameter,
                column: n_conn_unknowns + controls.len(),
                specification: resolve_specification(system, &port_connections, &control.specification)?,
            });
        }
        let n_equations = specification_row + specifications.len() + controls.len();
        let unknowns = n_conn_unknowns + controls.len();
        if n_equations != unknowns {
            // Name each closed circuit with the set points it carries, and the set
            // points outside any closed circuit.
            let all_specs: Vec<(&Specification, &ResolvedSpecification)> = system
                .specifications
                .iter()
                .zip(&specifications)
                .chain(
                    controls
                        .iter()
                        .map(|c| (&system.controls[c.control].specification, &c.specification)),
                )
                .collect();
            let mut described = vec![false; all_specs.len()];
            let mut parts = Vec::new();
            for ((members, _), root) in closed_circuits.iter().zip(&circuit_roots) {
                let names: Vec<&str> = members.iter().map(|&c| system.components[c].name()).collect();
                let mut carried = Vec::new();
                for (k, (spec, resolved)) in all_specs.iter().enumerate() {
                    if find(&mut parent, resolved.connections[0]) == *root {
                        carried.push(format!("{} at '{}'", spec.describe(), spec.target()));
                        described[k] = true;
                    }
                }
                parts.push(format!(
                    "closed circuit [{}] (one redundant mass balance removed) carries {}",
                    names.join(", "),
                    if carried.is_empty() {
                        "no specification".to_owned()
                    } else {
                        carried.join(", ")
                    }
                ));
            }
            let others: Vec<String> = all_specs
                .iter()
                .zip(&described)
                .filter(|(_, d)| !**d)
                .map(|((spec, _), _)| format!("{} at '{}'", spec.describe(), spec.target()))
                .collect();
            if !others.is_empty() {
                parts.push(format!("other specifications: {}", others.join(", ")));
            }
            let (kind, detail) = if n_equations < unknowns {
                (
                    "under-specified",
                    format!(
                        "Add {} specification(s) (superheat, subcooling, pressure, temperature...): {}.",
                        unknowns - n_equations,
                        parts.join("; ")
                    ),
                )
            } else {
                (
                    "over-specified",
                    format!(
                        "Remove {} specification(s): {}.",
                        n_equations - unknowns,
                        parts.join("; ")
                    ),
                )
            };
            return Err(SolverError::DegreesOfFreedom {
                kind,
                equations: n_equations,
                unknowns,
                detail,
            });
        }
        Ok(Layout {
            port_connections,
            rows,
            specifications,
            specification_row,
            controls,
            closed_circuits,
            n_equations,
            held: held.to_vec(),
            structure: system.structure(),
            connection_labels: (0..system.connections.len())
                .map(|k| system.connection_label(k))
                .collect(),
            port_labels: system
                .connections
                .iter()
                .enumerate()
                .flat_map(|(k, c)| [(system.port_label(c.from), k), (system.port_label(c.to), k)])
                .collect(),
            parameter_labels: system
                .components
                .iter()
                .flat_map(|c| {
                    c.parameters()
                        .iter()
                        .map(move |spec| format!("{}.{}", c.name(), spec.name))
                })
                .collect(),
        })
    }

    /// What equation `row` is, for messages: `"cond: equation 2"`,
    /// `"specification superheat:evap.refrigerant_out"`,
    /// `"control valve.opening: superheat:evap.refrigerant_out"`.
    pub(crate) fn row_name(&self, system: &System, row: usize) -> String {
        if row >= self.specification_row {
            let k = row - self.specification_row;
            return match system.specifications.get(k) {
                Some(spec) => format!("specification {}", spec.reference()),
                None => {
                    let c = &self.controls[k - system.specifications.len()];
                    let control = &system.controls[c.control];
                    format!("control {}: {}", control.parameter, control.specification.reference())
                }
            };
        }
        for (ci, rows) in self.rows.iter().enumerate() {
            if let Some(eq) = rows.iter().position(|r| *r == Some(row)) {
                return format!("{}: equation {eq}", system.components[ci].name());
            }
        }
        format!("row {row}")
    }

    pub(crate) fn report(&self, system: &System) -> FinalizeReport {
        FinalizeReport {
            unknowns: self.n_equations,
            redundant_mass_balances: self
                .closed_circuits
                .iter()
                .map(|(members, (ci, eq))| {
                    (
                        members
                            .iter()
                            .map(|&c| system.components[c].name().to_owned())
                            .collect(),
                        format!("{}: equation {}", system.components[*ci].name(), eq),
                    )
                })
                .collect(),
        }
    }
}

/// Resolves a specification's target to connections and a medium.
pub(crate) fn resolve_specification(
    system: &System,
    port_connections: &[Vec<usize>],
    spec: &Specification,
) -> Result<ResolvedSpecification, SolverError> {
    let invalid = |reason| SolverError::InvalidSpecification {
        specification: spec.describe(),
        port: spec.target().to_owned(),
        reason,
    };
    let resolved = match spec {
        Specification::HeatFlow { component, .. } => {
            let ci = system
                .components
                .iter()
                .position(|c| c.name() == component)
                .ok_or_else(|| SolverError::UnknownComponent {
                    name: component.clone(),
                    reference: component.clone(),
                })?;
            let c = &system.components[ci];
            let path = c
                .flow_paths()
                .first()
                .ok_or_else(|| invalid("the component has no flow path"))?;
            ResolvedSpecification {
                connections: vec![port_connections[ci][path.inlet], port_connections[ci][path.outlet]],
                medium: c.ports()[path.inlet].medium.clone(),
            }
        }
        _ => {
            let id = system.resolve(spec.target())?;
            ResolvedSpecification {
                connections: vec![port_connections[id.component][id.port]],
                medium: system.components[id.component].ports()[id.port].medium.clone(),
            }
        }
    };
    if spec.needs_refrigerant() && matches!(resolved.medium, Medium::Secondary(_)) {
        return Err(invalid("superheat and subcooling apply to refrigerant ports only"));
    }
    Ok(resolved)
}
