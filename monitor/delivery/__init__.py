"""Delivery: who is owed an alert, the outbox, rendering and sending through apprise."""
