"""What a command's report becomes: tables, JSON, CSV, JUnit, workbooks, documents."""
