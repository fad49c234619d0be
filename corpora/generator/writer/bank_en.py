"""English prose bank for make_writer.py (open government, written for this generator)."""

TOPICS = {
    "participation": {
        "headings": ["Co-creation of the plan", "Public participation",
                     "The multi-stakeholder forum", "How the plan was built"],
        "sentences": [
            "The co-creation process opened with an online consultation that received more than four hundred proposals from citizens and organisations.",
            "Regional workshops were held in twelve provinces so that people outside the capital could take part in the design of the plan.",
            "The multi-stakeholder forum met every two months and published its minutes within ten working days of each session.",
            "Civil society representatives were chosen through an open call rather than appointed by the ministry.",
            "Several proposals received during the consultation were merged because they addressed the same public problem.",
            "Participants asked for clearer rules on how their contributions would be taken into account in the final text.",
            "Youth organisations and indigenous communities were invited to dedicated sessions with simultaneous interpretation.",
            "The secretariat published a response to every proposal, explaining whether it was accepted, merged or set aside.",
            "Attendance fell in the second half of the process, when meetings moved to working hours on weekdays.",
            "A hybrid format, with remote participation and recorded sessions, helped to keep smaller organisations involved.",
            "The forum agreed on a code of conduct that sets out how decisions are taken and how conflicts of interest are declared.",
            "Public servants from line ministries received short training on facilitation and participatory methods before the workshops.",
            "The follow-up meetings showed that participation is more sustained when people see concrete results from earlier cycles.",
            "Local authorities were encouraged to replicate the model with their own multi-stakeholder forums.",
        ],
    },
    "access": {
        "headings": ["Access to information", "Transparency and the right to know",
                     "Requests and appeals", "Proactive disclosure"],
        "sentences": [
            "The access to information law requires every public body to answer requests within fifteen working days.",
            "Most requests concern public contracts, staff salaries and the use of emergency funds.",
            "The oversight body found that one in five answers was incomplete or arrived after the legal deadline.",
            "A single national portal now receives requests for all ministries and tracks their status.",
            "Requesters can appeal a refusal online and follow the decision of the information commissioner.",
            "Proactive disclosure obligations cover budgets, procurement notices, audit reports and the agendas of senior officials.",
            "Many municipalities still publish documents as scanned images that cannot be searched or reused.",
            "Training for information officers focused on the public interest test and on how to redact personal data.",
            "The commitment includes a simplified procedure for people who cannot file a request in writing.",
            "Statistics on requests, refusals and appeals will be published every quarter in a machine-readable format.",
            "Journalists and researchers reported that response times improved after the portal was launched.",
            "The reform also limits the use of broad exceptions based on national security.",
            "An up-to-date register of information officers will be available on every institutional website.",
        ],
    },
    "ownership": {
        "headings": ["Beneficial ownership", "Who owns the companies",
                     "The beneficial ownership register", "Ownership transparency"],
        "sentences": [
            "A public register of beneficial owners allows anyone to see which natural persons ultimately control a company.",
            "Companies bidding for public contracts will have to disclose their beneficial owners before the award.",
            "The register will be linked to the procurement system so that conflicts of interest can be detected automatically.",
            "Civil society organisations asked for the data to be free of charge and available without registration.",
            "The tax administration will verify the declarations against its own records and flag inconsistencies.",
            "Thresholds for disclosure were lowered from twenty-five to ten percent of shares or voting rights.",
            "Sanctions for false or late declarations will be applied by the companies registry.",
            "The first phase covers the extractive sector, where the risk of hidden ownership is highest.",
            "The data will follow an international standard so that it can be compared across countries.",
            "Investigative journalists used the pilot register to trace shell companies linked to public officials.",
            "A working group with banks and notaries will review how the information is verified.",
            "Legal persons registered abroad that own property in the country will also be required to report.",
            "The cross-government team responsible for the register meets monthly with the steering committee.",
        ],
    },
    "procurement": {
        "headings": ["Open contracting", "Public procurement",
                     "Transparency in public contracts", "Contracting data"],
        "sentences": [
            "The e-procurement platform will publish every stage of the contracting process, from planning to completion.",
            "Open contracting data make it possible to compare prices paid by different agencies for the same goods.",
            "Small and medium enterprises reported that the new platform reduced the cost of preparing bids.",
            "Direct awards during the health emergency will be published with their justification and the final amounts.",
            "A public-private working group reviewed the standard bidding documents to remove unnecessary requirements.",
            "Citizen monitors will follow ten large infrastructure contracts and publish their findings.",
            "Red flags such as single bidders or frequent contract amendments will be calculated automatically.",
            "Procurement officers will receive training on how to publish data in the open contracting standard.",
            "The audit office will use the published data to plan its risk-based reviews.",
            "Contract amendments above ten percent of the original value will require a public explanation.",
            "The platform will offer a bulk download so that researchers can analyse the full data set.",
            "Municipal governments will be connected to the national system in three phases.",
            "A complaints mechanism will let bidders and citizens report irregularities anonymously.",
        ],
    },
    "opendata": {
        "headings": ["Open data", "Data for public value",
                     "The national data portal", "Quality of open data"],
        "sentences": [
            "The national open data portal lists more than three thousand data sets from ninety institutions.",
            "Many data sets were published once and never updated, which reduces their value for users.",
            "The commitment sets minimum quality criteria, including metadata, licence and update frequency.",
            "Priority data sets were chosen together with users from universities, media and the private sector.",
            "Data on air quality, water and public transport will be published as real-time feeds.",
            "An open-source tool will help institutions check their files before publishing them.",
            "The open data policy requires an open licence that allows commercial reuse.",
            "Hackathons organised with universities produced prototypes for school and health service maps.",
            "Each institution will appoint a data steward responsible for the inventory of its data.",
            "Usage statistics will guide which data sets are improved first.",
            "Personal data will be anonymised before publication following the guidance of the data protection authority.",
            "The portal will include a channel for users to request new data sets and report errors.",
            "Formats such as CSV and JSON will replace documents that were published only as PDF.",
        ],
    },
    "accountability": {
        "headings": ["Monitoring and accountability", "Progress of the plan",
                     "Evaluation and learning", "Reporting on results"],
        "sentences": [
            "The independent reporting mechanism assessed the plan and found that most commitments had a moderate potential impact.",
            "Progress on each milestone is reported in a public dashboard updated every quarter.",
            "Institutions that miss deadlines must explain the delay and propose a new timeline.",
            "The mid-term review found that two commitments had not started because of budget cuts.",
            "Evidence of completion, such as reports, decrees or links to websites, is attached to each milestone.",
            "The steering committee can modify a commitment only after consulting the multi-stakeholder forum.",
            "Public hearings were held at the end of the first year to present the results to citizens.",
            "The lack of baseline indicators made it difficult to measure the changes produced by the plan.",
            "An evidence-based assessment will be published at the end of the implementation period.",
            "Parliament will receive an annual report on the implementation of the action plan.",
            "The high-level support of ministers proved decisive to keep reforms on schedule.",
            "Follow-up reports will include the views of civil society on the level of completion.",
            "The final self-assessment will be open for public comments for two weeks.",
        ],
    },
    "budget": {
        "headings": ["Fiscal openness", "Open budgets",
                     "Participatory budgeting", "Public finances"],
        "sentences": [
            "The citizens budget explains in plain language where public money comes from and how it is spent.",
            "Budget execution reports will be published every month with data at the level of programmes.",
            "Participatory budgeting was piloted in five municipalities with two percent of their investment spending.",
            "The fiscal transparency portal will show the allocation of transfers to regional governments.",
            "Tax expenditures will be listed with their estimated cost and the sectors that benefit from them.",
            "A public consultation on the budget proposal will be held before it is sent to parliament.",
            "Spending on climate adaptation will be tagged so that it can be tracked across institutions.",
            "Civil society organisations analysed the data and published alternative budget proposals.",
            "The finance ministry will publish the assumptions of its medium-term fiscal framework.",
            "Debt contracts and their conditions will be disclosed within thirty days of signature.",
            "Local councils will hold open sessions to discuss the results of participatory budgeting.",
            "The audit institution will publish its recommendations and the responses of audited bodies.",
            "Data on public employment and wages will be published by institution and grade.",
        ],
    },
    "local": {
        "headings": ["Open justice and local government", "Subnational commitments",
                     "Environment and natural resources", "Integrity in public service"],
        "sentences": [
            "Subnational governments joined the process with their own commitments on public services.",
            "The judiciary will publish its rulings in an open and searchable database.",
            "Court statistics on case duration and backlog will be updated every six months.",
            "Environmental licences and impact assessments will be available online before public hearings.",
            "Communities affected by mining projects will receive information in their own languages.",
            "The commitment on water management includes public monitoring of supply contracts.",
            "Municipal councils will broadcast their sessions and publish the votes of each member.",
            "Rural communities asked for information points in local offices, since internet access is limited.",
            "A gender perspective was included in the design of each commitment.",
            "Persons with disabilities took part in testing the accessibility of the portals.",
            "Lobbying meetings with senior officials will be recorded in a public register.",
            "The integrity plan of each institution will be published together with its risk map.",
            "Whistle-blower protection will be strengthened through a confidential reporting channel.",
            "Police oversight bodies will publish data on complaints and their outcomes.",
        ],
    },
}

