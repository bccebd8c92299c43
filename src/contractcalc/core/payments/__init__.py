"""What the buyer pays: installments, retention, fees by period and their bands."""
