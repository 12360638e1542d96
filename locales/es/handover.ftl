# fondo: the handover messages (es). Keys: the registry in the code that uses them.
# Una lista de tareas y el estado de los libros, para quien toma la tesorería.

handover-title = { $fund }: entrega de la tesorería, { $day }
handover-heading = Entrega de los libros de { $fund }
handover-subtitle = Los libros tal como están al final del día { $day }, para la persona que toma la tesorería
handover-footer = Hecho por fondo con los libros del fondo (fondo handover). Cada cifra sale de los mismos libros que fondo balance, pool list, grant list, pledge status y role list.
handover-checklist-heading = Tu primera semana
handover-checklist-item = { $n }. { $item }
handover-check-verify = Pasa fondo verify sobre los libros que te dieron: no debe encontrar nada y debe terminar con la huella { $fingerprint }.
handover-check-backup = Guarda la copia { $backup } en otro sitio que no sea el ordenador donde están los libros; prueba a restaurarla una vez (fondo restore) para saber cómo se hace.
handover-check-role = Asume el cargo de tesorería: el periodo de quien se va termina (fondo role end) y empieza el tuyo (fondo role assign).
handover-check-reconcile = Cuadra cada cuenta del banco con su extracto: los saldos de abajo deben coincidir con lo que dice el banco.
handover-check-decide = { $n ->
    [one] Decide con las personas administradoras la ayuda que espera una decisión (fondo grant decide).
   *[other] Decide con las personas administradoras las { $n } ayudas que esperan una decisión (fondo grant decide).
}
handover-check-pay = { $n ->
    [one] Paga, o acuerda cuándo pagar, la ayuda aprobada y no pagada del todo (fondo grant pay).
   *[other] Paga, o acuerda cuándo pagar, las { $n } ayudas aprobadas y no pagadas del todo (fondo grant pay).
}
handover-check-reports = { $n ->
    [one] Pide las cuentas de gastos de la ayuda pagada y no justificada del todo (fondo grant spend).
   *[other] Pide las cuentas de gastos de las { $n } ayudas pagadas y no justificadas del todo (fondo grant spend).
}
handover-check-pledges = { $n ->
    [one] Habla con quien tiene el compromiso atrasado; termina los que ya no siguen (fondo pledge end).
   *[other] Habla con quienes tienen los { $n } compromisos atrasados; termina los que ya no siguen (fondo pledge end).
}
handover-check-roles = { $n ->
    [one] Busca quién asume el cargo que termina pronto, antes de que termine (fondo role assign).
   *[other] Busca quién asume los { $n } cargos que terminan pronto, antes de que terminen (fondo role assign).
}
handover-check-doctor = Pasa fondo doctor: te dice qué más está pendiente.
handover-balances-heading = Saldo de cada cuenta (lo que se tiene y lo que se debe)
handover-pools-heading = Fondos comunes: lo que tienen, lo comprometido y lo disponible
handover-grants-heading = Ayudas pendientes
handover-grants-none = Ninguna ayuda espera votos, una decisión, un pago o las cuentas de gastos.
handover-waiting-votes = votos (votación abierta)
handover-waiting-decision = una decisión
handover-waiting-payment = un pago
handover-waiting-report = las cuentas de gastos
handover-pledges-heading = Compromisos atrasados
handover-pledges-none = Todos los compromisos están cumplidos en los periodos ya terminados.
handover-milestones-heading = Cuadre con el banco y cierre de periodo
handover-milestone = { $kind ->
    [reconciliation] Último cuadre con el banco
    [period-close] Último cierre de periodo
   *[other] { $kind }
}
handover-milestone-none = { $milestone }: no hay nada anotado.
handover-milestone-at = { $milestone }: { $at }.
handover-milestone-at-detail = { $milestone }: { $at } ({ $detail }).
handover-roles-heading = Cargos que terminan pronto
handover-roles-none = { $days ->
    [one] Ningún cargo termina mañana.
   *[other] Ningún cargo termina en los próximos { $days } días.
}
handover-role = { $role ->
    [treasurer] tesorería
    [steward] administración
    [member] miembro
   *[other] { $role }
}
handover-books-heading = Los libros y su copia
handover-books = El diario tiene { $transactions ->
    [one] { $transactions } movimiento
   *[other] { $transactions } movimientos
} y el registro de decisiones { $records ->
    [one] { $records } registro
   *[other] { $records } registros
}. Sus huellas de abajo son las que muestra fondo verify; apúntalas.
handover-fingerprint = Huella del libro de cuentas
handover-records-head = Último registro de las decisiones
handover-backup-verified = Hay una copia de los libros en { $file }, junto a esta página; se comprobó al hacerla: todo en orden.
handover-backup-findings = Hay una copia de los libros en { $file }, junto a esta página; al comprobarla se { $n ->
    [one] encontró { $n } problema
   *[other] encontraron { $n } problemas
}: pasa fondo verify sobre ella antes de fiarte.
handover-col-account = Cuenta
handover-col-commodity = Moneda o unidad
handover-col-balance = Saldo
handover-col-pool = Fondo común
handover-col-held = Tiene
handover-col-committed = Comprometido
handover-col-available = Disponible
handover-col-grant = Ayuda
handover-col-applicant = Solicitante
handover-col-amount = Cantidad
handover-col-waiting = Espera
handover-col-left = Queda
handover-col-pledge = Compromiso
handover-col-member = Miembro
handover-col-periods = Periodos atrasados
handover-col-short = Falta
handover-col-role = Cargo
handover-col-ends = Último día
