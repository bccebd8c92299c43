"""Tables users keep: CSV and spreadsheets, the outage log, staff evaluations."""
