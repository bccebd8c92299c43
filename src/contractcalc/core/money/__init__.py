"""Money: amounts in Decimal rounded half-up at the edge, and amounts in words (大写)."""
