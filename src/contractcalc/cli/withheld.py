"""What the buyer may withhold from each fee period's fee, from the contract's outage log
(outage_log:): the service credits of the uptime periods and the SLA deductions. `payments` and
`status` read the log over the whole service period, as of the day asked."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from contractcalc.core.model import Contract
    from contractcalc.core.uptime.periods import PeriodUptime, Withheld
    from contractcalc.core.uptime.sla import Breach


def from_log(contract: Contract, path: Path, day: dt.date
             ) -> tuple[dict[int, Withheld], dict[str, list[PeriodUptime]], list[Breach]]:
    """Per fee period what may be withheld; each system's judged periods; the SLA breaches."""
    from contractcalc.core.service import service_period
    from contractcalc.core.uptime.availability import Period
    from contractcalc.core.uptime.periods import judge_systems, withheld
    from contractcalc.shell.logs.outagelog import contract_log, read_log
    from contractcalc.shell.runtime.clock import instant_of_day

    log = contract_log(path, contract.outage_log or "")
    service = service_period(contract, as_of=day)
    span = Period(service.first, service.last)
    instant = instant_of_day(day)
    summary = read_log(str(log), contract=contract, period=span, measured_to=instant,
                       encoding=None, sheet=None, columns={}, skip_bad_rows=False,
                       pipes=False)
    judged = judge_systems(contract, summary.blocks, summary.planned_blocks, span, instant)
    return withheld(contract, judged, summary.breaches), judged, summary.breaches


def contract_path(given: Path | None) -> Path:
    from contractcalc.shell.contracts.contract_file import resolve_contract_path

    return resolve_contract_path(given)[0]
