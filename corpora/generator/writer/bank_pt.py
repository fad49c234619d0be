"""Portuguese prose bank for make_writer.py (governo aberto, escrito para este gerador)."""

TOPICS = {
    "participation": {
        "headings": ["Co-criação do plano", "Participação social",
                     "O fórum multiatores", "Como o plano foi construído"],
        "sentences": [
            "O processo de co-criação começou com uma consulta on-line que recebeu mais de quatrocentas propostas de cidadãos e organizações.",
            "Foram realizadas oficinas regionais em doze estados para que pessoas de fora da capital pudessem participar da elaboração do plano.",
            "O fórum multiatores reuniu-se a cada dois meses e publicou suas atas em até dez dias úteis após cada sessão.",
            "Os representantes da sociedade civil foram escolhidos por chamamento público e não por indicação do ministério.",
            "Várias propostas recebidas durante a consulta foram agrupadas porque tratavam do mesmo problema público.",
            "Os participantes pediram regras mais claras sobre como suas contribuições seriam consideradas no texto final.",
            "Organizações de juventude e povos indígenas foram convidados para sessões próprias com interpretação simultânea.",
            "A secretaria executiva publicou uma resposta a cada proposta, explicando se foi aceita, agrupada ou descartada.",
            "A participação caiu na segunda metade do processo, quando as reuniões passaram para o horário de expediente.",
            "Um formato híbrido, com participação remota e sessões gravadas, ajudou a manter as organizações menores envolvidas.",
            "O fórum aprovou um código de conduta que define como as decisões são tomadas e como os conflitos de interesse são declarados.",
            "Servidores dos ministérios setoriais receberam uma breve capacitação sobre facilitação e metodologias participativas.",
            "As reuniões de acompanhamento mostraram que a participação se mantém quando as pessoas veem resultados concretos dos ciclos anteriores.",
            "Os governos locais foram incentivados a replicar o modelo com seus próprios fóruns de governo aberto.",
        ],
    },
    "access": {
        "headings": ["Acesso à informação", "Transparência e direito de saber",
                     "Pedidos e recursos", "Transparência ativa"],
        "sentences": [
            "A Lei de Acesso à Informação obriga todos os órgãos públicos a responder aos pedidos em até vinte dias.",
            "A maior parte dos pedidos trata de contratos públicos, remuneração de servidores e uso de recursos emergenciais.",
            "O órgão de controle constatou que uma em cada cinco respostas estava incompleta ou chegou fora do prazo legal.",
            "Uma plataforma nacional única recebe agora os pedidos dirigidos a todos os ministérios e permite acompanhar seu andamento.",
            "Os solicitantes podem recorrer de uma negativa pela internet e acompanhar a decisão da Controladoria-Geral.",
            "As obrigações de transparência ativa abrangem orçamentos, editais de licitação, relatórios de auditoria e agendas de autoridades.",
            "Muitos municípios ainda publicam documentos digitalizados como imagens, que não podem ser pesquisados nem reutilizados.",
            "A capacitação dos servidores responsáveis pela transparência tratou do interesse público e da proteção de dados pessoais.",
            "O compromisso inclui um procedimento simplificado para pessoas que não conseguem apresentar um pedido por escrito.",
            "As estatísticas de pedidos, negativas e recursos serão publicadas a cada trimestre em formato aberto.",
            "Jornalistas e pesquisadores relataram que o tempo de resposta melhorou depois do lançamento da plataforma.",
            "A reforma também limita o uso de exceções amplas baseadas na segurança nacional.",
            "Cada sítio institucional terá uma lista atualizada dos responsáveis pelo atendimento ao cidadão.",
        ],
    },
    "ownership": {
        "headings": ["Beneficiários finais", "Quem controla as empresas",
                     "O cadastro de beneficiários finais", "Transparência societária"],
        "sentences": [
            "Um cadastro público de beneficiários finais permite saber quais pessoas físicas controlam, em última instância, uma empresa.",
            "As empresas que participarem de licitações deverão declarar seus beneficiários finais antes da adjudicação.",
            "O cadastro será integrado ao sistema de compras públicas para detectar automaticamente conflitos de interesse.",
            "As organizações da sociedade civil pediram que os dados fossem gratuitos e acessíveis sem necessidade de cadastro.",
            "A administração tributária verificará as declarações com seus próprios registros e apontará as inconsistências.",
            "O limite de participação para a declaração foi reduzido de vinte e cinco para dez por cento das ações ou dos direitos de voto.",
            "As sanções por declarações falsas ou atrasadas serão aplicadas pela junta comercial.",
            "A primeira fase abrange o setor extrativo, onde o risco de propriedade oculta é maior.",
            "Os dados seguirão um padrão internacional para que possam ser comparados entre países.",
            "Jornalistas investigativos usaram o cadastro piloto para rastrear empresas de fachada ligadas a agentes públicos.",
            "Um grupo de trabalho com bancos e cartórios revisará a forma de verificação das informações.",
            "As pessoas jurídicas constituídas no exterior que possuam imóveis no país também deverão declarar.",
            "A equipe interministerial responsável pelo cadastro reúne-se mensalmente com o comitê gestor.",
        ],
    },
    "procurement": {
        "headings": ["Contratações abertas", "Compras públicas",
                     "Transparência nos contratos públicos", "Dados de contratação"],
        "sentences": [
            "A plataforma de compras públicas publicará cada etapa da contratação, do planejamento à execução.",
            "Os dados de contratações abertas permitem comparar os preços pagos por diferentes órgãos pelos mesmos bens.",
            "As micro e pequenas empresas relataram que a nova plataforma reduziu o custo de preparar propostas.",
            "As contratações diretas feitas durante a emergência sanitária serão publicadas com sua justificativa e seus valores finais.",
            "Uma mesa público-privada revisou os editais padrão para eliminar exigências desnecessárias.",
            "Observatórios sociais acompanharão dez grandes contratos de infraestrutura e publicarão suas conclusões.",
            "Sinais de alerta, como licitante único ou aditivos frequentes, serão calculados automaticamente.",
            "Os pregoeiros receberão capacitação para publicar dados no padrão de contratações abertas.",
            "O tribunal de contas usará os dados publicados para planejar suas auditorias baseadas em risco.",
            "Aditivos contratuais acima de dez por cento do valor original exigirão uma justificativa pública.",
            "A plataforma oferecerá download em lote para que pesquisadores possam analisar a base completa.",
            "Os governos municipais serão conectados ao sistema nacional em três etapas.",
            "Um canal de denúncias permitirá que licitantes e cidadãos relatem irregularidades de forma anônima.",
            "Os contratos de obras informarão o custo da mão-de-obra e dos materiais em cada medição.",
        ],
    },
    "opendata": {
        "headings": ["Dados abertos", "Dados para o valor público",
                     "O portal nacional de dados", "Qualidade dos dados abertos"],
        "sentences": [
            "O portal brasileiro de dados abertos reúne mais de três mil conjuntos de dados de noventa órgãos.",
            "Muitos conjuntos foram publicados uma única vez e nunca atualizados, o que reduz seu valor para os usuários.",
            "O compromisso define critérios mínimos de qualidade, incluindo metadados, licença e frequência de atualização.",
            "Os conjuntos prioritários foram escolhidos com usuários de universidades, imprensa e setor privado.",
            "Os dados de qualidade do ar, água e transporte público serão publicados com atualização automática.",
            "Uma ferramenta de código aberto ajudará os órgãos a verificar seus arquivos antes de publicá-los.",
            "A política de dados abertos exige uma licença aberta que permita a reutilização comercial.",
            "As maratonas de programação organizadas com universidades produziram protótipos de mapas de escolas e unidades de saúde.",
            "Cada órgão designará um curador de dados responsável pelo inventário de suas bases.",
            "As estatísticas de uso orientarão quais conjuntos de dados serão melhorados primeiro.",
            "Os dados pessoais serão anonimizados antes da publicação, seguindo a orientação da autoridade de proteção de dados.",
            "O portal terá um canal para que os usuários solicitem novos conjuntos e informem erros.",
            "Os formatos CSV e JSON substituirão documentos que até agora eram publicados apenas em PDF.",
        ],
    },
    "accountability": {
        "headings": ["Monitoramento e prestação de contas", "Andamento do plano",
                     "Avaliação e aprendizado", "Relatório de resultados"],
        "sentences": [
            "O mecanismo independente de avaliação analisou o plano e concluiu que a maioria dos compromissos tinha impacto potencial moderado.",
            "O andamento de cada marco é informado em um painel público atualizado a cada trimestre.",
            "Os órgãos que descumprirem os prazos deverão explicar o atraso e propor um novo cronograma.",
            "A avaliação intermediária constatou que dois compromissos não haviam começado por causa de cortes orçamentários.",
            "As evidências de cumprimento, como relatórios, decretos ou endereços de sítios, são anexadas a cada marco.",
            "O comitê gestor só pode alterar um compromisso depois de consultar o fórum multiatores.",
            "Ao final do primeiro ano foram realizadas audiências públicas para apresentar os resultados à sociedade.",
            "A falta de linhas de base dificultou medir as mudanças produzidas pelo plano.",
            "Ao término do período de implementação será publicada uma avaliação baseada em evidências.",
            "O Congresso Nacional receberá um relatório anual sobre a execução do plano de ação.",
            "O apoio da alta direção foi decisivo para manter as reformas dentro do cronograma.",
            "Os relatórios de acompanhamento incluirão a opinião da sociedade civil sobre o nível de cumprimento.",
            "A autoavaliação final ficará aberta a comentários do público durante duas semanas.",
            "A estrutura político-administrativa do país exige coordenar os compromissos com estados e municípios.",
        ],
    },
    "budget": {
        "headings": ["Abertura fiscal", "Orçamento aberto",
                     "Orçamento participativo", "Finanças públicas"],
        "sentences": [
            "O orçamento cidadão explica em linguagem simples de onde vem o dinheiro público e como ele é gasto.",
            "Os relatórios de execução orçamentária serão publicados todo mês, com dados por programa.",
            "O orçamento participativo foi testado em cinco municípios com dois por cento de seus investimentos.",
            "O portal da transparência fiscal mostrará a distribuição das transferências para estados e municípios.",
            "Os gastos tributários serão listados com seu custo estimado e os setores beneficiados.",
            "Uma consulta pública sobre a proposta orçamentária será realizada antes do envio ao Congresso.",
            "Os gastos com adaptação à mudança do clima serão marcados para que possam ser acompanhados em todos os órgãos.",
            "Organizações da sociedade civil analisaram os dados e publicaram propostas orçamentárias alternativas.",
            "O ministério da fazenda publicará as premissas de seu planejamento fiscal de médio prazo.",
            "Os contratos de dívida e suas condições serão divulgados em até trinta dias após a assinatura.",
            "As câmaras municipais farão sessões abertas para discutir os resultados do orçamento participativo.",
            "O tribunal de contas publicará suas recomendações e as respostas dos órgãos auditados.",
            "A situação econômico-financeira das empresas estatais será publicada em formatos reutilizáveis.",
            "Os programas de bem-estar social terão seus beneficiários divulgados de forma anonimizada.",
        ],
    },
    "local": {
        "headings": ["Justiça aberta e governos locais", "Compromissos subnacionais",
                     "Meio ambiente e recursos naturais", "Integridade no serviço público"],
        "sentences": [
            "Os governos subnacionais aderiram ao processo com compromissos próprios sobre serviços públicos.",
            "O poder judiciário publicará suas decisões em uma base de dados aberta e pesquisável.",
            "As estatísticas sobre a duração dos processos e o estoque de casos serão atualizadas a cada seis meses.",
            "As licenças ambientais e os estudos de impacto estarão disponíveis na internet antes das audiências públicas.",
            "As comunidades afetadas por projetos de mineração receberão informações em suas próprias línguas.",
            "O compromisso sobre gestão da água inclui o monitoramento social dos contratos de abastecimento.",
            "As câmaras municipais transmitirão suas sessões e publicarão os votos de cada vereador.",
            "As comunidades rurais pediram pontos de informação nas repartições locais, pois o acesso à internet é limitado.",
            "O desenho de cada compromisso incorporou uma perspectiva de gênero.",
            "Pessoas com deficiência participaram dos testes de acessibilidade dos portais.",
            "As audiências de representantes de interesses com autoridades serão registradas em uma agenda pública.",
            "O plano de integridade de cada órgão será publicado junto com seu mapa de riscos.",
            "A proteção de denunciantes será reforçada por meio de um canal confidencial de denúncias.",
            "O decreto-lei que regula as parcerias público-privadas será revisto com participação social.",
        ],
    },
}

