"""Record and identity numbers: local labels (a few words away, too), any upper-case label with a connector,
irregular groups of digits after a label, and identity-document shapes; and the clinical figures, doses, counts
and phones that must not become ids.

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
    # a label, then a few words and a comma or a verb, then the number
    ("El DNI de su madre, 38771204, ya venció.", "38771204"),
    ("A cópia do RG da mãe, 14.552.901-7, estava no envelope.", "14.552.901-7"),
    ("His NIN, which his son dictated, 66120448391, was entered twice.", "66120448391"),
    ("La CIN du père, 201 118 774 302, est périmée.", "201 118 774 302"),
    # long identity numbers printed in irregular groups, after a label
    ("Her national ID, 2 1990 8 0047712 0 55, was read out at the desk.", "2 1990 8 0047712 0 55"),
    ("The patient's ID card number, 1 2104 00981 33 2, is on the file.", "1 2104 00981 33 2"),
    ("Son numéro de CNI, 2 104 1990 04412, figure sur la fiche.", "2 104 1990 04412"),
    ("Don Lucas's DPI, 2143 88102 0101, was the only paper he had.", "2143 88102 0101"),
    # Andean and other labels: "C.C.", "CC", "HC" (historia clínica)
    ("La tarjeta, C.C. 79.551.203, estaba rota.", "79.551.203"),
    ("Cédula de ciudadanía CC 1020304050 del padre.", "1020304050"),
    ("Her historia clínica, HC 441920, was lost.", "441920"),
    ("His ID, 71-1184092 K 13, was checked.", "71-1184092 K 13"),
    # identity-document shapes without a label
    ("El papel decía ROAL091212HDFDPN04 en la esquina.", "ROAL091212HDFDPN04"),
    ("Anotei 123.456.789-09 no verso da ficha.", "123.456.789-09"),
    ("No envelope estava escrito 14.552.901-7 a lápis.", "14.552.901-7"),
    ("The form said 14.221.887-K under the photo.", "14.221.887-K"),
    ("Tenía anotado 402-2210984-1 en la libreta.", "402-2210984-1"),
    ("La hoja decía 0501-1988-00321 arriba.", "0501-1988-00321"),
    ("A BI dela, 001122334LA045, estava molhada.", "001122334LA045"),
    ("The register had 71-1184092 K 13 in pencil.", "71-1184092 K 13"),
    ("Anotei 123.456.789-09 no verso da ficha.", "123.456.789-09"),
    # a Myanmar National Registration Card
    ("Her NRC, 9/MaHtaLa(N)238104, was in the bag.", "9/MaHtaLa(N)238104"),
    ("Card 14/PaTaNa (N) 004512 was photocopied.", "14/PaTaNa (N) 004512"),
    # a short number after an identity document's label and "n.º", "nº", "no.", "#"
    ("Bilhete de identidade n.º 204617, emitido em Luanda.", "204617"),
    ("Carte d'identité nº 48213, délivrée à Bamako.", "48213"),
    ("Identity card no. 73920 was shown at the desk.", "73920"),
    # a record number with a slash after a word for a number or a record unit's label, without "no."
    ("J'ai envoyé le numéro 2023/1187 au laboratoire.", "2023/1187"),
    ("Ele é o número 0412/22 no livro de registo.", "0412/22"),
    ("We finally traced her folder, OPD 2231/23, in the basement.", "2231/23"),
    # a code of the shape of an identifier found in the same note
    ("The wristband said MRN 4471920 but the chart said 4471902.", "4471902"),
    ("Registration 2022-0071 was for the mother; the baby got 2022-0074.", "2022-0074"),
    # a label, whose it is, then a colon or a bracket before the code
    ("The NIDA on his letter (19880417-12345-00001-22) was smudged.", "19880417-12345-00001-22"),
    ("CIN de la mère : 118204377; le père n'en a pas.", "118204377"),
    ("Carnet de la abuela: 4.812.337, según la ficha.", "4.812.337"),
    # a Portuguese or Spanish case file number ("processo", "proceso")
    ("Ficou registado com o processo n.º 44127 no arquivo.", "44127"),
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
    # a label and a comma, then a count, a year or an amount
    "El SIS de la región, 3000 pacientes al año.",
    "The ID card of the ward, 2023 is the year.",
    "The DNI office opened in 2019, 1500 people came.",
    "The NHS, which funds 1 200 000 operations, is busy.",
    "His NIN, which he forgot, was never found.",
    "El DNI de su esposo es 1 000 soles.",
    "The sample, 2 000 000 cells per ml, was spun.",
    "The 95% CI was 1.234-5.678 in the paper.",
    "The ratio was 12/Total(N) 345 in the table.",
    "Bilhete n.º 12 do autocarro para Benguela.",
    # a month and year, a pressure, a fraction after a word for a number
    "Le numéro 12/2024 du bulletin est sorti.",
    "BP 120/80 after the second dose.",
    "Ocupamos el número 3/4 de las camas.",
    # the number of a protocol, a decree, a bed
    "The protocol number 2023/14 was approved by the ethics board.",
    "Le décret numéro 2019/118 fixe les tarifs.",
    # a cue word, then other words and a colon: a count, not a number of the person's
    "Health worker on call: 2, for 30000 people.",
    "Reach the health worker on WhatsApp: 255 713 456 789.",
]


@pytest.mark.parametrize("text", CLEAN)
def test_leaves_the_sentence_clean(text):
    assert ids(text) == []


def test_a_sum_of_the_shape_of_an_identifier_is_no_identifier():
    assert ids("MRN 4471920 was checked; the bill was 1500000 shillings.") == ["4471920"]
