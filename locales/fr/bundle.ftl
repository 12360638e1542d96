# fondo: the bundle messages (fr). Keys: the registry in the code that uses them
# (src/audit/bundle/readme.rs); the descriptions of files and columns follow,
# as bundle-file-FILE and bundle-col-FILE-COLUMN (src/audit/bundle/mod.rs has
# the English). Names of files, columns, keys and commands stay as they are.

bundle-title = Dossier d'audit de { $fund }
bundle-intro = Ce répertoire est un dossier d'audit des comptes de { $fund }, écrit par { $generator }. Chacun peut le vérifier sans la base de données du fonds : tous les fichiers sauf celui-ci sont du CSV simple (UTF-8, séparé par des virgules, entre guillemets là où il le faut, une ligne d'en-tête), et MANIFEST.csv donne chaque fichier avec son nombre de lignes et son empreinte SHA-256.

bundle-heading-covers = Ce qu'il couvre
bundle-period = Période : { $period }, du { $from } au { $to } (les deux jours compris).
bundle-standing-open = Les comptes de { $period } ne sont pas clôturés : on peut encore y ajouter des écritures datées de cette période.
bundle-standing-closed = Les comptes de { $period } ont été clôturés le { $at } (enregistrement { $record }) : { $reason }.
bundle-standing-reopening = le { $at } (enregistrement { $record }) : { $reason }
bundle-standing-reopening-more = { $earlier } ; et le { $at } (enregistrement { $record }) : { $reason }
bundle-standing-reopened-before = { $closed } Auparavant, ils avaient été rouverts { $earlier }.
bundle-standing-reopened = { $closed } Ils ont été rouverts le { $at } (enregistrement { $record }) : { $reason } ; on peut ajouter des écritures datées de { $period } jusqu'à ce qu'ils soient de nouveau clôturés.

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
bundle-redacted-hidden = Ce qui a été masqué : dans journal.csv, reversed.csv et records.csv, qui sont chaînés par hash, un texte libre (un libellé, un bénéficiaire, une référence, une note, un objet, un motif, le nom propre d'un membre caché, un contact ou une note privée) que ce public ne peut pas voir n'est pas montré. journal.csv le montre comme le mot redacted avec, dans sa colonne de sel, l'engagement du texte (64 chiffres hexadécimaux) au lieu du sel (32) ; records.csv montre {"{"}"redacted": engagement{"}"}. Les lignes de la forme v2 ne hachent chaque texte qu'à travers son engagement, donc chaque hash se recalcule toujours hors ligne et la chaîne atteint toujours l'empreinte et la tête des enregistrements. Les montants, les dates, les comptes et les caisses ne sont jamais masqués, donc chaque total concorde toujours. Les lignes enregistrées avant que le fonds passe à la forme v2 hachent leur texte lui-même : dans journal.csv elles sont montrées telles qu'enregistrées (l'export a averti le trésorier de tout nom caché qu'elles contiennent), et dans records.csv le contenu d'un tel enregistrement est retenu (son hash est indiqué). Les noms des comptes et des caisses sont montrés tels qu'enregistrés.
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

bundle-heading-signature = La signature du fonds
bundle-signature = Le fonds a signé MANIFEST.csv avec sa clé { $key } : { $signature } est une signature SSH (SSHSIG, espace de noms { $namespace }) de ses octets exacts, et { $signers } donne les clés publiques du fonds. Comme MANIFEST.csv contient l'empreinte de chacun des autres fichiers, la signature couvre tout le dossier. Pour la vérifier avec OpenSSH seul, dans ce répertoire :
bundle-signature-trust = Il affiche Good "{ $namespace }" signature for { $signer } with ED25519 key { $key }. Cela montre seulement que le dossier concorde avec lui-même : celui qui l'a changé aurait pu le signer de nouveau avec une clé à lui et mettre cette clé dans { $signers }. Obtenez donc la clé du fonds auprès du fonds lui-même (son empreinte est lue à l'assemblée, et `fondo fund show` l'affiche), mettez-la dans un fichier, par exemple fund.pub, et vérifiez avec elle : `fondo verify --bundle DIR --signer-key fund.pub`, ou avec ssh-keygen comme ci-dessus après avoir écrit la ligne `{ $signer } namespaces="{ $namespace }"` suivie de la clé de fund.pub dans un fichier à vous et donné ce fichier à -f.

bundle-heading-files = Les fichiers
