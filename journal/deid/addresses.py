"""Addresses: streets with a house number, house, plot and flat numbers, postcodes, and the villages,
neighbourhoods, informal settlements and municipal wards where a patient lives or comes from.

Cities and big towns, regions and countries are not identifiers. A place named after a residence or origin cue
("lives in", "brought her from", "the village of", "vive en la aldea", "habite à", "mora no bairro de") is
flagged only when it is none of those: not in ``words.TOWNS`` or ``words.PLACES``, not a country or a region of
the lists below, not an institution. With a ward, section or house number ("Bharatpur-12", "habite à Delmas 33")
even a town is an address. Numbered parts that follow an address ("Unité 15, villa 212", "quarteirão 14, casa
27") join it. The rules cover notes in English, Spanish, French and Portuguese.
"""

import re

from journal.deid.finding import Finding, flag
from journal.deid.words import BLOCK, CALENDAR, CLINICAL, FIRST_NAMES, FUNCTION, PLACES, TITLES, TOWNS, folded


def _phrases(text: str) -> frozenset[str]:
    """Comma-separated place names, folded: look runs of words up with ``folded``."""
    return frozenset(folded(name.strip()) for name in text.split(",") if name.strip())


# Countries of the world (GeoNames' English names), and their Spanish, French and Portuguese names where those differ.
_COUNTRIES = _phrases(
    "afghanistan, albania, algeria, andorra, angola, antigua, argentina, armenia, australia, austria, azerbaijan, "
    "bahamas, bahrain, bangladesh, barbados, belarus, belgium, belize, benin, bhutan, bolivia, bosnia, botswana, "
    "brazil, brunei, bulgaria, burkina faso, burundi, cambodia, cameroon, canada, cape verde, central african "
    "republic, chad, chile, china, colombia, comoros, congo, costa rica, croatia, cuba, cyprus, czechia, czech "
    "republic, denmark, djibouti, dominica, dominican republic, drc, east timor, timor leste, ecuador, egypt, "
    "el salvador, equatorial guinea, eritrea, estonia, eswatini, swaziland, ethiopia, fiji, finland, france, gabon, "
    "gambia, georgia, germany, ghana, greece, grenada, guatemala, guinea, guinea-bissau, guyana, haiti, honduras, "
    "hungary, iceland, india, indonesia, iran, iraq, ireland, israel, italy, ivory coast, jamaica, japan, jordan, "
    "kazakhstan, kenya, kiribati, kosovo, kuwait, kyrgyzstan, laos, latvia, lebanon, lesotho, liberia, libya, "
    "liechtenstein, lithuania, luxembourg, madagascar, malawi, malaysia, maldives, mali, malta, mauritania, "
    "mauritius, mexico, micronesia, moldova, monaco, mongolia, montenegro, morocco, mozambique, myanmar, burma, "
    "namibia, nauru, nepal, netherlands, holland, new zealand, nicaragua, niger, nigeria, north korea, north "
    "macedonia, norway, oman, pakistan, palestine, panama, papua new guinea, paraguay, peru, philippines, poland, "
    "portugal, puerto rico, qatar, romania, russia, rwanda, saint lucia, samoa, san marino, saudi arabia, senegal, "
    "serbia, seychelles, sierra leone, singapore, slovakia, slovenia, solomon islands, somalia, somaliland, south "
    "africa, south korea, korea, south sudan, spain, sri lanka, sudan, suriname, sweden, switzerland, syria, taiwan, "
    "tajikistan, tanzania, thailand, togo, tonga, trinidad, tunisia, turkey, turkmenistan, tuvalu, uganda, ukraine, "
    "united arab emirates, uae, united kingdom, uk, britain, great britain, england, scotland, wales, northern "
    "ireland, united states, usa, us, america, uruguay, uzbekistan, vanuatu, vatican, venezuela, vietnam, yemen, "
    "zambia, zimbabwe, "
    # Spanish
    "alemania, arabia saudita, argelia, bélgica, belice, brasil, camboya, camerún, canadá, chequia, chipre, corea, "
    "corea del sur, costa de marfil, croacia, dinamarca, ecuador, egipto, escocia, eslovaquia, eslovenia, españa, "
    "estados unidos, eeuu, ee.uu., etiopía, filipinas, finlandia, francia, gales, grecia, haití, holanda, hungría, "
    "inglaterra, irak, irlanda, islandia, italia, japón, jordania, kenia, líbano, malasia, marruecos, méxico, "
    "noruega, nueva zelanda, países bajos, panamá, perú, polonia, reino unido, república dominicana, república "
    "checa, rumania, rumanía, rusia, sudáfrica, suecia, suiza, tailandia, turquía, ucrania, "
    # French
    "afrique du sud, algérie, allemagne, angleterre, arabie saoudite, autriche, belgique, bénin, bolivie, brésil, "
    "cambodge, cameroun, chili, chine, colombie, corée, côte d'ivoire, danemark, écosse, égypte, équateur, espagne, "
    "états-unis, éthiopie, finlande, gambie, grèce, guinée, haïti, hongrie, inde, indonésie, irlande, islande, "
    "italie, japon, jordanie, liban, libye, malaisie, maroc, mauritanie, mexique, mozambique, namibie, niger, "
    "norvège, nouvelle-zélande, ouganda, pays-bas, pérou, pologne, roumanie, royaume-uni, russie, sénégal, suède, "
    "suisse, syrie, tanzanie, tchad, thaïlande, tunisie, turquie, zambie, "
    # Portuguese
    "áfrica do sul, alemanha, argélia, bélgica, bolívia, cabo verde, camarões, canadá, colômbia, dinamarca, "
    "escócia, espanha, estados unidos, etiópia, frança, grécia, guiné, guiné-bissau, holanda, índia, inglaterra, "
    "irlanda, itália, japão, marrocos, moçambique, noruega, nova zelândia, países baixos, polónia, polônia, quénia, "
    "quênia, reino unido, rússia, são tomé e príncipe, são tomé, suécia, suíça, tanzânia, timor-leste, turquia, "
    "ucrânia, zâmbia, zimbabué, malaui, ruanda"
)
# First-level divisions of the countries interns are placed in (each list complete for its country: Kenya's
# counties, Tanzania's regions, Nepal's provinces and districts, Brazil's states, Peru's regions...), US states,
# Canadian provinces, Australian states, and regions of the world. Notes name them as places, not addresses.
_REGIONS = _phrases(
    # Kenya: counties and former provinces
    "mombasa, kwale, kilifi, tana river, lamu, taita taveta, garissa, wajir, mandera, marsabit, isiolo, meru, "
    "tharaka nithi, embu, kitui, machakos, makueni, nyandarua, nyeri, kirinyaga, murang'a, kiambu, turkana, west "
    "pokot, samburu, trans nzoia, uasin gishu, elgeyo marakwet, nandi, baringo, laikipia, nakuru, narok, kajiado, "
    "kericho, bomet, kakamega, vihiga, bungoma, busia, siaya, kisumu, homa bay, migori, kisii, nyamira, nairobi, "
    "rift valley, nyanza, north eastern, "
    # Tanzania: regions
    "arusha, dar es salaam, dodoma, geita, iringa, kagera, katavi, kigoma, kilimanjaro, lindi, manyara, mara, "
    "mbeya, morogoro, mtwara, mwanza, njombe, pemba, pwani, rukwa, ruvuma, shinyanga, simiyu, singida, songwe, "
    "tabora, tanga, unguja, zanzibar, "
    # Uganda: regions and sub-regions; Rwanda: provinces
    "buganda, busoga, bukedi, bugisu, acholi, lango, teso, karamoja, west nile, ankole, kigezi, toro, bunyoro, "
    "kigali, "
    # Ethiopia: regions
    "tigray, afar, amhara, oromia, somali, benishangul-gumuz, snnpr, gambela, harari, sidama, dire dawa, "
    # Malawi: regions and districts
    "chitipa, karonga, likoma, mzimba, nkhata bay, rumphi, dedza, dowa, kasungu, lilongwe, mchinji, nkhotakota, "
    "ntcheu, ntchisi, salima, balaka, blantyre, chikwawa, chiradzulu, machinga, mangochi, mulanje, nsanje, "
    "thyolo, phalombe, zomba, neno, "
    # Zambia and Zimbabwe: provinces
    "copperbelt, luapula, lusaka, muchinga, north-western, bulawayo, harare, manicaland, mashonaland central, "
    "mashonaland east, mashonaland west, masvingo, matabeleland north, matabeleland south, midlands, "
    # Mozambique: provinces
    "cabo delgado, gaza, inhambane, manica, maputo, nampula, niassa, sofala, tete, zambézia, "
    # Ghana: regions
    "ahafo, ashanti, bono, bono east, brong ahafo, greater accra, north east, oti, savannah, upper east, "
    "upper west, volta, western north, "
    # Nigeria: states
    "abia, adamawa, akwa ibom, anambra, bauchi, bayelsa, benue, borno, cross river, delta, ebonyi, edo, ekiti, "
    "enugu, gombe, imo, jigawa, kaduna, kano, katsina, kebbi, kogi, kwara, lagos, nasarawa, ogun, ondo, osun, "
    "oyo, plateau, rivers, sokoto, taraba, yobe, zamfara, fct, "
    # Senegal, Cameroon, Haiti: regions and departments
    "dakar, diourbel, fatick, kaffrine, kaolack, kédougou, kolda, louga, matam, saint-louis, sédhiou, "
    "tambacounda, thiès, ziguinchor, casamance, adamaoua, centre, est, extrême-nord, littoral, nord, nord-ouest, "
    "ouest, sud, sud-ouest, artibonite, grand'anse, grande-anse, nippes, nord-est, sud-est, "
    # Nepal: provinces and districts
    "koshi, madhesh, bagmati, gandaki, lumbini, karnali, sudurpashchim, sudurpaschim, terai, tarai, taplejung, "
    "panchthar, ilam, jhapa, morang, sunsari, dhankuta, terhathum, sankhuwasabha, bhojpur, solukhumbu, "
    "okhaldhunga, khotang, udayapur, saptari, siraha, dhanusha, mahottari, sarlahi, rautahat, bara, parsa, "
    "sindhuli, ramechhap, dolakha, sindhupalchok, sindhupalchowk, kavrepalanchok, kavre, lalitpur, bhaktapur, "
    "kathmandu, nuwakot, rasuwa, dhading, makwanpur, chitwan, gorkha, lamjung, tanahun, syangja, kaski, manang, "
    "mustang, myagdi, parbat, baglung, nawalpur, nawalparasi, parasi, rupandehi, kapilvastu, kapilbastu, palpa, "
    "arghakhanchi, gulmi, dang, banke, bardiya, pyuthan, rolpa, rukum, salyan, dolpa, humla, jumla, kalikot, "
    "mugu, surkhet, dailekh, jajarkot, achham, bajhang, bajura, doti, kailali, kanchanpur, dadeldhura, baitadi, "
    "darchula, "
    # India: states and union territories; Bangladesh: divisions; Pakistan: provinces; Sri Lanka: provinces
    "andhra pradesh, arunachal pradesh, assam, bihar, chhattisgarh, goa, gujarat, haryana, himachal pradesh, "
    "jharkhand, karnataka, kerala, madhya pradesh, maharashtra, manipur, meghalaya, mizoram, nagaland, odisha, "
    "orissa, punjab, rajasthan, sikkim, tamil nadu, telangana, tripura, uttar pradesh, uttarakhand, west bengal, "
    "andaman, nicobar, chandigarh, dadra, nagar haveli, daman, diu, delhi, jammu, kashmir, ladakh, lakshadweep, "
    "puducherry, pondicherry, barisal, barishal, chittagong, chattogram, dhaka, khulna, mymensingh, rajshahi, "
    "rangpur, sylhet, sindh, khyber pakhtunkhwa, balochistan, gilgit-baltistan, islamabad, north central, "
    "north western, sabaragamuwa, uva, "
    # Cambodia: provinces
    "banteay meanchey, battambang, kampong cham, kampong chhnang, kampong speu, kampong thom, kampot, kandal, "
    "kep, koh kong, kratie, mondulkiri, oddar meanchey, pailin, phnom penh, preah sihanouk, preah vihear, "
    "prey veng, pursat, ratanakiri, siem reap, stung treng, svay rieng, takeo, tbong khmum, "
    # Philippines: island groups, regions and provinces
    "luzon, visayas, mindanao, metro manila, ncr, ilocos, cagayan valley, central luzon, calabarzon, mimaropa, "
    "bicol, western visayas, central visayas, eastern visayas, zamboanga peninsula, northern mindanao, davao, "
    "soccsksargen, caraga, bangsamoro, barmm, cordillera, abra, agusan del norte, agusan del sur, aklan, albay, "
    "antique, apayao, aurora, basilan, bataan, batanes, batangas, benguet, biliran, bohol, bukidnon, bulacan, "
    "cagayan, camarines norte, camarines sur, camiguin, capiz, catanduanes, cavite, cebu, cotabato, davao de oro, "
    "davao del norte, davao del sur, davao occidental, davao oriental, dinagat islands, eastern samar, guimaras, "
    "ifugao, ilocos norte, ilocos sur, iloilo, isabela, kalinga, la union, laguna, lanao del norte, lanao del sur, "
    "leyte, maguindanao, marinduque, masbate, misamis occidental, misamis oriental, mountain province, negros "
    "occidental, negros oriental, northern samar, nueva ecija, nueva vizcaya, occidental mindoro, oriental mindoro, "
    "palawan, pampanga, pangasinan, quezon, quirino, rizal, romblon, samar, sarangani, siquijor, sorsogon, south "
    "cotabato, southern leyte, sultan kudarat, sulu, surigao del norte, surigao del sur, tarlac, tawi-tawi, "
    "zambales, zamboanga del norte, zamboanga del sur, zamboanga sibugay, "
    # Peru: regions; Bolivia: departments; Ecuador: provinces
    "amazonas, áncash, apurímac, arequipa, ayacucho, cajamarca, callao, cusco, huancavelica, huánuco, ica, junín, "
    "la libertad, lambayeque, lima, loreto, madre de dios, moquegua, pasco, piura, puno, san martín, tacna, tumbes, "
    "ucayali, beni, chuquisaca, cochabamba, la paz, oruro, pando, potosí, santa cruz, tarija, azuay, bolívar, "
    "cañar, carchi, chimborazo, cotopaxi, el oro, esmeraldas, galápagos, guayas, imbabura, loja, los ríos, manabí, "
    "morona santiago, napo, orellana, pastaza, pichincha, santa elena, santo domingo, sucumbíos, tungurahua, "
    "zamora chinchipe, "
    # Colombia: departments
    "antioquia, arauca, atlántico, boyacá, caldas, caquetá, casanare, cauca, cesar, chocó, córdoba, cundinamarca, "
    "guainía, guaviare, huila, la guajira, magdalena, meta, nariño, norte de santander, putumayo, quindío, "
    "risaralda, san andrés, santander, sucre, tolima, valle del cauca, vaupés, vichada, "
    # Guatemala, Honduras, Nicaragua: departments
    "alta verapaz, baja verapaz, chimaltenango, chiquimula, el progreso, escuintla, huehuetenango, izabal, "
    "jalapa, jutiapa, petén, quetzaltenango, quiché, el quiché, retalhuleu, sacatepéquez, san marcos, santa rosa, "
    "sololá, suchitepéquez, totonicapán, zacapa, atlántida, choluteca, colón, comayagua, copán, cortés, "
    "el paraíso, francisco morazán, gracias a dios, intibucá, islas de la bahía, lempira, ocotepeque, olancho, "
    "santa bárbara, valle, yoro, boaco, carazo, chinandega, chontales, estelí, granada, jinotega, león, madriz, "
    "managua, masaya, matagalpa, nueva segovia, río san juan, rivas, "
    # Brazil: states and regions
    "acre, alagoas, amapá, bahia, ceará, distrito federal, espírito santo, goiás, maranhão, mato grosso, "
    "mato grosso do sul, minas gerais, pará, paraíba, paraná, pernambuco, piauí, rio de janeiro, rio grande do "
    "norte, rio grande do sul, rondônia, roraima, santa catarina, são paulo, sergipe, tocantins, nordeste, "
    "sudeste, centro-oeste, sertão, amazônia, "
    # Mexico: states
    "aguascalientes, baja california, baja california sur, campeche, chiapas, chihuahua, coahuila, colima, "
    "durango, guanajuato, guerrero, hidalgo, jalisco, michoacán, morelos, nayarit, nuevo león, oaxaca, puebla, "
    "querétaro, quintana roo, san luis potosí, sinaloa, sonora, tabasco, tamaulipas, tlaxcala, veracruz, "
    "yucatán, zacatecas, ciudad de méxico, cdmx, "
    # United States, Canada, Australia
    "alabama, alaska, arizona, arkansas, california, colorado, connecticut, delaware, district of columbia, "
    "florida, hawaii, idaho, illinois, indiana, iowa, kansas, kentucky, louisiana, maine, maryland, "
    "massachusetts, michigan, minnesota, mississippi, missouri, montana, nebraska, nevada, new hampshire, "
    "new jersey, new mexico, new york, north carolina, north dakota, ohio, oklahoma, oregon, pennsylvania, "
    "rhode island, south carolina, south dakota, tennessee, texas, utah, vermont, virginia, washington, "
    "west virginia, wisconsin, wyoming, alberta, british columbia, manitoba, new brunswick, newfoundland, "
    "labrador, nova scotia, ontario, prince edward island, quebec, québec, saskatchewan, yukon, nunavut, "
    "northwest territories, new south wales, queensland, south australia, tasmania, victoria, western australia, "
    "northern territory, "
    # Regions of the world
    "latin america, south america, central america, north america, caribbean, west africa, east africa, "
    "southern africa, central africa, north africa, sub-saharan africa, horn of africa, sahel, middle east, "
    "south asia, southeast asia, east asia, scandinavia, balkans, patagonia, amazonia, altiplano, himalaya"
)
# Words after a name that make it a division, not a village: "Sindhupalchok district", "Cusco region".
_AREA = _phrases(
    "district, districts, province, provinces, region, regions, state, states, county, counties, sub-county, "
    "department, division, governorate, prefecture, municipality, metropolitan, city, town, capital, valley, "
    "distrito, provincia, región, departamento, municipio, estado, ciudad, cantón, département, préfecture, "
    "ville, commune, arrondissement, município, cidade, província, região, concelho"
)
# Compass words open region names: "Northern Province", "Upper West", "Greater Accra".
_DIRECTIONS = _phrases(
    "north, south, east, west, northern, southern, eastern, western, central, upper, lower, greater, inner, "
    "outer, norte, sur, este, oeste, nord, sud, est, ouest, sul, leste, centro"
)
# Saints and "Villa" open the names of big districts ("San Juan de Lurigancho", "Villa El Salvador"): after a
# "lives in" or "from" they need a house or ward number to be an address.
_DISTRICT_OPENERS = _phrases("san, santa, santo, são, sao, saint, sainte, st, villa, ville, vila")
# Months and weekdays of Spanish, French and Portuguese (English ones are in ``words.CALENDAR``).
_CALENDAR_OTHER = _phrases(
    "enero, febrero, marzo, abril, mayo, junio, julio, agosto, septiembre, setiembre, octubre, noviembre, "
    "diciembre, lunes, martes, miércoles, jueves, viernes, sábado, domingo, janvier, février, mars, avril, mai, "
    "juin, juillet, août, septembre, octobre, novembre, décembre, lundi, mardi, mercredi, jeudi, vendredi, samedi, "
    "dimanche, janeiro, fevereiro, março, maio, junho, julho, setembro, outubro, novembro, dezembro, "
    "segunda, terça, quarta, quinta, sexta"
)
# Function words of Spanish, French and Portuguese: capitalised inside a run, they make it an organisation's name.
_FUNCTION_OTHER = _phrases(
    "y, e, o, u, ou, et, ni, en, no, na, em, com, sem, sans, avec, pour, par, sur, sous, dans, chez, entre, para, "
    "por, con, sin, sobre, hacia, hasta, pelo, pela, aux, au, un, une, uno, una, um, uma, lo"
)
# Words that open a street or a numbered part of an address, hospital units, school classes, number words and
# company words: "from Recovery", "from Paeds", "from Standard Seven", "from Equity Bank" name no village.
_NOT_PLACE = _phrases(
    "house, plot, flat, apt, apartment, stand, block, door, room, gali, erf, kebele, purok, sector, unit, lot, "
    "rua, calle, avenida, av, avda, jr, jirón, pasaje, psje, carrera, rue, avenue, travessa, alameda, estrada, "
    "mz, manzana, lt, lote, quadra, casa, villa, unité, quarteirão, ward, box, bed, post, zona, zone, "
    "recovery, outpatients, outpatient, opd, paeds, peds, gynae, gyne, obs, ortho, orthopaedics, orthopedics, "
    "neuro, neurosurgery, urology, ent, dental, eye, renal, dialysis, burns, isolation, nursery, accident, "
    "resus, resuscitation, antenatal, postnatal, postnatal, physio, physiotherapy, imaging, x-ray, records, "
    "admissions, reception, mortuary, stores, kitchen, chapel, nicu, picu, hdu, icu, scbu, labour, theatres, "
    "medical, surgical, standard, form, grade, class, year, level, primary, secondary, "
    "one, two, three, four, five, six, seven, eight, nine, ten, eleven, twelve, "
    "bank, power, company, ltd, limited, inc, group, corporation, airways, airlines, telecom, motors, church"
)
# Nouns for the places people live in, before the place's name: in English with "of", "called" or "named"
# ("the village of X"), in Spanish, French and Portuguese also without ("la aldea X", "le quartier X").
_SETTLEMENT_EN = r"village|hamlet|settlement|slum|community|compound|neighbou?rhood|township|suburb|locality"
_SETTLEMENT_OTHER = (
    r"aldea|caser[ií]o|comunidad|barrio|colonia|anexo|asentamiento(?:\s+humano)?|centro\s+poblado|pueblo\s+joven"
    r"|vereda|quartier|cit[ée]|localit[ée]|hameau|bairro|aldeia|comunidade|povoado|favela|vila|morro"
)
_SETTLEMENT_BEFORE = (
    rf"(?:{_SETTLEMENT_EN})\s+(?:of|called|named)\s+"
    r"|(?:" + _SETTLEMENT_OTHER + r")\s+(?:(?:de|del|do|da|dos|das|du|des|d['’])\s*)?"
)
# The same nouns after the name: "Ta Sek village", "Kanyama compound"; capitalised, they are part of it.
_SETTLEMENT_AFTER = r"village|compound|slum|settlement|informal\s+settlement|township|neighbou?rhood|community"
_SETTLEMENT_NOUNS = _phrases("village, compound, slum, settlement, township, neighbourhood, neighborhood, community")
# Nouns naming a person just before "from": "the boy from X", "her grandson from X".
_PERSON = frozenset(
    "boy girl man woman lady gentleman child kid kids baby infant toddler teenager adolescent patient patients "
    "family families mother father mum mom dad son daughter wife husband brother sister aunt uncle grandmother "
    "grandfather grandma grandpa granny grandson granddaughter grandchild grandchildren niece nephew cousin twins "
    "twin farmer fisherman trader teacher student pupil worker labourer laborer people men women children boys "
    "girls couple elder widow orphan mzee neighbour neighbor one someone everyone".split()
)
# Nouns that make "from X" a person: "a call from X", "a message from X".
_MESSAGE = frozenset(
    "call calls phone text texts message messages email emails letter letters note notes news word gift gifts "
    "advice help permission visit visits update updates feedback report sms whatsapp voicemail donation request "
    "complaint complaints card cards thanks".split()
)
# Verbs of coming or being brought, whose "from X" names where a patient lives.
_MOVING = re.compile(
    r"\b(?:came|come|comes|coming|walked|walks|walking|brought|brings|bringing|carried|carries|carrying"
    r"|travell?ed|travels|trekked|rode|arrived|arrives|moved|fled|migrated|hiked|journeyed|drove|cycled|returned"
    r"|referred|transferred|evacuated|rushed|transported)\b",
    re.IGNORECASE,
)

