//! The app's egui views under egui_kittest, with no window and no Bevy app:
//! each view is a plain function over `&mut egui::Ui`, drawn with the data a
//! screen would give it, read by its labels and clicked; what it returns is what
//! the trainee asked for. Also the scenarios and recorded attempts the app's
//! tests share.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use bedside::app::debrief::view::{DebriefAction, debrief_view};
use bedside::app::encounter::view::{Offered, choice_list, feedback_card, transcript};
use bedside::app::encounter::{Current, Phase};
use bedside_core::play::encounter::Encounter;
use bedside_core::play::script::Script;
use bedside_core::scenario::load::load_file;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

pub(crate) fn scenarios() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios")
}

pub(crate) fn script(id: &str) -> Arc<Script> {
    Arc::new(load_file(&scenarios().join(format!("{id}.ron"))).script.unwrap())
}

fn fixture(name: &str) -> Arc<Script> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name);
    Arc::new(load_file(&path).script.unwrap())
}

/// A run of the format-2 fixture by file positions.
fn played(choices: &[usize]) -> Encounter {
    let mut run = Encounter::new(fixture("clean-v2.ron"), 4);
    for &c in choices {
        run.choose(c - 1).unwrap();
    }
    run
}

/// Plays scenario `id` with `seed`, taking `pick` of the offered choices each
/// time, and records it for `who` as started and ended at `at`.
pub(crate) fn record_played(
    store: &mut bedside_records::store::Store,
    id: &str,
    who: &str,
    seed: u64,
    at: jiff::Timestamp,
    pick: impl Fn(&[usize]) -> usize,
) {
    let mut run = Encounter::new(script(id), seed);
    while !run.is_over() {
        let c = pick(run.offered());
        run.choose(c).unwrap();
    }
    let a = bedside_records::Attempt::from_encounter(&run, who, Default::default(), at, &[], at);
    store.record(&a, false).unwrap();
}

#[test]
fn the_choice_list_numbers_each_choice_shows_actions_as_actions_and_reports_the_one_clicked() {
    let choices = [
        Offered { text: "I can see you're frightened.", action: false },
        Offered { text: "Check her obs and the wound.", action: true },
    ];
    let mut harness = Harness::new_ui_state(
        |ui, picked: &mut Option<usize>| {
            if let Some(i) = choice_list(ui, &choices) {
                *picked = Some(i);
            }
        },
        None,
    );
    harness.run();
    harness.get_by_label("What do you say or do?");
    harness.get_by_label("1. \"I can see you're frightened.\"").click();
    harness.run();
    assert_eq!(*harness.state(), Some(0));
    harness.get_by_label("2. Do: Check her obs and the wound.").click();
    harness.run();
    assert_eq!(*harness.state(), Some(1));
}

#[test]
fn the_feedback_card_shows_ratings_skills_feedback_and_the_better_choice() {
    // Blaming the staffing at the first step: not the best.
    let review = played(&[2]).scores().steps.pop().unwrap();
    let better = review.better.clone().unwrap();
    let mut harness = Harness::new_ui_state(
        |ui, go_on: &mut bool| {
            if feedback_card(ui, &review) {
                *go_on = true;
            }
        },
        false,
    );
    harness.run();
    harness.get_by_label(&format!("You said: \"{}\"", review.say));
    harness.get_by_label(&format!("Empathy {} of 4 · Clarity {} of 4", review.empathy, review.clarity));
    harness.get_by_label(&review.feedback);
    harness.get_by_label("A better choice here:");
    harness.get_by_label(&format!("\"{}\" (empathy {}, clarity {})", better.say, better.empathy, better.clarity));
    assert!(harness.query_by_label("Safety error").is_none());
    assert!(!*harness.state());
    harness.get_by_label("Continue (Enter)").click();
    harness.run();
    assert!(*harness.state());
}

#[test]
fn a_safety_error_heads_the_feedback_card_with_its_reason() {
    // Apologise, then treat the pain without assessing it.
    let review = played(&[1, 2]).scores().steps.pop().unwrap();
    let hazard = review.hazard.clone().expect("a hazard");
    let mut harness = Harness::new_ui_state(
        |ui, _: &mut ()| {
            feedback_card(ui, &review);
        },
        (),
    );
    harness.run();
    let head = harness.get_by_label("Safety error");
    let why = format!("Why it is unsafe: {hazard}");
    let reason = harness.get_by_label(&why);
    let feedback = harness.get_by_label(&review.feedback);
    assert!(head.rect().top() < reason.rect().top() && reason.rect().top() < feedback.rect().top());
    // An action is shown as what was done, not as speech.
    let action = played(&[1, 1]).scores().steps.pop().unwrap();
    let mut harness = Harness::new_ui_state(
        |ui, _: &mut ()| {
            feedback_card(ui, &action);
        },
        (),
    );
    harness.run();
    harness.get_by_label(&format!("You did: {}", action.say));
}

