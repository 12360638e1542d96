# fondo: the bundle messages (pt). Keys: the registry in the code that uses them
# (src/audit/bundle/readme.rs); the descriptions of files and columns follow,
# as bundle-file-FILE and bundle-col-FILE-COLUMN (src/audit/bundle/mod.rs has
# the English). Names of files, columns, keys and commands stay as they are.

bundle-title = Pacote de auditoria de { $fund }
bundle-intro = Este diretório é um pacote de auditoria das contas de { $fund }, escrito por { $generator }. Qualquer pessoa pode verificá-lo sem o banco de dados do fundo: todos os arquivos menos este são CSV simples (UTF-8, separado por vírgulas, entre aspas onde for preciso, uma linha de cabeçalho), e MANIFEST.csv lista cada arquivo com o seu número de linhas e o seu resumo SHA-256.

bundle-heading-covers = O que abrange
bundle-period = Período: { $period }, de { $from } a { $to } (os dois dias incluídos).
bundle-standing-open = As contas do período { $period } não estão fechadas: ainda podem ser acrescentados lançamentos com data dentro dele.
bundle-standing-closed = As contas do período { $period } foram fechadas em { $at } (registro { $record }): { $reason }.
bundle-standing-reopening = em { $at } (registro { $record }): { $reason }
bundle-standing-reopening-more = { $earlier }; e em { $at } (registro { $record }): { $reason }
bundle-standing-reopened-before = { $closed } Antes disso, foram reabertas { $earlier }.
bundle-standing-reopened = { $closed } Foram reabertas em { $at } (registro { $record }): { $reason }; podem ser acrescentados lançamentos com data no período { $period } até elas serem fechadas de novo.

bundle-audience-public = para qualquer pessoa. Os membros que pediram para não serem nomeados em público (membros com pseudônimo e anônimos) aparecem com um pseudônimo estável como member-1a2b3c4d, derivado de um segredo guardado no arquivo do fundo: a mesma pessoa tem o mesmo pseudônimo em todos os pacotes, e ninguém pode confirmar um nome adivinhado calculando o seu hash. Os seus nomes são substituídos também no texto livre, mesmo mal escritos, em maiúsculas ou minúsculas, sem acentos ou por uma só parte do nome (finalidades, categorias, motivos, tipos de apoio), e a abstenção de um administrador não mostra motivo, para não revelar nenhum laço de família. Ficam de fora os contatos, as notas privadas e as notas das contas. Só o texto muda: cada valor é o das contas, por isso os saldos, os fundos comuns e os apoios batem com journal.csv exatamente como no pacote do auditor.
bundle-audience-members = para os membros do fundo. Os membros anônimos aparecem com um pseudônimo estável como member-1a2b3c4d (o mesmo em todos os pacotes), e todos os outros pelo nome; os seus nomes são substituídos também no texto livre (mesmo mal escritos, em maiúsculas ou minúsculas, sem acentos ou por uma só parte do nome), e a abstenção de um administrador não mostra motivo. Só o texto muda, nunca um valor, por isso cada total bate com journal.csv. Ficam de fora os contatos, as notas privadas e as notas das contas.
bundle-audience-auditor = para um auditor. Cada membro aparece pelo nome, e as contas levam as notas dos tesoureiros, para conferi-las com os extratos bancários e os recibos. Ficam de fora os contatos e as notas privadas dos membros.

bundle-visibility = { $visibility ->
    [public] público
    [pseudonymous] com pseudônimo
   *[anonymous] anônimo
}
bundle-visibility-change = em { $day }, de { $from } para { $to }
bundle-visibility-changes = Alguns membros mudaram a forma como são nomeados ({ $n ->
    [one] uma mudança
   *[other] mudanças
}: { $changes }). Uma mudança vale para tudo o que é escrito depois dela, este pacote incluído, por isso ele pode mostrar um membro de outra forma que os arquivos publicados antes; esses ficam como estavam.

