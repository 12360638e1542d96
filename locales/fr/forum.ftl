# fondo : les messages de la page du forum (fr). Clés : le registre du code
# qui les utilise (src/report/forum/messages.rs). Les chiffres arrivent déjà
# écrits pour la lecture ; un message qui commence par une virgule, un
# deux-points ou un point-virgule s'ajoute au précédent. Espaces insécables
# avant « : » (U+00A0), « ; » et « % » (U+202F).

forum-title = { $fund } : { $subtitle }
forum-subtitle = Rapport pour le forum ouvert, { $span }, { $audience }
forum-span-named = { $label }, du { $from } au { $to }
forum-span-days = du { $from } au { $to }
forum-audience-public = pour le public : les membres qui ont demandé à ne pas être nommés apparaissent sous un pseudonyme
forum-audience-members = pour les membres : les membres qui donnent anonymement apparaissent sous un pseudonyme
forum-audience-treasurer = pour la trésorerie : tous les noms sont affichés
forum-audience-auditor = pour l'audit : tous les noms sont affichés, mais pas les coordonnées
forum-footer = Fait par fondo à partir des comptes du fonds. Chaque chiffre vient des rapports de la période : fondo report summary, pools, grants, purchases, budget et metrics pour { $period }.
forum-missing = –

## Titres des colonnes

forum-col-what = Quoi
forum-col-how-many = Combien
forum-col-detail = Détail
forum-col-amount = Montant
forum-col-pool = Caisse
forum-col-commodity = Monnaie ou bien
forum-col-category = Catégorie
forum-col-opening = Au début
forum-col-contributions = Contributions
forum-col-moved-in = Reçu d'autres caisses
forum-col-moved-out = Passé à d'autres caisses
forum-col-spent = Dépensé
forum-col-exchanged = Change
forum-col-other = Autres
forum-col-closing = À la clôture
forum-col-committed = Engagé
forum-col-available = Disponible
forum-col-month = Mois
forum-col-in = Entrées
forum-col-out = Sorties
forum-col-grant = Aide
forum-col-applicant = Qui l'a demandée
forum-col-requested = Demandé
forum-col-paid = Payé
forum-col-reported-spent = Dépensé d'après le compte rendu
forum-col-status = État
forum-col-decision = Comment elle a été décidée
forum-col-purchase = Achat
forum-col-who = Qui doit
forum-col-whom = À qui
forum-col-charged = Facturé
forum-col-owed = Reste dû
forum-col-saved = Économie par rapport à un achat seul
forum-col-period = Période
forum-col-budget = Budget
forum-col-left = Reste
forum-col-used = Utilisé
forum-col-metric = Indicateur
forum-col-this-period = Cette période
forum-col-previous = La précédente
forum-col-change = Évolution
forum-col-basis = Calculé sur

## Le résumé

forum-summary-heading = La période en quelques mots
forum-received = Du { $from } au { $to }, { $fund } a reçu { $received }.
forum-received-gifts = Du { $from } au { $to }, { $fund } a reçu { $received } : { $gifts } en tout, de { $named } et { $anonymous }.
forum-received-none = aucune contribution en argent
forum-received-money = { $amounts } de contributions
forum-standing-open = Les comptes de la période { $period } ne sont pas clos : on peut encore y ajouter des écritures datées de cette période.
forum-standing-closed = Les comptes de la période { $period } ont été clos le { $at } (enregistrement { $record }) : { $reason }.
forum-standing-reopening = le { $at } (enregistrement { $record }) : { $reason }
forum-standing-and = { $before } ; et { $next }
forum-standing-reopened-before = Auparavant, ils avaient été rouverts { $reopenings }.
forum-standing-reopened-now = Ils ont été rouverts le { $at } (enregistrement { $record }) : { $reason } ; on peut y ajouter des écritures datées de la période { $period } jusqu'à ce qu'ils soient de nouveau clos.
forum-contributions = { $n ->
    [one] { $n } contribution
   *[other] { $n } contributions
}
forum-named-contributors = { $n ->
    [one] { $n } personne nommée
   *[other] { $n } personnes nommées
}
forum-anonymous-gifts = { $n ->
    [one] { $n } don anonyme
   *[other] { $n } dons anonymes
}
forum-in-kind = Des aides en nature sont aussi arrivées : { $list }.
forum-of-services = { $amounts } de services
forum-of-goods = { $amounts } de biens
forum-paid-nothing = Aucune aide n'a été versée et il n'y a pas eu de frais de fonctionnement
forum-paid-grants = Le fonds a versé { $grants } en aides
forum-paid-costs = Le fonds n'a versé aucune aide et a payé { $costs } de frais de fonctionnement
forum-paid-both = Le fonds a versé { $grants } en aides et payé { $costs } de frais de fonctionnement
forum-gave-out = , et a distribué { $amounts } de son stock
forum-came-back = Des aides non dépensées ont été rendues : { $amounts }.
forum-grants-over-period = { $applied ->
    [one] { $applied } demande d'aide a été déposée
   *[other] { $applied } demandes d'aide ont été déposées
}. Sur la période, aides acceptées : { $approved } ; refusées : { $rejected } ; retirées : { $withdrawn }. { $paid ->
    [one] { $paid } aide a reçu un versement
   *[other] { $paid } aides ont reçu un versement
} et { $closed ->
    [one] { $closed } a été close
   *[other] { $closed } ont été closes
}.
forum-moved-between-pools = { $amounts } sont passés d'une caisse à une autre
forum-exchanged = les opérations de change ont transformé { $from } en { $into }
forum-within = Au sein du fonds, { $list }.
forum-no-money = aucun argent
forum-held = À la clôture, ses caisses contenaient { $money }
forum-held-stock = À la clôture, ses caisses contenaient { $money }, avec { $stock } en stock
forum-none-committed = ; rien n'en était engagé pour des aides pas encore versées.
forum-committed = ; dont { $amounts } engagés pour des aides acceptées et pas encore versées.

