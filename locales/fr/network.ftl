# fondo: the network page's messages (fr). Keys: the registry in the code that uses them.
# La page du forum ouvert d'un réseau : ses chiffres, ceux de chaque fonds membre et les transferts entre eux.

network-title = { $hub } : forum du réseau, { $period }
network-subtitle = { $n ->
    [one] Un fonds membre, { $span }
   *[other] { $n } fonds membres, { $span }
}
network-span-days = du { $from } au { $to }
network-span-period = { $period } ({ $days })
network-summary-heading = Le réseau
network-summary-intro = L'argent qu'un fonds membre a envoyé à un autre n'entre pas dans les chiffres du réseau (la section de chaque fonds le montre) : rien n'est compté deux fois ; l'argent échangé avec des fonds hors du réseau y reste.
network-funds-heading = Les fonds membres
network-fund-bundle = D'après le dossier d'audit signé du fonds pour { $period }, tel que le nœud l'a vérifié.
network-fund-none = Aucun dossier de ce fonds ne couvre la période.
network-fingerprint = Empreinte des comptes du fonds
network-manifest = Le manifeste du dossier (SHA-256)
network-transfers-heading = Transferts entre fonds
network-transfers-intro = { $n ->
    [one] Un transfert, chaque côté tel que son fonds l'a publié
   *[other] { $n } transferts, chaque côté tel que son fonds l'a publié
} ; { $open ->
    [0] aucun n'est à revoir.
    [one] un est à revoir.
   *[other] { $open } sont à revoir.
}
network-transfers-none = Aucun transfert entre fonds pendant cette période.
network-footer = Chaque chiffre de cette page vient du dossier d'audit signé d'un fonds membre ; chacun peut vérifier un dossier avec fondo verify --bundle.
network-col-section = Section
network-col-item = Quoi
network-col-pool = Caisse
network-col-commodity = Monnaie ou bien
network-col-amount = Montant
network-col-transfer = Transfert
network-col-status = État
network-col-sender = De
network-col-receiver = À
network-col-sent = Envoyé
network-col-received = Reçu
network-section-inflow = entré
network-section-outflow = sorti
network-section-eliminated = entre fonds membres
network-section-closing = détenu à la fin
network-item-contributions = contributions
network-item-goods-in-kind = biens en nature
network-item-services-in-kind = services en nature
network-item-other-income = autres recettes
network-item-from-members = transferts reçus de fonds membres
network-item-from-others = transferts reçus d'autres fonds
network-item-grants = aides versées
network-item-goods-given-out = biens distribués
network-item-services-used = services en nature utilisés
network-item-operating-costs = frais de fonctionnement
network-item-to-members = transferts vers des fonds membres
network-item-to-others = transferts vers d'autres fonds
network-item-held = détenu
network-general = générale
network-status-matched = concorde
network-status-within-tolerance = concorde dans la tolérance
network-status-in-transit = en transit
network-status-outside = avec un fonds hors du réseau
network-status-one-sided = un seul côté
network-status-conflicting = les deux côtés diffèrent
network-status-received-twice = reçu deux fois
network-metrics-heading = Comment le réseau fonctionne
network-metrics-intro = Sur tous les fonds membres : quelle part de l'argent donné vient des plus grands donateurs (les donateurs de chaque fonds comptés à part, chaque don anonyme comme un donateur), quelle part de l'argent sorti est allée aux aides, et combien de temps ont pris les décisions et les premiers versements.
network-col-metric = Mesure
network-col-value = Valeur
network-unit-percent = %
network-unit-days = jours
network-metric-top-share = part du plus grand donateur
network-metric-top-five-share = part des cinq plus grands donateurs
network-metric-herfindahl = concentration des dons (indice de Herfindahl, de 0 à 1)
network-metric-grants-share = part de l'argent sorti allée aux aides
network-metric-decision-median = jours de la demande à la décision, médiane
network-metric-decision-p90 = jours de la demande à la décision, 90e centile
network-metric-payment-median = jours de la décision au premier versement, médiane
network-metric-payment-p90 = jours de la décision au premier versement, 90e centile
