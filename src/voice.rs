//! The patient's voice: a line spoken aloud by an offline system voice (flite,
//! else espeak-ng), run as a separate process so that neither's licence enters
//! this program, or written to a WAV file. No download and no network; with
//! neither installed there is simply no voice, and the settings say so.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

/// The speech programs Bedside knows, best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// CMU Flite: more natural; voices slt (a woman), rms and awb (men).
    Flite,
    /// eSpeak NG: many languages; a British English voice with variants.
    EspeakNg,
}

impl Backend {
    fn program(self) -> &'static str {
        match self {
            Backend::Flite => "flite",
            Backend::EspeakNg => "espeak-ng",
        }
    }
}

/// Whose voice: a woman's or a man's, and how old.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Voice {
    pub woman: bool,
    pub age: i64,
}

/// A speech program found on this computer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Speaker {
    pub backend: Backend,
    pub program: PathBuf,
}

impl Speaker {
    /// The best speech program on the `PATH`, unless `BEDSIDE_VOICE=off`.
    pub fn find() -> Option<Speaker> {
        if std::env::var("BEDSIDE_VOICE").is_ok_and(|v| v.eq_ignore_ascii_case("off")) {
            return None;
        }
        let path = std::env::var_os("PATH")?;
        [Backend::Flite, Backend::EspeakNg].into_iter().find_map(|backend| {
            std::env::split_paths(&path)
                .map(|dir| dir.join(backend.program()))
                .find(|p| p.is_file())
                .map(|program| Speaker { backend, program })
        })
    }

    /// What to tell a trainee about it: "flite" or "espeak-ng".
    pub fn name(&self) -> &'static str {
        self.backend.program()
    }

    /// The command that speaks `text` in `voice`, aloud (`wav` None) or into a WAV file.
    pub fn command(&self, voice: Voice, text: &str, wav: Option<&Path>) -> Command {
        let text = speakable(text);
        let mut c = Command::new(&self.program);
        // Older people speak a little slower; voices differ by sex.
        let slower = if voice.age >= 70 {
            1.15
        } else if voice.age >= 50 {
            1.05
        } else {
            1.0
        };
        match self.backend {
            Backend::Flite => {
                let name = match (voice.woman, voice.age >= 60) {
                    (true, _) => "slt",
                    (false, true) => "awb",
                    (false, false) => "rms",
                };
                c.args(["-voice", name, "--setf", &format!("duration_stretch={slower}")]);
                if voice.woman && voice.age >= 60 {
                    c.args(["--setf", "int_f0_target_mean=150"]);
                }
                c.args(["-t", &text]);
                c.args(["-o", &wav.map_or_else(|| "play".to_owned(), |p| p.display().to_string())]);
            }
            Backend::EspeakNg => {
                let variant = match (voice.woman, voice.age >= 60) {
                    (true, false) => "en-gb+f3",
                    (true, true) => "en-gb+f4",
                    (false, false) => "en-gb+m3",
                    (false, true) => "en-gb+m5",
                };
                let speed = (165.0 / slower) as i64;
                c.args(["-v", variant, "-s", &speed.to_string()]);
                if let Some(p) = wav {
                    c.arg("-w").arg(p);
                }
                c.arg("--").arg(&text);
            }
        }
        c.stdin(Stdio::null()).stdout(Stdio::null()).stderr(Stdio::null());
        c
    }

    /// Starts speaking `text` aloud; the caller may kill the child to stop it.
    pub fn speak(&self, voice: Voice, text: &str) -> std::io::Result<Child> {
        self.command(voice, text, None).spawn()
    }

    /// Writes `text` spoken in `voice` to a WAV file, through the same command.
    pub fn to_wav(&self, voice: Voice, text: &str, path: &Path) -> std::io::Result<()> {
        let status = self.command(voice, text, Some(path)).status()?;
        if status.success() {
            Ok(())
        } else {
            Err(std::io::Error::other(format!("{} ended with {status}", self.name())))
        }
    }
}

/// The words to say: stage directions in brackets ("(She grips the sheet)")
/// are for reading, not speaking; ellipses and dashes become pauses.
pub fn speakable(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut depth = 0usize;
    for c in line.chars() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = depth.saturating_sub(1),
            _ if depth > 0 => {}
            '…' => out.push_str(", "),
            '—' | '–' => out.push_str(", "),
            _ => out.push(c),
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stage_directions_are_not_spoken_and_pauses_are_kept() {
        assert_eq!(speakable("(Eleni grips the sheet) Eight. Nine if I try to move."), "Eight. Nine if I try to move.");
        assert_eq!(speakable("I just… I don't know — can you [quietly] help?"), "I just, I don't know , can you help?");
        assert_eq!(speakable("(He says nothing.)"), "");
    }

    #[test]
    fn each_backend_gets_a_voice_by_sex_and_age_and_the_text_as_one_argument() {
        let flite = Speaker { backend: Backend::Flite, program: "flite".into() };
        let args = |c: &Command| c.get_args().map(|a| a.to_string_lossy().into_owned()).collect::<Vec<_>>();
        let a = args(&flite.command(Voice { woman: true, age: 84 }, "Where am I?", None));
        assert!(a.windows(2).any(|w| w == ["-voice", "slt"]) && a.contains(&"int_f0_target_mean=150".to_owned()));
        assert!(a.windows(2).any(|w| w == ["-t", "Where am I?"]) && a.ends_with(&["-o".into(), "play".into()]));
        let a = args(&flite.command(Voice { woman: false, age: 34 }, "x", Some(Path::new("/tmp/a.wav"))));
        assert!(a.windows(2).any(|w| w == ["-voice", "rms"]) && a.ends_with(&["-o".into(), "/tmp/a.wav".into()]));
        let espeak = Speaker { backend: Backend::EspeakNg, program: "espeak-ng".into() };
        let a = args(&espeak.command(Voice { woman: false, age: 70 }, "-n is not an option", None));
        assert!(a.windows(2).any(|w| w == ["-v", "en-gb+m5"]));
        assert!(
            a.ends_with(&["--".into(), "-n is not an option".into()]),
            "a line starting with - is not read as an option"
        );
    }
}