## Les caisses

forum-pools-heading = Ce que contient chaque caisse
forum-pools-intro = Par caisse et par monnaie ou bien, du { $from } au { $to } : le solde du début, plus les contributions et l'argent reçu d'autres caisses, moins l'argent passé à d'autres caisses et les dépenses, plus le change et les autres écritures, donne le solde de clôture. L'argent engagé est promis à des aides acceptées et pas encore versées ; le reste est disponible.

## L'argent qui entre et qui sort

forum-flows-heading = L'argent qui entre et qui sort
forum-flows-intro = L'argent entré (contributions) et sorti (aides versées et frais de fonctionnement), mois par mois et par monnaie ; ce qui passe d'une caisse à une autre et les opérations de change ne sont ni des entrées ni des sorties.
forum-chart-in = entrées
forum-chart-out = sorties
forum-chart-bar-in = { $month }, entrées : { $amount }
forum-chart-bar-out = { $month }, sorties : { $amount }
forum-chart-month = { $month } : entrées { $inflow }, sorties { $outflow }
forum-chart-description = Argent entré et sorti chaque mois, en { $commodity } : { $months }
forum-flows-subheading = Tout ce qui est entré, sorti ou a circulé
forum-came-in = entré
forum-went-out = sorti
forum-moved-within = circulé en interne

## Les aides

forum-grants-heading = Aides
forum-grants-intro = Chaque aide demandée jusqu'au { $to } et qui n'était pas close avant le { $from }, telle qu'elle était à la clôture, avec la règle de la caisse selon laquelle elle a été décidée et les votes des responsables tels qu'ils ont été comptés au moment de la décision.
forum-rule-consent = { $n ->
    [one] consentement ({ $n } accord, aucune objection)
   *[other] consentement ({ $n } accords, aucune objection)
}
forum-rule-majority = majorité (quorum de { $quorum }, plus de { $threshold } pour)
forum-rule-lazy = { $n ->
    [0] consensus tacite (aucune objection)
    [one] consensus tacite (aucune objection, { $n } accord)
   *[other] consensus tacite (aucune objection, { $n } accords)
}
forum-votes = pour : { $consent }, contre : { $object }, abstentions : { $abstain }, récusations : { $recused }
forum-decided-withdrawn = Retirée avant toute décision ; la règle était { $rule }.
forum-decided-open = Toujours ouverte, règle { $rule } ; pour l'instant, { $votes }.
forum-decided-rejected = Refusée le { $on }, règle { $rule } : { $votes }.
forum-decided-approved = Acceptée le { $on }, règle { $rule } : { $votes }.
forum-decided-after = Décidée { $days } après la demande.
forum-decided-paid-same-day = Décidée { $days } après la demande, premier versement le jour même.
forum-decided-paid-later = Décidée { $days } après la demande, premier versement { $later } plus tard.
forum-returned = Rendu au fonds : { $amount }.

## Les achats groupés

forum-purchases-heading = Achats groupés
forum-purchases-intro = Achats ouverts du { $from } au { $to }, dans lesquels des groupes de membres ont acheté ensemble, au carton, à un même fournisseur. Pour chaque groupe : sa part de la facture et des frais, après la participation du fonds, ce qu'il a payé et ce qu'il doit encore au fonds, et ce qu'il a économisé par rapport aux prix qu'il paierait seul ; puis ce que le fonds doit au fournisseur. Les groupes apparaissent comme les membres ailleurs sur cette page.
forum-no-purchases = Aucun achat groupé n'a été ouvert pendant la période.
forum-purchases = { $purchases ->
    [one] { $purchases } achat groupé
   *[other] { $purchases } achats groupés
}, avec { $orders ->
    [one] { $orders } commande de groupe
   *[other] { $orders } commandes de groupes
}
forum-purchases-saved = : les groupes ont économisé { $amounts } par rapport à un achat seul
forum-purchases-owed = ; ce qu'ils doivent encore au fonds : { $groups } ; ce que le fonds doit à ses fournisseurs : { $fund }.
forum-nothing = rien
forum-the-fund = le fonds

