//! Pooled purchases (clap derive types only; the rules of the parent module
//! hold).

use clap::{Subcommand, ValueEnum};

use super::{AudienceArg, FormatArg};

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum SplitArg {
    /// The same for every group that received something.
    Equal,
    /// In proportion to the value of the goods each group received.
    Value,
    /// In proportion to the number of units each group received.
    Units,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum PurchaseStatusArg {
    /// Taking orders.
    Open,
    /// Allocated to whole cases; deliveries and costs being recorded.
    Closed,
    /// The supplier paid and every group charged its share.
    Settled,
    /// Settled, every share paid and every group's goods given out.
    Done,
}

#[derive(Debug, Subcommand)]
pub enum PurchaseCommand {
    /// Open a pooled purchase from one supplier, taking orders until
    /// --closes.
    #[command(after_help = "\
Examples:
  fondo purchase open rice-april --supplier \"Cooperativa El Arrozal\" --closes 2026-04-10T18:00 \\
      --pool food --currency USD --at 2026-04-01T09:00")]
    Open {
        /// The purchase's name, e.g. rice-april (unique, ignoring case).
        name: String,
        /// Who sells the goods.
        #[arg(long)]
        supplier: String,
        /// When orders close: YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS].
        #[arg(long, value_name = "DATETIME")]
        closes: String,
        /// The pool a subsidy comes from (default: the general pool).
        #[arg(long)]
        pool: Option<String>,
        /// The currency prices and shares are in, e.g. USD (default: the
        /// fund's currency).
        #[arg(long, value_name = "CODE")]
        currency: Option<String>,
        /// When it was opened: YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS] (default:
        /// now).
        #[arg(long, value_name = "DATETIME")]
        at: Option<String>,
    },
    /// The items of a purchase.
    #[command(subcommand)]
    Item(PurchaseItemCommand),
    /// A group's order for an item, or a change to it (every change is
    /// kept; raising it moves the group to the back of the queue).
    #[command(after_help = "\
Examples:
  fondo purchase order rice-april rice 30 --group \"Cocina Común\" --tolerance 10 --at 2026-04-02T10:00
  fondo purchase order rice-april rice 12 --group \"Familia Ortega\" --at 2026-04-03T19:15")]
    Order {
        /// The purchase's name.
        purchase: String,
        /// The item's name.
        item: String,
        /// How many units the group wants: a whole number, at least 1.
        #[arg(allow_negative_numbers = true)]
        quantity: String,
        /// The member (a household, a collective) ordering.
        #[arg(long, value_name = "MEMBER")]
        group: String,
        /// How many units more the group would also take to fill a case: a
        /// whole number, at most the case (default 0).
        #[arg(long, value_name = "N", allow_negative_numbers = true)]
        tolerance: Option<String>,
        /// When it was ordered: YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS]
        /// (default: now).
        #[arg(long, value_name = "DATETIME")]
        at: Option<String>,
    },
    /// Close the orders: allocate whole cases per item (quantities first,
    /// then tolerances, first come first served) and print the allocation.
    #[command(after_help = "\
Example:
  fondo purchase close rice-april --at 2026-04-10T18:00")]
    Close {
        /// The purchase's name.
        purchase: String,
        /// When it closed: YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS] (default:
        /// now).
        #[arg(long, value_name = "DATETIME")]
        at: Option<String>,
    },
    /// What arrived of an item; a short delivery is re-allocated (the last
    /// served lose first, tolerances before quantities) and re-priced.
    #[command(after_help = "\
Examples:
  fondo purchase receive rice-april rice 75 --date 2026-04-15
  fondo purchase receive rice-april lentils 0 --date 2026-04-15")]
    Receive {
        /// The purchase's name.
        purchase: String,
        /// The item's name.
        item: String,
        /// How many units arrived: a whole number (0 if none did).
        #[arg(allow_negative_numbers = true)]
        quantity: String,
        /// The day they arrived: YYYY-MM-DD (default: today).
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: Option<String>,
    },
    /// A cost of the purchase (transport, packing), split between the
    /// groups and paid with the invoice.
    #[command(after_help = "\
Examples:
  fondo purchase cost rice-april 24.00 USD --split value --reason \"truck from the cooperative\"
  fondo purchase cost rice-april 6.00 USD --split equal --reason \"sacks and twine\"")]
    Cost {
        /// The purchase's name.
        purchase: String,
        /// How much: a plain decimal, e.g. 24.00.
        #[arg(allow_negative_numbers = true)]
        amount: String,
        /// The purchase's currency, e.g. USD.
        commodity: String,
        /// How it is split between the groups.
        #[arg(long, value_enum)]
        split: SplitArg,
        /// What it paid for.
        #[arg(long)]
        reason: String,
        /// When it was recorded: YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS]
        /// (default: now).
        #[arg(long, value_name = "DATETIME")]
        at: Option<String>,
    },
    /// Pay the supplier's invoice and the costs, and charge each group its
    /// share (exactly: any rounding remainder is posted to its own account).
    #[command(after_help = "\