# A capitalised word of letters (no digits), and a run of up to four joined by spaces and particles ("de la").
_WORD = r"[A-ZÀ-ÖØ-Þ][^\W\d_]*(?:['’-][^\W\d_]+)*"
_PARTICLES = frozenset("de del da do dos das la las los el des du".split())
_PARTICLE = rf"(?:{'|'.join(sorted(_PARTICLES))})"
_NAME = rf"{_WORD}(?: (?:{_PARTICLE} )?{_WORD}| d['’]{_WORD}){{0,3}}"
_LOCAL = rf"(?P<place>{_NAME})"
_LINK = r"(?:(?:de|del|do|da|dos|das|du|des|d['’])\s*)"
_ARTICLE = r"(?:(?:the|la|el|los|las|le|les|l['’]|o|a|os|as)\s*)"


def _gate(words: str) -> frozenset[str]:
    """The lower-case words one of which a rule's match must start with: the rule is tried only there."""
    return frozenset(words.split())


# Cues before a village's name, from weak to strong: an origin (the name may be a person's or a big town's),
# a residence (a number after the name makes even a town an address), a settlement noun, a settlement prefix
# that is part of the name ("Barangay San Isidro", "AA.HH. Nueva Esperanza", "Jardim Primavera").
_ORIGIN, _RESIDENCE, _SETTLEMENT, _PREFIX = range(4)
_CUES = [
    (_ORIGIN, None, re.compile(r"\bfrom\s+(?=[A-ZÀ-Þ])")),
    (
        _ORIGIN,
        _gate(
            "desde vino viene vienen vinieron venía venia llegó llego llegaron bajó bajo bajaron veio vem vieram vinha "
            "chegou chegaram desceu vient viennent venu venue venus venues arrivé arrive arrivée arrivee arrivés "
            "arrives arrivées arrivees originaire originaires originario originaria originarios originarias natural "
            "oriundo oriunda oriundos oriundas"
        ),
        re.compile(  # es/pt/fr "desde X", "vino de X", "veio de X", "vient de X", "originaire de X"
            r"\b(?:desde|(?i:vino|viene|vienen|vinieron|ven[ií]a|lleg[oó]|llegaron|baj[oó]|bajaron|veio|vem|vieram"
            r"|vinha|chegou|chegaram|desceu|vient|viennent|venu|venue|venus|venues|arriv[ée]e?s?|originaires?"
            r"|originari[oa]s?|natural|oriund[oa]s?)\s+(?:de|desde|du|do|da|d['’]))\s*(?=[A-ZÀ-Þ])"
        ),
    ),
    (
        _RESIDENCE,
        _gate(
            "lives live living lived stays staying stayed resides residing resided settled based home compound house "
            "hut homestead shack room farm family families vive viven vivía vivia vivían vivian reside residen radica "
            "habite habitent habitait habitaient vit vivent vivait réside résident resident demeure demeurent mora "
            "moram morava moravam vivem residem"
        ),
        re.compile(
            r"(?i:\b(?:lives|live|living|lived|stays|staying|stayed|resides|residing|resided|settled|based)\s+(?:in|at)"
            r"|\bhome\s+(?:is\s+)?in|\b(?:compound|house|hut|homestead|shack|room|farm|family|families)\s+(?:is\s+)?in"
            r"|\b(?:vive|viven|viv[ií]a|viv[ií]an|reside|residen|radica)\s+en"
            r"|\b(?:habite|habitent|habitait|habitaient|vit|vivent|vivait|r[ée]side|r[ée]sident|demeure|demeurent)"
            r"(?:\s+(?:à|a|au|aux|en|dans))?"
            r"|\b(?:mora|moram|morava|moravam|vive|vivem|vivia|residem)\s+(?:em|no|na|nos|nas|num|numa))\s+"
            rf"{_ARTICLE}?(?P<noun>{_SETTLEMENT_BEFORE})?(?=[A-ZÀ-Þ])"
        ),
    ),
    (
        _SETTLEMENT,
        _gate(
            "village hamlet settlement slum community compound neighbourhood neighborhood township suburb locality "
            "aldea caserío caserio comunidad barrio colonia anexo asentamiento centro pueblo vereda quartier cité "
            "cite localité localite hameau bairro aldeia comunidade povoado favela vila morro"
        ),
        re.compile(rf"\b(?:{_SETTLEMENT_BEFORE})(?=[A-ZÀ-Þ])"),
    ),
    (
        _PREFIX,
        _gate(
            "barangay brgy jardim vila conjunto cité cite colonia aa a asentamiento urb urbanización urbanizacion p "
            "pueblo favela comunidad comunidade aldea aldeia"
        ),
        re.compile(
            r"\b(?:Barangay|Brgy\.|Jardim|Vila|Conjunto(?: Habitacional)?|Cit[ée]|Colonia|AA\.\s?HH\.|A\.\s?H\."
            r"|Asentamiento Humano|Urb\.|Urbanizaci[oó]n|P\.\s?J\.|Pueblo Joven|Favela|Comunidad|Comunidade|Aldea"
            rf"|Aldeia)\s+{_LINK}?(?=[A-ZÀ-Þ])"
        ),
    ),
]
# A name, then a ward, section or house number: "Delmas 33", "Bharatpur-12" (not "5 km", "3 days").
_WARD_NUMBER = re.compile(
    r"(?:-\d{1,2}|\s\d{1,3})\b(?![-/.,]?\d)(?!\s*(?:km|kilomet|mile|min|hour|hr|day|week|month|year|%|h\b|am\b|pm\b))"
)
_NAME_THEN = re.compile(_LOCAL)
_SUFFIXED = re.compile(  # "from Ta Sek village", "in Chipata Compound"
    rf"(?=[A-ZÀ-ÖØ-Þ])(?<![Aa] )(?<![Aa]n ){_LOCAL}"
    rf"(?P<noun>\s+(?:{_SETTLEMENT_AFTER})|\s+(?:Compound|Slum|Settlement))\b"
)
_TOWN_WARD = re.compile(  # a known town and its ward: "Bharatpur-12", "Hetauda ward 4", "ward 5 of Lekhnath"
    rf"\b(?P<place>{_WORD})(?:-\d{{1,2}}|\s+[Ww](?:ar)?d\.?\s+(?:[Nn]o\.?\s*)?\d{{1,2}})\b(?![-/.]?\d)"
    rf"|\b[Ww]ard\s+(?:[Nn]o\.?\s*)?\d{{1,2}},?\s+(?:of|in)\s+(?P<ofplace>{_NAME})"
)
_WORDS = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_LETTERS = re.compile(r"[^\W\d_]+")


