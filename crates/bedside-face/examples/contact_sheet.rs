//! Renders the shipped scenarios' people (read with bedside-core's loader) to
//! `docs/faces/contact-sheet.png`: one row per scenario, its person in its
//! scene, one column per state (the start, calm, fear, anger, grief, shame,
//! confusion), labelled; and, for asking viewers to name the emotions without
//! being told, 36 single faces (six emotions across different people) in a
//! shuffled order as `docs/faces/unlabelled/NN.png`, with the intended
//! emotions in `docs/faces/key.json`, outside that folder.
//!
//! `cargo run -p bedside-face --example contact_sheet [SCENARIOS_DIR [OUT_DIR]]`

use std::fs::{self, File};
use std::io::BufWriter;
use std::path::{Path, PathBuf};
use std::time::Instant;

use bedside_core::scenario::Scenario;
use bedside_core::scenario::load::Library;
use bedside_face::Expression;

/// A state to draw: its column label, the emotion a viewer should name, and the run's values.
struct State {
    label: &'static str,
    intended: &'static str,
    distress: f32,
    trust: f32,
    cue: Option<&'static str>,
}

/// The six emotions, as columns after the start.
const STATES: [State; 6] = [
    State { label: "Calm", intended: "calm", distress: 8.0, trust: 88.0, cue: None },
    State { label: "Afraid", intended: "fear", distress: 88.0, trust: 55.0, cue: Some("fear") },
    State { label: "Angry", intended: "anger", distress: 90.0, trust: 30.0, cue: Some("anger") },
    State { label: "Grieving", intended: "sadness", distress: 92.0, trust: 55.0, cue: Some("grief") },
    State { label: "Ashamed", intended: "shame", distress: 82.0, trust: 50.0, cue: Some("shame") },
    State { label: "Confused", intended: "confusion", distress: 78.0, trust: 60.0, cue: Some("confusion") },
];

/// The state a run starts in: the file's distress and trust, and the first line's cue.
fn start_state(s: &Scenario) -> Expression {
    let cue = s.nodes.get(&s.start).and_then(|n| n.cue).map(|c| c.emotion());
    Expression::from_run(s.patient.distress, s.patient.trust, cue)
}

/// An RGBA image to paste portraits and labels into.
struct Sheet {
    w: u32,
    h: u32,
    px: Vec<u8>,
}

impl Sheet {
    fn new(w: u32, h: u32, bg: [u8; 3]) -> Sheet {
        let mut px = Vec::with_capacity((w * h * 4) as usize);
        for _ in 0..w * h {
            px.extend_from_slice(&[bg[0], bg[1], bg[2], 255]);
        }
        Sheet { w, h, px }
    }

    fn paste(&mut self, x: u32, y: u32, w: u32, h: u32, rgba: &[u8]) {
        for row in 0..h.min(self.h.saturating_sub(y)) {
            let src = (row * w * 4) as usize;
            let dst = (((y + row) * self.w + x) * 4) as usize;
            let n = (w.min(self.w - x) * 4) as usize;
            self.px[dst..dst + n].copy_from_slice(&rgba[src..src + n]);
        }
    }

    /// Writes text in a small built-in 5x7 font (no system fonts needed).
    fn text(&mut self, x: u32, y: u32, scale: u32, text: &str, colour: [u8; 3]) {
        let mut cx = x;
        for ch in text.chars() {
            let rows = glyph(ch.to_ascii_uppercase());
            for (r, bits) in rows.iter().enumerate() {
                for c in 0..5 {
                    if bits & (0b10000 >> c) != 0 {
                        for dy in 0..scale {
                            for dx in 0..scale {
                                let (px, py) = (cx + c * scale + dx, y + r as u32 * scale + dy);
                                if px < self.w && py < self.h {
                                    let i = ((py * self.w + px) * 4) as usize;
                                    self.px[i..i + 3].copy_from_slice(&colour);
                                }
                            }
                        }
                    }
                }
            }
            cx += 6 * scale;
        }
    }
}

fn glyph(c: char) -> [u8; 7] {
    match c {
        'A' => [14, 17, 17, 31, 17, 17, 17],
        'B' => [30, 17, 17, 30, 17, 17, 30],
        'C' => [14, 17, 16, 16, 16, 17, 14],
        'D' => [30, 17, 17, 17, 17, 17, 30],
        'E' => [31, 16, 16, 30, 16, 16, 31],
        'F' => [31, 16, 16, 30, 16, 16, 16],
        'G' => [14, 17, 16, 23, 17, 17, 15],
        'H' => [17, 17, 17, 31, 17, 17, 17],
        'I' => [14, 4, 4, 4, 4, 4, 14],
        'J' => [7, 2, 2, 2, 2, 18, 12],
        'K' => [17, 18, 20, 24, 20, 18, 17],
        'L' => [16, 16, 16, 16, 16, 16, 31],
        'M' => [17, 27, 21, 21, 17, 17, 17],
        'N' => [17, 17, 25, 21, 19, 17, 17],
        'O' => [14, 17, 17, 17, 17, 17, 14],
        'P' => [30, 17, 17, 30, 16, 16, 16],
        'Q' => [14, 17, 17, 17, 21, 18, 13],
        'R' => [30, 17, 17, 30, 20, 18, 17],
        'S' => [15, 16, 16, 14, 1, 1, 30],
        'T' => [31, 4, 4, 4, 4, 4, 4],
        'U' => [17, 17, 17, 17, 17, 17, 14],
        'V' => [17, 17, 17, 17, 17, 10, 4],
        'W' => [17, 17, 17, 21, 21, 21, 10],
        'X' => [17, 17, 10, 4, 10, 17, 17],
        'Y' => [17, 17, 10, 4, 4, 4, 4],
        'Z' => [31, 1, 2, 4, 8, 16, 31],
        '0' => [14, 17, 19, 21, 25, 17, 14],
        '1' => [4, 12, 4, 4, 4, 4, 14],
        '2' => [14, 17, 1, 2, 4, 8, 31],
        '3' => [31, 2, 4, 2, 1, 17, 14],
        '4' => [2, 6, 10, 18, 31, 2, 2],
        '5' => [31, 16, 30, 1, 1, 17, 14],
        '6' => [6, 8, 16, 30, 17, 17, 14],
        '7' => [31, 1, 2, 4, 8, 8, 8],
        '8' => [14, 17, 17, 14, 17, 17, 14],
        '9' => [14, 17, 17, 15, 1, 2, 12],
        '-' => [0, 0, 0, 31, 0, 0, 0],
        ',' => [0, 0, 0, 0, 12, 4, 8],
        '.' => [0, 0, 0, 0, 0, 12, 12],
        '(' => [2, 4, 8, 8, 8, 4, 2],
        ')' => [8, 4, 2, 2, 2, 4, 8],
        _ => [0; 7],
    }
}

