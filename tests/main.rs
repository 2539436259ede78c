//! The single integration-test binary of the workspace.
mod chiller_reference;
mod co2_cycle;
mod common;
mod component_jacobians;
mod controls;
mod convergence_grid;
mod cycle;
mod fluid_cycles;
mod ihx_valve_control;
mod large_network;
mod parallel_evaporators;
mod physics_grid;
mod sensitivities;
mod serialization;
mod solver_methods;
mod specifications;
mod topology;
