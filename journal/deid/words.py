"""Word lists the detectors share: months, titles, function words, clinical words, places.

They are generic (function words, clinical vocabulary, places and languages of usual placement countries),
never names taken from test material; extend them, do not tune them.
"""

import re
import unicodedata
from pathlib import Path

DATA = Path(__file__).parent / "data"


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


def folded(word: str) -> str:
    """The word in lower case without accents ("Ceará" -> "ceara"): notes are typed on keyboards without them."""
    return "".join(c for c in unicodedata.normalize("NFKD", word.lower()) if not unicodedata.combining(c))


def _listed(name: str) -> frozenset[str]:
    """A word list of data/ (built by scripts/build_deid_words.py), folded: look words up with ``folded``."""
    return frozenset(folded(line) for line in (DATA / name).read_text(encoding="utf-8").splitlines() if line)


# Towns and cities of 5,000 people or more (GeoNames), and given names in many languages (Faker): see data/.
TOWNS = _listed("towns.txt")
FIRST_NAMES = _listed("first_names.txt")


# Word lists for names and dates. They are generic (English function words, clinical vocabulary, places and

MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?"
    r"|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
SPANISH_MONTH = r"(?:enero|febrero|marzo|abril|mayo|junio|julio|agosto|se?ptiembre|octubre|noviembre|diciembre)"
# Honorifics and forms of address (English, Swahili, Spanish, Twi, Nepali, Hindi): the next word is a name.
TITLES = _words(
    "Mr Mrs Ms Miss Mx Dr Prof Professor Sister Sr Nurse Matron Midwife Baby Mama Bibi Babu Mzee Bwana Mwalimu Dada "
    "Kaka Auntie Aunty Uncle Señor Señora Señorita Sra Srta Don Doña Madam Madame Mme Master Rev Reverend Pastor "
    "Father Fr Imam Sheikh Chief Nana Maame Didi Dai Bhai Aama Shri Shree Smt Kumari Sir Dame Lady Hon"
)
# Words that are never part of a name and end a run of capitalised words (sentence openers included).
FUNCTION = _words(
    "a about above after again against all almost also although always am among an and another any anything are "
    "around as at away back be because been before being below besides between both but by can cannot could did do "
    "does doing done down during each either else enough even ever every everyone everything few first for from "
    "further had has have having he her here hers herself him himself his how however i if in instead into is it "
    "its itself just last later least less let like many may maybe me meanwhile might more most much must my myself "
    "near neither never next no none nor not nothing now of off often on once one only onto or other others "
    "otherwise our out over own perhaps please quite rather really same several she should since so some someone "
    "something sometimes soon still such than that the their them then there therefore these they this those though "
    "through throughout thus to today tomorrow tonight too toward towards under unless until up upon us very was we "
    "well were what when where whereas whether which while who whom whose why will with within without would yes "
    "yesterday yet you your ok okay thanks hello dear sadly luckily unfortunately fortunately finally eventually "
    "afterwards overall initially later again saw see met went came gave took told asked spent learned learnt "
    "helped watched noticed followed visited started stopped felt found called made kept left brought checked "
    "reviewed admitted discharged referred examined assessed presented diagnosed treated continued planned noted "
    "discussed explained consented counselled observed assisted performed attended shadowed joined wrote worked "
    "tried thought realised morning afternoon evening night week weekend day days month year hour minute time"
)
CALENDAR = _words(
    "january february march april june july august september october november december monday tuesday wednesday "
    "thursday friday saturday sunday christmas easter ramadan eid diwali dashain tihar holi inti raymi carnival"
)
# Roles, departments, diseases, eponyms, drugs, organisms, abbreviations: capitalised often, names never.
CLINICAL = _words(
    "patient patients doctor doctors nurse nurses midwife registrar consultant intern interns resident student "
    "students supervisor team staff ward wards bed clinic theatre outpatient inpatient emergency casualty triage "
    "maternity labour delivery paediatrics pediatrics paediatric pediatric surgery surgical medicine medical "
    "obstetrics gynaecology orthopaedics psychiatry radiology pathology pharmacy laboratory lab anaesthesia "
    "anesthesia oncology cardiology neurology dermatology ophthalmology internal general family community public "
    "global health care primary acute chronic severe mild moderate stable critical normal positive negative left "
    "right history examination diagnosis plan impression assessment management treatment therapy review discharge "
    "admission referral consent ethics reflection case note notes placement elective rotation round rounds handover "
    "shift malaria tuberculosis pneumonia sepsis meningitis typhoid cholera dengue measles polio tetanus rabies "
    "ebola covid influenza hepatitis diabetes hypertension asthma anaemia anemia malnutrition kwashiorkor marasmus "
    "diarrhoea diarrhea dehydration cancer stroke epilepsy eclampsia haemorrhage hemorrhage fracture burns trauma "
    "fever cough pain jaundice shock chagas boy girl twin man woman lady infant child baby mother father newborn "
    "leprosy scabies zika chikungunya lassa marburg x-ray syphilis down parkinson alzheimer crohn hodgkin burkitt "
    "kaposi bell cushing addison graves hashimoto kawasaki apgar glasgow gram paracetamol acetaminophen ibuprofen "
    "insulin metformin morphine tramadol diazepam oxytocin misoprostol magnesium zinc iron folic vitamin quinine "
    "artemether lumefantrine coartem artesunate praziquantel ivermectin rifampicin ethambutol dolutegravir "
    "tenofovir lamivudine efavirenz prednisolone dexamethasone salbutamol adrenaline atropine ketamine lidocaine "
    "plasmodium falciparum vivax mycobacterium staphylococcus streptococcus salmonella shigella klebsiella "
    "pseudomonas candida cryptococcus pneumocystis schistosoma giardia entamoeba helicobacter haemophilus oxygen "
    "saline dextrose ringer hartmann heparin warfarin aspirin panadol augmentin lasix hb hct plt na cl cr ca mg "
    "temp sats sat resp pulse obs hx dx rx tx sx pt ix mx fx afb covid sars"
)
# Countries, regions, cities, languages, peoples, faiths and tools that notes mention in general.
PLACES = _words(
    "africa asia europe america americas andes himalaya himalayas sahara amazon nile everest kilimanjaro kenya "
    "tanzania uganda rwanda burundi ethiopia somalia sudan malawi zambia zimbabwe mozambique botswana namibia "
    "lesotho eswatini madagascar ghana nigeria togo benin senegal gambia guinea sierra leone liberia mali niger "
    "chad cameroon gabon congo angola egypt morocco tunisia nepal india bhutan bangladesh pakistan sri lanka "
    "myanmar cambodia laos vietnam thailand malaysia indonesia philippines china japan peru bolivia ecuador "
    "colombia venezuela brazil chile argentina paraguay uruguay mexico guatemala honduras nicaragua haiti cuba "
    "jamaica usa uk england scotland wales ireland australia canada germany france spain italy portugal nairobi "
    "mombasa kisumu eldoret nakuru kampala kigali dar salaam dodoma arusha moshi mwanza zanzibar addis ababa "
    "lilongwe blantyre lusaka harare maputo accra kumasi tamale cape coast lagos abuja kano ibadan freetown "
    "monrovia dakar kathmandu pokhara lalitpur patan bhaktapur chitwan dharan biratnagar delhi mumbai kolkata "
    "chennai bangalore bengaluru hyderabad pune vellore jaipur lucknow dhaka karachi lahore lima cusco cuzco "
    "arequipa iquitos puno trujillo piura huancayo quito guayaquil la paz bogota london swahili kiswahili nepali "
    "hindi urdu bengali tamil telugu spanish quechua aymara twi akan ewe hausa yoruba igbo amharic luganda "
    "kinyarwanda chichewa zulu xhosa english french portuguese arabic kenyan tanzanian ugandan ghanaian nigerian "
    "ethiopian nepalese indian peruvian maasai masai kikuyu luo christian muslim hindu buddhist catholic protestant "
    "god allah jesus sherpa newar chagga sukuma ashanti asante british american european african asian western "
    "google whatsapp zoom excel translate"
)
# A run of capitalised words holding one of these names an institution, a street, a programme or a test.
BLOCK = _words(
    "hospital hospitals clinic clinics centre center university college school institute ministry department "
    "service services trust foundation mission church mosque temple road street avenue lane drive way district "
    "county province region state city town village valley river lake mount mountain park market station airport "
    "project programme program society association council board unit wing national regional referral teaching "
    "memorial syndrome disease sign score scale criteria test reflex protocol cape coast care checklist initiative "
    "campaign guideline guidelines handbook goals training festival committee office organisation organization "
    "agency fund network alliance posta salud centro instituto nacional universidad clínica clinica hôpital "
    "hospitali zahanati dispensary"
)
# Lowercase words inside names ("María de la Cruz", "Ali bin Said"); the cue words before or after a name.
PARTICLES = _words("de del da das do dos van von der den la le di du bin binti bint ibn al el wa y")
RELATION = _words(
    "mother father mum mom dad son daughter wife husband brother sister aunt uncle grandmother grandfather grandma "
    "grandpa granny niece nephew cousin friend neighbour neighbor child baby boy girl guardian caregiver carer "
    "partner fiancé fiance twin patient named called name nicknamed interpreter translator driver colleague teacher "
    "healer elder"
)
HUMAN_VERBS = _words(
    "said says told tells asked asks cried smiled laughed walked explained replied answered complained refused "
    "agreed insisted wanted thanked shouted whispered lives lived works worked greeted translated introduced "
    "delivered walked sat slept ate drank prayed hoped travelled traveled arrived returned paid declined"
)
SKIP_BEFORE = _words(
    "in at from to near into around outside across towards toward via through within the a an on given started "
    "prescribed taking took of dose course speak spoke speaks speaking"
)
EPONYM_FOLLOW = _words(
    "syndrome disease sign score scale criteria test stain manoeuvre maneuver reflex classification catheter tube "
    "procedure operation repair lymphoma sarcoma palsy ulcer fracture formula protocol regimen vaccine virus fever "
    "guidelines method technique splint traction tablets syrup solution"
)
MED_SUFFIX = re.compile(
    r"(?:cillin|mycin|micin|floxacin|azole|idine|olol|pril|sartan|statin|dipine|vir|mab|itis|osis|iasis"
    r"|a?emia|pathy|ectomy|otomy|ostomy|plasty|scopy|graphy|algia|ology|ologist|iatric|iatrics)$"
)