bundle-amounts = As contribuições dadas de forma anônima dizem anonymous em todos os públicos. Os valores nunca mudam: cada valor e cada total é o mesmo nos pacotes de todos os públicos, por isso todos batem entre si e com as contas.
bundle-redacted-hidden = O que foi ocultado: em journal.csv, reversed.csv e records.csv, que estão encadeados por hash, não se mostra um texto livre (uma descrição, beneficiário, referência, nota, finalidade, motivo, o nome próprio de um membro oculto, um contato ou uma nota privada) que este público não pode ver. journal.csv o mostra como a palavra redacted com, na sua coluna de sal, o compromisso do texto (64 dígitos hexadecimais) em vez do sal (32); records.csv mostra {"{"}"redacted": compromisso{"}"}. As linhas na forma v2 calculam o hash de cada texto só através do seu compromisso, por isso cada hash continua sendo recalculado offline e a cadeia continua chegando à impressão digital e à cabeça dos registros. Os valores e as datas nunca são ocultados, por isso cada total continua batendo. As linhas registradas antes de o fundo passar à forma v2 calculam o hash do próprio texto: em journal.csv são mostradas como foram registradas (a exportação avisou o tesoureiro de qualquer nome oculto nelas), e em records.csv o conteúdo desse registro é retido (o seu hash é indicado). Uma conta com o nome de alguém que este público não pode ver é mostrada por um rótulo: a sua raiz e redacted- com os primeiros 8 dígitos hexadecimais do compromisso do seu nome (expenses:redacted-4d90c2f8), o mesmo em todos os arquivos, para que os saldos continuem fechando por conta; a coluna account_salt das suas linhas guarda o compromisso inteiro. Um fundo comum com o nome de alguém que este público não pode ver é mostrado do mesmo modo, redacted- com os primeiros 8 dígitos hexadecimais do compromisso do seu nome (redacted-2c09804a), em todos os arquivos que o nomeiam; a coluna pool_salt das suas linhas guarda o compromisso inteiro, e o seu registro pool em records.csv mostra {"{"}"redacted": compromisso, "shown": rótulo{"}"}. Uma conta ou um fundo comum que linhas da forma v1 nomeiam é mostrado como foi registrado.
bundle-redacted-auditor = O que foi ocultado: nada além dos contatos e das notas privadas dos membros, que records.csv mostra só como o seu compromisso ({"{"}"redacted": compromisso{"}"}); cada hash continua sendo recalculado a partir dos arquivos.
bundle-format = Formato: { $format }, descrito por completo em docs/audit-format.md, nas fontes do fondo.

bundle-heading-fingerprint = Impressão digital
bundle-chain = As contas de um fundo mantido com o fondo são uma cadeia de hashes: o hash de cada transação cobre o seu conteúdo e o hash da transação registrada antes dela, por isso mudar, remover ou reordenar qualquer coisa muda todos os hashes seguintes. O último, a cabeça, é a impressão digital do fundo, que os tesoureiros leem em voz alta nas assembleias. Os apoios, os votos, as regras, os membros e os cargos são guardados numa segunda cadeia do mesmo tipo, os registros de governança.
bundle-stated-fingerprint = Impressão digital das contas (o hash da cabeça do diário) depois de { $transactions } { $transactions ->
    [one] transação
   *[other] transações
}:
bundle-stated-records-head = Cabeça dos registros de governança depois de { $records } { $records ->
    [one] registro
   *[other] registros
}:
bundle-stated-prev-start = journal.csv continua a cadeia desde o início (64 zeros):
bundle-stated-prev = journal.csv continua a cadeia desde:
bundle-stated-last = e termina com:
bundle-journal-holds = journal.csv contém { $transactions } { $transactions ->
    [one] transação
   *[other] transações
}, { $period_transactions } delas com data dentro do período.
bundle-journal-reaches-head = Termina na cabeça da cadeia, por isso a impressão digital acima pode ser recalculada a partir dele.
bundle-journal-goes-on = As contas continuaram depois da sua última transação, por isso a impressão digital acima é a declarada; o seu último hash está na coluna hash de um pacote posterior ou de um `fondo journal export` completo.

bundle-heading-checked = O que é verificado, e o que é declarado
bundle-checked = O que é verificado: cada hash de journal.csv, reversed.csv e records.csv é recalculado e cada cadeia ligada aos hashes acima. balances.csv e pools.csv são recalculados a partir de journal.csv. A partir de records.csv (cada apoio reproduzido a partir dos seus registros exatamente como o fondo faz, pelo mesmo código que escreveu os arquivos): roles.csv (registros role-term e role-end), policies.csv (registros policy), cada linha de grants.csv (requerente, fundo comum, valor, finalidade, regra, prazo, situação, decisão, contagens decididas, pago, gasto, devolvido, fim), cada voto de votes.csv (quem, como, quando, porquê, contado), e quem cada linha de contributors.csv nomeia (registros contribution); nenhum voto pode vir do requerente do apoio nem de um membro que não era administrador nesse dia. As parcelas, as devoluções e as contribuições também são conferidas com journal.csv.
bundle-stated-rows = Declarado, não verificável: as linhas de abstenção de votes.csv (porque um administrador se absteve é uma relação que os pacotes públicos não contam; a contagem de votantes possíveis de grants.csv é verificada com elas); a contagem de um apoio ainda aberto no fim do período (verificada com votes.csv); que código de moeda é a moeda de um apoio, os nomes e as casas decimais de commodities.csv e a situação e os dias de fechamento de accounts.csv (as moedas e as contas não são registros de governança); a finalidade e as orientações de pools.csv (os registros dos fundos comuns as guardam, os verificadores ainda não as comparam); a situação de purchases.csv e as unidades de purchase_items.csv (em records.csv, ainda não reproduzidas); e qualquer texto mostrado só como o seu compromisso.

