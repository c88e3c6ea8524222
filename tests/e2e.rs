//! End to end: the real binary in a real window under Xvfb with Mesa's software
//! Vulkan, a scripted encounter played by real key presses (xdotool), and
//! screenshots of the encounter and the debrief (ImageMagick's `import`),
//! checked for the patient's face and kept for people to look at.
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
    for tool in ["Xvfb", "xdotool", "import"] {
        need(tool);
    }
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

    let n = free_display();
    let display = format!(":{n}");
    let _xvfb = Killed(
        Command::new("Xvfb")
            .args([display.as_str(), "-screen", "0", "1280x800x24", "-nolisten", "tcp"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("Xvfb starts"),
    );
    wait_for("Xvfb", Duration::from_secs(10), || Path::new(&format!("/tmp/.X11-unix/X{n}")).exists());

    let config = tempfile::tempdir().unwrap();
    let out_dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("e2e");
    std::fs::create_dir_all(&out_dir).unwrap();
    let log = std::fs::File::create(out_dir.join("app.log")).unwrap();
    let mut app = Killed(
        Command::new(env!("CARGO_BIN_EXE_bedside"))
            .args([
                "--play",
                scenario.to_str().unwrap(),
                "--seed",
                &seed.to_string(),
                "--config",
                config.path().to_str().unwrap(),
                "--data",
                config.path().join("data").to_str().unwrap(),
            ])
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .env("DISPLAY", &display)
            .env_remove("WAYLAND_DISPLAY")
            .stdout(Stdio::null())
            .stderr(log)
            .spawn()
            .expect("the app starts"),
    );
    let mut window = String::new();
    wait_for("the Bedside window", Duration::from_secs(120), || {
        window = x(&display, &["xdotool", "search", "--name", "^Bedside$"]).lines().next().unwrap_or("").to_owned();
        !window.is_empty()
    });
    x(&display, &["xdotool", "windowfocus", "--sync", &window]);
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
