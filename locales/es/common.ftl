# Los mensajes de fondo en español.

amount = { $amount } { $commodity }
list-last = { $init } y { $last }
days = { $n ->
    [one] { $n } día
   *[other] { $n } días
}
