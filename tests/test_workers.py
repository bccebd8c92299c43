"""Forked workers (shell/runtime/workers.py): same results as one process, errors carried whole, and no
worker left behind however the run ends."""

from __future__ import annotations

import os
import pickle
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from contractcalc.core.errors import CalendarDataMissing, InputError, InputErrors
from contractcalc.shell.runtime import workers

linux = pytest.mark.skipif(sys.platform != "linux", reason="workers fork on Linux only")
pytestmark = pytest.mark.usefixtures("project_dir")


def square_with_pid(x: int) -> tuple[int, int]:
    return os.getpid(), x * x


@linux
def test_parts_run_in_separate_processes_and_come_back_in_order(monkeypatch) -> None:
    monkeypatch.setenv(workers.ENV, "3")
    results = workers.run(square_with_pid, [1, 2, 3, 4])
    assert [r[1] for r in results] == [1, 4, 9, 16]
    assert results[0][0] == os.getpid()
    assert len({pid for pid, _square in results}) == 4  # each part in its own process


def bytes_of(size: int) -> bytes:
    return bytes(range(256)) * (size // 256)


@linux
@pytest.mark.parametrize("size", [0, 1 << 16, 3 << 20])
def test_results_of_any_size_come_back_whole(monkeypatch, size: int) -> None:
    # Empty, one default pipe's worth (64 KiB) and three times the widened pipe (1 MiB): a
    # result bigger than the pipe is read while the worker still writes.
    monkeypatch.setenv(workers.ENV, "3")
    assert workers.run(bytes_of, [size, size, size]) == [bytes_of(size)] * 3


def test_one_worker_runs_everything_here(monkeypatch) -> None:
    monkeypatch.setenv(workers.ENV, "1")
    assert {pid for pid, _square in workers.run(square_with_pid, [1, 2, 3])} == {os.getpid()}


@pytest.mark.parametrize(("value", "expected"), [("1", 1), ("4", 4), (" 3 ", 3), ("99", 8)])
def test_the_worker_count_setting_at_most_the_cpus(monkeypatch, value: str,
                                                   expected: int) -> None:
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setattr(os, "sched_getaffinity", lambda _pid: set(range(8)), raising=False)
    monkeypatch.setenv(workers.ENV, value)
    assert workers.available() == expected


@pytest.mark.parametrize("value", ["0", "-3", "2.5", "many"])
def test_a_worker_count_that_is_not_one_or_more_is_refused(monkeypatch, value: str) -> None:
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setattr(os, "sched_getaffinity", lambda _pid: {0, 1}, raising=False)
    monkeypatch.setenv(workers.ENV, value)
    with pytest.raises(InputError, match=r"CONTRACTCALC_WORKERS: .*whole number"):
        workers.available()


def test_no_fork_off_linux(monkeypatch) -> None:
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setenv(workers.ENV, "8")
    assert workers.available() == 1


@linux
def test_by_default_every_cpu_of_this_process(monkeypatch) -> None:
    monkeypatch.delenv(workers.ENV, raising=False)
    assert workers.available() == len(os.sched_getaffinity(0))


def fail_on_two(x: int) -> int:
    if x == 2:
        raise InputError("bad value", source="log.csv", line=7, field="end")
    if x == 3:
        raise ValueError("later part")
    return x


@linux
def test_a_workers_error_is_raised_here_whole_the_earliest_part_first(monkeypatch) -> None:
    monkeypatch.setenv(workers.ENV, "4")
    with pytest.raises(InputError) as caught:
        workers.run(fail_on_two, [1, 2, 3])
    assert (caught.value.source, caught.value.line, caught.value.field) == ("log.csv", 7, "end")
    assert str(caught.value) == "log.csv:7: end: bad value"


@pytest.mark.parametrize("error", [
    InputError("m", source="f.csv", line=3, column=2, field="start"),
    InputErrors([InputError("a", line=1), InputError("b", source="x.yaml")]),
    CalendarDataMissing(2031), workers.WorkerFailed("signal 9")])
def test_errors_cross_a_pipe_whole(error: Exception) -> None:
    back = pickle.loads(pickle.dumps(error))
    assert type(back) is type(error) and str(back) == str(error)


def die_on_two(x: int) -> int:
    if x == 2:
        os.kill(os.getpid(), signal.SIGKILL)
    return x


@linux
def test_a_worker_that_dies_is_an_error_and_none_is_left(monkeypatch) -> None:
    monkeypatch.setenv(workers.ENV, "3")
    with pytest.raises(workers.WorkerFailed, match=r"ended without a result \(signal 9\)"):
        workers.run(die_on_two, [1, 2, 3])
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)  # every worker was reaped


