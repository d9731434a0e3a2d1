"""Notifications: in-app, by e-mail through an outbox, reminders, digests, invitations."""
from .services import label, notify

__all__ = ["label", "notify"]