#[test]
fn the_debrief_puts_safety_errors_first_and_ticks_each_objective_met_or_not() {
    let run = played(&[2, 1, 2]);
    let scores = run.scores();
    assert_eq!(scores.safety_errors.len(), 1);
    let mut harness = Harness::new_ui_state(
        |ui, action: &mut Option<DebriefAction>| {
            if let Some(a) = debrief_view(ui, &run, &scores, &[]) {
                *action = Some(a);
            }
        },
        None,
    );
    harness.set_size(bevy_egui::egui::vec2(1200.0, 4000.0));
    harness.run();
    let errors = harness.get_by_label("Safety errors (1)");
    let outcome = harness.get_by_label("Outcome: Partial");
    assert!(errors.rect().top() < outcome.rect().top(), "the safety error heads the debrief");
    harness.get_by_label(&format!("Why it is unsafe: {}", scores.safety_errors[0].hazard));
    harness.get_by_label("Objectives: 1 of 2 met on this run");
    harness.get_by_label("[met] 1. Acknowledge the wait");
    harness.get_by_label("[not met] 2. Assess the pain before treating it");
    harness.get_by_label(&format!("Overall: {:.1}", scores.overall));
    harness.get_by_label(&format!("Missed opportunities ({})", scores.missed_opportunities.len()));
    harness.get_by_label("Replay (R)").click();
    harness.run();
    assert_eq!(*harness.state(), Some(DebriefAction::Replay));
}

#[test]
fn an_objective_no_choice_meets_is_marked_not_checked_rather_than_not_met() {
    // A version 1 scenario: no `meets` anywhere.
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("crates/bedside-records/fixtures/pain-ignored.ron");
    let script = Arc::new(load_file(&path).script.unwrap());
    let mut run = Encounter::new(script.clone(), 1);
    while !run.is_over() {
        let first = *run.offered().iter().min().unwrap();
        run.choose(first).unwrap();
    }
    let scores = run.scores();
    let mut harness =
        Harness::new_ui_state(|ui, _: &mut ()| bedside::app::debrief::view::objectives(ui, &script, &scores), ());
    harness.run();
    let first = &script.scenario().objectives[0];
    harness.get_by_label(&format!("[not checked by this scenario] 1. {first}"));
}

#[test]
fn the_transcript_says_the_reply_to_the_last_choice_before_the_patients_next_line() {
    let run = played(&[1]);
    let mut harness = Harness::new_ui_state(|ui, _: &mut ()| transcript(ui, &run, &[]), ());
    harness.run();
    let reply = harness.get_by_label("Eleni Georgiou: \"Well. You're here now, I suppose.\"");
    let said = format!("Eleni Georgiou: \"{}\"", run.says());
    let line = harness.get_by_label(&said);
    assert!(reply.rect().top() < line.rect().top());
    harness.get_by_label("You: \"I'm sorry you waited so long. I'm here now.\"");
}

#[test]
fn the_briefing_lists_the_guidance_the_scenario_follows() {
    let script = fixture("clean-v2.ron");
    let mut harness = Harness::new_ui_state(
        |ui, _: &mut ()| {
            bedside::app::briefing::view::briefing_view(ui, &script, bedside::app::settings::Mode::Practice);
        },
        (),
    );
    harness.run();
    harness.get_by_label("Follows this guidance");
    harness.get_by_label("• NMC The Code (2018)");
    harness.get_by_label("• RCP National Early Warning Score (NEWS) 2 (2017)");
}

#[test]
fn the_review_state_never_prints_the_passphrase() {
    let st = bedside::app::review::view::ReviewState {
        passphrase: "ward seven secret".into(),
        confirm: "ward seven secret".into(),
        ..Default::default()
    };
    let shown = format!("{st:?} {st:#?}");
    assert!(!shown.contains("ward seven secret"), "{shown}");
    assert!(shown.contains("(hidden)"));
}

