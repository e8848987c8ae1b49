"""The words and grades of the West Midlands Police demo, following the February 2016 board
paper. Grades: 5 Outstanding, 4 Good, 3 Adequate, 2 Requires improvement, 1 Inadequate."""

# The order of a grade list: the nine items of assessments.items.GRADED_ITEMS.
ITEM_ORDER = (
    "capacity_local",
    "capacity_regional",
    "capacity_national",
    "contribution_local",
    "contribution_regional",
    "contribution_national",
    "capability",
    "consistency",
    "connectivity",
)

# Grades at 2015/16 Q3, the quarter the February 2016 paper reports.
LATEST_GRADES = {
    "terrorism": (4, 4, 3, 4, 4, 5, 4, 4, 5),
    "serious-organised-crime": (4, 4, 3, 4, 4, 3, 4, 3, 4),
    "public-order": (2, 4, 4, 4, 4, 4, 4, 4, 4),
    "civil-emergencies": (4, 4, 3, 4, 3, 3, 4, 4, 4),
    "cyber": (3, 3, 2, 3, 3, 2, 3, 3, 4),
    "child-sexual-abuse": (3, 3, 2, 3, 2, 2, 3, 2, 4),
}

# Where an earlier quarter's grade differed: {slug: {quarter label: {item: grade}}}.
EARLIER_GRADES = {
    "terrorism": {"2014/15 Q3": {"connectivity": 4}, "2014/15 Q4": {"connectivity": 4}},
    "serious-organised-crime": {
        "2014/15 Q3": {"capacity_local": 3, "consistency": 4},
        "2014/15 Q4": {"capacity_local": 3, "consistency": 4},
        "2015/16 Q1": {"consistency": 4},
        "2015/16 Q2": {"consistency": 4},
    },
    "public-order": {"2014/15 Q3": {"capacity_local": 3}},
    "civil-emergencies": {"2014/15 Q3": {"contribution_regional": 2}},
    "cyber": {
        "2014/15 Q3": {"capability": 2, "connectivity": 3, "capacity_local": 2},
        "2014/15 Q4": {"capability": 2, "connectivity": 3},
        "2015/16 Q1": {"capability": 2, "connectivity": 3},
        "2015/16 Q2": {"connectivity": 3},
    },
    "child-sexual-abuse": {
        "2015/16 Q1": {"capacity_local": 2, "consistency": 1},
        "2015/16 Q2": {"capacity_local": 2},
    },
}

# What each threat's lead says of each C; the level is added where the C has levels.
NARRATIVES = {
    "terrorism": {
        "capacity": "WMCTU holds the counter terrorism capacity for the highest level of threat "
        "outside London, and relies on the national CT Network for surge capacity.",
        "contribution": "WMCTU provides officers and specialist assets to national CT "
        "operations and to the regional network when requested.",
        "capability": "Specialist investigators, surveillance and firearms support are trained "
        "and equipped to national CT doctrine.",
        "consistency": "Counter terrorism policing works to national doctrine; the Demand Risk "
        "Resource programme is being implemented.",
        "connectivity": "WMCTU is part of the national CT Network with established links to "
        "partner agencies and the security service.",
    },
    "serious-organised-crime": {
        "capacity": "Force CID and the Local Policing Units, led by Lead Responsible Officers, "
        "provide the capacity to suppress organised criminality.",
        "contribution": "Force and regional tasking through the ROCU brings assets to bear "
        "against organised crime groups across the region.",
        "capability": "The SOC strategy built on the 4 Ps gives a broad range of tactical "
        "options, with predictive tools under development.",
        "consistency": "The strategy follows the national SOC strategy; the review under "
        "WMP2020 will keep it aligned as structures change.",
        "connectivity": "Covert and overt tasking processes connect the force, the ROCU and "
        "national agencies.",
    },
    "public-order": {
        "capacity": "We maintain sufficient public order resources, though deployments draw "
        "officers away from non-emergency local policing.",
        "contribution": "Regular operational deployments and national mutual aid requests have "
        "proven the force's public order capability.",
        "capability": "Public order officers hold the knowledge, skills and training that local "
        "and national guidance require.",
        "consistency": "The force consistently delivers its public order commitments to "
        "national standards.",
        "connectivity": "The force gathers and uses intelligence, assesses risk with partners "
        "and evaluates operations after each incident.",
    },
    "civil-emergencies": {
        "capacity": "Together with the Local Resilience Forum the force has the capacity to "
        "respond to civil emergencies locally.",
        "contribution": "The force contributes to national emergencies as a category 1 "
        "responder through the Local Resilience Forum.",
        "capability": "Staff hold specialist skills for mass casualty incidents, victim "
        "identification and CBRN hazards.",
        "consistency": "Emergency planning and business continuity follow national "
        "integrated emergency management doctrine.",
        "connectivity": "The Local Resilience Forum, chaired by ACC Operations, keeps the "
        "community risk register with partners.",
    },
    "cyber": {
        "capacity": "Cyber capability is spread across TIDU, the Economic Crime Unit, Digital "
        "Media Investigators and Digital Forensics.",
        "contribution": "TIDU supports operations across the region and nationally through "
        "established tasking processes.",
        "capability": "Specialist units hold strong technical skills, but digital forensic "
        "demand exceeds capacity at peaks.",
        "consistency": "Regional and national tasking brings force, regional and national assets "
        "together in a co-ordinated way.",
        "connectivity": "Force tasking is joined up with the Regional Cyber Crime Unit, and plans "
        "exist to integrate TIDU into the ROCU.",
    },
    "child-sexual-abuse": {
        "capacity": "Significant numbers of specialist officers have joined the Public "
        "Protection Unit to manage complex cases.",
        "contribution": "The force contributes to regional and national work on child sexual "
        "exploitation while its SPR strategy is compiled.",
        "capability": "Robust investigation teams and Multi-Agency Safeguarding Hubs give the "
        "force an effective joint response.",
        "consistency": "A working strategy for the SPR is being compiled; national standards "
        "for this threat are still emerging.",
        "connectivity": "The force works closely with local authorities and the Children's "
        "Safeguarding Boards across the area.",
    },
}

