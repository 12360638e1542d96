# Les messages de fondo en français.

amount = { $amount } { $commodity }
list-last = { $init } et { $last }
days = { $n ->
    [one] { $n } jour
   *[other] { $n } jours
}