#[test]
fn the_history_view_lists_attempts_newest_first_and_opens_the_one_asked_for() {
    use bedside::app::history::view::{HistoryAction, history_view};
    let config = tempfile::tempdir().unwrap();
    let mut store = bedside_records::store::Store::open_dir(config.path()).unwrap();
    for seed in 0..3 {
        let t = jiff::Timestamp::from_second(1_780_000_000 + seed as i64 * 86_400).unwrap();
        record_played(&mut store, "internet-diagnosis", "Kim", seed, t, |o| o[0]);
    }
    let rows = bedside_records::report::attempts(&store, &Default::default()).unwrap();
    let mut harness = Harness::new_ui_state(
        |ui, action: &mut Option<HistoryAction>| {
            if let Some(a) = history_view(ui, "Kim's practice history", &rows, None) {
                *action = Some(a);
            }
        },
        None,
    );
    harness.set_size(bevy_egui::egui::vec2(1200.0, 900.0));
    harness.run();
    harness.get_by_label("Scores of the 3 completed attempts, oldest to newest");
    let opens = harness.query_all_by_label("Open").count();
    assert_eq!(opens, 3);
    // The first row shown is the newest attempt.
    harness.query_all_by_label("Open").next().unwrap().click();
    harness.run();
    assert_eq!(*harness.state(), Some(HistoryAction::Open(rows[2].row)));
}

#[test]
fn the_cohort_table_names_trainees_and_scenarios_and_opens_their_pages() {
    use bedside::app::review::view::{
        Page, ReviewAction, Sort, cohort_cell, cohort_cell_words, cohort_rows, cohort_table,
    };
    use bedside_records::report::{Cell, Cohort};
    let cohort = Cohort {
        trainees: vec!["Ana".into(), "Ben".into()],
        scenarios: vec!["internet-diagnosis".into()],
        cells: vec![
            Cell {
                trainee: 0,
                scenario: 0,
                attempts: 3,
                completed: 2,
                best: Some(88.0),
                latest: Some(75.0),
                last_ms: 0,
                safety_errors: 2,
                latest_objectives_met: 3,
                first: None,
                resolved: 0,
                latest_outcome: None,
                latest_best_rate: None,
            },
            Cell {
                trainee: 1,
                scenario: 0,
                attempts: 1,
                completed: 0,
                best: None,
                latest: None,
                last_ms: 0,
                safety_errors: 0,
                latest_objectives_met: 0,
                first: None,
                resolved: 0,
                latest_outcome: None,
                latest_best_rate: None,
            },
        ],
    };
    let titles = std::collections::HashMap::from([("internet-diagnosis".to_owned(), "Dr Google".to_owned())]);
    let mut harness = Harness::new_ui_state(
        |ui, (sort, action): &mut (Sort, Option<ReviewAction>)| {
            if let Some(a) = cohort_table(ui, &cohort, &cohort_rows(&cohort, *sort), sort, &titles) {
                *action = Some(a);
            }
        },
        (Sort::Name, None),
    );
    harness.set_size(bevy_egui::egui::vec2(900.0, 400.0));
    harness.run();
    // Each cell is read out in words; the shown text is short.
    let ana = cohort_cell_words("Ana", "internet-diagnosis", &cohort.cells[0]);
    assert!(ana.contains("best 88") && ana.contains("3 attempts") && ana.contains("2 safety errors"), "{ana}");
    harness.get_by_label(&ana);
    harness.get_by_label(&cohort_cell_words("Ben", "internet-diagnosis", &cohort.cells[1]));
    assert_eq!(cohort_cell(&cohort.cells[1]), "- ×1\n⏸1 left");
    harness.get_by_label("Ben").click();
    harness.run();
    assert_eq!(harness.state().1, Some(ReviewAction::Show(Page::Trainee("Ben".into()))));
    harness.get_by_label("Dr Google (internet-diagnosis): open its page").click();
    harness.run();
    assert_eq!(harness.state().1, Some(ReviewAction::Show(Page::Scenario("internet-diagnosis".into()))));
}

#[test]
fn the_scenario_page_shows_the_spread_the_endings_and_what_people_chose_at_each_node() {
    use bedside::app::review::view::scenario_page;
    let dir = tempfile::tempdir().unwrap();
    let mut store = bedside_records::store::Store::open_dir(dir.path()).unwrap();
    for seed in 0..6u64 {
        let pick = move |o: &[usize]| o[(seed as usize) % o.len()];
        record_played(&mut store, "internet-diagnosis", "Ana", seed, jiff::Timestamp::now(), pick);
    }
    let filter = bedside_records::report::Filter { scenario: Some("internet-diagnosis".into()), ..Default::default() };
    let summary = bedside_records::report::scenario(&store, &filter).unwrap();
    let mut harness = Harness::new_ui(|ui| {
        scenario_page(ui, &summary);
    });
    harness.set_size(bevy_egui::egui::vec2(1200.0, 6000.0));
    harness.run();
    harness.get_by_label(&format!(
        "{} attempts, 0 abandoned; mean overall score {:.1}",
        summary.attempts,
        summary.mean_overall.unwrap()
    ));
    for e in &summary.endings {
        harness.get_by_label(&format!("{} × {} ({})", e.count, e.ending, e.outcome));
    }
    let first = &summary.nodes[0];
    harness.get_by_label(&format!("Patient: \"{}\"", first.patient));
}

