"""The interviewer console: next contact, the contact card, the call, the script, the wrap-up."""
