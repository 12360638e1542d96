# fondo: the bundle messages (es). Keys: the registry in the code that uses them
# (src/audit/bundle/readme.rs); the descriptions of files and columns follow,
# as bundle-file-FILE and bundle-col-FILE-COLUMN (src/audit/bundle/mod.rs has
# the English). Names of files, columns, keys and commands stay as they are.

bundle-title = Paquete de auditoría de { $fund }
bundle-intro = Este directorio es un paquete de auditoría de las cuentas de { $fund }, escrito por { $generator }. Cualquiera puede comprobarlo sin la base de datos del fondo: todos los archivos menos este son CSV simple (UTF-8, separado por comas, con comillas donde hace falta, una línea de encabezado), y MANIFEST.csv da cada archivo con su número de filas y su resumen SHA-256.

bundle-heading-covers = Qué abarca
bundle-period = Período: { $period }, del { $from } al { $to } (ambos días incluidos).
bundle-standing-open = Las cuentas del período { $period } no están cerradas: todavía se pueden añadir asientos con fecha dentro de él.
bundle-standing-closed = Las cuentas del período { $period } se cerraron el { $at } (registro { $record }): { $reason }.
bundle-standing-reopening = el { $at } (registro { $record }): { $reason }
bundle-standing-reopening-more = { $earlier }; y el { $at } (registro { $record }): { $reason }
bundle-standing-reopened-before = { $closed } Antes de eso, se reabrieron { $earlier }.
bundle-standing-reopened = { $closed } Se reabrieron el { $at } (registro { $record }): { $reason }; se pueden añadir asientos con fecha en el período { $period } hasta que se vuelvan a cerrar.

bundle-audience-public = para cualquier persona. Los miembros que pidieron no ser nombrados en público (miembros con seudónimo y anónimos) aparecen con un seudónimo estable como member-1a2b3c4d, derivado de un secreto guardado en el archivo del fondo: la misma persona tiene el mismo seudónimo en todos los paquetes, y nadie puede confirmar un nombre adivinado calculando su hash. Sus nombres se sustituyen también en el texto libre, incluso mal escritos, en mayúsculas o minúsculas, sin tildes o por una sola parte del nombre (propósitos, categorías, motivos, tipos de apoyo), y la abstención de un administrador no muestra motivo, para no revelar ningún lazo familiar. Se omiten los datos de contacto, las notas privadas y las notas de las cuentas. Solo cambia el texto: cada importe es el de las cuentas, así que los saldos, los fondos comunes y las ayudas cuadran con journal.csv exactamente como en el paquete del auditor.
bundle-audience-members = para los miembros del fondo. Los miembros anónimos aparecen con un seudónimo estable como member-1a2b3c4d (el mismo en todos los paquetes), y todos los demás por su nombre; sus nombres se sustituyen también en el texto libre (incluso mal escritos, en mayúsculas o minúsculas, sin tildes o por una sola parte del nombre), y la abstención de un administrador no muestra motivo. Solo cambia el texto, nunca un importe, así que cada total cuadra con journal.csv. Se omiten los datos de contacto, las notas privadas y las notas de las cuentas.
bundle-audience-auditor = para un auditor. Cada miembro aparece por su nombre, y las cuentas llevan las notas de los tesoreros, para cotejarlas con los extractos bancarios y los recibos. Se omiten los datos de contacto y las notas privadas de los miembros.

bundle-visibility = { $visibility ->
    [public] público
    [pseudonymous] con seudónimo
   *[anonymous] anónimo
}
bundle-visibility-change = el { $day }, de { $from } a { $to }
bundle-visibility-changes = Algunos miembros cambiaron cómo se les nombra ({ $n ->
    [one] un cambio
   *[other] cambios
}: { $changes }). Un cambio se aplica a todo lo que se escribe después, este paquete incluido, así que puede mostrar a un miembro de otra forma que los archivos publicados antes; esos quedan como estaban.

