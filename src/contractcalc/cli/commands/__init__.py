"""One module per command (or group): options, one core call, the report it renders.

Only the invoked command's module is imported (cli.main), so start-up stays small."""