RISKS = {
    "terrorism": "Sustained demand at the highest level of threat outside London depends on "
    "national CT Network support.",
    "serious-organised-crime": "Reducing policing resources and changing structures under "
    "WMP2020 may weaken LPU partnership work.",
    "public-order": "Large deployments reduce non-emergency local policing for their duration.",
    "civil-emergencies": "Concurrent emergencies would stretch specialist CBRN and casualty "
    "identification staff.",
    "cyber": "Volume of online fraud (over 8,000 reports in 2013/14) outstrips investigative "
    "capacity.",
    "child-sexual-abuse": "The strategy for the SPR threat is not yet complete; demand for "
    "specialist investigators keeps rising.",
}

FOUR_PS = {
    "terrorism": ("prepare", "prevent", "protect", "pursue"),
    "serious-organised-crime": ("prepare", "prevent", "protect", "pursue"),
    "public-order": ("prepare", "protect"),
    "civil-emergencies": ("prepare", "protect"),
    "cyber": ("prepare", "protect", "pursue"),
    "child-sexual-abuse": ("prevent", "protect", "pursue"),
}

# The board paper's own words for each threat at 2015/16 Q3.
LATEST_SUMMARIES = {
    "terrorism": (
        "Within the UK, West Midlands continues to experience the highest level of CT threat "
        "outside London. WMCTU maintains the capability to meet this demand and aligned to "
        "national doctrine, continues to rely heavily on support from the national CT Network to "
        "provide the appropriate levels of resource capacity to meet demand. We are currently "
        "implementing the national Demand Risk Resource (DRR) programme of change which considers "
        "the resourcing of counter terrorism policing based upon prioritised demand and risk."
    ),
    "serious-organised-crime": (
        "WMP has developed its SOC strategy based on the Force Operating Model of the 4 Ps: "
        "Prepare, Prevent, Protect & Pursue. This strategy is in its second year of functioning "
        "having been fully ratified by WMP command team. We have built and developed our initial "
        "structures to encourage increased partnership approaches on Local Policing Units, led "
        "by Lead Responsible Officers (LRO's), in order to suppress organised criminality using a "
        "broader range of tactical options. During the next year, as WMP continues its change "
        "journey with WMP2020, the current SOC strategy will be reviewed and further developed "
        "to respond effectively to the threat to communities from organised crime within the "
        "context of reducing policing resources and changing organisational structures; "
        "predictive tools are also being developed to identify and prioritise those more "
        "predisposed to becoming involved in Organised Crime within the Prevent strand. ACC "
        "Crime ensures that WMP meets local, regional and national requirements of SOC through "
        "both Force [Covert & overt] and Regional Tasking processes [ROCU]."
    ),
    "public-order": (
        "Through regular operational deployments and national requests we have proven the WMP "
        "capability and are satisfied we are able to consistently deliver our public order "
        "commitments. We maintain sufficient levels of public order resources, with knowledge, "
        "skills and training to meet local and national guidance. The force gathers and makes "
        "effective use of intelligence, assessing and managing risk for public order and public "
        "safety operations and evaluating post incidents. It is acknowledged that although WMP "
        "demonstrates its capability to meet the local and national responsibilities, this is "
        "to the detriment of the delivery of non-emergency local policing during deployment "
        "periods."
    ),
    "civil-emergencies": (
        "The force, together with the West Midlands Conurbation Local Resilience Forum (Chaired "
        "by ACC Operations), has the capacity to respond to civil emergencies locally and to "
        "contribute to national emergencies. The force has considered likely threats that it "
        "may face from civil emergencies in its strategic assessment. The local resilience forum "
        "records risks that it faces on the community risk register.\n\n"
        "The integrated emergency management team within our force operations plans and "
        "coordinates West Midlands Police's responses to civil emergencies. This unit's "
        "responsibilities include emergency planning and business continuity planning. The "
        "force has the capabilities that it needs to respond to civil emergencies as a category "
        "1 responder. These include staff with specialist skills required to manage incidents "
        "involving large numbers of casualties and identify victims, and also police officers "
        "who can operate in areas where there may be chemical, biological, radiological and "
        "nuclear hazards."
    ),
    "cyber": (
        "ACC Crime is force's lead for its capability to respond to cybercrime. The force's "
        "strategic assessment includes a comprehensive summary of the threats and risks that "
        "the force should consider in deciding upon capabilities that it needs to have in "
        "place. There is significant capability across existing force units that to a greater "
        "or lesser degree have cybercrime as a key component of their business as usual. These "
        "units include:\n\n"
        "- Technical Intelligence Development Unit (TIDU): part of Force Intelligence, using "
        "technical tactics against serious and organised criminality, with a highly skilled "
        "reactive capability.\n"
        "- Economic Crime Unit: part of FCID and the force's docking point with Action Fraud, "
        "dealing with over 8000 online frauds in 2013/14.\n"
        "- Digital Media Investigators: the link between frontline investigators and technical "
        "solutions.\n"
        "- Digital Forensics: a reactive capability to examine equipment used in cybercrime.\n\n"
        "There is now well-established regional and national tasking process that sees force, "
        "regional and national assets brought to bear in a co-ordinated way to tackle "
        "cybercrime. This has seen assets from WMP (e.g. TIDU) supporting operations across the "
        "region and there are now plans in place to make TIDU more integrated into the ROCU."
    ),
    "child-sexual-abuse": (
        "CSA is a new threat within the 2015 SPR, and therefore WMP are compiling a working "
        "strategy to support the SPR. WMP has invested heavily in its resources to tackle child "
        "sexual exploitation putting significant numbers of specialist officers into its Public "
        "Protection Unit which provides us with robust investigation teams and more capacity to "
        "deal with the more complex cases. We work closely with our local authorities across the "
        "area and the respective Children's Safeguarding Boards. This work has led to the "
        "creation of Multi-Agency Safeguarding Hubs and more effective joint responses to child "
        "protection issues.\n\n"
        "A new strategy has been developed which will bring together all aspects of activity "
        "listed under the four strands of Prepare Protect Prevent and Pursue and this will "
        "inform and influence future strategy and engagement for all parties involved in the "
        "integrated response to the CSE Threat."
    ),
}