def _word_starts(text: str) -> dict[str, list[int]]:
    """Where each lower-case word of the text starts: rules with a gate are tried at those places only (speed)."""
    starts: dict[str, list[int]] = {}
    for m in _LETTERS.finditer(text):
        starts.setdefault(m.group().lower(), []).append(m.start())
    return starts


def _matches(text: str, starts: dict[str, list[int]], gate: frozenset[str] | None, rx: re.Pattern):
    """Every match of ``rx`` in the text; with a gate, only those starting at one of its words."""
    if gate is None:
        yield from rx.finditer(text)
        return
    for word in gate & starts.keys():
        for at in starts[word]:
            m = rx.match(text, at)
            if m:
                yield m


def _next_words(text: str, end: int) -> list[str]:
    """Up to three folded words after ``end`` in the same clause, stopping at a function word."""
    out = []
    for m in _WORDS.finditer(text[end : end + 60]):
        if re.search(r"[.;:!?,(]", text[end : end + m.start()]):
            break
        word = folded(m.group())
        if word in FUNCTION or len(out) == 3:
            break
        out.append(word)
    return out


def _stop(word: str) -> bool:
    """A capitalised word that ends a place name: a function word, a month or a weekday, a title."""
    low = folded(word)
    return low in FUNCTION or low in _FUNCTION_OTHER or low in CALENDAR or low in _CALENDAR_OTHER or word in TITLES