bundle-heading-verify = Como verificar
bundle-verify-fondo = 1. Com o fondo, offline (sem precisar de banco de dados): execute `fondo verify --bundle` seguido do caminho deste diretório. Ele verifica tudo o que vem a seguir, mostra cada constatação com o seu arquivo e a sua linha, e termina com 0 quando não há nenhuma, 1 quando há constatações.
bundle-verify-script = 2. Com um script: `python3 scripts/verify_bundle.py` seguido do caminho deste diretório, a partir das fontes do fondo, verifica os resumos, as duas cadeias de hashes, os saldos e as linhas derivadas de records.csv sem nada além da biblioteca padrão do Python.
bundle-verify-hand = 3. À mão ou com uma planilha:
bundle-step-digests = a. Resumos: `sha256sum *` (no Windows: `certutil -hashfile ARQUIVO SHA256`) deve mostrar, para cada arquivo, o sha256 que MANIFEST.csv indica, e cada arquivo CSV deve ter tantas linhas depois do cabeçalho quantas diz MANIFEST.csv.
bundle-step-chain = b. A cadeia de hashes: para cada transação de journal.csv (as suas linhas seguidas com o mesmo txn), escreva o array JSON ["fondo-txn-v1", prev_hash, date, description, payee, reference, REVERSES, [[account, commodity, amount, memo, pool], ... um por linha]] com cada elemento como texto, compacto (sem espaços entre os elementos), com os caracteres não ASCII como estão; REVERSES fica vazio ou, para uma anulação, é o hash da transação que a sua coluna reverses nomeia (antes em journal.csv ou em reversed.csv). O seu SHA-256 deve ser a coluna hash. Uma linha cuja coluna form é fondo-txn-v2 é calculada na forma v2: o primeiro elemento é "fondo-txn-v2" e cada texto (description, payee, reference, account, memo, pool) é substituído pelo seu compromisso, o SHA-256 de "fondo-text-v2", um byte 0, o sal da sua coluna de sal, um byte 0 e o texto (uma coluna de sal de 64 dígitos hexadecimais é o próprio compromisso; um texto vazio fica vazio). O primeiro prev_hash deve ser o journal_prev_hash de BUNDLE.csv, cada prev_hash seguinte o hash anterior, e o último hash o journal_last_hash. docs/hash-chain.md, nas fontes do fondo, tem exemplos resolvidos.
bundle-step-zero = c. Os valores de cada transação somam zero por moeda.
bundle-step-balances = d. Saldos: some os valores de journal.csv com data dentro do período por conta e moeda, os positivos e os negativos à parte; são os débitos e (como números positivos) os créditos de balances.csv, e abertura + débitos - créditos = fechamento em cada linha. Todas as aberturas somam zero por moeda, e todos os fechamentos também.
bundle-step-pools = e. Fundos comuns: as somas da abertura e do fechamento de todos os fundos comuns são iguais às somas dos saldos de abertura e de fechamento das contas de ativo e de passivo, por moeda.
bundle-step-grants = f. Apoios: os votos contados de votes.csv dão os consentimentos, as objeções e as abstenções de grants.csv, e a sua regra (de policies.csv) dá a sua decisão; as parcelas listadas em payment_txns são os lançamentos de despesa do apoio em journal.csv.
bundle-step-purchases = g. Compras: por compra, a coluna charged de purchases.csv tem exatamente os débitos a assets:purchases:receivable do seu settle_txn em journal.csv (um por grupo cobrado); o paid de cada grupo é a soma dos créditos a essa conta nos seus pay_txns, e owed = charged - paid. As unidades estão por artigo em purchase_items.csv, cada uma na unidade do seu artigo; o purchase e o group de cada linha têm a sua linha em purchases.csv.

