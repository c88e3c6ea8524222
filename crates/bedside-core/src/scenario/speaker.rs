//! Who says a line. In a scene with more than one person (a daughter beside her
//! mother, a son interpreting, a relative and the patient), a line another
//! person says opens with their name as a stage direction: `"(Grace, gripping
//! the arm of the chair) I'm sorry about all the fuss."` or `"(Interpreter) She
//! says..."` (docs/authoring.md). Such a line is not the pictured person's: the
//! app names its speaker, does not draw its cue on the pictured face, and does
//! not speak it in their voice.

use super::Scenario;

/// The name of the other person who says `line`, or `None` when the person
/// the trainee speaks with (the `patient`) says it. A line is another
/// person's when it opens with `(Name)` or `(Name, ...)`, where Name is one
/// capitalised word that is not part of the patient's name (nor the start of
/// one, as "Mari" of "Marisol"), and that either appears in the patient's
/// `about` or `setting` or opens at least three lines of the scenario. So
/// `(Quietly)` or `(Slowly, looking away)` stay stage directions.
pub fn other_speaker<'a>(scenario: &Scenario, line: &'a str) -> Option<&'a str> {
    let name = opening_name(line)?;
    if is_the_patients(scenario, name) {
        return None;
    }
    let mentioned = |text: &str| text.split(|c: char| !c.is_alphabetic()).any(|w| w.eq_ignore_ascii_case(name));
    if mentioned(&scenario.patient.about) || mentioned(&scenario.setting) {
        return Some(name);
    }
    let openers = scenario
        .nodes
        .iter()
        .map(|(_, n)| n)
        .flat_map(|n| n.says.iter().map(String::as_str).chain(n.choices.iter().filter_map(|c| c.reply.as_deref())))
        .filter(|l| opening_name(l) == Some(name))
        .count();
    (openers >= 3).then_some(name)
}

/// The name to show a line under: the other person's who says it, or else
/// the patient's.
pub fn speaker_name<'a>(scenario: &'a Scenario, line: &'a str) -> &'a str {
    other_speaker(scenario, line).unwrap_or(&scenario.patient.name)
}

/// Whether `name` is (the start of) a word of the patient's name.
fn is_the_patients(scenario: &Scenario, name: &str) -> bool {
    scenario
        .patient
        .name
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .any(|w| w.eq_ignore_ascii_case(name) || (name.len() >= 3 && starts_with_ignoring_case(w, name)))
}

/// A line cut where each person starts to speak, with who says each part
/// (`None`: the patient). `"(Grace) It's not so bad. (Marcus) Mum, you cried."`
/// is Grace's part, then the patient's. A bracket that names nobody in the
/// scene (`(Quietly)`) does not cut.
pub fn parts<'a>(scenario: &Scenario, line: &'a str) -> Vec<(Option<&'a str>, &'a str)> {
    let mut cuts = vec![0];
    for (i, _) in line.match_indices('(').filter(|(i, _)| *i > 0) {
        let rest = &line[i..];
        let names_someone = opening_name(rest)
            .is_some_and(|name| is_the_patients(scenario, name) || other_speaker(scenario, rest).is_some());
        if names_someone {
            cuts.push(i);
        }
    }
    cuts.push(line.len());
    cuts.windows(2)
        .map(|w| line[w[0]..w[1]].trim())
        .filter(|part| !part.is_empty())
        .map(|part| (other_speaker(scenario, part), part))
        .collect()
}

/// What the patient's `about` says of another person in the scene, for the
/// voice their lines are spoken in: whether she is a woman (from a word of
/// kin just before the name, as "her daughter Marcia", or else the first
/// "she" or "he" after it), and her age (a number just after the name, as
/// "Marcia, 59"). Either is `None` when the text does not say.
pub fn described(scenario: &Scenario, name: &str) -> (Option<bool>, Option<u32>) {
    let words: Vec<&str> =
        scenario.patient.about.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
    let Some(at) = words.iter().position(|w| w.eq_ignore_ascii_case(name)) else { return (None, None) };
    const WOMEN: [&str; 12] = [
        "daughter",
        "wife",
        "mother",
        "mum",
        "sister",
        "granddaughter",
        "niece",
        "aunt",
        "mrs",
        "ms",
        "miss",
        "girlfriend",
    ];
    const MEN: [&str; 10] =
        ["son", "husband", "father", "dad", "brother", "grandson", "nephew", "uncle", "mr", "boyfriend"];
    let kin = |w: &str| {
        let w = w.to_lowercase();
        if WOMEN.contains(&w.as_str()) {
            Some(true)
        } else if MEN.contains(&w.as_str()) {
            Some(false)
        } else {
            None
        }
    };
    // "her daughter Marcia": the word before; not "Son of Grace", where the
    // word of kin is the patient's.
    let before = at.checked_sub(1).and_then(|i| words.get(i)).and_then(|w| kin(w));
    let pronoun = || {
        words[at + 1..].iter().take(20).find_map(|w| match w.to_lowercase().as_str() {
            "she" | "her" | "herself" => Some(true),
            "he" | "him" | "his" | "himself" => Some(false),
            _ => None,
        })
    };
    let woman = before.or_else(pronoun);
    let age = words[at + 1..].iter().take(3).find_map(|w| w.parse::<u32>().ok()).filter(|a| *a <= 120);
    (woman, age)
}