def _unknown(word: str) -> bool:
    """A capitalised word that may name a village: not an acronym, a possessive or a known kind of word."""
    low = folded(word)
    return not (
        len(word) == 1
        or word.isupper()
        or word[-2:] in ("'s", "’s")
        or low in BLOCK
        or low in CLINICAL
        or low in _NOT_PLACE
        or low in PLACES
        or low in _COUNTRIES
    )


def _place_end(text: str, start: int, end: int, strength: int) -> int | None:
    """End of the village or neighbourhood name that text[start:end] opens, or None when it names none.

    The run stops at a month or a title; a function word inside it makes it a longer proper name ("Partners In
    Health"). It is not a village when a word is an institution, street, clinical or address word, a country or a
    known place, an acronym or a possessive; when a number follows (that is the residence cues' business); when
    the next words make it a division or an institution ("district", "health centre"); when the whole run is a
    region or a country, or, after an origin or residence cue, a town; and, after those cues too, when it opens
    with a saint, "Villa" or a compass word ("San Juan de Lurigancho", "North Kivu"), or, after an origin, with a
    given name ("a gift from Amina").
    """
    words = list(_WORDS.finditer(text, start, end))
    for i, w in enumerate(words):
        if w.group()[0].isupper() and _stop(w.group()):
            if i + 1 < len(words) and (folded(w.group()) in FUNCTION or folded(w.group()) in _FUNCTION_OTHER):
                return None
            words = words[:i]
            break
    while words and words[-1].group() in _PARTICLES:
        words.pop()  # a particle left at the end: "San Juan de" before a stop word
    if not words:
        return None
    end = words[-1].end()
    caps = [w.group() for w in words if w.group()[0].isupper()]
    if text.startswith(("'s", "’s"), end) or re.match(r"[\s-]?\d", text[end : end + 2]):
        return None
    if not all(map(_unknown, caps)):
        return None
    if any((w in BLOCK or w in _AREA) and w not in _SETTLEMENT_NOUNS for w in _next_words(text, end)):
        return None
    run, first = folded(text[start:end]), folded(caps[0])
    if strength < _PREFIX and (run in _REGIONS or run in _COUNTRIES):
        return None
    if strength <= _RESIDENCE and (run in TOWNS or first in _DISTRICT_OPENERS or first in _DIRECTIONS):
        return None
    if strength == _ORIGIN and first in FIRST_NAMES:
        return None
    return end


