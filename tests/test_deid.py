"""The patient-identifier detector: what it flags, with which span, and what it leaves alone.

Every sentence here was written for this suite (interns on placements in Tanzania, Nepal, Peru, Ghana, India...).
"""

import dataclasses

import pytest

from journal.deid import Finding, find_identifiers

KINDS = {"name", "date", "age", "phone", "email", "id", "address", "url", "ip"}


def flagged(text):
    """(kind, flagged text) for every finding in text."""
    return [(f.kind, text[f.start : f.end]) for f in find_identifiers(text)]


DETECTED = [
    # names: titles, relatives, cues, and capitalised words that are not common words
    ("Mrs Achieng Odhiambo came back for her stitches.", "name", "Achieng Odhiambo"),
    ("Dr. Basnet let me hold the retractor in theatre.", "name", "Basnet"),
    ("Bibi Rehema waited six hours to be seen.", "name", "Rehema"),
    ("Señora Huamaní brought her grandson with a high fever.", "name", "Huamaní"),
    ("Her son Tashi carried her down from the village.", "name", "Tashi"),
    ("The patient Kwabena Asante complained of chest tightness.", "name", "Kwabena Asante"),
    ("Esi's father asked whether the fits would stop.", "name", "Esi"),
    ("Anil Sharma, 47, was admitted with a snake bite.", "name", "Anil Sharma"),
    ("I sat with Zawadi while the nurses set up the drip.", "name", "Zawadi"),
    ("A girl named Wayra was brought down from Puno.", "name", "Wayra"),
    ("Nurse Pooja showed me how to fill in the partograph.", "name", "Pooja"),
    ("Luz Marina Condori delivered a healthy girl at dawn.", "name", "Luz Marina Condori"),
    ("Mr. and Mrs. Boateng thanked the team before leaving.", "name", "Boateng"),
    ("José de la Torre was seen in the fracture clinic.", "name", "José de la Torre"),
    ("Prof. K. Adhikari asked me to present the case.", "name", "K. Adhikari"),
    ("Her interpreter, Kusi Mamani, stayed until midnight.", "name", "Kusi Mamani"),
    # dates more precise than a year
    ("She was admitted on 17 July 2023 with eclampsia.", "date", "17 July 2023"),
    ("DOB: 03/11/1988, gravida 4, para 3.", "date", "03/11/1988"),
    ("Review booked for the 5th of September at the outreach camp.", "date", "5th of September"),
    ("The baby was born on October 2, 2024 at the health post.", "date", "October 2, 2024"),
    ("Sample taken 2024-08-19 and sent to the regional lab.", "date", "2024-08-19"),
    ("Fue operada el 9 de abril de 2024 en Cusco.", "date", "9 de abril de 2024"),
    ("She has been on ART since March 2019.", "date", "March 2019"),
    ("Seen again on 14/3 for a wound check.", "date", "14/3"),
    ("The twins were delivered on 28.02.2024 by caesarean section.", "date", "28.02.2024"),
    # ages over 89
    ("A 97-year-old farmer came in with urinary retention.", "age", "97-year-old"),
    ("The woman, aged 92, lives with her grandson.", "age", "aged 92"),
    ("Her family celebrated her 100th birthday on the ward.", "age", "100th"),
    ("Mzee Omari, 94, refused the catheter.", "age", "94"),
    ("He is 91 yo and still walks to the market.", "age", "91 yo"),
    ("Our oldest patient was a centenarian from the hills.", "age", "centenarian"),
    ("The old man, in his nineties, would not take the tablets.", "age", "in his nineties"),
    # phone numbers
    ("Her son gave me his number, +233 24 412 3456, for updates.", "phone", "+233 24 412 3456"),
    ("Call the ward clerk on 0754 321 987 before sending the patient.", "phone", "0754 321 987"),
    ("The family's mobile is 9801234567.", "phone", "9801234567"),
    ("The clinic line is (01) 441 2345 in Lima.", "phone", "(01) 441 2345"),
    ("Reach the health worker on WhatsApp: 255 713 456 789.", "phone", "255 713 456 789"),
    ("The radiology office is on +977-1-4412345.", "phone", "+977-1-4412345"),
    # emails
    ("She emailed the results to dr.mensah@kath-hospital.org.", "email", "dr.mensah@kath-hospital.org"),
    ("Write to nurse_in_charge@ward5.health.go.tz for the roster.", "email", "nurse_in_charge@ward5.health.go.tz"),
    # URLs
    (
        "The photos are on https://drive.example.org/share/abc123, please delete them.",
        "url",
        "https://drive.example.org/share/abc123",
    ),
    ("See www.patientportal.pe for her results.", "url", "www.patientportal.pe"),
    ("The referral form lives at intranet.bpkihs.edu.np/forms now.", "url", "intranet.bpkihs.edu.np/forms"),
    # IP addresses
    ("The lab analyser sends results to 192.168.10.24 every hour.", "ip", "192.168.10.24"),
    ("The device log shows 2001:db8::8a2e:370:7334 as the source.", "ip", "2001:db8::8a2e:370:7334"),
    # record, account, card, licence, passport and similar numbers
    ("Her MRN is 7728190 on every form.", "id", "7728190"),
    ("Patient ID TZ-KCMC-2024-00931 was written on the request.", "id", "TZ-KCMC-2024-00931"),
    ("His passport no. P7734521 was held by the hospital.", "id", "P7734521"),
    ("The NHIS number 4471-2290-11 was still valid.", "id", "4471-2290-11"),
    ("Aadhaar 4321 8765 1234 was needed for the government scheme.", "id", "4321 8765 1234"),
    ("The insurance card number was SIS-5520193.", "id", "SIS-5520193"),
    ("Specimen 24-HB-0771 was haemolysed.", "id", "24-HB-0771"),
    ("The motorbike had number plate T 234 ABC.", "id", "T 234 ABC"),
    ("A referral slip coded GH-AR-559310 came with him.", "id", "GH-AR-559310"),
    # street addresses and postcodes
    ("Her family rents a room at 27 Tilak Nagar, Jaipur.", "address", "27 Tilak Nagar, Jaipur"),
    ("They live on Jr. Huallaga 512 near the market.", "address", "Jr. Huallaga 512"),
    ("The letter went to P.O. Box 3010, Moshi.", "address", "P.O. Box 3010, Moshi"),
    ("Her house is on Old Bagamoyo Road behind the church.", "address", "Old Bagamoyo Road"),
    ("The clinic in London sent notes for postcode E1 6AN.", "address", "E1 6AN"),
    ("His PIN code is 560034, near the hospital.", "address", "560034"),
]


