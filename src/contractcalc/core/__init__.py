"""The domain core: the contract model, the PRC calendar, money, and one module per clause family.

Pure: no I/O, no clock, no environment, no printing, no option names. Every input (the terms,
`as_of`, the calendar) is passed in; every output is a value. Errors name domain fields.
"""
