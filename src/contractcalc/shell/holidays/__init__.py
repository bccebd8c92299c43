"""Holiday data: the official schedules, supplied schedule files, notices."""
