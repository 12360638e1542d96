# fondo: the statement messages (pt). Keys: the registry in the code that uses them.
# O agradecimento e recibo de um membro: o que deu num período, e para que serviu.

statement-title = { $fund }: extrato de { $member }, { $period }
statement-heading = Obrigado, { $member }
statement-subtitle = O que você deu a { $fund } { $span }, e para que serviu
statement-span-days = de { $from } a { $to }
statement-span-period = em { $period } ({ $days })
statement-gave-heading = O que você deu
statement-gave = { $n ->
    [one] Você deu { $amounts } numa contribuição.
   *[other] Você deu { $amounts } em { $n } contribuições.
}
statement-gave-none = Neste período não há nenhuma contribuição sua anotada.
statement-given-money = dinheiro
statement-given-services = trabalho em espécie
statement-given-goods = bens em espécie
statement-given-kind = { $given } ({ $kind })
statement-totals-heading = Totais
statement-pledges-heading = Os seus compromissos
statement-pledge-kept = cumprido
statement-pledge-short = falta
statement-pledges-none = Neste período você não tem nenhum compromisso em curso.
statement-any-pool = qualquer
statement-did-heading = Para que serviu
statement-did-none = Neste período o seu apoio não foi para nenhum fundo comum.
statement-did-paid = O seu apoio foi para { $pools }. Neste período foram pagas daí estas ajudas (aqui ninguém é nomeado):
statement-did-waiting = O seu apoio foi para { $pools }. Neste período ainda não foi paga nenhuma ajuda daí; o dinheiro continua guardado para aquilo a que se destina.
statement-received-heading = Ajudas que você recebeu
statement-receipt-heading = Recibo
statement-receipt = Este extrato é um recibo do que { $fund } anotou como dado por { $member } { $span }. Foi feito a partir dos livros do fundo, cujas impressões digitais estão abaixo; quem tiver um pacote de auditoria do fundo pode compará-las.
statement-fingerprint = Impressão digital do livro de contas
statement-records-head = Último registo das decisões
statement-footer = Feito pelo fondo a partir dos livros do fundo (fondo member statement).
statement-col-date = Data
statement-col-what = O quê
statement-col-pool = Fundo comum
statement-col-commodity = Moeda ou unidade
statement-col-amount = Valor
statement-col-period = Período
statement-col-pledged = Prometido
statement-col-received = Recebido
statement-col-kept = Cumprido
statement-col-purpose = Para quê
statement-col-grants = Ajudas pagas
statement-col-paid = Pago
statement-col-grant = Ajuda
statement-col-paid-to-you = Pago a você
