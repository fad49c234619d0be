"""Spanish prose bank for make_writer.py (gobierno abierto, escrito para este generador)."""

TOPICS = {
    "participation": {
        "headings": ["Co-creación del plan", "Participación ciudadana",
                     "El foro multiactor", "Cómo se construyó el plan"],
        "sentences": [
            "El proceso de co-creación comenzó con una consulta en línea que recibió más de cuatrocientas propuestas de ciudadanos y organizaciones.",
            "Se realizaron talleres regionales en doce provincias para que las personas que viven fuera de la capital pudieran participar en el diseño del plan.",
            "El foro multiactor se reunió cada dos meses y publicó sus actas dentro de los diez días hábiles siguientes a cada sesión.",
            "Los representantes de la sociedad civil fueron elegidos mediante una convocatoria abierta y no por designación del ministerio.",
            "Varias propuestas recibidas durante la consulta se fusionaron porque abordaban el mismo problema público.",
            "Los participantes pidieron reglas más claras sobre la forma en que sus aportes serían considerados en el texto final.",
            "Las organizaciones juveniles y los pueblos indígenas fueron invitados a sesiones propias con interpretación simultánea.",
            "La secretaría técnica publicó una respuesta a cada propuesta, explicando si fue aceptada, fusionada o descartada.",
            "La asistencia disminuyó en la segunda mitad del proceso, cuando las reuniones pasaron al horario laboral.",
            "Un formato mixto, con participación remota y sesiones grabadas, ayudó a mantener a las organizaciones más pequeñas.",
            "El foro aprobó un código de conducta que establece cómo se toman las decisiones y cómo se declaran los conflictos de interés.",
            "Los funcionarios de los ministerios sectoriales recibieron una breve capacitación teórico-práctica sobre metodologías participativas.",
            "Las reuniones de seguimiento mostraron que la participación se sostiene cuando las personas ven resultados concretos de ciclos anteriores.",
            "Se animó a los gobiernos locales a replicar el modelo con sus propios foros de gobierno abierto.",
        ],
    },
    "access": {
        "headings": ["Acceso a la información pública", "Transparencia y derecho a saber",
                     "Solicitudes y reclamos", "Transparencia activa"],
        "sentences": [
            "La ley de acceso a la información obliga a todas las entidades públicas a responder las solicitudes en un plazo de quince días hábiles.",
            "La mayoría de las solicitudes se refieren a contratos públicos, remuneraciones del personal y uso de fondos de emergencia.",
            "El órgano garante constató que una de cada cinco respuestas era incompleta o llegaba fuera del plazo legal.",
            "Un portal nacional único recibe ahora las solicitudes dirigidas a todos los ministerios y permite seguir su estado.",
            "Los solicitantes pueden presentar en línea un recurso contra una denegación y conocer la decisión del consejo.",
            "Las obligaciones de transparencia activa incluyen presupuestos, avisos de compras, informes de auditoría y agendas de las autoridades.",
            "Muchos municipios todavía publican documentos escaneados como imágenes que no se pueden buscar ni reutilizar.",
            "La capacitación de los enlaces de transparencia se centró en la prueba de interés público y en la protección de datos personales.",
            "El compromiso incluye un procedimiento simplificado para las personas que no pueden presentar una solicitud por escrito.",
            "Las estadísticas de solicitudes, denegaciones y reclamos se publicarán cada trimestre en formatos abiertos.",
            "Periodistas e investigadores señalaron que los tiempos de respuesta mejoraron tras la puesta en marcha del portal.",
            "La reforma también limita el uso de excepciones amplias basadas en la seguridad nacional.",
            "Cada sitio institucional tendrá un directorio actualizado de los responsables de acceso a la información.",
        ],
    },
    "ownership": {
        "headings": ["Beneficiarios finales", "¿Quién controla las empresas?",
                     "El registro de beneficiarios finales", "Transparencia societaria"],
        "sentences": [
            "Un registro público de beneficiarios finales permite saber qué personas naturales controlan en última instancia una empresa.",
            "Las empresas que participen en licitaciones públicas deberán declarar a sus beneficiarios finales antes de la adjudicación.",
            "El registro se vinculará con el sistema de compras públicas para detectar de forma automática los conflictos de interés.",
            "Las organizaciones de la sociedad civil pidieron que los datos fueran gratuitos y accesibles sin necesidad de registro.",
            "La administración tributaria verificará las declaraciones con sus propios registros y señalará las inconsistencias.",
            "El umbral de revelación se redujo del veinticinco al diez por ciento de las acciones o de los derechos de voto.",
            "Las sanciones por declaraciones falsas o tardías serán aplicadas por la superintendencia de sociedades.",
            "La primera fase abarca el sector extractivo, donde el riesgo de propiedad oculta es mayor.",
            "Los datos seguirán un estándar internacional para que puedan compararse entre países.",
            "Periodistas de investigación usaron el registro piloto para rastrear sociedades pantalla vinculadas a funcionarios.",
            "Una mesa técnico-jurídica con bancos y notarías revisará la forma en que se verifica la información.",
            "Las personas jurídicas constituidas en el extranjero que tengan inmuebles en el país también deberán declarar.",
            "El equipo interinstitucional a cargo del registro se reúne cada mes con el comité coordinador.",
        ],
    },
    "procurement": {
        "headings": ["Contrataciones abiertas", "Compras públicas",
                     "Transparencia en los contratos del Estado", "Datos de contratación"],
        "sentences": [
            "La plataforma de compras públicas publicará cada etapa del proceso de contratación, desde la planificación hasta la liquidación.",
            "Los datos de contrataciones abiertas permiten comparar los precios que pagan distintas entidades por los mismos bienes.",
            "Las pequeñas y medianas empresas señalaron que la nueva plataforma redujo el costo de preparar sus ofertas.",
            "Las adjudicaciones directas realizadas durante la emergencia sanitaria se publicarán con su justificación y sus montos finales.",
            "Una mesa público-privada revisó los pliegos tipo para eliminar requisitos innecesarios.",
            "Veedurías ciudadanas darán seguimiento a diez grandes contratos de infraestructura y publicarán sus hallazgos.",
            "Las señales de alerta, como la presencia de un único oferente o las modificaciones frecuentes, se calcularán de forma automática.",
            "Los compradores públicos recibirán capacitación para publicar datos en el estándar de contrataciones abiertas.",
            "La contraloría usará los datos publicados para planificar sus auditorías basadas en riesgos.",
            "Las modificaciones contractuales superiores al diez por ciento del valor original requerirán una explicación pública.",
            "La plataforma ofrecerá una descarga masiva para que los investigadores puedan analizar el conjunto completo de datos.",
            "Los gobiernos municipales se conectarán al sistema nacional en tres etapas.",
            "Un mecanismo de denuncias permitirá a oferentes y ciudadanos reportar irregularidades de forma anónima.",
            "El análisis costo-beneficio de cada proyecto de inversión se publicará junto con el contrato.",
        ],
    },
    "opendata": {
        "headings": ["Datos abiertos", "Datos para el valor público",
                     "El portal nacional de datos", "Calidad de los datos abiertos"],
        "sentences": [
            "El portal nacional de datos abiertos reúne más de tres mil conjuntos de datos de noventa instituciones.",
            "Muchos conjuntos de datos se publicaron una sola vez y nunca se actualizaron, lo que reduce su valor para los usuarios.",
            "El compromiso fija criterios mínimos de calidad, entre ellos metadatos, licencia y frecuencia de actualización.",
            "Los conjuntos prioritarios se eligieron junto con usuarios de universidades, medios de comunicación y empresas.",
            "Los datos de calidad del aire, agua y transporte público se publicarán con actualización automática.",
            "Una herramienta de código abierto ayudará a las instituciones a revisar sus archivos antes de publicarlos.",
            "La política de datos abiertos exige una licencia abierta que permita la reutilización comercial.",
            "Los hackatones organizados con universidades produjeron prototipos de mapas de escuelas y de centros de salud.",
            "Cada institución designará a un responsable de datos encargado del inventario de su información.",
            "Las estadísticas de uso orientarán qué conjuntos de datos se mejoran primero.",
            "Los datos personales se anonimizarán antes de su publicación siguiendo la guía de la autoridad de protección de datos.",
            "El portal incluirá un canal para que los usuarios soliciten nuevos conjuntos de datos y reporten errores.",
            "Los formatos CSV y JSON reemplazarán a los documentos que hasta ahora solo se publicaban en PDF.",
        ],
    },
    "accountability": {
        "headings": ["Seguimiento y rendición de cuentas", "Avance del plan",
                     "Evaluación y aprendizaje", "Informe de resultados"],
        "sentences": [
            "El mecanismo de revisión independiente evaluó el plan y concluyó que la mayoría de los compromisos tenía un impacto potencial moderado.",
            "El avance de cada hito se informa en un tablero público que se actualiza cada trimestre.",
            "Las instituciones que incumplan los plazos deberán explicar el retraso y proponer un nuevo cronograma.",
            "La revisión de medio término encontró que dos compromisos no habían comenzado por recortes presupuestarios.",
            "Los medios de verificación, como informes, decretos o enlaces a sitios web, se adjuntan a cada hito.",
            "El comité coordinador solo puede modificar un compromiso después de consultar al foro multiactor.",
            "Al final del primer año se realizaron audiencias públicas para presentar los resultados a la ciudadanía.",
            "La falta de líneas de base dificultó medir los cambios producidos por el plan.",
            "Al término del periodo de implementación se publicará una evaluación basada en evidencia.",
            "El Congreso recibirá un informe anual sobre la ejecución del plan de acción.",
            "El respaldo de las más altas autoridades fue decisivo para mantener las reformas dentro del cronograma.",
            "Los informes de seguimiento incluirán la opinión de la sociedad civil sobre el nivel de cumplimiento.",
            "La autoevaluación final estará abierta a comentarios del público durante dos semanas.",
            "El seguimiento físico-financiero de los compromisos se publicará junto con el informe anual.",
        ],
    },
    "budget": {
        "headings": ["Apertura fiscal", "Presupuesto abierto",
                     "Presupuesto participativo", "Finanzas públicas"],
        "sentences": [
            "El presupuesto ciudadano explica en lenguaje claro de dónde proviene el dinero público y en qué se gasta.",
            "Los informes de ejecución presupuestaria se publicarán cada mes con datos desagregados por programa.",
            "El presupuesto participativo se probó en cinco municipios con el dos por ciento de su gasto de inversión.",
            "El portal de transparencia fiscal mostrará la distribución de las transferencias a los gobiernos regionales.",
            "Los gastos tributarios se listarán con su costo estimado y los sectores que se benefician de ellos.",
            "Antes de enviar el proyecto de presupuesto al Congreso se realizará una consulta pública.",
            "El gasto en adaptación al cambio climático se etiquetará para poder seguirlo en todas las instituciones.",
            "Las organizaciones de la sociedad civil analizaron los datos y publicaron propuestas presupuestarias alternativas.",
            "El ministerio de hacienda publicará los supuestos de su marco fiscal de mediano plazo.",
            "Los contratos de deuda y sus condiciones se divulgarán dentro de los treinta días siguientes a su firma.",
            "Los concejos municipales realizarán sesiones abiertas para discutir los resultados del presupuesto participativo.",
            "La entidad fiscalizadora publicará sus recomendaciones y las respuestas de las entidades auditadas.",
            "La información económico-financiera de las empresas públicas se publicará en formatos reutilizables.",
        ],
    },
    "local": {
        "headings": ["Justicia abierta y gobiernos locales", "Compromisos subnacionales",
                     "Ambiente y recursos naturales", "Integridad en la función pública"],
        "sentences": [
            "Los gobiernos subnacionales se sumaron al proceso con compromisos propios sobre servicios públicos.",
            "El poder judicial publicará sus sentencias en una base de datos abierta y con buscador.",
            "Las estadísticas judiciales sobre duración de los procesos y causas pendientes se actualizarán cada seis meses.",
            "Las licencias ambientales y los estudios de impacto estarán disponibles en línea antes de las audiencias públicas.",
            "Las comunidades afectadas por proyectos mineros recibirán información en sus propias lenguas.",
            "El compromiso sobre gestión del agua incluye el monitoreo ciudadano de los contratos de suministro.",
            "Los concejos municipales transmitirán sus sesiones y publicarán las votaciones de cada integrante.",
            "Las comunidades rurales pidieron puntos de información en oficinas locales, ya que el acceso a internet es limitado.",
            "El diseño de cada compromiso incorporó un enfoque de género.",
            "Personas con discapacidad participaron en las pruebas de accesibilidad de los portales.",
            "Las reuniones de cabildeo con autoridades quedarán registradas en un registro público de audiencias.",
            "El plan de integridad de cada institución se publicará junto con su mapa de riesgos.",
            "La protección de denunciantes se reforzará mediante un canal confidencial de reportes.",
            "La organización político-administrativa del país exige coordinar los compromisos con las regiones.",
            "Los conflictos socio-ambientales se atenderán con mesas de diálogo abiertas a las comunidades.",
        ],
    },
}

