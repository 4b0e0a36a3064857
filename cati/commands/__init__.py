"""Subcommands of the ``cati`` command line, one module per command group."""
