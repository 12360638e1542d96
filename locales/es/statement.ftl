# fondo: the statement messages (es). Keys: the registry in the code that uses them.
# El agradecimiento y recibo de un miembro: lo que aportó en un periodo y para qué sirvió.

statement-title = { $fund }: resumen de { $member }, { $period }
statement-heading = Gracias, { $member }
statement-subtitle = Lo que aportaste a { $fund } { $span }, y para qué sirvió
statement-span-days = del { $from } al { $to }
statement-span-period = en { $period } ({ $days })
statement-gave-heading = Lo que aportaste
statement-gave = { $n ->
    [one] Aportaste { $amounts } en una contribución.
   *[other] Aportaste { $amounts } en { $n } contribuciones.
}
statement-gave-none = En este periodo no hay ninguna contribución tuya anotada.
statement-given-money = dinero
statement-given-services = trabajo en especie
statement-given-goods = bienes en especie
statement-given-kind = { $given } ({ $kind })
statement-totals-heading = Totales
statement-pledges-heading = Tus compromisos
statement-pledge-kept = cumplido
statement-pledge-short = falta
statement-pledges-none = En este periodo no tienes ningún compromiso en curso.
statement-any-pool = cualquiera
statement-did-heading = Para qué sirvió
statement-did-none = En este periodo tu apoyo no fue a ningún fondo común.
statement-did-paid = Tu apoyo fue a { $pools }. En este periodo se pagaron de ahí estas ayudas (aquí no se nombra a nadie):
statement-did-waiting = Tu apoyo fue a { $pools }. En este periodo todavía no se pagó ninguna ayuda de ahí; el dinero sigue guardado para lo que se reunió.
statement-received-heading = Ayudas que recibiste
statement-receipt-heading = Recibo
statement-receipt = Este resumen es un recibo de lo que { $fund } anotó como aportado por { $member } { $span }. Se hizo con los libros del fondo, cuyas huellas están abajo; cualquiera que tenga un paquete de auditoría del fondo puede compararlas.
statement-fingerprint = Huella del libro de cuentas
statement-records-head = Último registro de las decisiones
statement-footer = Hecho por fondo con los libros del fondo (fondo member statement).
statement-col-date = Fecha
statement-col-what = Qué
statement-col-pool = Fondo común
statement-col-commodity = Moneda o unidad
statement-col-amount = Cantidad
statement-col-period = Periodo
statement-col-pledged = Comprometido
statement-col-received = Recibido
statement-col-kept = Cumplido
statement-col-purpose = Para qué
statement-col-grants = Ayudas pagadas
statement-col-paid = Pagado
statement-col-grant = Ayuda
statement-col-paid-to-you = Pagado a ti