Examples:
  fondo purchase settle rice-april --invoice 181.50 USD --from-account assets:bank:usd --subsidy 20% --date 2026-04-16
  fondo purchase settle rice-april --invoice 181.50 USD --from-account assets:bank:usd --rounding-account expenses:operations:fees")]
    Settle {
        /// The purchase's name.
        purchase: String,
        /// The supplier's invoice: AMOUNT COMMODITY, e.g. 181.50 USD (in
        /// another currency, converted at the rate recorded for the day).
        #[arg(long, num_args = 2, value_names = ["AMOUNT", "COMMODITY"], required = true, allow_negative_numbers = true)]
        invoice: Vec<String>,
        /// The assets account the invoice and the costs are paid from.
        #[arg(long, value_name = "ACCOUNT")]
        from_account: String,
        /// What the fund pays from the purchase's pool: a percentage of
        /// every share (20%) or an amount (50.00) split in proportion to the
        /// shares (default: nothing).
        #[arg(long, value_name = "PERCENT|AMOUNT", allow_negative_numbers = true)]
        subsidy: Option<String>,
        /// Where the rounding remainder goes (default:
        /// expenses:purchases:rounding).
        #[arg(long, value_name = "ACCOUNT")]
        rounding_account: Option<String>,
        /// The ledger date: YYYY-MM-DD (default: today).
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: Option<String>,
    },
    /// Give each group (or one) its goods out of stock, as `give` does;
    /// prints one transaction per group.
    #[command(after_help = "\
Examples:
  fondo purchase distribute rice-april --date 2026-04-18
  fondo purchase distribute rice-april --group \"Cocina Común\" --date 2026-04-18")]
    Distribute {
        /// The purchase's name.
        purchase: String,
        /// Only this group (default: every group not served yet).
        #[arg(long, value_name = "MEMBER")]
        group: Option<String>,
        /// The day they were given out: YYYY-MM-DD (default: today).
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: Option<String>,
    },
    /// A group pays (part of) its share; prints the transaction id and what
    /// it still owes.
    #[command(after_help = "\
Examples:
  fondo purchase pay rice-april --group \"Cocina Común\" 54.24 USD --into assets:bank:usd --date 2026-04-20")]
    Pay {
        /// The purchase's name.
        purchase: String,
        /// The member paying.
        #[arg(long, value_name = "MEMBER")]
        group: String,
        /// How much: a plain decimal, e.g. 54.24.
        #[arg(allow_negative_numbers = true)]
        amount: String,
        /// The purchase's currency, e.g. USD.
        commodity: String,
        /// The assets account the money went into.
        #[arg(long, value_name = "ACCOUNT")]
        into: String,
        /// The ledger date: YYYY-MM-DD (default: today).
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: Option<String>,
    },
    /// One purchase: its items, and per item and group what was ordered,
    /// allocated, received, charged, paid and owed.
    #[command(after_help = "\
Examples:
  fondo purchase show rice-april
  fondo purchase show rice-april --format csv")]
    Show {
        /// The purchase's name.
        purchase: String,
        /// Who it is for: names of members who asked not to be named become
        /// pseudonyms.
        #[arg(long, value_enum, default_value = "treasurer")]
        audience: AudienceArg,
        /// How to print the rows.
        #[arg(long, value_enum, default_value = "table")]
        format: FormatArg,
    },
    /// Every purchase, with its status and totals.
    #[command(after_help = "\
Examples:
  fondo purchase list
  fondo purchase list --status open --format json")]
    List {
        /// Only purchases in this state.
        #[arg(long, value_enum)]
        status: Option<PurchaseStatusArg>,
        /// How to print the rows.
        #[arg(long, value_enum, default_value = "table")]
        format: FormatArg,
    },
}

#[derive(Debug, Subcommand)]
pub enum PurchaseItemCommand {
    /// Add an item, sold in whole cases, while the purchase is open.
    #[command(after_help = "\
Examples:
  fondo purchase item add rice-april rice --unit-price 1.10 USD --case 25 --unit KG-RICE \\
      --reference-price 1.45 USD
  fondo purchase item add rice-april \"cooking oil\" --unit-price 3.20 USD --case 12")]
    Add {
        /// The purchase's name.
        purchase: String,
        /// The item's name, e.g. rice.
        item: String,
        /// The price of one unit: AMOUNT COMMODITY, e.g. 1.10 USD.
        #[arg(long, num_args = 2, value_names = ["AMOUNT", "COMMODITY"], required = true, allow_negative_numbers = true)]
        unit_price: Vec<String>,
        /// How many units a case holds: a whole number, at least 1.
        #[arg(long = "case", value_name = "N", allow_negative_numbers = true)]
        case_size: String,
        /// The in-kind commodity a unit is counted in, e.g. KG-RICE (one unit
        /// is one KG-RICE): received goods then enter the stock (default:
        /// they do not).
        #[arg(long, value_name = "CODE")]
        unit: Option<String>,
        /// What a group would pay per unit buying alone: AMOUNT COMMODITY, to
        /// show the savings.
        #[arg(long, num_args = 2, value_names = ["AMOUNT", "COMMODITY"], allow_negative_numbers = true)]
        reference_price: Option<Vec<String>>,
        /// When it was added: YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS] (default:
        /// now).
        #[arg(long, value_name = "DATETIME")]
        at: Option<String>,
    },
}
