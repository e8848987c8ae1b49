"""How thorough the generated-input tests are: the full number in CI, fewer on a developer's
machine, so that `make test` stays quick while CI still tries everything.

HYPOTHESIS_PROFILE=ci (or CI set) asks for the full run anywhere; HYPOTHESIS_PROFILE=dev for
the quick one.
"""

import os

PROFILE = os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "dev")
FULL = PROFILE == "ci"
