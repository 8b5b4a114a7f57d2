"""The default framework in Spanish, French and Portuguese, for display only.

The database keeps the English of ``default_framework.py`` (a framework version never changes); these
tables give the words shown to a reader in another language (``journal.framework_words.display``). Domains
have no code, so they are found by their English title; competencies by their code. CanMEDS roles use
the official translations of the Royal College of Physicians and Surgeons of Canada. The Portuguese is
written in the Brazilian spelling, as the app's catalog is.
"""

# The framework's own name and description: language -> (name, description).
FRAMEWORK = {
    "es": (
        "Rotación clínica en salud global",
        "Competencias para internos de medicina en rotaciones clínicas en el extranjero, agrupadas en ocho "
        "dominios, cada uno vinculado a un rol CanMEDS, con el nivel de confianza esperado al final de la rotación.",
    ),
    "fr": (
        "Stage clinique en santé mondiale",
        "Compétences des stagiaires en médecine en stage clinique à l'étranger, regroupées en huit domaines "
        "rattachés chacun à un rôle CanMEDS, avec le niveau de confiance attendu à la fin du stage.",
    ),
    "pt": (
        "Estágio clínico em saúde global",
        "Competências para internos de medicina em estágios clínicos no exterior, agrupadas em oito domínios, "
        "cada um associado a um papel CanMEDS, com o nível de confiança esperado ao final do estágio.",
    ),
}

# English domain title -> language -> title.
DOMAINS = {
    "Clinical skills": {"es": "Habilidades clínicas", "fr": "Compétences cliniques", "pt": "Habilidades clínicas"},
    "Communication": {"es": "Comunicación", "fr": "Communication", "pt": "Comunicação"},
    "Collaboration": {"es": "Colaboración", "fr": "Collaboration", "pt": "Colaboração"},
    "Cultural humility": {"es": "Humildad cultural", "fr": "Humilité culturelle", "pt": "Humildade cultural"},
    "Global and public health": {
        "es": "Salud global y salud pública",
        "fr": "Santé mondiale et santé publique",
        "pt": "Saúde global e saúde pública",
    },
    "Ethics and professionalism": {
        "es": "Ética y profesionalismo",
        "fr": "Éthique et professionnalisme",
        "pt": "Ética e profissionalismo",
    },
    "Scholarship": {"es": "Actividad académica", "fr": "Érudition", "pt": "Atividade acadêmica"},
    "Wellbeing": {"es": "Bienestar", "fr": "Bien-être", "pt": "Bem-estar"},
}

# The seven CanMEDS roles, official names: English -> language -> role.
CANMEDS_ROLES = {
    "Medical Expert": {"es": "Experto médico", "fr": "Expert médical", "pt": "Especialista médico"},
    "Communicator": {"es": "Comunicador", "fr": "Communicateur", "pt": "Comunicador"},
    "Collaborator": {"es": "Colaborador", "fr": "Collaborateur", "pt": "Colaborador"},
    "Leader": {"es": "Líder", "fr": "Leader", "pt": "Líder"},
    "Health Advocate": {"es": "Promotor de la salud", "fr": "Promoteur de la santé", "pt": "Promotor da saúde"},
    "Scholar": {"es": "Académico", "fr": "Érudit", "pt": "Acadêmico"},
    "Professional": {"es": "Profesional", "fr": "Professionnel", "pt": "Profissional"},
}

