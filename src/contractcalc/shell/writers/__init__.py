"""Files the tool writes: atomic output, iCalendar, workbooks, charts, PDF."""
