# fondo: the bundle messages (fr). Keys: the registry in the code that uses them
# (src/audit/bundle/readme.rs); the descriptions of files and columns follow,
# as bundle-file-FILE and bundle-col-FILE-COLUMN (src/audit/bundle/mod.rs has
# the English). Names of files, columns, keys and commands stay as they are.

bundle-title = Dossier d'audit de { $fund }
bundle-intro = Ce répertoire est un dossier d'audit des comptes de { $fund }, écrit par { $generator }. Chacun peut le vérifier sans la base de données du fonds : tous les fichiers sauf celui-ci sont du CSV simple (UTF-8, séparé par des virgules, entre guillemets là où il le faut, une ligne d'en-tête), et MANIFEST.csv donne chaque fichier avec son nombre de lignes et son empreinte SHA-256.

bundle-heading-covers = Ce qu'il couvre
bundle-period = Période : { $period }, du { $from } au { $to } (les deux jours compris).
bundle-standing-open = Les comptes de la période { $period } ne sont pas clôturés : on peut encore y ajouter des écritures datées de cette période.
bundle-standing-closed = Les comptes de la période { $period } ont été clôturés le { $at } (enregistrement { $record }) : { $reason }.
bundle-standing-reopening = le { $at } (enregistrement { $record }) : { $reason }
bundle-standing-reopening-more = { $earlier } ; et le { $at } (enregistrement { $record }) : { $reason }
bundle-standing-reopened-before = { $closed } Auparavant, ils avaient été rouverts { $earlier }.
bundle-standing-reopened = { $closed } Ils ont été rouverts le { $at } (enregistrement { $record }) : { $reason } ; on peut ajouter des écritures datées de la période { $period } jusqu'à ce qu'ils soient de nouveau clôturés.

bundle-audience-public = pour tout le monde. Les membres qui ont demandé à ne pas être nommés en public (membres sous pseudonyme et anonymes) apparaissent sous un pseudonyme stable comme member-1a2b3c4d, tiré d'un secret gardé dans le fichier du fonds : la même personne a le même pseudonyme dans chaque dossier, et personne ne peut confirmer un nom deviné en calculant son hash. Leurs noms sont aussi remplacés dans le texte libre, même mal orthographiés, en majuscules ou minuscules, sans accents ou par une seule partie du nom (objets, catégories, motifs, types de soutien), et le retrait d'un gestionnaire ne donne pas de motif, pour ne révéler aucun lien familial. Les coordonnées, les notes privées et les notes des comptes sont laissées de côté. Seul le texte change : chaque montant est celui des comptes, donc les soldes, les caisses et les aides concordent avec journal.csv exactement comme dans le dossier de l'auditeur.
bundle-audience-members = pour les membres du fonds. Les membres anonymes apparaissent sous un pseudonyme stable comme member-1a2b3c4d (le même dans chaque dossier), tous les autres sous leur nom ; leurs noms sont aussi remplacés dans le texte libre (même mal orthographiés, en majuscules ou minuscules, sans accents ou par une seule partie du nom), et le retrait d'un gestionnaire ne donne pas de motif. Seul le texte change, jamais un montant, donc chaque total concorde avec journal.csv. Les coordonnées, les notes privées et les notes des comptes sont laissées de côté.
bundle-audience-auditor = pour un auditeur. Chaque membre apparaît sous son nom, et les comptes portent les notes des trésoriers, pour les rapprocher des relevés bancaires et des reçus. Les coordonnées et les notes privées des membres sont laissées de côté.

bundle-visibility = { $visibility ->
    [public] public
    [pseudonymous] sous pseudonyme
   *[anonymous] anonyme
}
bundle-visibility-change = le { $day }, de { $from } à { $to }
bundle-visibility-changes = Des membres ont changé la façon dont ils sont nommés ({ $n ->
    [one] un changement
   *[other] changements
} : { $changes }). Un changement s'applique à tout ce qui est écrit après lui, ce dossier compris, qui peut donc montrer un membre autrement que les fichiers publiés avant ; ceux-ci restent tels qu'ils étaient.

