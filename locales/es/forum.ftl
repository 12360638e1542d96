# fondo: los mensajes de la página del foro (es). Claves: el registro del
# código que los usa (src/report/forum/messages.rs). Las cifras llegan ya
# escritas para leer; un mensaje que empieza por coma, dos puntos o punto y
# coma se añade al anterior.

forum-title = { $fund }: { $subtitle }
forum-subtitle = Informe para el foro abierto, { $span }, { $audience }
forum-span-named = { $label }, del { $from } al { $to }
forum-span-days = del { $from } al { $to }
forum-audience-public = para el público: quienes pidieron no ser nombrados aparecen con un seudónimo
forum-audience-members = para los miembros: quienes aportan de forma anónima aparecen con un seudónimo
forum-audience-treasurer = para tesorería: se ven todos los nombres
forum-audience-auditor = para la auditoría: se ven todos los nombres, pero no los datos de contacto
forum-footer = Hecho por fondo con los libros del fondo. Todas las cifras salen de los informes del periodo: fondo report summary, pools, grants, purchases, budget y metrics para { $period }.
forum-missing = –

## Títulos de columna

forum-col-what = Qué
forum-col-how-many = Cuántos
forum-col-detail = Detalle
forum-col-amount = Importe
forum-col-pool = Bolsa
forum-col-commodity = Moneda o bien
forum-col-category = Categoría
forum-col-opening = Al inicio
forum-col-contributions = Aportes
forum-col-moved-in = Entró de otras bolsas
forum-col-moved-out = Salió a otras bolsas
forum-col-spent = Gastado
forum-col-exchanged = Cambio de moneda
forum-col-other = Otros
forum-col-closing = Al cierre
forum-col-committed = Comprometido
forum-col-available = Disponible
forum-col-month = Mes
forum-col-in = Entró
forum-col-out = Salió
forum-col-grant = Ayuda
forum-col-applicant = Quién la pidió
forum-col-requested = Pedido
forum-col-paid = Pagado
forum-col-reported-spent = Gastado según lo informado
forum-col-status = Estado
forum-col-decision = Cómo se decidió
forum-col-purchase = Compra
forum-col-who = Quién debe
forum-col-whom = A quién
forum-col-charged = Cobrado
forum-col-owed = Todavía se debe
forum-col-saved = Ahorro frente a comprar por su cuenta
forum-col-period = Periodo
forum-col-budget = Presupuesto
forum-col-left = Queda
forum-col-used = Usado
forum-col-metric = Indicador
forum-col-this-period = Este periodo
forum-col-previous = El anterior
forum-col-change = Cambio
forum-col-basis = Calculado sobre

## El resumen

forum-summary-heading = El periodo en pocas palabras
forum-received = Del { $from } al { $to }, { $fund } recibió { $received }.
forum-received-gifts = Del { $from } al { $to }, { $fund } recibió { $received }: { $gifts } en total, de { $named } y { $anonymous }.
forum-received-none = ningún aporte en dinero
forum-received-money = { $amounts } en aportes
forum-standing-open = Los libros del periodo { $period } no están cerrados: todavía se pueden añadir movimientos con fecha dentro de ese periodo.
forum-standing-closed = Los libros del periodo { $period } se cerraron el { $at } (registro { $record }): { $reason }.
forum-standing-reopening = el { $at } (registro { $record }): { $reason }
forum-standing-and = { $before }; y { $next }
forum-standing-reopened-before = Antes de eso, se reabrieron { $reopenings }.
forum-standing-reopened-now = Se reabrieron el { $at } (registro { $record }): { $reason }; se pueden añadir movimientos con fecha en el periodo { $period } hasta que se vuelvan a cerrar.
forum-contributions = { $n ->
    [one] { $n } aporte
   *[other] { $n } aportes
}
forum-named-contributors = { $n ->
    [one] { $n } persona con nombre
   *[other] { $n } personas con nombre
}
forum-anonymous-gifts = { $n ->
    [one] { $n } aporte anónimo
   *[other] { $n } aportes anónimos
}
forum-in-kind = También se recibió ayuda en especie: { $list }.
forum-of-services = { $amounts } de servicios
forum-of-goods = { $amounts } de bienes
forum-paid-nothing = No se pagó ninguna ayuda y no hubo gastos de funcionamiento
forum-paid-grants = El fondo pagó { $grants } en ayudas
forum-paid-costs = El fondo no pagó ayudas y gastó { $costs } en su funcionamiento
forum-paid-both = El fondo pagó { $grants } en ayudas y { $costs } en gastos de funcionamiento
forum-gave-out = , y repartió { $amounts } de lo que tenía guardado
forum-came-back = Volvieron { $amounts } de ayudas que no se gastaron.
forum-grants-over-period = { $applied ->
    [one] Se pidió { $applied } ayuda
   *[other] Se pidieron { $applied } ayudas
}. En el periodo, ayudas aprobadas: { $approved }; rechazadas: { $rejected }; retiradas: { $withdrawn }. { $paid ->
    [one] { $paid } ayuda recibió un pago
   *[other] { $paid } ayudas recibieron un pago
} y { $closed ->
    [one] { $closed } quedó cerrada
   *[other] { $closed } quedaron cerradas
}.
forum-moved-between-pools = { $amounts } pasaron de una bolsa a otra
forum-exchanged = los cambios de moneda convirtieron { $from } en { $into }
forum-within = Dentro del fondo, { $list }.
forum-no-money = ningún dinero
forum-held = Al cierre, lo que había en sus bolsas: { $money }
forum-held-stock = Al cierre, lo que había en sus bolsas: { $money }, y { $stock } en existencias
forum-none-committed = ; nada de eso estaba comprometido para ayudas todavía sin pagar.
forum-committed = ; de eso, { $amounts } estaba comprometido para ayudas aprobadas que todavía no se pagaron.

