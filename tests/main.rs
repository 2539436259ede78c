//! The single integration-test binary of the workspace.
mod chiller_reference;
mod common;
mod component_jacobians;
mod cycle;
mod topology;
