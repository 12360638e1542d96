//! Well-known currency codes (ISO 4217) and their decimal places.
//!
//! A fund may use these without declaring them: the first time one is used it
//! is added to the fund's commodities with the places listed here. Anything
//! else (in-kind units such as `HOURS` or `KG-RICE`, or a currency missing
//! here) is declared with `fondo commodity add`.

/// (code, decimal places, name) for common active ISO 4217 currencies.
const KNOWN: &[(&str, u32, &str)] = &[
    ("AED", 2, "UAE dirham"),
    ("ARS", 2, "Argentine peso"),
    ("AUD", 2, "Australian dollar"),
    ("BDT", 2, "Bangladeshi taka"),
    ("BGN", 2, "Bulgarian lev"),
    ("BHD", 3, "Bahraini dinar"),
    ("BOB", 2, "Bolivian boliviano"),
    ("BRL", 2, "Brazilian real"),
    ("CAD", 2, "Canadian dollar"),
    ("CHF", 2, "Swiss franc"),
    ("CLP", 0, "Chilean peso"),
    ("CNY", 2, "Chinese yuan"),
    ("COP", 2, "Colombian peso"),
    ("CRC", 2, "Costa Rican colón"),
    ("CZK", 2, "Czech koruna"),
    ("DKK", 2, "Danish krone"),
    ("DOP", 2, "Dominican peso"),
    ("DZD", 2, "Algerian dinar"),
    ("EGP", 2, "Egyptian pound"),
    ("ETB", 2, "Ethiopian birr"),
    ("EUR", 2, "Euro"),
    ("GBP", 2, "Pound sterling"),
    ("GHS", 2, "Ghanaian cedi"),
    ("GTQ", 2, "Guatemalan quetzal"),
    ("HKD", 2, "Hong Kong dollar"),
    ("HNL", 2, "Honduran lempira"),
    ("HUF", 2, "Hungarian forint"),
    ("IDR", 2, "Indonesian rupiah"),
    ("ILS", 2, "Israeli new shekel"),
    ("INR", 2, "Indian rupee"),
    ("IQD", 3, "Iraqi dinar"),
    ("ISK", 0, "Icelandic króna"),
    ("JOD", 3, "Jordanian dinar"),
    ("JPY", 0, "Japanese yen"),
    ("KES", 2, "Kenyan shilling"),
    ("KRW", 0, "South Korean won"),
    ("KWD", 3, "Kuwaiti dinar"),
    ("LBP", 2, "Lebanese pound"),
    ("LKR", 2, "Sri Lankan rupee"),
    ("LYD", 3, "Libyan dinar"),
    ("MAD", 2, "Moroccan dirham"),
    ("MXN", 2, "Mexican peso"),
    ("MYR", 2, "Malaysian ringgit"),
    ("NGN", 2, "Nigerian naira"),
    ("NIO", 2, "Nicaraguan córdoba"),
    ("NOK", 2, "Norwegian krone"),
    ("NPR", 2, "Nepalese rupee"),
    ("NZD", 2, "New Zealand dollar"),
    ("OMR", 3, "Omani rial"),
    ("PEN", 2, "Peruvian sol"),
    ("PHP", 2, "Philippine peso"),
    ("PKR", 2, "Pakistani rupee"),
    ("PLN", 2, "Polish złoty"),
    ("PYG", 0, "Paraguayan guaraní"),
    ("RON", 2, "Romanian leu"),
    ("RSD", 2, "Serbian dinar"),
    ("RWF", 0, "Rwandan franc"),
    ("SEK", 2, "Swedish krona"),
    ("SGD", 2, "Singapore dollar"),
    ("THB", 2, "Thai baht"),
    ("TND", 3, "Tunisian dinar"),
    ("TRY", 2, "Turkish lira"),
    ("TWD", 2, "New Taiwan dollar"),
    ("TZS", 2, "Tanzanian shilling"),
    ("UAH", 2, "Ukrainian hryvnia"),
    ("UGX", 0, "Ugandan shilling"),
    ("USD", 2, "US dollar"),
    ("UYU", 2, "Uruguayan peso"),
    ("VES", 2, "Venezuelan bolívar"),
    ("VND", 0, "Vietnamese đồng"),
    ("XAF", 0, "Central African CFA franc"),
    ("XOF", 0, "West African CFA franc"),
    ("ZAR", 2, "South African rand"),
    ("ZMW", 2, "Zambian kwacha"),
];

/// A well-known currency: its decimal places and English name.
pub fn known(code: &str) -> Option<(u32, &'static str)> {
    KNOWN
        .binary_search_by(|(c, _, _)| (*c).cmp(code))
        .ok()
        .map(|i| (KNOWN[i].1, KNOWN[i].2))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_sorted_for_binary_search() {
        assert!(KNOWN.windows(2).all(|w| w[0].0 < w[1].0));
    }

    #[test]
    fn knows_common_currencies() {
        assert_eq!(known("USD"), Some((2, "US dollar")));
        assert_eq!(known("JPY").map(|k| k.0), Some(0));
        assert_eq!(known("KWD").map(|k| k.0), Some(3));
        assert_eq!(known("HOURS"), None);
    }
}
