# As mensagens do fondo em português.

amount = { $amount } { $commodity }
list-last = { $init } e { $last }
days = { $n ->
    [one] { $n } dia
   *[other] { $n } dias
}
