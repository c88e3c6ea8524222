//! The app without a window: egui views under egui_kittest, and the whole app
//! (MinimalPlugins plus its own plugins) driven through its screens by keys.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use bedside::app::encounter::{Current, Phase};
use bedside::app::session::Session;
use bedside::app::views::debrief::{DebriefAction, debrief_view};
use bedside::app::views::encounter::{Offered, choice_list, feedback_card, transcript};
use bedside::app::{AppPlugin, Options, Screen};
use bedside_core::play::encounter::Encounter;
use bedside_core::play::script::Script;
use bedside_core::scenario::load::load_file;
use bevy::prelude::*;
use bevy::state::app::StatesPlugin;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

fn scenarios() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios")
}

fn script(id: &str) -> Arc<Script> {
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
        Harness::new_ui_state(|ui, _: &mut ()| bedside::app::views::debrief::objectives(ui, &script, &scores), ());
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
            bedside::app::views::briefing::briefing_view(ui, &script, bedside::app::settings::Mode::Practice);
        },
        (),
    );
    harness.run();
    harness.get_by_label("Follows this guidance");
    harness.get_by_label("• NMC The Code (2018)");
    harness.get_by_label("• RCP National Early Warning Score (NEWS) 2 (2017)");
}

/// The app with no window: MinimalPlugins, states, a keyboard resource we press
/// ourselves, and the app's own plugins.
fn headless(config: &Path) -> App {
    let mut app = App::new();
    app.add_plugins((MinimalPlugins, StatesPlugin)).init_resource::<ButtonInput<KeyCode>>().add_plugins(AppPlugin {
        options: Options {
            scenarios: Some(scenarios()),
            play: None,
            config: Some(config.to_path_buf()),
            data: Some(config.join("data")),
            seed: None,
        },
    });
    app.update();
    app
}

fn press(app: &mut App, key: KeyCode) {
    app.world_mut().resource_mut::<ButtonInput<KeyCode>>().press(key);
    app.update();
    let mut keys = app.world_mut().resource_mut::<ButtonInput<KeyCode>>();
    keys.release(key);
    keys.clear();
    // One more frame applies any state change the key asked for.
    app.update();
}

fn screen(app: &App) -> Screen {
    *app.world().resource::<State<Screen>>().get()
}

#[test]
fn a_whole_encounter_driven_by_keys_ends_in_a_debrief_whose_scores_match_the_core() {
    let config = tempfile::tempdir().unwrap();
    let mut app = headless(config.path());
    assert_eq!(screen(&app), Screen::Start);
    app.world_mut().resource_mut::<Session>().create("Sam Okoro").unwrap();
    press(&mut app, KeyCode::Enter);
    assert_eq!(screen(&app), Screen::Library);
    // The first card is selected; Down moves to the second; Enter opens it.
    press(&mut app, KeyCode::ArrowDown);
    press(&mut app, KeyCode::Enter);
    assert_eq!(screen(&app), Screen::Briefing);
    let chosen = app.world().resource::<Session>().selected.clone().unwrap();
    press(&mut app, KeyCode::Enter);
    assert_eq!(screen(&app), Screen::Encounter);
    let seed = app.world().resource::<Current>().run.seed();
    assert_eq!(app.world().resource::<Current>().run.script().id(), chosen);

    // Play by keys: always the first choice shown; Enter after each feedback card.
    let mut shadow = Encounter::new(script(&chosen), seed);
    let mut steps = 0;
    while screen(&app) == Screen::Encounter {
        let shown = app.world().resource::<Current>().run.offered().to_vec();
        assert_eq!(shown, shadow.offered(), "the app shows the core's choices in the seeded order");
        shadow.choose(shown[0]).unwrap();
        press(&mut app, KeyCode::Digit1);
        steps += 1;
        let phase = app.world().resource::<Current>().phase.clone();
        assert!(matches!(phase, Phase::Feedback(_)), "practice mode shows feedback after a choice");
        press(&mut app, KeyCode::Enter);
        assert!(steps < 100, "the encounter should end");
    }
    assert_eq!(screen(&app), Screen::Debrief);
    let current = app.world().resource::<Current>();
    assert!(current.run.is_over());
    assert_eq!(current.run.scores(), shadow.scores());
    assert_eq!(current.run.ending().map(|e| e.0.to_owned()), shadow.ending().map(|e| e.0.to_owned()));
    let best = app.world().resource::<Session>().best[&chosen];
    assert_eq!(best, shadow.scores().overall);

    // R replays the same scenario with a new run.
    press(&mut app, KeyCode::KeyR);
    assert_eq!(screen(&app), Screen::Encounter);
    assert!(app.world().resource::<Current>().run.steps().is_empty());
}

