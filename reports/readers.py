"""Who reads the published board papers: everyone with a role in the portal, unless the force
keeps its papers to the roles that read them whatever their marking (the force profile's
`published_papers_open`), in which case the refusal says so. spr_portal/access.py asks it
for `Can.READ_REPORTS` (registered by reports/apps.py), so that the pages, the menu, the home
page, `BoardReport.objects.visible_to` and the API all agree."""

from django.utils.text import capfirst

from spr_portal.access import Can, may
from threats.force_profile import ForceProfile


def papers_refusal(user) -> str:
    """Why the user may not read the published papers, or nothing ("") when they may. The
    profile is read once a request: the answer is cached on the user object, as the roles
    are."""
    if may(user, Can.READ_EVERY_REPORT):
        return ""
    refusal = getattr(user, "_spr_papers_refusal", None)
    if refusal is None:
        force = ForceProfile.current()
        refusal = (
            ""
            if force.published_papers_open
            else f"{capfirst(force.force_name)} keeps its published board papers to the SPR "
            f"lead, chief officer leads and the {force.office_role_label}: it marks them "
            "OFFICIAL-SENSITIVE. If your work needs one, ask the SPR lead."
        )
        user._spr_papers_refusal = refusal
    return refusal