def _is_origin(text: str, at: int) -> bool:
    """True when the "from" at ``at`` tells where someone comes from, not who sent something.

    "the boy from", "Halima, 16, from", "a baby, 3 weeks old, from", "is from", or a verb of coming within eight
    words before it; never "a call from" or "a message from".
    """
    before = re.split(r"[.;:!?\n]", text[max(0, at - 120) : at])[-1]
    words = re.findall(r"[\w'’-]+", before.lower())
    if not words or words[-1] in _MESSAGE:
        return False
    if words[-1] in _PERSON or words[-1].endswith("old") or words[-1] in ("is", "was", "are", "were", "originally"):
        return True
    if re.search(r",\s*\d{1,3}\s*,\s*$", before):
        return True
    window = words[-9:]
    moving = [i for i, w in enumerate(window) if _MOVING.fullmatch(w)]
    return bool(moving) and not any(w in _MESSAGE for w in window[moving[-1] :])


def _cued(text: str, strength: int, m: re.Match) -> list[int] | None:
    """The span of the place named after the cue ``m``, or None.

    After a residence or settlement cue, a ward or house number ("habite à Delmas 33") or a numbered part
    ("quartier Médina, lot 112") makes the name an address even when it is a town's.
    """
    name = _NAME_THEN.match(text, m.end())
    if not name:
        return None
    start = m.start() if strength == _PREFIX else name.start()
    if strength in (_RESIDENCE, _SETTLEMENT) and not any(_stop(w) for w in name.group().split()):
        number = _WARD_NUMBER.match(text, name.end()) if strength == _RESIDENCE else None
        if number or _PART.match(text, name.end()):
            return [start, number.end() if number else name.end()]
    end = _place_end(text, name.start(), name.end(), strength)
    return [start, end] if end else None