#[test]
fn assessment_mode_gives_no_feedback_until_the_debrief() {
    let config = tempfile::tempdir().unwrap();
    let mut app = headless(config.path());
    {
        let mut session = app.world_mut().resource_mut::<Session>();
        session.create("Ade").unwrap();
        session.mode = bedside::app::settings::Mode::Assessment;
    }
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Enter);
    assert_eq!(screen(&app), Screen::Encounter);
    while screen(&app) == Screen::Encounter {
        press(&mut app, KeyCode::Digit1);
        if screen(&app) == Screen::Encounter {
            assert_eq!(app.world().resource::<Current>().phase, Phase::Choosing);
        }
    }
    assert_eq!(screen(&app), Screen::Debrief);
}

#[test]
fn a_missing_scenario_folder_and_an_unwritable_config_are_messages_not_panics() {
    let dir = tempfile::tempdir().unwrap();
    let not_a_folder = dir.path().join("file");
    std::fs::write(&not_a_folder, "x").unwrap();
    let mut app = App::new();
    app.add_plugins((MinimalPlugins, StatesPlugin)).init_resource::<ButtonInput<KeyCode>>().add_plugins(AppPlugin {
        options: Options {
            scenarios: Some(dir.path().join("nowhere")),
            play: None,
            config: Some(not_a_folder.clone()),
            data: Some(not_a_folder.join("data")),
            seed: None,
        },
    });
    app.update();
    let notice = app.world().resource::<bedside::app::Notice>();
    assert!(notice.messages.iter().any(|m| m.contains("was not found")), "{:?}", notice.messages);
    let mut session = app.world_mut().resource_mut::<Session>();
    session.create("Kim").unwrap();
    let err =
        bedside::app::session::save_profiles(&bedside::app::settings::ConfigDir(Some(not_a_folder)), &["Kim".into()]);
    assert!(err.is_err());
}

