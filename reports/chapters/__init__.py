"""Chapters of the client report: each turns findings and the language's texts into one
section of the report model (:mod:`reports.model`); none computes a statistic.

Order in the document: ``summary``, ``methodology``, ``nps``, ``csi``, ``drivers``,
``segments``, ``verbatims``, ``recommendations``, ``appendices`` (closed answers,
questionnaire, call outcomes).
"""