bundle-heading-ballots = Os votos assinados de quem administra
bundle-ballots = Cada voto assinado cuja cédula este pacote mostra está aqui em dois arquivos: a cédula e a assinatura SSH que quem votou pôs nela ({ $ballot } e { $signature }, sendo N o número do voto em records.csv); e { $signers } guarda todas as chaves que os membros registraram, com o número do membro como nome, válidas desde o registro até a revogação. Os dois são cópias exatas do que records.csv guarda, e os verificadores os comparam. Para conferir um voto só com OpenSSH, nesta pasta, com VOTER o número da linha voter da cédula e TIME os dígitos da sua linha time (2026-07-02T18:00:00 é 20260702180000):
bundle-ballots-good = Aparece Good "{ $namespace }" signature for VOTER: a chave desse membro, em vigor na hora da cédula, assinou exatamente essa cédula. votes.csv nomeia o membro como este público pode vê-lo.
bundle-heading-signature = A assinatura do fundo
bundle-signature = O fundo assinou MANIFEST.csv com a sua chave { $key }: { $signature } é uma assinatura SSH (SSHSIG, espaço de nomes { $namespace }) dos seus bytes exatos, e { $signers } indica as chaves públicas do fundo. Como MANIFEST.csv tem o resumo de cada um dos outros arquivos, a assinatura cobre o pacote inteiro. Para verificá-la só com o OpenSSH, neste diretório:
bundle-signature-trust = Ele mostra Good "{ $namespace }" signature for { $signer } with ED25519 key { $key }. Isso só mostra que o pacote concorda consigo mesmo: quem o mudou poderia tê-lo assinado de novo com uma chave sua e posto essa chave em { $signers }. Por isso obtenha a chave do fundo com o próprio fundo (a sua impressão digital é lida na assembleia, e `fondo fund show` a mostra), ponha-a num arquivo, por exemplo fund.pub, e verifique com ela: `fondo verify --bundle DIR --signer-key fund.pub`, ou com o ssh-keygen como acima depois de escrever a linha `{ $signer } namespaces="{ $namespace }"` seguida da chave de fund.pub num arquivo seu e dar esse arquivo a -f.

bundle-heading-files = Os arquivos

