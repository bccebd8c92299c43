"""The input/output shell: contract files (with the validated snapshot), CSV and spreadsheet
readers, the outage log, holiday data, and the files the tool writes.
"""
