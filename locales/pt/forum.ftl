# fondo: as mensagens da página do fórum (pt). Chaves: o registro do código
# que as usa (src/report/forum/messages.rs). Os números chegam já escritos
# para leitura; uma mensagem que começa com vírgula, dois-pontos ou
# ponto e vírgula é acrescentada à anterior.

forum-title = { $fund }: { $subtitle }
forum-subtitle = Relatório para o fórum aberto, { $span }, { $audience }
forum-span-named = { $label }, de { $from } a { $to }
forum-span-days = de { $from } a { $to }
forum-audience-public = para o público: quem pediu para não ser identificado aparece com um nome fictício
forum-audience-members = para os membros: quem contribui sem se identificar aparece com um nome fictício
forum-audience-treasurer = para a tesouraria: todos os nomes aparecem
forum-audience-auditor = para a auditoria: todos os nomes aparecem, mas não os dados de contato
forum-footer = Feito pelo fondo a partir dos livros do fundo. Todos os números vêm dos relatórios do período: fondo report summary, pools, grants, purchases, budget e metrics para { $period }.
forum-missing = –

## Títulos das colunas

forum-col-what = O quê
forum-col-how-many = Quantos
forum-col-detail = Detalhe
forum-col-amount = Valor
forum-col-pool = Bolsa
forum-col-commodity = Moeda ou bem
forum-col-category = Categoria
forum-col-opening = No início
forum-col-contributions = Contribuições
forum-col-moved-in = Entrou de outras bolsas
forum-col-moved-out = Saiu para outras bolsas
forum-col-spent = Gasto
forum-col-exchanged = Câmbio
forum-col-other = Outros
forum-col-closing = No fechamento
forum-col-committed = Comprometido
forum-col-available = Disponível
forum-col-month = Mês
forum-col-in = Entrou
forum-col-out = Saiu
forum-col-grant = Apoio
forum-col-applicant = Quem pediu
forum-col-requested = Pedido
forum-col-paid = Pago
forum-col-reported-spent = Gasto segundo o informado
forum-col-status = Situação
forum-col-decision = Como foi decidido
forum-col-purchase = Compra
forum-col-who = Quem deve
forum-col-whom = A quem
forum-col-charged = Cobrado
forum-col-owed = Ainda em dívida
forum-col-saved = Economia em relação a comprar sozinho
forum-col-period = Período
forum-col-budget = Orçamento
forum-col-left = Resta
forum-col-used = Usado
forum-col-metric = Indicador
forum-col-this-period = Este período
forum-col-previous = O anterior
forum-col-change = Variação
forum-col-basis = Com base em

## O resumo

forum-summary-heading = O período em poucas palavras
forum-received = De { $from } a { $to }, { $fund } recebeu { $received }.
forum-received-gifts = De { $from } a { $to }, { $fund } recebeu { $received }: { $gifts } no total, de { $named } e { $anonymous }.
forum-received-none = nenhuma contribuição em dinheiro
forum-received-money = { $amounts } em contribuições
forum-standing-open = Os livros do período { $period } não estão fechados: ainda se podem acrescentar lançamentos com data dentro desse período.
forum-standing-closed = Os livros do período { $period } foram fechados em { $at } (registro { $record }): { $reason }.
forum-standing-reopening = em { $at } (registro { $record }): { $reason }
forum-standing-and = { $before }; e { $next }
forum-standing-reopened-before = Antes disso, foram reabertos { $reopenings }.
forum-standing-reopened-now = Foram reabertos em { $at } (registro { $record }): { $reason }; podem ser acrescentados lançamentos com data no período { $period } até que sejam fechados de novo.
forum-contributions = { $n ->
    [one] { $n } contribuição
   *[other] { $n } contribuições
}
forum-named-contributors = { $n ->
    [one] { $n } pessoa identificada
   *[other] { $n } pessoas identificadas
}
forum-anonymous-gifts = { $n ->
    [one] { $n } doação anônima
   *[other] { $n } doações anônimas
}
forum-in-kind = Também chegou apoio em espécie: { $list }.
forum-of-services = { $amounts } de serviços
forum-of-goods = { $amounts } de bens
forum-paid-nothing = Não foi pago nenhum apoio e não houve custos de funcionamento
forum-paid-grants = O fundo pagou { $grants } em apoios
forum-paid-costs = O fundo não pagou apoios e gastou { $costs } com o seu funcionamento
forum-paid-both = O fundo pagou { $grants } em apoios e { $costs } em custos de funcionamento
forum-gave-out = , e distribuiu { $amounts } do que tinha guardado
forum-came-back = Voltaram { $amounts } de apoios que não foram gastos.
forum-grants-over-period = { $applied ->
    [one] Foi pedido { $applied } apoio
   *[other] Foram pedidos { $applied } apoios
}. No período, apoios aprovados: { $approved }; recusados: { $rejected }; retirados: { $withdrawn }. { $paid ->
    [one] { $paid } apoio recebeu um pagamento
   *[other] { $paid } apoios receberam um pagamento
} e { $closed ->
    [one] { $closed } foi encerrado
   *[other] { $closed } foram encerrados
}.
forum-moved-between-pools = { $amounts } passaram de uma bolsa para outra
forum-exchanged = as operações de câmbio transformaram { $from } em { $into }
forum-within = Dentro do fundo, { $list }.
forum-no-money = nenhum dinheiro
forum-held = No fechamento, as suas bolsas tinham { $money }
forum-held-stock = No fechamento, as suas bolsas tinham { $money }, e { $stock } em estoque
forum-none-committed = ; nada disso estava comprometido com apoios ainda não pagos.
forum-committed = ; disso, { $amounts } estava comprometido com apoios aprovados e ainda não pagos.

