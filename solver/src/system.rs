//! The system graph: components joined by connections, plus specifications.
use crate::topology::{Layout, PortId};
use crate::{Control, SolverError, Specification};
use entropyk_components::{Component, FlowSink, FlowSource, IncompressibleLiquid, PortGuess};
use std::collections::HashMap;

/// A connection from an outlet port to an inlet port.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Connection {
    pub from: PortId,
    pub to: PortId,
}

/// Where a set point lives: a plain specification or a control's, by index.
#[derive(Debug, Clone, Copy)]
enum SetPoint {
    Plain(usize),
    Control(usize),
}

/// A steady-state system: components, connections and specifications.
///
/// Build it with [`System::add`], [`System::connect`] and
/// [`System::add_specification`]; [`System::solve`] finalizes it if needed.
#[derive(Debug)]
pub struct System {
    pub(crate) components: Vec<Box<dyn Component>>,
    /// Current parameter values, per component (see [`entropyk_components::ParameterSpec`]).
    pub(crate) parameters: Vec<Vec<f64>>,
    pub(crate) connections: Vec<Connection>,
    pub(crate) specifications: Vec<Specification>,
    pub(crate) controls: Vec<Control>,
    /// User-supplied initial guesses per connection index (a map: replacing a guess
    /// is O(log n), and they are written in connection order).
    pub(crate) user_guesses: std::collections::BTreeMap<usize, PortGuess>,
    /// Identity of the current structure: a fresh number from a process-wide counter at
    /// every structural edit (component, connection, specification or control added or
    /// removed, operational state switched), so that a compiled layout can tell whether it
    /// belongs to a system (clones share it: they have the same structure).
    structure: u64,
    /// The layout compiled from the current structure (a memo of [`System::compile`],
    /// emptied by every structural edit; value edits keep it). Not solve state: solves
    /// read it and never write anything else into the system.
    pub(crate) compiled: std::sync::OnceLock<std::sync::Arc<Layout>>,
    /// Component name -> index in `components`: name lookups (every `"component.port"`
    /// reference) in O(1), so building or loading a system is linear in its size.
    names: HashMap<String, usize>,
    /// Per component, per port: the index of the connection attached to it.
    port_links: Vec<Vec<Option<usize>>>,
}

impl Clone for System {
    fn clone(&self) -> Self {
        System {
            components: self.components.iter().map(|c| c.clone_box()).collect(),
            parameters: self.parameters.clone(),
            connections: self.connections.clone(),
            specifications: self.specifications.clone(),
            controls: self.controls.clone(),
            user_guesses: self.user_guesses.clone(),
            structure: self.structure,
            compiled: self.compiled.clone(),
            names: self.names.clone(),
            port_links: self.port_links.clone(),
        }
    }
}

impl Default for System {
    fn default() -> Self {
        System {
            components: Vec::new(),
            parameters: Vec::new(),
            connections: Vec::new(),
            specifications: Vec::new(),
            controls: Vec::new(),
            user_guesses: Default::default(),
            structure: next_structure(),
            compiled: std::sync::OnceLock::new(),
            names: HashMap::new(),
            port_links: Vec::new(),
        }
    }
}

