"""Placing calls: the Dialer protocol and its simulated, manual and Twilio implementations."""