TITLES = [
    "Quinto Plano de Ação Nacional em Governo Aberto",
    "Relatório de andamento dos compromissos de governo aberto",
    "Estratégia de Governo Aberto para o período 2024-2027",
    "Relatório sobre a co-criação do plano de ação nacional",
    "Relatório anual de transparência e acesso à informação",
    "Estratégia nacional de contratações abertas e integridade",
    "Relatório de autoavaliação do plano de governo aberto",
]

HEADER_NAMES = [
    "Controladoria-Geral da União · Parceria para Governo Aberto",
    "Plano de Ação 2024–2026 · Minuta para consulta",
    "Comitê Interministerial de Governo Aberto – Documento de trabalho",
    "Presidência da República · Secretaria de Transparência",
    "Parceria para Governo Aberto · Relatório do país",
]

INSTITUTIONS = [
    "Controladoria-Geral da União", "Ministério da Fazenda",
    "Ministério da Gestão e da Inovação", "Secretaria de Compras Públicas",
    "Junta Comercial do Estado", "Tribunal de Contas da União",
    "Ministério do Meio Ambiente", "Conselho Nacional de Justiça",
    "Secretaria de Governo Digital", "Instituto Brasileiro de Geografia e Estatística",
    "Defensoria Pública da União", "Governo do Estado do Pará",
    "Comissão de Ética Pública", "Ministério da Justiça e Segurança Pública",
]

