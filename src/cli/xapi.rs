//! `bedside xapi export|push|typed`: the records as xAPI 1.0.3 statements,
//! written to a JSON file or sent to the configured Learning Record Store, and
//! whether typed replies go with them.

use std::io::Write;

use serde_json::Value;

use super::access::{educator, filter, open_store};
use super::{Places, XapiAction};
use bedside_records::report;
use bedside_records::xapi::{self, DEFAULT_BASE, LrsConfig};

pub fn run(places: &Places, action: XapiAction) -> u8 {
    match act(places, action) {
        Ok(()) => 0,
        Err(code) => code,
    }
}

fn act(places: &Places, action: XapiAction) -> Result<(), u8> {
    let fail = |e: &dyn std::fmt::Display| {
        eprintln!("error: {e}");
        1
    };
    let lrs = LrsConfig::find(places.config.as_deref()).map_err(|e| fail(&e))?;
    match action {
        XapiAction::Typed { share } => {
            let mut store = open_store(places)?;
            educator(&mut store)?;
            if let Some(share) = share {
                store.set_share_typed(share == "on").map_err(|e| fail(&e))?;
            }
            let on = store.share_typed().map_err(|e| fail(&e))?;
            outln!(
                "Typed replies are {} to the LRS.",
                if on { "sent with their choice" } else { "kept on this computer only, not sent" }
            );
            Ok(())
        }
        XapiAction::Export { filter: args, output } => {
            let f = filter(&args)?;
            let mut store = open_store(places)?;
            educator(&mut store)?;
            let base = lrs.as_ref().map_or(DEFAULT_BASE, LrsConfig::base).to_owned();
            let mut all = Vec::new();
            let share = store.share_typed().map_err(|e| fail(&e))?;
            report::for_each_attempt(&store, &f, |row| {
                all.extend(xapi::statements_with(&store.attempt(row.row)?, &base, share));
                Ok(())
            })
            .map_err(|e| fail(&e))?;
            let text = serde_json::to_string_pretty(&Value::Array(all)).map_err(|e| fail(&e))?;
            if output.as_os_str() == "-" {
                outln!("{text}");
            } else {
                let mut file = bedside_records::store::create_export(&output)
                    .map_err(|e| fail(&format!("{}: {e}", output.display())))?;
                writeln!(file, "{text}").map_err(|e| fail(&format!("{}: {e}", output.display())))?;
                eprintln!("Wrote the statements to {}", output.display());
            }
            Ok(())
        }
        XapiAction::Push { all } => {
            let Some(lrs) = lrs else {
                eprintln!(
                    "error: no Learning Record Store is set; set BEDSIDE_LRS_ENDPOINT, BEDSIDE_LRS_USERNAME and BEDSIDE_LRS_PASSWORD, or write {} in the config folder",
                    xapi::CONFIG_FILE
                );
                return Err(super::USAGE);
            };
            let mut store = open_store(places)?;
            educator(&mut store)?;
            if all {
                let n = store.queue_xapi_all().map_err(|e| fail(&e))?;
                eprintln!("Queued {n} attempts.");
            }
            let mut sent = 0;
            loop {
                let round = xapi::push_due(&mut store, &lrs, 200, jiff::Timestamp::MAX).map_err(|e| fail(&e))?;
                sent += round.sent;
                if let Some(e) = &round.error {
                    let (left, _) = store.xapi_pending().map_err(|e| fail(&e))?;
                    eprintln!("Sent {sent} attempts; {left} wait for a later try. Last error: {e}");
                    return Err(1);
                }
                if round.sent == 0 {
                    break;
                }
            }
            let (left, _) = store.xapi_pending().map_err(|e| fail(&e))?;
            outln!("Sent {sent} attempts to {}; {left} waiting for a later try.", lrs.endpoint);
            Ok(())
        }
    }
}
