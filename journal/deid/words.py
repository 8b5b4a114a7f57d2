"""Word lists the detectors share: titles, function words, months, clinical words, places, peoples.

They are generic (function words of a language, clinical vocabulary, months of a calendar, places and peoples
of usual placement countries), never names taken from test material; extend them, do not tune them. Each
category is defined once, here or in a file of ``data/`` (see data/SOURCES.md), and every detector imports it.
"""

import re
import unicodedata
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).parent / "data"


def folded(word: str) -> str:
    """The word in lower case without accents ("Ceará" -> "ceara"): notes are typed on keyboards without them."""
    if word.isascii():  # nothing to strip (speed: most words of most notes)
        return word.lower()
    return _folded_accented(word)


@lru_cache(maxsize=4096)
def _folded_accented(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", word.lower()) if not unicodedata.combining(c))


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


def _folded_words(text: str) -> frozenset[str]:
    return frozenset(folded(w) for w in text.split())


def _listed(name: str) -> frozenset[str]:
    """A word list of data/ (built by scripts/build_deid_words.py), folded: look words up with ``folded``."""
    return frozenset(folded(line) for line in (DATA / name).read_text(encoding="utf-8").splitlines() if line)


def _entries(name: str) -> frozenset[str]:
    """A hand-written list of data/: entries separated by commas, lines starting with "#" are comments; folded,
    one space between words ("Mato Grosso do Sul" -> "mato grosso do sul")."""
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    text = " ".join(line for line in lines if not line.startswith("#"))
    return frozenset(" ".join(folded(entry).split()) for entry in text.split(",") if entry.strip())


# Towns and cities of 5,000 people or more (GeoNames), and given names in many languages (Faker): see data/.
TOWNS = _listed("towns.txt")
FIRST_NAMES = _listed("first_names.txt")


# Honorifics and forms of address (English, Swahili, Spanish, Twi, Nepali, Hindi): the next word is a name.
TITLES = _words(
    "Mr Mrs Ms Miss Mx Dr Prof Professor Sister Sr Nurse Matron Midwife Baby Mama Bibi Babu Mzee Bwana Mwalimu Dada "
    "Kaka Auntie Aunty Uncle Señor Señora Señorita Sra Srta Don Doña Madam Madame Mme Master Rev Reverend Pastor "
    "Father Fr Imam Sheikh Chief Nana Maame Didi Dai Bhai Aama Shri Shree Smt Kumari Sir Dame Lady Hon "
    # Filipino, Indonesian, Amharic, Vietnamese, Khmer, Haitian, French, Portuguese, Tetum, family titles
    "Nanay Tatay Lola Lolo Ate Kuya Ibu Bapak Pak Bu Ato Woizero Weizero Wro Bà Ông Cô Chị Anh Lok Yeay Manman "
    "Papa Mamie Papi Tata Maman Tonton Tantine Tatie Dona Seu Senhor Senhora Mana Mano Tia Tio Tía Tío Abuela Abuelo "
    "Avó Avô Grandmother Grandfather Grandma Grandpa Granny Gogo Mlle Mademoiselle Monsieur M Mamá Doctora Dra "
    "Doutor Doutora Docteur Enfermeira Enfermera Enfermero Infirmière Infirmier Alhaji Alhaja Hajia Mallam Oga "
    "Patient Paciente Patiente Pt Pte Pct "
    # Forms of address by region, kinship words used as titles included (the next word is the name):
    # Myanmar; Thailand; Malaysia and Indonesia; Philippines; Vietnam and Cambodia; Nepal; India
    "U Daw Ma Maung Naw Khun Yai Nong Phi Kak Kakak Abang Adik Encik Cik Puan Datuk Dato Datin Mak Mbak "
    "Tita Tito Manang Manong Aling Mang Chú Bác Cậu Dì Thầy Bong Neak Bhauju Buwa Bahini Hajurama Hajurbuwa Amma "
    "Appa Akka Thatha Paati Chechi Chetta Bhabhi Bhaiya Chacha Chachi Mausi Mami Nani Dadi Shrimati Srimati "
    # Southern and East Africa (Shona, Zulu, Xhosa, Swahili); West Africa (Akan, Yoruba, Hausa, Wolof); Ethiopia
    "Sekuru Ambuya Mbuya Amai Mai Baba Babamukuru Maiguru Mkhulu Makhulu Sisi Bhuti Malume Bi Shangazi Mjomba "
    "Opanyin Egya Agya Iya Hajiya Malam Mame Yaay Baay Woizerit Weyzerit Emama Emaye Abba Gashe "
    # Haiti; French-speaking Africa; Spanish and Portuguese America; Muslim honorifics
    "Manmi Matant Madan Misye Grann Tantie Titi Mémé Pépé Tante Oncle Grand-mère Grand-père Ña Ño Mamita Papito "
    "Abuelita Abuelito Madrina Padrino Comadre Compadre Dom Vó Vô Vovó Vovô Madrinha Padrinho Hajj Haji Hajah Ustaz"
)
# Roles written in lower case before a name ("enfermeira Lima", "la partera Juana"): the next word is a name.
ROLE_TITLES = _folded_words(
    "nurse sister matron midwife doctor dr dra doctora doctor docteur doutor doutora enfermeira enfermera enfermero "
    "infirmiere infirmier sage-femme parteira partera matrona medico medica tecnica tecnico tia tio dona seu don "
    "senora senor senhora senhor madame monsieur mme mlle sr sra "
    # kinship words used as titles in Spanish, Portuguese and French ("la abuela Rosa", "o avô Domingos")
    "abuela abuelo abuelita abuelito tia tio avo avó vovo vovó vovô madrina padrino madrinha padrinho "
    "grand-mere grand-pere grand-mère grand-père mamie papi tante tonton tantine tatie tata titi"
)
# Honorifics written after a name ("Sita didi", "Rajesh bhaiya", "Sharma ji").
POST_TITLES = _folded_words("didi dai bhaiya bhai bahini ji jee sahib saheb sahab saab amma akka bhabhi dada kaka")
# Words that are never part of a name and end a run of capitalised words (sentence openers included).
FUNCTION = _entries("function_en.txt")
# Roles, departments, diseases, eponyms, drugs, organisms, abbreviations: capitalised often, names never.
CLINICAL = _entries("clinical.txt")
# A run of capitalised words holding one of these names an institution, a street, a programme or a test.
BLOCK = _folded_words(
    "hospital hospitals clinic clinics centre center university college school institute ministry department "
    "service services trust foundation mission church mosque temple road street avenue lane drive way district "
    "county province region state city town village valley river lake mount mountain park market station airport "
    "project programme program society association council board unit wing national regional referral teaching "
    "memorial syndrome disease sign score scale criteria test reflex protocol cape coast care checklist initiative "
    "campaign guideline guidelines handbook goals training festival committee office organisation organization "
    "agency fund network alliance posta salud centro instituto nacional universidad clínica clinica hôpital "
    "hospitali zahanati dispensary "
    # streets in Spanish, Portuguese and French (a street without a house number is no address)
    "avenida calle rua rue jiron carrera travessa estrada rodovia boulevard praca plaza alameda callejon pasaje "
    # companies, shops and brands ("Jubilee Insurance", "Goodlife Pharmacy", "Toyota Motors")
    "insurance assurance bank ltd limited plc inc llc pharma pharmaceuticals pharmaceutical motors company corp "
    "corporation holdings enterprises industries airways airlines pharmacy chemist chemists supermarket hotel lodge "
    "restaurant bakery "
    # identity cards and named storms ("Ghana Card", "Cyclone Idai", "Typhoon Haiyan", "el huracán Mitch")
    "card cyclone hurricane typhoon storm tornado ciclon huracan tifon tormenta ouragan typhon tempete furacao "
    "tufao ciclone tempestade"
)
# Lowercase words inside names ("María de la Cruz", "Ali bin Said"); the cue words before or after a name.
# Not "y", "e", "et": two names joined by a conjunction are two names ("Marta Quispe y Rosa Mamani").
PARTICLES = _words("de del da das do dos van von der den la le di du bin binti bint ibn al el wa")
RELATION = _folded_words(
    "mother father mum mom dad son daughter wife husband brother sister aunt uncle grandmother grandfather grandma "
    "grandpa granny niece nephew cousin friend neighbour neighbor child baby boy girl guardian caregiver carer "
    "partner fiancé fiance twin patient named called name nicknamed interpreter translator driver colleague teacher "
    "healer elder"
)
HUMAN_VERBS = _folded_words(
    "said says told tells asked asks cried smiled laughed walked explained replied answered complained refused "
    "agreed insisted wanted thanked shouted whispered lives lived works worked greeted translated introduced "
    "delivered walked sat slept ate drank prayed hoped travelled traveled arrived returned paid declined gave came "
    "called texted sent brought rang messaged phoned emailed wrote showed taught helped cried nodded shrugged waved "
    "hugged sang danced begged promised died whatsapped "
    # Spanish, French, Portuguese: "dijo", "habite", "veio"
    "dijo dice llamo vino viene trajo llego conto pregunto pidio hablo lloro explico mando envio escribio vive "
    "habite vient venu venue appelle pleure demande explique apporte raconte envoye "
    "mora veio vem disse diz ligou trouxe chegou pediu levou contou chorou explicou mandou escreveu"
)
SKIP_BEFORE = _folded_words(
    "in at from to near into around outside across towards toward via through within the a an on given started "
    "prescribed taking took of dose course speak spoke speaks speaking between "
    # Spanish, French, Portuguese place prepositions and contractions ("en Cusco", "à Dakar", "no Recife")
    "en a al del de desde hacia hasta para por entre sobre hacia a au aux dans des du vers sur em no na nos nas "
    "ao aos do da dos das pelo pela pelos pelas para ate"
)
EPONYM_FOLLOW = _folded_words(
    "syndrome disease sign score scale criteria test stain manoeuvre maneuver reflex classification catheter tube "
    "procedure operation repair lymphoma sarcoma palsy ulcer fracture formula protocol regimen vaccine virus fever "
    "guidelines method technique splint traction tablets syrup solution rule equation staging grading approach "
    "position index triad phenomenon law curve chart incision node nodes"
)
# Nouns before "de"/"d'" that make the capitalised run after them an eponym in Spanish, French and Portuguese
# ("signo de Murphy", "signe d'Ewart", "manobra de Valsalva", "maladie de Hirschsprung", "score de Silverman"),
# or that open a run that is one ("Escala de Glasgow", "Doença de Hansen").
EPONYM_BEFORE = _folded_words(
    "signo signos signe signes sinal sinais maniobra maniobras manobra manobras manoeuvre manœuvre manoeuvres "
    "sindrome síndrome syndrome enfermedad maladie doenca doença mal "
    "escala echelle échelle score scores classification clasificacion clasificación classificacao classificação "
    "criterios criteres critères criterios criterios reflejo reflexe reflexo fenomeno phenomene phénomène "
    "triada triade ley loi lei metodo método methode méthode tecnica técnica technique indice índice regla regle "
    "règle regra punto point ponto formula fórmula formule ulcera úlcera ulcere ulcère fractura fratura fracture "
    "quiste kyste cisto linfoma lymphome sarcoma sarcome paralisis parálisis paralysie paralisia tumor tumeur "
    "incision incisión incisão posicion posición position posição operacion operación operation operação "
    "procedimiento procedimento procedure procédure estadio stade estadiamento curva courbe bacilo bacille"
)
# Tests a person has too ("la prueba de Coombs", but "la prueba de María"): the run after is an eponym unless it
# is a known given name.
EPONYM_TESTS = _folded_words("prueba pruebas teste testes test tests examen exame examens")
# What an examiner writes after an eponymous sign ("Chvostek absent", "Murphy positivo", "Babinski négatif"):
# the capitalised word before one, with no "for" after it, is a sign, not a person ("Juma positive for HIV").
FINDINGS = _folded_words(
    "absent present positive negative equivocal bilateral positivo positiva negativo negativa ausente presente "
    "positif positive negatif negative présent présente absente"
)
# Compass words before a place or a people ("South African", "Northern Ghana", "West Pokot"): still a place.
COMPASS = _folded_words(
    "north south east west central northern southern eastern western upper lower greater norte sur sul este oeste "
    "nord sud est ouest"
)
MED_SUFFIX = re.compile(
    r"(?:cillin|mycin|micin|floxacin|azole|idine|olol|pril|sartan|statin|dipine|vir|mab|itis|osis|iasis"
    r"|a?emia|pathy|ectomy|otomy|ostomy|plasty|scopy|graphy|algia|ology|ologist|iatric|iatrics)$"
)

# Common words (en, es, fr, pt) that notes capitalise at the start of a sentence or in a heading, or that
# people type as part of a file name: never a name on a given-name match alone.
COMMON = _folded_words(
    "family children child women men people everyone everybody nobody somebody anyone anybody boss chief farmer "
    "fisherman shopkeeper landlord neighbours relatives kids rain help news word power music dinner lunch breakfast "
    "food water electricity light transport ambulance money home house work life death love sorry honestly "
    "outside inside upstairs downstairs back first second third then still yet instead besides anyway also plus "
    "here there thanks lesson lessons reflection reflections learning today tonight morning night evening week "
    "nothing everything something anything please culture language faith prayer church market village town city "
    "img image dsc photo photos picture pic scan foto imagen image file doc docs report chest leg foot feet hand "
    "face head arm eye eyes ear skin back wound rash ulcer lesion burn burns xray cxr ct mri ecg us usg echo "
    "knee ankle wrist elbow hip shoulder neck abdomen abdo belly spine pelvis thigh toe finger mouth tongue tooth "
    "teeth lip nose breast heart lung lungs liver kidney brain cara cabeza cabeca pierna perna brazo braco mano mao "
    "pie pe ojo olho boca tete jambe bras main pied oeil bouche ventre barriga pele piel peau "
    "government country nation "
    # words of file names of teaching, rotas and outreach ("mbale_outreach_photos.jpg", "night_shift_rota.xlsx")
    "outreach team staff party session slides slide poster talk lecture summary template version teaching handout "
    "quiz exam rota schedule timetable presentation article journal club audit survey data form training workshop "
    "meeting minutes agenda screenshot video audio recording visit trip camp drive event group "
    "final draft copy new old big small little young last next other same own whole real true "
    "niño niña niños niñas chico chica chicos chicas señor señora señoras señores mujer mujeres hombre hombres "
    "madre padre hijo hija bebé bebe familia casa vida muerte amor salud hospital clínica posta fiesta fiestas "
    "día días noche noches semana mes año años vez veces gente pueblo ciudad campo sierra selva costa mundo país "
    "doctora doctor médico médica enfermera enfermero paciente pacientes abuela abuelo mamá papá tía tío "
    "enfant enfants femme femmes homme hommes mère père fils fille bébé famille maison vie mort morts amour santé "
    "fête fêtes jour jours nuit semaine mois an ans année fois gens village ville monde pays médecin infirmière "
    "malade malades patient patiente garde urgences service "
    "criança crianças menino menina mulher mulheres homem homens mãe pai filho filha bebé família casa vida "
    "morte amor saúde festa festas dia dias noite semana mês ano anos vez vezes gente aldeia cidade mundo país "
    "médico médica enfermeira enfermeiro paciente doente doentes avó avô tia tio plantão médicos"
)
# Given names that are also everyday words (virtues, flowers, seasons, common nouns of en/es/fr/pt): a given
# name match alone does not make them names; a cue does ("Precious, the youngest twin,").
NAME_WORDS = _folded_words(
    "hope precious patience grace blessing blessings will mercy faith charity joy gift memory comfort happiness "
    "innocent lucky miracle pleasure princess prosper talent trust wisdom beauty fortune chance justice prudence "
    "constance felicity harmony destiny trinity unity summer autumn winter spring dawn sunny rain rose ivy lily "
    "amber ruby pearl jade crystal holly heather daisy iris violet olive hazel ginger honey bill mark frank grant "
    "chase hunter carter mason gray rich guy jack pat sue rob art bob ray wade lance drew dean sky river brook "
    "storm king prince duke earl baron major general doctor sister friend baby son nana boss doc "
    "rosario milagros dolores luz paz sol mar rosa pilar mercedes consuelo esperanza soledad amparo socorro "
    "remedios angeles concepcion asuncion gloria aurora alegria caridad fe cielo estrella flor azucena perla reina "
    "rey santos cruz jesus angel victoria belle aimee fleur claire blanche desire espoir vitoria gracia fatima "
    "linda bonita nino nina"
)
# Not people, though capitalised: festivals, holy and mythical figures, weather, organisations, products and
# brands, national ID and insurance schemes, peoples and languages, placeholders for a name.
FESTIVALS = frozenset(e for e in _entries("festivals.txt") if " " not in e)
# Festivals named by a phrase of everyday words ("Boun Bang Fai", "Phi Ta Khon"): a run inside one is not a person.
FESTIVAL_PHRASES = frozenset(e for e in _entries("festivals.txt") if " " in e)
# Words that follow the name of a deity, a saint or a day in a festival's name ("Durga Puja", "Buddha Jayanti",
# "Ganesh Chaturthi", "Indra Jatra", "Raksha Bandhan", "Kumbh Mela", "Loy Krathong", "Bon Om Touk"): the run
# before one is not a person.
FESTIVAL_AFTER = _folded_words(
    "puja pujo jayanti chaturthi purnima navami ashtami panchami ekadashi jatra mela utsav bandhan sankranti "
    "raymi boishakh baishakh krathong touk bucha phansa thmey afahye"
)
PEOPLES = _entries("peoples.txt")
# Holy and mythical figures ("Pachamama", "Mama Killa"), and the placeholders an intern writes instead of a
# name ("Mrs X", "Fulana"): not people even after a title.
HOLY = _folded_words(
    "pachamama killa inti viracocha wiracocha ekeko tlaloc yemaya yemanja iemanja oxala oshun oxum xango shango "
    "erzulie legba damballa ganesh ganesha shiva vishnu hanuman brahma virgen virgin santisimo buddha god allah "
    "dios dieu deus cristo christ lord"
)
PLACEHOLDERS = _folded_words(
    "x y z xx xyz fulana fulano mengano mengana zutano zutana perengano beltrano sicrano untel untelle doe"
)
# Organisations, products, brands and tools, and ID, insurance and benefit schemes: not people even after a title
# ("Dr Google", "Mr Panadol").
PRODUCTS = _folded_words(
    # organisations
    "croix-rouge cruz roja vermelha frontieres fronteras fronteiras msf unicef unfpa unaids undp unhcr usaid who "
    "oms ops paho cdc pepfar gavi amref jhpiego ipas oxfam care caritas medecins mais medicos minsa essalud sus "
    "imss inss ihss cnss ipress "
    # products, brands and tools
    "sayana depo-provera depo jadelle implanon mirena genexpert xpert hemocue bioline unigold determine "
    "plumpy'nut plumpynut rutf cerelac m-pesa mpesa airtel safaricom vodacom mtn tigo digicel natcom moov "
    "facebook youtube whatsapp instagram tiktok twitter telegram viber messenger gmail google zoom excel translate "
    "android iphone samsung nokia tecno infinix itel huawei toyota hilux cruiser land nissan honda yamaha suzuki "
    "bajaj coca-cola coca fanta sprite pepsi panadol dettol vaseline paracetamol chatgpt wikipedia uptodate "
    "medscape "
    # ID, insurance and benefit schemes (the number is the identifier, the scheme is not)
    "aadhaar philhealth nhis nhif bpjs curp dni cpf cni rg sis mutuelle ayushman jkn ssnit nin tin trn"
)
NOT_PEOPLE = FESTIVALS | PEOPLES | HOLY | PLACEHOLDERS | PRODUCTS | _folded_words("nino nina harmattan monsoon")
# Countries (in English, Spanish, French and Portuguese) and the states, provinces and regions of usual placement
# countries, as phrases ("sierra leone", "mato grosso do sul"): a run of capitalised words that is one of them
# is a place, not a person nor a village.
COUNTRIES = _entries("countries.txt")
REGIONS = _entries("regions.txt")
# Continents, landmarks, and big cities notes mention in general (the words of their names: "Addis Ababa").
LANDMARKS = _folded_words(
    "africa asia europe america americas andes himalaya himalayas sahara amazon nile everest kilimanjaro nairobi "
    "mombasa kisumu eldoret nakuru kampala kigali dar salaam dodoma arusha moshi mwanza zanzibar addis ababa "
    "lilongwe blantyre lusaka harare maputo accra kumasi tamale cape coast lagos abuja kano ibadan freetown "
    "monrovia dakar kathmandu pokhara lalitpur patan bhaktapur chitwan dharan biratnagar delhi mumbai kolkata "
    "chennai bangalore bengaluru hyderabad pune vellore jaipur lucknow dhaka karachi lahore lima cusco cuzco "
    "arequipa iquitos puno trujillo piura huancayo quito guayaquil la paz bogota london sierra leone sri lanka"
)
# Single words that name a place or a people in general: never a village, never a person on their own.
PLACES = LANDMARKS | PEOPLES | frozenset(c for c in COUNTRIES if " " not in c)
# Countries and regions that are also given names ("Georgia", "Victoria", "Kara"): a name only with a cue.
GIVEN_NAME_PLACES = (COUNTRIES | REGIONS) & FIRST_NAMES
# Month names of the Gregorian calendar as notes type them (with and without accents), by language; weekdays.
MONTHS = {
    "en": "January February March April May June July August September October November December".split(),
    "es": "enero febrero marzo abril mayo junio julio agosto septiembre setiembre octubre noviembre diciembre".split(),
    "fr": (
        "janvier février fevrier mars avril mai juin juillet août aout septembre octobre novembre décembre decembre"
    ).split(),
    "pt": "janeiro fevereiro março marco abril maio junho julho agosto setembro outubro novembro dezembro".split(),
}
WEEKDAYS = _folded_words(
    "monday tuesday wednesday thursday friday saturday sunday lunes martes miercoles jueves viernes sabado domingo "
    "lundi mardi mercredi jeudi vendredi samedi dimanche segunda terca quarta quinta sexta sabado domingo feira"
)
# Months of the local calendars notes use (Nepali Bikram Sambat and Bengali, Ethiopian, Islamic), those that are
# not also given names ("Kartik", "Rajab", "Ramadan" are): they end a run like the Gregorian months.
LOCAL_MONTHS = (
    _folded_words(
        "baisakh baishakh vaishakh boishakh jestha jeth jyeshtha jyestha asar asadh ashadh ashar asharh shrawan "
        "shravan srawan sawan saun srabon bhadra bhadau bhadro asoj ashwin aswin ashoj kattik mangsir mangshir "
        "margashirsha agrahayan ogrohayon poush paush pausha magh falgun phalgun phagun fagun chaitra chait "
        "choitro joishtho meskerem meskerm tikimt tikemt tekemt tiqimt hidar hedar tahsas tahesas yekatit yakatit "
        "megabit magabit miyazya miazia ginbot genbot hamle hamile nehase nehasse pagume pagumen puagme muharram "
        "moharram shawwal shawal "
        # Myanmar (Thadingyut is a festival as well)
        "tagu kason nayon waso wagaung tawthalin tazaungmon nadaw pyatho tabodwe tabaung"
    )
    - FIRST_NAMES
)
# Months, weekdays and festivals: they end a run of capitalised words ("Monday Amina came" is not one name).
CALENDAR = frozenset(folded(m) for names in MONTHS.values() for m in names) | LOCAL_MONTHS | WEEKDAYS | FESTIVALS
# Function words, common sentence openers and number words of Spanish, French and Portuguese (see data/), and
# English number words: capitalised at the start of a sentence ("Durante", "Pendant", "Ontem", "Two"), never names.
FOREIGN_FUNCTION = (
    _entries("function_es.txt")
    | _entries("function_fr.txt")
    | _entries("function_pt.txt")
    | _folded_words(
        "two three four five six seven eight nine ten eleven twelve fifteen twenty thirty forty fifty hundred "
        "hundreds thousand thousands dozen dozens half both several many few most"
    )
)
# Spanish, French and Portuguese conjunctions and prepositions (not articles, which places hold: "El Alto"):
# capitalised inside a run of capitalised words, they make it an organisation's name ("Médicos Sin Fronteras").
FOREIGN_LINKS = _folded_words(
    "y e o u ou et ni en no na em com sem sans avec pour par sur sous dans chez entre para por con sin sobre hacia "
    "hasta pelo pela aux au un une uno una um uma lo"
)
# Words before or after a capitalised run that make it the name of an institution, not of a person
# ("CHU Sylvanus Olympio", "l'hôpital Principal", "Kantha Bopha Children's Hospital").
# Acronyms of health institutions ("CHU", "CSCom"): written in capitals, except "Ngo", which is a name as well.
INSTITUTION_ACRONYMS = _folded_words("chu chr chd chn cs csb csps cscom ngo")
INSTITUTIONS = (
    BLOCK
    | INSTITUTION_ACRONYMS
    | _folded_words(
        "hopital clinique institut programa maternite maternidade maternidad "
        "policlinica polyclinic polyclinique universite universidade colegio lycee escola escuela faculdade facultad "
        # the adjectives of an institution's name ("Centre hospitalier Mère-Enfant", "Hospital Universitario X")
        "hospitalier hospitaliere hospitalar hospitalario hospitalaria universitaire universitario universitaria"
        # plurals of French, Spanish and Portuguese institutions ("Cliniques Universitaires de Kinshasa")
        " hopitaux hospitales hospitais cliniques clinicas centres centros postos dispensaires dispensarios "
        "instituts institutos universites universidades universitaires universitarios universitarias hospitaliers "
        "hospitaliers maternites maternidades policlinicas polycliniques escolas escuelas ecole ecoles colegios lycees"
    )
)
# Homes and shelters: after a number, the run before is the name of one ("Matthew 25 House", "Casa 31 Lar").
HOMES = _folded_words("house home hostel shelter hospice refuge orphanage centre center casa lar abrigo maison foyer")
# Place prefixes of saints' names ("San Juan", "São Tomé", "Saint-Louis"): a run they open is a place.
SAINTS = _folded_words("san santa santo sao saint sainte st ste")
# Words for people (roles, relatives, ages): an appositive holding one ("Tunde, my co-intern,") names a person.
PERSON_NOUNS = RELATION | _folded_words(
    "attendant intern co-intern nurse midwife doctor registrar consultant officer worker volunteer cleaner "
    "guard porter cook chef chief elder healer student resident colleague friend neighbour neighbor teacher "
    "driver interpreter translator pharmacist technician clerk secretary farmer fisherman trader vendor "
    "shopkeeper pastor priest imam nun monk herbalist woman man lady gentleman girl boy child baby infant "
    "toddler teenager newborn son daughter mother father grandmother grandfather year-old month-old old "
    "smallest youngest eldest oldest first second twin triplet patient grandson granddaughter widow widower "
    "sage-femme aide-soignante aide soignante infirmiere infirmier medecin femme homme fille garcon enfant bebe "
    "mere pere grand-mere vieille vieux partera enfermera enfermero doctora medico medica nino nina senora "
    "senor mujer hombre chica chico hija hijo madre padre abuela abuelo parteira enfermeira enfermeiro menino "
    "menina mulher homem senhora senhor filha filho mae pai avo tecnica tecnico agente promotor promotora anm "
    "chw vht asha mama papa mami papi maman mae pai"
)
# What a name's possessive is followed by: relatives, body parts, records ("esi's baby", "Zawadi's card").
POSSESSED = RELATION | _folded_words(
    "mum mom dad family relatives kids children parents husband wife baby son daughter grandson granddaughter "
    "chest head leg legs arm arms foot feet hand hands eye eyes face skin wound wounds belly abdomen back x-ray "
    "xray scan scans ct mri ultrasound results result labs bloods card file chart notes number phone id passport "
    "bed cot case surgery operation biopsy histology swab culture smear blood urine stool fever cough delivery "
    "labour labor pregnancy birth funeral death burial house home room village compound shop ward admission "
    "discharge referral consent record records "
    # records and documents, tests and samples, appointments and care, in the four languages
    "register booklet form forms letter certificate document documents papers paperwork prescription prescriptions "
    "licence license insurance policy claim bill bills invoice receipt account fees folder dossier carnet carne "
    "cedula tarjeta cartao carte expediente historia prontuario fiche partograph observations obs vitals "
    "medication medications meds drugs tablets pills dose doses regimen injection injections vaccine vaccines "
    "vaccination vaccinations immunisation immunisations immunization immunizations sample samples "
    "specimen specimens sputum slide slides film films ecg echo eeg cxr usg sugar sugars glucose hb haemoglobin "
    "hemoglobin bp pressure temperature temp weight height pulse sats saturation appointment appointments review "
    "reviews follow-up followup visit visits check-up checkup session dialysis chemo chemotherapy transfusion "
    "procedure dressing dressings drip cannula plaster cast report reports diagnosis prognosis history condition "
    "symptoms rash burns pain "
    # the same in Spanish, French and Portuguese, before "de", "da", "du" ("la foto de", "a ferida da")
    "foto fotos photo photos ferida herida plaie exame exames examen examenes examens resultado resultados "
    "resultats cartao ficha receta receita ordonnance consulta consultation cama lit leito quarto radiografia "
    "radiographie ecografia echographie analise analisis sangue sangre sang febre fiebre fievre tosse tos toux "
    "parto accouchement gravidez embarazo grossesse telefone telefono telephone numero documento documentos "
    "papeles papiers vacina vacuna vaccin pansement curativo curacion"
)
# Adjectives that open a possessed record ("Tatenda's national ID", "Rahul's birth certificate"): a possessive
# before one is a name when a record or an ID label follows.
POSSESSED_OPENERS = _folded_words(
    "national health medical birth voter voters identity id social hospital clinic lab laboratory insurance "
    "treatment antenatal vaccination immunisation immunization growth school"
)
# Labels of identity documents, health insurance and medical records by country, written in capitals after a
# possessive ("Nakimuli's NIN", "Nasreen's CNIC"): medical records (MRN, UHID, BHT, IP, OPD), insurance (NHIF,
# NHIS, SIS, BPJS, JKN, SUS, CNS), identity (NIN, NIDA, NRC, CNIC, NIC, NRIC, CNI, CNIB, CIN, NINA, DNI, CI, BI,
# CPF, RG, CURP, INE, DPI, CUI, NUIT, NIK, KTP, IC, PAN), tax and social security (SSN, TIN, TRN, NSS, SSS, RUT).
ID_LABELS = _folded_words(
    "mrn uhid bht hn emr ip op opd ipd nhif nhis nhi sis bpjs jkn sus cns nin nida nrc cnic nic nric cni cnib cin "
    "nina dni ci bi cpf rg curp ine dpi cui nuit nik ktp ic pan ssn tin trn nss sss rut run umid id art ctc anc "
    "pmtct"
)
# Words before "from" or "to" that make the next capitalised word a person ("a call from", "belonged to").
FROM_PERSON = _folded_words("call calls text texts message messages email emails letter note visit sms voicemail")
TO_PERSON = _folded_words(
    "belonged belongs belong belonging talked talking spoke speaking explained handed married introduced "
    "listened replied wrote lent apologised apologized whispered"
)
# Syllables of Myanmar given names (Myanmar names have no surname, and the given-name list has no Myanmar
# locale): after a title typed in lower case ("u hla", "daw khin") they are a name.
MYANMAR_NAMES = _folded_words(
    "aung aye chit ei hla hlaing htay htet htun htwe khaing khin kyaw kyi lin lwin maw min moe mya myat myint "
    "myo naing nandar nay nu nyein nyunt oo phyo pyae san sandar sein shwe soe su thant than thaung thein thet "
    "thida thin thu thura tin tun wai win yadanar yan yin zar zaw zin"
)
# Dotted abbreviations that are not someone's initials ("B.P. 120/80", "U.S.", "P.O. Box").
ABBREVIATIONS = _folded_words(
    "us usa uk un uae drc rsa sa nz po bp iv im od bd tds qds prn sc ng tb hiv ct mri ecg eeg opd icu anc pnc "
    "gp mo co am pm dc nb ps eg ie md rn who msf rr hr gcs lp cs svd nvd pv pr lmp edd dob cpr abc bc ad ok tv "
    "er ed or ot rta rbs fbs fbc cbc ngo ps nhs mbbs mbchb phd bsc msc ba ma"
)
# Words before a possessive that make it a common noun, not a name ("the fisherman's son").
DETERMINERS = _folded_words(
    "the a an this that these those his her my our your their its each every one other another some any no old "
    "young little poor sick same"
)
