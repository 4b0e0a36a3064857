"""The supervisor dashboard: progress, rates, productivity, alerts, call review."""