# (slug, description, owner, quarter raised, due date, quarter closed or None)
ACTIONS = [
    (
        "cyber",
        "Train a further twenty Digital Media Investigators across the LPUs.",
        "Head of Force Intelligence",
        "2014/15 Q3",
        "2015-09-30",
        "2015/16 Q2",
    ),
    (
        "cyber",
        "Agree the plan to integrate TIDU into the Regional Organised Crime Unit.",
        "Head of Force Intelligence",
        "2015/16 Q2",
        "2016-06-30",
        None,
    ),
    (
        "child-sexual-abuse",
        "Complete the working strategy for the CSA threat of the 2015 SPR.",
        "Head of Public Protection",
        "2015/16 Q1",
        "2016-03-31",
        None,
    ),
    (
        "child-sexual-abuse",
        "Open the remaining Multi-Agency Safeguarding Hubs.",
        "Head of Public Protection",
        "2015/16 Q1",
        "2015-12-31",
        "2015/16 Q3",
    ),
    (
        "public-order",
        "Review the effect of public order deployments on local policing.",
        "Head of Force Operations",
        "2015/16 Q2",
        "2016-01-31",
        None,
    ),
    (
        "serious-organised-crime",
        "Review the SOC strategy under WMP2020.",
        "Head of Force CID",
        "2015/16 Q3",
        "2016-09-30",
        None,
    ),
    (
        "terrorism",
        "Implement the national Demand Risk Resource programme.",
        "Head of WMCTU",
        "2015/16 Q1",
        "2016-12-31",
        None,
    ),
    (
        "civil-emergencies",
        "Exercise the mass casualty plan with the Local Resilience Forum.",
        "Head of Force Operations",
        "2014/15 Q4",
        "2015-10-31",
        "2015/16 Q3",
    ),
]
