"""contractcalc: compliance figures for PRC government IT service contracts."""

__version__ = "0.2.0"
