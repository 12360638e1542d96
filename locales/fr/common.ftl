# Les messages de fondo en français.

amount = { $amount } { $commodity }
list-last = { $init } et { $last }
quarter = { $n ->
    [one] 1er
   *[other] { $n }e
} trimestre { $year }
days = { $n ->
    [one] { $n } jour
   *[other] { $n } jours
}