// ---- Replying in your own words. ----

#[test]
fn the_reply_box_sends_what_was_typed_and_nothing_when_empty() {
    use bedside::app::encounter::Input;
    use bedside::app::encounter::view::reply_box;
    let mut harness = Harness::new_ui_state(
        |ui, (draft, sent): &mut (String, Option<Input>)| {
            if let Some(i) = reply_box(ui, draft) {
                *sent = Some(i);
            }
        },
        (String::new(), None),
    );
    harness.run();
    harness.get_by_label("Send (Enter)").click();
    harness.run();
    assert_eq!(harness.state().1, None, "an empty reply is not sent");
    harness.get_by_label("Your reply").type_text("I'm so sorry you waited");
    harness.run();
    assert_eq!(harness.state().0, "I'm so sorry you waited");
    harness.get_by_label("Send (Enter)").click();
    harness.run();
    assert_eq!(harness.state().1, Some(Input::Submit));
}

#[test]
fn a_typed_reply_shows_the_closest_choices_and_its_reading_in_the_feedback() {
    use bedside::app::encounter::view::{feedback_card_typed, matching_view};
    use bedside::app::encounter::{Input, Matching};
    let script = fixture("clean-v2.ron");
    let current = Current {
        run: Encounter::new(script.clone(), 4),
        mode: bedside::app::settings::Mode::Practice,
        phase: Phase::Choosing,
        time_limit: None,
        time_left: None,
        own_words: true,
        typed: Vec::new(),
        reading: None,
    };
    let m = Matching {
        text: "sorry about the wait".into(),
        ranked: Vec::new(),
        best: Some(0),
        runner_up: Some(1),
        show_all: false,
    };
    let mut harness = Harness::new_ui_state(
        |ui, picked: &mut Option<Input>| {
            if let Some(i) = matching_view(ui, &current, &m) {
                *picked = Some(i);
            }
        },
        None,
    );
    harness.run();
    harness.get_by_label("Closest to what you said:");
    harness.get_by_label("You wrote: \"sorry about the wait\"");
    harness
        .get_by_label("2. \"We have been run off our feet tonight with two very poorly patients in the next bay.\"")
        .click();
    harness.run();
    assert_eq!(*harness.state(), Some(Input::Confirm(1)));
    harness.get_by_label("None of these: show every choice (0)").click();
    harness.run();
    assert_eq!(*harness.state(), Some(Input::ShowAll));

    // The feedback card puts the reading of the words beside the author's feedback.
    let review = played(&[1]).scores().steps.pop().unwrap();
    let reading = bedside_core::reply::read(
        "so sorry you waited, that must have been scary. what happened?",
        &bedside_core::reply::rules::RULES,
        &bedside_core::text::GLOSSARY,
    );
    let mut harness = Harness::new_ui_state(
        |ui, _: &mut ()| {
            feedback_card_typed(
                ui,
                &review,
                Some(("so sorry you waited, that must have been scary. what happened?", &reading)),
            );
        },
        (),
    );
    harness.run();
    harness.get_by_label("Your own words");
    harness.get_by_label("What your words did: naming, exploring");
    harness.get_by_label("Feelings you named: fear");
    harness.get_by_label("You asked an open question.");
    harness.get_by_label(&review.feedback);
}

