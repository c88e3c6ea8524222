//! End to end: the real binary in a real window under Xvfb with Mesa's software
//! Vulkan: a scripted encounter played by real key presses (xdotool), with
//! screenshots of the encounter and the debrief (ImageMagick's `import`) checked
//! for the patient's face; and the trainer preview, saved again and again by
//! rename and in place, checked for the error bar on every screen; a profile
//! name (dead keys on a US international layout too) and the educator
//! passphrase typed by real keys and found in the files; and every screen at
//! 1280x800 and 1920x1080 in the light and the dark theme, saved as PNG
//! (`BEDSIDE_SCREENSHOTS=docs` saves them in docs/screens/).
//! `.ci/run` installs xvfb, xdotool, imagemagick and mesa-vulkan-drivers.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use bedside_core::play::encounter::Encounter;
use bedside_core::scenario::load::load_file;

/// Stops the child when the test ends, however it ends: asked first (SIGTERM,
/// so that Xvfb removes its lock file and socket), then killed if it has not
/// gone within two seconds.
struct Killed(Child);

impl Drop for Killed {
    fn drop(&mut self) {
        let asked = Command::new("kill").args(["-TERM", &self.0.id().to_string()]).status().is_ok_and(|s| s.success());
        let start = Instant::now();
        while asked && start.elapsed() < Duration::from_secs(2) {
            if matches!(self.0.try_wait(), Ok(Some(_))) {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
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

/// A display number no X server holds. A lock file left by a server that was
/// killed (its process gone) does not count: the files are removed, as Xvfb
/// would, so that runs on the same machine never use the numbers up.
fn free_display() -> u32 {
    (90..400)
        .find(|n| {
            let lock = PathBuf::from(format!("/tmp/.X{n}-lock"));
            let socket = PathBuf::from(format!("/tmp/.X11-unix/X{n}"));
            let holder = std::fs::read_to_string(&lock).ok().and_then(|t| t.trim().parse::<u32>().ok());
            match holder {
                Some(pid) if Path::new(&format!("/proc/{pid}")).exists() => false,
                Some(_) => {
                    let _ = std::fs::remove_file(&lock);
                    let _ = std::fs::remove_file(&socket);
                    true
                }
                None => !lock.exists() && !socket.exists(),
            }
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
    _turn: Turn,
}

/// The window tests share two cores and software rendering: the light ones
/// run side by side, the screenshot walk (four launches) on its own, so that
/// none of them waits out its timeouts behind it.
static WINDOW_TESTS: std::sync::RwLock<()> = std::sync::RwLock::new(());

enum Turn {
    Shared(#[allow(dead_code, reason = "held, not read")] std::sync::RwLockReadGuard<'static, ()>),
    Alone(#[allow(dead_code, reason = "held, not read")] std::sync::RwLockWriteGuard<'static, ()>),
}

impl Screen {
    fn start() -> Screen {
        Screen::start_at(1280, 800)
    }

    /// A display of this size. It is not reset when its last client leaves
    /// (`-noreset`), so a keyboard layout set before the app starts stays set.
    fn start_at(width: u32, height: u32) -> Screen {
        let turn = Turn::Shared(WINDOW_TESTS.read().unwrap_or_else(std::sync::PoisonError::into_inner));
        Screen::open(width, height, turn)
    }

    /// A display of this size, with no other window test running meanwhile.
    fn start_alone(width: u32, height: u32) -> Screen {
        let turn = Turn::Alone(WINDOW_TESTS.write().unwrap_or_else(std::sync::PoisonError::into_inner));
        Screen::open(width, height, turn)
    }

    fn open(width: u32, height: u32, turn: Turn) -> Screen {
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
                .args([
                    display.as_str(),
                    "-screen",
                    "0",
                    &format!("{width}x{height}x24"),
                    "-nolisten",
                    "tcp",
                    "-noreset",
                ])
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .expect("Xvfb starts"),
        );
        wait_for("Xvfb", Duration::from_secs(10), || Path::new(&format!("/tmp/.X11-unix/X{n}")).exists());
        Screen { display, _xvfb: xvfb, _turn: turn }
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

    /// The Bedside window, once it is mapped, with the input focus. The app
    /// takes keys only while its window has the X input focus (winit drops key
    /// events otherwise, and xdotool's `--window` then sends events the app
    /// never sees), and a window found before it is mapped cannot take the
    /// focus: so wait for a visible window and check that the focus is there.
    fn window(&self) -> String {
        let mut window = String::new();
        wait_for("the Bedside window", Duration::from_secs(120), || {
            window = x(&self.display, &["xdotool", "search", "--onlyvisible", "--name", "^Bedside$"])
                .lines()
                .next()
                .unwrap_or("")
                .to_owned();
            !window.is_empty()
        });
        wait_for("the input focus on the Bedside window", Duration::from_secs(20), || {
            x(&self.display, &["xdotool", "windowfocus", "--sync", &window]);
            x(&self.display, &["xdotool", "getwindowfocus"]).trim() == window
        });
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

/// No patient on screen: next to no skin tones on the left, or the left mostly
/// the app's own panels (in the light theme, the edges of red text on white
/// have skin tones too).
fn no_patient(img: &image::RgbImage) -> bool {
    let light = bedside::app::theme::palette(bedside::app::settings::Theme::Light, false);
    skin_pixels(img) < 100 || ui_share(img, &light) > 0.5
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
        no_patient(&screenshot(&display, &debrief_png))
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
        if no_patient(&screenshot(&screen.display, &debrief_png)) {
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

// ---- Typing by real keys, and every screen as a screenshot. ----

/// Presses keys (xdotool key names) in the window, then lets the app draw.
fn press_keys(screen: &Screen, window: &str, keys: &[&str]) {
    let mut args = vec!["xdotool", "key", "--window", window, "--delay", "60"];
    args.extend_from_slice(keys);
    x(&screen.display, &args);
    std::thread::sleep(Duration::from_millis(400));
}

/// Moves the focus `n` times with Tab, then presses Space. One Tab a frame:
/// egui moves the focus once a frame, however many Tabs arrived in it.
fn tab_and_press(screen: &Screen, window: &str, n: usize) {
    for _ in 0..n {
        press_keys(screen, window, &["Tab"]);
    }
    press_keys(screen, window, &["space"]);
}

/// Types text with real key presses, as fast as a quick typist.
fn type_keys(screen: &Screen, window: &str, text: &str) {
    x(&screen.display, &["xdotool", "type", "--window", window, "--delay", "30", text]);
    std::thread::sleep(Duration::from_millis(300));
}

/// How many pixels differ between two screenshots.
fn changed(a: &image::RgbImage, b: &image::RgbImage) -> usize {
    if a.dimensions() != b.dimensions() {
        return usize::MAX;
    }
    a.pixels().zip(b.pixels()).filter(|(p, q)| p != q).count()
}

/// The share of the window's left part painted in the theme's background or
/// card colour: high on the app's own screens, low where the patient is drawn.
fn ui_share(img: &image::RgbImage, palette: &bedside::app::theme::Palette) -> f32 {
    let left = (img.width() as f32 * 0.4) as u32;
    let ours = [palette.background, palette.card];
    let mut hits = 0usize;
    for y in 0..img.height() {
        for x in 0..left {
            let p = img.get_pixel(x, y);
            if ours.iter().any(|c| (p[0], p[1], p[2]) == (c.r(), c.g(), c.b())) {
                hits += 1;
            }
        }
    }
    hits as f32 / (left as f32 * img.height() as f32)
}

/// Screenshots until the screen differs from `before` and then holds still
/// (a blinking cursor or the patient's breathing aside); the last is saved at `path`.
fn next_screen(display: &str, before: &image::RgbImage, path: &Path, what: &str) -> image::RgbImage {
    let start = Instant::now();
    let mut last = screenshot(display, path);
    loop {
        std::thread::sleep(Duration::from_millis(350));
        let now = screenshot(display, path);
        let still = changed(&now, &last) < (now.width() * now.height()) as usize / 40;
        if changed(&now, before) > 2_000 && still {
            return now;
        }
        assert!(start.elapsed() < Duration::from_secs(40), "timed out waiting for {what} ({})", path.display());
        last = now;
    }
}

fn trainees(config: &Path) -> Vec<String> {
    std::fs::read_to_string(config.join("trainees.ron")).ok().and_then(|t| ron::from_str(&t).ok()).unwrap_or_default()
}

#[test]
fn a_profile_name_and_the_educator_passphrase_typed_by_real_keys_are_taken_in_order() {
    let screen = Screen::start_at(1280, 800);
    need("setxkbmap");
    // A US international layout: its accents are dead keys, which the input
    // method composes (the display keeps the layout: it is not reset).
    x(&screen.display, &["setxkbmap", "-layout", "us", "-variant", "intl"]);
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config");
    let data = dir.path().join("data");
    let out_dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("e2e-typing");
    std::fs::create_dir_all(&out_dir).unwrap();
    let mut app = screen
        .launch(&["--config", config.to_str().unwrap(), "--data", data.to_str().unwrap()], &out_dir.join("app.log"));
    let window = screen.window();
    let light = bedside::app::theme::palette(bedside::app::settings::Theme::Light, false);
    wait_for("the start screen", Duration::from_secs(120), || {
        ui_share(&screenshot(&screen.display, &out_dir.join("start.png")), &light) > 0.5
    });

    // With no profile yet the keys type into the name field; Enter creates it.
    type_keys(&screen, &window, "Tess Moyo");
    press_keys(&screen, &window, &["Return"]);
    wait_for("the typed profile saved", Duration::from_secs(10), || trainees(&config) == ["Tess Moyo"]);
    // Accents by dead keys, typed quickly and ended by Enter: each composed
    // letter stays where it was typed, and none is lost to the Enter.
    press_keys(
        &screen,
        &window,
        &["R", "e", "n", "dead_acute", "e", "space", "dead_diaeresis", "O", "z", "t", "dead_diaeresis", "u", "r", "k"],
    );
    press_keys(&screen, &window, &["Return"]);
    wait_for("the accented profile saved", Duration::from_secs(10), || trainees(&config).len() == 2);
    screenshot(&screen.display, &out_dir.join("start-typed.png"));
    assert_eq!(trainees(&config), ["René Öztürk", "Tess Moyo"]);

    // To the educator review by Tab and Space (the name field has the focus:
    // Create, Continue, My history, Settings, then Educator review); no
    // passphrase is set yet, so the gate asks for a new one, twice; typing
    // goes straight into the first field, and Enter moves to the second.
    tab_and_press(&screen, &window, 5);
    screenshot(&screen.display, &out_dir.join("gate.png"));
    type_keys(&screen, &window, "ward seven secret");
    press_keys(&screen, &window, &["Return"]);
    type_keys(&screen, &window, "ward seven secret");
    press_keys(&screen, &window, &["Return"]);
    screenshot(&screen.display, &out_dir.join("review.png"));
    wait_for("the typed passphrase stored", Duration::from_secs(10), || {
        bedside_records::store::Store::open_dir(&data)
            .ok()
            .and_then(|s| s.check_educator("ward seven secret").ok())
            .is_some_and(|checked| checked.is_ok())
    });
    assert!(app.0.try_wait().unwrap().is_none(), "the app is still running");
    eprintln!("screenshots in {}", out_dir.display());
}

/// The screens walked, in order, as named in docs/screens/.
const SCREENS: [&str; 9] =
    ["start", "library", "briefing", "encounter", "debrief", "history", "settings", "review-gate", "review"];

/// Launches the app once at this size and theme and walks every screen by
/// real keys, saving each as `<screen>-<w>x<h>-<theme>.png` in `out`.
fn walk_every_screen(width: u32, height: u32, theme: bedside::app::settings::Theme, out: &Path) {
    use super::app_views::record_played;
    let screen = Screen::start_alone(width, height);
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config");
    let data = dir.path().join("data");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(config.join("settings.ron"), format!("(theme: {theme:?})")).unwrap();
    std::fs::write(config.join("trainees.ron"), r#"["Ana Silva", "Ben Okafor", "Tess Moyo"]"#).unwrap();
    // Some history: Tess's attempts over three weeks, and her colleagues'.
    let mut store = bedside_records::store::Store::open_dir(&data).unwrap();
    store.set_educator("ward seven secret").unwrap().unwrap();
    let day = |d: i64| jiff::Timestamp::from_second(1_780_000_000 + d * 86_400).unwrap();
    let played: [(&str, &str, u64, i64); 9] = [
        ("angry-relative-ed", "Tess Moyo", 1, 0),
        ("internet-diagnosis", "Tess Moyo", 2, 3),
        ("angry-relative-ed", "Tess Moyo", 3, 7),
        ("pain-ignored", "Tess Moyo", 4, 10),
        ("angry-relative-ed", "Tess Moyo", 5, 17),
        ("internet-diagnosis", "Ana Silva", 6, 2),
        ("pain-ignored", "Ana Silva", 7, 9),
        ("angry-relative-ed", "Ben Okafor", 8, 4),
        ("breaking-bad-news", "Ben Okafor", 9, 12),
    ];
    for (i, (id, who, seed, d)) in played.into_iter().enumerate() {
        // Later attempts choose better: the first choice shown, else the last.
        record_played(&mut store, id, who, seed, day(d), move |o| if i % 2 == 0 { o[0] } else { o[o.len() - 1] });
    }
    drop(store);

    let name = match theme {
        bedside::app::settings::Theme::Light => "light",
        bedside::app::settings::Theme::Dark => "dark",
    };
    let path = |screen: &str| out.join(format!("{screen}-{width}x{height}-{name}.png"));
    let size = format!("{width}x{height}");
    let scratch = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("screens-walk");
    std::fs::create_dir_all(&scratch).unwrap();
    let log = scratch.join(format!("app-{size}-{name}.log"));
    let walk = scratch.join(format!("walk-{size}-{name}.png"));
    let mut app = screen.launch(
        &["--config", config.to_str().unwrap(), "--data", data.to_str().unwrap(), "--window-size", &size],
        &log,
    );
    let window = screen.window();
    // The pointer out of the way (bottom left, in the margin), so no tooltip shows.
    x(&screen.display, &["xdotool", "mousemove", "0", &(height - 1).to_string()]);
    let palette = bedside::app::theme::palette(theme, false);
    let d = screen.display.clone();
    wait_for("the start screen", Duration::from_secs(120), || {
        ui_share(&screenshot(&d, &path("start")), &palette) > 0.5
    });

    // Start: the typed name selects the existing profile.
    let blank = image::RgbImage::new(width, height);
    type_keys(&screen, &window, "Tess Moyo");
    press_keys(&screen, &window, &["Return"]);
    let mut last = next_screen(&d, &blank, &path("start"), "the start screen");
    for (keys, shot) in [(&["Return"][..], "library"), (&["Return"][..], "briefing")] {
        press_keys(&screen, &window, keys);
        last = next_screen(&d, &last, &path(shot), shot);
    }
    // The encounter, with the feedback on its first choice.
    press_keys(&screen, &window, &["Return"]);
    let last = next_screen(&d, &last, &path("encounter"), "the encounter");
    press_keys(&screen, &window, &["1"]);
    next_screen(&d, &last, &path("encounter"), "the first feedback");
    // On to the debrief: Enter after each feedback, then the first choice.
    let mut reached = false;
    for _ in 0..40 {
        press_keys(&screen, &window, &["Return"]);
        std::thread::sleep(Duration::from_millis(300));
        if ui_share(&screenshot(&d, &path("debrief")), &palette) > 0.5 {
            reached = true;
            break;
        }
        press_keys(&screen, &window, &["1"]);
    }
    assert!(reached, "the debrief was not reached ({})", path("debrief").display());
    std::thread::sleep(Duration::from_millis(800));
    let mut last = screenshot(&d, &path("debrief"));
    // Back to the start (Escape twice), then by Tab and Space from the name
    // field: My history (3), Settings (4), Educator review (5).
    press_keys(&screen, &window, &["Escape"]);
    press_keys(&screen, &window, &["Escape"]);
    last = next_screen(&d, &last, &walk, "the start screen again");
    tab_and_press(&screen, &window, 3);
    last = next_screen(&d, &last, &path("history"), "my history");
    press_keys(&screen, &window, &["Escape"]);
    last = next_screen(&d, &last, &walk, "the start screen again");
    tab_and_press(&screen, &window, 4);
    last = next_screen(&d, &last, &path("settings"), "the settings");
    // Escape saves and goes back (to the library: a trainee is chosen), then to the start.
    press_keys(&screen, &window, &["Escape"]);
    press_keys(&screen, &window, &["Escape"]);
    last = next_screen(&d, &last, &walk, "the start screen again");
    tab_and_press(&screen, &window, 5);
    last = next_screen(&d, &last, &path("review-gate"), "the review's gate");
    type_keys(&screen, &window, "ward seven secret");
    press_keys(&screen, &window, &["Return"]);
    next_screen(&d, &last, &path("review"), "the cohort");
    assert!(app.0.try_wait().unwrap().is_none(), "the app exited during the walk");
}

#[test]
fn every_screen_at_1280x800_and_1920x1080_in_light_and_dark_is_drawn_and_saved() {
    use bedside::app::settings::Theme;
    // `BEDSIDE_SCREENSHOTS=docs` writes them where README links them.
    let out = match std::env::var("BEDSIDE_SCREENSHOTS").as_deref() {
        Ok("docs") => Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/screens"),
        _ => PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("screens"),
    };
    std::fs::create_dir_all(&out).unwrap();
    for (width, height) in [(1280, 800), (1920, 1080)] {
        for theme in Theme::ALL {
            walk_every_screen(width, height, theme, &out);
        }
    }
    for screen in SCREENS {
        for size in ["1280x800", "1920x1080"] {
            for theme in ["light", "dark"] {
                let file = out.join(format!("{screen}-{size}-{theme}.png"));
                assert!(file.is_file(), "{} was not saved", file.display());
            }
        }
    }
    eprintln!("screenshots in {}", out.display());
}
