"""Uptime and fault-response SLAs: interval union, availability per system, SLA breaches.
"""