TITLES = [
    "Quinto Plan de Acción Nacional de Gobierno Abierto",
    "Informe de avance de los compromisos de gobierno abierto",
    "Estrategia de Gobierno Abierto para el periodo 2024-2027",
    "Informe sobre la co-creación del plan de acción nacional",
    "Informe anual de transparencia y acceso a la información",
    "Estrategia nacional de contrataciones abiertas e integridad",
    "Informe de autoevaluación del plan de gobierno abierto",
]

HEADER_NAMES = [
    "Secretaría de la Función Pública · Alianza para el Gobierno Abierto",
    "Plan de Acción 2024–2026 · Borrador para consulta",
    "Comisión de Gobierno Abierto – Documento de trabajo",
    "Presidencia de la República · Unidad de Transparencia",
    "Alianza para el Gobierno Abierto · Informe país",
]

INSTITUTIONS = [
    "Secretaría de la Función Pública", "Ministerio de Hacienda y Crédito Público",
    "Consejo para la Transparencia", "Dirección Nacional de Compras Públicas",
    "Superintendencia de Sociedades", "Contraloría General de la República",
    "Ministerio del Ambiente", "Consejo de la Judicatura",
    "Agencia de Gobierno Digital", "Instituto Nacional de Estadística",
    "Defensoría del Pueblo", "Gobierno Regional del Norte",
    "Comisión Nacional Anticorrupción", "Ministerio de Justicia y Derechos Humanos",
]

