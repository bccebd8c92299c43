"""The process around a run: the snapshot cache, worker processes, the clock."""
