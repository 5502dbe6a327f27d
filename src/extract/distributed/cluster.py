"""Connecting to Ray: a local instance on this machine's cores, or a running cluster."""
from __future__ import annotations

from contextlib import contextmanager
from typing import Iterator, Optional

RAY_MISSING = "the Ray engine needs the 'ray' extra: pip install 'extract[ray]'"


class RayUnavailable(RuntimeError):
    """Ray is not installed, or the cluster cannot be reached."""


def import_ray():
    try:
        import ray
        import ray.data  # noqa: F401 - Ray Data is what the engine runs on
    except ImportError as exc:
        raise RayUnavailable(RAY_MISSING) from exc
    return ray


@contextmanager
def ray_session(address: Optional[str] = None, num_cpus: Optional[int] = None) -> Iterator[object]:
    """Ray, initialised for the duration of a run. No address: a local instance with
    `num_cpus` CPUs (started here and shut down at the end); `auto` or `ray://HOST:10001`:
    a running cluster, left running. A Ray already initialised in this process (a user's
    own session) is used as it is and left alone."""
    ray = import_ray()
    if ray.is_initialized():
        yield ray
        return
    kwargs: dict = {"include_dashboard": False, "log_to_driver": False, "configure_logging": False}
    if address:
        kwargs["address"] = address
    else:
        kwargs["num_cpus"] = num_cpus
    try:
        ray.init(**kwargs)
    except (ConnectionError, RuntimeError, ValueError) as exc:
        raise RayUnavailable(f"cannot start or reach Ray ({address or 'local'}): {exc}") from exc
    try:
        yield ray
    finally:
        ray.shutdown()


def quiet_data_context(preserve_order: bool = True) -> None:
    """Ray Data settings of a run: results in input order (the driver writes records and
    `records.jsonl` in the order of the inputs, as the local runner does) and no progress
    bars of Ray's own (the CLI draws one)."""
    import logging

    import ray.data

    logging.getLogger("ray.data").setLevel(logging.ERROR)
    ctx = ray.data.DataContext.get_current()
    ctx.execution_options.preserve_order = preserve_order
    ctx.enable_progress_bars = False
    ctx.print_on_execution_start = False