# The descriptions of the files and their columns (FILES in src/audit/bundle/mod.rs).
bundle-file-bundle = O que é este pacote: uma linha por fato, como chave e valor. As chaves são format, fund, fund_id (o id que as suas cédulas nomeiam), audience, period, from, to, journal_prev_hash, journal_last_hash, fingerprint, ledger_transactions, records_head, records_count (os registros de records.csv terminam nesta cabeça e são esta quantidade) e generator (cada uma é explicada no início deste README).
bundle-col-bundle-key = o nome do fato
bundle-col-bundle-value = o seu valor
bundle-file-journal = O diário: uma linha por lançamento, na ordem em que as transações foram registradas (a ordem da cadeia), exatamente como `fondo journal export` o escreve. Contém todas as transações com data dentro do período e, para a cadeia de hashes não se romper, as transações registradas no meio com data fora dele (não contam para os números do período).
bundle-col-journal-txn = o número da transação nas contas do fundo; as linhas de uma transação ficam juntas
bundle-col-journal-date = a data da transação, AAAA-MM-DD
bundle-col-journal-description = o que é a transação
bundle-col-journal-account = a conta deste lançamento, por exemplo assets:bank:usd
bundle-col-journal-amount = o valor do lançamento, com exatamente as casas decimais da moeda; positivo é um débito, negativo um crédito; cada transação soma zero por moeda
bundle-col-journal-commodity = o que o valor conta: uma moeda (USD) ou uma unidade em espécie (HOURS)
bundle-col-journal-payee = quem pagou ou recebeu, quando registrado (muitas vezes vazio)
bundle-col-journal-reference = uma referência bancária, um número de recibo ou de cheque (muitas vezes vazio)
bundle-col-journal-memo = uma nota sobre este lançamento (muitas vezes vazio)
bundle-col-journal-pool = o fundo comum restrito a que pertence um lançamento de receita, despesa ou patrimônio; vazio para o fundo comum geral e para todo lançamento de ativo ou passivo
bundle-col-journal-reverses = para uma anulação: o txn que ela estorna (neste arquivo ou em reversed.csv); vazio nos outros casos
bundle-col-journal-prev_hash = o hash da transação registrada logo antes desta
bundle-col-journal-hash = o hash SHA-256 desta transação sobre o seu conteúdo e prev_hash (docs/hash-chain.md)
bundle-col-journal-form = a forma canônica do hash: fondo-txn-v1 (registrada antes de o fundo mudar) ou fondo-txn-v2 (os campos de texto calculados como compromissos com sal)
bundle-col-journal-description_salt = só v2: o sal do compromisso da descrição (32 dígitos hexadecimais); vazio para um texto vazio
bundle-col-journal-payee_salt = só v2: o sal do compromisso do beneficiário
bundle-col-journal-reference_salt = só v2: o sal do compromisso da referência
bundle-col-journal-memo_salt = só v2: o sal do compromisso da nota deste lançamento
bundle-col-journal-account_salt = só v2: o sal do compromisso do nome da conta, o mesmo em cada linha da conta
bundle-col-journal-pool_salt = só v2: o sal do compromisso do nome do fundo comum; vazio para o fundo comum geral
bundle-file-reversed = Transações de antes de journal.csv que uma anulação de journal.csv estorna, nas mesmas colunas. O hash de uma anulação cobre o hash da transação que ela estorna; estas linhas permitem recalcular esse hash. Em geral vazio.
bundle-file-accounts = Todas as contas do fundo, como estavam no último dia do período.
bundle-col-accounts-account = o nome completo da conta
bundle-col-accounts-type = assets, liabilities, equity, income ou expenses (ativo, passivo, patrimônio, receitas ou despesas: a primeira parte do nome)
bundle-col-accounts-status = open (aberta) ou closed (encerrada)
bundle-col-accounts-closed_on = o dia em que foi encerrada, se foi
bundle-col-accounts-note = a nota do tesoureiro sobre a conta (por exemplo, que conta bancária é); só nos pacotes do auditor, vazia nos outros
bundle-file-commodities = Todas as moedas: moedas correntes e unidades em espécie, com as casas decimais com que cada valor nelas é escrito.
bundle-col-commodities-commodity = o seu código, por exemplo USD ou HOURS
bundle-col-commodities-decimals = quantas casas decimais têm os seus valores
bundle-col-commodities-name = o seu nome completo, se tiver um
bundle-file-balances = O saldo de cada conta por moeda no início e no fim do período: abertura + débitos - créditos = fechamento, e os débitos e os créditos são as somas dos lançamentos de journal.csv com data dentro do período. Todas as aberturas juntas somam zero por moeda, e todos os fechamentos também.
bundle-col-balances-account = a conta
bundle-col-balances-commodity = a moeda
bundle-col-balances-opening = o saldo no fim do dia anterior ao início do período (positivo: débito)
bundle-col-balances-debits = a soma dos lançamentos positivos com data dentro do período
bundle-col-balances-credits = a soma dos lançamentos negativos com data dentro do período, escrita como número positivo
bundle-col-balances-closing = o saldo no fim do último dia do período
bundle-file-pools = O que cada fundo comum tinha no início e no fim do período, e como isso mudou, por moeda (uma linha com os valores vazios para um fundo comum que nunca teve nada). O que um fundo comum tem é feito dos lançamentos de receita, despesa e patrimônio que levam o seu nome na coluna pool do diário (para o fundo comum geral: os que têm a coluna pool vazia). Em cada linha, opening + contributions + moved_in - moved_out - spent + converted + other = closing, e available = closing - committed. As aberturas (e os fechamentos) de todos os fundos comuns juntos são iguais ao patrimônio líquido do fundo: os saldos de todas as contas de ativo e de passivo.
bundle-col-pools-pool = o nome do fundo comum; general é tudo o que não está separado em outro fundo comum
bundle-col-pools-purpose = para que a comunidade o separou
bundle-col-pools-guidelines = como os apoios que saem dele devem ser usados
bundle-col-pools-opening = o que tinha no fim do dia anterior ao início do período
bundle-col-pools-contributions = as receitas creditadas ao fundo comum dentro do período (menos as receitas debitadas)
bundle-col-pools-moved_in = o que veio de outros fundos comuns dentro do período (créditos a equity:pools)
bundle-col-pools-moved_out = o que foi para outros fundos comuns dentro do período (débitos a equity:pools)
bundle-col-pools-spent = as despesas lançadas no fundo comum dentro do período (parcelas de apoios, bens entregues, custos), menos os reembolsos
bundle-col-pools-converted = as trocas de moeda dentro do período (equity:conversions:…): o recebido nesta moeda menos o entregue
bundle-col-pools-other = outros lançamentos de patrimônio dentro do período (saldos de abertura e semelhantes)
bundle-col-pools-closing = o que tinha no fim do último dia do período
bundle-col-pools-committed = apoios aprovados ainda não pagos no fim do período: o dinheiro continua lá, mas reservado
bundle-col-pools-available = fechamento menos o comprometido
bundle-file-grants = Todos os apoios pedidos até o fim do período que ainda estavam abertos ou aprovados quando ele começou (os apoios terminados antes do período ficam de fora), como estavam no fim do período.
bundle-col-grants-grant = o id do apoio, por exemplo G-0001
bundle-col-grants-applicant = quem pediu (como este público pode ver)
bundle-col-grants-pool = o fundo comum de onde é pago
bundle-col-grants-commodity = a moeda pedida
bundle-col-grants-amount = o valor pedido (uma aprovação compromete exatamente isto)
bundle-col-grants-purpose = para que é
bundle-col-grants-category = a categoria de despesa, se foi indicada
bundle-col-grants-needed_by = o dia até o qual era preciso, se foi indicado
bundle-col-grants-applied_at = quando o pedido foi feito, AAAA-MM-DDTHH:MM:SS
bundle-col-grants-policy_version = a versão da regra do fundo comum em vigor então (veja policies.csv)
bundle-col-grants-rule = a regra da faixa em que cai o seu valor, em palavras, por exemplo consent (3 consentimentos, nenhuma objeção)
bundle-col-grants-window_closes = applied_at mais o prazo da faixa: quando a votação termina
bundle-col-grants-status = open, approved, rejected, withdrawn ou closed (aberto, aprovado, rejeitado, retirado ou encerrado) no fim do período
bundle-col-grants-decision = approved ou rejected (aprovado ou rejeitado), depois de decidido; vazio antes
bundle-col-grants-decided_at = quando foi decidido
bundle-col-grants-expires = o último dia em que o dinheiro não pago de uma aprovação continua comprometido, se definido
bundle-col-grants-consents = os consentimentos contados: na decisão, ou no fim do período se ainda estiver aberto (o último voto de cada administrador, até o fim do prazo)
bundle-col-grants-objections = as objeções contadas, do mesmo modo
bundle-col-grants-abstentions = as abstenções contadas, do mesmo modo
bundle-col-grants-eligible = os administradores que podiam votar então (em mandato, sem impedimento), como a decisão registrou
bundle-col-grants-explanation = porque foi decidido assim, como o fondo escreveu na decisão
bundle-col-grants-paid = as parcelas pagas até o fim do período
bundle-col-grants-paid_in_period = a parte de paid cujas parcelas têm data dentro do período
bundle-col-grants-payment_txns = o txn de cada parcela paga até o fim do período, separados por espaços
bundle-col-grants-spent = o gasto que quem recebeu o apoio declarou até o fim do período
bundle-col-grants-returned = o dinheiro que quem recebeu o apoio devolveu no encerramento
bundle-col-grants-return_txn = o txn dessa devolução, se houve
bundle-col-grants-committed = para um apoio aprovado não encerrado: o valor menos o pago; senão 0
bundle-col-grants-ended_at = quando foi encerrado ou retirado, se foi até o fim do período
bundle-col-grants-end_reason = porque foi encerrado ou retirado
bundle-file-votes = Todos os votos dados sobre os apoios de grants.csv até o fim do período, mudanças incluídas (um voto posterior do mesmo administrador substitui o anterior), e depois uma linha por administrador que teve de se declarar impedido.
bundle-col-votes-grant = o apoio
bundle-col-votes-member = o administrador (como este público pode ver)
bundle-col-votes-vote = consent, object ou abstain (consentir, objetar ou abster-se); recused para um administrador que não podia votar
bundle-col-votes-at = quando o voto foi dado; para um impedimento, quando os votos foram contados
bundle-col-votes-reason = o motivo dado (uma objeção sempre tem um); para um impedimento: o requerente, ou parente do requerente
bundle-col-votes-counted = yes para o último voto de cada administrador dado até a contagem dos votos (a decisão, ou o fim do período, e nunca depois do fim do prazo); no nos outros casos
bundle-file-policies = Todas as versões da regra de decisão de cada fundo comum definidas até o fim do período, uma linha por faixa. Um pedido cai na faixa da sua moeda com o teto (up_to) mais baixo que o cobre, senão na faixa sem teto.
bundle-col-policies-pool = o fundo comum
bundle-col-policies-version = o número da versão (1, 2, …)
bundle-col-policies-set_at = quando esta versão foi definida
bundle-col-policies-up_to = o maior valor que a faixa decide; vazio: sem teto
bundle-col-policies-commodity = a moeda de up_to
bundle-col-policies-rule = consent, majority ou lazy (consentimento, maioria ou consentimento tácito)
bundle-col-policies-min_consents = consent e lazy: os consentimentos necessários (sem nenhuma objeção)
bundle-col-policies-quorum = majority: quantos administradores com direito a voto devem votar
bundle-col-policies-threshold = majority: a proporção de consentimentos entre consentimentos e objeções que tem de ser ultrapassada, por exemplo 0.5
bundle-col-policies-window_minutes = quanto tempo a votação fica aberta depois do pedido
bundle-col-policies-reason = porque a comunidade a definiu
bundle-file-roles = Todos os mandatos que começaram até o fim do período: tesoureiros, administradores (que votam os apoios) e membros.
bundle-col-roles-member = quem (como este público pode ver)
bundle-col-roles-role = treasurer, steward ou member (tesoureiro, administrador ou membro)
bundle-col-roles-from = o primeiro dia do mandato
bundle-col-roles-until = o seu último dia; vazio enquanto não tem fim definido
bundle-file-contributors = Todas as contribuições com data dentro do período, em dinheiro e em espécie, com quem as deu. Cada linha corresponde aos lançamentos de receita do seu txn em journal.csv.
bundle-col-contributors-txn = a transação da contribuição em journal.csv
bundle-col-contributors-date = a sua data
bundle-col-contributors-contributor = quem a deu (como este público pode ver); anonymous quando quem deu ficou anônimo
bundle-col-contributors-kind = money (dinheiro), goods (bens em espécie, guardados em estoque) ou o tipo de serviço dado em espécie (por exemplo legal-assistance)
bundle-col-contributors-pool = o fundo comum para onde foi
bundle-col-contributors-amount = o valor creditado a receitas
bundle-col-contributors-voided_by = o txn da anulação que a cancelou dentro do período, se houve
bundle-file-transfers = Todas as transferências entre este fundo e outro com data dentro do período, dinheiro enviado ou recebido, na ordem da cadeia. Cada linha é o que diz o seu txn em journal.csv (referência, beneficiário e lançamentos); um hub emparelha as linhas dos dois fundos por transfer_id.
bundle-col-transfers-txn = a transação da transferência em journal.csv
bundle-col-transfers-direction = sent (enviada) ou received (recebida)
bundle-col-transfers-transfer_id = o identificador da transferência: o id do fundo que envia, um hífen e a sua contagem de transferências (a referência da transação)
bundle-col-transfers-counterpart_fund = o id do outro fundo (o beneficiário da transação)
bundle-col-transfers-amount = sent: o valor enviado; received: o valor que chegou
bundle-col-transfers-sent_amount = só received: o valor que o outro fundo enviou, tal como este o registou (o próprio valor numa só moeda)
bundle-col-transfers-sent_commodity = só received: a sua moeda
bundle-col-transfers-rate = só received noutra moeda: amount dividido por sent_amount, exato
bundle-col-transfers-pool = o fundo comum de onde o dinheiro saiu ou para onde foi; vazio para o fundo geral
bundle-col-transfers-grant = só received: o apoio deste fundo que financia, se foi nomeado um
bundle-col-transfers-voided_by = o txn da anulação que a reverteu dentro do período, se houve
bundle-file-records = Todos os registros de governança do fundo, do primeiro até a cabeça dos registros indicada em BUNDLE.csv, na ordem da cadeia (os registros são escritos à medida que as coisas acontecem, por isso isto inclui registros com data posterior ao período; os outros arquivos só contam os que têm data até o fim dele). O hash de cada registro é recalculado a partir do seu conteúdo e do hash anterior, desde o hash de gênese (64 zeros) até a cabeça dos registros. Cada campo de texto livre de um registro na forma v2 é mostrado como {"{"}"text", "salt"{"}"} onde este público pode vê-lo, ou como {"{"}"redacted": compromisso{"}"} onde não pode (o nome de um membro acrescenta "shown", o nome ou o pseudônimo que os outros arquivos usam); o hash é recalculado nos dois casos (docs/audit-format.md).
bundle-col-records-id = o número do registro, na ordem da cadeia
bundle-col-records-at = quando aconteceu (AAAA-MM-DDTHH:MM:SS) ou, para um registro de auditoria, quando foi digitado (com um Z)
bundle-col-records-kind = o que registra: policy, vote, decision, member, role-term, …
bundle-col-records-grant = o número do apoio (7 para G-0007), ou vazio
bundle-col-records-form = a forma canônica do seu hash: fondo-record-v1 (o texto calculado como está) ou fondo-record-v2 (os campos de texto calculados como compromissos com sal)
bundle-col-records-prev_hash = o hash do registro anterior
bundle-col-records-hash = o seu hash SHA-256 sobre o seu conteúdo e prev_hash (docs/hash-chain.md)
bundle-col-records-payload = o seu conteúdo, um objeto JSON, com as chaves na ordem guardada; retido para um registro v1 cujo texto este público não pode ver (o seu hash fica então declarado, não verificável)
bundle-file-purchases = As compras coletivas abertas dentro do período, em que grupos de membros compraram juntos de um fornecedor: uma linha por compra e grupo com o seu dinheiro, como estavam no fim do último dia do período, na ordem em que as compras foram abertas e em que os grupos pediram pela primeira vez (as unidades estão em purchase_items.csv, por artigo). Por compra, a coluna charged soma os débitos a assets:purchases:receivable da transação de liquidação, e o paid de cada grupo os créditos das suas transações de pagamento. Declarado, não verificável: a situação vem dos registros de governança da compra, que records.csv contém mas que os verificadores ainda não reproduzem, e nenhum lançamento do diário nomeia um grupo.
bundle-col-purchases-purchase = o nome da compra
bundle-col-purchases-status = open, closed, settled ou done (aberta, fechada, liquidada ou concluída), no fim do período (declarado, não verificável)
bundle-col-purchases-group = o grupo de membros (uma casa, um coletivo) como este público pode ver
bundle-col-purchases-currency = a moeda da compra
bundle-col-purchases-charged = a sua parte da fatura e dos custos, depois do subsídio do fundo; 0 antes da liquidação. A transação de liquidação debita assets:purchases:receivable com exatamente um lançamento por grupo cobrado
bundle-col-purchases-paid = o que já pagou da sua parte: os créditos a assets:purchases:receivable das transações de pay_txns
bundle-col-purchases-owed = charged - paid: o que ainda deve ao fundo
bundle-col-purchases-settle_txn = o txn de journal.csv que pagou o fornecedor e cobrou as partes; vazio antes da liquidação
bundle-col-purchases-pay_txns = os txn de journal.csv em que o grupo pagou, separados por espaços
bundle-file-purchase_items = As unidades das compras coletivas de purchases.csv, por artigo: uma linha por compra, grupo e artigo que o grupo pediu, na ordem de purchases.csv e depois dos artigos da compra, como estavam no fim do último dia do período. Cada artigo conta na sua própria unidade (os quilos de arroz e as garrafas de óleo nunca se somam). A compra e o grupo de cada linha têm a sua linha em purchases.csv. Declarado, não verificável: ordered, allocated e received vêm dos registros de governança da compra (os seus pedidos, o seu fechamento e as suas entregas), que records.csv contém mas que os verificadores ainda não reproduzem.
bundle-col-purchase_items-purchase = o nome da compra, como em purchases.csv
bundle-col-purchase_items-group = o grupo de membros, nomeado como em purchases.csv (que tem a sua linha)
bundle-col-purchase_items-item = o artigo, como a compra o lista
bundle-col-purchase_items-unit = a moeda em espécie em que as suas unidades são contadas (por exemplo KG-RICE); vazia quando o artigo não é guardado em estoque
bundle-col-purchase_items-ordered = as unidades deste artigo que o grupo pediu (declarado, não verificável)
bundle-col-purchase_items-allocated = as unidades deste artigo atribuídas a ele em caixas inteiras no fechamento; 0 antes do fechamento (declarado, não verificável)
bundle-col-purchase_items-received = as unidades deste artigo que recebeu do que chegou, depois de uma entrega incompleta ser redistribuída; 0 antes da entrega (declarado, não verificável)
bundle-file-readme = Este arquivo.
bundle-file-manifest = Cada um dos outros arquivos com o seu número de linhas (linhas de dados depois do cabeçalho para um arquivo CSV; linhas para README.txt) e o seu resumo SHA-256. O resumo do próprio MANIFEST.csv, que `fondo export audit` e `fondo verify --bundle` mostram, identifica o pacote inteiro.
bundle-col-manifest-file = o nome do arquivo
bundle-col-manifest-rows = o seu número de linhas
bundle-col-manifest-sha256 = o SHA-256 dos seus bytes, 64 dígitos hexadecimais em minúsculas
