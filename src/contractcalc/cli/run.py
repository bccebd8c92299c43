"""The state of one run of the command line: what the app decided before the command's own
options were parsed (--debug, a --lang given before the command), the shared options' values,
the streams found closed, and what `report` gathers. It lives here, apart from cli/app.py, so
that cli/options.py can read it without importing the app that imports it.
"""

import os
from typing import Any

state: dict[str, Any] = {"debug": bool(os.environ.get("CONTRACTCALC_DEBUG")), "shared": {},
                         "closed": set()}
