# fondo: the statement messages (fr). Keys: the registry in the code that uses them.
# Le remerciement et le reçu d'un membre : ce qu'il a donné sur une période, et à quoi cela a servi.

statement-title = { $fund } : relevé pour { $member }, { $period }
statement-heading = Merci, { $member }
statement-subtitle = Ce que vous avez donné à { $fund } { $span }, et à quoi cela a servi
statement-span-days = du { $from } au { $to }
statement-span-period = en { $period } ({ $days })
statement-gave-heading = Ce que vous avez donné
statement-gave = { $n ->
    [one] Vous avez donné { $amounts } en une contribution.
   *[other] Vous avez donné { $amounts } en { $n } contributions.
}
statement-gave-none = Aucune contribution de votre part n'est notée sur cette période.
statement-given-money = argent
statement-given-services = travail en nature
statement-given-goods = biens en nature
statement-given-kind = { $given } ({ $kind })
statement-totals-heading = Totaux
statement-pledges-heading = Vos engagements
statement-pledge-kept = tenu
statement-pledge-short = manque
statement-pledges-none = Aucun engagement de votre part ne court sur cette période.
statement-any-pool = toutes
statement-did-heading = À quoi cela a servi
statement-did-none = Sur cette période, votre soutien n'est allé dans aucune caisse.
statement-did-paid = Votre soutien est allé à { $pools }. Sur cette période, ces aides en ont été payées (personne n'est nommé ici) :
statement-did-waiting = Votre soutien est allé à { $pools }. Aucune aide n'en a encore été payée sur cette période ; l'argent reste mis de côté pour ce à quoi il est destiné.
statement-received-heading = Aides que vous avez reçues
statement-receipt-heading = Reçu
statement-receipt = Ce relevé est un reçu de ce que { $fund } a noté comme donné par { $member } { $span }. Il a été fait à partir des livres du fonds, dont les empreintes sont ci-dessous ; toute personne qui a un dossier d'audit du fonds peut les comparer.
statement-fingerprint = Empreinte du livre de comptes
statement-records-head = Dernier registre des décisions
statement-footer = Fait par fondo à partir des livres du fonds (fondo member statement).
statement-col-date = Date
statement-col-what = Quoi
statement-col-pool = Caisse
statement-col-commodity = Monnaie ou unité
statement-col-amount = Montant
statement-col-period = Période
statement-col-pledged = Promis
statement-col-received = Reçu
statement-col-kept = Tenu
statement-col-purpose = Pour quoi
statement-col-grants = Aides payées
statement-col-paid = Payé
statement-col-grant = Aide
statement-col-paid-to-you = Versé à vous
