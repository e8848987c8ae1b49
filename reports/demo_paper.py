"""The words of the board paper of 2 February 2016 (../shared/reference), section by section,
in the report's markup (blank lines between paragraphs, "- " bullets). The threats' parts are
not here: they come from the signed-off self-assessments, which hold the paper's words."""

PURPOSE = (
    "This paper is intended to inform the Commissioner of the response of West Midlands Police "
    "to the Home Secretary's Strategic Policing Requirement (SPR). It provides an update to the "
    "last report to the PCC in December 2014 and should help the Commissioner have due regard "
    "to the SPR and to support the setting of Police and Crime Plan for 2016/17."
)

INTRODUCTION = """\
This paper sets out the current assessment of West Midlands Police in its response to the \
Strategic Policing Requirement (SPR). It is a highlight report of the work led by ACC Security.

The SPR was refreshed in 2015, where the following were designated as the current national \
threats:
- Child Sexual Abuse
- National Cyber Security Incident
- Public Order
- Serious and Organised Crime
- Civil Emergencies
- Terrorism

These national threats have by their nature the potential to be catastrophic to life, \
property and national infrastructure, including the economy.

Although the SPR refers directly to the policing response to national threats, the reality \
is that the response is complex and involves many different partners in a wide range of \
activity that spans proactive prevention of the threat through early disruption and \
intelligence gathering through to the preparation of a reactive response should the threats \
be realised. Chief Constables and PCC's must have regard to the SPR when developing the \
National Policing Requirement (NPR) and when issuing or varying local police and crime plans.

In order to provide appropriate coordination and governance surrounding the delivery of the \
response to the SPR, the National Strategic Policing Requirement Programme Board was created \
in September 2014. The National Board has representation from the National Police Chiefs \
Council, The Association of Police and Crime Commissioners, The Home Office, College of \
Policing and the leads for each threat area. WMP work closely with this board to ensure our \
response reflects the national direction.

Since the release of the Strategic Policing Requirement (SPR) in 2012 WMP have worked \
continuously for 3 years on its management processes and governance procedures. This \
structure allows the Chief Constable and Police and Crime Commissioner to have due regard to \
the SPR and be reassured that we have the capacity and capability to deal with all of the \
elements presented as the national threats. We have recently incorporated the 6th national \
threat of child sexual abuse within this process (but have been dealing with this as a \
separate work strand) since the revised SPR in 2015. WMP have worked with HMIC within their \
initial inspection of the SPR and have also supported the Home Office refresh of the SPR.

The West Midlands Police response to the SPR follows the National Policing Requirement (NPR) \
and forms part of our strategic business planning process. WMP has a Chief Officer lead (ACC \
Security) for the SPR and draws together all the business leads that have a responsibility to \
deliver against the SPR and allow the force to take cognisance of each national threat and \
what our collective response is. These departments are:
- Child Sexual Abuse: Public Protection Unit
- National Cyber Security Incident: Force Intelligence
- Public Order: Force Operations
- Serious and Organised Crime: Force CID
- Civil Emergencies: Force Operations
- Terrorism: West Midlands Counter Terrorism Unit"""

MANAGEMENT_PROCESSES = """\
WMP have quarterly meetings, chaired by ACC Security to hold each of the departments to \
account and ensure they contribute effectively to the SPR and in turn build our national \
capability and capacity by providing assurances that their strategies are aligned to the SPR \
objectives and that they have appropriate business processes in place.

Each business lead provides a self-assessment, in conjunction with the College of Policing \
capability frameworks (where available), developed from operational experience, testing and \
exercising, table top exercise learning, desktop reviews of doctrine, Strategic Threat and \
Risk Assessment (STRA's) and finally professional judgment.

They will consider how they are able to fulfil the Capacity and Contribution at local, \
regional and national levels. They will reflect on their Capability in relation to skills, \
training and equipment, assess how we are able deliver an integrated response with \
Consistency against our national responsibilities and lastly evaluate how effective our \
Connectivity is by assessing how successfully we connect across force boundaries through \
national arrangements and into our key partners.

Where capability frameworks have not been developed, WMP have supported those business areas \
and the College of Policing to do so. The Chief Constable, having due regard, directs the \
strategic assessment to consider resourcing and budgeting based on our assessments. The Chief \
Constable continues to support the ACC in adopting the operational learning approach for WMP \
and evolve with regards to resources and demand against our threat and risk.

The PCC incorporates the requirements from the SPR into the police and crime plan and \
alongside fiscal planning supports effective capability."""

SUMMARY_CLOSING = (
    "Where necessary WMP include other departments within the SPR process where cross cutting "
    "themes emerge. Most recently this has included our Firearms department and ROCU."
)

CONCLUSION = (
    "WMP are proven to have strong business processes in place and through this structure we "
    "continually hold ourselves to account. This enables us to state in confidence that we are "
    "in a positive position to articulate and deliver our capacity and capability to deliver "
    "against national policing responsibilities and have consistently evidenced this. However, "
    "we are currently in a period of change in the national landscape and its response to the "
    "SPR. We should clearly monitor the development and be prepared to adjust our approach "
    "early in 2016/17 if needs be. It is recommended that the Chief Constable and his Command "
    "Team continue to support the work with national colleagues to ensure WMP are involved and "
    "influence the national response and implement any changes as necessary in line with "
    "national guidance."
)

FINANCIAL_IMPLICATIONS = (
    "It is recommended that WMOPCC receive this assessment allowing them to have due regard for "
    "the SPR in setting the budget and Police and Crime plan."
)

LEGAL_IMPLICATIONS = "None"

RECOMMENDATIONS = (
    "The PCC and Strategic Policing and Crime Board note the contents of this report and have "
    "regard to its recommendations."
)

FEBRUARY_2016 = {
    "purpose": PURPOSE,
    "introduction": INTRODUCTION,
    "management_processes": MANAGEMENT_PROCESSES,
    "summary_closing": SUMMARY_CLOSING,
    "conclusion": CONCLUSION,
    "financial_implications": FINANCIAL_IMPLICATIONS,
    "legal_implications": LEGAL_IMPLICATIONS,
    "recommendations": RECOMMENDATIONS,
}
