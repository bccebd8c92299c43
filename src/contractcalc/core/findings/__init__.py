"""What is a finding: what needs attention as of a day, and the drafting rules of `check`."""