#[test]
fn the_sync_line_says_whether_an_lrs_is_set_how_far_a_sync_has_got_and_how_the_last_one_went() {
    use bedside::app::review::view::{ReviewAction, SyncView, sync_row};
    use bedside_records::xapi::{Progress, Pulled};
    let draw = |sync: SyncView| {
        let mut harness = Harness::new_ui_state(
            move |ui, action: &mut Option<ReviewAction>| {
                if let Some(a) = sync_row(ui, &sync) {
                    *action = Some(a);
                }
            },
            None,
        );
        harness.set_size(bevy_egui::egui::vec2(1200.0, 200.0));
        // A spinner repaints for ever: a few frames, not until it settles.
        harness.run_steps(3);
        harness
    };
    let h = draw(SyncView::default());
    h.get_by_label("No learning record store is set, so this review shows the attempts made on this computer only.");
    assert!(h.query_by_label("Sync from LRS").is_none());

    let h = draw(SyncView {
        configured: true,
        running: Some(Progress { pages: 3, statements: 1200 }),
        ..SyncView::default()
    });
    h.get_by_label("Syncing from the LRS: 1200 statements read (3 pages)…");
    assert!(h.query_by_label("Sync from LRS").is_none(), "no second sync while one runs");

    let last = Pulled {
        new: 12,
        updated: 1,
        in_progress: 2,
        skipped: 3,
        finished: Some(jiff::Timestamp::from_second(1_780_000_000).unwrap()),
        ..Pulled::default()
    };
    let when = jiff::Timestamp::from_second(1_780_000_000)
        .unwrap()
        .to_zoned(jiff::tz::TimeZone::system())
        .strftime("%Y-%m-%d %H:%M")
        .to_string();
    let mut h = draw(SyncView { configured: true, last: Some(last), ..SyncView::default() });
    h.get_by_label(&format!(
        "Last synced {when}: 12 new, 1 updated, 2 waiting for the rest of their statements, 3 statements skipped (not Bedside's, or not readable)."
    ));
    h.get_by_label("Sync from LRS").click();
    h.run_steps(2);
    assert_eq!(*h.state(), Some(ReviewAction::Sync));

    let h = draw(SyncView {
        configured: true,
        error: Some("the LRS at x did not answer within 60 s".into()),
        ..SyncView::default()
    });
    h.get_by_label("The last sync stopped: the LRS at x did not answer within 60 s");
}

#[test]
fn an_attempt_pulled_without_its_scenario_text_shows_its_steps_words_and_ratings() {
    use bedside::app::history::view::{StoredDebrief, stored_debrief};
    let mut run = Encounter::new(script("internet-diagnosis"), 2);
    while !run.is_over() {
        let c = run.offered()[0];
        run.choose(c).unwrap();
    }
    let at = jiff::Timestamp::from_second(1_780_000_000).unwrap();
    let local = bedside_records::Attempt::from_encounter(&run, "Ana", Default::default(), at, &[], at);
    let (_, scores) = local.review().unwrap();
    // As a pull stores it when this computer lacks the version: no text, the words kept.
    let mut pulled =
        bedside_records::Attempt { source: String::new(), origin: bedside_records::Origin::Lrs, ..local.clone() };
    for (s, r) in pulled.steps.iter_mut().zip(&scores.steps) {
        s.said = Some(r.say.clone());
        s.reaction = Some(r.patient.clone());
    }
    let d = StoredDebrief::new(pulled);
    assert!(d.review.is_none());
    let mut harness = Harness::new_ui(move |ui| stored_debrief(ui, &d));
    harness.set_size(bevy_egui::egui::vec2(1400.0, 1400.0));
    harness.run();
    harness.get_by_label("This attempt was made on another computer, with a version of the scenario that is not on this one, so its full debrief cannot be rebuilt here. Its scores, and what was said at each step with its ratings, are shown.");
    harness.get_by_label(&scores.steps[0].patient);
    harness.get_by_label(&format!("\"{}\"", scores.steps[0].say));
    harness.get_by_label(&format!("{} · {}", scores.steps[0].empathy, scores.steps[0].clarity));
}

#[test]
fn the_roster_page_lists_who_never_started_first_and_adds_a_typed_name_with_its_staff_id() {
    use bedside::app::review::people::{RosterForm, roster_order, roster_page};
    use bedside::app::review::view::ReviewAction;
    let dir = tempfile::tempdir().unwrap();
    let mut store = bedside_records::store::Store::open_dir(dir.path()).unwrap();
    record_played(&mut store, "internet-diagnosis", "Ana", 1, jiff::Timestamp::now(), |o| o[0]);
    store.import_roster("name,staff_id\nAna,N1\nZoe,N2\n").unwrap().unwrap();
    let rows = roster_order(bedside_records::report::roster_status(&store, &Default::default()).unwrap());
    assert_eq!(rows[0].name, "Zoe", "never started comes first");
    let mut harness = Harness::new_ui_state(
        |ui, (form, action): &mut (RosterForm, Option<ReviewAction>)| {
            if let Some(a) = roster_page(ui, &rows, form) {
                *action = Some(a);
            }
        },
        (RosterForm::default(), None),
    );
    harness.set_size(bevy_egui::egui::vec2(1200.0, 700.0));
    harness.run();
    harness.get_by_label("2 on the roster, 1 never started.");
    harness.get_by_label("○ never started");
    harness.get_by_label("Remove Zoe from the roster");
    let text_input = bevy_egui::egui::accesskit::Role::TextInput;
    for (field, text) in [("Name", "Cai Jones"), ("Staff ID (optional)", " N3 ")] {
        harness.get_by_role_and_label(text_input, field).focus();
        harness.run();
        harness.get_by_role_and_label(text_input, field).type_text(text);
        harness.run();
    }
    harness.run();
    assert_eq!(harness.state().0.name, "Cai Jones");
    assert_eq!(harness.state().0.staff_id, " N3 ");
    harness.get_by_label("Add to roster").click();
    harness.run();
    assert_eq!(
        harness.state().1,
        Some(ReviewAction::AddToRoster { name: "Cai Jones".into(), staff_id: Some("N3".into()) })
    );
    harness.get_by_label("Remove Zoe from the roster").click();
    harness.run();
    assert_eq!(harness.state().1, Some(ReviewAction::RemoveFromRoster("Zoe".into())));
}