COMMITMENTS = [
    "Registro público de beneficiarios finales", "Contrataciones abiertas en obra pública",
    "Datos abiertos de justicia", "Presupuesto ciudadano y transparencia fiscal",
    "Acceso a la información ambiental", "Transparencia del cabildeo",
    "Estándares de calidad para datos abiertos", "Presupuesto participativo municipal",
    "Protección de denunciantes", "Datos abiertos de empleo público",
    "Portal único de solicitudes de información", "Planes de integridad institucional",
    "Parlamento abierto y huella legislativa", "Servicios digitales para comunidades rurales",
]

MILESTONES = [
    "Diagnóstico del marco normativo vigente y propuesta de reforma",
    "Consulta pública del proyecto de reglamento",
    "Lanzamiento de la versión beta del portal",
    "Capacitación de doscientos servidores públicos",
    "Publicación del primer conjunto de datos en el estándar abierto",
    "Convenio de interoperabilidad con la administración tributaria",
    "Piloto en tres municipios con monitoreo de la sociedad civil",
    "Aprobación del decreto por el Consejo de Ministros",
    "Informe de evaluación publicado con recomendaciones",
    "Campaña de difusión en medios regionales",
    "Guía técnica para las instituciones publicada",
    "Reunión trimestral de seguimiento con el foro multiactor",
    "Publicación del código fuente de la plataforma",
    "Encuesta de usuarios y pruebas de accesibilidad",
]

