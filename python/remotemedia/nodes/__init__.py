"""Nodes shipped with the package (numpy and soxr only, no model downloads)."""
