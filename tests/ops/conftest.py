from tests.runtime.conftest import _reset_clock, stack  # noqa: F401 - shared fixtures
