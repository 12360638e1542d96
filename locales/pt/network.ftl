# fondo: the network page's messages (pt). Keys: the registry in the code that uses them.
# A página do fórum aberto de uma rede: os seus números, os de cada fundo membro e as transferências entre eles.

network-title = { $hub }: fórum da rede, { $period }
network-subtitle = { $n ->
    [one] Um fundo membro, { $span }
   *[other] { $n } fundos membros, { $span }
}
network-span-days = de { $from } a { $to }
network-span-period = { $period } ({ $days })
network-summary-heading = A rede
network-summary-intro = O dinheiro que um fundo membro enviou a outro fica fora dos números da rede (a secção de cada fundo mostra-o), para que nada conte duas vezes; o dinheiro com fundos de fora da rede fica.
network-funds-heading = Os fundos membros
network-fund-bundle = Segundo o pacote de auditoria assinado do fundo para { $period }, tal como o nó o verificou.
network-fund-none = Nenhum pacote deste fundo cobre o período.
network-fingerprint = Impressão digital das contas do fundo
network-manifest = O manifesto do pacote (SHA-256)
network-transfers-heading = Transferências entre fundos
network-transfers-intro = { $n ->
    [one] Uma transferência, cada lado tal como o seu fundo o publicou
   *[other] { $n } transferências, cada lado tal como o seu fundo o publicou
}; { $open ->
    [0] nenhuma precisa de revisão.
    [one] uma precisa de revisão.
   *[other] { $open } precisam de revisão.
}
network-transfers-none = Nenhuma transferência entre fundos neste período.
network-footer = Cada número desta página vem do pacote de auditoria assinado de um fundo membro; qualquer pessoa pode verificar um pacote com fondo verify --bundle.
network-col-section = Secção
network-col-item = O quê
network-col-pool = Bolsa
network-col-commodity = Moeda ou bem
network-col-amount = Montante
network-col-transfer = Transferência
network-col-status = Estado
network-col-sender = De
network-col-receiver = Para
network-col-sent = Enviado
network-col-received = Recebido
network-section-inflow = entrou
network-section-outflow = saiu
network-section-eliminated = entre fundos membros
network-section-closing = disponível no fim
network-item-contributions = contribuições
network-item-goods-in-kind = bens em espécie
network-item-services-in-kind = serviços em espécie
network-item-other-income = outras receitas
network-item-from-members = transferências de fundos membros
network-item-from-others = transferências de outros fundos
network-item-grants = apoios pagos
network-item-goods-given-out = bens distribuídos
network-item-services-used = serviços em espécie usados
network-item-operating-costs = custos de funcionamento
network-item-to-members = transferências para fundos membros
network-item-to-others = transferências para outros fundos
network-item-held = disponível
network-general = geral
network-status-matched = confere
network-status-within-tolerance = confere dentro da tolerância
network-status-in-transit = em trânsito
network-status-outside = com um fundo de fora da rede
network-status-one-sided = só um lado
network-status-conflicting = os dois lados diferem
network-status-received-twice = recebida duas vezes
network-metrics-heading = Como a rede funciona
network-metrics-intro = Em todos os fundos membros: quanto do dinheiro dado veio de quem mais deu (os contribuintes de cada fundo contados à parte, cada contribuição anónima como uma pessoa), quanto do dinheiro que saiu foi para apoios, e quanto tempo levaram as decisões e os primeiros pagamentos.
network-col-metric = Medida
network-col-value = Valor
network-unit-percent = %
network-unit-days = dias
network-metric-top-share = parte do maior contribuinte
network-metric-top-five-share = parte dos cinco maiores contribuintes
network-metric-herfindahl = concentração das contribuições (índice de Herfindahl, de 0 a 1)
network-metric-grants-share = parte do dinheiro que saiu que foi para apoios
network-metric-decision-median = dias do pedido à decisão, mediana
network-metric-decision-p90 = dias do pedido à decisão, percentil 90
network-metric-payment-median = dias da decisão ao primeiro pagamento, mediana
network-metric-payment-p90 = dias da decisão ao primeiro pagamento, percentil 90