COMMITMENTS = [
    "Cadastro público de beneficiários finais", "Contratações abertas em obras públicas",
    "Dados abertos da justiça", "Orçamento cidadão e transparência fiscal",
    "Acesso à informação ambiental", "Transparência das audiências de lobby",
    "Padrões de qualidade para dados abertos", "Orçamento participativo municipal",
    "Proteção de denunciantes", "Dados abertos sobre pessoal e remuneração",
    "Plataforma única de pedidos de informação", "Planos de integridade nos órgãos públicos",
    "Parlamento aberto e pegada legislativa", "Serviços digitais para comunidades rurais",
]

MILESTONES = [
    "Diagnóstico do marco legal vigente e proposta de reforma",
    "Consulta pública da minuta de regulamento",
    "Lançamento da versão beta do portal",
    "Capacitação de duzentos servidores públicos",
    "Publicação do primeiro conjunto de dados no padrão aberto",
    "Acordo de interoperabilidade com a Receita Federal",
    "Piloto em três municípios com monitoramento da sociedade civil",
    "Publicação do decreto regulamentador",
    "Relatório de avaliação publicado com recomendações",
    "Campanha de divulgação em veículos regionais",
    "Guia técnico para os órgãos publicado",
    "Reunião trimestral de acompanhamento com o fórum multiatores",
    "Publicação do código-fonte da plataforma",
    "Pesquisa com usuários e testes de acessibilidade",
]

