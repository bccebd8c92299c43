"""Core values in the user's words: obligations, totals, fees, credits, the law."""