TITLES = [
    "Fifth National Action Plan on Open Government",
    "Progress report on the open government commitments",
    "Open Government Strategy for the period 2024-2027",
    "Report on the co-creation of the national action plan",
    "Annual report on transparency and access to information",
    "National strategy for open contracting and integrity",
    "Self-assessment report of the open government plan",
]

HEADER_NAMES = [
    "Ministry of Public Administration · Open Government Partnership",
    "National Action Plan 2024–2026 · Draft for consultation",
    "Open Government Secretariat – Working document",
    "Office of the Cabinet · Transparency Unit",
    "Open Government Partnership · Country report",
]

INSTITUTIONS = [
    "Ministry of Public Administration", "Ministry of Finance",
    "Information Commissioner’s Office", "Public Procurement Agency",
    "Companies Registry", "National Audit Office", "Ministry of Environment",
    "Judicial Council", "Digital Government Agency", "National Statistics Office",
    "Office of the Ombudsman", "Regional Government of the North",
    "Anti-Corruption Commission", "Ministry of Justice",
]

COMMITMENTS = [
    "Public register of beneficial owners", "Open contracting in public works",
    "Open justice data", "Citizens budget and fiscal transparency",
    "Access to environmental information", "Transparency of lobbying",
    "Quality standards for open data", "Participatory budgeting in municipalities",
    "Protection of whistle-blowers", "Open data on public employment",
    "A single portal for information requests", "Integrity plans in public institutions",
    "Open parliament and legislative footprint", "Digital services for rural communities",
]

