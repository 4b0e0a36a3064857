"""Hot alerts and periodic digests by e-mail and Telegram (see ``cati/exports/README.md``).

- :mod:`~cati.alerts.settings`: recipients, kinds and visible fields per study;
- :mod:`~cati.alerts.credentials`: SMTP and Telegram settings from the environment/keyring;
- :mod:`~cati.alerts.transports`: SMTP (STARTTLS/SSL) and the Telegram Bot API;
- :mod:`~cati.alerts.messages`: the text a recipient may see;
- :mod:`~cati.alerts.delivery`: ``deliver_due`` - queue once, claim atomically, retry;
- :mod:`~cati.alerts.digest`: progress, rates, NPS/CSI and new alerts every 1 h/3 h/day.
"""
