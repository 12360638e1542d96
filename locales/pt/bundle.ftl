# fondo: the bundle messages (pt). Keys: the registry in the code that uses them
# (src/audit/bundle/readme.rs); the descriptions of files and columns follow,
# as bundle-file-FILE and bundle-col-FILE-COLUMN (src/audit/bundle/mod.rs has
# the English). Names of files, columns, keys and commands stay as they are.

bundle-title = Pacote de auditoria de { $fund }
bundle-intro = Este diretório é um pacote de auditoria das contas de { $fund }, escrito por { $generator }. Qualquer pessoa pode verificá-lo sem o banco de dados do fundo: todos os arquivos menos este são CSV simples (UTF-8, separado por vírgulas, entre aspas onde for preciso, uma linha de cabeçalho), e MANIFEST.csv lista cada arquivo com o seu número de linhas e o seu resumo SHA-256.

bundle-heading-covers = O que abrange
bundle-period = Período: { $period }, de { $from } a { $to } (os dois dias incluídos).
bundle-standing-open = As contas de { $period } não estão fechadas: ainda podem ser acrescentados lançamentos com data dentro dele.
bundle-standing-closed = As contas de { $period } foram fechadas em { $at } (registro { $record }): { $reason }.
bundle-standing-reopening = em { $at } (registro { $record }): { $reason }
bundle-standing-reopening-more = { $earlier }; e em { $at } (registro { $record }): { $reason }
bundle-standing-reopened-before = { $closed } Antes disso, foram reabertas { $earlier }.
bundle-standing-reopened = { $closed } Foram reabertas em { $at } (registro { $record }): { $reason }; podem ser acrescentados lançamentos com data em { $period } até elas serem fechadas de novo.

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
bundle-redacted-hidden = O que foi ocultado: em journal.csv, reversed.csv e records.csv, que estão encadeados por hash, não se mostra um texto livre (uma descrição, beneficiário, referência, nota, finalidade, motivo, o nome próprio de um membro oculto, um contato ou uma nota privada) que este público não pode ver. journal.csv o mostra como a palavra redacted com, na sua coluna de sal, o compromisso do texto (64 dígitos hexadecimais) em vez do sal (32); records.csv mostra {"{"}"redacted": compromisso{"}"}. As linhas na forma v2 calculam o hash de cada texto só através do seu compromisso, por isso cada hash continua sendo recalculado offline e a cadeia continua chegando à impressão digital e à cabeça dos registros. Os valores, as datas, as contas e os fundos comuns nunca são ocultados, por isso cada total continua batendo. As linhas registradas antes de o fundo passar à forma v2 calculam o hash do próprio texto: em journal.csv são mostradas como foram registradas (a exportação avisou o tesoureiro de qualquer nome oculto nelas), e em records.csv o conteúdo desse registro é retido (o seu hash é indicado). Os nomes das contas e dos fundos comuns são mostrados como foram registrados.
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

bundle-heading-signature = A assinatura do fundo
bundle-signature = O fundo assinou MANIFEST.csv com a sua chave { $key }: { $signature } é uma assinatura SSH (SSHSIG, espaço de nomes { $namespace }) dos seus bytes exatos, e { $signers } indica as chaves públicas do fundo. Como MANIFEST.csv tem o resumo de cada um dos outros arquivos, a assinatura cobre o pacote inteiro. Para verificá-la só com o OpenSSH, neste diretório:
bundle-signature-trust = Ele mostra Good "{ $namespace }" signature for { $signer } with ED25519 key { $key }. Isso só mostra que o pacote concorda consigo mesmo: quem o mudou poderia tê-lo assinado de novo com uma chave sua e posto essa chave em { $signers }. Por isso obtenha a chave do fundo com o próprio fundo (a sua impressão digital é lida na assembleia, e `fondo fund show` a mostra), ponha-a num arquivo, por exemplo fund.pub, e verifique com ela: `fondo verify --bundle DIR --signer-key fund.pub`, ou com o ssh-keygen como acima depois de escrever a linha `{ $signer } namespaces="{ $namespace }"` seguida da chave de fund.pub num arquivo seu e dar esse arquivo a -f.

bundle-heading-files = Os arquivos