def _localities(text: str, starts: dict[str, list[int]]) -> list[list[int]]:
    """Villages, settlements and neighbourhoods named after a cue, before a settlement noun, or before "-born"."""
    spans = []
    for strength, gate, cue in _CUES:
        for m in _matches(text, starts, gate, cue):
            if strength == _ORIGIN and m.group().startswith("from") and not _is_origin(text, m.start()):
                continue
            span = _cued(text, _SETTLEMENT if "noun" in cue.groupindex and m["noun"] else strength, m)
            if span:
                spans.append(span)
    for m in _SUFFIXED.finditer(text):
        capital = m["noun"].strip()[0].isupper()
        end = _place_end(text, m.start("place"), m.end("place"), _PREFIX if capital else _SETTLEMENT)
        if end == m.end("place"):
            spans.append([m.start("place"), m.end() if capital else end])
    for m in re.finditer(rf"\b{_WORD}(?=-born\b)", text):  # "a Kibera-born nurse"
        end = _place_end(text, m.start(), m.end(), _ORIGIN)
        if end:
            spans.append([m.start(), end])
    return spans


def _wards(text: str) -> list[list[int]]:
    """A known town with its ward number: "Bharatpur-12", "Hetauda ward 4", "ward 5 of Lekhnath"."""
    spans = []
    for m in _TOWN_WARD.finditer(text):
        if m["place"] and folded(m["place"]) in TOWNS:
            spans.append([m.start(), m.end()])
        elif m["ofplace"] and not any(w in BLOCK for w in map(folded, m["ofplace"].split())):
            if not any(w in BLOCK for w in _next_words(text, m.end())):
                spans.append([m.start(), m.end()])
    return spans