#[test]
fn the_skills_page_shows_the_profile_and_the_most_missed_moments_which_open_their_scenario() {
    use bedside::app::review::skills::{skills_page, week_points};
    use bedside::app::review::view::{Page, ReviewAction};
    use bedside_records::report;
    let dir = tempfile::tempdir().unwrap();
    let mut store = bedside_records::store::Store::open_dir(dir.path()).unwrap();
    for (seed, who) in [(1, "Ana"), (2, "Ben"), (3, "Cai")] {
        record_played(&mut store, "internet-diagnosis", who, seed, jiff::Timestamp::now(), |o| {
            *o.iter().max().unwrap()
        });
    }
    let f = report::Filter::default();
    let profile = report::profile(&store, &f).unwrap();
    let weeks = week_points(&report::skills_by_week(&store, &f).unwrap());
    let moments = report::missed_moments(&store, &f, 1).unwrap();
    assert!(!moments.is_empty(), "always taking the last choice misses some cue");
    let first = moments[0].clone();
    let mut harness = Harness::new_ui_state(
        |ui, (min, action): &mut (String, Option<ReviewAction>)| {
            if let Some(a) = skills_page(ui, &profile, &weeks, &moments, min) {
                *action = Some(a);
            }
        },
        ("1".to_owned(), None),
    );
    harness.set_size(bevy_egui::egui::vec2(1200.0, 2400.0));
    harness.run();
    harness.get_by_label("Skills profile");
    let heading = format!("1. Missed {} of {} times ({:.0}%)", first.missed, first.visits, first.rate);
    harness.get_by_label(&heading);
    harness.query_all_by_label(&first.title).next().unwrap().click();
    harness.run();
    assert_eq!(harness.state().1, Some(ReviewAction::Show(Page::Scenario(first.scenario.clone()))));
}

// ---- The designed theme, the start screen and the library's grid. ----

#[test]
fn the_start_views_name_field_is_found_by_its_label_and_creates_the_profile_typed() {
    use bedside::app::start::view::{NAME_LABEL, StartAction, start_view};
    let trainees = vec!["Ana Silva".to_owned()];
    let mut harness = Harness::new_ui_state(
        |ui, (name, action): &mut (String, Option<StartAction>)| {
            if let Some(a) = start_view(ui, &trainees, None, name) {
                *action = Some(a);
            }
        },
        (String::new(), None),
    );
    harness.set_size(bevy_egui::egui::vec2(1280.0, 800.0));
    harness.run();
    // The field is announced by its label, not as a nameless text box.
    harness.get_by_label(NAME_LABEL).type_text("Tess Moyo");
    harness.run();
    assert_eq!(harness.state().0, "Tess Moyo");
    harness.get_by_label("Create profile").click();
    harness.run();
    assert_eq!(harness.state().1, Some(StartAction::Create("Tess Moyo".into())));
    // A profile is a button read by its name; the actions are read by their words.
    harness.get_by_label("Ana Silva").click();
    harness.run();
    assert_eq!(harness.state().1, Some(StartAction::Select("Ana Silva".into())));
    harness.get_by_label("Educator review").click();
    harness.run();
    assert_eq!(harness.state().1, Some(StartAction::Review));

    // With a profile chosen, the primary action names who continues.
    let mut harness = Harness::new_ui_state(
        |ui, action: &mut Option<StartAction>| {
            let mut name = String::new();
            if let Some(a) = start_view(ui, &trainees, Some("Ana Silva"), &mut name) {
                *action = Some(a);
            }
        },
        None,
    );
    harness.set_size(bevy_egui::egui::vec2(1920.0, 1080.0));
    harness.run();
    harness.get_by_label("Continue as Ana Silva (Enter)").click();
    harness.run();
    assert_eq!(*harness.state(), Some(StartAction::Continue));
    harness.get_by_label("My history").click();
    harness.run();
    assert_eq!(*harness.state(), Some(StartAction::History));
}