bundle-amounts = Las aportaciones hechas de forma anónima dicen anonymous en todos los públicos. Los importes nunca cambian: cada importe y cada total es el mismo en los paquetes de todos los públicos, así que todos cuadran entre sí y con las cuentas.
bundle-redacted-hidden = Qué se ocultó: en journal.csv, reversed.csv y records.csv, que están encadenados por hash, no se muestra un texto libre (una descripción, beneficiario, referencia, nota, propósito, motivo, el nombre propio de un miembro oculto, un contacto o una nota privada) que este público no puede ver. journal.csv lo muestra como la palabra redacted con, en su columna de sal, el compromiso del texto (64 dígitos hexadecimales) en lugar de la sal (32); records.csv muestra {"{"}"redacted": compromiso{"}"}. Las filas en la forma v2 calculan el hash de cada texto solo a través de su compromiso, así que cada hash se sigue recalculando sin conexión y la cadena sigue llegando a la huella y a la cabeza de los registros. Los importes y las fechas nunca se ocultan, así que cada total sigue cuadrando. Las filas registradas antes de que el fondo pasara a la forma v2 calculan el hash del texto mismo: en journal.csv se muestran tal como se registraron (la exportación avisó al tesorero de cualquier nombre oculto en ellas), y en records.csv se retiene el contenido de ese registro (se indica su hash). Una cuenta que lleva el nombre de alguien que este público no puede ver se muestra con una etiqueta: su raíz y redacted- con las primeras 8 cifras hexadecimales del compromiso de su nombre (expenses:redacted-4d90c2f8), la misma en todos los archivos, así que los saldos siguen cuadrando por cuenta; la columna account_salt de sus filas guarda el compromiso entero. Un fondo común con el nombre de alguien que esta audiencia no puede ver se muestra del mismo modo, redacted- con los primeros 8 dígitos hexadecimales del compromiso de su nombre (redacted-2c09804a), en todos los archivos que lo nombran; la columna pool_salt de sus filas guarda el compromiso entero, y su registro pool en records.csv muestra {"{"}"redacted": compromiso, "shown": etiqueta{"}"}. Una cuenta o un fondo común que nombran filas de la forma v1 se muestra tal como se registró.
bundle-redacted-auditor = Qué se ocultó: nada más que los datos de contacto y las notas privadas de los miembros, que records.csv muestra solo como su compromiso ({"{"}"redacted": compromiso{"}"}); cada hash se sigue recalculando a partir de los archivos.
bundle-format = Formato: { $format }, descrito por completo en docs/audit-format.md, en las fuentes de fondo.

bundle-heading-fingerprint = Huella
bundle-chain = Las cuentas de un fondo llevado con fondo son una cadena de hashes: el hash de cada transacción cubre su contenido y el hash de la transacción registrada antes, así que cambiar, quitar o reordenar cualquier cosa cambia todos los hashes posteriores. El último, la cabeza, es la huella del fondo, que los tesoreros leen en voz alta en las asambleas. Las ayudas, los votos, las políticas, los miembros y los cargos se guardan en una segunda cadena del mismo tipo, los registros de gobierno.
bundle-stated-fingerprint = Huella de las cuentas (el hash de cabeza del diario) tras { $transactions } { $transactions ->
    [one] transacción
   *[other] transacciones
}:
bundle-stated-records-head = Cabeza de los registros de gobierno tras { $records } { $records ->
    [one] registro
   *[other] registros
}:
bundle-stated-prev-start = journal.csv continúa la cadena desde el principio (64 ceros):
bundle-stated-prev = journal.csv continúa la cadena desde:
bundle-stated-last = y termina con:
bundle-journal-holds = journal.csv contiene { $transactions } { $transactions ->
    [one] transacción
   *[other] transacciones
}, { $period_transactions } de ellas con fecha dentro del período.
bundle-journal-reaches-head = Termina en la cabeza de la cadena, así que la huella de arriba se puede recalcular a partir de él.
bundle-journal-goes-on = Las cuentas siguieron después de su última transacción, así que la huella de arriba es la declarada; su último hash está en la columna hash de un paquete posterior o de un `fondo journal export` completo.

bundle-heading-checked = Qué se comprueba y qué se declara
bundle-checked = Qué se comprueba: se recalcula cada hash de journal.csv, reversed.csv y records.csv, y cada cadena se enlaza con los hashes de arriba. balances.csv y pools.csv se recalculan a partir de journal.csv. A partir de records.csv (cada ayuda se reproduce desde sus registros exactamente como lo hace fondo, con el mismo código que escribió los archivos): roles.csv (registros role-term y role-end), policies.csv (registros policy), cada fila de grants.csv (solicitante, fondo común, importe, propósito, regla, plazo, estado, decisión, recuentos decididos, pagado, gastado, devuelto, fin), cada voto de votes.csv (quién, cómo, cuándo, por qué, contado), y a quién nombra cada fila de contributors.csv (registros contribution); ningún voto puede venir del solicitante de la ayuda ni de un miembro que no era administrador ese día. Los tramos, las devoluciones y las aportaciones también se cotejan con journal.csv.
bundle-stated-rows = Declarado, no comprobable: las filas de abstención de votes.csv (por qué se abstuvo un administrador es una relación que los paquetes públicos no cuentan; el recuento de votos posibles de grants.csv se comprueba con ellas); el recuento de una ayuda todavía abierta al final del período (se comprueba con votes.csv); qué código de moneda es la moneda de una ayuda, los nombres y decimales de commodities.csv y el estado y los días de cierre de accounts.csv (las monedas y las cuentas no son registros de gobierno); el propósito y las pautas de pools.csv (los registros de los fondos comunes los guardan, los verificadores todavía no los comparan); el estado de purchases.csv y las unidades de purchase_items.csv (en records.csv, todavía no reproducidos); y todo texto mostrado solo como su compromiso.