## Las bolsas

forum-pools-heading = Lo que tiene cada bolsa
forum-pools-intro = Por bolsa y por moneda o bien, del { $from } al { $to }: lo que había al inicio, más los aportes y lo que entró de otras bolsas, menos lo que salió a otras bolsas y lo que se gastó, más los cambios de moneda y otros movimientos, da lo que hay al cierre. El dinero comprometido está prometido a ayudas aprobadas que todavía no se pagaron; el resto está disponible.

## El dinero que entra y sale

forum-flows-heading = El dinero que entra y sale
forum-flows-intro = El dinero que entró (aportes) y el que salió (ayudas pagadas y gastos de funcionamiento), mes a mes y por moneda; lo que pasa de una bolsa a otra y los cambios de moneda no cuentan ni como entrada ni como salida.
forum-chart-in = entró
forum-chart-out = salió
forum-chart-bar-in = { $month }, entró: { $amount }
forum-chart-bar-out = { $month }, salió: { $amount }
forum-chart-month = { $month }: entró { $inflow }, salió { $outflow }
forum-chart-description = Dinero que entró y salió cada mes, en { $commodity }: { $months }
forum-flows-subheading = Todo lo que entró, salió o se movió
forum-came-in = entró
forum-went-out = salió
forum-moved-within = se movió dentro

## Las ayudas

forum-grants-heading = Ayudas
forum-grants-intro = Cada ayuda pedida hasta el { $to } que no estaba cerrada antes del { $from }, tal como estaba al cierre, con la regla de la bolsa con la que se decidió y los votos de las personas responsables tal como se contaron al decidir.
forum-rule-consent = { $n ->
    [one] consentimiento ({ $n } a favor, sin objeciones)
   *[other] consentimiento ({ $n } a favor, sin objeciones)
}
forum-rule-majority = mayoría (quórum de { $quorum }, más de { $threshold } a favor)
forum-rule-lazy = { $n ->
    [0] consenso tácito (sin objeciones)
    [one] consenso tácito (sin objeciones, { $n } a favor)
   *[other] consenso tácito (sin objeciones, { $n } a favor)
}
forum-votes = a favor: { $consent }, en contra: { $object }, abstenciones: { $abstain }, se apartaron: { $recused }
forum-decided-withdrawn = Retirada antes de decidirse; la regla era { $rule }.
forum-decided-open = Sigue abierta con la regla { $rule }; por ahora, { $votes }.
forum-decided-rejected = Rechazada el { $on } con la regla { $rule }: { $votes }.
forum-decided-approved = Aprobada el { $on } con la regla { $rule }: { $votes }.
forum-decided-after = Se decidió { $days } después de pedirla.
forum-decided-paid-same-day = Se decidió { $days } después de pedirla, y el primer pago fue el mismo día.
forum-decided-paid-later = Se decidió { $days } después de pedirla, y el primer pago llegó { $later } después.
forum-returned = Volvieron { $amount }.

## Las compras conjuntas

forum-purchases-heading = Compras conjuntas
forum-purchases-intro = Compras abiertas del { $from } al { $to } en las que grupos de miembros compraron juntos, por cajas, a un mismo proveedor. Para cada grupo: su parte de la factura y de los gastos, después de lo que pone el fondo, lo que ya pagó y lo que todavía debe al fondo, y lo que ahorró frente a los precios que pagaría comprando por su cuenta; después, lo que el fondo debe al proveedor. Los grupos aparecen igual que los miembros en el resto de esta página.
forum-no-purchases = En el periodo no se abrió ninguna compra conjunta.
forum-purchases = { $purchases ->
    [one] { $purchases } compra conjunta
   *[other] { $purchases } compras conjuntas
}, con { $orders ->
    [one] { $orders } pedido de grupo
   *[other] { $orders } pedidos de grupos
}
forum-purchases-saved = : los grupos ahorraron { $amounts } frente a comprar cada uno por su cuenta
forum-purchases-owed = ; lo que todavía deben al fondo: { $groups }; lo que el fondo debe a sus proveedores: { $fund }.
forum-nothing = nada
forum-the-fund = el fondo