/// Updates the app until `done` holds, for up to three seconds.
fn update_until(app: &mut App, done: impl Fn(&App) -> bool) -> bool {
    let start = std::time::Instant::now();
    while start.elapsed() < std::time::Duration::from_secs(3) {
        app.update();
        if done(app) {
            return true;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    false
}

/// The headless app showing (and watching) the scenario folder `dir`.
fn on_folder(dir: &Path, config: &Path) -> App {
    let mut app = App::new();
    app.add_plugins((MinimalPlugins, StatesPlugin)).init_resource::<ButtonInput<KeyCode>>().add_plugins(AppPlugin {
        options: Options {
            scenarios: Some(dir.to_path_buf()),
            play: None,
            config: Some(config.to_path_buf()),
            data: Some(config.join("data")),
            seed: None,
        },
    });
    app.update();
    app
}

#[test]
fn saving_a_scenario_reloads_it_and_a_broken_save_keeps_the_last_good_version_with_its_errors() {
    use bedside::app::library::ScenarioLibrary;
    let dir = tempfile::tempdir().unwrap();
    let config = tempfile::tempdir().unwrap();
    let file = dir.path().join("skeleton.ron");
    let text = bedside_core::scenario::skeleton::skeleton("live-one", "skeleton.ron");
    std::fs::write(&file, &text).unwrap();
    let mut app = on_folder(dir.path(), config.path());
    let title =
        |app: &App| app.world().resource::<ScenarioLibrary>().script("live-one").map(|s| s.scenario().title.clone());
    let errors =
        |app: &App| app.world().resource::<ScenarioLibrary>().library.diagnostics().filter(|d| d.is_error()).count();
    assert_eq!(title(&app).as_deref(), Some("A short title for the scenario list"));

    std::fs::write(&file, text.replace("A short title for the scenario list", "Edited live")).unwrap();
    assert!(update_until(&mut app, |a| title(a).as_deref() == Some("Edited live")), "the edit was not picked up");

    std::fs::write(
        &file,
        text.replace("A short title for the scenario list", "Broken").replace("goto: \"settled\"", "goto: \"setled\""),
    )
    .unwrap();
    assert!(update_until(&mut app, |a| errors(a) > 0), "the broken save was not reported");
    assert_eq!(title(&app).as_deref(), Some("Edited live"), "the last good version stays in play");
    let headline = app.world().resource::<ScenarioLibrary>().library.diagnostics().next().unwrap().headline();
    assert!(headline.contains("skeleton.ron:") && headline.contains("error[E0101]"), "{headline}");

    std::fs::write(&file, text.replace("A short title for the scenario list", "Fixed")).unwrap();
    assert!(
        update_until(&mut app, |a| errors(a) == 0 && title(a).as_deref() == Some("Fixed")),
        "fixing the file did not clear the errors"
    );
}

#[test]
fn a_first_save_that_breaks_a_file_keeps_the_version_loaded_at_start() {
    use bedside::app::library::ScenarioLibrary;
    let dir = tempfile::tempdir().unwrap();
    let config = tempfile::tempdir().unwrap();
    let file = dir.path().join("first.ron");
    let text = bedside_core::scenario::skeleton::skeleton("first-one", "first.ron");
    std::fs::write(&file, &text).unwrap();
    let mut app = on_folder(dir.path(), config.path());
    // The very first save after start breaks the file.
    std::fs::write(&file, text.replace("empathy: 4,", "empathy: 9,")).unwrap();
    let broken = |a: &App| a.world().resource::<ScenarioLibrary>().library.diagnostics().any(|d| d.is_error());
    assert!(update_until(&mut app, broken), "the broken save was not reported");
    let library = app.world().resource::<ScenarioLibrary>();
    assert!(library.script("first-one").is_some(), "the version loaded at start stays in play");
}

#[test]
fn with_the_timer_on_a_choice_not_made_in_time_is_a_silence_the_patient_reacts_to() {
    use bevy::time::TimeUpdateStrategy;
    let config = tempfile::tempdir().unwrap();
    let mut app = headless(config.path());
    {
        let mut settings = app.world_mut().resource_mut::<bedside::app::settings::Settings>();
        settings.timer = true;
        settings.timer_seconds = 1;
    }
    app.world_mut().resource_mut::<Session>().create("Lee").unwrap();
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Enter);
    assert_eq!(screen(&app), Screen::Encounter);
    let first_line = app.world().resource::<Current>().run.says().to_owned();
    // Each frame now advances a quarter of a second (the most virtual time moves in one frame).
    app.insert_resource(TimeUpdateStrategy::ManualDuration(std::time::Duration::from_millis(250)));
    for _ in 0..3 {
        app.update();
    }
    assert!(matches!(app.world().resource::<Current>().phase, Phase::Choosing), "not yet timed out");
    for _ in 0..3 {
        app.update();
    }
    let current = app.world().resource::<Current>();
    let Phase::Feedback(review) = &current.phase else { panic!("the silence should be reviewed: {:?}", current.phase) };
    assert_eq!(review.chosen, None);
    assert_eq!((review.empathy, review.clarity), (0, 0));
    assert_eq!(review.missed_opportunity, review.cue.is_some());
    assert_ne!(current.run.says(), first_line, "the patient reacts to the silence");
}

/// Creates a profile and goes by Enter through the library and briefing into
/// the first scenario's encounter.
fn begin_as(app: &mut App, trainee: &str) {
    app.world_mut().resource_mut::<Session>().create(trainee).unwrap();
    press(app, KeyCode::Enter);
    press(app, KeyCode::Enter);
    press(app, KeyCode::Enter);
    assert_eq!(screen(app), Screen::Encounter);
}

/// The records of the headless app's data folder.
fn stored(config: &Path) -> Vec<bedside_records::report::AttemptRow> {
    let store = bedside_records::store::Store::open_dir(&config.join("data")).unwrap();
    bedside_records::report::attempts(&store, &Default::default()).unwrap()
}

#[test]
fn the_review_state_never_prints_the_passphrase() {
    let st = bedside::app::views::review::ReviewState {
        passphrase: "ward seven secret".into(),
        confirm: "ward seven secret".into(),
        ..Default::default()
    };
    let shown = format!("{st:?} {st:#?}");
    assert!(!shown.contains("ward seven secret"), "{shown}");
    assert!(shown.contains("(hidden)"));
}

#[test]
fn an_authors_play_preview_with_no_profile_is_played_but_never_recorded() {
    let config = tempfile::tempdir().unwrap();
    let mut app = App::new();
    app.add_plugins((MinimalPlugins, StatesPlugin)).init_resource::<ButtonInput<KeyCode>>().add_plugins(AppPlugin {
        options: Options {
            scenarios: Some(scenarios()),
            play: Some(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/clean-v2.ron")),
            config: Some(config.path().to_path_buf()),
            data: Some(config.path().join("data")),
            seed: Some(3),
        },
    });
    for _ in 0..3 {
        app.update();
    }
    assert_eq!(screen(&app), Screen::Encounter, "--play opens straight into the scenario");
    assert_eq!(app.world().resource::<Session>().trainee, None);
    while screen(&app) == Screen::Encounter {
        press(&mut app, KeyCode::Digit1);
        if screen(&app) == Screen::Encounter {
            press(&mut app, KeyCode::Enter);
        }
    }
    assert_eq!(screen(&app), Screen::Debrief);
    assert!(stored(config.path()).is_empty(), "a preview reaches neither the cohort nor the LRS queue");
}

#[test]
fn a_finished_encounter_is_on_disk_when_the_debrief_opens_and_a_left_one_is_kept_as_abandoned() {
    let config = tempfile::tempdir().unwrap();
    let mut app = headless(config.path());
    begin_as(&mut app, "Rosa Diaz");
    while screen(&app) == Screen::Encounter {
        press(&mut app, KeyCode::Digit1);
        if screen(&app) == Screen::Encounter {
            press(&mut app, KeyCode::Enter);
        }
    }
    assert_eq!(screen(&app), Screen::Debrief);
    let rows = stored(config.path());
    assert_eq!(rows.len(), 1, "recorded before the debrief is drawn");
    let current = app.world().resource::<Current>();
    let scores = current.run.scores();
    assert_eq!(rows[0].trainee, "Rosa Diaz");
    assert_eq!(rows[0].overall, scores.overall);
    assert_eq!(rows[0].steps as usize, current.run.steps().len());
    assert_eq!(rows[0].ending.as_deref(), current.run.ending().map(|e| e.0));
    // Replay, answer once, then leave with Escape: kept as abandoned.
    press(&mut app, KeyCode::KeyR);
    assert_eq!(screen(&app), Screen::Encounter);
    press(&mut app, KeyCode::Digit1);
    press(&mut app, KeyCode::Escape);
    assert_eq!(screen(&app), Screen::Library);
    let rows = stored(config.path());
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[1].outcome, "abandoned");
    assert_eq!(rows[1].steps, 1);
}

/// Plays scenario `id` with `seed`, taking `pick` of the offered choices each
/// time, and records it for `who` as started and ended at `at`.
fn record_played(
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
fn the_history_view_lists_attempts_newest_first_and_opens_the_one_asked_for() {
    use bedside::app::views::history::{HistoryAction, history_view};
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
fn the_educator_review_unlocks_only_with_the_passphrase_then_shows_the_cohort_and_exports_csv() {
    use bedside::app::screens::review::act;
    use bedside::app::views::review::{Page, ReviewAction, ReviewState, Sort, cohort_rows};
    let dir = tempfile::tempdir().unwrap();
    let mut store = bedside_records::store::Store::open_dir(dir.path()).unwrap();
    for (who, id, pick_last) in
        [("Ana", "internet-diagnosis", false), ("Ben", "internet-diagnosis", true), ("Ben", "pain-ignored", false)]
    {
        let pick = move |o: &[usize]| if pick_last { *o.iter().max().unwrap() } else { o[0] };
        record_played(&mut store, id, who, 1, jiff::Timestamp::now(), pick);
    }
    let mut st = ReviewState {
        passphrase: "ward seven educator".into(),
        confirm: "ward seven educatr".into(),
        ..ReviewState::default()
    };
    assert!(act(&mut store, &mut st, ReviewAction::SetPassphrase).unwrap_err().contains("differ"));
    assert!(!st.unlocked);
    st.confirm = "ward seven educator".into();
    act(&mut store, &mut st, ReviewAction::SetPassphrase).unwrap();
    assert!(st.unlocked);
    assert_eq!(st.cohort.trainees, vec!["Ana".to_owned(), "Ben".to_owned()]);
    assert_eq!(st.cohort.scenarios, vec!["internet-diagnosis".to_owned(), "pain-ignored".to_owned()]);
    assert_eq!(st.scenarios, st.cohort.scenarios, "the scenario filter offers every scenario played");
    // Locked again, a wrong passphrase does not open it.
    act(&mut store, &mut st, ReviewAction::Lock).unwrap();
    st.passphrase = "guessing".into();
    assert!(act(&mut store, &mut st, ReviewAction::Unlock).is_err());
    assert!(!st.unlocked && st.cohort.cells.is_empty());
    st.passphrase = "ward seven educator".into();
    act(&mut store, &mut st, ReviewAction::Unlock).unwrap();
    // Sorting by a scenario's best score puts the higher scorer first.
    let by_best = cohort_rows(&st.cohort, Sort::Best { column: 0, descending: true });
    let best = |t: usize| st.cohort.cells.iter().find(|c| c.trainee == t && c.scenario == 0).unwrap().best.unwrap();
    assert!(best(by_best[0].0) >= best(by_best[1].0));
    let ascending = cohort_rows(&st.cohort, Sort::Best { column: 0, descending: false });
    assert_eq!(ascending[0].0, by_best[1].0);
    // The trainee page and the scenario page load their data.
    act(&mut store, &mut st, ReviewAction::Show(Page::Trainee("Ben".into()))).unwrap();
    assert_eq!(st.trainee_rows.len(), 2);
    act(&mut store, &mut st, ReviewAction::Show(Page::Scenario("internet-diagnosis".into()))).unwrap();
    assert_eq!(st.summary.as_ref().unwrap().attempts, 2);
    // The CSV export writes the attempts the page covers.
    st.export_path = dir.path().join("export.csv").display().to_string();
    act(&mut store, &mut st, ReviewAction::Show(Page::Cohort)).unwrap();
    act(&mut store, &mut st, ReviewAction::ExportCsv).unwrap();
    assert!(st.message.as_deref().unwrap().starts_with("Saved 3 attempts"));
    let bytes = std::fs::read(dir.path().join("export.csv")).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "a byte-order mark, for Excel");
    let rows = csv::Reader::from_reader(&bytes[3..]).records().count();
    assert_eq!(rows, 3);
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(dir.path().join("export.csv")).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600, "the export is owner-only, like the store");
    // A date that is not a date is a message, not a panic.
    st.from = "last tuesday".into();
    assert!(act(&mut store, &mut st, ReviewAction::Apply).unwrap_err().contains("YYYY-MM-DD"));
}

#[test]
fn the_cohort_table_names_trainees_and_scenarios_and_opens_their_pages() {
    use bedside::app::views::review::{Page, ReviewAction, Sort, cohort_rows, cohort_table};
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
            },
        ],
    };
    let mut harness = Harness::new_ui_state(
        |ui, (sort, action): &mut (Sort, Option<ReviewAction>)| {
            if let Some(a) = cohort_table(ui, &cohort, &cohort_rows(&cohort, *sort), sort) {
                *action = Some(a);
            }
        },
        (Sort::Name, None),
    );
    harness.set_size(bevy_egui::egui::vec2(900.0, 400.0));
    harness.run();
    harness.get_by_label("88/75 ×3 ⚠2");
    harness.get_by_label("-/- ×1");
    harness.get_by_label("Ben").click();
    harness.run();
    assert_eq!(harness.state().1, Some(ReviewAction::Show(Page::Trainee("Ben".into()))));
    harness.get_by_label("internet-diagnosis").click();
    harness.run();
    assert_eq!(harness.state().1, Some(ReviewAction::Show(Page::Scenario("internet-diagnosis".into()))));
}