bundle-heading-verify = Cómo verificarlo
bundle-verify-fondo = 1. Con fondo, sin conexión (no hace falta ninguna base de datos): ejecute `fondo verify --bundle` seguido de la ruta de este directorio. Comprueba todo lo que sigue, muestra cada hallazgo con su archivo y su línea, y termina con 0 cuando no hay ninguno y con 1 cuando hay hallazgos.
bundle-verify-script = 2. Con un script: `python3 scripts/verify_bundle.py` seguido de la ruta de este directorio, desde las fuentes de fondo, comprueba los resúmenes, las dos cadenas de hashes, los saldos y las filas derivadas de records.csv sin nada más que la biblioteca estándar de Python.
bundle-verify-hand = 3. A mano o con una hoja de cálculo:
bundle-step-digests = a. Resúmenes: `sha256sum *` (en Windows: `certutil -hashfile ARCHIVO SHA256`) debe dar, para cada archivo, el sha256 que indica MANIFEST.csv, y cada archivo CSV debe tener tantas filas después de su encabezado como dice MANIFEST.csv.
bundle-step-chain = b. La cadena de hashes: para cada transacción de journal.csv (sus filas seguidas con el mismo txn), escriba el array JSON ["fondo-txn-v1", prev_hash, date, description, payee, reference, REVERSES, [[account, commodity, amount, memo, pool], ... uno por fila]] con cada elemento como cadena de texto, compacto (sin espacios entre elementos), con los caracteres no ASCII tal cual; REVERSES está vacío o, para una anulación, es el hash de la transacción que nombra su columna reverses (antes en journal.csv o en reversed.csv). Su SHA-256 debe ser la columna hash. Una fila cuya columna form es fondo-txn-v2 se calcula en la forma v2: el primer elemento es "fondo-txn-v2" y cada texto (description, payee, reference, account, memo, pool) se sustituye por su compromiso, el SHA-256 de "fondo-text-v2", un byte 0, la sal de su columna de sal, un byte 0 y el texto (una columna de sal de 64 dígitos hexadecimales es el compromiso mismo; un texto vacío queda vacío). El primer prev_hash debe ser el journal_prev_hash de BUNDLE.csv, cada prev_hash siguiente el hash anterior, y el último hash el journal_last_hash. docs/hash-chain.md, en las fuentes de fondo, tiene ejemplos resueltos.
bundle-step-zero = c. Los importes de cada transacción suman cero por moneda.
bundle-step-balances = d. Saldos: sume los importes de journal.csv con fecha dentro del período por cuenta y moneda, los positivos y los negativos por separado; son los débitos y (como números positivos) los créditos de balances.csv, y apertura + débitos - créditos = cierre en cada fila. Todas las aperturas suman cero por moneda, y también todos los cierres.
bundle-step-pools = e. Fondos comunes: las sumas de la apertura y el cierre de todos los fondos comunes son iguales a las sumas de los saldos de apertura y cierre de las cuentas de activo y de pasivo, por moneda.
bundle-step-grants = f. Ayudas: los votos contados de votes.csv dan los consentimientos, las objeciones y las abstenciones de grants.csv, y su regla (de policies.csv) da su decisión; los tramos listados en payment_txns son los apuntes de gasto de la ayuda en journal.csv.
bundle-step-purchases = g. Compras: por compra, la columna charged de purchases.csv tiene exactamente los débitos a assets:purchases:receivable de su settle_txn en journal.csv (uno por grupo cobrado); el paid de cada grupo es la suma de los créditos a esa cuenta en sus pay_txns, y owed = charged - paid. Las unidades están por artículo en purchase_items.csv, cada una en la unidad de su artículo; el purchase y el group de cada fila tienen su fila en purchases.csv.