# Street types that follow the name ("Ring Road", "Tilak Nagar"), and those that open it in es/pt/fr ("Jr.").
_STREET = (
    r"(?:Street|St|Road|Rd|Avenue|Ave|Lane|Ln|Drive|Close|Crescent|Way|Boulevard|Blvd|Highway|Hwy|Place|Court"
    r"|Terrace|Gardens|Square|Hill|Grove|Marg|Nagar|Colony|Estate|Parade|Walk|Mews|Circle)\b\.?"
)
_STREET_FIRST = (
    r"(?i:calle|avenida|av\.|avda\.|jr\.|jir[oó]n|pasaje|psje\.|pje\.|carrera|rua|travessa|trav\.|alameda|estrada"
    r"|rodovia|calzada|camino|prolongaci[oó]n|prol\.|rue)"
)
# A word of a street's name: capitalised, a particle, or a small number ("Rua 7 de Setembro").
_STREET_WORD = rf"(?:{_WORD}\.?|\d{{1,3}}|{_PARTICLE}|d['’]{_WORD})"
_CAP = r"[A-ZÀ-Ý][\w'’-]*\.?"
# Each finds a whole address, or its identifying ``part``.
_ADDRESSES = [
    (None, re.compile(rf"\b\d{{1,5}}[A-Za-z]?,?\s+(?:{_CAP}\s+){{1,4}}{_STREET}")),  # "14 Adeniran Ogunsanya Street"
    (
        _gate(
            "calle avenida av avda jr jirón jiron pasaje psje pje carrera rua travessa trav alameda estrada "
            "rodovia calzada camino prolongación prolongacion prol rue"
        ),
        re.compile(  # name, then number: "Jr. Ayacucho 418", "Rua das Acácias, 120" (not "Avenida 24 de Julho")
            rf"\b{_STREET_FIRST}\s+(?:{_STREET_WORD}\s+){{0,4}}{_STREET_WORD},?\s+(?:(?:n[º°o]\.?|#)\s*)?\d{{1,5}}[A-Za-z]?\b"
            r"(?![-/.]?\d)"
        ),
    ),
    (
        _gate("calle carrera cra avenida av diagonal transversal"),
        re.compile(  # a Colombian grid address: "Calle 45 # 12-34", "Carrera 7 No. 45-12"
            r"\b(?i:calle|carrera|cra\.|avenida|av\.|diagonal|transversal)\s+\d{1,3}\s?[A-Z]?\s*(?:#|No\.?|n[º°o]\.?)\s*"
            r"\d{1,3}\s?[A-Z]?\s*-\s*\d{1,3}\b"
        ),
    ),
    (
        None,
        re.compile(  # the number first, in French: "12 rue des Lilas", "45 bis avenue Cheikh Anta Diop"
            r"\b\d{1,4}(?:\s?(?:bis|ter))?,?\s+(?i:rue|avenue|av\.|boulevard|bd|all[ée]e|impasse|chemin|route|place"
            rf"|quai|cours|ruelle)\s+(?:(?:de la|de l['’]|de|du|des|d['’])\s*)?{_WORD}(?:\s+{_WORD}){{0,3}}"
        ),
    ),
    (
        _gate(
            "plot house flat apt apartment door sector stand gali erf kebele purok quadra qd quarteirão "
            "quarteirao p po mz mza manzana b bp boîte boite caixa apartado"
        ),
        re.compile(  # house, plot, flat, stand and box numbers, Peruvian blocks ("Mz. B"), French boxes ("BP 1234")
            r"\b(?:Plot|House|Flat|Apt\.?|Apartment|Door|Sector|Stand|Gali|Erf|Kebele|Purok|Quadra|Qd\.|[Qq]uarteir[ãa]o)"
            r"\s+(?:(?:No\.?|n[º°o]\.?|#)\s*)?\d{1,5}[A-Za-z]?\b"
            r"|(?i:\b(?:house|plot|flat|stand|door)\s+(?:no\.?|number|#)\s*\d{1,5}[a-z]?\b)"
            r"|\bP\.?\s?O\.?\s+Box\s+\d{1,6}(?:-\d{5})?\b"
            r"|\b(?:Mza?\.?|Manzana)\s?(?:[A-Z]\d{0,2}|\d{1,3})\b"
            r"|\b(?:B\.\s?P\.|BP)\s?\d{4,5}\b(?![/.,]?\d)"
            r"|(?i:\bbo[iî]te postale\s+\d{1,5}\b|\bcaixa postal\s+\d{1,6}\b|\bapartado postal\s+\d{1,6}\b)"
        ),
    ),
    (
        _gate("lives living live stays staying resides residing home house address"),
        re.compile(  # a street without a number, after a cue: "lives on Ring Road"
            r"(?i:\b(?:lives|living|live|stays|staying|resides|residing|home|house|address)\b)\s+(?:is\s+|are\s+)?"
            rf"(?:(?:on|at|in|off|near)\s+)?(?:the\s+)?(?P<part>(?:{_CAP}\s+){{1,4}}{_STREET})"
        ),
    ),
    (
        _gate("post postcode zip zipcode postal pin código codigo code cep"),
        re.compile(  # a postcode after its label: "PIN code 560034", "CEP 13045-210"
            r"(?i:\b(?:post\s?code|zip(?:\s?code)?|postal code|pin code|c[oó]digo postal|code postal|cep)\b)"
            r"\W{0,3}(?:(?:is|was|es|est|é)\s+)?(?P<part>\d{5}-\d{3}\b|\d{4,6}\b)"
        ),
    ),
    (
        None,
        re.compile(
            r"\b[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}\b"  # a UK-style postcode: "SW1A 2AA"
            r"|(?<![-\d])\d{5}-\d{3}(?![-\d])"  # a Brazilian CEP: "01310-200"
            r"|\b[A-Z]{2}-\d{3,4}-\d{4}\b"  # a Ghana Post digital address: "AK-039-5028"
        ),
    ),
]
# A numbered part that continues an address: "Unité 15, villa 212", "quarteirão 14, casa 27", "Block 7".
_PART = re.compile(
    r",?\s+(?i:casa|villa|unit[ée]|lot|block|blk\.?|bloco|bloque|lt\.|lote|ward|gali|floor|apt\.?|apto\.?"
    r"|apartamento|dpto\.?|depto\.?|piso|sector|zone|zona|quadra|qd\.|quarteir[ãa]o|kebele|door|room|house|plot|flat"
    r"|stand|purok|mz\.|mza\.?|manzana|edificio|edif[ií]cio|torre|andar)\s*(?:(?:no\.?|n[º°o]\.?|#)\s*)?"
    r"(?:\d{1,5}[A-Za-z]?|[A-Z]\d{0,2})\b"
)
# A town or area after a comma, or a postcode: "Plot 47, Kisugu", "Meerut 250004".
_TAIL = re.compile(rf",\s*(?P<first>{_CAP})(?:\s+{_CAP}){{0,2}}(?:,?\s+\d{{4,6}}\b)?|,?\s+\d{{4,6}}\b")