/// A structure number never handed out before in this process.
fn next_structure() -> u64 {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
    NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

impl System {
    /// An empty system.
    pub fn new() -> Self {
        Self::default()
    }

    /// The identity of the system's current structure (see [`crate::Problem`]): equal for
    /// a system and its clones until either is edited structurally.
    pub fn structure(&self) -> u64 {
        self.structure
    }

    /// Records a structural edit: a new structure number, and the compiled layout dropped.
    fn restructure(&mut self) {
        self.structure = next_structure();
        self.compiled = std::sync::OnceLock::new();
    }

    /// Adds a component; its name must be unique.
    pub fn add<C: Component + 'static>(&mut self, component: C) -> Result<(), SolverError> {
        self.add_boxed(Box::new(component))
    }

    /// Adds a boxed component; its name must be unique.
    pub fn add_boxed(&mut self, component: Box<dyn Component>) -> Result<(), SolverError> {
        if self.names.contains_key(component.name()) {
            return Err(SolverError::DuplicateComponent {
                name: component.name().to_owned(),
            });
        }
        self.names.insert(component.name().to_owned(), self.components.len());
        self.port_links.push(vec![None; component.ports().len()]);
        self.parameters.push(component.parameter_values());
        self.components.push(component);
        self.restructure();
        Ok(())
    }

    /// Switches a component On, Off or to Bypass (see each component's documentation
    /// for what its equations become; their number does not change).
    pub fn set_operational_state(
        &mut self,
        component: &str,
        state: entropyk_components::OperationalState,
    ) -> Result<(), SolverError> {
        let index = self.component_index(component, component)?;
        self.components[index].set_operational_state(state)?;
        self.restructure();
        Ok(())
    }

    /// Sets a component parameter, written `"component.parameter"` (e.g.
    /// `"comp.speed"`, `"evap.ua"`, `"evap_secondary_source.temperature"`), SI units.
    pub fn set_parameter(&mut self, reference: &str, value: f64) -> Result<(), SolverError> {
        let (ci, pi) = self.resolve_parameter(reference)?;
        self.check_parameter_value(ci, pi, value)?;
        self.parameters[ci][pi] = value;
        Ok(())
    }

    /// Current value of a component parameter `"component.parameter"`.
    pub fn parameter(&self, reference: &str) -> Result<f64, SolverError> {
        let (ci, pi) = self.resolve_parameter(reference)?;
        Ok(self.parameters[ci][pi])
    }

    /// Checks `value` against the valid range of parameter `pi` of component `ci`.
    fn check_parameter_value(&self, ci: usize, pi: usize, value: f64) -> Result<(), SolverError> {
        let spec = self.components[ci].parameters()[pi];
        entropyk_components::ComponentError::check_parameter(
            self.components[ci].name(),
            spec.name,
            value,
            spec.min,
            spec.max,
        )?;
        Ok(())
    }

    /// Resolves `"component.parameter"` to (component index, parameter index).
    pub(crate) fn resolve_parameter(&self, reference: &str) -> Result<(usize, usize), SolverError> {
        let (ci, name) = self.split_reference(reference)?;
        let component = self.components[ci].name();
        let specs = self.components[ci].parameters();
        let pi = specs
            .iter()
            .position(|p| p.name == name)
            .ok_or_else(|| SolverError::UnknownParameter {
                component: component.to_owned(),
                parameter: name.to_owned(),
                available: specs.iter().map(|p| p.name).collect(),
            })?;
        Ok((ci, pi))
    }

    /// Connects the outlet port `from` to the inlet port `to`, both written
    /// `"component.port"`.
    pub fn connect(&mut self, from: &str, to: &str) -> Result<(), SolverError> {
        let from_id = self.resolve(from)?;
        let to_id = self.resolve(to)?;
        for id in [from_id, to_id] {
            if self.connection_of(id).is_some() {
                return Err(SolverError::PortConnectedTwice {
                    component: self.components[id.component].name().to_owned(),
                    port: self.port_name(id),
                });
            }
        }
        for id in [from_id, to_id] {
            self.port_links[id.component][id.port] = Some(self.connections.len());
        }
        self.connections.push(Connection {
            from: from_id,
            to: to_id,
        });
        self.restructure();
        Ok(())
    }

    /// Connects components in a closed loop along their first flow path
    /// (for heat exchangers the refrigerant side): the outlet of `names[i]` to the
    /// inlet of `names[i + 1]`, and the last back to the first.
    ///
    /// `connect_loop(&["comp", "cond", "valve", "evap"])` is the same as connecting
    /// `comp.outlet -> cond.refrigerant_in -> ... -> evap.refrigerant_out -> comp.inlet`.
    pub fn connect_loop(&mut self, names: &[&str]) -> Result<(), SolverError> {
        let mut ends = Vec::with_capacity(names.len());
        for name in names {
            let component = &self.components[self.component_index(name, name)?];
            let path = component.flow_paths().first().ok_or_else(|| SolverError::UnknownPort {
                component: (*name).to_owned(),
                port: "(flow path)".to_owned(),
                available: component.ports().iter().map(|p| p.name).collect(),
            })?;
            let ports = component.ports();
            ends.push((
                format!("{name}.{}", ports[path.inlet].name),
                format!("{name}.{}", ports[path.outlet].name),
            ));
        }
        for i in 0..ends.len() {
            let next = (i + 1) % ends.len();
            let (from, to) = (ends[i].1.clone(), ends[next].0.clone());
            self.connect(&from, &to)?;
        }
        Ok(())
    }

    /// Adds a secondary liquid stream through `component`: a [`FlowSource`] named
    /// `"{component}_secondary_source"` at `p` (Pa), `t` (K) and mass flow `m` (kg/s)
    /// connected to `"{component}.secondary_in"`, and a [`FlowSink`] named
    /// `"{component}_secondary_sink"` after `"{component}.secondary_out"`.
    pub fn add_liquid_stream(
        &mut self,
        component: &str,
        liquid: IncompressibleLiquid,
        p: f64,
        t: f64,
        m: f64,
    ) -> Result<(), SolverError> {
        let source = format!("{component}_secondary_source");
        let sink = format!("{component}_secondary_sink");
        self.add(FlowSource::new(&source, liquid, p, t, m)?)?;
        self.add(FlowSink::new(&sink, liquid))?;
        self.connect(&format!("{source}.outlet"), &format!("{component}.secondary_in"))?;
        self.connect(&format!("{component}.secondary_out"), &format!("{sink}.inlet"))
    }

    /// Adds a specification (set point) on the state at a port, or on a
    /// component's heat flow, and returns its reference (`"superheat:evap.refrigerant_out"`,
    /// [`Specification::reference`]), through which its value can be changed in place
    /// ([`System::set_value`]), it can be removed ([`System::remove_specification`]) or
    /// swept ([`crate::sweep`]). A second specification of the same kind at the same
    /// target is an error.
    pub fn add_specification(&mut self, specification: Specification) -> Result<String, SolverError> {
        self.check_specification(&specification)?;
        let reference = specification.reference();
        if self.specification_index(&reference).is_some() {
            return Err(SolverError::InvalidSpecification {
                specification: specification.describe(),
                port: specification.target().to_owned(),
                reason: "a specification of this kind is already set there: change its value with set_value",
            });
        }
        self.specifications.push(specification);
        self.restructure();
        Ok(reference)
    }

    /// Position of the specification `reference` (`"kind:target"`), a plain one or a
    /// control's.
    fn specification_index(&self, reference: &str) -> Option<SetPoint> {
        let plain = self.specifications.iter().position(|s| s.is_named(reference));
        plain.map(SetPoint::Plain).or_else(|| {
            self.controls
                .iter()
                .position(|c| c.specification.is_named(reference))
                .map(SetPoint::Control)
        })
    }

    /// The specification named `reference` (`"kind:target"`), or an error listing the
    /// system's specifications.
    fn specification_position(&self, reference: &str) -> Result<SetPoint, SolverError> {
        self.specification_index(reference)
            .ok_or_else(|| SolverError::UnknownSpecification {
                reference: reference.to_owned(),
                available: self
                    .specifications
                    .iter()
                    .chain(self.controls.iter().map(|c| &c.specification))
                    .map(Specification::reference)
                    .collect(),
            })
    }

    /// The specification at `at`.
    fn set_point(&self, at: SetPoint) -> &Specification {
        match at {
            SetPoint::Plain(k) => &self.specifications[k],
            SetPoint::Control(k) => &self.controls[k].specification,
        }
    }

    /// The specifications, in the order of their equations.
    pub fn specifications(&self) -> &[Specification] {
        &self.specifications
    }

    /// Removes the specification `reference` (`"kind:target"`) and returns it; the next
    /// solve lays out the equations anew (one fewer). A control's specification is
    /// removed with its control ([`System::remove_control`]).
    pub fn remove_specification(&mut self, reference: &str) -> Result<Specification, SolverError> {
        match self.specification_position(reference)? {
            SetPoint::Plain(k) => {
                self.restructure();
                Ok(self.specifications.remove(k))
            }
            SetPoint::Control(k) => Err(SolverError::InvalidSpecification {
                specification: self.controls[k].specification.describe(),
                port: reference.to_owned(),
                reason: "this set point belongs to a control: remove the control (remove_control)",
            }),
        }
    }

    /// Removes the control of `parameter` (`"component.parameter"`) and returns it: the
    /// parameter is fixed again, at its current value (set it with
    /// [`System::set_parameter`], e.g. to the value a design solve found: the
    /// design-to-off-design switch), and its set point no longer holds.
    pub fn remove_control(&mut self, parameter: &str) -> Result<Control, SolverError> {
        let target = self.resolve_parameter(parameter)?;
        let k = self
            .controls
            .iter()
            .position(|c| self.resolve_parameter(&c.parameter).ok() == Some(target))
            .ok_or_else(|| SolverError::UnknownControl {
                parameter: parameter.to_owned(),
                available: self.controls.iter().map(|c| c.parameter.clone()).collect(),
            })?;
        self.restructure();
        Ok(self.controls.remove(k))
    }

    /// Sets a value in place, named either as a component parameter
    /// (`"component.parameter"`, [`System::set_parameter`]) or as a specification's set
    /// point (`"kind:target"`, e.g. `"superheat:evap.refrigerant_out"` in K,
    /// `"heat_flow:evap"` in W). Changing a set point keeps the system's equation layout,
    /// so a solve from a previous solution ([`System::solve_from`]) starts with chord
    /// steps on that solution's factorized Jacobian, as after a parameter change.
    pub fn set_value(&mut self, reference: &str, value: f64) -> Result<(), SolverError> {
        if !reference.contains(':') {
            return self.set_parameter(reference, value);
        }
        let at = self.specification_position(reference)?;
        let updated = self.set_point(at).with_value(value);
        self.check_specification(&updated)?;
        match at {
            SetPoint::Plain(k) => self.specifications[k] = updated,
            SetPoint::Control(k) => self.controls[k].specification = updated,
        }
        Ok(())
    }

    /// The current value named by `reference`, a parameter or a specification's set
    /// point (see [`System::set_value`]).
    pub fn value(&self, reference: &str) -> Result<f64, SolverError> {
        if !reference.contains(':') {
            return self.parameter(reference);
        }
        Ok(self.set_point(self.specification_position(reference)?).value())
    }

    /// Adds an inverse control: the parameter becomes an unknown, adjusted within
    /// its bounds so that the control's specification holds. Returns the reference of
    /// that set point (`"heat_flow:evap"`), whose target [`System::set_value`] changes in
    /// place; [`System::remove_control`] removes the control.
    pub fn add_control(&mut self, control: Control) -> Result<String, SolverError> {
        let (ci, pi) = self.resolve_parameter(&control.parameter)?;
        self.check_parameter_value(ci, pi, control.min)?;
        self.check_parameter_value(ci, pi, control.max)?;
        if control.min >= control.max {
            let spec = self.components[ci].parameters()[pi];
            return Err(SolverError::Component(
                entropyk_components::ComponentError::InvalidParameter {
                    component: self.components[ci].name().to_owned(),
                    parameter: spec.name,
                    value: control.min,
                    min: spec.min,
                    max: control.max,
                },
            ));
        }
        if self
            .controls
            .iter()
            .any(|c| self.resolve_parameter(&c.parameter).ok() == Some((ci, pi)))
        {
            return Err(SolverError::InvalidSpecification {
                specification: control.specification.describe(),
                port: control.parameter.clone(),
                reason: "this parameter is already controlled",
            });
        }
        let reference = control.specification.reference();
        if self.specification_index(&reference).is_some() {
            return Err(SolverError::InvalidSpecification {
                specification: control.specification.describe(),
                port: control.specification.target().to_owned(),
                reason: "a specification of this kind is already set there",
            });
        }
        self.check_specification(&control.specification)?;
        self.controls.push(control);
        self.restructure();
        Ok(reference)
    }

    fn check_specification(&self, specification: &Specification) -> Result<(), SolverError> {
        match specification {
            Specification::HeatFlow { component, .. } => {
                self.component_index(component, component)?;
            }
            _ => {
                self.resolve(specification.target())?;
            }
        }
        specification
            .validate()
            .map_err(|reason| SolverError::InvalidSpecification {
                specification: specification.describe(),
                port: specification.target().to_owned(),
                reason,
            })
    }

    /// Overrides the automatic initial guess of the connection at `port`.
    pub fn set_guess(&mut self, port: &str, guess: PortGuess) -> Result<(), SolverError> {
        let id = self.resolve(port)?;
        let connection = self.connection_of(id).ok_or_else(|| SolverError::PortUnconnected {
            component: self.components[id.component].name().to_owned(),
            port: self.port_name(id),
        })?;
        self.user_guesses.insert(connection, guess);
        Ok(())
    }

    /// Number of unknowns: 3 per connection plus one per control.
    pub fn n_unknowns(&self) -> usize {
        3 * self.connections.len() + self.controls.len()
    }

    /// The controls, in insertion order.
    pub fn controls(&self) -> &[Control] {
        &self.controls
    }

    /// The components, in insertion order.
    pub fn components(&self) -> impl Iterator<Item = &dyn Component> {
        self.components.iter().map(|c| c.as_ref())
    }

    /// Splits `"component.name"` into the component's index and the name after the
    /// last dot.
    fn split_reference<'r>(&self, reference: &'r str) -> Result<(usize, &'r str), SolverError> {
        let (component, name) = reference
            .rsplit_once('.')
            .ok_or_else(|| SolverError::MalformedPortReference {
                reference: reference.to_owned(),
            })?;
        Ok((self.component_index(component, reference)?, name))
    }

    /// The index of the component named `name` (`reference`: what the user wrote,
    /// for the error).
    fn component_index(&self, name: &str, reference: &str) -> Result<usize, SolverError> {
        self.names
            .get(name)
            .copied()
            .ok_or_else(|| SolverError::UnknownComponent {
                name: name.to_owned(),
                reference: reference.to_owned(),
            })
    }

    /// Resolves `"component.port"`.
    pub(crate) fn resolve(&self, reference: &str) -> Result<PortId, SolverError> {
        let (index, port) = self.split_reference(reference)?;
        let component = self.components[index].name();
        let ports = self.components[index].ports();
        let port_index = ports
            .iter()
            .position(|p| p.name == port)
            .ok_or_else(|| SolverError::UnknownPort {
                component: component.to_owned(),
                port: port.to_owned(),
                available: ports.iter().map(|p| p.name).collect(),
            })?;
        Ok(PortId {
            component: index,
            port: port_index,
        })
    }

    pub(crate) fn port_name(&self, id: PortId) -> &'static str {
        self.components[id.component].ports()[id.port].name
    }

    /// `"component.port"` of a port.
    pub(crate) fn port_label(&self, id: PortId) -> String {
        format!("{}.{}", self.components[id.component].name(), self.port_name(id))
    }

    /// `"a.outlet -> b.inlet"` of every connection, in connection order.
    pub fn connection_labels(&self) -> Vec<String> {
        (0..self.connections.len()).map(|k| self.connection_label(k)).collect()
    }

    /// `"a.outlet -> b.inlet"` of a connection.
    pub(crate) fn connection_label(&self, index: usize) -> String {
        let c = self.connections[index];
        format!("{} -> {}", self.port_label(c.from), self.port_label(c.to))
    }

    /// The connection attached to port `id`, if any (O(1)).
    pub(crate) fn connection_of(&self, id: PortId) -> Option<usize> {
        self.port_links[id.component][id.port]
    }
}
