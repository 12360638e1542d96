# As mensagens do fondo em português.

amount = { $amount } { $commodity }
list-last = { $init } e { $last }
quarter = { $n }.º trimestre de { $year }
days = { $n ->
    [one] { $n } dia
   *[other] { $n } dias
}