#[test]
fn closing_the_app_mid_encounter_keeps_the_attempt_as_abandoned() {
    let config = tempfile::tempdir().unwrap();
    let mut app = headless(config.path());
    begin_as(&mut app, "Noor");
    press(&mut app, KeyCode::Digit2);
    // What closing the window does: the app is asked to exit.
    app.world_mut().write_message(AppExit::Success);
    app.update();
    let rows = stored(config.path());
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].trainee, "Noor");
    assert_eq!(rows[0].outcome, "abandoned");
    assert_eq!(rows[0].steps, 1);
}

#[test]
fn the_scenario_page_shows_the_spread_the_endings_and_what_people_chose_at_each_node() {
    use bedside::app::views::review::scenario_page;
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

#[test]
fn leaving_from_the_last_feedback_card_keeps_the_finished_attempt() {
    let config = tempfile::tempdir().unwrap();
    let mut app = headless(config.path());
    begin_as(&mut app, "Lee");
    // Practice mode: answer until the run is over but its last feedback card still shows.
    while !app.world().resource::<Current>().run.is_over() {
        press(&mut app, KeyCode::Digit1);
        if !app.world().resource::<Current>().run.is_over() {
            press(&mut app, KeyCode::Enter);
        }
    }
    assert_eq!(screen(&app), Screen::Encounter);
    assert!(matches!(app.world().resource::<Current>().phase, Phase::Feedback(_)));
    press(&mut app, KeyCode::Escape);
    assert_eq!(screen(&app), Screen::Library);
    let rows = stored(config.path());
    assert_eq!(rows.len(), 1);
    assert_ne!(rows[0].outcome, "abandoned");
    assert!(rows[0].ending.is_some());
}

#[test]
fn the_library_shows_the_trainees_best_score_from_their_records() {
    let config = tempfile::tempdir().unwrap();
    let mut store = bedside_records::store::Store::open_dir(&config.path().join("data")).unwrap();
    record_played(&mut store, "internet-diagnosis", "Kim", 3, jiff::Timestamp::now(), |o| o[0]);
    record_played(&mut store, "pain-ignored", "Someone else", 3, jiff::Timestamp::now(), |o| *o.iter().max().unwrap());
    let kims = bedside_records::report::attempts(
        &store,
        &bedside_records::report::Filter { trainee: Some("Kim".into()), ..Default::default() },
    )
    .unwrap();
    drop(store);
    let mut app = headless(config.path());
    app.world_mut().resource_mut::<Session>().create("Kim").unwrap();
    press(&mut app, KeyCode::Enter);
    assert_eq!(screen(&app), Screen::Library);
    let best = &app.world().resource::<Session>().best;
    assert_eq!(best.len(), 1);
    assert_eq!(best["internet-diagnosis"], kims[0].overall);
}

// ---- Replying in your own words. ----

#[test]
fn the_reply_box_sends_what_was_typed_and_nothing_when_empty() {
    use bedside::app::encounter::Input;
    use bedside::app::views::encounter::reply_box;
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
    use bedside::app::encounter::{Input, Matching};
    use bedside::app::views::encounter::{feedback_card_typed, matching_view};
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
fn a_whole_encounter_in_your_own_words_is_matched_confirmed_and_recorded_with_the_typed_text() {
    use bedside::app::encounter::Draft;
    let config = tempfile::tempdir().unwrap();
    let mut app = headless(config.path());
    app.world_mut().resource_mut::<Session>().own_words = true;
    begin_as(&mut app, "Tess Moyo");
    let mut steps = 0;
    while screen(&app) == Screen::Encounter {
        // Type the words of the best choice on offer, in lower case and without
        // punctuation, as a hurried nurse might.
        let (said, phase) = {
            let cur = app.world().resource::<Current>();
            let node = cur.run.node().unwrap();
            let best = bedside_core::play::score::best_of(cur.run.script(), node, cur.run.offered()).unwrap();
            let say = cur.run.script().choice(node, best).say.to_lowercase().replace(['.', ',', '?', '!', '\''], "");
            (say, cur.phase.clone())
        };
        assert_eq!(phase, Phase::Choosing);
        app.world_mut().resource_mut::<Draft>().0 = said;
        press(&mut app, KeyCode::Enter);
        if matches!(app.world().resource::<Current>().phase, Phase::Matching(_)) {
            press(&mut app, KeyCode::Enter); // go on with the closest
        }
        steps += 1;
        if screen(&app) == Screen::Encounter {
            assert!(matches!(app.world().resource::<Current>().phase, Phase::Feedback(_)), "practice feedback follows");
            assert!(app.world().resource::<Current>().reading.is_some(), "the reply was read");
            press(&mut app, KeyCode::Enter);
        }
        assert!(steps < 60, "the encounter should end");
    }
    assert_eq!(screen(&app), Screen::Debrief);
    let rows = stored(config.path());
    assert_eq!(rows.len(), 1);
    let store = bedside_records::store::Store::open_dir(&config.path().join("data")).unwrap();
    let attempt = store.attempt(rows[0].row).unwrap();
    assert_eq!(attempt.steps.len(), steps);
    assert!(
        attempt.steps.iter().all(|s| s.typed.as_deref().is_some_and(|t| !t.is_empty())),
        "every step keeps what was typed"
    );
}

#[test]
fn the_sync_line_says_whether_an_lrs_is_set_how_far_a_sync_has_got_and_how_the_last_one_went() {
    use bedside::app::views::review::{ReviewAction, SyncView, sync_row};
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
    use bedside::app::views::history::{StoredDebrief, stored_debrief};
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
fn the_review_syncs_the_cohort_from_a_real_lrs_in_the_background_and_shows_it() {
    use bedside::app::library::ScenarioLibrary;
    use bedside::app::records::Records;
    use bedside::app::screens::review::{Review, SyncTask, act, start_sync};
    use bedside::app::views::review::ReviewAction;
    let lrs = super::records::Lrs::own(4);
    let ward = tempfile::tempdir().unwrap();
    let earlier = jiff::Timestamp::now() - jiff::SignedDuration::from_hours(1);
    super::cohort::record(ward.path(), &["Ana Ruiz", "Ben Okafor"], 2, 8, earlier);
    super::cohort::ok(&super::cohort::push(ward.path(), &lrs));
    let config = tempfile::tempdir().unwrap();
    std::fs::write(
        config.path().join("lrs.ron"),
        format!("(endpoint: {:?}, username: {:?}, password: {:?})", lrs.endpoint, lrs.user, lrs.password),
    )
    .unwrap();
    let mut app = headless(config.path());
    app.world_mut().resource_mut::<NextState<Screen>>().set(Screen::Review);
    app.update();
    app.update();
    assert_eq!(screen(&app), Screen::Review);
    assert!(app.world().resource::<Review>().0.sync.configured, "the LRS in lrs.ron is seen");
    let world = app.world_mut();
    world.resource_scope(|world, mut review: Mut<Review>| {
        let st = &mut review.0;
        st.passphrase = "ward seven educator".into();
        st.confirm = "ward seven educator".into();
        world.resource::<Records>().with(|s| act(s, st, ReviewAction::SetPassphrase)).unwrap().unwrap();
        assert!(st.cohort.trainees.is_empty(), "nothing on this computer yet");
    });
    world.resource_scope(|world, mut task: Mut<SyncTask>| {
        world.resource_scope(|world, mut review: Mut<Review>| {
            start_sync(world.resource::<Records>(), world.get_resource::<ScenarioLibrary>(), &mut task, &mut review.0);
        });
    });
    assert!(app.world().resource::<Review>().0.sync.running.is_some());
    let start = std::time::Instant::now();
    while app.world().resource::<Review>().0.sync.running.is_some() {
        assert!(start.elapsed() < std::time::Duration::from_secs(60), "the sync ends");
        app.update();
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let st = &app.world().resource::<Review>().0;
    assert_eq!(st.sync.error, None);
    assert_eq!(st.sync.last.as_ref().unwrap().new, 4, "{:?}", st.sync);
    assert_eq!(st.cohort.trainees, vec!["Ana Ruiz".to_owned(), "Ben Okafor".to_owned()], "the page loaded again");
    // The origin filter: none of them was made on this computer.
    world_review_apply(&mut app, Some(bedside_records::Origin::Local));
    assert!(app.world().resource::<Review>().0.cohort.trainees.is_empty());
    world_review_apply(&mut app, Some(bedside_records::Origin::Lrs));
    assert_eq!(app.world().resource::<Review>().0.cohort.trainees.len(), 2);
}

/// Sets the review's origin filter and applies it.
fn world_review_apply(app: &mut App, origin: Option<bedside_records::Origin>) {
    use bedside::app::records::Records;
    use bedside::app::screens::review::{Review, act};
    use bedside::app::views::review::ReviewAction;
    app.world_mut().resource_scope(|world, mut review: Mut<Review>| {
        review.0.origin = origin;
        world.resource::<Records>().with(|s| act(s, &mut review.0, ReviewAction::Apply)).unwrap().unwrap();
    });
}
