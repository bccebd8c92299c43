"""Liquidated damages: the penalty assessment, delay damages in tiers with caps."""
