"""The demo study: a synthetic client base, simulated respondents and fieldwork."""

from cati.demo.build import DEMO_LOGIN, DEMO_PASSWORD, DEMO_STUDY, DemoSummary, build_demo

__all__ = ["DEMO_LOGIN", "DEMO_PASSWORD", "DEMO_STUDY", "DemoSummary", "build_demo"]
