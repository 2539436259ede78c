//! On / Off / Bypass operating modes of a component.

/// Operating mode of a component, set with
/// [`ComponentModel::set_operational_state`](crate::ComponentModel::set_operational_state).
///
/// The number of equations of a component never depends on its mode, so a system
/// stays square when a mode changes; only the residual expressions change. Every
/// component documents what each mode means for it. The common rules are:
///
/// * [`OperationalState::On`]: the normal model.
/// * [`OperationalState::Off`]: no heat and no work cross the component
///   (`Q = 0`, `W = 0`, written as `h_out = h_in` so that nothing divides by the
///   mass flow). Components that set the flow of their path (compressors, pumps,
///   fans, sources, a valve with a flow equation) impose `m_in = 0` in place of
///   their flow equation; passive components (exchangers, pipes, splitters,
///   mergers) keep their hydraulic equations, which are regular at zero flow, and
///   carry the zero flow imposed by the switched-off driving component. Switch off
///   exactly one flow-setting component per path: two `m = 0` equations on one path
///   are redundant and leave a pressure undetermined.
/// * [`OperationalState::Bypass`]: the stream passes unchanged, `p_out = p_in`,
///   `h_out = h_in`, `m_out = m_in`, its mass flow set by the rest of the system.
///
/// System-level consequence: with the compressor of a closed refrigerant circuit Off,
/// the circuit carries no flow and its pressure levels are no longer fixed by
/// steady-state balances (physically they follow from charge and ambient): switch
/// the circuit's exchangers Off as well (an On exchanger with zero refrigerant flow
/// leaves its outlet enthalpy undetermined) and fix the pressure levels by
/// specifications, or the Jacobian is singular.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum OperationalState {
    /// Normal operation.
    #[default]
    On,
    /// Switched off: zero heat and work, zero flow where the component sets it.
    Off,
    /// Bypassed: pressure and enthalpy pass through, mass conserved.
    Bypass,
}

impl OperationalState {
    /// Lower-case name (`"on"`, `"off"`, `"bypass"`).
    pub fn name(&self) -> &'static str {
        match self {
            OperationalState::On => "on",
            OperationalState::Off => "off",
            OperationalState::Bypass => "bypass",
        }
    }
}

impl std::fmt::Display for OperationalState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// Residual rows 1 and 2 of a two-port machine that sets the flow of its path
/// (compressor, pump, fan) when it is not On: Off `m_in = 0`, `h_out = h_in`;
/// Bypass `p_out = p_in`, `h_out = h_in` (row 0, the mass balance, is shared by all
/// modes). Returns `false`, writing nothing, when the machine is On.
pub(crate) fn idle_machine_residuals<D: entropyk_thermo::Scalar>(
    state: OperationalState,
    inlet: &crate::PortState<D>,
    outlet: &crate::PortState<D>,
    r: &mut [D],
) -> bool {
    match state {
        OperationalState::On => return false,
        OperationalState::Off => r[1] = inlet.m,
        OperationalState::Bypass => r[1] = outlet.p - inlet.p,
    }
    r[2] = outlet.h - inlet.h;
    true
}

/// Initial guess of the same machine when it is not On (enthalpy passes; Off gives
/// zero flow, Bypass passes the pressure). Returns `false` when the machine is On.
pub(crate) fn idle_machine_guess(state: OperationalState, ports: &mut [crate::PortGuess]) -> bool {
    if state == OperationalState::On {
        return false;
    }
    crate::guess::pass_enthalpy(0, 1, ports);
    if state == OperationalState::Off {
        ports[0].offer_m(0.0);
        ports[1].offer_m(0.0);
    } else {
        crate::guess::pass_pressure(0, 1, ports);
    }
    true
}