## El gasto por categoría

forum-spending-heading = El gasto por categoría
forum-spending-intro = Lo que gastó cada bolsa en cada categoría (categorías de ayudas, cuentas de gastos de funcionamiento, bienes repartidos y servicios usados), al lado del presupuesto cuando la comunidad fijó uno para el periodo.
forum-no-budget = sin presupuesto
forum-percent = { $value } %
forum-points = { $change } puntos

## Rendir cuentas

forum-metrics-heading = Rendir cuentas
forum-metrics-intro = Las cifras que una red de apoyo mutuo pide a un fondo, para este periodo y el anterior ({ $previous }).
forum-basis-contributors = { $n ->
    [one] { $n } persona que aportó
   *[other] { $n } personas que aportaron
}
forum-basis-money-out = { $out } de dinero que salió
forum-basis-money-out-back = { $out } de dinero que salió; volvieron { $back } de ayudas
forum-basis-decisions = { $n ->
    [one] { $n } decisión
   *[other] { $n } decisiones
}
forum-basis-first-payments = { $n ->
    [one] { $n } primer pago
   *[other] { $n } primeros pagos
}
forum-basis-votes = { $votes ->
    [one] { $votes } voto
   *[other] { $votes } votos
} de { $eligible } posibles en { $decisions ->
    [one] { $decisions } decisión
   *[other] { $decisions } decisiones
}
forum-basis-pledge-periods = { $n ->
    [one] { $n } periodo de aportes prometidos
   *[other] { $n } periodos de aportes prometidos
} (cada periodo cuenta hasta lo prometido)
forum-basis-terms-held = { $n ->
    [one] { $n } cargo ejercido
   *[other] { $n } cargos ejercidos
}

## La huella

forum-fingerprint-heading = Huella
forum-fingerprint-intro = Los libros son una cadena de hashes: cambiar, quitar o cambiar de orden cualquier cosa de su historia cambia la huella. El paquete de auditoría que se entrega con este informe da la misma huella en su README.txt; comprueben que las dos coinciden, y después comprueben el paquete con el comando fondo verify --bundle DIR, o a mano como explica su README.txt.
forum-ledger-hash = Huella del libro contable (el hash de cabeza del diario), después de { $n ->
    [one] { $n } transacción
   *[other] { $n } transacciones
}
forum-manifest-hash = Paquete de auditoría del periodo: SHA-256 de su MANIFEST.csv
forum-records-hash = Cabeza de los registros de decisiones, después de { $n ->
    [one] { $n } registro
   *[other] { $n } registros
}

## Palabras de las filas de los informes: partidas del resumen, indicadores, estados

forum-item-contributions = aportes
forum-item-anonymous-contributions = aportes anónimos
forum-item-named-contributors = personas con nombre que aportaron
forum-item-grants-applied-for = ayudas pedidas
forum-item-grants-approved = ayudas aprobadas
forum-item-grants-rejected = ayudas rechazadas
forum-item-grants-withdrawn = ayudas retiradas
forum-item-grants-with-a-payment = ayudas con algún pago
forum-item-grants-closed = ayudas cerradas
forum-item-goods-in-kind = bienes en especie
forum-item-services-in-kind = servicios en especie
forum-item-goods-given-out = bienes repartidos
forum-item-grants-paid = ayudas pagadas
forum-item-operating-costs = gastos de funcionamiento
forum-item-services-in-kind-used = servicios en especie usados
forum-item-currency-conversions = cambios de moneda
forum-item-moved-in-from-other-pools = entró de otras bolsas
forum-item-moved-out-to-other-pools = salió a otras bolsas
forum-metric-top-contributor-share = parte de quien más aportó
forum-metric-top-5-contributors-share = parte de las 5 personas que más aportaron
forum-metric-herfindahl-index = índice de Herfindahl (concentración de los aportes)
forum-metric-grants-share = parte de las ayudas en el dinero que salió
forum-metric-operating-costs-share = parte de los gastos de funcionamiento en el dinero que salió
forum-metric-median-days-to-decision = días hasta la decisión (mediana)
forum-metric-p90-days-to-decision = días hasta la decisión (percentil 90)
forum-metric-median-days-to-payment = días hasta el primer pago (mediana)
forum-metric-p90-days-to-payment = días hasta el primer pago (percentil 90)
forum-metric-participation = participación en las votaciones
forum-metric-goods-received = bienes en especie recibidos
forum-metric-services-received = servicios en especie recibidos
forum-metric-pledge-fulfilment = cumplimiento de los aportes prometidos
forum-metric-role-terms-past-limit = cargos que pasaron del límite de tiempo
forum-status-open = abierta
forum-status-approved = aprobada
forum-status-rejected = rechazada
forum-status-withdrawn = retirada
forum-status-closed = cerrada
forum-purchase-open = abierta
forum-purchase-closed = cerrada
forum-purchase-settled = saldada
forum-purchase-done = terminada