@linux
def test_a_result_cut_short_is_a_failed_worker(monkeypatch) -> None:
    # A worker that ends partway through writing its result (here: the last bytes never
    # written) is reported as a failed worker, not as an unpickling error.
    real = pickle.dumps
    monkeypatch.setattr(pickle, "dumps", lambda obj, protocol: real(obj, protocol)[:-2])
    monkeypatch.setenv(workers.ENV, "2")
    with pytest.raises(workers.WorkerFailed, match=r"ended without a result \(exit code 0\)"):
        workers.run(square_with_pid, [1, 2])


def test_an_unpicklable_error_still_comes_back(monkeypatch) -> None:
    class Local(Exception):  # defined in a function: pickle cannot name it
        pass

    def boom(x: int) -> int:
        if x:
            raise Local("cannot travel")
        return x

    monkeypatch.setenv(workers.ENV, "2")
    expected = RuntimeError if sys.platform == "linux" else Local
    with pytest.raises(expected, match="cannot travel"):
        workers.run(boom, [0, 1])


SCRIPT = textwrap.dedent("""
    import os, sys, time
    sys.path.insert(0, {src!r})
    from contractcalc.cli.app import _end_cleanly_on_signals
    from contractcalc.shell.runtime import workers

    def part(x):
        with open({pids!r}, "a") as fh:
            fh.write(f"{{os.getpid()}}\\n")
        time.sleep(60)
        return x

    _end_cleanly_on_signals()
    workers.run(part, [0, 1, 2])
""")


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    stat = Path(f"/proc/{pid}/stat")
    return not (stat.exists() and stat.read_text().split(")")[-1].split()[0] == "Z")


@linux
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGKILL])
def test_no_worker_outlives_a_stopped_or_killed_run(tmp_path: Path, sig: int) -> None:
    pids = tmp_path / "pids"
    src = str(Path(workers.__file__).resolve().parents[2])
    env = {**os.environ, workers.ENV: "3"}
    proc = subprocess.Popen([sys.executable, "-c", SCRIPT.format(src=src, pids=str(pids))],
                            env=env)
    deadline = time.monotonic() + 30
    while (not pids.exists() or len(pids.read_text().split()) < 3) and \
            time.monotonic() < deadline:
        time.sleep(0.05)
    started = [int(p) for p in pids.read_text().split()]
    assert len(started) == 3
    proc.send_signal(sig)
    code = proc.wait(timeout=30)
    assert code == (128 + sig if sig == signal.SIGTERM else -sig)
    deadline = time.monotonic() + 10
    while any(alive(p) for p in started if p != proc.pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not [p for p in started if p != proc.pid and alive(p)]


def sigint_ignored(_x: int) -> bool:
    return signal.getsignal(signal.SIGINT) is signal.SIG_IGN


@linux
def test_a_signal_the_run_ignores_the_workers_ignore(monkeypatch) -> None:
    # `trap "" INT` in a script, or a job started in the background: Ctrl-C at the terminal
    # must not kill the workers of a run that ignores it.
    monkeypatch.setenv(workers.ENV, "2")
    before = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        assert workers.run(sigint_ignored, [0, 1]) == [True, True]
    finally:
        signal.signal(signal.SIGINT, before)


@linux
def test_a_signal_at_the_fork_ends_only_the_worker(monkeypatch) -> None:
    # SIGTERM reaching a worker before it has set its own handlers must not run the run's
    # handler there (which raises, and would unwind the parent's stack inside the worker):
    # signals are held back across the fork and delivered once the worker's are set.
    real_fork = os.fork

    def fork_then_terminated() -> int:
        pid = real_fork()
        if pid == 0:
            os.kill(os.getpid(), signal.SIGTERM)
        return pid

    def stop(signum: int, _frame: object) -> None:
        raise SystemExit(128 + signum)

    monkeypatch.setenv(workers.ENV, "2")
    monkeypatch.setattr(os, "fork", fork_then_terminated)
    before = signal.signal(signal.SIGTERM, stop)
    try:
        with pytest.raises(workers.WorkerFailed, match=r"\(signal 15\)"):
            workers.run(square_with_pid, [1, 2])
    finally:
        signal.signal(signal.SIGTERM, before)
