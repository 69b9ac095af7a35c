"""The host raises its soft open-file limit: every phone holds a socket."""

from __future__ import annotations

import resource
from collections.abc import Iterator

import pytest

from facilitator.host.main import raise_open_file_limit


@pytest.fixture
def restored_limit() -> Iterator[tuple[int, int]]:
    limits = resource.getrlimit(resource.RLIMIT_NOFILE)
    yield limits
    resource.setrlimit(resource.RLIMIT_NOFILE, limits)


def test_the_soft_limit_is_raised_to_the_hard_one(restored_limit: tuple[int, int]) -> None:
    _, hard = restored_limit
    resource.setrlimit(resource.RLIMIT_NOFILE, (1024, hard))  # a common laptop default
    now = raise_open_file_limit()
    assert now is not None and now > 1024
    assert resource.getrlimit(resource.RLIMIT_NOFILE) == (now, hard)
    if hard != resource.RLIM_INFINITY:
        assert now == hard
    assert raise_open_file_limit() == now  # nothing more to do