bundle-heading-ballots = Los votos firmados de quienes administran
bundle-ballots = Cada voto firmado cuya papeleta muestra este paquete está aquí en dos archivos: la papeleta y la firma SSH que le puso quien votó ({ $ballot } y { $signature }, donde N es el número del voto en records.csv); y { $signers } guarda todas las claves que registraron los miembros, con el número del miembro como nombre, válidas desde su registro hasta su revocación. Los dos son copias exactas de lo que guarda records.csv, y los verificadores los comparan. Para comprobar un voto solo con OpenSSH, en esta carpeta, con VOTER el número de la línea voter de la papeleta y TIME las cifras de su línea time (2026-07-02T18:00:00 es 20260702180000):
bundle-ballots-good = Imprime Good "{ $namespace }" signature for VOTER: la clave de ese miembro, vigente a la hora de la papeleta, firmó exactamente esa papeleta. votes.csv nombra al miembro como este público puede verlo.
bundle-heading-signature = La firma del fondo
bundle-signature = El fondo firmó MANIFEST.csv con su clave { $key }: { $signature } es una firma SSH (SSHSIG, espacio de nombres { $namespace }) de sus bytes exactos, y { $signers } da las claves públicas del fondo. Como MANIFEST.csv tiene el resumen de cada uno de los demás archivos, la firma cubre el paquete entero. Para comprobarla solo con OpenSSH, en este directorio:
bundle-signature-trust = Muestra Good "{ $namespace }" signature for { $signer } with ED25519 key { $key }. Eso solo muestra que el paquete concuerda consigo mismo: quien lo cambió podría haberlo vuelto a firmar con una clave propia y haber puesto esa clave en { $signers }. Así que consiga la clave del fondo del propio fondo (su huella se lee en la asamblea, y `fondo fund show` la muestra), póngala en un archivo, por ejemplo fund.pub, y compruebe con ella: `fondo verify --bundle DIR --signer-key fund.pub`, o con ssh-keygen como arriba después de escribir la línea `{ $signer } namespaces="{ $namespace }"` seguida de la clave de fund.pub en un archivo suyo y dar ese archivo a -f.

bundle-heading-files = Los archivos

