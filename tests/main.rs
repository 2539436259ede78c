//! The single integration-test binary of the workspace.
mod common;
mod component_jacobians;
mod cycle;
mod topology;
