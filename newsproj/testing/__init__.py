"""Test and demo support shipped with the package: the loopback fixture server."""
