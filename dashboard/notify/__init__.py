"""Digests and reminders sent to the chat tools the leads use: ``messages`` lays a digest
out per platform, ``senders`` sends it, ``delivery`` decides what is due and records each
send; ``python -m dashboard.notify`` runs it (see the README, "Digests and reminders")."""