fn write_png(path: &Path, w: u32, h: u32, rgba: &[u8]) {
    let file = File::create(path).unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
    use image::ImageEncoder;
    use image::codecs::png::{CompressionType, FilterType, PngEncoder};
    PngEncoder::new_with_quality(BufWriter::new(file), CompressionType::Best, FilterType::Adaptive)
        .write_image(rgba, w, h, image::ExtendedColorType::Rgba8)
        .expect("png written");
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut args = std::env::args().skip(1);
    let scenarios = args.next().map(PathBuf::from).unwrap_or_else(|| root.join("scenarios"));
    let out = args.next().map(PathBuf::from).unwrap_or_else(|| root.join("docs/faces"));
    let unlabelled = out.join("unlabelled");
    fs::create_dir_all(&unlabelled).expect("create the output folders");
    // Old faces go, so the folder holds only this run's.
    for entry in fs::read_dir(&unlabelled).expect("read the unlabelled folder").flatten() {
        if entry.path().extension().is_some_and(|x| x == "png" || x == "csv") {
            fs::remove_file(entry.path()).expect("remove an old face");
        }
    }

    let library = Library::load(std::slice::from_ref(&scenarios));
    let problems: Vec<String> = library.diagnostics().map(|d| d.headline()).collect();
    assert!(problems.is_empty(), "the scenarios have problems:\n{}", problems.join("\n"));
    let people: Vec<&Scenario> = library.scripts().map(|s| s.scenario()).collect();
    assert!(!people.is_empty(), "no scenarios in {}", scenarios.display());

    let started = Instant::now();
    let (cw, ch, gap, head, band) = (176u32, 220u32, 6u32, 24u32, 20u32);
    let cols = STATES.len() as u32 + 1;
    let w = gap + cols * (cw + gap);
    let h = head + people.len() as u32 * (band + ch + gap) + gap;
    let mut sheet = Sheet::new(w, h, [246, 244, 240]);
    let labels = std::iter::once("At start").chain(STATES.iter().map(|s| s.label));
    for (c, label) in labels.enumerate() {
        sheet.text(gap + c as u32 * (cw + gap) + 4, 7, 2, label, [60, 60, 60]);
    }
    for (r, s) in people.iter().enumerate() {
        let y = head + r as u32 * (band + ch + gap);
        let p = &s.patient;
        let label = format!("{} - {}, {}", s.id, p.name, p.age);
        sheet.text(gap + 4, y + 5, 2, &label, [40, 40, 40]);
        let faces = std::iter::once(start_state(s))
            .chain(STATES.iter().map(|st| Expression::from_state(st.distress, st.trust, st.cue)));
        for (c, e) in faces.enumerate() {
            let rgba = bedside_face::portrait(&p.look, p.age_years(), &e, 0.3, cw, ch).expect("render");
            sheet.paste(gap + c as u32 * (cw + gap), y + band, cw, ch, &rgba);
        }
    }
    write_png(&out.join("contact-sheet.png"), w, h, &sheet.px);

    // Six emotions, each on six different people, in a fixed shuffled order so
    // that neighbours give nothing away.
    let mut faces: Vec<(usize, usize)> = Vec::new();
    for (k, _) in STATES.iter().enumerate() {
        for j in 0..6 {
            faces.push((k, (j * 3 + k) % people.len()));
        }
    }
    let mut seed = 0x2545_f491_u64;
    for i in (1..faces.len()).rev() {
        seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        faces.swap(i, (seed >> 33) as usize % (i + 1));
    }
    let mut key = serde_json::Map::new();
    for (n, &(k, who)) in faces.iter().enumerate() {
        let (st, p) = (&STATES[k], &people[who].patient);
        let e = Expression::from_state(st.distress, st.trust, st.cue);
        let rgba = bedside_face::portrait(&p.look, p.age_years(), &e, 0.3, 256, 320).expect("render");
        let name = format!("{:02}", n + 1);
        write_png(&unlabelled.join(format!("{name}.png")), 256, 320, &rgba);
        key.insert(name, serde_json::Value::from(st.intended));
    }
    let json = serde_json::to_string_pretty(&serde_json::Value::Object(key)).expect("the key as JSON");
    fs::write(out.join("key.json"), json + "\n").expect("write the key");
    println!(
        "{} people in {} states, and {} unlabelled faces, in {:.2?}; written to {}",
        people.len(),
        cols,
        faces.len(),
        started.elapsed(),
        out.display()
    );
}