# Competency code -> language -> (title, description).
COMPETENCIES = {
    "CS1": {
        "es": (
            "Anamnesis y evaluación con intérprete",
            "Realiza una anamnesis dirigida y evalúa al paciente con ayuda de un intérprete, dirigiéndose al "
            "paciente y no al intérprete, y comprobando que ambos hayan comprendido.",
        ),
        "fr": (
            "Anamnèse et évaluation avec un interprète",
            "Mène une anamnèse ciblée et évalue le patient avec un interprète, en s'adressant au patient plutôt "
            "qu'à l'interprète et en vérifiant que tous deux ont bien compris.",
        ),
        "pt": (
            "Anamnese e avaliação com intérprete",
            "Realiza uma anamnese dirigida e avalia o paciente com a ajuda de um intérprete, dirigindo-se ao "
            "paciente e não ao intérprete, e verificando se ambos compreenderam.",
        ),
    },
    "CS2": {
        "es": (
            "Examen físico",
            "Realiza un examen físico sistemático adaptado al contexto, con consentimiento, privacidad y la "
            "presencia de un acompañante según la práctica local.",
        ),
        "fr": (
            "Examen clinique",
            "Réalise un examen clinique systématique adapté au contexte, avec le consentement du patient, dans le "
            "respect de son intimité et en présence d'un tiers lorsque la pratique locale le prévoit.",
        ),
        "pt": (
            "Exame físico",
            "Realiza um exame físico sistemático adaptado ao contexto, com consentimento, privacidade e a "
            "presença de um acompanhante conforme a prática local.",
        ),
    },
    "CS3": {
        "es": (
            "Razonamiento clínico con recursos diagnósticos limitados",
            "Elabora un diagnóstico diferencial priorizado y un plan a partir de la anamnesis, el examen físico y "
            "las pruebas realmente disponibles, y reconoce cuándo referir al paciente.",
        ),
        "fr": (
            "Raisonnement clinique avec des examens complémentaires limités",
            "Établit un diagnostic différentiel hiérarchisé et un plan de prise en charge à partir de l'anamnèse, "
            "de l'examen clinique et des examens réellement disponibles, et reconnaît quand référer le patient.",
        ),
        "pt": (
            "Raciocínio clínico com recursos diagnósticos limitados",
            "Elabora um diagnóstico diferencial priorizado e um plano a partir da anamnese, do exame físico e dos "
            "exames realmente disponíveis, e reconhece quando encaminhar o paciente.",
        ),
    },
    "CS4": {
        "es": (
            "Asistencia en procedimientos",
            "Se prepara para los procedimientos habituales y asiste en ellos de forma segura, atendiendo al "
            "consentimiento, la asepsia y el material disponible.",
        ),
        "fr": (
            "Assistance lors des gestes techniques",
            "Se prépare aux gestes techniques courants et y assiste en toute sécurité, en veillant au "
            "consentement, à l'asepsie et au matériel disponible.",
        ),
        "pt": (
            "Auxílio em procedimentos",
            "Prepara-se para os procedimentos comuns e auxilia neles com segurança, atento ao consentimento, à "
            "assepsia e ao material disponível.",
        ),
    },
    "CS5": {
        "es": (
            "Enfermedades frecuentes en la región",
            "Reconoce la presentación de las enfermedades frecuentes en la región, como las infecciones endémicas, "
            "la desnutrición y las afecciones maternas y neonatales, y describe su manejo inicial según las guías "
            "locales.",
        ),
        "fr": (
            "Pathologies fréquentes dans la région",
            "Reconnaît la présentation des pathologies fréquentes dans la région, telles que les infections "
            "endémiques, la malnutrition et les affections maternelles et néonatales, et décrit leur prise en "
            "charge initiale selon les protocoles locaux.",
        ),
        "pt": (
            "Doenças frequentes na região",
            "Reconhece a apresentação das doenças frequentes na região, como infecções endêmicas, desnutrição e "
            "condições maternas e neonatais, e descreve o seu manejo inicial segundo os protocolos locais.",
        ),
    },
    "COM1": {
        "es": (
            "Comunicación a través de barreras lingüísticas",
            "Elige con criterio entre intérpretes profesionales, personal del centro y familiares, usa un "
            "lenguaje sencillo y la técnica de repetición (teach-back), y advierte cuándo la comunicación ha "
            "fallado.",
        ),
        "fr": (
            "Communiquer malgré la barrière de la langue",
            "Choisit avec discernement entre interprètes professionnels, membres du personnel et proches, emploie "
            "un langage simple et la reformulation par le patient (teach-back), et repère quand la communication "
            "a échoué.",
        ),
        "pt": (
            "Comunicação através de barreiras linguísticas",
            "Escolhe com critério entre intérpretes profissionais, funcionários e familiares, usa linguagem "
            "simples e a técnica de pedir ao paciente que repita o que entendeu (teach-back), e percebe quando a "
            "comunicação falhou.",
        ),
    },
    "COM2": {
        "es": (
            "Consentimiento informado en otra cultura",
            "Obtiene el consentimiento respetando la forma local de tomar decisiones, que puede incluir a la "
            "familia o a los mayores de la comunidad, y se asegura a la vez de que el paciente comprende y está de "
            "acuerdo.",
        ),
        "fr": (
            "Consentement éclairé dans une autre culture",
            "Recueille le consentement en respectant les modes de décision locaux, qui peuvent associer la famille "
            "ou les aînés, tout en s'assurant que le patient comprend et accepte.",
        ),
        "pt": (
            "Consentimento informado em outra cultura",
            "Obtém o consentimento respeitando a forma local de tomar decisões, que pode envolver a família ou os "
            "mais velhos da comunidade, e assegura-se de que o paciente compreende e concorda.",
        ),
    },
    "COM3": {
        "es": (
            "Registros clínicos y entrega de pacientes",
            "Redacta notas claras, precisas y oportunas en el formato del centro de acogida, y entrega a los "
            "pacientes al equipo de forma segura.",
        ),
        "fr": (
            "Dossier patient et transmissions",
            "Rédige des notes claires, exactes et à jour dans le format de l'établissement d'accueil, et assure "
            "des transmissions sûres à l'équipe.",
        ),
        "pt": (
            "Registros clínicos e passagem de plantão",
            "Redige notas claras, precisas e oportunas no formato da instituição anfitriã, e faz com segurança a "
            "passagem dos pacientes para a equipe.",
        ),
    },
    "COL1": {
        "es": (
            "Trabajo en el equipo interprofesional local",
            "Comprende las funciones del personal de enfermería, los técnicos clínicos (clinical officers), las "
            "parteras, los agentes comunitarios de salud y otros profesionales, sigue las indicaciones del "
            "responsable clínico local y contribuye al trabajo del equipo.",
        ),
        "fr": (
            "Travailler au sein de l'équipe interprofessionnelle locale",
            "Comprend les rôles des infirmiers, des assistants médicaux (clinical officers), des sages-femmes, des "
            "agents de santé communautaires et des autres intervenants, suit les consignes du responsable clinique "
            "local et contribue au travail de l'équipe.",
        ),
        "pt": (
            "Trabalho na equipe interprofissional local",
            "Compreende as funções dos enfermeiros, técnicos de medicina (clinical officers), parteiras, agentes "
            "comunitários de saúde e outros profissionais, segue a orientação do responsável clínico local e "
            "contribui para o trabalho da equipe.",
        ),
    },
    "CH1": {
        "es": (
            "Costumbres y creencias sobre la salud",
            "Aprende sobre las costumbres y creencias locales acerca de la enfermedad, el cuerpo, el género y la "
            "muerte, y reflexiona sobre cómo estas y sus propios supuestos influyen en la atención.",
        ),
        "fr": (
            "Coutumes et croyances liées à la santé",
            "S'informe des coutumes et croyances locales sur la maladie, le corps, le genre et la mort, et réfléchit "
            "à la manière dont elles, comme ses propres présupposés, influencent les soins.",
        ),
        "pt": (
            "Costumes e crenças sobre a saúde",
            "Aprende sobre os costumes e crenças locais acerca da doença, do corpo, do gênero e da morte, e reflete "
            "sobre como eles e os seus próprios pressupostos influenciam o cuidado.",
        ),
    },
    "CH2": {
        "es": (
            "Medicina tradicional",
            "Pregunta sin juzgar por los sanadores y remedios tradicionales, comprende su lugar en la comunidad y "
            "tiene en cuenta las interacciones y los retrasos en la atención.",
        ),
        "fr": (
            "Médecine traditionnelle",
            "S'informe sans jugement sur les tradipraticiens et les remèdes traditionnels, comprend leur place dans "
            "la communauté et tient compte des interactions et des retards de prise en charge.",
        ),
        "pt": (
            "Medicina tradicional",
            "Pergunta sem julgamento sobre praticantes de medicina tradicional e remédios tradicionais, compreende "
            "o seu lugar na comunidade e considera as interações e os atrasos no cuidado.",
        ),
    },
    "GPH1": {
        "es": (
            "Determinantes sociales de la salud",
            "Identifica cómo la pobreza, la educación, el género, la vivienda, el agua y el saneamiento, y la "
            "distancia a los servicios de salud afectan la salud de los pacientes atendidos.",
        ),
        "fr": (
            "Déterminants sociaux de la santé",
            "Identifie comment la pauvreté, l'éducation, le genre, le logement, l'eau et l'assainissement, et "
            "l'éloignement des soins influent sur la santé des patients rencontrés.",
        ),
        "pt": (
            "Determinantes sociais da saúde",
            "Identifica como a pobreza, a educação, o gênero, a moradia, a água e o saneamento, e a distância até "
            "os serviços de saúde afetam a saúde dos pacientes atendidos.",
        ),
    },
    "GPH2": {
        "es": (
            "Comparación de sistemas de salud",
            "Describe cómo se organiza y se financia el sistema de salud del país de acogida, desde la atención "
            "comunitaria hasta los hospitales de referencia y los costos para los pacientes, y lo compara con el "
            "sistema de su país.",
        ),
        "fr": (
            "Systèmes de santé comparés",
            "Décrit l'organisation et le financement du système de santé du pays d'accueil, des soins "
            "communautaires aux hôpitaux de référence et aux frais à la charge des patients, et le compare au "
            "système de son propre pays.",
        ),
        "pt": (
            "Sistemas de saúde comparados",
            "Descreve como o sistema de saúde do país anfitrião é organizado e financiado, da atenção comunitária "
            "aos hospitais de referência e aos custos para os pacientes, e o compara com o sistema do seu país.",
        ),
    },
    "GPH3": {
        "es": (
            "Campañas de vacunación y tamizaje",
            "Participa en una campaña de vacunación, de tamizaje o de extensión comunitaria y explica su "
            "fundamento, su logística y su seguimiento.",
        ),
        "fr": (
            "Campagnes de vaccination et de dépistage",
            "Participe à une campagne de vaccination, de dépistage ou de stratégie avancée et en explique la "
            "justification, la logistique et le suivi.",
        ),
        "pt": (
            "Campanhas de vacinação e rastreamento",
            "Participa de uma campanha de vacinação, de rastreamento ou de ação comunitária e explica a sua "
            "justificativa, a sua logística e o seu acompanhamento.",
        ),
    },
    "GPH4": {
        "es": (
            "Educación para la salud",
            "Planifica e imparte, junto con el personal local, educación para la salud precisa, culturalmente "
            "adecuada y comprendida por su público.",
        ),
        "fr": (
            "Éducation pour la santé",
            "Planifie et anime, avec le personnel local, des séances d'éducation pour la santé exactes, "
            "culturellement adaptées et comprises par leur public.",
        ),
        "pt": (
            "Educação em saúde",
            "Planeja e realiza, com a equipe local, ações de educação em saúde precisas, culturalmente adequadas e "
            "compreendidas pelo seu público.",
        ),
    },
    "GPH5": {
        "es": (
            "Telemedicina",
            "Recurre a la telemedicina o a la consulta a distancia cuando es útil, atendiendo al consentimiento, "
            "la protección de datos y sus límites en ese contexto.",
        ),
        "fr": (
            "Télémédecine",
            "Recourt à la télémédecine ou à la téléconsultation lorsqu'elle est utile, en veillant au "
            "consentement, à la protection des données et à ses limites dans ce contexte.",
        ),
        "pt": (
            "Telemedicina",
            "Recorre à telemedicina ou à teleconsulta quando é útil, atento ao consentimento, à proteção de dados "
            "e aos seus limites naquele contexto.",
        ),
    },
    "EP1": {
        "es": (
            "Confidencialidad",
            "Protege la confidencialidad de los pacientes en la sala, en las fotografías, en las redes sociales y "
            "en este diario, donde ningún paciente debe poder ser identificado.",
        ),
        "fr": (
            "Confidentialité",
            "Protège la confidentialité des patients dans le service, sur les photographies, sur les réseaux "
            "sociaux et dans ce journal, où aucun patient ne doit être identifiable.",
        ),
        "pt": (
            "Confidencialidade",
            "Protege a confidencialidade dos pacientes na enfermaria, em fotografias, nas redes sociais e neste "
            "diário, onde nenhum paciente pode ser identificável.",
        ),
    },
    "EP2": {
        "es": (
            "Trabajar dentro de los límites de la propia competencia",
            "Hace solo lo que su formación y su autorización le permiten, aunque se le pida más o los recursos "
            "escaseen, y pide ayuda a tiempo.",
        ),
        "fr": (
            "Agir dans les limites de ses compétences",
            "Ne pratique que les actes que sa formation et son statut lui permettent, même lorsqu'on lui en demande "
            "davantage ou que les ressources manquent, et demande de l'aide sans attendre.",
        ),
        "pt": (
            "Atuar dentro dos limites da própria competência",
            "Faz apenas o que a sua formação e a sua autorização permitem, mesmo quando lhe pedem mais ou quando "
            "os recursos são escassos, e pede ajuda precocemente.",
        ),
    },
    "EP3": {
        "es": (
            "Participación ética y sostenible",
            "Colabora con la comunidad de acogida de forma que sirva a sus prioridades, evite el daño y la "
            "dependencia, y respete al personal y los recursos locales, así como la apropiación local.",
        ),
        "fr": (
            "Engagement éthique et durable",
            "S'engage auprès de la communauté d'accueil d'une manière qui sert ses priorités, évite les préjudices "
            "et la dépendance, et respecte le personnel, les ressources et l'appropriation locale.",
        ),
        "pt": (
            "Engajamento ético e sustentável",
            "Envolve-se com a comunidade anfitriã de modo a servir as suas prioridades, evitar danos e "
            "dependência, e respeitar a equipe, os recursos e a apropriação local.",
        ),
    },
    "SCH1": {
        "es": (
            "Evidencia en entornos de recursos limitados",
            "Busca y evalúa críticamente la evidencia y las guías, como las de la OMS y las nacionales, y las "
            "aplica con criterio a lo que está disponible localmente.",
        ),
        "fr": (
            "Données probantes en contexte de ressources limitées",
            "Recherche et évalue les données probantes et les recommandations, comme celles de l'OMS et les "
            "recommandations nationales, et les applique de façon critique à ce qui est disponible localement.",
        ),
        "pt": (
            "Evidências em contextos de recursos limitados",
            "Busca e avalia criticamente evidências e diretrizes, como as da OMS e as nacionais, e as aplica com "
            "senso crítico ao que está disponível localmente.",
        ),
    },
    "SCH2": {
        "es": (
            "Auditoría o investigación",
            "Contribuye a una auditoría clínica, un proyecto de mejora de la calidad o una investigación con el "
            "equipo de acogida, respetando la aprobación ética local y las normas sobre datos.",
        ),
        "fr": (
            "Audit ou recherche",
            "Contribue à un audit clinique, à un projet d'amélioration de la qualité ou à une recherche avec "
            "l'équipe d'accueil, dans le respect de l'approbation éthique locale et des règles relatives aux "
            "données.",
        ),
        "pt": (
            "Auditoria ou pesquisa",
            "Contribui para uma auditoria clínica, um projeto de melhoria da qualidade ou uma pesquisa com a "
            "equipe anfitriã, respeitando a aprovação ética local e as regras sobre dados.",
        ),
    },
    "WB1": {
        "es": (
            "Autocuidado y resiliencia",
            "Cuida su sueño, su salud y su seguridad, mantiene límites, y reconoce y maneja el estrés, el choque "
            "cultural y el distrés moral.",
        ),
        "fr": (
            "Prendre soin de soi et résilience",
            "Veille à son sommeil, à sa santé et à sa sécurité, pose des limites, et reconnaît et gère le stress, "
            "le choc culturel et la détresse morale.",
        ),
        "pt": (
            "Autocuidado e resiliência",
            "Cuida do sono, da saúde e da segurança, mantém limites, e reconhece e lida com o estresse, o choque "
            "cultural e o sofrimento moral.",
        ),
    },
    "WB2": {
        "es": (
            "Pedir apoyo",
            "Busca a tiempo un espacio de reflexión (debriefing) y apoyo de supervisores, compañeros o servicios "
            "profesionales, después de situaciones difíciles o cuando tiene dificultades.",
        ),
        "fr": (
            "Demander du soutien",
            "Sollicite tôt un débriefing et du soutien auprès des superviseurs, des pairs ou de services "
            "professionnels, après des événements difficiles ou en cas de difficulté.",
        ),
        "pt": (
            "Pedir apoio",
            "Procura cedo um momento de debriefing e apoio de supervisores, colegas ou serviços profissionais, "
            "após eventos difíceis ou quando enfrenta dificuldades.",
        ),
    },
}