STATUS = ["Completo", "Sustancial", "Limitado", "No iniciado", "En curso"]

TABLE_HEADERS = ["Compromiso", "Descripción", "Institución responsable", "Estado"]
MILESTONE_HEADERS = ["Hito", "Fecha de inicio", "Fecha de término", "Responsable"]
CAPTION_WORD = "Tabla"
CAPTIONS = [
    "Avance de los compromisos del plan de acción",
    "Resumen de los compromisos y sus instituciones responsables",
    "Estado de implementación al cierre del primer año",
]
MILESTONE_CAPTIONS = [
    "Cronograma de hitos", "Hitos, fechas e instituciones responsables",
    "Calendario de implementación del compromiso",
]

SHEET_LABELS = [
    "Fecha de inicio y término del compromiso",
    "Institución o actor responsable de la implementación",
    "Descripción del compromiso",
    "¿Cuál es la problemática que el compromiso aborda?",
    "¿Cuál es el compromiso?",
    "¿Cómo contribuirá a resolver la problemática?",
    "¿Por qué es relevante frente a los valores de OGP?",
    "Información adicional",
]
SHEET_MILESTONE_HEADERS = ["Hito verificable", "Fecha de inicio",
                           "Fecha de término", "Responsable"]

BOX_WORD = "Recuadro"
BOX_TITLES = [
    "¿Qué es un beneficiario final?", "El estándar de contrataciones abiertas",
    "Cómo presentar una solicitud", "El mecanismo de revisión independiente",
    "Lecciones del piloto", "Lo que pidió el foro",
]
SIDEBAR_TITLES = ["En breve", "Cifras clave", "Buena práctica", "Nota para el lector"]