# The descriptions of the files and their columns (FILES in src/audit/bundle/mod.rs).
bundle-file-bundle = Qué es este paquete: una fila por dato, como clave y valor. Las claves son format, fund, fund_id (el id que nombran sus papeletas), audience, period, from, to, journal_prev_hash, journal_last_hash, fingerprint, ledger_transactions, records_head, records_count (los registros de records.csv terminan en esta cabeza y son estos tantos) y generator (cada una se explica al principio de este README).
bundle-col-bundle-key = el nombre del dato
bundle-col-bundle-value = su valor
bundle-file-journal = El diario: una fila por apunte, en el orden en que se registraron las transacciones (el orden de la cadena), exactamente como lo escribe `fondo journal export`. Contiene todas las transacciones con fecha dentro del período y, para que la cadena de hashes no se rompa, las transacciones registradas entre medias con fecha fuera de él (no cuentan para las cifras del período).
bundle-col-journal-txn = el número de la transacción en las cuentas del fondo; las filas de una transacción están juntas
bundle-col-journal-date = la fecha de la transacción, AAAA-MM-DD
bundle-col-journal-description = qué es la transacción
bundle-col-journal-account = la cuenta de este apunte, por ejemplo assets:bank:usd
bundle-col-journal-amount = el importe del apunte, con exactamente los decimales de la moneda; positivo es un débito, negativo un crédito; cada transacción suma cero por moneda
bundle-col-journal-commodity = qué cuenta el importe: una moneda (USD) o una unidad en especie (HOURS)
bundle-col-journal-payee = quién pagó o cobró, si se registró (a menudo vacío)
bundle-col-journal-reference = una referencia bancaria, un número de recibo o de cheque (a menudo vacío)
bundle-col-journal-memo = una nota sobre este apunte (a menudo vacío)
bundle-col-journal-pool = el fondo común restringido al que pertenece un apunte de ingreso, gasto o patrimonio; vacío para el fondo común general y para todo apunte de activo o pasivo
bundle-col-journal-reverses = para una anulación: el txn que revierte (en este archivo o en reversed.csv); vacío en otro caso
bundle-col-journal-prev_hash = el hash de la transacción registrada justo antes de esta
bundle-col-journal-hash = el hash SHA-256 de esta transacción sobre su contenido y prev_hash (docs/hash-chain.md)
bundle-col-journal-form = la forma canónica del hash: fondo-txn-v1 (registrada antes de que el fondo cambiara) o fondo-txn-v2 (los campos de texto se calculan como compromisos con sal)
bundle-col-journal-description_salt = solo v2: la sal del compromiso de la descripción (32 dígitos hexadecimales); vacía para un texto vacío
bundle-col-journal-payee_salt = solo v2: la sal del compromiso del beneficiario
bundle-col-journal-reference_salt = solo v2: la sal del compromiso de la referencia
bundle-col-journal-memo_salt = solo v2: la sal del compromiso de la nota de este apunte
bundle-col-journal-account_salt = solo v2: la sal del compromiso del nombre de la cuenta, la misma en cada fila de la cuenta
bundle-col-journal-pool_salt = solo v2: la sal del compromiso del nombre del fondo común; vacía para el fondo común general
bundle-file-reversed = Transacciones anteriores a journal.csv que revierte una anulación de journal.csv, en las mismas columnas. El hash de una anulación cubre el hash de la transacción que revierte; estas filas permiten recalcular ese hash. Normalmente vacío.
bundle-file-accounts = Todas las cuentas del fondo, tal como estaban el último día del período.
bundle-col-accounts-account = el nombre completo de la cuenta
bundle-col-accounts-type = assets, liabilities, equity, income o expenses (activo, pasivo, patrimonio, ingresos o gastos: la primera parte del nombre)
bundle-col-accounts-status = open (abierta) o closed (cerrada)
bundle-col-accounts-closed_on = el día en que se cerró, si se cerró
bundle-col-accounts-note = la nota del tesorero sobre la cuenta (por ejemplo, qué cuenta bancaria es); solo en los paquetes del auditor, vacía en los demás
bundle-file-commodities = Todas las monedas: divisas y unidades en especie, con los decimales con que se escribe cada importe en ellas.
bundle-col-commodities-commodity = su código, por ejemplo USD o HOURS
bundle-col-commodities-decimals = cuántos decimales tienen sus importes
bundle-col-commodities-name = su nombre completo, si lo tiene
bundle-file-balances = El saldo de cada cuenta por moneda al principio y al final del período: apertura + débitos - créditos = cierre, y los débitos y los créditos son las sumas de los apuntes de journal.csv con fecha dentro del período. Todas las aperturas juntas suman cero por moneda, y también todos los cierres.
bundle-col-balances-account = la cuenta
bundle-col-balances-commodity = la moneda
bundle-col-balances-opening = el saldo al final del día anterior al comienzo del período (positivo: débito)
bundle-col-balances-debits = la suma de los apuntes positivos con fecha dentro del período
bundle-col-balances-credits = la suma de los apuntes negativos con fecha dentro del período, escrita como número positivo
bundle-col-balances-closing = el saldo al final del último día del período
bundle-file-pools = Lo que tenía cada fondo común al principio y al final del período, y cómo cambió, por moneda (una fila con los importes vacíos para un fondo común que nunca tuvo nada). Lo que tiene un fondo común está hecho de los apuntes de ingreso, gasto y patrimonio que llevan su nombre en la columna pool del diario (para el fondo común general: los que tienen la columna pool vacía). En cada fila, opening + contributions + moved_in - moved_out - spent + converted + other = closing, y available = closing - committed. Las aperturas (y los cierres) de todos los fondos comunes juntos son iguales al patrimonio neto del fondo: los saldos de todas las cuentas de activo y de pasivo.
bundle-col-pools-pool = el nombre del fondo común; general es todo lo que no está apartado en otro fondo común
bundle-col-pools-purpose = para qué lo apartó la comunidad
bundle-col-pools-guidelines = cómo deben usarse las ayudas que salen de él
bundle-col-pools-opening = lo que tenía al final del día anterior al comienzo del período
bundle-col-pools-contributions = ingresos abonados al fondo común dentro del período (menos los ingresos cargados)
bundle-col-pools-moved_in = lo traspasado desde otros fondos comunes dentro del período (créditos a equity:pools)
bundle-col-pools-moved_out = lo traspasado a otros fondos comunes dentro del período (débitos a equity:pools)
bundle-col-pools-spent = gastos cargados al fondo común dentro del período (tramos de ayudas, bienes entregados, costes), menos los reembolsos
bundle-col-pools-converted = cambios de divisa dentro del período (equity:conversions:…): lo recibido en esta moneda menos lo entregado
bundle-col-pools-other = otros asientos de patrimonio dentro del período (saldos de apertura y similares)
bundle-col-pools-closing = lo que tenía al final del último día del período
bundle-col-pools-committed = ayudas aprobadas todavía sin pagar al final del período: el dinero sigue ahí, pero reservado
bundle-col-pools-available = cierre menos lo comprometido
bundle-file-grants = Todas las ayudas solicitadas hasta el final del período que seguían abiertas o aprobadas cuando empezó (se omiten las ayudas terminadas antes del período), tal como estaban al final del período.
bundle-col-grants-grant = el id de la ayuda, por ejemplo G-0001
bundle-col-grants-applicant = quién la solicitó (tal como este público puede verlo)
bundle-col-grants-pool = el fondo común del que se paga
bundle-col-grants-commodity = la moneda solicitada
bundle-col-grants-amount = el importe solicitado (una aprobación compromete exactamente esto)
bundle-col-grants-purpose = para qué es
bundle-col-grants-category = la categoría de gasto, si se indicó
bundle-col-grants-needed_by = el día para el que se necesitaba, si se indicó
bundle-col-grants-applied_at = cuándo se hizo la solicitud, AAAA-MM-DDTHH:MM:SS
bundle-col-grants-policy_version = la versión de la política del fondo común vigente entonces (véase policies.csv)
bundle-col-grants-rule = la regla del tramo en el que cae su importe, en palabras, por ejemplo consent (3 consentimientos, ninguna objeción)
bundle-col-grants-window_closes = applied_at más el plazo del tramo: cuándo termina la votación
bundle-col-grants-status = open, approved, rejected, withdrawn o closed (abierta, aprobada, rechazada, retirada o cerrada) al final del período
bundle-col-grants-decision = approved o rejected (aprobada o rechazada), una vez decidida; vacía antes
bundle-col-grants-decided_at = cuándo se decidió
bundle-col-grants-expires = el último día en que el dinero sin pagar de una aprobación sigue comprometido, si se fijó
bundle-col-grants-consents = los consentimientos contados: en la decisión, o al final del período si sigue abierta (el último voto de cada administrador, hasta el cierre del plazo)
bundle-col-grants-objections = las objeciones contadas, del mismo modo
bundle-col-grants-abstentions = las abstenciones contadas, del mismo modo
bundle-col-grants-eligible = los administradores que podían votar entonces (en su mandato, sin abstención obligada), tal como lo registró la decisión
bundle-col-grants-explanation = por qué se decidió así, tal como lo escribió fondo en la decisión
bundle-col-grants-paid = los tramos pagados hasta el final del período
bundle-col-grants-paid_in_period = la parte de paid cuyos tramos tienen fecha dentro del período
bundle-col-grants-payment_txns = el txn de cada tramo pagado hasta el final del período, separados por espacios
bundle-col-grants-spent = el gasto que declaró quien recibió la ayuda hasta el final del período
bundle-col-grants-returned = el dinero que devolvió quien recibió la ayuda al cerrarla
bundle-col-grants-return_txn = el txn de esa devolución, si la hubo
bundle-col-grants-committed = para una ayuda aprobada y no cerrada: el importe menos lo pagado; si no, 0
bundle-col-grants-ended_at = cuándo se cerró o se retiró, si fue antes del final del período
bundle-col-grants-end_reason = por qué se cerró o se retiró
bundle-file-votes = Todos los votos emitidos sobre las ayudas de grants.csv hasta el final del período, cambios incluidos (un voto posterior del mismo administrador sustituye al anterior), y después una fila por cada administrador que tuvo que abstenerse.
bundle-col-votes-grant = la ayuda
bundle-col-votes-member = el administrador (tal como este público puede verlo)
bundle-col-votes-vote = consent, object o abstain (consentir, objetar o abstenerse); recused para un administrador que no podía votar
bundle-col-votes-at = cuándo se emitió el voto; para una abstención obligada, cuándo se contaron los votos
bundle-col-votes-reason = el motivo dado (una objeción siempre tiene uno); para una abstención obligada: el solicitante, o pariente del solicitante
bundle-col-votes-counted = yes para el último voto de cada administrador emitido antes de que se contaran los votos (la decisión, o el final del período, y nunca después del cierre del plazo); no en otro caso
bundle-file-policies = Todas las versiones de la política de decisión de cada fondo común fijadas hasta el final del período, una fila por tramo. Una solicitud cae en el tramo de su moneda con el límite (up_to) más bajo que la cubre, o si no en el tramo sin límite.
bundle-col-policies-pool = el fondo común
bundle-col-policies-version = el número de versión (1, 2, …)
bundle-col-policies-set_at = cuándo se fijó esta versión
bundle-col-policies-up_to = el mayor importe que decide el tramo; vacío: sin límite
bundle-col-policies-commodity = la moneda de up_to
bundle-col-policies-rule = consent, majority o lazy (consentimiento, mayoría o consentimiento tácito)
bundle-col-policies-min_consents = consent y lazy: los consentimientos necesarios (sin ninguna objeción)
bundle-col-policies-quorum = majority: cuántos administradores con derecho a voto deben votar
bundle-col-policies-threshold = majority: la proporción de consentimientos entre consentimientos y objeciones que hay que superar, por ejemplo 0.5
bundle-col-policies-window_minutes = cuánto tiempo sigue abierta la votación después de la solicitud
bundle-col-policies-reason = por qué la fijó la comunidad
bundle-file-roles = Todos los mandatos que empezaron hasta el final del período: tesoreros, administradores (que votan las ayudas) y miembros.
bundle-col-roles-member = quién (tal como este público puede verlo)
bundle-col-roles-role = treasurer, steward o member (tesorero, administrador o miembro)
bundle-col-roles-from = el primer día del mandato
bundle-col-roles-until = su último día; vacío mientras no tiene fin fijado
bundle-file-contributors = Todas las aportaciones con fecha dentro del período, en dinero y en especie, con quién las dio. Cada fila corresponde a los apuntes de ingreso de su txn en journal.csv.
bundle-col-contributors-txn = la transacción de la aportación en journal.csv
bundle-col-contributors-date = su fecha
bundle-col-contributors-contributor = quién la dio (tal como este público puede verlo); anonymous cuando quien la dio quedó en el anonimato
bundle-col-contributors-kind = money (dinero), goods (bienes en especie, guardados en existencias) o el tipo de servicio dado en especie (por ejemplo legal-assistance)
bundle-col-contributors-pool = el fondo común al que fue
bundle-col-contributors-amount = el importe abonado a ingresos
bundle-col-contributors-voided_by = el txn de la anulación que la canceló dentro del período, si la hubo
bundle-file-transfers = Todas las transferencias entre este fondo y otro con fecha dentro del período, dinero enviado o recibido, en el orden de la cadena. Cada fila es lo que dice su txn en journal.csv (referencia, beneficiario y apuntes); un hub empareja las filas de los dos fondos por transfer_id.
bundle-col-transfers-txn = la transacción de la transferencia en journal.csv
bundle-col-transfers-direction = sent (enviada) o received (recibida)
bundle-col-transfers-transfer_id = el identificador de la transferencia: el id del fondo que envía, un guion y su cuenta de transferencias (la referencia de la transacción)
bundle-col-transfers-counterpart_fund = el id del otro fondo (el beneficiario de la transacción)
bundle-col-transfers-amount = sent: el importe enviado; received: el importe que llegó
bundle-col-transfers-sent_amount = solo received: el importe que envió el otro fondo, tal como lo registró este (el mismo importe en una sola moneda)
bundle-col-transfers-sent_commodity = solo received: su moneda
bundle-col-transfers-rate = solo received en otra moneda: amount dividido por sent_amount, exacto
bundle-col-transfers-pool = el fondo común del que salió o al que fue el dinero; vacío para el fondo general
bundle-col-transfers-grant = solo received: la ayuda de este fondo que financia, si se nombró una
bundle-col-transfers-voided_by = el txn de la anulación que la revirtió dentro del período, si la hubo
bundle-file-records = Todos los registros de gobierno del fondo, desde el primero hasta la cabeza de los registros indicada en BUNDLE.csv, en el orden de la cadena (los registros se escriben a medida que pasan las cosas, así que incluye registros con fecha posterior al período; los demás archivos solo cuentan los que tienen fecha hasta su final). El hash de cada registro se recalcula a partir de su contenido y del hash anterior, desde el hash de génesis (64 ceros) hasta la cabeza de los registros. Cada campo de texto libre de un registro en la forma v2 se muestra como {"{"}"text", "salt"{"}"} donde este público puede verlo, o como {"{"}"redacted": compromiso{"}"} donde no puede (el nombre de un miembro añade "shown", el nombre o el seudónimo que usan los demás archivos); el hash se recalcula en ambos casos (docs/audit-format.md).
bundle-col-records-id = el número del registro, en el orden de la cadena
bundle-col-records-at = cuándo ocurrió (AAAA-MM-DDTHH:MM:SS) o, para un registro de auditoría, cuándo se introdujo (con una Z)
bundle-col-records-kind = qué registra: policy, vote, decision, member, role-term, …
bundle-col-records-grant = el número de la ayuda (7 para G-0007), o vacío
bundle-col-records-form = la forma canónica de su hash: fondo-record-v1 (el texto se calcula tal cual) o fondo-record-v2 (los campos de texto se calculan como compromisos con sal)
bundle-col-records-prev_hash = el hash del registro anterior
bundle-col-records-hash = su hash SHA-256 sobre su contenido y prev_hash (docs/hash-chain.md)
bundle-col-records-payload = su contenido, un objeto JSON, con las claves en el orden guardado; retenido para un registro v1 cuyo texto este público no puede ver (su hash queda entonces declarado, no comprobable)
bundle-file-purchases = Las compras en común abiertas dentro del período, en las que grupos de miembros compraron juntos a un proveedor: una fila por compra y grupo con su dinero, tal como estaban al final del último día del período, en el orden en que se abrieron las compras y en que los grupos pidieron por primera vez (las unidades están en purchase_items.csv, por artículo). Por compra, la columna charged suma los débitos a assets:purchases:receivable de la transacción de liquidación, y el paid de cada grupo los créditos de sus transacciones de pago. Declarado, no comprobable: el estado sale de los registros de gobierno de la compra, que records.csv contiene pero que los verificadores todavía no reproducen, y ningún apunte del diario nombra a un grupo.
bundle-col-purchases-purchase = el nombre de la compra
bundle-col-purchases-status = open, closed, settled o done (abierta, cerrada, liquidada o terminada), al final del período (declarado, no comprobable)
bundle-col-purchases-group = el grupo de miembros (un hogar, un colectivo) tal como este público puede verlo
bundle-col-purchases-currency = la moneda de la compra
bundle-col-purchases-charged = su parte de la factura y de los costes, después de la subvención del fondo; 0 antes de liquidar. La transacción de liquidación carga assets:purchases:receivable con exactamente un apunte por grupo cobrado
bundle-col-purchases-paid = lo que ha pagado de su parte: los créditos a assets:purchases:receivable de las transacciones de pay_txns
bundle-col-purchases-owed = charged - paid: lo que todavía debe al fondo
bundle-col-purchases-settle_txn = el txn de journal.csv que pagó al proveedor y cobró las partes; vacío antes de liquidar
bundle-col-purchases-pay_txns = los txn de journal.csv en los que pagó el grupo, separados por espacios
bundle-file-purchase_items = Las unidades de las compras en común de purchases.csv, por artículo: una fila por compra, grupo y artículo que pidió el grupo, en el orden de purchases.csv y después de los artículos de la compra, tal como estaban al final del último día del período. Cada artículo cuenta en su propia unidad (los kilos de arroz y las botellas de aceite nunca se suman). La compra y el grupo de cada fila tienen su fila en purchases.csv. Declarado, no comprobable: ordered, allocated y received salen de los registros de gobierno de la compra (sus pedidos, su cierre y sus entregas), que records.csv contiene pero que los verificadores todavía no reproducen.
bundle-col-purchase_items-purchase = el nombre de la compra, como en purchases.csv
bundle-col-purchase_items-group = el grupo de miembros, nombrado como en purchases.csv (que tiene su fila)
bundle-col-purchase_items-item = el artículo, tal como lo lista la compra
bundle-col-purchase_items-unit = la moneda en especie en la que se cuentan sus unidades (por ejemplo KG-RICE); vacía cuando el artículo no se guarda en existencias
bundle-col-purchase_items-ordered = las unidades de este artículo que pidió el grupo (declarado, no comprobable)
bundle-col-purchase_items-allocated = las unidades de este artículo que se le asignaron en cajas enteras al cerrar; 0 antes del cierre (declarado, no comprobable)
bundle-col-purchase_items-received = las unidades de este artículo que recibió de lo que llegó, después de reasignar una entrega incompleta; 0 antes de la entrega (declarado, no comprobable)
bundle-file-readme = Este archivo.
bundle-file-manifest = Todos los demás archivos con su número de filas (filas de datos después del encabezado para un archivo CSV; líneas para README.txt) y su resumen SHA-256. El resumen del propio MANIFEST.csv, que muestran `fondo export audit` y `fondo verify --bundle`, identifica el paquete entero.
bundle-col-manifest-file = el nombre del archivo
bundle-col-manifest-rows = su número de filas
bundle-col-manifest-sha256 = el SHA-256 de sus bytes, 64 dígitos hexadecimales en minúsculas
