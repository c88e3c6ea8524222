//! Checks that catch a scenario a learner can win without reading the patient:
//! test-wise strategies that win, a length cue (the kindest option is the
//! longest), and `Resolved` endings that can be reached without meeting an
//! objective. All exact over the reachable states.

use crate::check::lint::short;
use crate::check::reach::Reach;
use crate::diagnostic::code;
use crate::diagnostic::report::{Loc, Report};
use crate::play::script::Script;
use crate::play::strategy::{self, Strategy, words};

pub fn check(script: &Script, reach: &Reach, r: &mut Report) {
    test_wise(script, r);
    length_cue(script, r);
    skippable_objectives(script, reach, r);
}

/// Moves as 1-based file positions: `1,1,2`.
pub fn choose_list(path: &[(usize, usize)]) -> String {
    path.iter().map(|&(_, c)| (c + 1).to_string()).collect::<Vec<_>>().join(",")
}

fn test_wise(script: &Script, r: &mut Report) {
    for s in Strategy::WARNED {
        let run = strategy::play(script, s);
        if !run.wins(script) {
            continue;
        }
        let Some(e) = run.ending else { continue };
        let ending = script.ending(e);
        r.warning(
            code::TEST_WISE,
            Loc::Value("start".into()),
            format!(
                "a learner who never reads the patient wins: {} ({} strategy) reaches the {} ending `{}` with overall {:.1} (path {})",
                s.describe(),
                s.name(),
                ending.outcome.name(),
                script.ending_id(e),
                run.tally.overall(),
                run.choose_list(),
            ),
        )
        .help = Some(match s {
            Strategy::Longest => "make good and poor options alike in length: poor answers are often long (a defensive explanation, an information dump), good ones often short".into(),
            _ => "end some poor options with a question (a closed check, a leading question) and let some good ones be statements or actions".into(),
        });
    }
}

/// In how many nodes with two or more choices the most empathic option is also
/// the strictly longest, out of how many such nodes.
pub fn length_cue_count(script: &Script) -> (usize, usize) {
    let (mut cued, mut nodes) = (0, 0);
    for n in 0..script.node_count() {
        let choices = &script.node(n).choices;
        if choices.len() < 2 {
            continue;
        }
        nodes += 1;
        let top = choices.iter().map(|c| c.empathy).max().unwrap_or(0);
        let most = choices.iter().map(|c| words(&c.say)).max().unwrap_or(0);
        let mut longest = choices.iter().filter(|c| words(&c.say) == most);
        if let (Some(only), None) = (longest.next(), longest.next())
            && only.empathy == top
        {
            cued += 1;
        }
    }
    (cued, nodes)
}

fn length_cue(script: &Script, r: &mut Report) {
    let (cued, nodes) = length_cue_count(script);
    if cued * 2 > nodes {
        r.warning(
            code::LENGTH_CUE,
            Loc::Value("nodes".into()),
            format!(
                "length gives the answer away: in {cued} of {nodes} nodes with two or more choices, the most empathic option is also the longest"
            ),
        )
        .help = Some("write poor options that are as long as good ones, and good ones that are short".into());
    }
}

fn skippable_objectives(script: &Script, reach: &Reach, r: &mut Report) {
    let objectives = &script.scenario().objectives;
    for (i, objective) in objectives.iter().enumerate() {
        let Some(Some((path, ending))) = reach.skippable.get(i) else { continue };
        let ending = script.ending_id(*ending);
        r.warning(
            code::OBJECTIVE_SKIPPABLE,
            Loc::Value(format!("objectives[{i}]")),
            format!(
                "the Resolved ending `{ending}` can be reached without meeting objective {} (\"{}\"): path {}",
                i + 1,
                short(objective),
                choose_list(path)
            ),
        )
        .help = Some(format!("route that path through a choice with `meets: [{}]`, or let it end Partial", i + 1));
    }
}