## As bolsas

forum-pools-heading = O que cada bolsa tem
forum-pools-intro = Por bolsa e por moeda ou bem, de { $from } a { $to }: o saldo do início, mais as contribuições e o dinheiro que entrou de outras bolsas, menos o dinheiro que saiu para outras bolsas e o que foi gasto, mais o câmbio e outros lançamentos, dá o saldo no fechamento. O dinheiro comprometido está prometido a apoios aprovados e ainda não pagos; o resto está disponível.

## O dinheiro que entra e sai

forum-flows-heading = O dinheiro que entra e sai
forum-flows-intro = O dinheiro que entrou (contribuições) e o que saiu (apoios pagos e custos de funcionamento), mês a mês e por moeda; o que passa de uma bolsa para outra e as operações de câmbio não contam nem como entrada nem como saída.
forum-chart-in = entrou
forum-chart-out = saiu
forum-chart-bar-in = { $month }, entrou: { $amount }
forum-chart-bar-out = { $month }, saiu: { $amount }
forum-chart-month = { $month }: entrou { $inflow }, saiu { $outflow }
forum-chart-description = Dinheiro que entrou e saiu em cada mês, em { $commodity }: { $months }
forum-flows-subheading = Tudo o que entrou, saiu ou circulou
forum-came-in = entrou
forum-went-out = saiu
forum-moved-within = circulou dentro

## Os apoios

forum-grants-heading = Apoios
forum-grants-intro = Cada apoio pedido até { $to } que não estava encerrado antes de { $from }, tal como estava no fechamento, com a regra da bolsa pela qual foi decidido e os votos das pessoas responsáveis tal como foram contados na decisão.
forum-rule-consent = { $n ->
    [one] consentimento ({ $n } a favor, sem objeções)
   *[other] consentimento ({ $n } a favor, sem objeções)
}
forum-rule-majority = maioria (quórum de { $quorum }, mais de { $threshold } a favor)
forum-rule-lazy = { $n ->
    [0] consenso tácito (sem objeções)
    [one] consenso tácito (sem objeções, { $n } a favor)
   *[other] consenso tácito (sem objeções, { $n } a favor)
}
forum-votes = a favor: { $consent }, contra: { $object }, abstenções: { $abstain }, impedimentos: { $recused }
forum-decided-withdrawn = Retirado antes de uma decisão; a regra era { $rule }.
forum-decided-open = Ainda em aberto, regra { $rule }; até agora, { $votes }.
forum-decided-rejected = Recusado em { $on }, regra { $rule }: { $votes }.
forum-decided-approved = Aprovado em { $on }, regra { $rule }: { $votes }.
forum-decided-after = Decidido { $days } depois do pedido.
forum-decided-paid-same-day = Decidido { $days } depois do pedido, com o primeiro pagamento no mesmo dia.
forum-decided-paid-later = Decidido { $days } depois do pedido, com o primeiro pagamento { $later } depois.
forum-returned = Voltaram { $amount }.

## As compras coletivas

forum-purchases-heading = Compras coletivas
forum-purchases-intro = Compras abertas de { $from } a { $to } em que grupos de membros compraram juntos, por caixa, de um mesmo fornecedor. Para cada grupo: a sua parte da fatura e dos custos, depois da parte que o fundo paga, o que já pagou e o que ainda deve ao fundo, e o que economizou em relação aos preços que pagaria comprando sozinho; depois, o que o fundo deve ao fornecedor. Os grupos aparecem como os membros aparecem no resto desta página.
forum-no-purchases = Nenhuma compra coletiva foi aberta no período.
forum-purchases = { $purchases ->
    [one] { $purchases } compra coletiva
   *[other] { $purchases } compras coletivas
}, com { $orders ->
    [one] { $orders } pedido de grupo
   *[other] { $orders } pedidos de grupos
}
forum-purchases-saved = : os grupos economizaram { $amounts } em relação a comprar cada um sozinho
forum-purchases-owed = ; o que ainda devem ao fundo: { $groups }; o que o fundo deve aos fornecedores: { $fund }.
forum-nothing = nada
forum-the-fund = o fundo

## Os gastos por categoria

