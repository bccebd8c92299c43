"""The PRC calendar: working days (调休 included), calendar days, dates and months."""