def _numbered(text: str, starts: dict[str, list[int]]) -> list[list[int]]:
    """Streets with a house number, house, plot and box numbers, and postcodes."""
    spans = []
    for gate, rx in _ADDRESSES:
        for m in _matches(text, starts, gate, rx):
            start = m.start("part") if "part" in rx.groupindex and m["part"] else m.start()
            spans.append([start, m.end()])
    return spans


def _extended(text: str, end: int) -> int:
    """The end of an address once the numbered parts, towns and postcodes after ``end`` are added."""
    while True:
        m = _PART.match(text, end) or _TAIL.match(text, end)
        if not m or (m.re is _TAIL and m["first"] and _stop(m["first"].rstrip("."))):
            return end
        end = m.end()


def find_addresses(text: str) -> list[Finding]:
    """Addresses: streets with a number, house, plot and box numbers, postcodes, villages and neighbourhoods."""
    starts = _word_starts(text)
    found = _numbered(text, starts) + _localities(text, starts) + _wards(text)
    spans = sorted([s, _extended(text, e)] for s, e in found)
    merged: list[list[int]] = []
    for s, e in spans:
        if merged and re.fullmatch(r"[\s,]*", text[merged[-1][1] : s]):
            merged[-1][1] = max(merged[-1][1], e)  # touching or overlapping
        else:
            merged.append([s, e])
    return [flag("address", s, s + len(text[s:e].rstrip("."))) for s, e in merged]
