"""The desktop app's frame: sign-in, the main window with its tabs by role, settings, and
the change feed that tells screens when to refresh."""
