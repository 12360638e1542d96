# Los mensajes de fondo en español.

amount = { $amount } { $commodity }
list-last = { $init } y { $last }
quarter = { $n }.º trimestre de { $year }
days = { $n ->
    [one] { $n } día
   *[other] { $n } días
}
