#!/usr/bin/env python
"""Write the example set-up file of the fictitious Northshire Police to docs/examples/:
force-setup.xlsx (every table) and force-setup-<table>.csv (one file per table).

    DEBUG=true .venv/bin/python scripts/make_setup_example.py [directory]

The rows are onboarding/examples.py's; the layout is the template's
(onboarding/setup_template.py), so the example always matches what the import reads.
"""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "spr_portal.settings")
    import django

    django.setup()
    from onboarding.examples import write_setup_examples

    directory = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "examples"
    for path in write_setup_examples(directory):
        print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)


if __name__ == "__main__":
    main()
