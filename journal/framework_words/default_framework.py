"""The built-in framework for global-health clinical placements, in the JSON import shape.

Each domain is mapped to a CanMEDS role. Required levels use the entrustment scale
(1 observes only … 5 supervises others) and say where an intern should stand by the
end of a placement of a few weeks abroad: mostly acting with direct or indirect supervision.
"""

DEFAULT_FRAMEWORK = {
    "name": "Global health clinical placement",
    "description": (
        "Competencies for medical interns on clinical placements abroad, grouped in eight domains "
        "each mapped to a CanMEDS role, with the entrustment level expected by the end of the placement."
    ),
    "domains": [
        {
            "title": "Clinical skills",
            "canmeds_role": "Medical Expert",
            "competencies": [
                {
                    "code": "CS1",
                    "title": "History and assessment through an interpreter",
                    "description": "Takes a focused history and assesses the patient with an interpreter, "
                    "speaking to the patient rather than the interpreter and checking that both understood.",
                    "required_level": 3,
                },
                {
                    "code": "CS2",
                    "title": "Physical examination",
                    "description": "Performs a systematic examination adapted to the setting, with consent, "
                    "privacy and a chaperone as local practice expects.",
                    "required_level": 3,
                },
                {
                    "code": "CS3",
                    "title": "Clinical reasoning with limited diagnostics",
                    "description": "Builds a prioritised differential diagnosis and plan from the history, "
                    "examination and the tests actually available, and recognises when to refer.",
                    "required_level": 2,
                },
                {
                    "code": "CS4",
                    "title": "Assisting in procedures",
                    "description": "Prepares for and assists in common procedures safely, attending to consent, "
                    "asepsis and the equipment at hand.",
                    "required_level": 2,
                },
                {
                    "code": "CS5",
                    "title": "Conditions common in the region",
                    "description": "Recognises the presentation of conditions common in the region, such as endemic "
                    "infections, malnutrition and maternal and newborn conditions, and outlines their initial "
                    "management under local guidelines.",
                    "required_level": 2,
                },
            ],
        },
        {
            "title": "Communication",
            "canmeds_role": "Communicator",
            "competencies": [
                {
                    "code": "COM1",
                    "title": "Communicating across language barriers",
                    "description": "Chooses between professional interpreters, staff and relatives with care, "
                    "uses plain language and teach-back, and notices when communication has failed.",
                    "required_level": 3,
                },
                {
                    "code": "COM2",
                    "title": "Informed consent in another culture",
                    "description": "Seeks consent in a way that respects local decision-making, which may involve "
                    "family or elders, while making sure the patient understands and agrees.",
                    "required_level": 2,
                },
                {
                    "code": "COM3",
                    "title": "Clinical records and handover",
                    "description": "Writes clear, accurate and timely notes in the host site's format, and hands "
                    "patients over safely to the team.",
                    "required_level": 3,
                },
            ],
        },
        {
            "title": "Collaboration",
            "canmeds_role": "Collaborator",
            "competencies": [
                {
                    "code": "COL1",
                    "title": "Working in the local interprofessional team",
                    "description": "Understands the roles of nurses, clinical officers, midwives, community health "
                    "workers and others, follows the local clinical lead, and contributes to the team's work.",
                    "required_level": 3,
                },
            ],
        },
        {
            "title": "Cultural humility",
            "canmeds_role": "Communicator",
            "competencies": [
                {
                    "code": "CH1",
                    "title": "Customs and beliefs about health",
                    "description": "Learns about local customs and beliefs on illness, the body, gender and death, "
                    "and reflects on how they and one's own assumptions shape care.",
                    "required_level": 3,
                },
                {
                    "code": "CH2",
                    "title": "Traditional medicine",
                    "description": "Asks without judgement about traditional healers and remedies, understands "
                    "their place in the community, and considers interactions and delays to care.",
                    "required_level": 2,
                },
            ],
        },
        {
            "title": "Global and public health",
            "canmeds_role": "Health Advocate",
            "competencies": [
                {
                    "code": "GPH1",
                    "title": "Social determinants of health",
                    "description": "Identifies how poverty, education, gender, housing, water and sanitation, and "
                    "distance to care affect the health of the patients seen.",
                    "required_level": 3,
                },
                {
                    "code": "GPH2",
                    "title": "Health systems compared",
                    "description": "Describes how the host health system is organised and paid for, from community "
                    "care to referral hospitals and costs to patients, and compares it with the home system.",
                    "required_level": 3,
                },
                {
                    "code": "GPH3",
                    "title": "Vaccination and screening campaigns",
                    "description": "Takes part in a vaccination, screening or outreach campaign and explains its "
                    "rationale, logistics and follow-up.",
                    "required_level": 2,
                },
                {
                    "code": "GPH4",
                    "title": "Health education",
                    "description": "Plans and delivers, with local staff, health education that is accurate, "
                    "culturally appropriate and understood by its audience.",
                    "required_level": 2,
                },
                {
                    "code": "GPH5",
                    "title": "Telemedicine",
                    "description": "Uses telemedicine or remote consultation where it helps, with attention to "
                    "consent, data protection and its limits in the setting.",
                    "required_level": 2,
                },
            ],
        },
        {
            "title": "Ethics and professionalism",
            "canmeds_role": "Professional",
            "competencies": [
                {
                    "code": "EP1",
                    "title": "Confidentiality",
                    "description": "Protects patients' confidentiality on the ward, in photographs, on social media "
                    "and in this journal, where no patient may be identifiable.",
                    "required_level": 3,
                },
                {
                    "code": "EP2",
                    "title": "Working within the limits of one's competence",
                    "description": "Does only what one is trained and permitted to do, even when asked for more or "
                    "when resources are scarce, and asks for help early.",
                    "required_level": 3,
                },
                {
                    "code": "EP3",
                    "title": "Ethical and sustainable engagement",
                    "description": "Engages with the host community in ways that serve its priorities, avoid harm "
                    "and dependency, and respect local staff, resources and ownership.",
                    "required_level": 3,
                },
            ],
        },
        {
            "title": "Scholarship",
            "canmeds_role": "Scholar",
            "competencies": [
                {
                    "code": "SCH1",
                    "title": "Evidence in low-resource settings",
                    "description": "Finds and appraises evidence and guidelines, such as WHO and national ones, and "
                    "applies them critically to what is available locally.",
                    "required_level": 2,
                },
                {
                    "code": "SCH2",
                    "title": "Audit or research",
                    "description": "Contributes to a clinical audit, quality-improvement project or research with "
                    "the host team, following local ethics approval and data rules.",
                    "required_level": 2,
                },
            ],
        },
        {
            "title": "Wellbeing",
            "canmeds_role": "Professional",
            "competencies": [
                {
                    "code": "WB1",
                    "title": "Self-care and resilience",
                    "description": "Looks after sleep, health and safety, keeps boundaries, and recognises and "
                    "manages stress, culture shock and moral distress.",
                    "required_level": 3,
                },
                {
                    "code": "WB2",
                    "title": "Asking for support",
                    "description": "Seeks debriefing and support from supervisors, peers or professional services "
                    "early, after difficult events or when struggling.",
                    "required_level": 3,
                },
            ],
        },
    ],
}
