//! `bedside roster` and `bedside pass-rule`: the trainees an educator expects,
//! and the competency rules their attempts are judged by.

use super::access::{educator, open_store};
use super::error::{CliError, CliResult};
use super::{PassRuleAction, Places, RosterAction};
use bedside_records::store::{PassRule, RosterEntry};

pub fn roster(places: &Places, action: RosterAction) -> CliResult {
    let mut store = open_store(places)?;
    educator(&mut store)?;
    match action {
        RosterAction::Import { file } => {
            let text = std::fs::read_to_string(&file).map_err(CliError::file("cannot read", &file))?;
            match store.import_roster(&text)? {
                Ok(n) => outln!("Took {n} trainees from {}; the roster has {}.", file.display(), store.roster()?.len()),
                Err(problems) => {
                    let list: Vec<String> = problems.iter().map(|p| format!("  {}: {p}", file.display())).collect();
                    return Err(CliError::failed(format!(
                        "the roster was not changed; fix these and import again:\n{}",
                        list.join("\n")
                    )));
                }
            }
        }
        RosterAction::Add { name, staff_id } => {
            if name.trim().is_empty() {
                return Err(CliError::usage("a trainee needs a name"));
            }
            store.add_to_roster(&RosterEntry { name: name.clone(), staff_id }).map_err(CliError::from)?.map_err(
                |e| CliError::failed(format!("{name} was not added: {}", e.to_string().trim_start_matches("line 2: "))),
            )?;
            outln!("{} is on the roster.", name.trim());
        }
        RosterAction::Remove { name } => {
            if store.remove_from_roster(&name)? {
                outln!("{name} is off the roster; their attempts are kept.");
            } else {
                return Err(CliError::failed(format!("{name} is not on the roster")));
            }
        }
        RosterAction::List => {
            let roster = store.roster()?;
            if roster.is_empty() {
                outln!(
                    "The roster is empty. Add trainees with `bedside roster add NAME` or `bedside roster import FILE.csv`."
                );
            }
            for e in roster {
                match e.staff_id {
                    Some(id) => outln!("{}  ({id})", e.name),
                    None => outln!("{}", e.name),
                }
            }
        }
    }
    Ok(())
}

pub fn pass_rule(places: &Places, action: PassRuleAction) -> CliResult {
    let mut store = open_store(places)?;
    educator(&mut store)?;
    match action {
        PassRuleAction::Set { scenario, min_overall, assessment, resolved, no_safety_errors, by } => {
            let set_by = by
                .or_else(|| std::env::var("USER").ok())
                .or_else(|| std::env::var("USERNAME").ok())
                .filter(|b| !b.trim().is_empty())
                .ok_or_else(|| CliError::usage("say who sets the rule with --by NAME"))?;
            let rule = PassRule {
                scenario,
                assessment_only: assessment,
                resolved,
                min_overall,
                no_safety_errors,
                set_by,
                set_at: jiff::Timestamp::now(),
            };
            store.set_pass_rule(&rule).map_err(|e| match e {
                bedside_records::store::StoreError::Usage(m) => CliError::usage(m),
                e => e.into(),
            })?;
            outln!("{}: {}.", scope(&rule), rule.describe());
        }
        PassRuleAction::Remove { scenario } => {
            if !store.remove_pass_rule(scenario.as_deref())? {
                return Err(CliError::failed("there was no such rule"));
            }
            outln!("Removed.");
        }
        PassRuleAction::List => {
            let rules = store.pass_rules()?;
            if rules.is_empty() {
                outln!(
                    "No pass rules. Set one with `bedside pass-rule set --min-overall N [--assessment] [--resolved] [--no-safety-errors]`."
                );
            }
            for r in rules {
                outln!("{}: {} (set by {}, {})", scope(&r), r.describe(), r.set_by, r.set_at.strftime("%Y-%m-%d"));
            }
        }
    }
    Ok(())
}

/// Which scenarios a rule is for, in words.
fn scope(rule: &PassRule) -> String {
    match &rule.scenario {
        Some(s) => format!("Pass in {s}"),
        None => "Pass in every scenario without a rule of its own".to_owned(),
    }
}
