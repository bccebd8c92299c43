"""Contract files: safe YAML, loading and validation, the schema, recording events."""
