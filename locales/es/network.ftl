# fondo: the network page's messages (es). Keys: the registry in the code that uses them.
# La página del foro abierto de una red: sus cifras, las de cada fondo miembro y las transferencias entre ellos.

network-title = { $hub }: foro de la red, { $period }
network-subtitle = { $n ->
    [one] Un fondo miembro, { $span }
   *[other] { $n } fondos miembros, { $span }
}
network-span-days = del { $from } al { $to }
network-span-period = { $period } ({ $days })
network-summary-heading = La red
network-summary-intro = El dinero que un fondo miembro envió a otro no entra en las cifras de la red (aparece en la sección de cada fondo), así nada se cuenta dos veces; el dinero con fondos de fuera de la red sí entra.
network-funds-heading = Los fondos miembros
network-fund-bundle = Según el paquete de auditoría firmado del fondo para { $period }, tal como el nodo lo comprobó.
network-fund-none = Ningún paquete de este fondo cubre el periodo.
network-fingerprint = Huella de las cuentas del fondo
network-manifest = El manifiesto del paquete (SHA-256)
network-transfers-heading = Transferencias entre fondos
network-transfers-intro = { $n ->
    [one] Una transferencia, cada lado tal como lo publicó su fondo
   *[other] { $n } transferencias, cada lado tal como lo publicó su fondo
}; { $open ->
    [0] ninguna necesita revisión.
    [one] una necesita revisión.
   *[other] { $open } necesitan revisión.
}
network-transfers-none = No hubo transferencias entre fondos en este periodo.
network-footer = Cada cifra de esta página viene del paquete de auditoría firmado de un fondo miembro; cualquiera puede comprobar un paquete con fondo verify --bundle.
network-col-section = Sección
network-col-item = Qué
network-col-pool = Bolsa
network-col-commodity = Moneda o bien
network-col-amount = Importe
network-col-transfer = Transferencia
network-col-status = Estado
network-col-sender = De
network-col-receiver = A
network-col-sent = Enviado
network-col-received = Recibido
network-section-inflow = entró
network-section-outflow = salió
network-section-eliminated = entre fondos miembros
network-section-closing = disponible al final
network-item-contributions = aportaciones
network-item-goods-in-kind = bienes en especie
network-item-services-in-kind = trabajo en especie
network-item-other-income = otros ingresos
network-item-from-members = transferencias de fondos miembros
network-item-from-others = transferencias de otros fondos
network-item-grants = ayudas pagadas
network-item-goods-given-out = bienes repartidos
network-item-services-used = trabajo en especie usado
network-item-operating-costs = gastos de funcionamiento
network-item-to-members = transferencias a fondos miembros
network-item-to-others = transferencias a otros fondos
network-item-held = disponible
network-general = general
network-status-matched = cuadra
network-status-within-tolerance = cuadra dentro de la tolerancia
network-status-in-transit = en tránsito
network-status-outside = con un fondo de fuera de la red
network-status-one-sided = solo un lado
network-status-conflicting = los dos lados difieren
network-status-received-twice = recibida dos veces
network-metrics-heading = Cómo funciona la red
network-metrics-intro = En todos los fondos miembros: cuánto del dinero aportado vino de quienes más dieron (los aportantes de cada fondo se cuentan por separado y cada aportación anónima como una persona), cuánto del dinero que salió fue a ayudas, y cuánto tardaron las decisiones y los primeros pagos.
network-col-metric = Medida
network-col-value = Valor
network-unit-percent = %
network-unit-days = días
network-metric-top-share = parte del mayor aportante
network-metric-top-five-share = parte de los cinco mayores aportantes
network-metric-herfindahl = concentración de las aportaciones (índice de Herfindahl, de 0 a 1)
network-metric-grants-share = parte del dinero que salió que fue a ayudas
network-metric-decision-median = días de la solicitud a la decisión, mediana
network-metric-decision-p90 = días de la solicitud a la decisión, percentil 90
network-metric-payment-median = días de la decisión al primer pago, mediana
network-metric-payment-p90 = días de la decisión al primer pago, percentil 90
