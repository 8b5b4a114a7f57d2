"""Record and identity numbers: local labels, any upper-case label with a connector, and identity-document
shapes; and the clinical figures, doses and phones that must not become ids.

Every sentence here was written for this suite; the names, places and numbers are invented or generic.
"""

import pytest

from journal.deid.records import find_ids
from tests.deid import flagged_by

ids = flagged_by(find_ids)


FLAGGED = [
    # local labels, with a comma, "n°", a verb, or nothing between
    ("Her CNIC 35202-1234567-1 was photocopied.", "35202-1234567-1"),
    ("The KTP, 3174012345670001, was in her bag.", "3174012345670001"),
    ("La CI 6543210 SC estaba vencida.", "6543210 SC"),
    ("Su DNI es 70123456.", "70123456"),
    ("O RG dela é 12.345.678-9.", "12.345.678-9"),
    ("Le numéro CNI de la mère est 203948576.", "203948576"),
    ("His NIDA number 19900101-12345-00001-12 was on the form.", "19900101-12345-00001-12"),
    ("Cédula 1712345678 del paciente.", "1712345678"),
    ("El número de historia clínica 3344556 estaba repetido.", "3344556"),
    ("O número do prontuário é 554433.", "554433"),
    ("His nagarikta no. 31-02-76-55120 was checked.", "31-02-76-55120"),
    # labels that come with a connector, and letter-digit codes
    ("His IP no. 2023/45821 was on the drug chart.", "2023/45821"),
    ("ART no. MWB 5521 on the health passport.", "MWB 5521"),
    # any upper-case or CamelCase label, a connector, and 6+ digits
    ("My NRC, 123456/78/1, was checked at the gate.", "123456/78/1"),
    ("The BVN, 22345678901, was needed for the transfer.", "22345678901"),
    ("The SSS number is 34-5678901-2.", "34-5678901-2"),
    ("Her MediCard number 7788-001234 was refused.", "7788-001234"),
    # identity-document shapes without a label
    ("El papel decía ROAL091212HDFDPN04 en la esquina.", "ROAL091212HDFDPN04"),
    ("Anotei 123.456.789-09 no verso da ficha.", "123.456.789-09"),
]


@pytest.mark.parametrize(("text", "span"), FLAGGED)
def test_flags_the_id(text, span):
    assert span in ids(text)


CLEAN = [
    "The CD4 count 187 and viral load 48,000 were repeated.",
    "ICD-10 code A01.0, regimen 2HRZE/4HR, G5P4.",
    "Hb 5.8, GCS 14, platelets 42.",
    "PLT was 250000 and WBC was 12000.",
    "VL, 125000 copies/ml at six months.",
    "TLD, 300/300/50 once daily.",
    "COVID, 2020-2021 was the hardest time for the ward.",
    "OPD was 120000 shillings a month.",
    "The EDD was 12/03/2025 by dates.",
    "El SIS no cubre la resonancia.",
    "The phone on file, 0722 600 418, belongs to her aunt.",
    "The 95% CI was 1.234-5.678 in the paper.",
]


@pytest.mark.parametrize("text", CLEAN)
def test_leaves_the_sentence_clean(text):
    assert ids(text) == []
