# fondo: the handover messages (pt). Keys: the registry in the code that uses them.
# Uma lista de tarefas e o estado dos livros, para quem assume a tesouraria.

handover-title = { $fund }: passagem da tesouraria, { $day }
handover-heading = Passagem dos livros de { $fund }
handover-subtitle = Os livros tal como estão no fim do dia { $day }, para a pessoa que assume a tesouraria
handover-footer = Feito pelo fondo a partir dos livros do fundo (fondo handover). Cada número vem dos mesmos livros que fondo balance, pool list, grant list, pledge status e role list.
handover-checklist-heading = A sua primeira semana
handover-checklist-item = { $n }. { $item }
handover-check-verify = Corra fondo verify sobre os livros que lhe entregaram: não deve encontrar nada e deve terminar com a impressão digital { $fingerprint }.
handover-check-backup = Guarde a cópia { $backup } noutro lugar que não o computador onde estão os livros; experimente restaurá-la uma vez (fondo restore) para saber como se faz.
handover-check-role = Assuma a função de tesouraria: o mandato de quem sai termina (fondo role end) e o seu começa (fondo role assign).
handover-check-reconcile = Confira cada conta bancária com o seu extrato: os saldos abaixo devem bater com o que o banco diz.
handover-check-decide = { $n ->
    [one] Decida com as pessoas responsáveis a ajuda que espera uma decisão (fondo grant decide).
   *[other] Decida com as pessoas responsáveis as { $n } ajudas que esperam uma decisão (fondo grant decide).
}
handover-check-pay = { $n ->
    [one] Pague, ou combine quando pagar, a ajuda aprovada e ainda não paga por inteiro (fondo grant pay).
   *[other] Pague, ou combine quando pagar, as { $n } ajudas aprovadas e ainda não pagas por inteiro (fondo grant pay).
}
handover-check-reports = { $n ->
    [one] Peça as contas dos gastos da ajuda paga e ainda não justificada por inteiro (fondo grant spend).
   *[other] Peça as contas dos gastos das { $n } ajudas pagas e ainda não justificadas por inteiro (fondo grant spend).
}
handover-check-pledges = { $n ->
    [one] Fale com quem tem o compromisso atrasado; termine os que já acabaram (fondo pledge end).
   *[other] Fale com quem tem os { $n } compromissos atrasados; termine os que já acabaram (fondo pledge end).
}
handover-check-roles = { $n ->
    [one] Procure quem assume o mandato que termina em breve, antes que termine (fondo role assign).
   *[other] Procure quem assume os { $n } mandatos que terminam em breve, antes que terminem (fondo role assign).
}
handover-check-doctor = Corra fondo doctor: diz o que mais está pendente.
handover-balances-heading = Saldo de cada conta (o que se tem e o que se deve)
handover-pools-heading = Fundos comuns: o que têm, o que está comprometido e o que está disponível
handover-grants-heading = Ajudas pendentes
handover-grants-none = Nenhuma ajuda espera votos, uma decisão, um pagamento ou as contas dos gastos.
handover-waiting-votes = votos (votação aberta)
handover-waiting-decision = uma decisão
handover-waiting-payment = um pagamento
handover-waiting-report = as contas dos gastos
handover-pledges-heading = Compromissos atrasados
handover-pledges-none = Todos os compromissos estão cumpridos nos períodos já terminados.
handover-milestones-heading = Conferência bancária e fecho de período
handover-milestone = { $kind ->
    [reconciliation] Última conferência bancária
    [period-close] Último fecho de período
   *[other] { $kind }
}
handover-milestone-none = { $milestone }: não há registo.
handover-milestone-at = { $milestone }: { $at }.
handover-milestone-at-detail = { $milestone }: { $at } ({ $detail }).
handover-roles-heading = Mandatos que terminam em breve
handover-roles-none = { $days ->
    [one] Nenhum mandato termina no próximo dia.
   *[other] Nenhum mandato termina nos próximos { $days } dias.
}
handover-role = { $role ->
    [treasurer] tesouraria
    [steward] responsável
    [member] membro
   *[other] { $role }
}
handover-books-heading = Os livros e a sua cópia
handover-books = O diário tem { $transactions ->
    [one] { $transactions } movimento
   *[other] { $transactions } movimentos
} e o registo das decisões { $records ->
    [one] { $records } registo
   *[other] { $records } registos
}. As impressões digitais abaixo são as que fondo verify mostra; anote-as.
handover-fingerprint = Impressão digital do livro de contas
handover-records-head = Último registo das decisões
handover-backup-verified = Há uma cópia dos livros em { $file }, ao lado desta página; foi verificada quando foi feita: está tudo em ordem.
handover-backup-findings = Há uma cópia dos livros em { $file }, ao lado desta página; ao verificá-la { $n ->
    [one] encontrou-se { $n } problema
   *[other] encontraram-se { $n } problemas
}: corra fondo verify sobre ela antes de confiar nela.
handover-col-account = Conta
handover-col-commodity = Moeda ou unidade
handover-col-balance = Saldo
handover-col-pool = Fundo comum
handover-col-held = Tem
handover-col-committed = Comprometido
handover-col-available = Disponível
handover-col-grant = Ajuda
handover-col-applicant = Requerente
handover-col-amount = Valor
handover-col-waiting = Espera
handover-col-left = Falta
handover-col-pledge = Compromisso
handover-col-member = Membro
handover-col-periods = Períodos atrasados
handover-col-short = Em falta
handover-col-role = Função
handover-col-ends = Último dia