MILESTONES = [
    "Diagnosis of the current legal framework and proposal for reform",
    "Public consultation on the draft regulation",
    "Launch of the beta version of the portal",
    "Training of two hundred public servants",
    "Publication of the first data set in the open standard",
    "Interoperability agreement with the tax administration",
    "Pilot in three municipalities with civil society monitoring",
    "Approval of the decree by the Council of Ministers",
    "Evaluation report published with recommendations",
    "Dissemination campaign in regional media",
    "Technical guide for institutions published",
    "Quarterly follow-up meeting with the multi-stakeholder forum",
    "Open-source code of the platform released",
    "User survey and accessibility testing",
]

STATUS = ["Completed", "Substantial", "Limited", "Not started", "On track"]

TABLE_HEADERS = ["Commitment", "Description", "Lead institution", "Status"]
MILESTONE_HEADERS = ["Milestone", "Start date", "End date", "Responsible"]
CAPTION_WORD = "Table"
CAPTIONS = [
    "Progress of the commitments of the action plan",
    "Summary of the commitments and their lead institutions",
    "Status of implementation at the end of the first year",
]
MILESTONE_CAPTIONS = [
    "Timeline of milestones", "Milestones, dates and responsible institutions",
    "Implementation schedule of the commitment",
]

SHEET_LABELS = [
    "Commitment start and end date",
    "Lead implementing agency or actor",
    "Commitment description",
    "What is the public problem that the commitment will address?",
    "What is the commitment?",
    "How will the commitment contribute to solve the public problem?",
    "Why is this commitment relevant to OGP values?",
    "Additional information",
]
SHEET_MILESTONE_HEADERS = ["Milestone activity with a verifiable deliverable",
                           "Start date", "End date", "Responsible"]

BOX_WORD = "Box"
BOX_TITLES = [
    "What is a beneficial owner?", "The open contracting standard",
    "How to file a request", "The independent reporting mechanism",
    "Lessons from the pilot", "What the forum asked for",
]
SIDEBAR_TITLES = ["In brief", "Key figures", "Good practice", "Note for readers"]

FOOTNOTES = [
    "Access to Information Act, section 9.",
    "See the independent review of the previous action plan, chapter 3.",
    "Figures reported by the secretariat in its quarterly report.",
    "The minutes of the forum are published on the national portal.",
    "Decree on beneficial ownership, article 4, paragraph 2.",
    "Data from the national statistics office for the last available year.",
    "The methodology was agreed with the multi-stakeholder forum in its third session.",
    "Open Contracting Data Standard, version 1.1.",
    "Survey carried out with two hundred and ten users of the portal.",
    "Budget law for the current fiscal year, annex 5.",
    "The guide was reviewed by the data protection authority.",
    "Report of the National Audit Office on public works contracts.",
]

MONTHS = ["January", "February", "March", "April", "May", "June", "July",
          "August", "September", "October", "November", "December"]

FOOTER_FORMATS = ["Page {k} of {n}", "Page {k}", "{doc} | page {k}"]
FOOTER_SHORT = ["Action Plan", "Open Government", "OGP Report"]


def date(rng, year, month, style):
    if style == 0:
        return f"{rng.randint(1, 28)} {MONTHS[month - 1]} {year}"
    if style == 1:
        return f"{MONTHS[month - 1]} {year}"
    return f"{rng.randint(1, 28):02d}/{month:02d}/{year}"
