# fondo: the bundle messages (es). Keys: the registry in the code that uses them
# (src/audit/bundle/readme.rs); the descriptions of files and columns follow,
# as bundle-file-FILE and bundle-col-FILE-COLUMN (src/audit/bundle/mod.rs has
# the English). Names of files, columns, keys and commands stay as they are.

bundle-title = Paquete de auditoría de { $fund }
bundle-intro = Este directorio es un paquete de auditoría de las cuentas de { $fund }, escrito por { $generator }. Cualquiera puede comprobarlo sin la base de datos del fondo: todos los archivos menos este son CSV simple (UTF-8, separado por comas, con comillas donde hace falta, una línea de encabezado), y MANIFEST.csv da cada archivo con su número de filas y su resumen SHA-256.

bundle-heading-covers = Qué abarca
bundle-period = Período: { $period }, del { $from } al { $to } (ambos días incluidos).
bundle-standing-open = Las cuentas de { $period } no están cerradas: todavía se pueden añadir asientos con fecha dentro de él.
bundle-standing-closed = Las cuentas de { $period } se cerraron el { $at } (registro { $record }): { $reason }.
bundle-standing-reopening = el { $at } (registro { $record }): { $reason }
bundle-standing-reopening-more = { $earlier }; y el { $at } (registro { $record }): { $reason }
bundle-standing-reopened-before = { $closed } Antes de eso, se reabrieron { $earlier }.
bundle-standing-reopened = { $closed } Se reabrieron el { $at } (registro { $record }): { $reason }; se pueden añadir asientos con fecha en { $period } hasta que se vuelvan a cerrar.

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
bundle-redacted-hidden = Qué se ocultó: en journal.csv, reversed.csv y records.csv, que están encadenados por hash, no se muestra un texto libre (una descripción, beneficiario, referencia, nota, propósito, motivo, el nombre propio de un miembro oculto, un contacto o una nota privada) que este público no puede ver. journal.csv lo muestra como la palabra redacted con, en su columna de sal, el compromiso del texto (64 dígitos hexadecimales) en lugar de la sal (32); records.csv muestra {"{"}"redacted": compromiso{"}"}. Las filas en la forma v2 calculan el hash de cada texto solo a través de su compromiso, así que cada hash se sigue recalculando sin conexión y la cadena sigue llegando a la huella y a la cabeza de los registros. Los importes, las fechas, las cuentas y los fondos comunes nunca se ocultan, así que cada total sigue cuadrando. Las filas registradas antes de que el fondo pasara a la forma v2 calculan el hash del texto mismo: en journal.csv se muestran tal como se registraron (la exportación avisó al tesorero de cualquier nombre oculto en ellas), y en records.csv se retiene el contenido de ese registro (se indica su hash). Los nombres de las cuentas y de los fondos comunes se muestran tal como se registraron.
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

bundle-heading-signature = La firma del fondo
bundle-signature = El fondo firmó MANIFEST.csv con su clave { $key }: { $signature } es una firma SSH (SSHSIG, espacio de nombres { $namespace }) de sus bytes exactos, y { $signers } da las claves públicas del fondo. Como MANIFEST.csv tiene el resumen de cada uno de los demás archivos, la firma cubre el paquete entero. Para comprobarla solo con OpenSSH, en este directorio:
bundle-signature-trust = Muestra Good "{ $namespace }" signature for { $signer } with ED25519 key { $key }. Eso solo muestra que el paquete concuerda consigo mismo: quien lo cambió podría haberlo vuelto a firmar con una clave propia y haber puesto esa clave en { $signers }. Así que consiga la clave del fondo del propio fondo (su huella se lee en la asamblea, y `fondo fund show` la muestra), póngala en un archivo, por ejemplo fund.pub, y compruebe con ella: `fondo verify --bundle DIR --signer-key fund.pub`, o con ssh-keygen como arriba después de escribir la línea `{ $signer } namespaces="{ $namespace }"` seguida de la clave de fund.pub en un archivo suyo y dar ese archivo a -f.

bundle-heading-files = Los archivos
