"""The robot interviewer for rehearsals, load and crash tests (see :mod:`cati.robot.worker`)."""

from cati.robot.worker import RobotSummary, run_robot

__all__ = ["RobotSummary", "run_robot"]
