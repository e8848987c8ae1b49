"""The audit tests use the assessments' draft and the reports' signed-off quarter."""

from tests.assessments.conftest import draft  # noqa: F401
