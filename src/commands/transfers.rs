//! `fondo transfer send`, `receive` and `list`.

use std::path::Path;

use crate::cli::{TransferCommand, TransferReceiveArgs, TransferSendArgs};
use crate::commands::Result;
use crate::commands::{Outcome, date_or_today, open, pair, say, stdout};
use fondo::ops::transfers::{ReceiveRequest, SendRequest, receive, send};
use fondo::render::{Gate, write_rows};
use fondo::report::transfers::rows;
use fondo::store::Access;

pub fn run(path: &Path, command: TransferCommand) -> Result<Outcome> {
    match command {
        TransferCommand::Send(args) => send_one(path, args),
        TransferCommand::Receive(args) => receive_one(path, args),
        TransferCommand::List { format } => {
            let mut db = open(path, Access::Read)?;
            let tx = db.read()?;
            write_rows(
                format.into(),
                stdout(),
                &Gate::books(),
                &rows(&tx, None, None)?,
            )?;
            Ok(Outcome::Ok)
        }
    }
}

fn send_one(path: &Path, args: TransferSendArgs) -> Result<Outcome> {
    let (amount, commodity) = pair(args.amount);
    let request = SendRequest {
        to_fund: args.to_fund,
        amount,
        commodity,
        from_account: args.from_account,
        pool: args.pool,
        date: date_or_today(args.date.as_deref())?,
        memo: args.memo,
    };
    let sent = send(&mut open(path, Access::Write)?, &request)?;
    say(&[sent.transfer_id])?;
    Ok(Outcome::Ok)
}

fn receive_one(path: &Path, args: TransferReceiveArgs) -> Result<Outcome> {
    let (amount, commodity) = pair(args.amount);
    let request = ReceiveRequest {
        from_fund: args.from_fund,
        transfer_id: args.transfer_id,
        amount,
        commodity,
        into: args.into,
        pool: args.pool,
        date: date_or_today(args.date.as_deref())?,
        sent: args.sent.map(pair),
        grant: args.grant,
    };
    let received = receive(&mut open(path, Access::Write)?, &request)?;
    let rate = received
        .rate
        .map(|r| {
            format!(
                " (rate {r} {} per {})",
                request.commodity,
                sent_code(&request)
            )
        })
        .unwrap_or_default();
    say(&[format!("{}{rate}", received.txn)])?;
    Ok(Outcome::Ok)
}

fn sent_code(request: &ReceiveRequest) -> &str {
    request.sent.as_ref().map_or("", |(_, code)| code)
}
