"""Child processes die with their parent.

A forked worker that outlives its parent blocks forever on a pipe whose other end it
holds itself (kill -9 or SIGTERM of `mkgraph build` left the validation child, ≈64 MB,
and of `build` with more than one source, two pool workers). Each child calls :func:`die_with_parent` first:

- ``prctl(PR_SET_PDEATHSIG, SIGKILL)`` (Linux): the kernel kills the child when the
  thread that created it ends. Only where that thread lives as long as the parent
  process (the CLI's main thread), hence optional;
- a watch thread that ends the child once its parent is gone (its parent PID changes),
  for every start method and platform.

The parent's PID is taken in the parent and handed over, so a parent that died before
the child got here is noticed too.
"""

from __future__ import annotations

import os
import signal
import threading
import time

PR_SET_PDEATHSIG = 1
INTERVAL = 0.2  # seconds between looks at the parent PID


def _pdeathsig() -> bool:
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0) == 0
    except (OSError, AttributeError):  # not Linux
        return False


def die_with_parent(parent: int, kernel: bool = True) -> None:
    """Called in the child: end this process when the process ``parent`` is gone.

    kernel: also ask the kernel (PR_SET_PDEATHSIG), when the creating thread is the
    parent's main thread."""
    from mkgraph import lock

    lock.close_inherited()  # a forked child does not keep the parent's build lock
    if kernel:
        _pdeathsig()
    if os.getppid() != parent:
        os._exit(1)

    def watch():
        while True:
            time.sleep(INTERVAL)
            if os.getppid() != parent:
                os._exit(1)

    threading.Thread(target=watch, name="mkgraph-lifeline", daemon=True).start()


def beside(job):
    """Start job() in a forked process and return a function that waits for its result
    (raising what it raised). Without fork or a second core, job runs here and now."""
    import multiprocessing as mp

    from mkgraph.errors import InputError

    if "fork" not in mp.get_all_start_methods() or (os.cpu_count() or 1) < 2:
        result = job()
        return lambda: result
    ctx = mp.get_context("fork")  # the child shares the parent's graphs without pickling them
    receive, send = ctx.Pipe(duplex=False)
    parent = os.getpid()
    kernel = threading.current_thread() is threading.main_thread()

    def child():
        die_with_parent(parent, kernel)  # killing the build kills this child too
        try:
            send.send(("ok", job()))
        except InputError as err:  # its __init__ takes two arguments: sent as its parts
            send.send(("input", (err.where, err.what)))
        except BaseException as err:  # noqa: BLE001 - any other failure is re-raised in the parent
            import traceback

            send.send(("error", "".join(traceback.format_exception(err))))
        finally:
            send.close()

    proc = ctx.Process(target=child, daemon=True)
    proc.start()
    send.close()

    def wait():
        try:
            kind, value = receive.recv()
        except EOFError:
            raise RuntimeError(f"the forked writer ended without a result (exit code {proc.exitcode})") from None
        finally:
            receive.close()
            proc.join()
        if kind == "input":
            raise InputError(*value)
        if kind == "error":
            raise RuntimeError("in the forked writer:\n" + value)
        return value

    return wait
