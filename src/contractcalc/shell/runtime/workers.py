"""Running the parts of one job in forked worker processes, so that a big outage log or a
contract office uses every core, and nothing is left behind when the run ends.

Why fork: a forked worker starts in about a millisecond with the parent's modules and inputs
already loaded; a spawned one would pay the whole start-up again (~0.1 s), more than most parts
save. Only on Linux: macOS's system libraries are not fork-safe and Windows has no fork; there,
and wherever one worker is asked for, the parts run one after another in this process through
the same function, so there is one code path whose results do not depend on the worker count.

What keeps it safe:
- a worker asks the kernel to kill it when its parent dies (prctl PR_SET_PDEATHSIG), so no
  worker outlives a `kill -9`ed run;
- when the parent stops early for any reason Python sees (SIGTERM and SIGHUP become SystemExit
  in cli/app, Ctrl-C KeyboardInterrupt, an error in its own part), it kills and reaps every
  worker before the exception goes on;
- signals that end a run are held back across the fork and reach a worker only once its own
  handlers are set (the default action, or ignored where the run ignores them: nohup, `trap`);
- a worker writes nothing to the terminal and runs no exit handler: it sends its result (or its
  exception) through a pipe and ends with os._exit;
- a worker reads its input itself, with plain reads (no mmap, so a file truncated meanwhile
  cannot kill it with SIGBUS); its caller checks that each part read what it expected.
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Callable, Sequence
from typing import Any, TypeVar, cast

from contractcalc.core.errors import ContractCalcError
from contractcalc.i18n import _

P = TypeVar("P")
R = TypeVar("R")

ENV = "CONTRACTCALC_WORKERS"
STOPPING = {getattr(signal, name) for name in ("SIGTERM", "SIGHUP", "SIGINT")
            if hasattr(signal, name)}  # what ends a run (cli/app.py); Windows has no SIGHUP
_state = {"inside": False}
PR_SET_PDEATHSIG = 1  # <linux/prctl.h>
PIPE_BYTES = 1 << 20  # /proc/sys/fs/pipe-max-size by default: the most a user may ask for


class WorkerFailed(ContractCalcError):
    """A worker ended without sending a result (killed, or out of memory): not the input's
    fault, but nothing the run could finish without (exit 2, with a way round)."""

    def __init__(self, how: str) -> None:
        self.how = how
        super().__init__(_("a worker process ended without a result ({how}); run again, or in "
                           "one process with CONTRACTCALC_WORKERS=1").format(how=how))

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.how,))


def available() -> int:
    """How many workers a job may use: the CPUs this process may run on, or fewer when
    $CONTRACTCALC_WORKERS says so (1 turns workers off); always 1 where fork is not used.
    More workers than CPUs would only share them."""
    if sys.platform != "linux" or _state["inside"]:
        return 1  # a worker's own job runs in the worker: no worker forks workers
    cpus = len(os.sched_getaffinity(0))
    wanted = os.environ.get(ENV, "").strip()
    if not wanted:
        return cpus
    if not wanted.isdigit() or int(wanted) < 1:
        from contractcalc.core.errors import InputError

        raise InputError(_("{value!r}: expected a whole number of processes, 1 or more (1: "
                           "one process)").format(value=wanted), field=ENV)
    return min(int(wanted), cpus)


def run(func: Callable[[P], R], parts: Sequence[P]) -> list[R]:
    """[func(part) for part in parts], the first part in this process and each other in a
    forked worker, all at once. A worker's exception is raised here, as if its part had run
    here; with several, the one of the earliest part."""
    if len(parts) <= 1 or available() <= 1:
        return [func(part) for part in parts]
    import pickle

    parent = os.getpid()
    prctl = _prctl()  # looked up here, once, not in each worker as it starts
    pending: dict[int, int] = {}  # worker pid: the read end of its pipe
    try:
        for part in parts[1:]:
            read_end, write_end = os.pipe()
            _widen(write_end)
            # Held back across the fork: a signal in the worker before its own handlers are
            # set would run the parent's, and unwind the parent's stack in the worker.
            mask = signal.pthread_sigmask(signal.SIG_BLOCK, STOPPING)
            try:
                pid = os.fork()
                if pid == 0:  # the worker (coverage measures it: patch = fork, _exit)
                    os.close(read_end)
                    _work(func, part, write_end, parent, mask, prctl)
            finally:
                signal.pthread_sigmask(signal.SIG_SETMASK, mask)
            os.close(write_end)
            pending[pid] = read_end
        results: list[R] = [func(parts[0])]
        for pid, read_end in list(pending.items()):
            with open(read_end, "rb", closefd=False) as pipe:
                data = pipe.read()
            try:  # read while the worker's exit completes; our own child's bytes, our own pipe
                message = pickle.loads(data) if data else None
            except Exception:  # cut short: it died while writing
                message = None
            os.close(pending.pop(pid))
            _, status = os.waitpid(pid, 0)
            if message is None:
                raise WorkerFailed(_how(status))
            ok, value = message
            if not ok:
                raise cast(BaseException, value)
            results.append(cast(R, value))
        return results
    finally:
        for pid, read_end in pending.items():  # stopped early: no worker may outlive the call
            _stop(pid, read_end)


def _work(func: Callable[[P], R], part: P, write_end: int, parent: int,
          mask: set[int | signal.Signals], prctl: Callable[[int, int], int] | None) -> None:
    """The worker's whole life: it never returns into the parent's code."""
    import pickle

    status = 1
    try:
        _state["inside"] = True
        for number in STOPPING:  # the parent's handlers raise; ours die, and what the parent
            if signal.getsignal(number) is not signal.SIG_IGN:  # ignores (nohup, `trap ""`
                signal.signal(number, signal.SIG_DFL)  # in a script), we ignore too
        signal.pthread_sigmask(signal.SIG_SETMASK, mask)  # one held back is delivered now
        _die_with(parent, prctl)
        quiet = os.open(os.devnull, os.O_WRONLY)  # what it would say, the parent says itself
        os.dup2(quiet, 1)
        os.dup2(quiet, 2)
        try:
            message = pickle.dumps((True, func(part)), pickle.HIGHEST_PROTOCOL)
        except Exception as exc:
            try:
                message = pickle.dumps((False, exc), pickle.HIGHEST_PROTOCOL)
            except Exception:  # a bug's exception pickle cannot carry: its words travel
                failed = RuntimeError(f"{type(exc).__name__}: {exc}")
                message = pickle.dumps((False, failed), pickle.HIGHEST_PROTOCOL)
        with open(write_end, "wb") as pipe:
            pipe.write(message)
        status = 0
    finally:
        os._exit(status)


def _widen(pipe: int) -> None:
    """Let the pipe hold a whole result (Linux lets anyone widen one to 1 MiB): a worker then
    writes its result in one go and ends, instead of handing it over 64 KiB at a time, each
    waiting for the parent to read the last."""
    import contextlib
    import fcntl

    with contextlib.suppress(OSError, AttributeError):  # over the user's pipe quota; not Linux
        fcntl.fcntl(pipe, fcntl.F_SETPIPE_SZ, PIPE_BYTES)


def _prctl() -> Callable[[int, int], int] | None:
    """The C library's prctl, if there is one."""
    import ctypes

    try:
        return cast(Callable[[int, int], int], ctypes.CDLL(None, use_errno=True).prctl)
    except (OSError, AttributeError):
        return None


def _die_with(parent: int, prctl: Callable[[int, int], int] | None) -> None:
    """Ask the kernel to kill this worker when its parent ends; if the parent ended before the
    request took effect, end now."""
    if prctl is not None:
        prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:
        os._exit(1)


def _how(status: int) -> str:
    if os.WIFSIGNALED(status):
        return _("signal {number}").format(number=os.WTERMSIG(status))
    return _("exit code {code}").format(code=os.waitstatus_to_exitcode(status))


def _stop(pid: int, read_end: int) -> None:
    os.kill(pid, signal.SIGKILL)  # not reaped yet, so the pid is still this worker's
    os.waitpid(pid, 0)
    os.close(read_end)