@pytest.mark.parametrize(("text", "kind", "span"), DETECTED, ids=[f"{k}-{i}" for i, (_, k, _) in enumerate(DETECTED)])
def test_detects_identifier_with_its_span(text, kind, span):
    assert (kind, span) in flagged(text)


CLEAN = [
    "Gave ceftriaxone 2 g IV and paracetamol 1 g orally.",
    "Amoxicillin 40 mg/kg twice daily for five days.",
    "BP 90/60, HR 128, RR 32, SpO2 89% on room air.",
    "Temp 39.4, glucose 3.1 mmol/L, so we gave 5 ml/kg of 10% dextrose.",
    "Hb 6.8 g/dL and platelets 85 on admission.",
    "CD4 count 180 cells/mm3 and viral load below 50 copies.",
    "Ward round at 08:30, theatre list from 2 pm.",
    "He moved from bed 4 to ward 7 after the transfusion.",
    "A 62-year-old man with a diabetic foot ulcer was reviewed.",
    "The girl, aged 9, had a sickle cell crisis.",
    "The 89-year-old was discharged home with her daughter.",
    "A 3-day-old baby with neonatal jaundice was put under phototherapy.",
    "In 2023 the district recorded fewer measles cases.",
    "She is 32 weeks pregnant and her fundal height matches.",
    "Gestational age 38+4 by ultrasound.",
    "GCS 13/15 and pupils equal and reactive.",
    "Power 4/5 in the right leg, reflexes brisk.",
    "We spent the week in Kathmandu and then Pokhara.",
    "Malaria is seasonal in northern Ghana.",
    "The Ministry of Health runs free maternity care in Tanzania.",
    "On Monday the outreach team went to a village above Cusco.",
    "I learned some Quechua phrases to greet the mothers.",
    "Korle Bu Teaching Hospital receives referrals from across Ghana.",
    "Metformin was stopped because of the renal function.",
    "The Apgar score was 6 at one minute and 9 at five.",
    "Down syndrome was discussed with the parents gently.",
    "Give half a tablet twice daily for 5/7.",
    "Hepatitis B vaccine was given within 24 hours of birth.",
    "In March the road to the health post floods.",
    "Weight 14.2 kg, height 96 cm, MUAC 12.1 cm.",
    "Fluids at 100 ml/hour for 24 hours, then review.",
    "Two nurses from the Paediatrics ward joined the teaching.",
    "The HIV clinic runs on Wednesdays and Fridays.",
    "Swahili greetings matter more than I expected.",
    "The registrar explained Kawasaki disease to the students.",
    "Sister said the theatre list was full.",
    "Woman, 34, with postpartum haemorrhage after a home birth.",
    "We sent a sample of 1500 ml to the lab for culture.",
    "Nurses here practise Kangaroo Mother Care for every small baby.",
    "Many families are Hindu or Buddhist and pray before surgery.",
]