## Les dépenses par catégorie

forum-spending-heading = Les dépenses par catégorie
forum-spending-intro = Ce que chaque caisse a dépensé dans chaque catégorie (catégories d'aides, comptes de frais de fonctionnement, biens distribués et services utilisés), à côté du budget quand la communauté en a fixé un pour la période.
forum-no-budget = pas de budget
forum-percent = { $value } %
forum-points = { $change } points

## Rendre des comptes

forum-metrics-heading = Rendre des comptes
forum-metrics-intro = Les chiffres qu'un réseau d'entraide demande à un fonds, pour cette période et la précédente ({ $previous }).
forum-basis-contributors = { $n ->
    [one] { $n } personne ayant contribué
   *[other] { $n } personnes ayant contribué
}
forum-basis-money-out = { $out } d'argent sorti
forum-basis-money-out-back = { $out } d'argent sorti ; { $back } d'aides rendus
forum-basis-decisions = { $n ->
    [one] { $n } décision
   *[other] { $n } décisions
}
forum-basis-first-payments = { $n ->
    [one] { $n } premier versement
   *[other] { $n } premiers versements
}
forum-basis-votes = { $votes ->
    [one] { $votes } vote
   *[other] { $votes } votes
} sur { $eligible } possibles lors de { $decisions ->
    [one] { $decisions } décision
   *[other] { $decisions } décisions
}
forum-basis-pledge-periods = { $n ->
    [one] { $n } période de contributions promises
   *[other] { $n } périodes de contributions promises
} (une période compte jusqu'à ce qui a été promis)
forum-basis-terms-held = { $n ->
    [one] { $n } mandat exercé
   *[other] { $n } mandats exercés
}

## L'empreinte

forum-fingerprint-heading = Empreinte
forum-fingerprint-intro = Les comptes forment une chaîne de hachage : modifier, supprimer ou changer l'ordre de quoi que ce soit dans leur historique change l'empreinte. Le dossier d'audit remis avec ce rapport indique la même empreinte dans son README.txt ; vérifiez que les deux sont identiques, puis vérifiez le dossier lui-même avec la commande fondo verify --bundle DIR, ou à la main comme l'explique son README.txt.
forum-ledger-hash = Empreinte du grand livre (le hachage de tête du journal), après { $n ->
    [one] { $n } opération
   *[other] { $n } opérations
}
forum-manifest-hash = Dossier d'audit de la période : SHA-256 de son MANIFEST.csv
forum-records-hash = Tête des registres de décisions, après { $n ->
    [one] { $n } enregistrement
   *[other] { $n } enregistrements
}

## Mots des lignes des rapports : postes du résumé, indicateurs, états

forum-item-contributions = contributions
forum-item-anonymous-contributions = contributions anonymes
forum-item-named-contributors = personnes nommées qui ont contribué
forum-item-grants-applied-for = aides demandées
forum-item-grants-approved = aides acceptées
forum-item-grants-rejected = aides refusées
forum-item-grants-withdrawn = aides retirées
forum-item-grants-with-a-payment = aides ayant reçu un versement
forum-item-grants-closed = aides closes
forum-item-goods-in-kind = biens en nature
forum-item-services-in-kind = services en nature
forum-item-goods-given-out = biens distribués
forum-item-grants-paid = aides versées
forum-item-operating-costs = frais de fonctionnement
forum-item-services-in-kind-used = services en nature utilisés
forum-item-currency-conversions = opérations de change
forum-item-moved-in-from-other-pools = reçu d'autres caisses
forum-item-moved-out-to-other-pools = passé à d'autres caisses
forum-metric-top-contributor-share = part de la plus grosse contribution
forum-metric-top-5-contributors-share = part des 5 plus grosses contributions
forum-metric-herfindahl-index = indice de Herfindahl (concentration des contributions)
forum-metric-grants-share = part des aides dans l'argent sorti
forum-metric-operating-costs-share = part des frais de fonctionnement dans l'argent sorti
forum-metric-median-days-to-decision = jours jusqu'à la décision (médiane)
forum-metric-p90-days-to-decision = jours jusqu'à la décision (90e centile)
forum-metric-median-days-to-payment = jours jusqu'au premier versement (médiane)
forum-metric-p90-days-to-payment = jours jusqu'au premier versement (90e centile)
forum-metric-participation = participation aux votes
forum-metric-goods-received = biens en nature reçus
forum-metric-services-received = services en nature reçus
forum-metric-pledge-fulfilment = respect des contributions promises
forum-metric-role-terms-past-limit = mandats au-delà de la durée limite
forum-status-open = ouverte
forum-status-approved = acceptée
forum-status-rejected = refusée
forum-status-withdrawn = retirée
forum-status-closed = close
forum-purchase-open = ouvert
forum-purchase-closed = clos
forum-purchase-settled = soldé
forum-purchase-done = terminé
