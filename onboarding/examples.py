"""The example set-up file of a fictitious force, Northshire Police (a Police, Fire and Crime
Commissioner; no real force, no real person): eight departments, the 2023 SPR's seven threats,
three chief officer posts, fifteen accounts. `scripts/make_setup_example.py` writes it to
docs/examples/ (the workbook and one CSV file per table); the tests import it.

Threats are named as the 2023 SPR names them in the portal (threats/naming.py: the edition's
wording, else the threat's own name)."""

from pathlib import Path

from onboarding.services.setup_import import SPECS
from onboarding.setup_template import template_csv, template_xlsx

DOMAIN = "northshire.police.example"  # .example: reserved, never anyone's address


def _email(name: str) -> str:
    return f"{name.lower().replace(' ', '.')}@{DOMAIN}"


ROWS = {
    "departments": [
        ("Public Protection Command", "PPC", "No"),
        ("Counter Terrorism and Security", "CTS", "No"),
        ("Serious and Organised Crime Unit", "SOCU", "No"),
        ("Cyber Crime Unit", "CCU", "No"),
        ("Operations and Resilience", "OPR", "No"),
        ("Public Order and Events", "POE", "No"),
        ("Armed Policing", "ARM", "Yes"),
        ("Intelligence Bureau", "INB", "Yes"),
    ],
    "accounts": [
        (_email("Ruth Ashdown"), "Ruth Ashdown", "Chief officer lead", ""),
        (_email("Kwame Mensah"), "Kwame Mensah", "Chief officer lead", ""),
        (_email("Siobhan Carr"), "Siobhan Carr", "Chief officer lead", ""),
        (_email("Priya Nair"), "Priya Nair", "Business lead", "PPC"),
        (_email("Tom Hale"), "Tom Hale", "Business lead", "PPC"),
        (_email("Gareth Pryce"), "Gareth Pryce", "Business lead", "CTS"),
        (_email("Helen Osei"), "Helen Osei", "Business lead", "SOCU"),
        (_email("Marek Nowak"), "Marek Nowak", "Business lead", "CCU"),
        (_email("Claire Dunmore"), "Claire Dunmore", "Business lead", "OPR; POE"),
        (_email("Femi Adeyemi"), "Femi Adeyemi", "Business lead", "POE"),
        (_email("Lucy Tranter"), "Lucy Tranter", "Business lead", "ARM"),
        (_email("Imran Qureshi"), "Imran Qureshi", "Business lead", "INB"),
        (_email("Alison Webb"), "Alison Webb", "Business lead; Chief officer lead", "SOCU"),
        (_email("Dylan Marsh"), "Dylan Marsh", "Policing body office", ""),
        (_email("Nadia Rahman"), "Nadia Rahman", "Policing body office", ""),
    ],
    "posts": [
        ("ACC Crime and Public Protection", _email("Ruth Ashdown")),
        ("ACC Specialist Operations", _email("Kwame Mensah")),
        ("ACC Local Policing", _email("Siobhan Carr")),
    ],
    "threats": [
        (
            "Violence Against Women and Girls",
            "PPC",
            "ACC Crime and Public Protection",
            "INB",
        ),
        ("Terrorism", "CTS", "ACC Specialist Operations", "ARM; INB"),
        ("Serious and Organised Crime", "SOCU", "ACC Crime and Public Protection", "INB; CCU"),
        ("National cyber event", "CCU", "ACC Crime and Public Protection", "SOCU"),
        ("Child Sexual Abuse", "PPC", "ACC Crime and Public Protection", "CCU"),
        ("Public Disorder", "POE", "ACC Local Policing", "ARM; OPR"),
        ("Civil Emergencies", "OPR", "ACC Local Policing", "POE"),
    ],
}

XLSX_NAME = "force-setup.xlsx"


def csv_name(key: str) -> str:
    return f"force-setup-{key}.csv"


def setup_example_xlsx() -> bytes:
    return template_xlsx(ROWS)


def setup_example_csvs() -> dict[str, bytes]:
    """Each table's CSV file by its name, in the order they are imported."""
    return {csv_name(spec.key): template_csv(spec, ROWS[spec.key]) for spec in SPECS}


def write_setup_examples(directory: Path) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    written = [directory / XLSX_NAME]
    written[0].write_bytes(setup_example_xlsx())
    for name, content in setup_example_csvs().items():
        (directory / name).write_bytes(content)
        written.append(directory / name)
    return written
