# fondo's messages in English. One message per key of the registry in
# src/render/i18n/keys.rs; see docs/forum.md for adding a language.

amount = { $amount } { $commodity }
list-last = { $init } and { $last }
quarter = { $year }-Q{ $n }
days = { $n ->
    [one] { $n } day
   *[other] { $n } days
}