STATUS = ["Concluído", "Substancial", "Limitado", "Não iniciado", "Em andamento"]

TABLE_HEADERS = ["Compromisso", "Descrição", "Órgão responsável", "Situação"]
MILESTONE_HEADERS = ["Marco", "Data de início", "Data de término", "Responsável"]
CAPTION_WORD = "Tabela"
CAPTIONS = [
    "Andamento dos compromissos do plano de ação",
    "Resumo dos compromissos e dos órgãos responsáveis",
    "Situação da implementação ao final do primeiro ano",
]
MILESTONE_CAPTIONS = [
    "Cronograma de marcos", "Marcos, datas e órgãos responsáveis",
    "Calendário de implementação do compromisso",
]

SHEET_LABELS = [
    "Data de início e término do compromisso",
    "Instituição ou ator responsável pela implementação",
    "Descrição do compromisso",
    "Qual é o problema que o compromisso aborda?",
    "Qual é o compromisso?",
    "Como o compromisso contribuirá para resolver o problema?",
    "Por que o compromisso é relevante para os valores da OGP?",
    "Informações adicionais",
]
SHEET_MILESTONE_HEADERS = ["Marco verificável", "Data de início",
                           "Data de término", "Responsável"]

BOX_WORD = "Quadro"
BOX_TITLES = [
    "O que é um beneficiário final?", "O padrão de contratações abertas",
    "Como fazer um pedido", "O mecanismo independente de avaliação",
    "Lições do piloto", "O que o fórum pediu",
]
SIDEBAR_TITLES = ["Em resumo", "Números-chave", "Boa prática", "Nota ao leitor"]

FOOTNOTES = [
    "Lei de Acesso à Informação, artigo 11.",
    "Ver o relatório do mecanismo independente de avaliação sobre o plano anterior, capítulo 3.",
    "Números informados pela secretaria executiva em seu relatório trimestral.",
    "As atas do fórum são publicadas no portal nacional de governo aberto.",
    "Decreto sobre beneficiários finais, artigo 4, parágrafo segundo.",
    "Dados do instituto nacional de estatística para o último ano disponível.",
    "A metodologia foi acordada com o fórum multiatores em sua terceira reunião.",
    "Padrão de Dados para Contratações Abertas, versão 1.1.",
    "Pesquisa aplicada a duzentos e dez usuários do portal.",
    "Lei orçamentária anual do exercício vigente, anexo 5.",
    "O guia foi revisado pela autoridade nacional de proteção de dados.",
    "Relatório do Tribunal de Contas sobre contratos de obras públicas.",
]

MONTHS = ["janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho",
          "agosto", "setembro", "outubro", "novembro", "dezembro"]

FOOTER_FORMATS = ["Página {k} de {n}", "Página {k}", "{doc} | página {k}"]
FOOTER_SHORT = ["Plano de Ação", "Governo Aberto", "Relatório OGP"]


def date(rng, year, month, style):
    if style == 0:
        return f"{rng.randint(1, 28)} de {MONTHS[month - 1]} de {year}"
    if style == 1:
        return f"{MONTHS[month - 1].capitalize()} de {year}"
    return f"{rng.randint(1, 28):02d}/{month:02d}/{year}"