FOOTNOTES = [
    "Ley de Transparencia y Acceso a la Información Pública, artículo 9.",
    "Véase el informe del mecanismo de revisión independiente sobre el plan anterior, capítulo 3.",
    "Cifras informadas por la secretaría técnica en su reporte trimestral.",
    "Las actas del foro se publican en el portal nacional de gobierno abierto.",
    "Decreto sobre beneficiarios finales, artículo 4, inciso segundo.",
    "Datos del Instituto Nacional de Estadística para el último año disponible.",
    "La metodología fue acordada con el foro multiactor en su tercera sesión.",
    "Estándar de Datos para las Contrataciones Abiertas, versión 1.1.",
    "Encuesta aplicada a doscientos diez usuarios del portal.",
    "Ley de presupuesto del ejercicio fiscal vigente, anexo 5.",
    "La guía fue revisada por la autoridad de protección de datos personales.",
    "Informe de la Contraloría General sobre contratos de obra pública.",
]

MONTHS = ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio",
          "agosto", "septiembre", "octubre", "noviembre", "diciembre"]

FOOTER_FORMATS = ["Página {k} de {n}", "Página {k}", "{doc} | página {k}"]
FOOTER_SHORT = ["Plan de Acción", "Gobierno Abierto", "Informe AGA"]


def date(rng, year, month, style):
    if style == 0:
        return f"{rng.randint(1, 28)} de {MONTHS[month - 1]} de {year}"
    if style == 1:
        return f"{MONTHS[month - 1].capitalize()} de {year}"
    return f"{rng.randint(1, 28):02d}/{month:02d}/{year}"
