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


def _folded_words(text: str) -> frozenset[str]:
    return frozenset(folded(w) for w in text.split())


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
    "Father Fr Imam Sheikh Chief Nana Maame Didi Dai Bhai Aama Shri Shree Smt Kumari Sir Dame Lady Hon "
    # Filipino, Indonesian, Amharic, Vietnamese, Khmer, Haitian, French, Portuguese, Tetum, family titles
    "Nanay Tatay Lola Lolo Ate Kuya Ibu Bapak Pak Bu Ato Woizero Weizero Wro Bà Ông Cô Chị Anh Lok Yeay Manman "
    "Papa Mamie Papi Tata Maman Tonton Tantine Tatie Dona Seu Senhor Senhora Mana Mano Tia Tio Tía Tío Abuela Abuelo "
    "Avó Avô Grandmother Grandfather Grandma Grandpa Granny Gogo Mlle Mademoiselle Monsieur M Mamá Doctora Dra "
    "Doutor Doutora Docteur Enfermeira Enfermera Enfermero Infirmière Infirmier Alhaji Alhaja Hajia Mallam Oga "
    "Patient Paciente Patiente"
)
# Roles written in lower case before a name ("enfermeira Lima", "la partera Juana"): the next word is a name.
ROLE_TITLES = _folded_words(
    "nurse sister matron midwife doctor dr dra doctora doctor docteur doutor doutora enfermeira enfermera enfermero "
    "infirmiere infirmier sage-femme parteira partera matrona medico medica tecnica tecnico tia tio dona seu don "
    "senora senor senhora senhor madame monsieur mme mlle sr sra"
)
# Honorifics written after a name ("Sita didi", "Rajesh bhaiya", "Sharma ji").
POST_TITLES = _folded_words("didi dai bhaiya bhai bahini ji jee sahib saheb sahab saab amma akka bhabhi dada kaka")
# Words that are never part of a name and end a run of capitalised words (sentence openers included).
FUNCTION = _folded_words(
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
CALENDAR = _folded_words(
    "january february march april june july august september october november december monday tuesday wednesday "
    "thursday friday saturday sunday christmas easter ramadan eid diwali dashain tihar holi inti raymi carnival "
    "enero febrero marzo abril mayo junio julio agosto septiembre setiembre octubre noviembre diciembre "
    "janvier fevrier mars avril mai juin juillet aout septembre octobre novembre decembre "
    "janeiro fevereiro marco abril maio junho julho agosto setembro outubro novembro dezembro "
    "lunes martes miercoles jueves viernes sabado domingo lundi mardi mercredi jeudi vendredi samedi dimanche "
    "segunda terca quarta quinta sexta sabado domingo feira"
)
# Roles, departments, diseases, eponyms, drugs, organisms, abbreviations: capitalised often, names never.
CLINICAL = _folded_words(
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
PLACES = _folded_words(
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
BLOCK = _folded_words(
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
    "guidelines method technique splint traction tablets syrup solution"
)
MED_SUFFIX = re.compile(
    r"(?:cillin|mycin|micin|floxacin|azole|idine|olol|pril|sartan|statin|dipine|vir|mab|itis|osis|iasis"
    r"|a?emia|pathy|ectomy|otomy|ostomy|plasty|scopy|graphy|algia|ology|ologist|iatric|iatrics)$"
)

# Function words and common sentence openers of Spanish, French and Portuguese (accents folded), and number
# words: capitalised at the start of a sentence ("Durante", "Pendant", "Ontem", "Two"), never names.
FOREIGN_FUNCTION = _folded_words(
    # Spanish
    "el la los las lo un una unos unas al del de en a y e o u ni pero sino que porque pues como cuando donde "
    "mientras aunque si "
    "no sí ya muy mas más menos tan tanto también tampoco siempre nunca jamás hoy ayer mañana anoche luego después "
    "antes ahora entonces todavía aún casi solo sólo sola solamente durante según tras sin con contra ante bajo "
    "desde hasta hacia para por entre sobre yo tú usted él ella nosotros nosotras ellos ellas les le se me te nos "
    "mi mis tu tus su sus nuestro nuestra nuestros nuestras este esta estos estas ese esa esos esas aquel aquella "
    "esto eso aquí allí allá ahí cada todo toda todos todas otro otra otros otras mismo misma algo alguien algún "
    "alguna algunos algunas nadie nada ningún ninguna cual cuál quien quién qué cómo dónde cuándo cuánto hay había "
    "fue fueron era eran es son está están estaba estaban estuvo tiene tienen tenía tuvo hizo hice llegué llamé "
    "atendí vi fui pude tuve dijeron mucho mucha muchos muchas poco poca pocos pocas bien mal así además sin "
    "embargo finalmente primero primera segundo último última pronto tarde temprano anteayer apenas quizás "
    "quizá tal vez cerca lejos dentro fuera encima debajo delante detrás gracias hola bueno buena buenos "
    "buenas "
    # French
    "le la les l un une des du de d au aux et ou mais donc or ni car que qu qui quoi dont où si ne pas plus "
    "moins très trop aussi encore toujours jamais souvent parfois déjà aujourd aujourd'hui hier demain "
    "maintenant alors puis ensuite enfin après avant pendant depuis selon sans avec chez contre vers sous sur dans "
    "par pour entre je j tu il elle on nous vous ils elles me m te t se s lui leur leurs mon ma mes ton ta tes son "
    "sa ses notre nos votre vos ce c cet cette ces ceci cela ça ici là chaque tout toute tous toutes autre autres "
    "même quelque quelques quelqu'un personne rien aucun aucune quel quelle quels quelles comment pourquoi "
    "quand combien il y a était étaient est sont a ont avait avaient fut été c'est c'était j'ai je suis "
    "beaucoup peu bien mal ainsi cependant pourtant néanmoins toutefois finalement heureusement "
    "malheureusement soudain bref voilà voici oui non merci bonjour bonsoir semaine matin soir nuit jour "
    # Portuguese
    "o a os as um uma uns umas e ou mas porém que porque pois como quando onde enquanto embora se não sim já "
    "muito muita muitos muitas mais menos tão também nem sempre nunca hoje ontem amanhã agora então depois antes "
    "ainda quase só somente apenas durante segundo conforme sem com contra perante sob desde até para por entre "
    "sobre eu tu você ele ela nós vós eles elas lhe lhes me te nos vos meu minha meus minhas teu tua seu sua seus "
    "suas nosso nossa nossos nossas este esta estes estas esse essa esses essas aquele aquela isto isso aquilo aqui "
    "ali lá cada todo toda todos todas outro outra outros outras mesmo mesma algo alguém algum alguma alguns "
    "algumas ninguém nada nenhum nenhuma qual quem quê havia houve foi foram era eram é está estão estava "
    "estavam esteve tem têm tinha teve fez fiz cheguei liguei vi fui pude tive pouco pouca poucos poucas bem mal "
    "assim além contudo entretanto finalmente primeiro primeira último última cedo tarde logo talvez perto longe "
    "dentro fora obrigado obrigada olá bom boa bons boas dia noite manhã semana "
    # numbers
    "two three four five six seven eight nine ten eleven twelve fifteen twenty thirty forty fifty hundred "
    "hundreds thousand thousands dozen dozens half both several many few most "
    "dos tres cuatro cinco seis siete ocho nueve diez doce veinte cien mil deux trois quatre cinq six sept huit "
    "neuf dix douze vingt cent mille duas três quatro cinco seis sete oito nove dez doze vinte cem"
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
# Not people, though capitalised: festivals and holidays, holy and mythical figures, weather, organisations,
# products and brands, national ID and insurance schemes, peoples and languages, placeholders for a name.
NOT_PEOPLE = _folded_words(
    # festivals and holidays
    "tabaski korite magal gamou maouloud tamkharit carnaval carnival kanaval homowo timkat meskel enkutatash "
    "fasika genna irreecha ashenda odwira aboakyir hogbetsotso damba durbar eyo argungu dashain dasain tihar "
    "deepawali diwali holi teej chhath losar navaratri navratri vesak songkran pchum khmer-new-year kwanzaa "
    "ramadan ramzan eid iftar hanukkah christmas navidad noel natal pascua paques pascoa easter toussaint "
    "candelaria corpus qoyllur alasitas junina patrias patrias raymi pongal onam ugadi bihu baisakhi "
    "lohri tet chuseok thingyan "
    # weather
    "nino nina harmattan monsoon "
    # organisations
    "croix-rouge cruz roja vermelha frontieres fronteras fronteiras msf unicef unfpa unaids undp unhcr usaid who "
    "oms ops paho cdc pepfar "
    "gavi amref jhpiego ipas oxfam care caritas medecins mais medicos minsa essalud sus imss inss "
    "ihss cnss ipress "
    # products and brands
    "sayana depo-provera depo jadelle implanon mirena genexpert xpert hemocue bioline unigold determine "
    "plumpy'nut plumpynut rutf cerelac m-pesa mpesa airtel safaricom vodacom mtn tigo digicel natcom moov "
    "facebook youtube whatsapp instagram tiktok twitter telegram viber messenger gmail google android iphone "
    "samsung nokia tecno infinix itel huawei toyota hilux cruiser land nissan honda yamaha suzuki bajaj "
    "coca-cola coca fanta sprite pepsi panadol dettol vaseline paracetamol "
    # ID, insurance and benefit schemes (the number is the identifier, the scheme is not)
    "aadhaar philhealth nhis nhif bpjs curp dni cpf cni rg sis mutuelle ayushman jkn ssnit nin tin trn "
    # peoples and languages
    "khmer k'iche' k'iche kiche quiche ixil mam kaqchikel q'eqchi' q'eqchi qeqchi tz'utujil garifuna miskito "
    "wolof pulaar fula fulani peul serer diola mandinka bambara dioula mossi moore dagbani fante fanti ga "
    "amhara oromo tigray tigrinya afar sidama wolaytta gurage kikuyu luhya kalenjin kamba meru samburu turkana "
    "chewa tumbuka yao lomwe sena ngoni bemba tonga lozi nyanja shona ndebele sotho tswana swazi malagasy merina "
    "kreyol kreyòl creole creole tamang gurung magar rai limbu tharu thakali chhetri brahmin dalit madhesi "
    "maithili bhojpuri malayalam kannada marathi gujarati punjabi odia assamese tagalog filipino cebuano "
    "ilocano bisaya visayan waray javanese sundanese balinese vietnamese hmong lao karen shan rohingya burmese "
    "guarani shipibo ashaninka awajun mapuche wayuu embera kichwa shuar makonde makua macua changana ronga "
    "xitsonga chope tetum tetun lingala kikongo tshiluba kirundi berber amazigh tuareg afrikaans quechua aymara "
    "haitian dominican peruvian bolivian guatemalan mexican cambodian laotian indonesian timorese mozambican "
    "angolan brazilian senegalese malian burkinabe togolese beninese ivorian cameroonian congolese malawian "
    "zambian zimbabwean rwandan burundian somali sudanese eritrean egyptian filipina mzungu muzungu wazungu "
    "obroni oyibo toubab gringo gringa"
)
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
NOT_PEOPLE = NOT_PEOPLE | HOLY | PLACEHOLDERS
# States, provinces, departments and regions of usual placement countries (the capitals are in TOWNS), as
# phrases separated by commas: a run of capitalised words that is one of them is a place.
REGIONS = frozenset(
    " ".join(folded(p).split())
    for p in (
        # Brazil
        "Acre, Alagoas, Amapá, Amazonas, Bahia, Ceará, Espírito Santo, Goiás, Maranhão, Mato Grosso, Mato Grosso do "
        "Sul, Minas Gerais, Pará, Paraíba, Paraná, Pernambuco, Piauí, Rio Grande do Norte, Rio Grande do Sul, "
        "Rondônia, Roraima, Santa Catarina, Sergipe, Tocantins, Distrito Federal, "
        # Mozambique, Angola, Guinea-Bissau, Cabo Verde, Timor-Leste
        "Cabo Delgado, Niassa, Nampula, Zambézia, Tete, Manica, Sofala, Inhambane, Gaza, Bengo, Benguela, Bié, "
        "Cabinda, Cuando Cubango, Cuanza Norte, Cuanza Sul, Cunene, Huambo, Huíla, Lunda Norte, Lunda Sul, Malanje, "
        "Moxico, Namibe, Uíge, Bafatá, Biombo, Bolama, Bijagós, Cacheu, Gabú, Oio, Quinara, Tombali, Aileu, Ainaro, "
        "Baucau, Bobonaro, Covalima, Ermera, Lautém, Liquiçá, Manatuto, Manufahi, Oecusse, Viqueque, "
        # Peru, Bolivia, Ecuador, Guatemala, Haiti, Mexico
        "Áncash, Apurímac, Ayacucho, Cajamarca, Callao, Huancavelica, Huánuco, Junín, La Libertad, Lambayeque, "
        "Loreto, Madre de Dios, Moquegua, Pasco, San Martín, Tacna, Tumbes, Ucayali, Chuquisaca, Cochabamba, Oruro, "
        "Potosí, Tarija, Beni, Pando, Azuay, Cañar, Carchi, Chimborazo, Cotopaxi, El Oro, Esmeraldas, Galápagos, "
        "Guayas, Imbabura, Loja, Los Ríos, Manabí, Morona Santiago, Napo, Orellana, Pastaza, Pichincha, "
        "Sucumbíos, Tungurahua, Zamora Chinchipe, Alta Verapaz, Baja Verapaz, Chimaltenango, Chiquimula, "
        "El Progreso, Escuintla, Huehuetenango, Izabal, Jalapa, Jutiapa, Petén, Quetzaltenango, Quiché, "
        "Retalhuleu, Sacatepéquez, San Marcos, Santa Rosa, Sololá, Suchitepéquez, Totonicapán, Zacapa, "
        "Artibonite, Nippes, Grand'Anse, Grande-Anse, Nord-Est, Nord-Ouest, Sud-Est, Oaxaca, Chiapas, Guerrero, "
        "Yucatán, Michoacán, Veracruz, "
        # West and Central Africa
        "Casamance, Ziguinchor, Kolda, Sédhiou, Tambacounda, Kédougou, Kaffrine, Kaolack, Fatick, Diourbel, Thiès, "
        "Louga, Matam, Ashanti, Volta, Brong-Ahafo, Bono East, Ahafo, Savannah, Upper East, Upper West, Oti, "
        "Western North, Hauts-Bassins, Boucle du Mouhoun, Adamaoua, Littoral, Extrême-Nord, Plateaux, Maritime, "
        "Savanes, Centrale, Kara, "
        # East and Southern Africa, Ethiopia, Madagascar
        "Rift Valley, Nyanza, Kiambu, Marsabit, Kilifi, Kwale, Garissa, Wajir, Mandera, Kakamega, Bungoma, Busia, "
        "Siaya, Homa Bay, Migori, Kisii, Nyamira, Kericho, Bomet, Narok, Kajiado, Machakos, Makueni, Kitui, Embu, "
        "Tharaka-Nithi, Nyeri, Kirinyaga, Murang'a, Laikipia, Nyandarua, Baringo, Elgeyo-Marakwet, Trans Nzoia, "
        "Vihiga, Isiolo, Lamu, Tana River, Taita-Taveta, Kagera, Kigoma, Geita, Simiyu, Shinyanga, Tabora, Singida, "
        "Manyara, Rukwa, Katavi, Ruvuma, Mtwara, Lindi, Pwani, Morogoro, Njombe, Iringa, Mbeya, Songwe, Acholi, "
        "Buganda, Busoga, Karamoja, Lango, Teso, Ankole, Kigezi, Tigray, Oromia, Benishangul-Gumuz, Gambela, "
        "Analamanga, Atsinanana, Atsimo-Andrefana, Boeny, Vakinankaratra, Haute Matsiatra, Copperbelt, Luapula, "
        "Muchinga, "
        # Nepal, India, Cambodia, Philippines
        "Koshi, Madhesh, Bagmati, Gandaki, Lumbini, Karnali, Sudurpashchim, Terai, Tarai, Mustang, Solukhumbu, "
        "Humla, Jumla, Dolpa, Sindhupalchok, Gorkha, Kaski, Rasuwa, Dhading, Nuwakot, Bihar, Uttar Pradesh, "
        "Rajasthan, Gujarat, Maharashtra, Karnataka, Kerala, Tamil Nadu, Andhra Pradesh, Telangana, Odisha, "
        "West Bengal, Assam, Jharkhand, Chhattisgarh, Madhya Pradesh, Haryana, Himachal Pradesh, Uttarakhand, "
        "Sikkim, Meghalaya, Manipur, Mizoram, Nagaland, Tripura, Arunachal Pradesh, Kandal, Takeo, Kampot, "
        "Kampong Cham, Kampong Chhnang, Kampong Speu, Kampong Thom, Svay Rieng, Prey Veng, Battambang, Siem Reap, "
        "Banteay Meanchey, Pursat, Kratie, Mondulkiri, Ratanakiri, Stung Treng, Preah Vihear, Oddar Meanchey, "
        "Koh Kong, Luzon, Visayas, Mindanao, Cebu, Leyte, Samar, Bohol, Negros, Panay, Palawan, Bicol, Ilocos, "
        "Cordillera, Calabarzon, Mimaropa, Soccsksargen, Caraga, Barmm"
    ).split(",")
)
# Words before or after a capitalised run that make it the name of an institution, not of a person
# ("CHU Sylvanus Olympio", "l'hôpital Principal", "Kantha Bopha Children's Hospital").
INSTITUTIONS = BLOCK | _folded_words(
    "chu chr chd chn cs csb csps cscom hopital hospital clinica clinique institut instituto programa programme "
    "maternite maternidade maternidad policlinica polyclinic polyclinique universite universidade colegio "
    "college lycee escola escuela faculdade facultad ngo"
)
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
    "discharge referral consent record records"
)
# Words before "from" or "to" that make the next capitalised word a person ("a call from", "belonged to").
FROM_PERSON = _folded_words("call calls text texts message messages email emails letter note visit sms voicemail")
TO_PERSON = _folded_words(
    "belonged belongs belong belonging talked talking spoke speaking explained handed married introduced "
    "listened replied wrote lent apologised apologized whispered"
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
