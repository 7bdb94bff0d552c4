"""Internal: loading claims (registry), running them (runner, executors), the symbolic cache and mutation testing."""