/// The one capitalised word a line opens with inside a bracket: "Grace" of
/// "(Grace, gripping the chair) ..." or "(Grace) ...".
fn opening_name(line: &str) -> Option<&str> {
    let rest = line.trim_start().strip_prefix('(')?;
    let end = rest.find([',', ')'])?;
    let word = rest[..end].trim();
    let mut chars = word.chars();
    let first = chars.next()?;
    (first.is_uppercase() && chars.all(|c| c.is_alphabetic() || c == '-' || c == '\'')).then_some(word)
}

fn starts_with_ignoring_case(word: &str, prefix: &str) -> bool {
    word.get(..prefix.len()).is_some_and(|p| p.eq_ignore_ascii_case(prefix))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::load::Library;

    fn shipped(id: &str) -> Scenario {
        let library = Library::load(&[std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../scenarios")]);
        library.scripts().find(|s| s.id() == id).expect("shipped scenario").scenario().clone()
    }

    #[test]
    fn a_line_opening_with_another_persons_name_is_theirs_and_a_stage_direction_is_not() {
        let marcus = shipped("angry-relative-ed");
        assert_eq!(other_speaker(&marcus, "(Grace, gripping the arm of the chair) I'm sorry."), Some("Grace"));
        assert_eq!(other_speaker(&marcus, "(Grace) Thank you, love."), Some("Grace"));
        assert_eq!(other_speaker(&marcus, "(Marcus) Don't you dare."), None, "the pictured person's own line");
        assert_eq!(other_speaker(&marcus, "(Quietly) Right."), None, "a stage direction");
        assert_eq!(other_speaker(&marcus, "Six hours."), None);
        assert_eq!(speaker_name(&marcus, "(Grace) Thank you, love."), "Grace");
        assert_eq!(speaker_name(&marcus, "Six hours."), "Marcus Okafor");
        let mari = shipped("faith-and-blood");
        assert_eq!(other_speaker(&mari, "(Mari, quietly) I know."), None, "Mari is Marisol");
        assert_eq!(other_speaker(&mari, "(Camila, close to tears) Mum."), Some("Camila"));
        let rokeya = shipped("interpreter-family");
        assert_eq!(other_speaker(&rokeya, "(Interpreter) She says it hurts."), Some("Interpreter"), "opens many lines");
        assert_eq!(other_speaker(&rokeya, "(Sahil, looking at the floor) She's fine."), Some("Sahil"));
        assert_eq!(other_speaker(&rokeya, "(Rokeya, softly) Thank you."), None);
    }

    #[test]
    fn a_line_two_people_say_is_cut_where_the_second_starts() {
        let marcus = shipped("angry-relative-ed");
        let line =
            "(Grace) It's not so bad if I keep still. He fusses. (Marcus) Mum, you cried getting out of the car.";
        assert_eq!(
            parts(&marcus, line),
            [
                (Some("Grace"), "(Grace) It's not so bad if I keep still. He fusses."),
                (None, "(Marcus) Mum, you cried getting out of the car."),
            ]
        );
        let quiet = "(Marcus) Right. (Quietly) Right.";
        assert_eq!(parts(&marcus, quiet), [(None, quiet)], "a stage direction does not cut");
        assert_eq!(parts(&marcus, "Six hours."), [(None, "Six hours.")]);
    }

    #[test]
    fn the_about_text_says_whether_another_person_is_a_woman_and_their_age() {
        assert_eq!(described(&shipped("dementia-carer"), "Marcia"), (Some(true), Some(59)), "her daughter Marcia, 59");
        assert_eq!(described(&shipped("faith-and-blood"), "Camila"), (Some(true), Some(22)));
        assert_eq!(described(&shipped("interpreter-family"), "Sahil").0, Some(false));
        assert_eq!(described(&shipped("reasonable-adjustments"), "Farida").0, Some(true), "his mum Farida");
        let grace = described(&shipped("angry-relative-ed"), "Grace");
        assert_eq!(grace, (Some(true), Some(84)), "Son of Grace Okafor, 84, who fell in her kitchen");
        assert_eq!(described(&shipped("relative-on-the-phone"), "Tom"), (Some(false), Some(56)));
        assert_eq!(described(&shipped("interpreter-family"), "Interpreter"), (None, None), "not in the text");
    }

    #[test]
    fn every_shipped_line_that_names_someone_else_first_is_given_to_them() {
        let library = Library::load(&[std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../scenarios")]);
        let mut others = std::collections::BTreeSet::new();
        for s in library.scripts() {
            let sc = s.scenario();
            for line in sc.nodes.iter().flat_map(|(_, n)| n.says.iter()) {
                if let Some(who) = other_speaker(sc, line) {
                    others.insert(format!("{}: {who}", sc.id));
                }
            }
        }
        let found: Vec<&str> = others.iter().map(String::as_str).collect();
        assert_eq!(
            found,
            [
                "angry-relative-ed: Grace",
                "dementia-carer: Marcia",
                "faith-and-blood: Camila",
                "interpreter-family: Interpreter",
                "interpreter-family: Sahil",
                "reasonable-adjustments: Farida",
                "relative-on-the-phone: Tom",
            ]
        );
    }
}
