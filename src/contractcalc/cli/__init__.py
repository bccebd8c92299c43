"""The command line: the typer app and lazy dispatch, shared options, one module per command in
`commands/`, and rendering of reports as tables, JSON and CSV.
"""