bundle-amounts = Les contributions données anonymement indiquent anonymous pour tous les publics. Les montants ne changent jamais : chaque montant et chaque total est le même dans les dossiers de tous les publics, qui concordent donc entre eux et avec les comptes.
bundle-redacted-hidden = Ce qui a été masqué : dans journal.csv, reversed.csv et records.csv, qui sont chaînés par hash, un texte libre (un libellé, un bénéficiaire, une référence, une note, un objet, un motif, le nom propre d'un membre caché, un contact ou une note privée) que ce public ne peut pas voir n'est pas montré. journal.csv le montre comme le mot redacted avec, dans sa colonne de sel, l'engagement du texte (64 chiffres hexadécimaux) au lieu du sel (32) ; records.csv montre {"{"}"redacted": engagement{"}"}. Les lignes de la forme v2 ne hachent chaque texte qu'à travers son engagement, donc chaque hash se recalcule toujours hors ligne et la chaîne atteint toujours l'empreinte et la tête des enregistrements. Les montants et les dates ne sont jamais masqués, donc chaque total concorde toujours. Les lignes enregistrées avant que le fonds passe à la forme v2 hachent leur texte lui-même : dans journal.csv elles sont montrées telles qu'enregistrées (l'export a averti le trésorier de tout nom caché qu'elles contiennent), et dans records.csv le contenu d'un tel enregistrement est retenu (son hash est indiqué). Un compte qui porte le nom d'une personne que ce public ne peut pas voir est montré par une étiquette : sa racine et redacted- suivi des 8 premiers chiffres hexadécimaux de l'engagement de son nom (expenses:redacted-4d90c2f8), la même dans tous les fichiers, si bien que les soldes tombent toujours juste par compte ; la colonne account_salt de ses lignes contient l'engagement entier. Une caisse nommée d'après quelqu'un que ce public ne peut pas voir est montrée de la même façon, redacted- suivi des 8 premiers chiffres hexadécimaux de l'engagement de son nom (redacted-2c09804a), dans tous les fichiers qui la nomment ; la colonne pool_salt de ses lignes contient l'engagement entier, et son enregistrement pool dans records.csv montre {"{"}"redacted": engagement, "shown": étiquette{"}"}. Un compte ou une caisse que nomment des lignes de la forme v1 est montré tel qu'enregistré.
bundle-redacted-auditor = Ce qui a été masqué : rien d'autre que les coordonnées et les notes privées des membres, que records.csv montre seulement par leur engagement ({"{"}"redacted": engagement{"}"}) ; chaque hash se recalcule toujours à partir des fichiers.
bundle-format = Format : { $format }, décrit entièrement dans docs/audit-format.md, dans les sources de fondo.

bundle-heading-fingerprint = Empreinte
bundle-chain = Les comptes d'un fonds tenu avec fondo sont une chaîne de hashes : le hash de chaque transaction couvre son contenu et le hash de la transaction enregistrée avant elle, donc changer, supprimer ou réordonner quoi que ce soit change tous les hashes suivants. Le dernier, la tête, est l'empreinte du fonds, que les trésoriers lisent à voix haute aux assemblées. Les aides, les votes, les règles, les membres et les rôles sont gardés dans une seconde chaîne du même genre, les enregistrements de gouvernance.
bundle-stated-fingerprint = Empreinte des comptes (le hash de tête du journal) après { $transactions } { $transactions ->
    [one] transaction
   *[other] transactions
} :
bundle-stated-records-head = Tête des enregistrements de gouvernance après { $records } { $records ->
    [one] enregistrement
   *[other] enregistrements
} :
bundle-stated-prev-start = journal.csv continue la chaîne depuis le début (64 zéros) :
bundle-stated-prev = journal.csv continue la chaîne depuis :
bundle-stated-last = et se termine par :
bundle-journal-holds = journal.csv contient { $transactions } { $transactions ->
    [one] transaction
   *[other] transactions
}, dont { $period_transactions } datées de la période.
bundle-journal-reaches-head = Il se termine à la tête de la chaîne, donc l'empreinte ci-dessus peut être recalculée à partir de lui.
bundle-journal-goes-on = Les comptes ont continué après sa dernière transaction, donc l'empreinte ci-dessus est telle que déclarée ; son dernier hash se trouve dans la colonne hash d'un dossier ultérieur ou d'un `fondo journal export` complet.

bundle-heading-checked = Ce qui est vérifié, et ce qui est déclaré
bundle-checked = Ce qui est vérifié : chaque hash de journal.csv, reversed.csv et records.csv est recalculé et chaque chaîne reliée aux hashes ci-dessus. balances.csv et pools.csv sont recalculés à partir de journal.csv. À partir de records.csv (chaque aide rejouée à partir de ses enregistrements exactement comme le fait fondo, par le même code qui a écrit les fichiers) : roles.csv (enregistrements role-term et role-end), policies.csv (enregistrements policy), chaque ligne de grants.csv (demandeur, caisse, montant, objet, règle, délai, statut, décision, décomptes décidés, payé, dépensé, rendu, fin), chaque vote de votes.csv (qui, comment, quand, pourquoi, compté), et qui nomme chaque ligne de contributors.csv (enregistrements contribution) ; aucun vote ne peut venir du demandeur de l'aide ni d'un membre qui n'était pas gestionnaire ce jour-là. Les tranches, les remboursements et les contributions sont aussi rapprochés de journal.csv.
bundle-stated-rows = Déclaré, non vérifiable : les lignes de retrait de votes.csv (pourquoi un gestionnaire s'est retiré est une relation que les dossiers publics ne disent pas ; le nombre de votants possibles de grants.csv est vérifié par rapport à elles) ; le décompte d'une aide encore ouverte à la fin de la période (vérifié par rapport à votes.csv) ; quel code de devise est la devise d'une aide, les noms et les décimales de commodities.csv et le statut et les jours de clôture d'accounts.csv (les devises et les comptes ne sont pas des enregistrements de gouvernance) ; l'objet et les lignes directrices de pools.csv (les enregistrements des caisses les contiennent, les vérificateurs ne les comparent pas encore) ; le statut de purchases.csv et les unités de purchase_items.csv (dans records.csv, pas encore rejoués) ; et tout texte montré seulement par son engagement.

bundle-heading-verify = Comment le vérifier
bundle-verify-fondo = 1. Avec fondo, hors ligne (sans base de données) : lancez `fondo verify --bundle` suivi du chemin de ce répertoire. Il vérifie tout ce qui suit, affiche chaque constat avec son fichier et sa ligne, et se termine avec 0 quand il n'y en a aucun, 1 quand il y a des constats.
bundle-verify-script = 2. Avec un script : `python3 scripts/verify_bundle.py` suivi du chemin de ce répertoire, depuis les sources de fondo, vérifie les empreintes, les deux chaînes de hashes, les soldes et les lignes tirées de records.csv avec rien d'autre que la bibliothèque standard de Python.
bundle-verify-hand = 3. À la main ou avec un tableur :
bundle-step-digests = a. Empreintes : `sha256sum *` (sous Windows : `certutil -hashfile FICHIER SHA256`) doit afficher, pour chaque fichier, le sha256 que donne MANIFEST.csv, et chaque fichier CSV doit avoir autant de lignes après son en-tête que le dit MANIFEST.csv.
bundle-step-chain = b. La chaîne de hashes : pour chaque transaction de journal.csv (ses lignes consécutives de même txn), écrivez le tableau JSON ["fondo-txn-v1", prev_hash, date, description, payee, reference, REVERSES, [[account, commodity, amount, memo, pool], ... un par ligne]] dont chaque élément est une chaîne, compact (sans espaces entre les éléments), les caractères non ASCII tels quels ; REVERSES est vide ou, pour une annulation, le hash de la transaction que nomme sa colonne reverses (plus haut dans journal.csv ou dans reversed.csv). Son SHA-256 doit être la colonne hash. Une ligne dont la colonne form vaut fondo-txn-v2 est hachée dans la forme v2 : le premier élément est "fondo-txn-v2" et chaque texte (description, payee, reference, account, memo, pool) est remplacé par son engagement, le SHA-256 de "fondo-text-v2", un octet 0, le sel de sa colonne de sel, un octet 0 et le texte (une colonne de sel de 64 chiffres hexadécimaux est l'engagement lui-même ; un texte vide reste vide). Le premier prev_hash doit être le journal_prev_hash de BUNDLE.csv, chaque prev_hash suivant le hash d'avant, et le dernier hash le journal_last_hash. docs/hash-chain.md, dans les sources de fondo, donne des exemples détaillés.
bundle-step-zero = c. Les montants de chaque transaction font zéro au total par devise.
bundle-step-balances = d. Soldes : additionnez les montants de journal.csv datés de la période par compte et par devise, les positifs et les négatifs à part ; ce sont les débits et (en nombres positifs) les crédits de balances.csv, et ouverture + débits - crédits = clôture sur chaque ligne. Toutes les ouvertures font zéro au total par devise, et toutes les clôtures aussi.
bundle-step-pools = e. Caisses : les sommes de l'ouverture et de la clôture de toutes les caisses sont égales aux sommes des soldes d'ouverture et de clôture des comptes d'actif et de passif, par devise.
bundle-step-grants = f. Aides : les votes comptés de votes.csv donnent les accords, les objections et les abstentions de grants.csv, et sa règle (tirée de policies.csv) donne sa décision ; les tranches listées dans payment_txns sont les écritures de dépense de l'aide dans journal.csv.
bundle-step-purchases = g. Achats : pour chaque achat, la colonne charged de purchases.csv contient exactement les débits à assets:purchases:receivable de son settle_txn dans journal.csv (un par groupe facturé) ; le paid de chaque groupe est la somme des crédits à ce compte dans ses pay_txns, et owed = charged - paid. Les unités sont données par article dans purchase_items.csv, chacune dans l'unité de son article ; le purchase et le group de chaque ligne ont leur ligne dans purchases.csv.

bundle-heading-ballots = Les votes signés des responsables
bundle-ballots = Chaque vote signé dont ce paquet montre le bulletin est ici en deux fichiers : le bulletin et la signature SSH qu'y a mise la personne qui a voté ({ $ballot } et { $signature }, N étant le numéro du vote dans records.csv) ; et { $signers } contient toutes les clés enregistrées par les membres, avec le numéro du membre comme nom, valables de leur enregistrement à leur révocation. Ce sont des copies exactes de ce que contient records.csv, et les vérificateurs les comparent. Pour vérifier un vote avec OpenSSH seul, dans ce dossier, VOTER étant le numéro de la ligne voter du bulletin et TIME les chiffres de sa ligne time (2026-07-02T18:00:00 donne 20260702180000) :
bundle-ballots-good = La commande affiche Good "{ $namespace }" signature for VOTER : la clé de ce membre, en vigueur à l'heure du bulletin, a signé exactement ce bulletin. votes.csv nomme le membre comme ce public peut le voir.
bundle-heading-signature = La signature du fonds
bundle-signature = Le fonds a signé MANIFEST.csv avec sa clé { $key } : { $signature } est une signature SSH (SSHSIG, espace de noms { $namespace }) de ses octets exacts, et { $signers } donne les clés publiques du fonds. Comme MANIFEST.csv contient l'empreinte de chacun des autres fichiers, la signature couvre tout le dossier. Pour la vérifier avec OpenSSH seul, dans ce répertoire :
bundle-signature-trust = Il affiche Good "{ $namespace }" signature for { $signer } with ED25519 key { $key }. Cela montre seulement que le dossier concorde avec lui-même : celui qui l'a changé aurait pu le signer de nouveau avec une clé à lui et mettre cette clé dans { $signers }. Obtenez donc la clé du fonds auprès du fonds lui-même (son empreinte est lue à l'assemblée, et `fondo fund show` l'affiche), mettez-la dans un fichier, par exemple fund.pub, et vérifiez avec elle : `fondo verify --bundle DIR --signer-key fund.pub`, ou avec ssh-keygen comme ci-dessus après avoir écrit la ligne `{ $signer } namespaces="{ $namespace }"` suivie de la clé de fund.pub dans un fichier à vous et donné ce fichier à -f.

bundle-heading-files = Les fichiers

# The descriptions of the files and their columns (FILES in src/audit/bundle/mod.rs).
bundle-file-bundle = Ce qu'est ce dossier : une ligne par fait, sous forme de clé et de valeur. Les clés sont format, fund, fund_id (l'id que nomment ses bulletins), audience, period, from, to, journal_prev_hash, journal_last_hash, fingerprint, ledger_transactions, records_head, records_count (les enregistrements de records.csv se terminent à cette tête et sont ce nombre-là) et generator (chacune est expliquée en haut de ce README).
bundle-col-bundle-key = le nom du fait
bundle-col-bundle-value = sa valeur
bundle-file-journal = Le journal : une ligne par écriture, dans l'ordre où les transactions ont été enregistrées (l'ordre de la chaîne), exactement comme l'écrit `fondo journal export`. Il contient toutes les transactions datées de la période et, pour que la chaîne de hashes ne soit pas rompue, les transactions enregistrées entre-temps qui sont datées hors de la période (elles ne comptent pas dans les chiffres de la période).
bundle-col-journal-txn = le numéro de la transaction dans les comptes du fonds ; les lignes d'une transaction se suivent
bundle-col-journal-date = la date de la transaction, AAAA-MM-JJ
bundle-col-journal-description = ce qu'est la transaction
bundle-col-journal-account = le compte de cette écriture, par exemple assets:bank:usd
bundle-col-journal-amount = le montant de l'écriture, avec exactement les décimales de la devise ; positif pour un débit, négatif pour un crédit ; chaque transaction fait zéro au total par devise
bundle-col-journal-commodity = ce que compte le montant : une devise (USD) ou une unité en nature (HOURS)
bundle-col-journal-payee = qui a payé ou a été payé, si c'est enregistré (souvent vide)
bundle-col-journal-reference = une référence bancaire, un numéro de reçu ou de chèque (souvent vide)
bundle-col-journal-memo = une note sur cette écriture (souvent vide)
bundle-col-journal-pool = la caisse affectée à laquelle appartient une écriture de produit, de charge ou de capitaux propres ; vide pour la caisse générale et pour toute écriture d'actif ou de passif
bundle-col-journal-reverses = pour une annulation : le txn qu'elle annule (dans ce fichier ou dans reversed.csv) ; vide sinon
bundle-col-journal-prev_hash = le hash de la transaction enregistrée juste avant celle-ci
bundle-col-journal-hash = le hash SHA-256 de cette transaction sur son contenu et prev_hash (docs/hash-chain.md)
bundle-col-journal-form = la forme canonique du hash : fondo-txn-v1 (enregistrée avant que le fonds change) ou fondo-txn-v2 (les champs de texte hachés comme des engagements salés)
bundle-col-journal-description_salt = v2 seulement : le sel de l'engagement du libellé (32 chiffres hexadécimaux) ; vide pour un texte vide
bundle-col-journal-payee_salt = v2 seulement : le sel de l'engagement du bénéficiaire
bundle-col-journal-reference_salt = v2 seulement : le sel de l'engagement de la référence
bundle-col-journal-memo_salt = v2 seulement : le sel de l'engagement de la note de cette écriture
bundle-col-journal-account_salt = v2 seulement : le sel de l'engagement du nom du compte, le même sur chaque ligne du compte
bundle-col-journal-pool_salt = v2 seulement : le sel de l'engagement du nom de la caisse ; vide pour la caisse générale
bundle-file-reversed = Des transactions d'avant journal.csv qu'annule une annulation de journal.csv, dans les mêmes colonnes. Le hash d'une annulation couvre le hash de la transaction qu'elle annule ; ces lignes permettent de recalculer ce hash. Le plus souvent vide.
bundle-file-accounts = Tous les comptes du fonds, tels qu'au dernier jour de la période.
bundle-col-accounts-account = le nom complet du compte
bundle-col-accounts-type = assets, liabilities, equity, income ou expenses (actif, passif, capitaux propres, produits ou charges : la première partie du nom)
bundle-col-accounts-status = open (ouvert) ou closed (clôturé)
bundle-col-accounts-closed_on = le jour où il a été clôturé, s'il l'a été
bundle-col-accounts-note = la note du trésorier sur le compte (par exemple, de quel compte bancaire il s'agit) ; seulement dans les dossiers de l'auditeur, vide dans les autres
bundle-file-commodities = Toutes les devises : monnaies et unités en nature, avec les décimales avec lesquelles chaque montant y est écrit.
bundle-col-commodities-commodity = son code, par exemple USD ou HOURS
bundle-col-commodities-decimals = combien de décimales ont ses montants
bundle-col-commodities-name = son nom complet, s'il en a un
bundle-file-balances = Le solde de chaque compte par devise au début et à la fin de la période : ouverture + débits - crédits = clôture, et les débits et les crédits sont les sommes des écritures de journal.csv datées de la période. Toutes les ouvertures ensemble font zéro par devise, et toutes les clôtures aussi.
bundle-col-balances-account = le compte
bundle-col-balances-commodity = la devise
bundle-col-balances-opening = le solde à la fin de la veille du début de la période (positif : débit)
bundle-col-balances-debits = la somme des écritures positives datées de la période
bundle-col-balances-credits = la somme des écritures négatives datées de la période, écrite en nombre positif
bundle-col-balances-closing = le solde à la fin du dernier jour de la période
bundle-file-pools = Ce que chaque caisse détenait au début et à la fin de la période, et comment cela a changé, par devise (une ligne aux montants vides pour une caisse qui n'a jamais rien détenu). Ce que détient une caisse est fait des écritures de produits, de charges et de capitaux propres qui portent son nom dans la colonne pool du journal (pour la caisse générale : celles dont la colonne pool est vide). Sur chaque ligne, opening + contributions + moved_in - moved_out - spent + converted + other = closing, et available = closing - committed. Les ouvertures (et les clôtures) de toutes les caisses ensemble égalent l'actif net du fonds : les soldes de tous les comptes d'actif et de passif.
bundle-col-pools-pool = le nom de la caisse ; general est tout ce qui n'est pas mis de côté dans une autre caisse
bundle-col-pools-purpose = ce pour quoi la communauté l'a mise de côté
bundle-col-pools-guidelines = comment les aides qu'elle verse doivent être utilisées
bundle-col-pools-opening = détenu à la fin de la veille du début de la période
bundle-col-pools-contributions = les produits crédités à la caisse pendant la période (moins les produits débités)
bundle-col-pools-moved_in = reçu d'autres caisses pendant la période (crédits à equity:pools)
bundle-col-pools-moved_out = versé à d'autres caisses pendant la période (débits à equity:pools)
bundle-col-pools-spent = les charges imputées à la caisse pendant la période (tranches d'aides, biens distribués, frais), moins les remboursements
bundle-col-pools-converted = les changes de devises pendant la période (equity:conversions:…) : reçu dans cette devise moins cédé
bundle-col-pools-other = les autres écritures de capitaux propres pendant la période (soldes d'ouverture et semblables)
bundle-col-pools-closing = détenu à la fin du dernier jour de la période
bundle-col-pools-committed = les aides approuvées pas encore payées à la fin de la période : toujours détenues, mais réservées
bundle-col-pools-available = clôture moins engagé
bundle-file-grants = Toutes les aides demandées avant la fin de la période qui étaient encore ouvertes ou approuvées quand elle a commencé (les aides terminées avant la période sont laissées de côté), telles qu'à la fin de la période.
bundle-col-grants-grant = l'id de l'aide, par exemple G-0001
bundle-col-grants-applicant = qui l'a demandée (tel que ce public peut le voir)
bundle-col-grants-pool = la caisse qui la paie
bundle-col-grants-commodity = la devise demandée
bundle-col-grants-amount = le montant demandé (une approbation engage exactement celui-ci)
bundle-col-grants-purpose = ce à quoi elle sert
bundle-col-grants-category = la catégorie de dépense, si elle est donnée
bundle-col-grants-needed_by = le jour pour lequel il en fallait, s'il est donné
bundle-col-grants-applied_at = quand la demande a été faite, AAAA-MM-JJTHH:MM:SS
bundle-col-grants-policy_version = la version de la règle de la caisse en vigueur alors (voir policies.csv)
bundle-col-grants-rule = la règle du palier où tombe son montant, en mots, par exemple consent (3 accords, aucune objection)
bundle-col-grants-window_closes = applied_at plus le délai du palier : quand le vote se termine
bundle-col-grants-status = open, approved, rejected, withdrawn ou closed (ouverte, approuvée, rejetée, retirée ou close) à la fin de la période
bundle-col-grants-decision = approved ou rejected (approuvée ou rejetée), une fois décidée ; vide avant
bundle-col-grants-decided_at = quand elle a été décidée
bundle-col-grants-expires = le dernier jour où l'argent non payé d'une approbation reste engagé, s'il est fixé
bundle-col-grants-consents = les accords comptés : à la décision, ou à la fin de la période si elle est encore ouverte (le dernier vote de chaque gestionnaire, jusqu'à la fin du délai)
bundle-col-grants-objections = les objections comptées, de même
bundle-col-grants-abstentions = les abstentions comptées, de même
bundle-col-grants-eligible = les gestionnaires qui pouvaient voter alors (en mandat, non retirés), comme la décision l'a enregistré
bundle-col-grants-explanation = pourquoi elle a été décidée ainsi, comme fondo l'a écrit à la décision
bundle-col-grants-paid = les tranches payées avant la fin de la période
bundle-col-grants-paid_in_period = la part de paid dont les tranches sont datées de la période
bundle-col-grants-payment_txns = le txn de chaque tranche payée avant la fin de la période, séparés par des espaces
bundle-col-grants-spent = les dépenses déclarées par le bénéficiaire avant la fin de la période
bundle-col-grants-returned = l'argent que le bénéficiaire a rendu à la clôture
bundle-col-grants-return_txn = le txn de ce remboursement, s'il y en a un
bundle-col-grants-committed = pour une aide approuvée non close : le montant moins le payé ; sinon 0
bundle-col-grants-ended_at = quand elle a été close ou retirée, si elle l'a été avant la fin de la période
bundle-col-grants-end_reason = pourquoi elle a été close ou retirée
bundle-file-votes = Tous les votes exprimés sur les aides de grants.csv jusqu'à la fin de la période, changements compris (un vote ultérieur du même gestionnaire remplace le précédent), puis une ligne par gestionnaire qui a dû se retirer.
bundle-col-votes-grant = l'aide
bundle-col-votes-member = le gestionnaire (tel que ce public peut le voir)
bundle-col-votes-vote = consent, object ou abstain (accord, objection ou abstention) ; recused pour un gestionnaire qui ne pouvait pas voter
bundle-col-votes-at = quand le vote a été exprimé ; pour un retrait, quand les votes ont été comptés
bundle-col-votes-reason = le motif donné (une objection en a toujours un) ; pour un retrait : le demandeur, ou apparenté au demandeur
bundle-col-votes-counted = yes pour le dernier vote de chaque gestionnaire exprimé avant que les votes soient comptés (la décision, ou la fin de la période, et jamais après la fin du délai) ; no sinon
bundle-file-policies = Toutes les versions de la règle de décision de chaque caisse fixées avant la fin de la période, une ligne par palier. Une demande tombe dans le palier de sa devise au plafond (up_to) le plus bas qui la couvre, sinon dans le palier sans plafond.
bundle-col-policies-pool = la caisse
bundle-col-policies-version = le numéro de version (1, 2, …)
bundle-col-policies-set_at = quand cette version a été fixée
bundle-col-policies-up_to = le plus grand montant que décide le palier ; vide : pas de plafond
bundle-col-policies-commodity = la devise de up_to
bundle-col-policies-rule = consent, majority ou lazy (consentement, majorité ou consentement tacite)
bundle-col-policies-min_consents = consent et lazy : les accords nécessaires (sans aucune objection)
bundle-col-policies-quorum = majority : combien de gestionnaires ayant droit de vote doivent voter
bundle-col-policies-threshold = majority : la part des accords parmi les accords et les objections qu'il faut dépasser, par exemple 0.5
bundle-col-policies-window_minutes = combien de temps le vote reste ouvert après la demande
bundle-col-policies-reason = pourquoi la communauté l'a fixée
bundle-file-roles = Tous les mandats commencés avant la fin de la période : trésoriers, gestionnaires (qui votent sur les aides) et membres.
bundle-col-roles-member = qui (tel que ce public peut le voir)
bundle-col-roles-role = treasurer, steward ou member (trésorier, gestionnaire ou membre)
bundle-col-roles-from = le premier jour du mandat
bundle-col-roles-until = son dernier jour ; vide tant qu'il est sans fin fixée
bundle-file-contributors = Toutes les contributions datées de la période, en argent et en nature, avec qui les a données. Chaque ligne correspond aux écritures de produits de son txn dans journal.csv.
bundle-col-contributors-txn = la transaction de la contribution dans journal.csv
bundle-col-contributors-date = sa date
bundle-col-contributors-contributor = qui l'a donnée (tel que ce public peut le voir) ; anonymous quand le donateur est resté anonyme
bundle-col-contributors-kind = money (argent), goods (biens en nature, gardés en stock) ou le type de service donné en nature (par exemple legal-assistance)
bundle-col-contributors-pool = la caisse à laquelle elle est allée
bundle-col-contributors-amount = le montant crédité aux produits
bundle-col-contributors-voided_by = le txn de l'annulation qui l'a annulée pendant la période, s'il y en a une
bundle-file-transfers = Tous les transferts entre ce fonds et un autre datés de la période, argent envoyé ou reçu, dans l'ordre de la chaîne. Chaque ligne est ce que dit son txn dans journal.csv (référence, bénéficiaire et écritures) ; un hub apparie les lignes des deux fonds par transfer_id.
bundle-col-transfers-txn = la transaction du transfert dans journal.csv
bundle-col-transfers-direction = sent (envoyé) ou received (reçu)
bundle-col-transfers-transfer_id = l'identifiant du transfert : l'id du fonds qui envoie, un tiret et son compte de transferts (la référence de la transaction)
bundle-col-transfers-counterpart_fund = l'id de l'autre fonds (le bénéficiaire de la transaction)
bundle-col-transfers-amount = sent : le montant envoyé ; received : le montant arrivé
bundle-col-transfers-sent_amount = received seulement : le montant envoyé par l'autre fonds, tel que ce fonds l'a enregistré (le montant lui-même dans une seule monnaie)
bundle-col-transfers-sent_commodity = received seulement : sa monnaie
bundle-col-transfers-rate = received dans une autre monnaie seulement : amount divisé par sent_amount, exactement
bundle-col-transfers-pool = la caisse d'où l'argent est sorti ou où il est allé ; vide pour la caisse générale
bundle-col-transfers-grant = received seulement : l'aide de ce fonds qu'il finance, si une a été nommée
bundle-col-transfers-voided_by = le txn de l'annulation qui l'a contre-passé pendant la période, s'il y en a une
bundle-file-records = Tous les enregistrements de gouvernance du fonds, du premier jusqu'à la tête des enregistrements indiquée dans BUNDLE.csv, dans l'ordre de la chaîne (les enregistrements sont écrits au fil des événements, donc ceci comprend des enregistrements datés d'après la période ; les autres fichiers ne comptent que ceux datés avant sa fin). Le hash de chaque enregistrement est recalculé à partir de son contenu et du hash d'avant, du hash de genèse (64 zéros) jusqu'à la tête des enregistrements. Chaque champ de texte libre d'un enregistrement de la forme v2 est montré comme {"{"}"text", "salt"{"}"} là où ce public peut le voir, ou comme {"{"}"redacted": engagement{"}"} là où il ne le peut pas (le nom d'un membre ajoute "shown", le nom ou le pseudonyme qu'emploient les autres fichiers) ; le hash se recalcule dans les deux cas (docs/audit-format.md).
bundle-col-records-id = le numéro de l'enregistrement, dans l'ordre de la chaîne
bundle-col-records-at = quand c'est arrivé (AAAA-MM-JJTHH:MM:SS), ou pour un enregistrement d'audit quand il a été saisi (avec un Z)
bundle-col-records-kind = ce qu'il enregistre : policy, vote, decision, member, role-term, …
bundle-col-records-grant = le numéro de l'aide (7 pour G-0007), ou vide
bundle-col-records-form = la forme canonique de son hash : fondo-record-v1 (le texte haché tel quel) ou fondo-record-v2 (les champs de texte hachés comme des engagements salés)
bundle-col-records-prev_hash = le hash de l'enregistrement d'avant
bundle-col-records-hash = son hash SHA-256 sur son contenu et prev_hash (docs/hash-chain.md)
bundle-col-records-payload = son contenu, un objet JSON, les clés dans l'ordre enregistré ; retenu pour un enregistrement v1 dont ce public ne peut pas voir le texte (son hash est alors déclaré, non vérifiable)
bundle-file-purchases = Les achats groupés ouverts pendant la période, où des groupes de membres ont acheté ensemble à un fournisseur : une ligne par achat et par groupe avec son argent, tels qu'à la fin du dernier jour de la période, dans l'ordre où les achats ont été ouverts et où les groupes ont commandé pour la première fois (les unités sont dans purchase_items.csv, par article). Pour chaque achat, la colonne charged fait au total les débits à assets:purchases:receivable de la transaction de règlement, et le paid de chaque groupe les crédits de ses transactions de paiement. Déclaré, non vérifiable : le statut vient des enregistrements de gouvernance de l'achat, que records.csv contient mais que les vérificateurs ne rejouent pas encore, et aucune écriture du journal ne nomme un groupe.
bundle-col-purchases-purchase = le nom de l'achat
bundle-col-purchases-status = open, closed, settled ou done (ouvert, clos, réglé ou terminé), à la fin de la période (déclaré, non vérifiable)
bundle-col-purchases-group = le groupe de membres (un foyer, un collectif) tel que ce public peut le voir
bundle-col-purchases-currency = la devise de l'achat
bundle-col-purchases-charged = sa part de la facture et des frais, après la subvention du fonds ; 0 avant le règlement. La transaction de règlement débite assets:purchases:receivable avec exactement une écriture par groupe facturé
bundle-col-purchases-paid = ce qu'il a payé de sa part : les crédits à assets:purchases:receivable des transactions de pay_txns
bundle-col-purchases-owed = charged - paid : ce qu'il doit encore au fonds
bundle-col-purchases-settle_txn = le txn de journal.csv qui a payé le fournisseur et facturé les parts ; vide avant le règlement
bundle-col-purchases-pay_txns = les txn de journal.csv dans lesquels le groupe a payé, séparés par des espaces
bundle-file-purchase_items = Les unités des achats groupés de purchases.csv, par article : une ligne par achat, groupe et article que le groupe a commandé, dans l'ordre de purchases.csv puis des articles de l'achat, tels qu'à la fin du dernier jour de la période. Chaque article compte dans sa propre unité (les kilos de riz et les bouteilles d'huile ne sont jamais additionnés). L'achat et le groupe de chaque ligne ont leur ligne dans purchases.csv. Déclaré, non vérifiable : ordered, allocated et received viennent des enregistrements de gouvernance de l'achat (ses commandes, sa clôture et ses livraisons), que records.csv contient mais que les vérificateurs ne rejouent pas encore.
bundle-col-purchase_items-purchase = le nom de l'achat, comme dans purchases.csv
bundle-col-purchase_items-group = le groupe de membres, nommé comme dans purchases.csv (qui a sa ligne)
bundle-col-purchase_items-item = l'article, tel que l'achat le liste
bundle-col-purchase_items-unit = la devise en nature dans laquelle ses unités sont comptées (par exemple KG-RICE) ; vide quand l'article n'est pas gardé en stock
bundle-col-purchase_items-ordered = les unités de cet article que le groupe a commandées (déclaré, non vérifiable)
bundle-col-purchase_items-allocated = les unités de cet article qui lui ont été attribuées en caisses entières à la clôture ; 0 avant la clôture (déclaré, non vérifiable)
bundle-col-purchase_items-received = les unités de cet article qu'il a reçues de ce qui est arrivé, après la nouvelle répartition d'une livraison incomplète ; 0 avant la livraison (déclaré, non vérifiable)
bundle-file-readme = Ce fichier.
bundle-file-manifest = Chacun des autres fichiers avec son nombre de lignes (lignes de données après l'en-tête pour un fichier CSV ; lignes pour README.txt) et son empreinte SHA-256. L'empreinte de MANIFEST.csv lui-même, qu'affichent `fondo export audit` et `fondo verify --bundle`, identifie tout le dossier.
bundle-col-manifest-file = le nom du fichier
bundle-col-manifest-rows = son nombre de lignes
bundle-col-manifest-sha256 = le SHA-256 de ses octets, 64 chiffres hexadécimaux en minuscules
