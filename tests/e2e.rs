//! End to end: the real binary in a real window under Xvfb with Mesa's software
//! Vulkan: a scripted encounter played by real key presses (xdotool), with
//! screenshots of the encounter and the debrief (ImageMagick's `import`) checked
//! for the patient's face; and the trainer preview, saved again and again by
//! rename and in place, checked for the error bar on every screen.
//! `.ci/run` installs xvfb, xdotool, imagemagick and mesa-vulkan-drivers.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use bedside_core::play::encounter::Encounter;
use bedside_core::scenario::load::load_file;

/// Kills the child when the test ends, however it ends.
struct Killed(Child);

impl Drop for Killed {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn need(tool: &str) {
    let found =
        Command::new("sh").arg("-c").arg(format!("command -v {tool}")).output().is_ok_and(|o| o.status.success());
    assert!(
        found,
        "`{tool}` is needed for the window test: apt-get install xvfb xdotool imagemagick mesa-vulkan-drivers (.ci/run does)"
    );
}

fn free_display() -> u32 {
    (90..200)
        .find(|n| {
            !Path::new(&format!("/tmp/.X{n}-lock")).exists() && !Path::new(&format!("/tmp/.X11-unix/X{n}")).exists()
        })
        .expect("a free X display number")
}

fn wait_for(what: &str, timeout: Duration, mut ok: impl FnMut() -> bool) {
    let start = Instant::now();
    while !ok() {
        assert!(start.elapsed() < timeout, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// An Xvfb display of its own, killed when the test ends.
struct Screen {
    display: String,
    _xvfb: Killed,
}

impl Screen {
    fn start() -> Screen {
        for tool in ["Xvfb", "xdotool", "import"] {
            need(tool);
        }
        // The tests run in parallel: one at a time picks a free display number
        // and waits for its Xvfb to take it, so no two share a display.
        static PICKING: std::sync::Mutex<()> = std::sync::Mutex::new(());
        let _picking = PICKING.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let n = free_display();
        let display = format!(":{n}");
        let xvfb = Killed(
            Command::new("Xvfb")
                .args([display.as_str(), "-screen", "0", "1280x800x24", "-nolisten", "tcp"])
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .expect("Xvfb starts"),
        );
        wait_for("Xvfb", Duration::from_secs(10), || Path::new(&format!("/tmp/.X11-unix/X{n}")).exists());
        Screen { display, _xvfb: xvfb }
    }

    /// Starts the real app on this display, its log in `log`.
    fn launch(&self, args: &[&str], log: &Path) -> Killed {
        let log = std::fs::File::create(log).unwrap();
        Killed(
            Command::new(env!("CARGO_BIN_EXE_bedside"))
                .args(args)
                .current_dir(env!("CARGO_MANIFEST_DIR"))
                .env("DISPLAY", &self.display)
                .env_remove("WAYLAND_DISPLAY")
                .stdout(Stdio::null())
                .stderr(log)
                .spawn()
                .expect("the app starts"),
        )
    }

    /// The Bedside window, once it is there, with the input focus.
    fn window(&self) -> String {
        let mut window = String::new();
        wait_for("the Bedside window", Duration::from_secs(120), || {
            window =
                x(&self.display, &["xdotool", "search", "--name", "^Bedside$"]).lines().next().unwrap_or("").to_owned();
            !window.is_empty()
        });
        x(&self.display, &["xdotool", "windowfocus", "--sync", &window]);
        window
    }
}

fn x(display: &str, args: &[&str]) -> String {
    let out = Command::new(args[0]).args(&args[1..]).env("DISPLAY", display).output().expect("run an X tool");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn screenshot(display: &str, path: &Path) -> image::RgbImage {
    x(display, &["import", "-window", "root", path.to_str().unwrap()]);
    image::open(path).expect("a screenshot").to_rgb8()
}

/// Pixels in the left part of the window that have the patient's skin tones.
fn skin_pixels(img: &image::RgbImage) -> usize {
    let left = (img.width() as f32 * 0.4) as u32;
    img.enumerate_pixels()
        .filter(|(x, _, p)| {
            let (r, g, b) = (i32::from(p[0]), i32::from(p[1]), i32::from(p[2]));
            *x < left && r > 170 && r > b + 40 && (80..190).contains(&g)
        })
        .count()
}

#[test]
fn a_scripted_encounter_played_by_real_keys_in_a_real_window_reaches_the_debrief() {
    let scenario = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/night-before-surgery.ron");
    let seed = 7u64;
    // The core says how many steps "always the first choice shown" takes.
    let script = std::sync::Arc::new(load_file(&scenario).script.expect("the scenario loads"));
    let mut shadow = Encounter::new(script, seed);
    let mut steps = 0;
    while !shadow.is_over() {
        let first = shadow.offered()[0];
        shadow.choose(first).unwrap();
        steps += 1;
    }

    let screen = Screen::start();
    let config = tempfile::tempdir().unwrap();
    let out_dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("e2e");
    std::fs::create_dir_all(&out_dir).unwrap();
    let mut app = screen.launch(
        &[
            "--play",
            scenario.to_str().unwrap(),
            "--seed",
            &seed.to_string(),
            "--config",
            config.path().to_str().unwrap(),
            "--data",
            config.path().join("data").to_str().unwrap(),
        ],
        &out_dir.join("app.log"),
    );
    let display = screen.display.clone();
    let window = screen.window();
    // Wait until the patient is drawn.
    let encounter_png = out_dir.join("encounter.png");
    wait_for("the patient on screen", Duration::from_secs(120), || {
        skin_pixels(&screenshot(&display, &encounter_png)) > 5_000
    });

    for _ in 0..steps {
        assert!(app.0.try_wait().unwrap().is_none(), "the app exited during the encounter");
        x(&display, &["xdotool", "key", "--window", &window, "1"]);
        std::thread::sleep(Duration::from_millis(400));
        x(&display, &["xdotool", "key", "--window", &window, "Return"]);
        std::thread::sleep(Duration::from_millis(400));
    }
    let debrief_png = out_dir.join("debrief.png");
    wait_for("the debrief (no patient drawn)", Duration::from_secs(60), || {
        skin_pixels(&screenshot(&display, &debrief_png)) < 100
    });
    assert!(app.0.try_wait().unwrap().is_none(), "the app is still running at the debrief");
    eprintln!("screenshots in {}", out_dir.display());
}

/// Pixels of the scenario-error bar's fill in the top of the window.
fn error_bar_pixels(img: &image::RgbImage) -> usize {
    let fill = bedside::app::theme::PROBLEM_FILL;
    let top = img.height().min(160);
    (0..top)
        .flat_map(|y| (0..img.width()).map(move |x| (x, y)))
        .filter(|&(x, y)| {
            let p = img.get_pixel(x, y);
            (p[0], p[1], p[2]) == (fill.r(), fill.g(), fill.b())
        })
        .count()
}

/// Rewrites `path` as an editor that saves by rename does (`sed -i`, vim, most IDEs).
fn save_by_rename(path: &Path, text: &str) {
    let temp = path.with_extension("ron.tmp~");
    std::fs::write(&temp, text).unwrap();
    std::fs::rename(&temp, path).unwrap();
}

#[test]
fn the_trainer_preview_picks_up_every_save_by_rename_or_in_place_on_every_screen() {
    let screen = Screen::start();
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("scenarios");
    std::fs::create_dir_all(&folder).unwrap();
    let good =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/clean-v2.ron")).unwrap();
    let file = folder.join("pain.ron");
    std::fs::write(&file, &good).unwrap();
    std::fs::write(folder.join("other.ron"), bedside_core::scenario::skeleton::skeleton("other", "other.ron")).unwrap();
    let broken = |n: u32| {
        good.replacen(
            "empathy: 4, clarity: 3, tags: [Apologising], distress: -15",
            &format!("empathy: {}, clarity: 3, tags: [Apologising], distress: -15", 5 + n),
            1,
        )
    };
    assert_ne!(broken(1), good);

    let out_dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("e2e-preview");
    std::fs::create_dir_all(&out_dir).unwrap();
    let mut app = screen.launch(
        &[
            "--scenarios",
            folder.to_str().unwrap(),
            "--config",
            dir.path().join("config").to_str().unwrap(),
            "--data",
            dir.path().join("data").to_str().unwrap(),
        ],
        &out_dir.join("app.log"),
    );
    let window = screen.window();
    let shot = |name: &str| screenshot(&screen.display, &out_dir.join(format!("{name}.png")));
    wait_for("the start screen, with no error bar", Duration::from_secs(120), || {
        let img = shot("start");
        error_bar_pixels(&img) == 0 && img.pixels().any(|p| p[0] > 150)
    });

    // Several saves in a row on the start screen, of both kinds, with no input between.
    let saves: [(&str, bool, fn(&Path, &str)); 6] = [
        ("broken in place", true, |p, t| std::fs::write(p, t).unwrap()),
        ("fixed by rename", false, save_by_rename),
        ("broken by rename", true, save_by_rename),
        ("broken again by rename", true, save_by_rename),
        ("fixed in place", false, |p, t| std::fs::write(p, t).unwrap()),
        ("broken in place again", true, |p, t| std::fs::write(p, t).unwrap()),
    ];
    for (i, (what, breaks, save)) in saves.iter().enumerate() {
        save(&file, &if *breaks { broken(i as u32) } else { good.clone() });
        wait_for(&format!("the error bar after the save {what}"), Duration::from_secs(20), || {
            let shown = error_bar_pixels(&shot(&format!("save-{i}"))) > 2_000;
            shown == *breaks
        });
        assert!(app.0.try_wait().unwrap().is_none(), "the app exited after the save {what}");
    }

    // Into the library (a profile first): the bar is there too, and goes when fixed.
    x(&screen.display, &["xdotool", "type", "--window", &window, "Tess"]);
    x(&screen.display, &["xdotool", "key", "--window", &window, "Return"]);
    std::thread::sleep(Duration::from_millis(500));
    x(&screen.display, &["xdotool", "key", "--window", &window, "Return"]);
    wait_for("the library with the error bar", Duration::from_secs(20), || {
        error_bar_pixels(&shot("library-broken")) > 2_000
    });
    save_by_rename(&file, &good);
    wait_for("the library without the error bar", Duration::from_secs(20), || {
        error_bar_pixels(&shot("library-fixed")) == 0
    });
    std::fs::write(&file, broken(9)).unwrap();
    wait_for("the library with the error bar again", Duration::from_secs(20), || {
        error_bar_pixels(&shot("library-again")) > 2_000
    });
    assert!(app.0.try_wait().unwrap().is_none(), "the app is still running");
    eprintln!("screenshots in {}", out_dir.display());
}

#[test]
fn a_reply_typed_in_your_own_words_with_real_key_presses_reaches_the_debrief() {
    let screen = Screen::start();
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("scenarios");
    std::fs::create_dir_all(&folder).unwrap();
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/clean-v2.ron");
    std::fs::copy(&fixture, folder.join("pain.ron")).unwrap();
    let config = dir.path().join("config");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(config.join("settings.ron"), "(own_words: true)").unwrap();
    let out_dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("e2e-typed");
    std::fs::create_dir_all(&out_dir).unwrap();
    let mut app = screen.launch(
        &[
            "--scenarios",
            folder.to_str().unwrap(),
            "--config",
            config.to_str().unwrap(),
            "--data",
            dir.path().join("data").to_str().unwrap(),
        ],
        &out_dir.join("app.log"),
    );
    let window = screen.window();
    let key = |k: &str| {
        x(&screen.display, &["xdotool", "key", "--window", &window, k]);
        std::thread::sleep(Duration::from_millis(400));
    };
    let typed = |text: &str| {
        x(&screen.display, &["xdotool", "type", "--window", &window, "--delay", "30", text]);
        std::thread::sleep(Duration::from_millis(300));
    };
    wait_for("the start screen", Duration::from_secs(120), || {
        screenshot(&screen.display, &out_dir.join("start.png")).pixels().any(|p| p[0] > 150)
    });
    // A profile typed in, then the library, the briefing and the encounter.
    typed("Tess Moyo");
    key("Return");
    key("Return");
    key("Return");
    key("Return");
    let encounter_png = out_dir.join("encounter.png");
    wait_for("the patient on screen", Duration::from_secs(60), || {
        skin_pixels(&screenshot(&screen.display, &encounter_png)) > 5_000
    });
    // Each step: a reply in the nurse's own words, sent with Enter; then 1 takes
    // the closest (or the first when every choice is shown), Enter goes on.
    let replies = [
        "im so sorry you were left waiting that long, im here now",
        "on a scale of 0 to 10 how bad is it, let me check your obs the wound and your calf",
        "no im sorry, you shouldnt have had to wait",
        "let me check your obs and the wound first",
    ];
    let debrief_png = out_dir.join("debrief.png");
    let mut done = false;
    for (i, reply) in replies.iter().enumerate() {
        typed(reply);
        screenshot(&screen.display, &out_dir.join(format!("typed-{i}.png")));
        key("Return");
        key("1");
        key("Return");
        assert!(app.0.try_wait().unwrap().is_none(), "the app exited during the encounter");
        if skin_pixels(&screenshot(&screen.display, &debrief_png)) < 100 {
            done = true;
            break;
        }
    }
    assert!(done, "the debrief was not reached; screenshots in {}", out_dir.display());
    // The attempt is recorded with what was typed.
    drop(app);
    let store = bedside_records::store::Store::open_dir(&dir.path().join("data")).unwrap();
    let rows = bedside_records::report::attempts(&store, &Default::default()).unwrap();
    assert_eq!(rows.len(), 1);
    let attempt = store.attempt(rows[0].row).unwrap();
    assert_eq!(attempt.steps[0].typed.as_deref(), Some(replies[0]));
    eprintln!("screenshots in {}", out_dir.display());
}
