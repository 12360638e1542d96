# fondo: the handover messages (fr). Keys: the registry in the code that uses them.
# Une liste de tâches et l'état des livres, pour la personne qui reprend la trésorerie.

handover-title = { $fund } : passation de la trésorerie, { $day }
handover-heading = Passation des livres de { $fund }
handover-subtitle = Les livres tels qu'ils sont à la fin du { $day }, pour la personne qui reprend la trésorerie
handover-footer = Fait par fondo à partir des livres du fonds (fondo handover). Chaque chiffre vient des mêmes livres que fondo balance, pool list, grant list, pledge status et role list.
handover-checklist-heading = Votre première semaine
handover-checklist-item = { $n }. { $item }
handover-check-verify = Lancez fondo verify sur les livres qu'on vous a remis : il ne doit rien trouver et doit finir par l'empreinte { $fingerprint }.
handover-check-backup = Gardez la copie { $backup } ailleurs que sur l'ordinateur où sont les livres ; essayez une fois de la restaurer (fondo restore) pour savoir comment faire.
handover-check-role = Reprenez le rôle de trésorerie : le mandat de la personne qui part se termine (fondo role end) et le vôtre commence (fondo role assign).
handover-check-reconcile = Rapprochez chaque compte en banque de son relevé : les soldes ci-dessous doivent correspondre à ce que dit la banque.
handover-check-decide = { $n ->
    [one] Décidez avec les responsables de l'aide qui attend une décision (fondo grant decide).
   *[other] Décidez avec les responsables des { $n } aides qui attendent une décision (fondo grant decide).
}
handover-check-pay = { $n ->
    [one] Payez, ou convenez quand payer, l'aide accordée et pas encore toute payée (fondo grant pay).
   *[other] Payez, ou convenez quand payer, les { $n } aides accordées et pas encore toutes payées (fondo grant pay).
}
handover-check-reports = { $n ->
    [one] Demandez le compte des dépenses de l'aide payée dont tout n'est pas encore justifié (fondo grant spend).
   *[other] Demandez le compte des dépenses des { $n } aides payées dont tout n'est pas encore justifié (fondo grant spend).
}
handover-check-pledges = { $n ->
    [one] Prenez des nouvelles de la personne dont l'engagement est en retard ; arrêtez ceux qui sont finis (fondo pledge end).
   *[other] Prenez des nouvelles des personnes dont les { $n } engagements sont en retard ; arrêtez ceux qui sont finis (fondo pledge end).
}
handover-check-roles = { $n ->
    [one] Trouvez qui reprend le mandat qui se termine bientôt, avant qu'il ne finisse (fondo role assign).
   *[other] Trouvez qui reprend les { $n } mandats qui se terminent bientôt, avant qu'ils ne finissent (fondo role assign).
}
handover-check-doctor = Lancez fondo doctor : il dit ce qui attend encore.
handover-balances-heading = Solde de chaque compte (ce qu'on a et ce qu'on doit)
handover-pools-heading = Caisses : ce qu'elles ont, ce qui est promis, ce qui reste libre
handover-grants-heading = Aides en attente
handover-grants-none = Aucune aide n'attend de votes, de décision, de paiement ou de compte des dépenses.
handover-waiting-votes = des votes (vote ouvert)
handover-waiting-decision = une décision
handover-waiting-payment = un paiement
handover-waiting-report = le compte des dépenses
handover-pledges-heading = Engagements en retard
handover-pledges-none = Tous les engagements sont tenus pour les périodes déjà finies.
handover-milestones-heading = Rapprochement bancaire et clôture de période
handover-milestone = { $kind ->
    [reconciliation] Dernier rapprochement bancaire
    [period-close] Dernière clôture de période
   *[other] { $kind }
}
handover-milestone-none = { $milestone } : rien n'est noté.
handover-milestone-at = { $milestone } : { $at }.
handover-milestone-at-detail = { $milestone } : { $at } ({ $detail }).
handover-roles-heading = Mandats qui se terminent bientôt
handover-roles-none = { $days ->
    [one] Aucun mandat ne se termine dans le jour qui vient.
   *[other] Aucun mandat ne se termine dans les { $days } jours qui viennent.
}
handover-role = { $role ->
    [treasurer] trésorerie
    [steward] responsable
    [member] membre
   *[other] { $role }
}
handover-books-heading = Les livres et leur copie
handover-books = Le journal contient { $transactions ->
    [one] { $transactions } opération
   *[other] { $transactions } opérations
} et le registre des décisions { $records ->
    [one] { $records } inscription
   *[other] { $records } inscriptions
}. Leurs empreintes ci-dessous sont celles qu'affiche fondo verify ; notez-les.
handover-fingerprint = Empreinte du livre de comptes
handover-records-head = Dernier registre des décisions
handover-backup-verified = Une copie des livres se trouve dans { $file }, à côté de cette page ; elle a été vérifiée à sa création : tout est en ordre.
handover-backup-findings = Une copie des livres se trouve dans { $file }, à côté de cette page ; sa vérification a trouvé { $n ->
    [one] { $n } problème
   *[other] { $n } problèmes
} : lancez fondo verify dessus avant de vous y fier.
handover-col-account = Compte
handover-col-commodity = Monnaie ou unité
handover-col-balance = Solde
handover-col-pool = Caisse
handover-col-held = Détenu
handover-col-committed = Promis
handover-col-available = Libre
handover-col-grant = Aide
handover-col-applicant = Demandeur
handover-col-amount = Montant
handover-col-waiting = Attend
handover-col-left = Reste
handover-col-pledge = Engagement
handover-col-member = Membre
handover-col-periods = Périodes en retard
handover-col-short = Manque
handover-col-role = Rôle
handover-col-ends = Dernier jour