#[test]
fn the_library_grid_shows_a_card_per_scenario_with_its_difficulty_and_your_best_or_not_tried_yet() {
    use bedside::app::library::view::{Filter, LibraryAction, library_view};
    use bedside::app::settings::Mode;
    use bedside_core::scenario::Difficulty;
    let library = bedside_core::scenario::load::Library::load(&[scenarios()]);
    let scripts: Vec<&Script> = library.scripts().collect();
    assert!(scripts.len() >= 10, "the shipped library");
    let tried = scripts[1].id().to_owned();
    let best = std::collections::HashMap::from([(tried.clone(), 82.5)]);
    let mut harness = Harness::new_ui_state(
        |ui, (filter, mode, own, columns, action): &mut (Filter, Mode, bool, usize, Option<LibraryAction>)| {
            if let Some(a) = library_view(ui, &scripts, filter, mode, own, &best, &[], 0, columns) {
                *action = Some(a);
            }
        },
        (Filter::default(), Mode::Practice, false, 0, None),
    );
    harness.set_size(bevy_egui::egui::vec2(1280.0, 9000.0));
    harness.run();
    assert_eq!(harness.state().3, 3, "three columns at 1280 wide");
    for s in &scripts {
        let title = &s.scenario().title;
        harness.get_by_label(&format!("Open \"{}\"", title.trim_matches('"')));
    }
    for d in Difficulty::ALL {
        let cards = scripts.iter().filter(|s| s.scenario().difficulty == d).count();
        assert_eq!(harness.query_all_by_label(d.name()).count(), cards, "{} as a word on each card", d.name());
    }
    harness.get_by_label("Your best: 82.5");
    assert_eq!(harness.query_all_by_label("Not tried yet").count(), scripts.len() - 1);
    // The filter's labels come before their boxes and name them.
    let difficulty = harness.get_by_label("Difficulty");
    assert!(harness.query_by_label("Topic").is_some());
    assert!(difficulty.rect().left() < harness.get_by_label("Topic").rect().left());
    let title = scripts[1].scenario().title.trim_matches('"').to_owned();
    harness.get_by_label(&format!("Open \"{title}\"")).click();
    harness.run();
    assert_eq!(harness.state().4, Some(LibraryAction::Open(tried)));
}

#[test]
fn the_library_grid_has_three_columns_at_1280_and_four_at_1920() {
    use bedside::app::library::view::columns_for;
    // The width left for cards: the window in points (text size Medium zooms
    // by 1.1) less the screen's margins and the scroll bar.
    let cards = |window: f32| window / 1.1 - 64.0 - 12.0;
    assert_eq!(columns_for(cards(1280.0)), 3);
    assert_eq!(columns_for(cards(1920.0)), 4);
    assert_eq!(columns_for(300.0), 1);
    assert_eq!(columns_for(f32::NAN), 1);
    assert_eq!(columns_for(10_000.0), 4);
}

#[test]
fn every_theme_has_readable_contrast_for_text_on_panels_cards_buttons_and_fields() {
    use bedside::app::settings::{Settings, Theme};
    use bedside::app::theme::{contrast, palette, style};
    for theme in Theme::ALL {
        for high_contrast in [false, true] {
            let settings = Settings { theme, high_contrast, ..Settings::default() };
            let v = style(&settings).visuals;
            let p = palette(theme, high_contrast);
            let checks = [
                ("body text on the panel", v.text_color(), v.panel_fill),
                ("body text on a card", v.text_color(), v.window_fill),
                ("weak text on the panel", v.weak_text_color(), v.panel_fill),
                ("weak text on a card", v.weak_text_color(), v.window_fill),
                ("strong text on a card", v.strong_text_color(), v.window_fill),
                ("button text on a button", v.widgets.inactive.text_color(), v.widgets.inactive.weak_bg_fill),
                ("hovered button text", v.widgets.hovered.text_color(), v.widgets.hovered.weak_bg_fill),
                ("typed text in a field", v.text_color(), v.text_edit_bg_color()),
                ("selected text on its fill", v.selection.stroke.color, v.selection.bg_fill),
                ("a link on a card", v.hyperlink_color, v.window_fill),
                ("an error on the panel", v.error_fg_color, v.panel_fill),
                ("a warning on a card", v.warn_fg_color, v.window_fill),
                ("the primary button's text", p.on_accent, p.accent),
            ];
            for (what, fg, bg) in checks {
                let ratio = contrast(fg, bg);
                assert!(ratio >= 4.5, "{theme:?} (high contrast {high_contrast}): {what} is {ratio:.2}:1");
            }
            if high_contrast {
                assert!(contrast(v.text_color(), v.panel_fill) >= 15.0, "{theme:?}: high contrast is high");
            }
            // Edges of buttons and fields are visible (3:1, WCAG non-text contrast).
            assert!(contrast(v.widgets.inactive.bg_stroke.color, v.window_fill) >= 3.0, "{theme:?} edges");
        }
    }
}