forum-spending-heading = Os gastos por categoria
forum-spending-intro = O que cada bolsa gastou em cada categoria (categorias de apoio, contas de custos de funcionamento, bens distribuídos e serviços usados), ao lado do orçamento quando a comunidade definiu um para o período.
forum-no-budget = sem orçamento
forum-percent = { $value }%
forum-points = { $change } pontos

## Prestar contas

forum-metrics-heading = Prestar contas
forum-metrics-intro = Os números que uma rede de apoio mútuo pede a um fundo, para este período e o anterior ({ $previous }).
forum-basis-contributors = { $n ->
    [one] { $n } pessoa que contribuiu
   *[other] { $n } pessoas que contribuíram
}
forum-basis-money-out = { $out } de dinheiro que saiu
forum-basis-money-out-back = { $out } de dinheiro que saiu; voltaram { $back } de apoios
forum-basis-decisions = { $n ->
    [one] { $n } decisão
   *[other] { $n } decisões
}
forum-basis-first-payments = { $n ->
    [one] { $n } primeiro pagamento
   *[other] { $n } primeiros pagamentos
}
forum-basis-votes = { $votes ->
    [one] { $votes } voto
   *[other] { $votes } votos
} de { $eligible } possíveis em { $decisions ->
    [one] { $decisions } decisão
   *[other] { $decisions } decisões
}
forum-basis-pledge-periods = { $n ->
    [one] { $n } período de contribuições prometidas
   *[other] { $n } períodos de contribuições prometidas
} (cada período conta até o que foi prometido)
forum-basis-terms-held = { $n ->
    [one] { $n } mandato exercido
   *[other] { $n } mandatos exercidos
}

## A impressão digital

forum-fingerprint-heading = Impressão digital
forum-fingerprint-intro = Os livros são uma cadeia de hashes: mudar, apagar ou trocar a ordem de qualquer coisa do seu histórico muda a impressão digital. O pacote de auditoria entregue com este relatório traz a mesma impressão digital no seu README.txt; confiram se as duas são iguais e depois verifiquem o próprio pacote com o comando fondo verify --bundle DIR, ou à mão, como o README.txt explica.
forum-ledger-hash = Impressão digital do livro-razão (o hash do topo do diário), depois de { $n ->
    [one] { $n } transação
   *[other] { $n } transações
}
forum-manifest-hash = Pacote de auditoria do período: SHA-256 do seu MANIFEST.csv
forum-records-hash = Topo dos registros de decisões, depois de { $n ->
    [one] { $n } registro
   *[other] { $n } registros
}

## Palavras das linhas dos relatórios: itens do resumo, indicadores, situações

forum-item-contributions = contribuições
forum-item-anonymous-contributions = contribuições anônimas
forum-item-named-contributors = pessoas identificadas que contribuíram
forum-item-grants-applied-for = apoios pedidos
forum-item-grants-approved = apoios aprovados
forum-item-grants-rejected = apoios recusados
forum-item-grants-withdrawn = apoios retirados
forum-item-grants-with-a-payment = apoios com algum pagamento
forum-item-grants-closed = apoios encerrados
forum-item-goods-in-kind = bens em espécie
forum-item-services-in-kind = serviços em espécie
forum-item-goods-given-out = bens distribuídos
forum-item-grants-paid = apoios pagos
forum-item-operating-costs = custos de funcionamento
forum-item-services-in-kind-used = serviços em espécie usados
forum-item-currency-conversions = operações de câmbio
forum-item-moved-in-from-other-pools = entrou de outras bolsas
forum-item-moved-out-to-other-pools = saiu para outras bolsas
forum-metric-top-contributor-share = parte de quem mais contribuiu
forum-metric-top-5-contributors-share = parte das 5 pessoas que mais contribuíram
forum-metric-herfindahl-index = índice de Herfindahl (concentração das contribuições)
forum-metric-grants-share = parte dos apoios no dinheiro que saiu
forum-metric-operating-costs-share = parte dos custos de funcionamento no dinheiro que saiu
forum-metric-median-days-to-decision = dias até a decisão (mediana)
forum-metric-p90-days-to-decision = dias até a decisão (percentil 90)
forum-metric-median-days-to-payment = dias até o primeiro pagamento (mediana)
forum-metric-p90-days-to-payment = dias até o primeiro pagamento (percentil 90)
forum-metric-participation = participação nas votações
forum-metric-goods-received = bens em espécie recebidos
forum-metric-services-received = serviços em espécie recebidos
forum-metric-pledge-fulfilment = cumprimento das contribuições prometidas
forum-metric-role-terms-past-limit = mandatos além do prazo limite
forum-status-open = aberto
forum-status-approved = aprovado
forum-status-rejected = recusado
forum-status-withdrawn = retirado
forum-status-closed = encerrado
forum-purchase-open = aberta
forum-purchase-closed = fechada
forum-purchase-settled = quitada
forum-purchase-done = concluída
