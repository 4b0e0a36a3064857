"""The call queue: who is called next, when again, and what each call's outcome changes.

- :mod:`~cati.scheduler.settings`: a study's fieldwork settings (calling hours, days off,
  leases, attempts, outcome table, categories, dialer);
- :mod:`~cati.scheduler.hours`: calling hours in the contact's time zone, retry times;
- :mod:`~cati.scheduler.queue`: ``claim_next_contact``, leases;
- :mod:`~cati.scheduler.outcomes`: ``record_outcome`` after every call.
"""
