//! The whole app without a window: `MinimalPlugins`, states and the app's own
//! plugins, driven through its screens by key presses and by its resources;
//! what it records, the educator review's actions on the records, the trainer
//! preview's reload, and a sync from a real LRS.

use std::path::Path;

use bedside::app::encounter::{Current, Phase};
use bedside::app::session::Session;
use bedside::app::{AppPlugin, Options, Screen};
use bedside_core::play::encounter::Encounter;
use bevy::prelude::*;
use bevy::state::app::StatesPlugin;

use super::app_views::{record_played, scenarios, script};

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

#[test]
fn the_educator_review_unlocks_only_with_the_passphrase_then_shows_the_cohort_and_exports_csv() {
    use bedside::app::review::screen::act;
    use bedside::app::review::view::{Page, ReviewAction, ReviewState, Sort, cohort_rows};
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
fn the_review_syncs_the_cohort_from_a_real_lrs_in_the_background_and_shows_it() {
    use bedside::app::library::ScenarioLibrary;
    use bedside::app::records::Records;
    use bedside::app::review::screen::{Review, SyncTask, act, start_sync};
    use bedside::app::review::view::ReviewAction;
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
    use bedside::app::review::screen::{Review, act};
    use bedside::app::review::view::ReviewAction;
    app.world_mut().resource_scope(|world, mut review: Mut<Review>| {
        review.0.origin = origin;
        world.resource::<Records>().with(|s| act(s, &mut review.0, ReviewAction::Apply)).unwrap().unwrap();
    });
}

#[test]
fn the_roster_skills_and_competency_pages_add_import_judge_and_refuse_bad_input_with_reasons() {
    use bedside::app::review::screen::act;
    use bedside::app::review::view::{Page, ReviewAction, ReviewState};
    let dir = tempfile::tempdir().unwrap();
    let mut store = bedside_records::store::Store::open_dir(dir.path()).unwrap();
    let now = jiff::Timestamp::now();
    // Ana takes the first choice offered each time, Ben the last.
    record_played(&mut store, "internet-diagnosis", "Ana", 1, now, |o| o[0]);
    record_played(&mut store, "internet-diagnosis", "Ben", 2, now, |o| *o.iter().max().unwrap());
    let mut st =
        ReviewState { passphrase: "ward seven".into(), confirm: "ward seven".into(), ..ReviewState::default() };
    act(&mut store, &mut st, ReviewAction::SetPassphrase).unwrap();

    // The roster lists those with attempts who are not on it.
    act(&mut store, &mut st, ReviewAction::Show(Page::Roster)).unwrap();
    assert_eq!(st.roster.len(), 2);
    assert!(st.roster.iter().all(|r| !r.on_roster && r.attempts == 1));
    // Added by hand, Cai is expected and has never started: listed first.
    act(&mut store, &mut st, ReviewAction::AddToRoster { name: "Cai Jones".into(), staff_id: Some("N123".into()) })
        .unwrap();
    assert_eq!(st.roster[0].name, "Cai Jones");
    assert!(st.roster[0].on_roster && st.roster[0].attempts == 0 && st.roster[0].last_active.is_none());
    assert!(st.message.as_deref().unwrap().contains("Cai Jones is on the roster"));
    // The same staff ID for someone else is refused, with the reason.
    let e = act(&mut store, &mut st, ReviewAction::AddToRoster { name: "Dee".into(), staff_id: Some("N123".into()) })
        .unwrap_err();
    assert!(e.contains("Dee was not added") && e.contains("N123"), "{e}");
    // A file with a bad row imports nothing and names the row.
    let bad = dir.path().join("bad.csv");
    std::fs::write(&bad, "name,staff_id\nana,N200\n,N201\n").unwrap();
    let e = act(&mut store, &mut st, ReviewAction::ImportRoster(bad.display().to_string())).unwrap_err();
    assert!(e.starts_with("Nothing was imported") && e.contains("1 problem is"), "{e}");
    assert_eq!(st.roster_form.problems.len(), 1);
    assert!(st.roster_form.problems[0].contains('3'), "the bad row's line: {:?}", st.roster_form.problems);
    assert_eq!(store.roster().unwrap().len(), 1, "nothing from the bad file was kept");
    // A missing file is a message too.
    let e = act(&mut store, &mut st, ReviewAction::ImportRoster("/no/such/roster.csv".into())).unwrap_err();
    assert!(e.contains("Cannot read /no/such/roster.csv"), "{e}");
    // A good file joins its names to the attempts already recorded (case does not count).
    let good = dir.path().join("good.csv");
    std::fs::write(&good, "name,staff_id\nana,N200\nBen,N201\n").unwrap();
    act(&mut store, &mut st, ReviewAction::ImportRoster(good.display().to_string())).unwrap();
    assert!(st.roster_form.problems.is_empty());
    assert_eq!(st.roster.len(), 3);
    assert!(st.roster.iter().all(|r| r.on_roster), "{:?}", st.roster);
    // Removing someone keeps their attempts.
    act(&mut store, &mut st, ReviewAction::RemoveFromRoster("Ben".into())).unwrap();
    let ben = st.roster.iter().find(|r| r.name == "Ben").unwrap();
    assert!(!ben.on_roster && ben.attempts == 1);

    // The Skills page refuses a count that is not a number, and lists moments with one.
    act(&mut store, &mut st, ReviewAction::Show(Page::Skills)).unwrap();
    assert_eq!(st.profile.attempts, 2);
    st.min_visits = "five".into();
    let e = act(&mut store, &mut st, ReviewAction::Apply).unwrap_err();
    assert!(e.contains("\"five\"") && e.contains("whole number"), "{e}");
    st.min_visits = "1".into();
    act(&mut store, &mut st, ReviewAction::Apply).unwrap();
    assert!(st.moments.iter().all(|m| m.visits >= 1 && m.missed <= m.visits));

    // A rule needs who set it; once set, the grid judges each trainee.
    act(&mut store, &mut st, ReviewAction::Show(Page::Competency)).unwrap();
    assert!(st.competency.rules.is_empty());
    let mut draft = st.rule_form.clone();
    draft.min_overall = 0;
    draft.no_safety_errors = false;
    let e = act(&mut store, &mut st, ReviewAction::SetRule(draft.clone())).unwrap_err();
    assert!(e.contains("Set by"), "{e}");
    draft.set_by = "  Sam Educator ".into();
    act(&mut store, &mut st, ReviewAction::SetRule(draft)).unwrap();
    assert_eq!(st.competency.rules.len(), 1);
    assert_eq!(st.competency.rules[0].set_by, "Sam Educator");
    // With an overall of 0 and no other demand, every judged attempt passes;
    // Cai, on the roster with no attempt, is in the grid as not attempted.
    assert_eq!(st.competency.rows.len(), 2);
    assert!(st.competency.rows.iter().all(|r| r.passed == 1 && r.first_passed.is_some()));
    assert!(st.competency_grid.trainees.iter().any(|t| t == "Cai Jones"));
    let cai = st.competency_grid.trainees.iter().position(|t| t == "Cai Jones").unwrap();
    assert!(st.competency_grid.cells[cai].iter().all(Option::is_none));
    act(&mut store, &mut st, ReviewAction::RemoveRule(None)).unwrap();
    assert!(st.competency.rules.is_empty() && st.competency.rows.is_empty());
    assert!(st.message.as_deref().unwrap().contains("removed"));
}
