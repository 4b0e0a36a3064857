"""Interviewing: a session drives the survey engine for one claimed contact and commits every
accepted answer before reporting it accepted (see :mod:`cati.interviewing.session`)."""

from cati.interviewing.session import AnswerSaved, InterviewSession, NoScript, QuotaFull

__all__ = ["AnswerSaved", "InterviewSession", "NoScript", "QuotaFull"]