@pytest.mark.parametrize("text", CLEAN)
def test_clinical_sentence_is_clean(text):
    assert flagged(text) == []


def test_empty_and_blank_text_have_no_findings():
    assert find_identifiers("") == []
    assert find_identifiers("   \n\t") == []


def test_findings_are_sorted_without_overlaps():
    note = (
        "Mrs Nana Yaa Mensah (MRN 5531208), DOB 12/04/1931, phone 0244 567 890, lives at 8 Ring Road, Kumasi; "
        "her daughter Adwoa emailed adwoa.m@example.com."
    )
    findings = find_identifiers(note)
    assert [(f.kind, note[f.start : f.end]) for f in findings] == [
        ("name", "Yaa Mensah"),
        ("id", "5531208"),
        ("date", "12/04/1931"),
        ("phone", "0244 567 890"),
        ("address", "8 Ring Road, Kumasi"),
        ("name", "Adwoa"),
        ("email", "adwoa.m@example.com"),
    ]
    for before, after in zip(findings, findings[1:], strict=False):
        assert before.end <= after.start


def test_overlapping_candidates_keep_the_longer_one():
    text = "Her UHID is 0098765432 at the front desk."
    assert flagged(text) == [("id", "0098765432")]


def test_every_finding_has_a_known_kind_and_a_reason():
    text = " ".join(t for t, _, _ in DETECTED)
    findings = find_identifiers(text)
    assert {f.kind for f in findings} == KINDS
    assert all(f.reason and f.reason[0].isupper() for f in findings)
    assert all(0 <= f.start < f.end <= len(text) for f in findings)


def test_finding_is_frozen():
    finding = Finding("phone", 0, 3, "Looks like a phone number")
    with pytest.raises(dataclasses.FrozenInstanceError):
        finding.kind = "name"


def test_is_pure():
    text = "Dr Quispe saw Mr Tetteh on 2 May 2024."
    assert find_identifiers(text) == find_identifiers(text)
    assert flagged(text) == [("name", "Quispe"), ("name", "Tetteh"), ("date", "2 May 2024")]