#[test]
fn the_settings_view_offers_the_light_and_the_dark_theme() {
    use bedside::app::settings::view::settings_view;
    use bedside::app::settings::{Settings, Theme};
    let mut harness = Harness::new_ui_state(
        |ui, settings: &mut Settings| {
            settings_view(ui, settings, None);
        },
        Settings::default(),
    );
    harness.set_size(bevy_egui::egui::vec2(1280.0, 900.0));
    harness.run();
    assert_eq!(harness.state().theme, Theme::Light);
    harness.get_by_label("Dark").click();
    harness.run();
    assert_eq!(harness.state().theme, Theme::Dark);
    harness.get_by_label("High-contrast colours");
    harness.get_by_label("Extra large");
}

#[test]
fn the_body_language_is_told_to_screen_readers_when_it_is_not_shown_and_read_with_the_caption_when_it_is() {
    use bedside::app::encounter::view::{body_language_caption, body_language_for_screen_readers};
    let line = "She grips the arm of the sofa, breathing fast; she glances at you, then away.";
    let said = format!("Body language: {line}");
    let harness = Harness::new_ui(|ui| body_language_for_screen_readers(ui, line));
    let node = harness.get_by_label(&said);
    assert_eq!(node.rect().size(), bevy_egui::egui::Vec2::ZERO, "nothing is drawn");
    let harness = Harness::new_ui(|ui| body_language_caption(ui, line));
    let node = harness.get_by_label(&said);
    assert!(node.rect().width() > 100.0, "the caption is drawn");
}

#[test]
fn every_shipped_persons_body_language_names_them_rightly_and_follows_distress_and_trust() {
    use bedside_face::{Expression, caption};
    let library = bedside_core::scenario::load::Library::load(&[scenarios()]);
    for script in library.scripts() {
        let p = &script.scenario().patient;
        let she = p.look.is_she(&p.about);
        let calm = caption(&Expression::from_state(10.0, 90.0, None), &p.look, she);
        let upset = caption(&Expression::from_state(90.0, 10.0, Some("Fear")), &p.look, she);
        assert_ne!(calm, upset, "{}: the words follow the state", script.id());
        let (right, wrong) = if she {
            (["she", "her", "hers"], ["he", "his", "him"])
        } else {
            (["he", "his", "him"], ["she", "her", "hers"])
        };
        for c in [&calm, &upset] {
            let words: Vec<String> = c.split(|ch: char| !ch.is_alphabetic()).map(str::to_lowercase).collect();
            assert!(words.iter().any(|w| right.contains(&w.as_str())), "{}: {c:?} names {}", script.id(), p.name);
            assert!(!words.iter().any(|w| wrong.contains(&w.as_str())), "{}: {c:?} misnames {}", script.id(), p.name);
        }
    }
}

/// A run of `id` whose current line is said by `who` (another person in the
/// scene), found by trying seeds and always taking the first choice shown.
fn run_to_line_of(id: &str, who: &str) -> Encounter {
    let opener = format!("({who}");
    for seed in 0..200 {
        let mut run = Encounter::new(script(id), seed);
        while !run.is_over() {
            if run.says().starts_with(&opener) {
                return run;
            }
            let pick = run.offered()[(seed as usize) % run.offered().len()];
            run.choose(pick).unwrap();
        }
    }
    panic!("no run of {id} reaches a line of {who}");
}

#[test]
fn a_line_another_person_says_is_named_as_theirs_and_spoken_in_their_own_voice() {
    use bedside::app::encounter::view::transcript;
    use bedside::app::encounter::voice::{voice_for, voice_of};
    let run = run_to_line_of("angry-relative-ed", "Grace");
    let says = run.says().to_owned();
    {
        let harness = Harness::new_ui(|ui| transcript(ui, &run, &[]));
        harness.get_by_label(&format!("Grace: \"{says}\""));
    }
    let current = Current {
        run,
        mode: bedside::app::settings::Mode::Practice,
        phase: Phase::Choosing,
        time_limit: None,
        time_left: None,
        own_words: false,
        typed: Vec::new(),
        reading: None,
    };
    let marcus = voice_of(&current);
    assert_eq!((marcus.woman, marcus.age), (false, 52));
    let grace = voice_for(&current, &says);
    assert_eq!((grace.woman, grace.age), (true, 84), "Grace Okafor, 84, in her own voice");
    assert_eq!(voice_for(&current, "(Marcus) Six hours."), marcus);
}
