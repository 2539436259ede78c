//! The single integration-test binary of the workspace.
mod chiller_reference;
mod common;
mod component_jacobians;
mod controls;
mod cycle;
mod fluid_cycles;
mod sensitivities;
mod solver_methods;
mod topology;
