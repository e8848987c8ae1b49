"""The audit tests use the assessments' draft and the reports' signed-off quarter."""

from tests.assessments.conftest import draft  # noqa: F401
from tests.reports.conftest import signed_quarter  # noqa: F401
